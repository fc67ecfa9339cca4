"""Demo extracts for the produktion part: care contacts (vardkontakter) and the midnight bed
census (vardplatser).

January–February of every year reproduce the seed report's "Vårdproduktion ack februari"
tables (primärvård, sjukhusvård, tandvård, vaccination visits) when the warehouse computes
them; see ``produktion_malsiffror``. Persons come from one fixed synthetic population (valid
personnummer, some samordningsnummer), so the same person recurs across months and clinics.
Every row's kostnadsställe is in that month's demo organisation. Same arguments, same bytes.
At scale 1 the volumes are the report's figures; other scales copy or thin them (``scaling``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.parquet_writer import write_table
from hsn.demo.produktion_enheter import enheter
from hsn.demo.produktion_kontakter import vardkontakter
from hsn.demo.produktion_malsiffror import PV, SV, manadsmal
from hsn.demo.produktion_vardplatser import vardplatser_avdelningar, vardplatser_table
from hsn.demo.scaling import copies_of, plan
from hsn.demo.tillganglighet_personer import personnummer_pool
from hsn.demo_marker import prepare_demo_landing

EXTRACTS: tuple[str, ...] = ("vardkontakter", "vardplatser")
TANDVARD_POPULATION = 230_000


def _rng(extract: str, period: str) -> np.random.Generator:
    return np.random.default_rng([zlib.crc32(extract.encode()), int(period.replace("-", ""))])


def tandvard_ordning(pool_size: int, year: int) -> npt.NDArray[np.int64]:
    """The year's dental population (pool indexes) in a fixed, year-specific order."""
    population = np.random.default_rng(2719).permutation(pool_size)[:TANDVARD_POPULATION]
    return np.random.default_rng([zlib.crc32(b"tandvard"), year]).permutation(population)


def month_tables(period: str, pool: pa.Array) -> dict[str, pa.Table]:
    """Both extracts of one month."""
    mal = manadsmal(period)
    units = enheter(period)
    first = int(np.datetime64(f"{period}-01", "D").astype(np.int64))
    n_days = int((np.datetime64(period, "M") + 1).astype("datetime64[D]").astype(np.int64)) - first
    rng = _rng("vardplatser", period)
    groups = [
        (
            wards,
            vardplatser_avdelningar(
                rng,
                first,
                n_days,
                wards,
                units.vikt(role),
                mal[niva].disponibla_platsdagar,
                mal[niva].varddagar,
            ),
        )
        for niva, role in ((PV, "pv_avdelningar"), (SV, "sv_avdelningar"))
        for wards in [getattr(units, role)]
    ]
    return {
        "vardkontakter": vardkontakter(
            _rng("vardkontakter", period),
            period,
            mal,
            units,
            pool,
            tandvard_ordning(len(pool), int(period[:4])),
        ),
        "vardplatser": vardplatser_table(groups),
    }


def generate(
    landing_dir: Path, periods: list[str], scale: float, say: Callable[[str], None]
) -> dict[str, int]:
    """Write this part's extracts for the periods; return rows written per extract."""
    scaling = plan(scale)
    landing_dir = Path(landing_dir)
    prepare_demo_landing(landing_dir, EXTRACTS)  # refuses a folder of real deliveries
    pool = pa.array(personnummer_pool().tolist(), pa.string())
    rows = dict.fromkeys(EXTRACTS, 0)
    for period in periods:
        tables = month_tables(period, pool)
        for extract, table in tables.items():
            for name, copy in copies_of(extract, period, table, scaling):
                write_table(copy, landing_dir / extract / f"period={period}" / name)
                rows[extract] += copy.num_rows
        say(
            f"{period}: vardkontakter {tables['vardkontakter'].num_rows} rows, "
            f"vardplatser {tables['vardplatser'].num_rows} rows"
        )
    return rows
