"""`hsn bench`: the pipeline's cost on generated data, as ratios to plain DuckDB.

On one generated landing (each step in its own process, for its peak memory):
- first load: the gate over all history but the last month, a full dbt build, publish;
- one new month: the held-back month arrives;
- nothing new: a run that finds nothing to do;
- full rebuild: every month again from the accepted Parquet (the gate finds nothing new);
the floor: plain DuckDB computing the heavy marts from the accepted Parquet
(``hsn.bench.floor``); and the fixed costs every run with a new delivery pays whatever its
size: importing Great Expectations and dbt's start-up. Timings are reported, never asserted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from hsn.bench.floor import plain_duckdb_floor
from hsn.dbt_build import run_dbt
from hsn.errors import HsnError
from hsn.settings import Settings

Progress = Callable[[str], None]
DBT_STARTUP_SECONDS = 3.0  # the fixed cost of one dbt invocation (architecture.md)
GIB = 1024.0


@dataclass
class RunTiming:
    name: str
    wall_seconds: float
    peak_rss_mb: float
    gate_seconds: float = 0.0
    dbt_seconds: float = 0.0
    docs_seconds: float = 0.0
    publish_seconds: float = 0.0
    report_seconds: float = 0.0
    rows_gated: int = 0
    skipped: str | None = None


@dataclass
class BenchResult:
    scale: float
    periods: int
    landing_rows: dict[str, int]
    generate: RunTiming
    runs: list[RunTiming]
    gate_rows_per_second: dict[str, float]
    floor_seconds: dict[str, float]
    fixed_seconds: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    targets: dict[str, bool] = field(default_factory=dict)

    def new_month_lower_bound(self) -> float:
        """What a new month costs before dbt builds or tests anything: its gate + dbt's start-up."""
        return self.run("one new month").gate_seconds + self.fixed_seconds["dbt start-up"]

    def run(self, name: str) -> RunTiming:
        return next(r for r in self.runs if r.name == name)

    def table(self) -> str:
        first = self.runs[0]
        lines = [
            f"scale {self.scale:g}: {sum(self.landing_rows.values()):,} landing rows in "
            f"{self.periods} months (huvudbok {self.landing_rows.get('huvudbok', 0):,}, "
            f"vardkontakter {self.landing_rows.get('vardkontakter', 0):,}); generated in "
            f"{self.generate.wall_seconds:.1f} s, peak {self.generate.peak_rss_mb / GIB:.2f} GiB",
            f"{'run':<16}{'wall s':>9}{'gate s':>9}{'dbt s':>9}{'docs s':>8}{'publish s':>11}"
            f"{'peak GiB':>10}{'vs first':>10}",
        ]
        for run in self.runs:
            lines.append(
                f"{run.name:<16}{run.wall_seconds:>9.1f}{run.gate_seconds:>9.1f}"
                f"{run.dbt_seconds:>9.1f}{run.docs_seconds:>8.1f}{run.publish_seconds:>11.1f}"
                f"{run.peak_rss_mb / GIB:>10.2f}{run.wall_seconds / first.wall_seconds:>10.0%}"
            )
        rates = ", ".join(
            f"{extract} {rate:,.0f}"
            for extract, rate in self.gate_rows_per_second.items()
            if extract != "overall"
        )
        floor = ", ".join(
            f"{area} {s:.2f} s" for area, s in self.floor_seconds.items() if area != "total"
        )
        full = self.run("full rebuild")
        lines += [
            f"fixed costs: importing Great Expectations {self.fixed_seconds['gx import']:.1f} s "
            f"(inside every gate that checks a delivery), dbt start-up (`dbt ls`) "
            f"{self.fixed_seconds['dbt start-up']:.1f} s; a new month before dbt builds or "
            f"tests anything (its gate + dbt start-up): {self.new_month_lower_bound():.1f} s; "
            f"15 % of the full rebuild: {0.15 * full.wall_seconds:.1f} s",
            f"gate rows/s (first load): overall {self.gate_rows_per_second['overall']:,.0f}; "
            f"{rates}",
            f"floor, plain DuckDB from the accepted Parquet: "
            f"{self.floor_seconds['total']:.2f} s ({floor})",
            "ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in self.ratios.items()),
            "targets: "
            + ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in self.targets.items()),
        ]
        return "\n".join(lines)


def _phase(settings: Settings, args: list[str], progress: Progress) -> tuple[dict, float, float]:
    """Run ``hsn.bench.phase`` in a child process: (its summary, wall seconds, peak RSS MB).

    The peak is the child's and its own children's (dbt), from wait4's resource usage."""
    env = {
        **os.environ,
        "HSN_LANDING_DIR": str(settings.landing_dir),
        "HSN_DATA_DIR": str(settings.data_dir),
        "HSN_PSEUDONYM_KEY": settings.pseudonym_key,
    }
    step = " ".join(args)
    # its progress (stderr) is shown and kept in a log that a failure names
    log = settings.data_dir.parent / "logs" / f"{'_'.join(a.lstrip('-') for a in args)}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    last_line = ""
    with log.open("w", encoding="utf-8") as log_file, tempfile.TemporaryFile() as stdout:
        child = subprocess.Popen(
            [sys.executable, "-m", "hsn.bench.phase", *args],
            stdout=stdout,  # a file, not a pipe: nobody reads it while stderr is read
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert child.stderr is not None
        for line in child.stderr:
            sys.stderr.write(line)
            log_file.write(line)
            last_line = line.strip() or last_line
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        output = stdout.read().decode()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise HsnError(
            f"bench step `{step}` failed (exit {child.returncode}): {last_line[:300]}; "
            f"its whole output is in {log}"
        )
    summary = json.loads(output.strip().splitlines()[-1])
    progress(f"bench: {step} took {wall:.1f} s")
    return summary, wall, usage.ru_maxrss / 1024


def _timed_run(
    name: str, settings: Settings, args: list[str], progress: Progress
) -> tuple[RunTiming, dict]:
    progress(f"bench: {name}")
    summary, wall, peak = _phase(settings, ["run", *args], progress)
    timings = summary["timings"]
    timing = RunTiming(
        name=name,
        wall_seconds=wall,
        peak_rss_mb=peak,
        gate_seconds=timings.get("gate", 0.0),
        dbt_seconds=timings.get("dbt_build", 0.0),
        docs_seconds=timings.get("docs", 0.0),
        publish_seconds=timings.get("publish", 0.0),
        report_seconds=timings.get("report", 0.0),
        rows_gated=sum(summary["gate_rows"].values()),
        skipped=summary["skipped"],
    )
    return timing, summary


def _last_month_folders(landing: Path) -> list[Path]:
    months = sorted(landing.glob("*/period=*"), key=lambda p: p.name)
    if not months:
        return []
    last = months[-1].name
    return [folder for folder in months if folder.name == last]


def _gate_rates(summary: dict) -> dict[str, float]:
    rows, seconds = summary["gate_rows"], summary["gate_seconds"]
    rates = {e: rows[e] / seconds[e] for e in sorted(rows) if seconds.get(e)}
    gate = summary["timings"].get("gate", 0.0)
    rates["overall"] = sum(rows.values()) / gate if gate else 0.0
    return rates


def _ratios(result: BenchResult) -> None:
    floor = result.floor_seconds["total"]
    first, new = result.run("first load"), result.run("one new month")
    full = result.run("full rebuild")
    result.ratios = {
        "first load dbt / floor": first.dbt_seconds / floor,
        "full rebuild dbt / floor": full.dbt_seconds / floor,
        "full rebuild (dbt - 3 s start-up) / floor": (full.dbt_seconds - DBT_STARTUP_SECONDS)
        / floor,
        "new month / full rebuild (wall)": new.wall_seconds / full.wall_seconds,
        "new month / first load (wall)": new.wall_seconds / first.wall_seconds,
        "new month lower bound / full rebuild (wall)": result.new_month_lower_bound()
        / full.wall_seconds,
    }
    peak = max(r.peak_rss_mb for r in [result.generate, *result.runs])
    result.targets = {
        "full rebuild dbt <= 2 x floor + 3 s": full.dbt_seconds <= 2 * floor + DBT_STARTUP_SECONDS,
        "first load < 60 s wall (gate included)": first.wall_seconds < 60,
        "new month < 15 % of full rebuild": new.wall_seconds < 0.15 * full.wall_seconds,
        "peak memory < 24 GiB": peak < 24 * GIB,
    }


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def fixed_costs(settings: Settings) -> dict[str, float]:
    """The costs a run pays whatever the size of its new month, each in a fresh process.

    gx import: `import great_expectations` less a bare interpreter's start. dbt start-up:
    `dbt ls` on the bench's own project state (partial parsing, as on a monthly run)."""
    bare = _seconds([sys.executable, "-c", "pass"])
    gx = _seconds([sys.executable, "-c", "import great_expectations"]) - bare
    started = time.perf_counter()
    listed = run_dbt(settings, ["ls", "--resource-type", "model", "--quiet"], echo=False)
    dbt = time.perf_counter() - started
    if not listed.success:
        raise HsnError(f"bench: `dbt ls` failed: {listed.failures}")
    return {"gx import": gx, "dbt start-up": dbt}


def run_bench(
    settings: Settings, scale: float, progress: Progress, first_period: str = "2019-01"
) -> BenchResult:
    """settings.data_dir and settings.landing_dir are wiped: give the bench its own folder.

    The demo runs from ``first_period`` to its last month (2024-02)."""
    for folder in (settings.data_dir, settings.landing_dir):
        shutil.rmtree(folder, ignore_errors=True)
    progress(f"bench: generating the demo at scale {scale:g}")
    generated, wall, peak = _phase(settings, ["generate", f"{scale!r}", first_period], progress)
    generate = RunTiming("generate", wall, peak)

    held_back = settings.data_dir.parent / "held_back"
    shutil.rmtree(held_back, ignore_errors=True)
    moved: list[tuple[Path, Path]] = []
    for folder in _last_month_folders(settings.landing_dir):
        target = held_back / folder.relative_to(settings.landing_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(target)
        moved.append((target, folder))

    runs: list[RunTiming] = []
    timing, first = _timed_run("first load", settings, ["--force"], progress)
    runs.append(timing)
    for source, destination in moved:
        source.rename(destination)
    shutil.rmtree(held_back, ignore_errors=True)
    runs.append(_timed_run("one new month", settings, [], progress)[0])
    runs.append(_timed_run("nothing new", settings, [], progress)[0])
    runs.append(_timed_run("full rebuild", settings, ["--force", "--full-refresh"], progress)[0])

    progress("bench: plain DuckDB floor")
    floor = plain_duckdb_floor(
        settings.accepted_dir, settings.chart_of_accounts, settings.data_dir / "floor.duckdb"
    )
    result = BenchResult(
        scale=scale,
        periods=int(generated["periods"]),
        landing_rows=dict(generated["rows"]),
        generate=generate,
        runs=runs,
        gate_rows_per_second=_gate_rates(first),
        floor_seconds=floor,
    )
    progress("bench: fixed costs (importing Great Expectations, dbt start-up)")
    result.fixed_seconds = fixed_costs(settings)
    _ratios(result)
    return result


def write_json(result: BenchResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
