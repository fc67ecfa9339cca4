"""`hsn bench` end to end on a small demo: every run happens, every landing row is gated exactly
once (the first load and the new month between them, nothing again after), the fixed costs are
measured, and the table and JSON say so. Timings are reported, never asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from gate_fixtures import REPO_ROOT
from hsn_process import hsn_env

pytestmark = pytest.mark.slow


def _landing_rows(landing: Path) -> int:
    files = [str(p) for p in landing.glob("*/*/*.parquet")]
    with duckdb.connect() as con:
        query = "select count(*) from read_parquet($files, union_by_name = true)"
        return con.execute(query, {"files": files}).fetchone()[0]


def test_bench_runs_every_step_and_gates_every_row_once(tmp_path: Path) -> None:
    arguments = ["--scale", "0.1", "--first-period", "2024-01", "--workdir", str(tmp_path)]
    completed = subprocess.run(
        [sys.executable, "-m", "hsn.cli", "bench", *arguments],
        cwd=REPO_ROOT,
        env=hsn_env(tmp_path / "unused-landing", tmp_path / "unused-data"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    workdir = tmp_path / "scale-0.1"
    result = json.loads((workdir / "bench.json").read_text(encoding="utf-8"))

    runs = {run["name"]: run for run in result["runs"]}
    assert list(runs) == ["first load", "one new month", "nothing new", "full rebuild"]
    assert result["periods"] == 2  # 2024-01 and 2024-02, the latter held back for "new month"

    landing_rows = _landing_rows(workdir / "landing")
    assert sum(result["landing_rows"].values()) == landing_rows
    assert runs["first load"]["rows_gated"] + runs["one new month"]["rows_gated"] == landing_rows
    assert 0 < runs["one new month"]["rows_gated"] < landing_rows
    assert runs["nothing new"]["rows_gated"] == 0 and runs["nothing new"]["skipped"]
    assert runs["full rebuild"]["rows_gated"] == 0 and not runs["full rebuild"]["skipped"]
    assert runs["full rebuild"]["dbt_seconds"] > 0

    fixed = result["fixed_seconds"]
    assert set(fixed) == {"gx import", "dbt start-up"} and all(v > 0 for v in fixed.values())
    floor = result["floor_seconds"]
    areas = sum(v for area, v in floor.items() if area != "total")
    assert floor["total"] == pytest.approx(areas)
    assert set(result["targets"]) == {
        "full rebuild dbt <= 2 x floor + 3 s",
        "first load < 60 s wall (gate included)",
        "new month < 15 % of full rebuild",
        "peak memory < 24 GiB",
    }
    # the table goes to standard output, the steps' progress to standard error
    assert "fixed costs: importing Great Expectations" in completed.stdout
    assert "a new month before dbt builds or tests anything" in completed.stdout
    assert "targets: full rebuild dbt <= 2 x floor + 3 s:" in completed.stdout
