"""The `hsn` command: parses arguments and calls the modules that do the work."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from hsn.demo_marker import UnsafeLanding
from hsn.settings import Settings, load_settings

if TYPE_CHECKING:
    from hsn.gate import GateResult


def _say(message: str) -> None:
    print(message, flush=True)


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.demo import generate_demo

    started = time.perf_counter()
    _say(f"demo: writing landing extracts to {_relative(settings.landing_dir)}")
    summary = generate_demo(settings.landing_dir, scale=args.scale, progress=_say)
    _say(f"demo: {summary} in {time.perf_counter() - started:.1f} s")
    return 0


def _print_gate(result: GateResult) -> int:
    """Print the quarantined deliveries and the gate's summary; 1 if anything is quarantined."""
    for outcome in result.outcomes:
        if outcome.status in {"quarantined", "unchanged_quarantined"}:
            kept = (
                " (the previous accepted version stays in use)"
                if (outcome.previous_accepted_in_use)
                else ""
            )
            _say(f"  QUARANTINED {outcome.extract} {outcome.period}{kept}: {outcome.message}")
            if outcome.report_path:
                _say(f"    report: {_relative(Path(outcome.report_path))}")
    _say(result.summary())
    return 0 if result.ok else 1


def cmd_gate(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.gate import run_gate

    _say(f"gate: checking deliveries in {_relative(settings.landing_dir)}")
    return _print_gate(run_gate(settings, progress=_say))


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.dbt_build import run_dbt

    _say("build: running `dbt build` (the same as plain `dbt build` from the repository root)")
    summary = run_dbt(settings, ["build", "--full-refresh"] if args.full_refresh else ["build"])
    _say(f"build: {summary.line()}")
    return 0 if summary.success else 1


def cmd_publish(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.publish import publish

    if not settings.build_warehouse.exists():
        _say(f"publish: no built warehouse at {settings.build_warehouse}; run `hsn build` first")
        return 1
    publication = publish(settings, settings.build_warehouse, {"source": "hsn publish"})
    _say(f"published: {_relative(publication.warehouse)} and {len(publication.exports)} exports")
    return 0


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.drift import check

    warnings = check(settings.accepted_dir)
    for line in warnings:
        _say(f"  WARNING {line}")
    _say(f"check: {len(warnings)} warnings (drift from last year, missing months)")
    return 1 if warnings else 0


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.report import latest_period, render_report

    period = args.period or latest_period(settings.published_warehouse)
    if period is None:
        _say(f"report: no published warehouse with a loaded month in {settings.published_dir}")
        return 1
    started = time.perf_counter()
    try:
        path = render_report(settings, period, Path(args.output) if args.output else None)
    except (ValueError, FileNotFoundError) as error:
        _say(f"report: {error}")
        return 1
    _say(f"report: {_relative(path)} ({time.perf_counter() - started:.1f} s)")
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.lock import LockHeld, pipeline_lock
    from hsn.pipeline import run_pipeline

    started = time.perf_counter()
    _say("hsn run: gate → dbt build → publish")
    try:
        with pipeline_lock(settings.data_dir):
            if args.demo and not settings.landing_dir.exists():
                cmd_demo(settings, args)
            result = run_pipeline(
                settings,
                force=args.force,
                progress=_say,
                echo=True,
                full_refresh=args.full_refresh,
            )
    except LockHeld as error:
        _say(f"hsn run: {error}")
        return 3
    quarantined = _print_gate(result.gate)
    if result.skipped_reason:
        _say(f"build: skipped, {result.skipped_reason}")
    elif result.dbt is not None:
        _say(f"dbt build: {result.dbt.line()} ({result.timings.get('dbt_build', 0):.1f} s)")
        if not result.dbt.success:
            _say("dbt build FAILED: nothing was published; the previous publication stays")
            for failure in result.dbt.failures[:20]:
                _say(f"  {failure}")
    if result.publication is not None:
        _say(
            f"published: {_relative(result.publication.warehouse)} and "
            f"{len(result.publication.exports)} Parquet exports in "
            f"{_relative(settings.exports_dir)}"
        )
    elif settings.published_warehouse.exists():
        _say(f"marts: {_relative(settings.published_warehouse)} (unchanged)")
    if result.error:
        _say(f"publish FAILED: {result.error}; nothing was published, the previous one stays")
    if result.report is not None:
        _say(f"report: {_relative(result.report)} ({result.timings.get('report', 0):.1f} s)")
    _say(f"hsn run: done in {time.perf_counter() - started:.1f} s")
    if not result.success:
        return 1
    return 2 if quarantined else 0


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    from hsn.bench.runner import run_bench, write_json

    workdir = (args.workdir or settings.data_dir / "bench").resolve() / f"scale-{args.scale:g}"
    bench_settings = Settings(
        repo_root=settings.repo_root,
        landing_dir=workdir / "landing",
        data_dir=workdir / "data",
        pseudonym_key=settings.pseudonym_key,
    )
    result = run_bench(bench_settings, args.scale, progress=_say, first_period=args.first_period)
    _say(result.table())
    output = workdir / "bench.json"
    write_json(result, output)
    _say(f"bench: results in {_relative(output)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hsn",
        description=(
            "The HSN monthly follow-up warehouse. Paths come from HSN_LANDING_DIR, "
            "HSN_DATA_DIR and HSN_PSEUDONYM_KEY."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="generate the demo landing extracts")
    demo.add_argument("--scale", type=float, default=1.0, help="volume multiplier (default 1)")
    demo.set_defaults(handler=cmd_demo)

    gate = commands.add_parser("gate", help="check landing deliveries; accept or quarantine")
    gate.set_defaults(handler=cmd_gate)

    build = commands.add_parser("build", help="dbt build into the working copy")
    build.add_argument(
        "--full-refresh", action="store_true", help="rebuild the incremental models from scratch"
    )
    build.set_defaults(handler=cmd_build)

    publish = commands.add_parser("publish", help="publish the working copy for BI")
    publish.set_defaults(handler=cmd_publish)

    check = commands.add_parser("check", help="warn about volume drift and missing months")
    check.set_defaults(handler=cmd_check)

    report = commands.add_parser("report", help="render Resultatuppföljning for a month")
    report.add_argument("--period", help="YYYY-MM (default: the latest loaded month)")
    report.add_argument("--output", help="HTML file (default: published/rapport/…)")
    report.set_defaults(handler=cmd_report)

    bench = commands.add_parser(
        "bench", help="measure full, new-month and no-change runs against plain DuckDB"
    )
    bench.add_argument("--scale", type=float, default=1.0, help="demo volume (default 1)")
    bench.add_argument(
        "--first-period",
        default="2019-01",
        help="first demo month, YYYY-MM (default 2019-01: all 62 months)",
    )
    bench.add_argument(
        "--workdir", type=Path, default=None, help="where to generate (default $HSN_DATA_DIR/bench)"
    )
    bench.set_defaults(handler=cmd_bench)

    run = commands.add_parser("run", help="gate → dbt build → publish")
    run.add_argument("--demo", action="store_true", help="generate the demo data if missing")
    run.add_argument("--scale", type=float, default=1.0, help="demo volume (with --demo)")
    run.add_argument("--force", action="store_true", help="build even if nothing changed")
    run.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every month, not only those whose deliveries changed (implies --force)",
    )
    run.set_defaults(handler=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings()
    try:
        return args.handler(settings, args)
    except UnsafeLanding as error:  # the demo generator or demo key on real deliveries
        print(f"hsn {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
