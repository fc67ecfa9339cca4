"""The corpus of bad deliveries (tests/corpus/make_corpus.py): each fault gets the outcome its
table row says, and nothing else moves: other deliveries stay as they were, the accepted files
are byte-identical, and the publication is not touched.

A good base landing is built once (gate → dbt build → publish). Each case is then checked with
the gate alone on a copy of the base (a quarantined delivery cannot change the marts: the build
reads accepted/ only), and the whole corpus once through the full pipeline.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import make_settings
from corpus.make_corpus import CASES, PERSONNUMMER, TELEFONNUMMER, Case, write_base_landing
from hsn.fingerprint import accepted_fingerprint
from hsn.gate import run_gate
from hsn.gate.contract import EXTRACTS
from hsn.gate.manifest import load_manifest
from hsn.gate.paths import accepted_file
from hsn.pipeline import run_pipeline
from hsn.settings import Settings


def quiet(_: str) -> None:
    pass


def file_hashes(folder: Path, pattern: str = "*") -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob(pattern))
        if path.is_file()
    }


def statuses(settings: Settings) -> dict[str, tuple[str, str]]:
    deliveries = load_manifest(settings.manifest_path)["deliveries"]
    return {key: (entry["status"], entry["checksum"]) for key, entry in deliveries.items()}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = make_settings(tmp_path_factory.mktemp("corpus_base"))
    write_base_landing(settings.landing_dir)
    result = run_pipeline(settings, progress=quiet)
    assert result.success, result.dbt and result.dbt.failures
    assert [o for o in result.gate.outcomes if o.status != "accepted"] == []
    return settings


def copy_for_gate(base: Settings, root: Path) -> Settings:
    """The base landing, accepted data and manifest (what the gate reads and writes)."""
    settings = make_settings(root)
    shutil.copytree(base.landing_dir, settings.landing_dir)
    shutil.copytree(base.accepted_dir, settings.accepted_dir)
    shutil.copy2(base.manifest_path, settings.manifest_path)
    return settings


def test_the_corpus_is_big_and_each_case_has_its_own_folder() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)
    assert len({case.key for case in CASES}) == len(CASES)
    covered = {case.extract for case in CASES}
    assert set(EXTRACTS) <= covered


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in CASES],
)
def test_case(case: Case, base: Settings, tmp_path: Path) -> None:
    settings = copy_for_gate(base, tmp_path)
    before_files = file_hashes(settings.accepted_dir, "data.parquet")
    before = statuses(settings)

    case.write(settings.landing_dir)
    result = run_gate(settings)

    outcomes = {f"{o.extract}/{o.period}": o for o in result.outcomes}
    outcome = outcomes.pop(case.key)
    assert outcome.status == case.outcome, outcome.message
    failed = set(outcome.rules_failed)
    assert set(case.rules) <= failed <= set(case.rules) | set(case.also), outcome.message
    # every other delivery is as it was: unchanged, same checksum, same accepted bytes
    assert {o.status for o in outcomes.values()} == {"unchanged"}
    after = statuses(settings)
    own = {key for key in after if key not in before or after[key] != before[key]}
    assert len(own) == 1
    assert {k: v for k, v in after.items() if k not in own} == {
        k: v for k, v in before.items() if k not in own
    }
    after_files = file_hashes(settings.accepted_dir, "data.parquet")
    if case.outcome == "accepted":
        extract, period = case.key.split("/")
        target = accepted_file(settings.accepted_dir, extract, period)
        new = str(target.relative_to(settings.accepted_dir))
        assert set(after_files) - set(before_files) == {new}
        assert pq.read_schema(target) == EXTRACTS[extract].accepted_schema()
        after_files.pop(new)
    assert after_files == before_files
    if case.outcome == "quarantined":
        check_report(outcome.report_path, case)


def check_report(report_path: Path | None, case: Case) -> None:
    """The report names the rules and shows no identifier (masked) and no free text."""
    assert report_path is not None and report_path.exists()
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert {r["rule"] for r in report["rules_failed"]} >= set(case.rules)
    folder_text = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in report_path.parent.glob("*.*")
        if p.suffix in {".json", ".txt"}
    )
    for value in (*PERSONNUMMER, *TELEFONNUMMER, "Taxiresa"):
        assert value not in folder_text


def test_samples_in_quarantine_reports_are_masked(base: Settings, tmp_path: Path) -> None:
    """A bad vardkontakter month: the sample rows show the personnummer as asterisks."""
    settings = copy_for_gate(base, tmp_path)
    case = next(c for c in CASES if c.name == "vk_value_outside_set")
    case.write(settings.landing_dir)
    outcome = next(o for o in run_gate(settings).outcomes if o.status == "quarantined")
    report = json.loads(Path(outcome.report_path).read_text(encoding="utf-8"))
    samples = [row for rule in report["rules_failed"] for row in rule["sample_rows"]]
    assert len(samples) == 2
    assert {row["personnummer"] for row in samples} == {"************"}
    assert {row["kontakttyp"] for row in samples} == {"BREV"}
    text = (Path(outcome.report_path).parent / "report.txt").read_text(encoding="utf-8")
    assert "************" in text and PERSONNUMMER[0] not in text


def test_whole_corpus_in_one_run_leaves_the_publication_untouched(
    base: Settings, tmp_path: Path
) -> None:
    """Every quick quarantine case at once through gate → build → publish: nothing new is
    accepted, so nothing is built, and the published files are byte for byte the same."""
    root = tmp_path / "run"
    shutil.copytree(base.landing_dir.parent, root, symlinks=True)
    settings = make_settings(root)
    published = file_hashes(settings.published_dir)
    accepted = file_hashes(settings.accepted_dir, "data.parquet")
    fingerprint = accepted_fingerprint(settings)
    cases = [c for c in CASES if c.outcome == "quarantined" and not c.slow]
    for case in cases:
        case.write(settings.landing_dir)

    result = run_pipeline(settings, progress=quiet)

    assert result.success
    quarantined = {f"{o.extract}/{o.period}" for o in result.gate.outcomes
                   if o.status == "quarantined"}
    assert {c.key for c in cases} <= quarantined
    assert result.skipped_reason is not None and result.dbt is None
    assert accepted_fingerprint(settings) == fingerprint
    assert file_hashes(settings.accepted_dir, "data.parquet") == accepted
    assert file_hashes(settings.published_dir) == published


def test_accepted_cases_give_the_same_accepted_data_as_clean_deliveries(
    base: Settings, tmp_path: Path
) -> None:
    """The deliveries accepted although odd (an extra column, an empty second file, dates as
    ISO text) are accepted as byte for byte the same files as the same months delivered
    cleanly, so the build (which reads accepted/ only) gives the same marts."""
    from corpus.make_corpus import ledger_table, write_table

    odd = copy_for_gate(base, tmp_path / "odd")
    clean = copy_for_gate(base, tmp_path / "clean")
    accepted_cases = [c for c in CASES if c.outcome == "accepted" and not c.slow]
    for case in accepted_cases:
        case.write(odd.landing_dir)
        period = case.key.split("/")[1]
        write_table(
            clean.landing_dir, "huvudbok", f"period={period}", ledger_table(period), "hb.parquet"
        )
    results = [run_gate(s) for s in (odd, clean)]
    assert [r.accepted for r in results] == [3, 3]
    assert {c.key.split("/")[1] for c in accepted_cases} == {"2024-04", "2024-09", "2025-03"}
    assert file_hashes(odd.accepted_dir, "data.parquet") == file_hashes(
        clean.accepted_dir, "data.parquet"
    )
