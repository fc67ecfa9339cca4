"""Drift from last year and missing months, on hand-made delivery manifests."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from hsn.drift import check, missing_periods, volume_drift
from hsn.gate.accepting import write_accepted
from hsn.gate.manifest import DELIVERIES_SCHEMA
from hsn.gate.paths import deliveries_file

AT = datetime(2024, 3, 5, tzinfo=UTC)


def row(extract: str, period: str, rows: int, total: str | None = None) -> dict:
    return {
        "extract": extract,
        "period": period,
        "checksum": f"{extract}{period}",
        "rows": rows,
        "belopp_summa": None if total is None else Decimal(total),
        "accepted_at": AT,
    }


def ledger_year(year: int, rows: int = 1000, total: str = "-5000000.00") -> list[dict]:
    return [row("huvudbok", f"{year}-{m:02d}", rows, total) for m in range(1, 13)]


def test_a_ledger_month_with_half_the_rows_warns() -> None:
    deliveries = [
        *ledger_year(2023),
        row("huvudbok", "2024-01", 1000, "-5100000.00"),  # as usual
        row("huvudbok", "2024-02", 499, "-4900000.00"),  # rows 0.499: too few
        row("huvudbok", "2024-03", 500, "-2500000.00"),  # exactly 0.5: still fine
    ]
    warnings = volume_drift(deliveries)
    assert [(w.extract, w.period, w.measure, w.value, w.last_year_value) for w in warnings] == [
        ("huvudbok", "2024-02", "rows", Decimal(499), Decimal(1000)),
    ]
    assert warnings[0].last_year_period == "2023-02"
    assert "0.50 times 2023-02" in warnings[0].message()


def test_control_total_is_compared_in_absolute_value() -> None:
    deliveries = [
        row("huvudbok", "2023-06", 100, "-1000000.00"),
        row("huvudbok", "2024-06", 100, "-2000000.01"),  # |total| 2.0000000 times: warns
        row("budget", "2023", 3000, "-12000000.00"),
        row("budget", "2024", 3100, "-12500000.00"),
        row("vardkontakter", "2023-06", 50_000),
        row("vardkontakter", "2024-06", 101_000),  # rows 2.02 times
        row("telefoni", "2024-06", 10),  # no 2023-06: nothing to compare
        row("riket", "2023-06", 0),
        row("riket", "2024-06", 7),  # last year 0: no ratio
    ]
    found = {(w.extract, w.period, w.measure) for w in volume_drift(deliveries)}
    assert found == {
        ("huvudbok", "2024-06", "belopp_summa"),
        ("vardkontakter", "2024-06", "rows"),
    }


def test_missing_months_are_named() -> None:
    deliveries = [
        row("huvudbok", "2023-11", 10),
        row("huvudbok", "2024-02", 10),  # 2023-12 and 2024-01 missing
        row("telefoni", "2023-12", 10),
        row("telefoni", "2024-01", 10),  # stopped: 2024-02 missing up to the latest month
        row("budget", "2022", 10),
        row("budget", "2024", 10),  # 2023 missing
    ]
    gaps = [(g.extract, g.period) for g in missing_periods(deliveries, until="2024-02")]
    assert gaps == [
        ("budget", "2023"),
        ("huvudbok", "2023-12"),
        ("huvudbok", "2024-01"),
        ("telefoni", "2024-02"),
    ]
    assert [(g.extract, g.period) for g in missing_periods(deliveries)] == [
        ("budget", "2023"), ("huvudbok", "2023-12"), ("huvudbok", "2024-01"),
    ]


def test_check_reads_the_manifest_parquet(tmp_path: Path) -> None:
    accepted = tmp_path / "accepted"
    rows = [
        *ledger_year(2023),
        row("huvudbok", "2024-01", 400, "-5000000.00"),
        row("huvudbok", "2024-03", 1000, "-5000000.00"),
    ]
    write_accepted(pa.Table.from_pylist(rows, schema=DELIVERIES_SCHEMA), deliveries_file(accepted))
    assert check(accepted) == [
        "huvudbok 2024-01: rows 400 is 0.40 times 2023-01 (1000); expected 0.5-2.0",
        "huvudbok 2024-02: no accepted delivery",
    ]


def test_check_names_extracts_behind_the_latest_ledger_month(tmp_path: Path) -> None:
    accepted = tmp_path / "accepted"
    rows = [
        row("huvudbok", "2024-01", 10),
        row("huvudbok", "2024-02", 10),
        row("organisation", "2024-01", 3),
        row("organisation", "2024-05", 3),  # ahead of the ledger: no warning after 2024-05
        row("telefoni", "2023-12", 5),
    ]
    write_accepted(pa.Table.from_pylist(rows, schema=DELIVERIES_SCHEMA), deliveries_file(accepted))
    assert check(accepted) == [
        "organisation 2024-02: no accepted delivery",
        "organisation 2024-03: no accepted delivery",
        "organisation 2024-04: no accepted delivery",
        "telefoni 2024-01: no accepted delivery",
        "telefoni 2024-02: no accepted delivery",
    ]


def test_check_without_accepted_deliveries_warns(tmp_path: Path) -> None:
    assert check(tmp_path / "accepted") == [
        f"no accepted deliveries in {tmp_path / 'accepted'}: run `hsn gate` (or `hsn run`) first"
    ]
