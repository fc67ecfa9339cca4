"""Publishing for BI: atomic, complete or not at all, traceable, and never blocked by a reader.

The BI reader below is a real second process holding the published DuckDB file open read-only
while `run_pipeline` builds and publishes a re-delivered month."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import make_settings
from hsn import publish as publish_module
from hsn.pipeline import run_pipeline
from hsn.settings import Settings
from landing import write_budget, write_huvudbok, write_organisation


def quiet(_: str) -> None:
    pass


def base_landing(landing: Path) -> None:
    for period in ("2024-01", "2024-02"):
        write_organisation(landing, period)
    write_huvudbok(landing, "2024-01", [("240101", "4011", "100.00")])
    write_huvudbok(landing, "2024-02", [("240101", "4011", "200.00"), ("220101", "4011", "7.00")])
    write_budget(landing, 2024, [("240101", "4011", "150.00")])


def redeliver_february(landing: Path, amount: str) -> None:
    february = landing / "huvudbok" / "period=2024-02"
    for old in february.glob("*.parquet"):
        old.unlink()
    write_huvudbok(landing, "2024-02", [("240101", "4011", amount)], file_name="rattad.parquet")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_files(settings: Settings) -> dict[str, str]:
    return {
        str(path.relative_to(settings.published_dir)): digest(path)
        for path in sorted(settings.published_dir.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One publication shared by the tests below, which run in file order: the two failures
    first (they must leave it untouched), then a reader across a real re-publication."""
    settings = make_settings(tmp_path_factory.mktemp("publish"))
    base_landing(settings.landing_dir)
    result = run_pipeline(settings, progress=quiet)
    assert result.success, result.dbt and result.dbt.failures
    return settings


def test_publication_is_complete_readable_and_traceable(published: Settings) -> None:
    settings = published
    record = json.loads((settings.published_dir / "publication.json").read_text())
    # what went in: exactly the accepted deliveries, with their checksums and rows
    accepted = pq.read_table(settings.accepted_dir / "_manifest" / "deliveries.parquet")
    expected = sorted(
        (row["extract"], row["period"], row["checksum"], row["rows"])
        for row in accepted.to_pylist()
    )
    assert sorted(
        (d["extract"], d["period"], d["checksum"], d["rows"]) for d in record["deliveries"]
    ) == expected
    huvudbok = {d["period"]: d["rows"] for d in record["deliveries"] if d["extract"] == "huvudbok"}
    assert huvudbok == {"2024-01": 1, "2024-02": 2}
    assert record["dbt"]["success"] is True
    assert record["dbt"]["dbt_version"].startswith("1.11")
    assert not [key for key in record["dbt"]["counts"] if key.split()[-1] in {"error", "fail"}]
    assert record["build_seconds"] > 0 and record["published_at"]
    # one Parquet file per mart and dimension, equal to the tables in the published file
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        tables = publish_module.public_relations(con)
        mart_rows = con.execute("select count(*) from mart_budgetavvikelse").fetchone()[0]
    assert sorted(record["exports"]) == sorted(f"{t}.parquet" for t in tables)
    assert {"mart_budgetavvikelse", "mart_r12", "dim_period"} <= set(tables)
    export = pq.read_table(settings.exports_dir / "mart_budgetavvikelse.parquet")
    assert export.num_rows == mart_rows
    # dbt's static docs (one HTML file holding the manifest) and the report of February
    docs = (settings.published_dir / "docs" / "index.html").read_text(encoding="utf-8")
    assert "mart_budgetavvikelse" in docs and len(docs) > 100_000
    report = settings.published_dir / "rapport" / "resultatuppfoljning_2024-02.html"
    assert "Resultatuppföljning februari 2024" in report.read_text(encoding="utf-8")
    # readable by group and others, writable by the owner only; no staging left behind
    for path in [settings.published_dir, *settings.published_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))
    assert not (settings.published_dir / ".staging").exists()
    assert not list(settings.published_dir.rglob(".*.tmp"))


def test_failure_while_publishing_keeps_the_previous_publication(
    published: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = published
    before = published_files(settings)
    calls = []

    def failing_export(con, relation, destination):  # the disk fills up on the third file
        calls.append(relation)
        if len(calls) == 3:
            raise OSError("No space left on device")
        return original(con, relation, destination)

    original = publish_module.export_parquet
    monkeypatch.setattr(publish_module, "export_parquet", failing_export)
    redeliver_february(settings.landing_dir, "250.00")
    result = run_pipeline(settings, progress=quiet)
    assert not result.success and result.publication is None and result.report is None
    assert "No space left on device" in (result.error or "")
    assert published_files(settings) == before
    assert not (settings.published_dir / ".staging").exists()


def test_failed_docs_publish_nothing_and_say_why(
    published: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hsn import pipeline
    from hsn.dbt_build import DbtSummary

    settings = published
    before = published_files(settings)
    real_run_dbt = pipeline.run_dbt

    def run_dbt(settings_, args, *rest, **kwargs):
        if args[0] == "docs":
            return DbtSummary(success=False, failures=["docs: catalog query failed"])
        return real_run_dbt(settings_, args, *rest, **kwargs)

    monkeypatch.setattr(pipeline, "run_dbt", run_dbt)
    # as after a change to the project (else the published docs are kept)
    monkeypatch.setattr(pipeline, "reusable_docs", lambda *_: None)
    result = run_pipeline(settings, force=True, progress=quiet)
    assert not result.success and result.publication is None
    assert "docs generate" in (result.error or "") and "catalog query failed" in result.error
    assert published_files(settings) == before


READER = textwrap.dedent(
    """
    import sys, duckdb
    path = sys.argv[1]
    query = ("select sum(utfall) from mart_budgetavvikelse "
             "where niva = 'region' and period = date '2024-02-01'")
    con = duckdb.connect(path, read_only=True)
    print("before", con.execute(query).fetchone()[0], flush=True)
    sys.stdin.readline()  # hold the file open until the build has published
    print("held", con.execute(query).fetchone()[0], flush=True)
    con.close()
    con = duckdb.connect(path, read_only=True)
    print("after", con.execute(query).fetchone()[0], flush=True)
    """
)


def test_bi_reader_in_another_process_never_blocks_a_build(published: Settings) -> None:
    settings = published
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(settings.published_warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdin is not None
        assert reader.stdout.readline().split() == ["before", "-207.00"]
        # the reader holds the published file open while a new month is built and published
        redeliver_february(settings.landing_dir, "250.00")
        result = run_pipeline(settings, progress=quiet)
        assert result.success and result.publication is not None, result.error
        reader.stdin.write("go\n")
        reader.stdin.flush()
        out, err = reader.communicate(timeout=60)
    finally:
        reader.kill()
    # the open connection keeps reading the old publication, a new one sees the new data
    assert out.split("\n")[:2] == ["held -207.00", "after -250.00"], err


def test_next_build_starts_from_the_published_copy(
    published: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = published
    # a tiny warehouse regrows by half at once (DuckDB allocates whole blocks per table)
    monkeypatch.setattr(publish_module, "REGROWTH_LIMIT", 1000.0)
    with duckdb.connect(str(settings.published_warehouse)) as con:
        # state an incremental model would keep, and a relation of a model deleted since
        con.execute("create table mart_borttagen as select 1 as x")
    assert publish_module.prepare_working_copy(settings)
    with duckdb.connect(str(settings.build_warehouse), read_only=True) as con:
        assert con.execute("select x from mart_borttagen").fetchone() == (1,)

    exports_before = {p.name: digest(p) for p in settings.exports_dir.glob("*.parquet")}
    compacted = json.loads((settings.published_dir / "publication.json").read_text())[
        "compacted_bytes"
    ]
    said: list[str] = []
    result = run_pipeline(settings, force=True, progress=said.append)
    assert result.success, result.error or (result.dbt and result.dbt.failures)
    # the build over the copy replaced every table: the marts are byte-identical, the
    # deleted model's table is gone from the file and from the exports
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        rows = con.execute("select table_name from information_schema.tables").fetchall()
    tables = {name for (name,) in rows}
    assert "mart_borttagen" not in tables
    exports_after = {p.name: digest(p) for p in settings.exports_dir.glob("*.parquet")}
    assert exports_after == exports_before
    assert "dbt build: working copy starts from the published warehouse" in said
    # a monthly build within the regrowth limit is published as a plain copy of the working
    # file, and the record carries the last compacted size over
    assert any("copying (no compaction needed)" in line for line in said), said
    record = json.loads((settings.published_dir / "publication.json").read_text())
    assert record["compacted_bytes"] == compacted
    assert settings.published_warehouse.stat().st_size == settings.build_warehouse.stat().st_size

    # a full refresh compacts again: the record holds the new file's own size
    said.clear()
    result = run_pipeline(settings, full_refresh=True, progress=said.append)
    assert result.success, result.error or (result.dbt and result.dbt.failures)
    assert "dbt build: working copy starts empty" in said  # a full refresh needs no state
    assert any(line.startswith("publish: compacting") for line in said), said
    record = json.loads((settings.published_dir / "publication.json").read_text())
    assert record["compacted_bytes"] == settings.published_warehouse.stat().st_size
    assert {p.name: digest(p) for p in settings.exports_dir.glob("*.parquet")} == exports_before


@pytest.mark.parametrize(
    ("size", "previous", "full_refresh", "expected"),
    [
        (100, {"compacted_bytes": 100}, False, False),  # as compacted: copy
        (150, {"compacted_bytes": 100}, False, False),  # exactly the limit: still a copy
        (151, {"compacted_bytes": 100}, False, True),  # regrown past half as large again
        (100, {"compacted_bytes": 100}, True, True),  # a full refresh rewrote every table
        (100, {}, False, True),  # a publication from before compacted sizes were recorded
        (100, None, False, True),  # the first publication
        (100, {"compacted_bytes": "lots"}, False, True),  # a hand-edited record: compact
    ],
)
def test_compaction_only_after_a_full_refresh_or_regrowth(
    tmp_path: Path, size: int, previous: dict | None, full_refresh: bool, expected: bool
) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.write_bytes(b"x" * size)
    assert publish_module.needs_compaction(warehouse, previous, full_refresh) is expected


# -- `hsn publish`: only a passed build, with `hsn run`'s record --------------------------------


@pytest.fixture
def hsn_env(published: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The environment `hsn` reads, pointing at the shared publication; no plain `dbt build`
    results (a stray target/ in the repository would otherwise count as the newest build)."""
    from hsn import pipeline

    monkeypatch.setenv("HSN_DATA_DIR", str(published.data_dir))
    monkeypatch.setenv("HSN_LANDING_DIR", str(published.landing_dir))
    monkeypatch.setenv("HSN_PSEUDONYM_KEY", published.pseudonym_key)
    monkeypatch.setattr(pipeline, "plain_dbt_results", lambda _: tmp_path / "no_run_results.json")
    return published


def test_hsn_publish_writes_the_same_record_as_a_run(hsn_env: Settings) -> None:
    from hsn import cli
    from hsn.dbt_build import build_results_path

    settings = hsn_env
    before = json.loads((settings.published_dir / "publication.json").read_text())
    exports = {p.name: digest(p) for p in settings.exports_dir.glob("*.parquet")}
    # the last build (the full refresh above) recorded its run results and exit code
    built = json.loads(build_results_path(settings).read_text())
    assert built["exit_code"] == 0 and built["args"]["which"] == "build"
    assert cli.main(["publish"]) == 0
    after = json.loads((settings.published_dir / "publication.json").read_text())
    # the same build, deliveries and fingerprints as the run that built it published
    assert after["deliveries"] == before["deliveries"] and after["deliveries"]
    assert after["fingerprints"] == before["fingerprints"]
    assert after["dbt"] == before["dbt"]  # invocation id, counts: the very same `dbt build`
    assert after["full_refresh"] is True and after["docs"] == "docs/index.html"
    assert {p.name: digest(p) for p in settings.exports_dir.glob("*.parquet")} == exports
    # so the next run finds nothing new, rather than rebuilding everything
    result = run_pipeline(settings, progress=quiet)
    assert result.success and (result.skipped_reason or "").startswith("nothing new")


def test_hsn_publish_refuses_unless_the_last_build_passed(
    hsn_env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hsn import cli, pipeline
    from hsn.dbt_build import build_results_path

    settings = hsn_env
    before = published_files(settings)
    failed_test = {"unique_id": "test.hsn.not_null_x", "status": "fail", "message": "Got 3"}
    again = "run `hsn build` again; the previous publication stays"

    def refused(path: Path, content: dict) -> str:
        path.write_text(json.dumps(content))
        assert cli.main(["publish"]) == 1
        err = capsys.readouterr().err
        assert published_files(settings) == before  # byte-identical
        assert err.startswith("hsn publish: ") and err.count("\n") == 1, err
        return err.strip().removeprefix("hsn publish: ")

    # a plain `dbt build` from the repository root failed after hsn's last (passed) build
    plain = tmp_path / "target" / "run_results.json"
    plain.parent.mkdir()
    monkeypatch.setattr(pipeline, "plain_dbt_results", lambda _: plain)
    build = {"args": {"which": "build", "select": []}, "elapsed_time": 1.0}
    assert refused(plain, {**build, "results": [failed_test]}) == (
        f"the last `dbt build` failed ({plain}: 1 failed, the first "
        f"test.hsn.not_null_x: Got 3); {again}"
    )
    plain.unlink()
    # hsn build: failed, killed, or a `dbt docs generate` / part of the project only
    path = build_results_path(settings)
    assert refused(path, {**build, "results": [failed_test], "exit_code": 1}) == (
        f"the last `dbt build` failed (dbt exited with 1) ({path}); {again}"
    )
    assert refused(path, {**build, "results": [], "exit_code": None}) == (
        f"the last `dbt build` did not finish ({path}); {again}"
    )
    assert refused(path, {"args": {"which": "generate"}, "results": []}) == (
        f"the newest dbt run ({path}) was not a `dbt build` of the whole project but dbt's "
        f"`generate`; {again}"
    )
    selected = {"args": {"which": "build", "select": ["mart_r12"]}, "results": [], "exit_code": 0}
    assert refused(path, selected) == (
        f"the newest dbt run ({path}) was not a `dbt build` of the whole project but dbt's "
        f"`build` with --select; {again}"
    )


def test_report_failure_after_publishing_keeps_the_publication(
    published: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hsn import pipeline
    from hsn.dbt_build import build_results_path

    def failing_report(*_args: object, **_kwargs: object) -> None:
        raise OSError("No space left on device: rapport/resultatuppfoljning_2024-02.html")

    monkeypatch.setattr(pipeline, "write_latest_report", failing_report)
    settings = published
    result = run_pipeline(settings, force=True, progress=quiet)
    # published, and said so; the report's failure is apart, with its traceback
    assert result.success and result.publication is not None and result.error is None
    assert result.report is None
    assert result.report_error == (
        "OSError: No space left on device: rapport/resultatuppfoljning_2024-02.html"
    )
    assert "Traceback" in (result.report_traceback or "")
    record = json.loads((settings.published_dir / "publication.json").read_text())
    built = json.loads(build_results_path(settings).read_text())
    assert record["dbt"]["invocation_id"] == built["metadata"]["invocation_id"]  # this build's


def test_hsn_publish_refuses_results_that_do_not_describe_the_working_copy(
    hsn_env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    from datetime import UTC, datetime

    import pyarrow as pa

    from hsn import cli
    from hsn.dbt_build import build_results_path

    settings = hsn_env
    before = published_files(settings)
    built = json.loads(build_results_path(settings).read_text())
    started = datetime.fromisoformat(built["metadata"]["generated_at"]).timestamp() - float(
        built["elapsed_time"]
    )
    again = "run `hsn build` again; the previous publication stays"
    warehouse = settings.build_warehouse
    written = warehouse.stat()

    # a working copy last written a minute before the build started was not built by it
    os.utime(warehouse, (started - 60, started - 60))
    try:
        assert cli.main(["publish"]) == 1
    finally:
        os.utime(warehouse, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert capsys.readouterr().err.strip() == (
        f"hsn publish: the working copy {warehouse} was last written before the last "
        f"`dbt build` ({build_results_path(settings)}) started: that build did not build it; "
        f"{again}"
    )
    assert published_files(settings) == before

    # a delivery accepted (by `hsn gate`) after the build started may not be in it
    manifest = settings.accepted_dir / "_manifest" / "deliveries.parquet"
    original = manifest.read_bytes()
    table = pq.read_table(manifest)
    later = datetime(2099, 1, 2, 3, 4, 5, tzinfo=UTC)  # only the first delivery's changes
    times = [later, *table.column("accepted_at").to_pylist()[1:]]
    accepted_at = pa.array(times, table.schema.field("accepted_at").type)
    newest = table.slice(0, 1).to_pylist()[0]
    column = table.schema.get_field_index("accepted_at")
    pq.write_table(table.set_column(column, "accepted_at", accepted_at), manifest)
    try:
        assert cli.main(["publish"]) == 1
    finally:
        manifest.write_bytes(original)
    err = capsys.readouterr().err.strip()
    assert err.startswith("hsn publish: ") and "2099-01-02 03:04:05 UTC, after the last" in err
    assert err.endswith(f"so that build may not contain it; {again}")
    assert f"hsn publish: {newest['extract']} {newest['period']} was accepted at" in err
    assert published_files(settings) == before


def test_hsn_publish_refuses_after_a_model_was_edited_since_the_build(
    hsn_env: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hsn import cli, pipeline
    from hsn.dbt_build import build_results_path

    settings = hsn_env
    before = published_files(settings)
    edited = settings.repo_root / "models" / "marts" / "ekonomi" / "mart_r12.sql"
    # the repository's own files are not touched: the edit is what changed_since reports
    monkeypatch.setattr(pipeline, "changed_since", lambda root, started: edited)
    assert cli.main(["publish"]) == 1
    assert capsys.readouterr().err.strip() == (
        "hsn publish: models/marts/ekonomi/mart_r12.sql was changed after the last `dbt build` "
        f"({build_results_path(settings)}) started, so that build may not contain the change; "
        "run `hsn build` again; the previous publication stays"
    )
    assert published_files(settings) == before
