"""Arrow tables from numpy columns for the tillganglighet demo (NaT = null for dates/times)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.parquet_writer import oere_to_decimal, write_table

MONEY = pa.decimal128(18, 2)


def _array(values: npt.NDArray, typ: pa.DataType) -> pa.Array:
    if typ == MONEY:
        return oere_to_decimal(values.astype(np.int64))
    if pa.types.is_date32(typ) or pa.types.is_timestamp(typ):
        unit = "D" if pa.types.is_date32(typ) else "us"
        raw = values.astype(f"datetime64[{unit}]")
        missing = np.isnat(raw)
        ints = raw.astype(np.int64)
        storage = pa.int32() if pa.types.is_date32(typ) else pa.int64()
        return pa.array(ints, type=storage, mask=missing).cast(typ)
    if typ == pa.string():
        return pa.array(values.astype(str).tolist(), type=pa.string())
    return pa.array(values, type=typ)


def build(columns: dict[str, npt.NDArray], schema: pa.Schema) -> pa.Table:
    arrays = [_array(np.asarray(columns[f.name]), f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write(landing_dir: Path, extract: str, period: str, table: pa.Table) -> int:
    write_table(table, landing_dir / extract / f"period={period}" / f"{extract}.parquet")
    return table.num_rows
