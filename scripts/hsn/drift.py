"""Warnings about what was delivered: strong drift from last year, and months that are missing.

Read from accepted/_manifest/deliveries.parquet (one row per accepted delivery in use).

Drift rule: a delivery's row count, and its absolute control total (belopp_summa, ekonomi
only), are compared with the same period a year earlier (2024-02 with 2023-02; budget 2024
with 2023). A ratio outside [0.5, 2.0] is a warning: a ledger month with half the usual rows,
or a budget that doubled. No warning when last year's period is missing or its value is 0.

Gap rule: every month between an extract's first and last accepted month must be there (for
budget: every year). With `until`, the months after the extract's last one up to `until` are
missing too (an extract that stopped delivering); `hsn check` uses the latest ledger month,
the month the board report is made for.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

LOW, HIGH = 0.5, 2.0
MEASURES = ("rows", "belopp_summa")
REPORT_EXTRACT = "huvudbok"


@dataclass(frozen=True)
class DriftWarning:
    extract: str
    period: str
    measure: str  # 'rows' or 'belopp_summa' (absolute value)
    value: Decimal
    last_year_period: str
    last_year_value: Decimal

    @property
    def ratio(self) -> float:
        return float(self.value / self.last_year_value)

    def message(self) -> str:
        return (
            f"{self.extract} {self.period}: {self.measure} {self.value} is {self.ratio:.2f} times "
            f"{self.last_year_period} ({self.last_year_value}); expected {LOW}-{HIGH}"
        )


@dataclass(frozen=True)
class MissingPeriod:
    extract: str
    period: str

    def message(self) -> str:
        return f"{self.extract} {self.period}: no accepted delivery"


def read_deliveries(accepted_dir: Path) -> list[dict[str, Any]]:
    path = accepted_dir / "_manifest" / "deliveries.parquet"
    if not path.exists():
        return []
    return pq.read_table(path).to_pylist()


def _last_year(period: str) -> str:
    year = int(period[:4]) - 1
    return f"{year:04d}{period[4:]}"


def _measure(row: dict[str, Any], measure: str) -> Decimal | None:
    value = row.get(measure)
    return None if value is None else abs(Decimal(value))


def volume_drift(
    deliveries: list[dict[str, Any]], low: float = LOW, high: float = HIGH
) -> list[DriftWarning]:
    by_key = {(row["extract"], row["period"]): row for row in deliveries}
    warnings: list[DriftWarning] = []
    for (extract, period), row in sorted(by_key.items()):
        before = by_key.get((extract, _last_year(period)))
        if before is None:
            continue
        for measure in MEASURES:
            value, last = _measure(row, measure), _measure(before, measure)
            if value is None or last is None or last == 0:
                continue
            if not low <= value / last <= high:
                warnings.append(
                    DriftWarning(extract, period, measure, value, before["period"], last)
                )
    return warnings


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def missing_periods(
    deliveries: list[dict[str, Any]], until: str | None = None
) -> list[MissingPeriod]:
    """Gaps in each extract's periods; until ('YYYY-MM') extends monthly extracts to it."""
    periods: dict[str, set[str]] = {}
    for row in deliveries:
        periods.setdefault(row["extract"], set()).add(row["period"])
    missing: list[MissingPeriod] = []
    for extract, present in sorted(periods.items()):
        first, last = min(present), max(present)
        if len(first) == 4:
            expected = [str(y) for y in range(int(first), int(last) + 1)]
        else:
            expected = _months(first, max(last, until or last))
        missing += [MissingPeriod(extract, p) for p in expected if p not in present]
    return missing


def report_month(deliveries: list[dict[str, Any]]) -> str | None:
    """The latest ledger month: the month the board report is made for."""
    months = [row["period"] for row in deliveries if row["extract"] == REPORT_EXTRACT]
    return max(months) if months else None


def check(accepted_dir: Path) -> list[str]:
    """Every drift and gap warning as a line of text (`hsn check` prints them)."""
    deliveries = read_deliveries(accepted_dir)
    if not deliveries:
        # nothing to compare is not "no warnings": the gate has not accepted anything here
        return [f"no accepted deliveries in {accepted_dir}: run `hsn gate` (or `hsn run`) first"]
    gaps = missing_periods(deliveries, until=report_month(deliveries))
    return [w.message() for w in volume_drift(deliveries)] + [g.message() for g in gaps]
