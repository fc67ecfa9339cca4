"""The demo's ``scale`` knob: synthetic copies of the organisation for benchmarking.

Scale s gives ``ceil(s)`` copies of the region; each copy delivers the share s / ceil(s) of the
per-person volume (contacts, calls, waiting list...). Copy 0 is the calibrated demo itself, so
scale 1 writes exactly the calibrated demo. Copy j > 0 renames every basenhet to a new code
(``basenhet_code``), keeps the kostnadsställe's two-digit suffix, the område and the
förvaltning, and draws its own ledger (same monthly totals, other lines). The other extracts
of copy j are copy 0's rows with the codes renamed, the ids prefixed 'Knn-' and every person
moved to another valid personnummer, so that the copies have persons of their own. National
figures (``riket``) and the områden's action plans are per region and area: not copied.

Each copy is written as its own file in the month's folder, one copy at a time, so memory
does not grow with the scale.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hsn.demo.organisation import BASENHETER
from hsn.demo.tillganglighet_personer import _digits, luhn_check_digit

MAX_SCALE = 50  # copy codes 6060..8999 stay clear of the real codes (1001..5050, 91xx)
_FIRST_COPY_CODE = 6000
_CODES_PER_COPY = 60
# copied per copy; everything else (riket, atgardsplaner) is delivered once
CLONED = frozenset(
    {
        "organisation",
        "huvudbok",
        "budget",
        "vardkontakter",
        "vardplatser",
        "pv_bedomningar",
        "telefoni",
        "vantelista",
        "tandvard_kallelser",
    }
)
# rows that stand for persons' contacts: thinned when a copy's share is below 1
THINNED = frozenset(
    {"vardkontakter", "pv_bedomningar", "telefoni", "vantelista", "tandvard_kallelser"}
)
_ID_COLUMNS = ("kontakt_id", "bedomning_id", "samtal_id", "vantande_id")


@dataclass(frozen=True)
class Plan:
    copies: int
    share: float  # the volume of each copy, relative to the calibrated demo


def plan(scale: float) -> Plan:
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(f"scale must be in (0, {MAX_SCALE}]")
    copies = max(1, math.ceil(round(scale, 9)))
    return Plan(copies, scale / copies)


def basenhet_code(code: str, copy: int) -> str:
    """The code of basenhet ``code`` in copy ``copy`` (copy 0: the code itself)."""
    if copy == 0:
        return code
    return str(_FIRST_COPY_CODE + _CODES_PER_COPY * copy + _basenhet_index()[code])


@cache
def _basenhet_index() -> dict[str, int]:
    assert len(BASENHETER) <= _CODES_PER_COPY
    return {b[0]: i for i, b in enumerate(BASENHETER)}


def kostnadsstalle_code(code: str, copy: int) -> str:
    """Kostnadsställe codes are basenhet code + two digits; the copy renames the first four."""
    return basenhet_code(code[:4], copy) + code[4:]


def _rename(column: pa.ChunkedArray | pa.Array, rename: dict[str, str]) -> pa.Array:
    """Map each distinct value through ``rename`` (nulls stay null)."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    values = pa.array([rename[v] for v in encoded.dictionary.to_pylist()], pa.string())
    return values.take(encoded.indices)


def other_persons(column: pa.ChunkedArray | pa.Array, copy: int) -> pa.Array:
    """Each personnummer with its serial number moved by the copy and a new check digit."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    number = column.to_numpy(zero_copy_only=False).astype("U12").astype(np.int64)
    serial = (number // 10 % 1000 + 7 * copy) % 1000
    date = number // 10_000
    check = luhn_check_digit(_digits((date % 1_000_000) * 1000 + serial, 9))
    moved = date * 10_000 + serial * 10 + check
    return pa.array(moved.astype("U12"), pa.string())


def clone(table: pa.Table, copy: int) -> pa.Table:
    """Copy 0's rows of an extract as copy ``copy`` delivers them."""
    if copy == 0:
        return table
    columns = []
    for name in table.column_names:
        column = table.column(name)
        if name == "kostnadsstalle":
            distinct = pc.unique(column).drop_null().to_pylist()
            column = _rename(column, {c: kostnadsstalle_code(c, copy) for c in distinct})
        elif name == "basenhet":
            distinct = pc.unique(column).drop_null().to_pylist()
            column = _rename(column, {c: basenhet_code(c, copy) for c in distinct})
        elif name == "basenhet_namn":
            column = pc.binary_join_element_wise(column, f" (kopia {copy + 1})", "")
        elif name in _ID_COLUMNS:
            column = pc.binary_join_element_wise(f"K{copy + 1:02d}-", column, "")
        elif name == "personnummer":
            column = other_persons(column, copy)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=table.schema)


def thin(table: pa.Table, share: float, extract: str, period: str, copy: int) -> pa.Table:
    """About ``share`` of the rows, chosen by a seed fixed per extract, month and copy."""
    if share >= 1:
        return table
    seed = [zlib.crc32(extract.encode()), int(period.replace("-", "")), copy]
    keep = np.random.default_rng(seed).random(table.num_rows) < share
    return table.filter(pa.array(keep))


def file_name(extract: str, copy: int, suffix: str = "") -> str:
    """Copy 0 keeps the calibrated demo's file names; copies get '_Knn'."""
    tag = f"_K{copy + 1:02d}" if copy else ""
    return f"{extract}{tag}{suffix}.parquet"


def copies_of(
    extract: str, period: str, table: pa.Table, scaling: Plan
) -> Iterator[tuple[str, pa.Table]]:
    """(file name, rows) of each copy of one month's delivery, one copy at a time."""
    n = scaling.copies if extract in CLONED else 1
    for copy in range(n):
        rows = table
        if extract in THINNED:
            rows = thin(rows, scaling.share, extract, period, copy)
        yield file_name(extract, copy), clone(rows, copy)
