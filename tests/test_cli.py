"""`hsn`'s messages and exit codes: an error a user can fix is one line `hsn <command>: …` on
stderr naming the file or variable, exit 1, no traceback; `hsn run`'s exit codes as the README's
table says. Fast: no dbt build (the pipeline's result is made by hand where one is needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEST_KEY
from hsn import cli, pipeline
from hsn.dbt_build import DbtSummary
from hsn.gate import GateResult
from hsn.gate.runner import DeliveryOutcome
from hsn.pipeline import PipelineResult
from hsn.publish import Publication


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HSN_* pointing into tmp_path (landing not created); returns the data folder."""
    for name in ("HSN_GATE_WORKERS", "HSN_WAREHOUSE_PATH", "HSN_TEST_PAUSE_AT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HSN_LANDING_DIR", str(tmp_path / "landing"))
    monkeypatch.setenv("HSN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HSN_PSEUDONYM_KEY", TEST_KEY)
    return tmp_path / "data"


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err.strip()


@pytest.mark.parametrize("command", ["gate", "run"])
def test_missing_landing_folder_is_named(
    env: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([command]) == 1
    assert one_line_error(capsys) == (
        f"hsn {command}: landing folder {tmp_path / 'landing'} does not exist; "
        "set HSN_LANDING_DIR to the folder the source systems deliver to"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", "HSN_GATE_WORKERS must be a whole number of gate worker processes (1 or more), "
                "not 'abc'"),
        ("0", "HSN_GATE_WORKERS must be at least 1 (gate worker processes), not 0"),
    ],
)
def test_bad_gate_workers_setting_is_named(
    env: Path,
    tmp_path: Path,
    value: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "landing").mkdir()
    monkeypatch.setenv("HSN_GATE_WORKERS", value)
    assert cli.main(["gate"]) == 1
    assert one_line_error(capsys) == f"hsn gate: {expected}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{\"fingerprints\": ", "is not valid JSON (Expecting value: line 1 column 18 (char 17))"),
        ("[1, 2]", "holds a list, not a JSON object"),
    ],
)
def test_corrupt_publication_record_is_named(
    env: Path, tmp_path: Path, content: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "landing").mkdir()
    record = env / "published" / "publication.json"
    record.parent.mkdir(parents=True)
    record.write_text(content)
    assert cli.main(["run"]) == 1
    message = one_line_error(capsys)
    assert message.startswith(f"hsn run: {record} {expected}"), message
    assert message.endswith(
        "restore it, or delete it so that the next `hsn run` rebuilds and republishes all"
    )
    assert record.read_text() == content  # left as it was


def test_publish_without_a_working_copy_is_refused(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["publish"]) == 1
    assert one_line_error(capsys) == (
        f"hsn publish: no working copy at {env / 'warehouse.duckdb'}; run `hsn build` first"
    )


def test_a_bug_keeps_its_traceback(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a programming error")

    monkeypatch.setattr(pipeline, "run_pipeline", broken)
    with pytest.raises(KeyError, match="a programming error"):
        cli.main(["run"])


# -- hsn run's exit codes ------------------------------------------------------------------------


def outcome(status: str) -> DeliveryOutcome:
    return DeliveryOutcome("huvudbok", "2024-02", status, 2, "abc", "belopp: not a number")


def made_result(
    tmp_path: Path,
    *,
    status: str = "accepted",
    skipped: bool = False,
    dbt_passed: bool = True,
    report_error: str | None = None,
) -> PipelineResult:
    result = PipelineResult(gate=GateResult([outcome(status)]))
    if skipped:
        result.skipped_reason = "nothing new since the last publication"
        return result
    result.dbt = DbtSummary(success=dbt_passed, failures=[] if dbt_passed else ["test x: 3 rows"])
    if dbt_passed:
        result.publication = Publication(tmp_path / "warehouse.duckdb", [], tmp_path / "p.json")
    if report_error:
        result.report_error = report_error
        result.report_traceback = "Traceback (most recent call last):\n  …\n"
    return result


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({}, 0),
        ({"skipped": True}, 0),
        ({"status": "quarantined"}, 2),
        ({"status": "unchanged_quarantined"}, 2),
        # nothing new to build, but a delivery is still in quarantine: still a problem to look at
        ({"status": "unchanged_quarantined", "skipped": True}, 2),
        ({"dbt_passed": False}, 1),
        ({"dbt_passed": False, "status": "quarantined"}, 1),
        ({"report_error": "OSError: disk full"}, 4),
        ({"report_error": "OSError: disk full", "status": "quarantined"}, 4),
    ],
)
def test_run_exit_codes(tmp_path: Path, kwargs: dict, code: int) -> None:
    assert cli.run_exit_code(made_result(tmp_path, **kwargs)) == code


def test_run_still_quarantined_and_nothing_new_exits_2(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    result = made_result(tmp_path, status="unchanged_quarantined", skipped=True)
    monkeypatch.setattr(pipeline, "run_pipeline", lambda *_a, **_k: result)
    assert cli.main(["run"]) == 2
    out = capsys.readouterr().out
    assert "QUARANTINED huvudbok 2024-02: belopp: not a number" in out
    assert "build: skipped, nothing new since the last publication" in out


def test_run_report_failure_says_the_publication_stands(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    result = made_result(tmp_path, report_error="ValueError: no ledger for 2024-02")
    monkeypatch.setattr(pipeline, "run_pipeline", lambda *_a, **_k: result)
    assert cli.main(["run"]) == 4
    captured = capsys.readouterr()
    assert "published: " in captured.out
    assert (
        "report FAILED: ValueError: no ledger for 2024-02; the publication above stands, "
        "only its report is missing (`hsn report` writes it again)"
    ) in captured.out
    assert "nothing was published" not in captured.out
    assert captured.err.startswith("Traceback")  # how it failed, for whoever fixes it


def test_failed_bench_step_names_its_error_and_log(tmp_path: Path) -> None:
    from hsn.bench.runner import _phase
    from hsn.errors import HsnError
    from hsn.settings import REPO_ROOT, Settings

    workdir = tmp_path / "scale-1"
    settings = Settings(REPO_ROOT, workdir / "landing", workdir / "data", TEST_KEY)  # no landing
    with pytest.raises(HsnError) as raised:
        _phase(settings, ["run", "--force"], progress=lambda _: None)
    log = workdir / "logs" / "run_force.log"
    assert str(raised.value) == (
        f"bench step `run --force` failed (exit 1): hsn.errors.MissingFolder: landing folder "
        f"{workdir / 'landing'} does not exist; set HSN_LANDING_DIR to the folder the source "
        f"systems deliver to; its whole output is in {log}"
    )
    assert "Traceback" in log.read_text()  # the step's own output, kept
