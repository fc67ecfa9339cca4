"""Write extracts as Parquet with the landing contract's types, byte-for-byte reproducibly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

MONEY = pa.decimal128(18, 2)

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
        ("belopp", MONEY),
        ("text", pa.string()),
    ]
)
BUDGET_SCHEMA = pa.schema(
    [
        ("period", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("konto", pa.string()),
        ("personalkategori", pa.string()),
        ("belopp", MONEY),
    ]
)


def oere_to_decimal(oere: npt.NDArray[np.int64]) -> pa.Array:
    """Integer öre -> decimal128(18, 2) without going through floats."""
    lo = np.ascontiguousarray(oere, dtype=np.int64)
    words = np.empty((len(lo), 2), dtype=np.int64)
    words[:, 0] = lo
    words[:, 1] = np.where(lo < 0, -1, 0)  # two's complement sign extension
    buf = pa.py_buffer(words.tobytes())
    return pa.Array.from_buffers(MONEY, len(lo), [None, buf])


def _column(values: npt.NDArray, typ: pa.DataType) -> pa.Array:
    if typ == MONEY:
        return oere_to_decimal(values)
    if typ == pa.date32():
        return pa.array(values.astype(np.int32), type=pa.int32()).cast(pa.date32())
    return pa.array(values, type=typ)


def to_table(columns: dict[str, npt.NDArray | pa.Array], schema: pa.Schema) -> pa.Table:
    """Columns given as numpy arrays are converted; Arrow arrays are taken as they are."""
    arrays = [
        col if isinstance(col, pa.Array) else _column(np.asarray(col), f.type)
        for f in schema
        for col in [columns[f.name]]
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_table(table: pa.Table, path: Path) -> None:
    """Deterministic Parquet: fixed options, no pandas metadata, no timestamps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table.replace_schema_metadata(None),
        path,
        compression="zstd",
        compression_level=3,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=1_000_000,
    )
