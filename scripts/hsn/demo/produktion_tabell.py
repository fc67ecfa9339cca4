"""Arrow columns for the produktion demo, built without Python loops over rows."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

DRG_VIKT = pa.decimal128(8, 4)

VARDKONTAKTER_SCHEMA = pa.schema(
    [
        ("kontakt_id", pa.string()),
        ("personnummer", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("vardform", pa.string()),
        ("yrkeskategori", pa.string()),
        ("kontakttyp", pa.string()),
        ("kontaktdatum", pa.date32()),
        ("inskrivningsdatum", pa.date32()),
        ("drg", pa.string()),
        ("drg_vikt", DRG_VIKT),
    ]
)
VARDPLATSER_SCHEMA = pa.schema(
    [
        ("datum", pa.date32()),
        ("kostnadsstalle", pa.string()),
        ("disponibla_vardplatser", pa.int32()),
        ("belagda_vardplatser", pa.int32()),
    ]
)


def codes(values: list[str] | tuple[str, ...], index: npt.NDArray[np.int64]) -> pa.Array:
    """values[index] as a string array; index −1 gives null."""
    table = pa.array(list(values), pa.string())
    missing = index < 0
    return table.take(pa.array(np.where(missing, 0, index), mask=missing))


def dates(days: npt.NDArray[np.int64]) -> pa.Array:
    """Days since 1970-01-01 as date32; −1 gives null."""
    missing = days < 0
    return pa.array(days.astype(np.int32), pa.int32(), mask=missing).cast(pa.date32())


def vikter(units: npt.NDArray[np.int64]) -> pa.Array:
    """Weights in 1/10 000 as DECIMAL(8,4) without floats; −1 gives null."""
    lo = np.ascontiguousarray(np.where(units < 0, 0, units), dtype=np.int64)
    words = np.zeros((len(lo), 2), dtype=np.int64)
    words[:, 0] = lo
    missing = units < 0
    validity = pa.array(~missing).buffers()[1] if missing.any() else None
    null_count = int(missing.sum())
    return pa.Array.from_buffers(
        DRG_VIKT, len(lo), [validity, pa.py_buffer(words.tobytes())], null_count
    )


def ids(prefix: str, n: int) -> pa.Array:
    """prefix + a running number of 7 digits (0000001 …)."""
    numbers = pc.cast(pa.array(np.arange(1, n + 1, dtype=np.int64)), pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, 7, "0"), "")
