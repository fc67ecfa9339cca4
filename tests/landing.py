"""Write small landing deliveries for end-to-end tests, typed as the landing contract says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ORGANISATION_SCHEMA = pa.schema(
    [
        ("kostnadsstalle", pa.string()),
        ("kostnadsstalle_namn", pa.string()),
        ("basenhet", pa.string()),
        ("basenhet_namn", pa.string()),
        ("omrade", pa.string()),
        ("omrade_namn", pa.string()),
        ("forvaltning", pa.string()),
        ("forvaltning_namn", pa.string()),
        ("vardniva", pa.string()),
        ("ingar_i_produktion", pa.bool_()),
        ("ar_bup", pa.bool_()),
    ]
)

HUVUDBOK_SCHEMA = pa.schema(
    [
        ("verifikation", pa.string()),
        ("rad", pa.int32()),
        ("bokforingsdatum", pa.date32()),
        ("kostnadsstalle", pa.string()),
        ("konto", pa.string()),
        ("motpart", pa.string()),
        ("personalkategori", pa.string()),
        ("belopp", pa.decimal128(18, 2)),
        ("text", pa.string()),
    ]
)

BUDGET_SCHEMA = pa.schema(
    [
        ("period", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("konto", pa.string()),
        ("personalkategori", pa.string()),
        ("belopp", pa.decimal128(18, 2)),
    ]
)

# (kostnadsstalle, basenhet, basenhet_namn, omrade, omrade_namn)
MINI_ORGANISATION = [
    ("220101", "1001", "Stenbergska hälsocentralen", "22", "Närsjukvård Södra Lappland"),
    ("240101", "2141", "Medicincentrum Umeå", "24", "Närsjukvård Umeå"),
    ("240102", "2141", "Medicincentrum Umeå", "24", "Närsjukvård Umeå"),
]


def _write(table: pa.Table, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


def write_organisation(
    landing: Path,
    period: str,
    units: list[tuple[str, str, str, str, str]] | None = None,
    *,
    tandvard: frozenset[str] = frozenset(),
) -> Path:
    """tandvard: the kostnadsställen whose vardniva is TANDVARD (the rest SJUKHUSVARD)."""
    rows = [
        {
            "kostnadsstalle": ks,
            "kostnadsstalle_namn": f"Kostnadsställe {ks}",
            "basenhet": be,
            "basenhet_namn": be_namn,
            "omrade": omr,
            "omrade_namn": omr_namn,
            "forvaltning": "2",
            "forvaltning_namn": "Hälso- och sjukvårdsförvaltningen",
            "vardniva": "TANDVARD" if ks in tandvard else "SJUKHUSVARD",
            "ingar_i_produktion": True,
            "ar_bup": False,
        }
        for ks, be, be_namn, omr, omr_namn in (units or MINI_ORGANISATION)
    ]
    table = pa.Table.from_pylist(rows, schema=ORGANISATION_SCHEMA)
    return _write(table, landing / "organisation" / f"period={period}" / "organisation.parquet")


def write_huvudbok(
    landing: Path,
    period: str,
    lines: list[tuple[str, str, str]],
    *,
    file_name: str = "huvudbok.parquet",
    first_rad: int = 1,
    text: str | None = None,
) -> Path:
    """lines: (kostnadsstalle, konto, belopp as booked, debet positive)."""
    year, month = (int(part) for part in period.split("-"))
    rows = [
        {
            "verifikation": f"V{period}",
            "rad": first_rad + index,
            "bokforingsdatum": dt.date(year, month, 1 + index % 28),
            "kostnadsstalle": ks,
            "konto": konto,
            "motpart": "E",
            "personalkategori": "LAK" if 4000 <= int(konto) <= 4599 else None,
            "belopp": Decimal(belopp),
            "text": text,
        }
        for index, (ks, konto, belopp) in enumerate(lines)
    ]
    table = pa.Table.from_pylist(rows, schema=HUVUDBOK_SCHEMA)
    return _write(table, landing / "huvudbok" / f"period={period}" / file_name)


def write_budget(landing: Path, year: int, lines: list[tuple[str, str, str]]) -> Path:
    """lines: (kostnadsstalle, konto, belopp per month as booked); the same every month."""
    rows = [
        {
            "period": f"{year}-{month:02d}",
            "kostnadsstalle": ks,
            "konto": konto,
            "personalkategori": None,
            "belopp": Decimal(belopp),
        }
        for month in range(1, 13)
        for ks, konto, belopp in lines
    ]
    table = pa.Table.from_pylist(rows, schema=BUDGET_SCHEMA)
    return _write(table, landing / "budget" / f"ar={year}" / "budget.parquet")
