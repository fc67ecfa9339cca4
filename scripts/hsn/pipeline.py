"""gate → dbt build → publish, the chain `hsn run` performs. Each step is its own module."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from hsn.dbt_build import DbtSummary, dbt_target_dir, run_dbt
from hsn.fingerprint import accepted_fingerprint, project_fingerprint
from hsn.gate import GateResult, run_gate
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
    timings: dict[str, float] = field(default_factory=dict)
    full_refresh: bool = False  # dbt rebuilt every incremental model from scratch

    @property
    def success(self) -> bool:
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


def build_and_publish(
    settings: Settings,
    *,
    force: bool,
    progress: Progress,
    result: PipelineResult,
    echo: bool,
    full_refresh: bool = False,
) -> None:
    fingerprints = {
        "accepted": accepted_fingerprint(settings),
        "project": project_fingerprint(settings.repo_root),
    }
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
    target = dbt_target_dir(settings)
    dbt_record = {"success": True, **run_results_summary(target / "run_results.json")}
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
        result.timings["docs"] = time.perf_counter() - started
        docs_file = target / "static_index.html"
        if not docs.success or not docs_file.exists():
            result.error = "`dbt docs generate --static` failed: " + "; ".join(docs.failures)
            return
    compact = needs_compaction(settings.build_warehouse, previous, result.full_refresh)
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
        "build_seconds": round(result.timings["dbt_build"], 2),
        "full_refresh": result.full_refresh,
        "compacted_bytes": (previous or {}).get("compacted_bytes"),
    }
    pause_for_tests("publish")
    try:
        result.publication = publish(
            settings, settings.build_warehouse, record, docs=docs_file, compact=compact
        )
    except (OSError, duckdb.Error) as error:  # staging failed: the previous one stays
        result.error = f"publishing failed while staging: {error}"
        return
    result.timings["publish"] = time.perf_counter() - started


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
        write_latest_report(settings, progress=progress, result=result)
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
