"""Deterministic demo extracts for the ekonomi part of the warehouse.

``generate_demo`` writes the monthly ``organisation`` and ``huvudbok`` extracts and the yearly
``budget`` extract into a landing directory, laid out as the landing contract says. The
figures reproduce the seed report "Resultatuppföljning februari 2024" (budget deviation per
report line and per basenhet) when the warehouse computes them; see ``calibration``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from hsn.demo import produktion, tillganglighet
from hsn.demo.budget import budget_basenheter_with_personalkategori, budget_year
from hsn.demo.ledger import ledger_cells, ledger_lines
from hsn.demo.organisation import ORGANISATION_COLUMNS, organisation_rows
from hsn.demo.parquet_writer import (
    BUDGET_SCHEMA,
    HUVUDBOK_SCHEMA,
    ORGANISATION_SCHEMA,
    to_table,
    write_table,
)
from hsn.demo.scaling import clone, copies_of, file_name, plan
from hsn.demo.series import FIRST_YEAR, LAST_OUTCOME, LAST_YEAR, build_series
from hsn.demo.templates import build_template
from hsn.demo_marker import prepare_demo_landing

EKONOMI_EXTRACTS = ("organisation", "huvudbok", "budget")
# The other parts write their own extracts; each module has EXTRACTS and generate().
PARTS = (produktion, tillganglighet)
EXTRACTS = EKONOMI_EXTRACTS + tuple(e for part in PARTS for e in part.EXTRACTS)
HUVUDBOK_FILES = 2

__all__ = ["EXTRACTS", "DemoSummary", "generate_demo", "periods_between"]


@dataclass
class DemoSummary:
    """What ``generate_demo`` wrote."""

    landing_dir: Path
    files_written: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EXTRACTS, 0))
    periods: list[str] = field(default_factory=list)


def periods_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def generate_demo(
    landing_dir: Path,
    *,
    first_period: str = "2019-01",
    last_period: str = "2024-02",
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Write the demo extracts into ``landing_dir`` (replacing earlier demo output there).

    Only the folders ``organisation/``, ``huvudbok/`` and ``budget/`` are replaced (and the
    other parts' extract folders, by their generators). ``landing_dir`` must be missing, empty
    or marked by an earlier demo (``hsn.demo_marker``); else ``UnsafeLanding``. Monthly
    extracts are written for ``first_period``..``last_period`` (within 2019-01..2024-02),
    budgets for every year those months touch (all twelve months each). ``scale`` 1 is the
    calibrated demo (about 400 000 ledger rows a month); other scales add synthetic copies of
    the organisation or thin the volume (see ``scaling``). Same arguments, same bytes.
    """
    if not (f"{FIRST_YEAR}-01" <= first_period <= last_period <= LAST_OUTCOME):
        raise ValueError(f"periods must lie within {FIRST_YEAR}-01..{LAST_OUTCOME}")
    if scale <= 0:
        raise ValueError("scale must be positive")
    say = progress or (lambda _msg: None)
    landing_dir = Path(landing_dir)
    prepare_demo_landing(landing_dir, EKONOMI_EXTRACTS)  # refuses a folder of real deliveries
    summary = DemoSummary(landing_dir=landing_dir)
    periods = periods_between(first_period, last_period)
    summary.periods = periods

    series = build_series()
    ledger_template = build_template(series.allowed, with_personalkategori=True)
    budget_template = build_template(
        series.allowed, pk_basenheter=budget_basenheter_with_personalkategori()
    )

    scaling = plan(scale)
    for period in periods:
        org = organisation_rows(period)
        columns = {c: np.array([r[c] for r in org], dtype=object) for c in ORGANISATION_COLUMNS}
        org_table = to_table(columns, ORGANISATION_SCHEMA)
        for name, table in copies_of("organisation", period, org_table, scaling):
            _write(
                summary,
                "organisation",
                table,
                landing_dir / "organisation" / f"period={period}" / name,
            )
        cells = ledger_cells(period, series, ledger_template)
        for copy in range(scaling.copies):
            led = ledger_lines(cells, scaling.share, copy)
            _write_ledger(summary, landing_dir, period, copy, led)
        say(f"{period}: organisation, huvudbok: {summary.rows['huvudbok']:,} rows so far")

    for year in sorted({int(p[:4]) for p in periods}):
        if year > LAST_YEAR:
            continue
        table = to_table(budget_year(year, series, budget_template), BUDGET_SCHEMA)
        for name, copy_table in copies_of("budget", str(year), table, scaling):
            _write(summary, "budget", copy_table, landing_dir / "budget" / f"ar={year}" / name)
        say(f"budget {year}: {table.num_rows} rows per copy")

    for part in PARTS:
        for extract, rows in part.generate(landing_dir, periods, scale, say).items():
            summary.rows[extract] = summary.rows.get(extract, 0) + rows
    return summary


def _write_ledger(
    summary: DemoSummary, landing_dir: Path, period: str, copy: int, led: dict
) -> None:
    """One copy's huvudbok of a month, delivered as several files split by voucher."""
    voucher = led.pop("voucher")
    table = to_table(led, HUVUDBOK_SCHEMA)
    if copy:
        table = clone(table, copy)
    # vouchers stay whole within a file
    n_vouchers = int(voucher[-1]) + 1 if len(voucher) else 0
    cuts = [n_vouchers * k // HUVUDBOK_FILES for k in range(HUVUDBOK_FILES + 1)]
    bounds = np.searchsorted(voucher, cuts)
    for part in range(HUVUDBOK_FILES):
        start, stop = int(bounds[part]), int(bounds[part + 1])
        name = file_name("huvudbok", copy, f"_{part + 1}")
        _write(
            summary,
            "huvudbok",
            table.slice(start, stop - start),
            landing_dir / "huvudbok" / f"period={period}" / name,
        )


def _write(summary: DemoSummary, extract: str, table: pa.Table, path: Path) -> None:
    write_table(table, path)
    summary.files_written += 1
    summary.rows[extract] += table.num_rows
