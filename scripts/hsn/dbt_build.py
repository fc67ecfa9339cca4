"""Run dbt as its own process from the repository root and summarise its run results.

A separate process keeps dbt's DuckDB connection, memory and global state out of ours: when it
exits, the warehouse file is closed and checkpointed, ready to publish.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hsn.settings import Settings

FAILED_STATUSES = {"error", "fail", "runtime error"}
TEST_PERIODS_VARIABLE = "HSN_TESTPERIODER"


@dataclass
class DbtSummary:
    success: bool
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    output: str = ""

    def line(self) -> str:
        parts = [f"{count} {name}" for name, count in sorted(self.counts.items())]
        return ", ".join(parts) if parts else "nothing ran"


def dbt_target_dir(settings: Settings) -> Path:
    """dbt's artefacts for hsn's runs live beside the data they describe."""
    return settings.data_dir / "dbt_target"


def build_results_path(settings: Settings) -> Path:
    """dbt's run results of hsn's last `dbt build` of the working copy, with dbt's exit code
    (`exit_code`, null while it runs or if it was killed). `dbt docs generate` overwrites
    run_results.json, and `hsn publish` must know whether the working copy passed."""
    return dbt_target_dir(settings) / "build_results.json"


def _record_build(settings: Settings, run_results: Path, exit_code: int | None) -> None:
    record = {"args": {"which": "build"}, "results": []}
    if exit_code is not None and run_results.exists():
        record = json.loads(run_results.read_text(encoding="utf-8"))
    record["exit_code"] = exit_code
    path = build_results_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record), encoding="utf-8")


def dbt_environment(
    settings: Settings, warehouse: Path, test_periods: list[str] | None = None
) -> dict[str, str]:
    """The variables profiles.yml and the sources read. The pseudonym key is not passed on.

    test_periods: the data tests of the big staging views check only these deliveries'
    periods (macros/testfilter.sql); None tests every row."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("HSN_PSEUDONYM_KEY", TEST_PERIODS_VARIABLE)
    }
    if test_periods is not None:
        environment[TEST_PERIODS_VARIABLE] = ",".join(test_periods)
    environment.update(
        {
            "HSN_DATA_DIR": str(settings.data_dir),
            "HSN_WAREHOUSE_PATH": str(warehouse),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_TARGET_PATH": str(dbt_target_dir(settings)),
            "DBT_LOG_PATH": str(settings.data_dir / "dbt_logs"),
        }
    )
    return environment


def summarise_run_results(path: Path) -> tuple[Counter[str], list[str], float]:
    if not path.exists():
        return Counter(), [], 0.0
    return summarise(json.loads(path.read_text(encoding="utf-8")))


def summarise(run_results: dict) -> tuple[Counter[str], list[str], float]:
    """(count per resource and status, the failures, dbt's elapsed seconds) of run results."""
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for result in run_results.get("results", []):
        resource = result["unique_id"].split(".", 1)[0]
        counts[f"{resource} {result['status']}"] += 1
        if result["status"] in FAILED_STATUSES:
            failures.append(f"{result['unique_id']}: {result.get('message')}")
    return counts, failures, float(run_results.get("elapsed_time") or 0.0)


def run_dbt(
    settings: Settings,
    args: list[str],
    warehouse: Path | None = None,
    *,
    echo: bool = True,
    test_periods: list[str] | None = None,
) -> DbtSummary:
    """`dbt <args>` with the repository's profiles.yml; dbt's own output is shown when echo."""
    target = warehouse or settings.build_warehouse
    target.parent.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "duckdb_tmp").mkdir(parents=True, exist_ok=True)
    run_results = dbt_target_dir(settings) / "run_results.json"
    run_results.unlink(missing_ok=True)
    building = args[0] == "build" and target == settings.build_warehouse
    if building:
        _record_build(settings, run_results, None)  # stays so if the build is killed
    root = str(settings.repo_root)
    command = [
        sys.executable, "-c", "from dbt.cli.main import cli; cli()",
        *args, "--project-dir", root, "--profiles-dir", root,
    ]
    completed = subprocess.run(
        command,
        cwd=root,
        env=dbt_environment(settings, target, test_periods),
        stdout=None if echo else subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if building:
        _record_build(settings, run_results, completed.returncode)
    counts, failures, elapsed = summarise_run_results(run_results)
    summary = DbtSummary(
        success=completed.returncode == 0,
        counts=counts,
        failures=failures,
        elapsed_seconds=elapsed,
        output=completed.stdout or "",
    )
    if not summary.success and not failures:
        summary.failures.append(f"dbt exited with {completed.returncode}")
    return summary
