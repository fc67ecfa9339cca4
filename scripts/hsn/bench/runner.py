"""`hsn bench`: the pipeline's cost on generated data, as ratios to plain DuckDB.

Runs, on one generated landing: a full build with the last month held back, the one new
month, a run with nothing new, and the plain-DuckDB floor for the ekonomi marts. Timings are
reported, never asserted.
"""

from __future__ import annotations

import json
import resource
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from hsn.bench.floor import plain_duckdb_ekonomi
from hsn.demo import generate_demo
from hsn.pipeline import PipelineResult, run_pipeline
from hsn.settings import Settings

Progress = Callable[[str], None]


@dataclass
class RunTiming:
    name: str
    wall_seconds: float
    gate_seconds: float
    dbt_seconds: float
    publish_seconds: float
    rows_gated: int


@dataclass
class BenchResult:
    scale: float
    landing_rows: dict[str, int]
    generate_seconds: float
    runs: list[RunTiming]
    floor_seconds: float
    peak_rss_mb_gate: float
    peak_rss_mb_dbt: float

    def table(self) -> str:
        full = self.runs[0]
        lines = [
            f"scale {self.scale:g}: {sum(self.landing_rows.values()):,} landing rows "
            f"(generated in {self.generate_seconds:.1f} s)",
            f"{'run':<22}{'wall s':>9}{'gate s':>9}{'dbt s':>9}{'publish s':>11}"
            f"{'vs full':>9}",
        ]
        for run in self.runs:
            lines.append(
                f"{run.name:<22}{run.wall_seconds:>9.1f}{run.gate_seconds:>9.1f}"
                f"{run.dbt_seconds:>9.1f}{run.publish_seconds:>11.1f}"
                f"{run.wall_seconds / full.wall_seconds:>9.0%}"
            )
        gate_rate = full.rows_gated / full.gate_seconds if full.gate_seconds else 0.0
        lines += [
            f"plain DuckDB floor (ekonomi marts): {self.floor_seconds:.2f} s; "
            f"full dbt build / floor = {full.dbt_seconds / self.floor_seconds:.1f}x",
            f"gate throughput: {gate_rate:,.0f} rows/s",
            f"peak memory: gate {self.peak_rss_mb_gate:.0f} MB, dbt {self.peak_rss_mb_dbt:.0f} MB",
        ]
        return "\n".join(lines)


def _last_month_folders(landing: Path) -> list[Path]:
    months = sorted(landing.glob("*/period=*"), key=lambda p: p.name)
    if not months:
        return []
    last = months[-1].name
    return [folder for folder in months if folder.name == last]


def _timed_run(name: str, settings: Settings, force: bool) -> tuple[RunTiming, PipelineResult]:
    started = time.perf_counter()
    result = run_pipeline(settings, force=force, progress=lambda _: None)
    wall = time.perf_counter() - started
    if not result.success:
        failures = result.dbt.failures if result.dbt else []
        raise RuntimeError(f"bench run '{name}' failed: {failures[:5]}")
    timing = RunTiming(
        name=name,
        wall_seconds=wall,
        gate_seconds=result.timings.get("gate", 0.0),
        dbt_seconds=result.timings.get("dbt_build", 0.0),
        publish_seconds=result.timings.get("publish", 0.0),
        rows_gated=sum(o.rows or 0 for o in result.gate.outcomes if o.status == "accepted"),
    )
    return timing, result


def run_bench(settings: Settings, scale: float, progress: Progress) -> BenchResult:
    """settings.data_dir and settings.landing_dir are wiped: give the bench its own folder."""
    for folder in (settings.data_dir, settings.landing_dir):
        shutil.rmtree(folder, ignore_errors=True)
    progress(f"bench: generating the demo at scale {scale:g}")
    started = time.perf_counter()
    summary = generate_demo(settings.landing_dir, scale=scale)
    generate_seconds = time.perf_counter() - started

    held_back = settings.data_dir.parent / "held_back"
    shutil.rmtree(held_back, ignore_errors=True)
    moved: list[tuple[Path, Path]] = []
    for folder in _last_month_folders(settings.landing_dir):
        target = held_back / folder.relative_to(settings.landing_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(target)
        moved.append((target, folder))

    runs: list[RunTiming] = []
    progress("bench: full build (history without the last month)")
    timing, _ = _timed_run("full build", settings, force=True)
    runs.append(timing)
    for source, destination in moved:
        source.rename(destination)
    progress("bench: one new month")
    timing, _ = _timed_run("one new month", settings, force=False)
    runs.append(timing)
    progress("bench: nothing new")
    timing, _ = _timed_run("nothing new", settings, force=False)
    runs.append(timing)

    progress("bench: plain DuckDB floor")
    floor = min(
        plain_duckdb_ekonomi(
            settings.accepted_dir,
            settings.chart_of_accounts,
            settings.data_dir / "floor.duckdb",
        )
        for _ in range(3)
    )
    return BenchResult(
        scale=scale,
        landing_rows=dict(summary.rows),
        generate_seconds=generate_seconds,
        runs=runs,
        floor_seconds=floor,
        peak_rss_mb_gate=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        peak_rss_mb_dbt=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def write_json(result: BenchResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
