"""gate → dbt build → publish, the chain `hsn run` performs. Each step is its own module."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from hsn.dbt_build import DbtSummary, run_dbt
from hsn.fingerprint import accepted_fingerprint, project_fingerprint
from hsn.gate import GateResult, run_gate
from hsn.publish import Publication, last_publication, publish
from hsn.settings import Settings

Progress = Callable[[str], None]


@dataclass
class PipelineResult:
    gate: GateResult
    dbt: DbtSummary | None = None
    publication: Publication | None = None
    skipped_reason: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def success(self) -> bool:
        return self.skipped_reason is not None or (
            self.dbt is not None and self.dbt.success and self.publication is not None
        )


def _accepted_deliveries(settings: Settings) -> list[dict]:
    if not settings.manifest_path.exists():
        return []
    manifest = json.loads(settings.manifest_path.read_text(encoding="utf-8"))
    entries = manifest.get("deliveries", manifest) if isinstance(manifest, dict) else manifest
    keep = ("extract", "period", "checksum", "rows", "status")
    if isinstance(entries, dict):
        entries = list(entries.values())
    return [{key: entry.get(key) for key in keep} for entry in entries]


def build_and_publish(
    settings: Settings, *, force: bool, progress: Progress, result: PipelineResult, echo: bool
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
    # A fresh working copy each time keeps the file at its real size (DuckDB files never shrink).
    for stale in (settings.build_warehouse, settings.build_warehouse.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    progress("dbt build: running `dbt build` on the accepted deliveries")
    started = time.perf_counter()
    result.dbt = run_dbt(settings, ["build"], echo=echo)
    result.timings["dbt_build"] = time.perf_counter() - started
    if not result.dbt.success:
        return
    progress("publish: copying the tested warehouse and writing the exports")
    started = time.perf_counter()
    record = {
        "fingerprints": fingerprints,
        "deliveries": _accepted_deliveries(settings),
        "dbt": {
            "success": result.dbt.success,
            "counts": dict(result.dbt.counts),
            "elapsed_seconds": round(result.dbt.elapsed_seconds, 2),
        },
        "build_seconds": round(result.timings["dbt_build"], 2),
    }
    result.publication = publish(settings, settings.build_warehouse, record)
    result.timings["publish"] = time.perf_counter() - started


def run_pipeline(
    settings: Settings, *, force: bool = False, progress: Progress, echo: bool = False
) -> PipelineResult:
    """echo: show dbt's own output (the CLI does; tests keep it in result.dbt.output)."""
    started = time.perf_counter()
    progress(f"gate: checking deliveries in {settings.landing_dir}")
    gate = run_gate(settings, progress=progress)
    result = PipelineResult(gate=gate)
    result.timings["gate"] = time.perf_counter() - started
    build_and_publish(settings, force=force, progress=progress, result=result, echo=echo)
    return result
