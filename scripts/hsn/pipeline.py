"""gate → dbt build → publish, the chain `hsn run` performs. Each step is its own module."""

from __future__ import annotations

import json
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from hsn.dbt_build import (
    DbtSummary,
    build_results_path,
    dbt_target_dir,
    run_dbt,
    summarise,
)
from hsn.errors import HsnError
from hsn.fingerprint import accepted_fingerprint, changed_since, project_fingerprint
from hsn.gate import GateResult, run_gate
from hsn.gate.paths import deliveries_file
from hsn.publish import (
    Publication,
    built_relations,
    deliveries_in_use,
    last_publication,
    needs_compaction,
    prepare_working_copy,
    prune_relations,
    publish,
    run_results_summary,
)
from hsn.settings import Settings

Progress = Callable[[str], None]


def pause_for_tests(step: str) -> None:
    """Test hook: HSN_TEST_PAUSE_AT=<step> sleeps here, so a test can kill a run at that step
    (tests/test_faults.py). Unset in real runs."""
    if os.environ.get("HSN_TEST_PAUSE_AT") == step:
        print(f"test pause: {step}", flush=True)
        time.sleep(float(os.environ.get("HSN_TEST_PAUSE_SECONDS", "60")))


@dataclass
class PipelineResult:
    gate: GateResult
    dbt: DbtSummary | None = None
    publication: Publication | None = None
    skipped_reason: str | None = None
    error: str | None = None  # why nothing was published although dbt build passed
    report: Path | None = None
    report_error: str | None = None  # the publication stands, but its report failed
    report_traceback: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    full_refresh: bool = False  # dbt rebuilt every incremental model from scratch

    @property
    def success(self) -> bool:
        """Published, or nothing new to build (the report is apart: see report_error)."""
        return self.error is None and (
            self.skipped_reason is not None
            or (self.dbt is not None and self.dbt.success and self.publication is not None)
        )


def needs_full_refresh(previous: dict | None, fingerprints: dict[str, str | None]) -> str | None:
    """Why this build must rebuild every incremental model from scratch, or None.

    Incremental models keep the months they built; after a change to the models (or with no
    publication to start from) those months may be stale or missing, so everything is rebuilt."""
    if previous is None:
        return "no earlier publication"
    if (previous.get("fingerprints") or {}).get("project") != fingerprints["project"]:
        return "the dbt project changed since the last publication"
    return None


def changed_periods(previous: dict | None, deliveries: list[dict]) -> list[str]:
    """The periods of the accepted deliveries that are new or other than in the last
    publication ('YYYY-MM'; 'YYYY' for a budget year), sorted."""
    published = {
        (d.get("extract"), d.get("period"), d.get("checksum"))
        for d in (previous or {}).get("deliveries") or []
    }
    return sorted(
        {
            d["period"]
            for d in deliveries
            if (d.get("extract"), d.get("period"), d.get("checksum")) not in published
        }
    )


def reusable_docs(
    settings: Settings, previous: dict | None, fingerprints: dict[str, str | None]
) -> Path | None:
    """The published docs, when the dbt project is the one they were generated from.

    dbt's docs describe models, columns and tests, not data (DuckDB's catalog has no row
    counts), so a monthly run with new deliveries only would regenerate the same page."""
    if previous is None or not previous.get("docs"):
        return None
    if (previous.get("fingerprints") or {}).get("project") != fingerprints["project"]:
        return None
    docs = settings.published_dir / previous["docs"]
    return docs if docs.exists() else None


def current_fingerprints(settings: Settings) -> dict[str, str | None]:
    """What a build now would depend on: the accepted deliveries and the dbt project."""
    return {
        "accepted": accepted_fingerprint(settings),
        "project": project_fingerprint(settings.repo_root),
    }


def build_and_publish(
    settings: Settings,
    *,
    force: bool,
    progress: Progress,
    result: PipelineResult,
    echo: bool,
    full_refresh: bool = False,
) -> None:
    fingerprints = current_fingerprints(settings)
    previous = last_publication(settings)
    if not force and previous and previous.get("fingerprints") == fingerprints:
        result.skipped_reason = (
            "nothing new since the last publication (same accepted deliveries, same models)"
        )
        return
    if fingerprints["accepted"] is None:
        result.skipped_reason = "nothing accepted yet: no build"
        return
    reason = "asked for (--full-refresh)" if full_refresh else needs_full_refresh(
        previous, fingerprints
    )
    # A monthly build starts from a copy of the published warehouse, so incremental models find
    # their state; a full refresh needs none and starts from an empty file.
    if prepare_working_copy(settings, empty=reason is not None):
        progress("dbt build: working copy starts from the published warehouse")
    else:
        progress("dbt build: working copy starts empty")
    # Unit tests check the models' logic on fixed rows: with the project (and dbt and DuckDB)
    # unchanged since the last publication, they passed then and would pass again.
    arguments = (
        ["build", "--full-refresh"] if reason
        else ["build", "--exclude-resource-type", "unit_test"]
    )
    if reason:
        progress(f"dbt build: full refresh, {reason}")
    else:
        progress("dbt build: incremental models rebuild only the months whose deliveries changed")
    test_periods = None if reason else changed_periods(previous, deliveries_in_use(settings))
    if test_periods is not None:
        progress(
            "dbt build: the staging views' data tests check the changed deliveries: "
            + (", ".join(test_periods) or "none")
        )
    progress(f"dbt build: running `dbt {' '.join(arguments)}` on the accepted deliveries")
    started = time.perf_counter()
    result.dbt = run_dbt(settings, arguments, echo=echo, test_periods=test_periods)
    result.full_refresh = reason is not None
    result.timings["dbt_build"] = time.perf_counter() - started
    if not result.dbt.success:
        return
    try:
        result.publication = publish_build(
            settings,
            run_results=build_results_path(settings),
            previous=previous,
            fingerprints=fingerprints,
            full_refresh=result.full_refresh,
            build_seconds=result.timings["dbt_build"],
            progress=progress,
            timings=result.timings,
        )
    except PublishFailed as error:
        result.error = str(error)


class PublishFailed(HsnError):
    """The build passed but nothing was published; the previous publication stays."""


def publish_build(
    settings: Settings,
    *,
    run_results: Path,
    previous: dict | None,
    fingerprints: dict[str, str | None],
    full_refresh: bool,
    build_seconds: float,
    progress: Progress,
    timings: dict[str, float],
) -> Publication:
    """Publish the working copy of a passed `dbt build` (hsn run and hsn publish): drop the
    relations of deleted models, reuse or generate the docs, and write the record of what went
    in (fingerprints, deliveries, dbt's run results). PublishFailed if nothing was published."""
    target = dbt_target_dir(settings)
    dbt_record = {"success": True, **run_results_summary(run_results)}
    kept = built_relations(target / "manifest.json")
    if kept is not None:
        dropped = prune_relations(settings.build_warehouse, kept)
        if dropped:
            progress(f"publish: dropping relations no model builds any more: {', '.join(dropped)}")
    docs_file = reusable_docs(settings, previous, fingerprints)
    if docs_file is not None:
        progress("docs: the dbt project is unchanged since the last publication; its docs stay")
    else:
        progress("docs: running `dbt docs generate --static` for the publication")
        started = time.perf_counter()
        docs = run_dbt(settings, ["docs", "generate", "--static"], echo=False)
        timings["docs"] = time.perf_counter() - started
        docs_file = target / "static_index.html"
        if not docs.success or not docs_file.exists():
            raise PublishFailed(
                "`dbt docs generate --static` failed: " + "; ".join(docs.failures)
            )
    compact = needs_compaction(settings.build_warehouse, previous, full_refresh)
    progress(
        "publish: "
        + ("compacting" if compact else "copying (no compaction needed)")
        + " the tested warehouse and writing the exports"
    )
    started = time.perf_counter()
    record = {
        "fingerprints": fingerprints,
        "deliveries": deliveries_in_use(settings),
        "dbt": dbt_record,
        "build_seconds": round(build_seconds, 2),
        "full_refresh": full_refresh,
        "compacted_bytes": (previous or {}).get("compacted_bytes"),
    }
    pause_for_tests("publish")
    try:
        publication = publish(
            settings, settings.build_warehouse, record, docs=docs_file, compact=compact
        )
    except (OSError, duckdb.Error) as error:  # staging failed: the previous one stays
        raise PublishFailed(f"publishing failed while staging: {error}") from error
    timings["publish"] = time.perf_counter() - started
    return publication


def plain_dbt_results(settings: Settings) -> Path:
    """Where a plain `dbt build` from the repository root writes its run results."""
    return settings.repo_root / "target" / "run_results.json"


def last_passed_build(settings: Settings) -> tuple[Path, dict]:
    """dbt's run results (file, content) of the newest build of the working copy, by `hsn
    build` (or `hsn run`) or by a plain `dbt build`; HsnError unless it built the whole
    project and every model and test passed, as `hsn run` requires before it publishes."""
    warehouse = settings.build_warehouse
    if not warehouse.exists():
        raise HsnError(f"no working copy at {warehouse}; run `hsn build` first")
    candidates = [p for p in (build_results_path(settings), plain_dbt_results(settings))
                  if p.exists()]
    if not candidates:
        raise HsnError(f"no dbt run results behind {warehouse}; run `hsn build` first")
    path = max(candidates, key=lambda candidate: candidate.stat().st_mtime)
    again = "run `hsn build` again; the previous publication stays"
    try:
        run_results = json.loads(path.read_text(encoding="utf-8"))
        arguments = run_results["args"]
        command = arguments.get("which")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise HsnError(f"{path} is not dbt's run results; {again}") from None
    if command != "build" or arguments.get("select"):
        what = f"`{command}` with --select" if arguments.get("select") else f"`{command}`"
        raise HsnError(
            f"the newest dbt run ({path}) was not a `dbt build` of the whole project but dbt's "
            f"{what}; {again}"
        )
    exit_code = run_results.get("exit_code", 0)  # not recorded by a plain `dbt build`
    if exit_code != 0:
        how = "did not finish" if exit_code is None else f"failed (dbt exited with {exit_code})"
        raise HsnError(f"the last `dbt build` {how} ({path}); {again}")
    _counts, failures, _elapsed = summarise(run_results)
    if failures:
        raise HsnError(
            f"the last `dbt build` failed ({path}: {len(failures)} failed, the first "
            f"{failures[0]}); {again}"
        )
    _check_results_describe_working_copy(settings, path, run_results, again)
    return path, run_results


# the file's clock and dbt's may differ a little; a build writes its tables well after its start
CLOCK_SLACK_SECONDS = 2.0


def _check_results_describe_working_copy(
    settings: Settings, path: Path, run_results: dict, again: str
) -> None:
    """HsnError unless that build built this working copy from the deliveries accepted now.

    A working copy last written before the build started was not built by it (run results of
    another HSN_DATA_DIR's plain `dbt build`); a model edited or a delivery accepted after the
    build started may not be in it: publishing would record it as built (the fingerprints are
    taken now), and the next `hsn run` would find nothing new."""
    try:
        finished = datetime.fromisoformat(run_results["metadata"]["generated_at"])
        started = finished.timestamp() - float(run_results.get("elapsed_time") or 0.0)
    except (KeyError, TypeError, ValueError):
        raise HsnError(f"{path} does not say when the build ran; {again}") from None
    written = settings.build_warehouse.stat().st_mtime
    if written < started - CLOCK_SLACK_SECONDS:
        raise HsnError(
            f"the working copy {settings.build_warehouse} was last written before the last "
            f"`dbt build` ({path}) started: that build did not build it; {again}"
        )
    edited = changed_since(settings.repo_root, started)
    if edited is not None:
        raise HsnError(
            f"{edited.relative_to(settings.repo_root)} was changed after the last `dbt build` "
            f"({path}) started, so that build may not contain the change; {again}"
        )
    deliveries = deliveries_file(settings.accepted_dir)
    if not deliveries.exists():
        return
    with duckdb.connect() as con:
        newest = con.execute(
            "select extract, period, accepted_at from read_parquet(?) "
            "order by accepted_at desc limit 1",
            [str(deliveries)],
        ).fetchone()
    if newest is not None and newest[2].timestamp() > started:
        raise HsnError(
            f"{newest[0]} {newest[1]} was accepted at {newest[2]:%Y-%m-%d %H:%M:%S %Z}, after "
            f"the last `dbt build` ({path}) started, so that build may not contain it; {again}"
        )


def publish_last_build(settings: Settings, *, progress: Progress) -> Publication:
    """`hsn publish`: publish the working copy of the last passed `hsn build`, with the same
    record as `hsn run`; refuses (HsnError) if that build failed or did not build it all."""
    path, run_results = last_passed_build(settings)
    return publish_build(
        settings,
        run_results=path,
        previous=last_publication(settings),
        fingerprints=current_fingerprints(settings),
        full_refresh=bool(run_results["args"].get("full_refresh")),
        build_seconds=float(run_results.get("elapsed_time") or 0.0),
        progress=progress,
        timings={},
    )


def run_pipeline(
    settings: Settings,
    *,
    force: bool = False,
    progress: Progress,
    echo: bool = False,
    full_refresh: bool = False,
) -> PipelineResult:
    """echo: show dbt's own output (the CLI does; tests keep it in result.dbt.output).
    full_refresh: rebuild the incremental models from scratch (implies force)."""
    started = time.perf_counter()
    progress(f"gate: checking deliveries in {settings.landing_dir}")
    gate = run_gate(settings, progress=progress)
    result = PipelineResult(gate=gate)
    result.timings["gate"] = time.perf_counter() - started
    build_and_publish(
        settings,
        force=force or full_refresh,
        progress=progress,
        result=result,
        echo=echo,
        full_refresh=full_refresh,
    )
    if result.success and settings.published_warehouse.exists():
        try:
            write_latest_report(settings, progress=progress, result=result)
        except Exception as error:
            # The publication stands whatever went wrong here: the caller must say so, not
            # "nothing published". The traceback is kept (a bug here is printed, not hidden).
            result.report_error = f"{type(error).__name__}: {error}"
            result.report_traceback = traceback.format_exc()
    return result


def write_latest_report(settings: Settings, *, progress: Progress, result: PipelineResult) -> None:
    """The board report of the latest month whose ledger is loaded, from the publication."""
    from hsn.report import latest_period, render_report

    period = latest_period(settings.published_warehouse)
    if period is None:
        return
    started = time.perf_counter()
    progress(f"report: writing Resultatuppföljning {period}")
    result.report = render_report(settings, period)
    result.timings["report"] = time.perf_counter() - started
