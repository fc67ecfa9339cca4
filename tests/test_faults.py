"""Faults mid-run: a real `hsn run` killed (SIGKILL to its process group, as when a job is
killed or the machine stops) during the gate, during dbt build and at publishing. Each time the
published warehouse and exports stay the previous good ones; the next run recovers with no
manual step, and its marts equal those of a clean run on the same landing (nothing counted
twice, nothing lost)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import make_settings
from corpus.make_corpus import ledger_table, write_base_landing, write_table
from hsn.gate.manifest import load_manifest
from hsn.pipeline import run_pipeline
from hsn_process import HsnRun, hsn_env

pytestmark = pytest.mark.slow


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_accepted_consistent(data: Path) -> None:
    """Every accepted file is whole and holds the rows the manifest says."""
    manifest = load_manifest(data / "load_manifest.json")["deliveries"]
    for entry in manifest.values():
        if entry.get("status") == "accepted":
            path = data / entry["accepted_file"]
            assert pq.read_metadata(path).num_rows == entry["rows"], path
    for path in (data / "accepted").rglob("*.parquet"):
        pq.read_metadata(path)  # readable, not half written


def leftovers(data: Path) -> list[Path]:
    return [p for p in data.rglob("*") if p.name.endswith(".tmp") or p.name == ".staging"]


def test_killed_runs_leave_the_publication_and_the_next_run_recovers(tmp_path: Path) -> None:
    landing, data = tmp_path / "landing", tmp_path / "data"
    write_base_landing(landing)
    env = hsn_env(landing, data)
    first = HsnRun(env)
    assert first.finish() == 0, first.output
    published = hashes(data / "published")
    assert any(name.startswith("exports/") for name in published)

    # new deliveries arrive: two more ledger months
    for period in ("2024-03", "2024-04"):
        write_table(landing, "huvudbok", f"period={period}", ledger_table(period), "hb.parquet")
    write_table(landing, "huvudbok", "period=2024-05", ledger_table("2024-05"), "hb.parquet")

    # 1. during the gate: after the first new month is accepted
    run = HsnRun(env)
    run.wait_for(r"huvudbok/2024-03: accepted")
    run.kill()
    assert hashes(data / "published") == published
    assert_accepted_consistent(data)

    # 2. during dbt build: as soon as dbt has created its first table
    run = HsnRun(env)
    run.wait_for(r"OK created sql table model")
    run.kill()
    assert hashes(data / "published") == published
    assert_accepted_consistent(data)

    # 3. at publishing: the build and its tests passed, the publication begins
    run = HsnRun({**env, "HSN_TEST_PAUSE_AT": "publish"})
    run.wait_for(r"^test pause: publish")
    run.kill()
    assert hashes(data / "published") == published

    # 4. the next run recovers: no stale lock, no manual step
    recovery = HsnRun(env)
    assert recovery.finish() == 0, recovery.output
    assert "published:" in recovery.output
    assert_accepted_consistent(data)
    stale = leftovers(data)
    assert not [p for p in stale if p.name.endswith(".parquet") or p.name == ".staging"], stale
    manifest = load_manifest(data / "load_manifest.json")["deliveries"]
    assert {manifest[f"huvudbok/{p}"]["status"] for p in ("2024-03", "2024-04", "2024-05")} == {
        "accepted"
    }

    # the marts equal those of a clean run on the same landing
    clean = make_settings(tmp_path / "clean")
    clean = type(clean)(clean.repo_root, landing, clean.data_dir, clean.pseudonym_key)
    assert run_pipeline(clean, progress=lambda _: None).success
    exports = sorted(p.name for p in clean.exports_dir.glob("*.parquet"))
    assert exports == sorted(p.name for p in (data / "published" / "exports").glob("*.parquet"))
    with duckdb.connect() as con:
        for name in exports:
            a, b = str(clean.exports_dir / name), str(data / "published" / "exports" / name)
            differ = con.execute(
                "select count(*) from ((select * from read_parquet(?) except all "
                "select * from read_parquet(?)) union all (select * from read_parquet(?) "
                "except all select * from read_parquet(?)))",
                [a, b, b, a],
            ).fetchone()[0]
            assert differ == 0, name
