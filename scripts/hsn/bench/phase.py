"""One step of `hsn bench`, run in a process of its own so that its peak memory is its own.

``python -m hsn.bench.phase generate SCALE [FIRST_PERIOD]`` writes the demo landing; ``python -m
hsn.bench.phase run [--force] [--full-refresh]`` runs the pipeline. Paths come from the
environment as for `hsn`. Progress goes to stderr; the last line on stdout is a JSON summary.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict

from hsn.settings import load_settings


def _say(message: str) -> None:
    print(f"    {message}", file=sys.stderr, flush=True)


def generate(scale: float, first_period: str) -> dict[str, object]:
    from hsn.demo import generate_demo

    summary = generate_demo(load_settings().landing_dir, scale=scale, first_period=first_period)
    return {"rows": dict(summary.rows), "periods": len(summary.periods)}


def run(force: bool, full_refresh: bool) -> dict[str, object]:
    from hsn.pipeline import run_pipeline

    settings = load_settings()
    result = run_pipeline(settings, progress=_say, force=force, full_refresh=full_refresh)
    if not result.success:
        failures = result.dbt.failures[:5] if result.dbt else [result.error]
        raise SystemExit(f"pipeline failed: {failures}")
    if result.report_error:
        raise SystemExit(f"published, but the report failed: {result.report_error}")
    rows: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    for outcome in result.gate.outcomes:
        if outcome.status == "accepted":
            rows[outcome.extract] += outcome.rows or 0
            seconds[outcome.extract] += outcome.seconds
    return {
        "timings": result.timings,
        "skipped": result.skipped_reason,
        "gate_rows": dict(rows),
        "gate_seconds": dict(seconds),
        "deliveries": dict(result.gate.counts),
    }


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    if argv[0] == "generate":
        summary = generate(float(argv[1]), argv[2] if len(argv) > 2 else "2019-01")
    else:
        summary = run("--force" in argv, "--full-refresh" in argv)
    summary["seconds"] = time.perf_counter() - started
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
