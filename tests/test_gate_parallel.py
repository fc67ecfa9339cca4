"""The gate with worker processes gives exactly what it gives in one process.

A thin two-month demo plus two bad ledger months (a null in a required column; keys already
accepted for another month), gated once with HSN_GATE_WORKERS=1 and once with 2 into separate
data folders: same outcomes, byte-identical accepted files, the same manifest apart from its
timestamps and the same quarantine reports.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import make_settings
from hsn.demo import generate_demo
from hsn.gate import run_gate
from hsn.gate.runner import GateResult
from hsn.gate.workers import Checker, worker_count
from hsn.settings import Settings

TIMESTAMPS = {"processed_at", "accepted_at", "checked_at"}


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_settings(tmp_path_factory.mktemp("landing")).landing_dir
    generate_demo(root, first_period="2024-01", last_period="2024-02", scale=0.05)
    february = root / "huvudbok" / "period=2024-02"
    ledger = pq.read_table(next(february.glob("*.parquet")))
    # 2024-03: February's ledger again, so every key is already accepted for 2024-02
    (root / "huvudbok" / "period=2024-03").mkdir()
    for path in february.glob("*.parquet"):
        shutil.copy(path, root / "huvudbok" / "period=2024-03" / path.name)
    # 2024-04: new vouchers, but motpart (required) missing on the first three rows
    vouchers = pc.binary_join_element_wise("X", ledger.column("verifikation"), "")
    motpart = pa.array([None] * 3 + ledger.column("motpart").to_pylist()[3:], pa.string())
    bad = ledger.set_column(ledger.schema.get_field_index("verifikation"), "verifikation", vouchers)
    bad = bad.set_column(bad.schema.get_field_index("motpart"), "motpart", motpart)
    (root / "huvudbok" / "period=2024-04").mkdir()
    pq.write_table(bad, root / "huvudbok" / "period=2024-04" / "huvudbok.parquet")
    return root


def _gate(
    tmp: Path, landing: Path, workers: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Settings, GateResult]:
    settings = make_settings(tmp)
    settings = Settings(settings.repo_root, landing, settings.data_dir, settings.pseudonym_key)
    monkeypatch.setenv("HSN_GATE_WORKERS", workers)
    return settings, run_gate(settings)


def _outcomes(result: GateResult) -> list[tuple[Any, ...]]:
    return [(o.extract, o.period, o.status, o.rows, o.checksum, o.message) for o in result.outcomes]


def _files(folder: Path) -> dict[str, bytes]:
    """The accepted Parquet files (not _manifest/: the manifest's copy, with its timestamps)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.parquet"))
        if p.relative_to(folder).parts[0] != "_manifest"
    }


def _without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k not in TIMESTAMPS}
    if isinstance(value, list):
        return [_without_timestamps(v) for v in value]
    return value


def _json(path: Path) -> Any:
    return _without_timestamps(json.loads(path.read_text(encoding="utf-8")))


def test_two_workers_give_what_one_process_gives(
    tmp_path: Path, landing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, in_process = _gate(tmp_path / "one", landing, "1", monkeypatch)
    two, with_workers = _gate(tmp_path / "two", landing, "2", monkeypatch)

    assert _outcomes(in_process) == _outcomes(with_workers)
    statuses = {(o.extract, o.period): o.status for o in in_process.outcomes}
    assert statuses[("huvudbok", "2024-02")] == "accepted"
    assert statuses[("huvudbok", "2024-03")] == "quarantined"
    assert statuses[("huvudbok", "2024-04")] == "quarantined"
    assert sum(s == "accepted" for s in statuses.values()) >= 20

    accepted = _files(one.accepted_dir)
    assert len(accepted) >= 20
    assert accepted == _files(two.accepted_dir)
    assert _json(one.manifest_path) == _json(two.manifest_path)

    reports = sorted(p.relative_to(one.quarantine_dir) for p in one.quarantine_dir.rglob("*.json"))
    assert reports == sorted(
        p.relative_to(two.quarantine_dir) for p in two.quarantine_dir.rglob("*.json")
    )
    rules: set[tuple[str, str]] = set()
    for report in reports:
        first, second = _json(one.quarantine_dir / report), _json(two.quarantine_dir / report)
        assert first == second
        rules |= {(r["rule"], r["column"]) for r in first["rules_failed"] if r["sample_rows"]}
    assert ("not_null", "motpart") in rules
    assert ("unique_across_periods", "verifikation,rad") in rules


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HSN_GATE_WORKERS", raising=False)
    assert worker_count(3) == 1  # a few deliveries: not worth starting workers
    assert worker_count(15, 32 * 1024 * 1024 - 1) == 1  # one month of the region (12 MB)
    cores = min(2, os.cpu_count() or 1)
    assert worker_count(16) == cores  # a first load: many deliveries
    assert worker_count(8, 32 * 1024 * 1024) == cores  # a month of a region ten times larger
    monkeypatch.setenv("HSN_GATE_WORKERS", "2")
    assert worker_count(3) == 2
    monkeypatch.setenv("HSN_GATE_WORKERS", "0")
    with pytest.raises(ValueError, match="HSN_GATE_WORKERS"):
        worker_count(100)


def test_an_error_in_a_worker_is_raised_naming_the_delivery() -> None:
    checker = Checker(2)
    try:
        result = checker.submit("nosuch/2024-01", (), "nosuch", "2024-01", {}, None, "k")
        with pytest.raises(KeyError, match="nosuch") as raised:
            result()
    finally:
        checker.close()
    assert "checking delivery nosuch/2024-01" in " ".join(raised.value.__notes__)
