"""Kolada's published annual figures (seeds/kolada_*.csv) and the `riket` extract made of them.

The seeds are a copy, trimmed to the accessibility KPIs, of Kolada's open data for all 21
regions and riket (see docs/tillganglighet.md). Each KPI that measures the same thing as one
of the warehouse's measure codes carries that code in `kolada_kpi.csv` (column `matt`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hsn.settings import REPO_ROOT

SEED_DIR = REPO_ROOT / "seeds"
RIKET_ID = "0000"
VASTERBOTTEN_ID = "0024"


@dataclass(frozen=True)
class RiketRad:
    matt: str
    andel: float
    kalla: str


@cache
def kpi_matt(seed_dir: Path = SEED_DIR) -> dict[str, str]:
    """Kolada KPI id -> measure code, for the KPIs that map to a measure."""
    with (seed_dir / "kolada_kpi.csv").open(encoding="utf-8", newline="") as handle:
        return {r["kpi"]: r["matt"] for r in csv.DictReader(handle) if r["matt"]}


@cache
def varden(region_id: str, seed_dir: Path = SEED_DIR) -> dict[tuple[str, int], float]:
    """(kpi, year) -> the published value (per cent, 0–100) for one region or riket."""
    out: dict[tuple[str, int], float] = {}
    path = seed_dir / "kolada_region_kpi_values.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["region_id"] == region_id:
                out[(r["kpi"], int(r["ar"]))] = float(r["varde"])
    return out


def riket_rows(period: str, seed_dir: Path = SEED_DIR) -> list[RiketRad]:
    """The riket extract for one month: the year's national value of every mapped measure.

    Kolada publishes yearly values, so every month of a year gets that year's value. A
    measure without a value for the year is left out; a month without any gets no rows.
    """
    year = int(period[:4])
    national = varden(RIKET_ID, seed_dir)
    rows = [
        RiketRad(matt, round(national[(kpi, year)] / 100, 6), f"Kolada {kpi} (årsvärde {year})")
        for kpi, matt in sorted(kpi_matt(seed_dir).items(), key=lambda item: item[1])
        if (kpi, year) in national and 0 <= national[(kpi, year)] <= 100
    ]
    return rows


def vasterbotten_andel(kpi: str, year: int, default: float) -> float:
    """Västerbotten's published share (0–1) for the year, the nearest year's, or ``default``."""
    values = varden(VASTERBOTTEN_ID)
    years = sorted(y for k, y in values if k == kpi)
    if not years:
        return default
    nearest = min(years, key=lambda y: (abs(y - year), y))
    return values[(kpi, nearest)] / 100
