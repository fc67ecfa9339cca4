"""Reference data the checks need: the chart of accounts and the accepted organisation."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq

from hsn.gate.paths import accepted_file, accepted_periods


def chart_accounts(chart: Path) -> list[str]:
    """Every 4-digit account inside one of the chart's ranges (konto_fran..konto_till)."""
    accounts: set[str] = set()
    with chart.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            low, high = int(row["konto_fran"]), int(row["konto_till"])
            accounts.update(f"{k:04d}" for k in range(low, high + 1))
    return sorted(accounts)


def organisation_units(accepted_dir: Path, period: str) -> list[str] | None:
    """Kostnadsställen of a month's accepted organisation; None if that month has none."""
    path = accepted_file(accepted_dir, "organisation", period)
    if not path.exists():
        return None
    column = pq.read_table(path, columns=["kostnadsstalle"]).column("kostnadsstalle")
    return sorted(set(column.to_pylist()))


def organisation_units_for_year(accepted_dir: Path, year: str) -> tuple[list[str], str]:
    """Units known in any accepted organisation month of the year, else of any month.

    Returns the units and a description of where they came from (for the report).
    """
    months = accepted_periods(accepted_dir, "organisation")
    in_year = [m for m in months if m.startswith(f"{year}-")]
    chosen = in_year or months
    units: set[str] = set()
    for month in chosen:
        units.update(organisation_units(accepted_dir, month) or [])
    if not chosen:
        return [], "no accepted organisation at all"
    where = f"year {year}" if in_year else "all months (none accepted for the year)"
    return sorted(units), f"accepted organisation of {where}"
