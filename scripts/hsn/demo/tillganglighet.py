"""Demo extracts for the tillganglighet part: vårdgaranti 0-3-90-90, telephone, BUP, dental
recall, national figures and action plans.

Region totals are calibrated to the seed report (February 2024 and 2023, see
``tillganglighet_malsiffror``); ``riket`` is Kolada's real national yearly figures. Every row's
kostnadsställe is in that month's demo organisation. Same arguments, same bytes. At scale 1
the volumes are the report's figures; other scales copy or thin them (``scaling``).

The dental recall list (about 160 000 patients at every month end) is delivered from
``TANDVARD_FIRST_PERIOD`` only, to keep the demo build fast; earlier months are not delivered.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from hsn.demo.parquet_writer import write_table
from hsn.demo.scaling import copies_of, plan
from hsn.demo.tillganglighet_atgardsplaner import ATGARDSPLANER_SCHEMA, atgardsplaner
from hsn.demo.tillganglighet_enheter import enheter
from hsn.demo.tillganglighet_kolada import riket_rows
from hsn.demo.tillganglighet_malsiffror import malsiffror
from hsn.demo.tillganglighet_personer import personnummer_pool, phone_pool
from hsn.demo.tillganglighet_primarvard import (
    PV_BEDOMNINGAR_SCHEMA,
    TELEFONI_SCHEMA,
    pv_bedomningar,
    telefoni,
)
from hsn.demo.tillganglighet_riket_schema import RIKET_SCHEMA
from hsn.demo.tillganglighet_specialist import VANTELISTA_SCHEMA, vantelista
from hsn.demo.tillganglighet_tabell import build
from hsn.demo.tillganglighet_tandvard import TANDVARD_KALLELSER_SCHEMA, tandvard_kallelser
from hsn.demo_marker import prepare_demo_landing

TANDVARD_FIRST_PERIOD = "2023-01"
EXTRACTS: tuple[str, ...] = (
    "pv_bedomningar",
    "telefoni",
    "vantelista",
    "tandvard_kallelser",
    "riket",
    "atgardsplaner",
)


def _rng(extract: str, period: str) -> np.random.Generator:
    return np.random.default_rng([zlib.crc32(extract.encode()), int(period.replace("-", ""))])


def generate(
    landing_dir: Path, periods: list[str], scale: float, say: Callable[[str], None]
) -> dict[str, int]:
    """Write this part's extracts for the periods; return rows written per extract."""
    scaling = plan(scale)
    landing_dir = Path(landing_dir)
    prepare_demo_landing(landing_dir, EXTRACTS)  # refuses a folder of real deliveries
    persons = personnummer_pool()
    birth_years = np.char.ljust(persons, 4).astype("U4").astype(np.int64)
    phones = phone_pool()
    rows = dict.fromkeys(EXTRACTS, 0)
    for period in periods:
        mal = malsiffror(period)
        units = enheter(period)
        tables = {
            "pv_bedomningar": build(
                pv_bedomningar(
                    _rng("pv_bedomningar", period),
                    period,
                    mal,
                    units.vardcentraler,
                    units.vardcentraler_vikt,
                    persons,
                ),
                PV_BEDOMNINGAR_SCHEMA,
            ),
            "telefoni": build(
                telefoni(
                    _rng("telefoni", period),
                    period,
                    mal,
                    units.vardcentraler,
                    units.vardcentraler_vikt,
                    phones,
                ),
                TELEFONI_SCHEMA,
            ),
            "vantelista": build(
                vantelista(_rng("vantelista", period), period, mal, units, persons),
                VANTELISTA_SCHEMA,
            ),
        }
        if period >= TANDVARD_FIRST_PERIOD:
            tables["tandvard_kallelser"] = build(
                tandvard_kallelser(
                    _rng("tandvard_kallelser", period),
                    period,
                    mal,
                    units.tandvard,
                    units.tandvard_vikt,
                    persons,
                    birth_years,
                ),
                TANDVARD_KALLELSER_SCHEMA,
            )
        riket = riket_rows(period)
        if riket:
            tables["riket"] = build(
                {
                    "matt": np.array([r.matt for r in riket]),
                    "andel": np.array([r.andel for r in riket]),
                    "kalla": np.array([r.kalla for r in riket]),
                },
                RIKET_SCHEMA,
            )
        plans = atgardsplaner(period)
        if plans is not None:
            tables["atgardsplaner"] = build(plans, ATGARDSPLANER_SCHEMA)
        for extract, table in tables.items():
            for name, copy in copies_of(extract, period, table, scaling):
                write_table(copy, landing_dir / extract / f"period={period}" / name)
                rows[extract] += copy.num_rows
        say(
            f"{period}: "
            + ", ".join(f"{extract} {table.num_rows}" for extract, table in tables.items())
        )
    return rows
