"""Write an accepted delivery: contract columns only, typed, pseudonymised, sorted, atomic."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from hsn.gate.atomic import atomic_target
from hsn.gate.contract import Extract
from hsn.gate.pseudonymise import pseudonymise_array


def accepted_table(table: pa.Table, extract: Extract, key: str) -> pa.Table:
    """The table as it is written: contract columns, identifiers replaced, rows sorted."""
    schema = extract.accepted_schema()
    arrays = []
    for column in extract.accepted_columns:
        values = table.column(column.name)
        if column.identifier:
            values = pseudonymise_array(values, column.identifier, key)
        arrays.append(values)
    out = pa.Table.from_arrays(arrays, schema=schema)
    order = pc.sort_indices(
        out,
        sort_keys=[(c, "ascending") for c in extract.sort_columns],
        null_placement="at_end",
    )
    return out.take(order)


def control_total(table: pa.Table, extract: Extract) -> Decimal | None:
    if not extract.amount_column:
        return None
    total = pc.sum(table.column(extract.amount_column)).as_py()
    return Decimal("0.00") if total is None else Decimal(total).quantize(Decimal("0.01"))


def write_accepted(table: pa.Table, target: Path) -> None:
    """One file per delivery; a re-delivered period replaces the old file in one rename."""
    with atomic_target(target) as tmp:
        pq.write_table(table, tmp, compression="zstd")


# A zero-row file per extract, in a partition no real month can have, so that every source
# can be read (and its staging view built) before the extract's first delivery. Zero rows
# add nothing anywhere, and the manifest does not list it, so no month counts as loaded.
SCHEMA_PLACEHOLDER_FILE = "schema.parquet"
SCHEMA_PLACEHOLDER_PERIOD = {False: "0001-01", True: "0001"}


def write_schema_placeholders(accepted_dir: Path, extracts: dict[str, Extract]) -> None:
    for extract in extracts.values():
        period = SCHEMA_PLACEHOLDER_PERIOD[extract.yearly]
        partition = f"ar={period}" if extract.yearly else f"period={period}"
        target = accepted_dir / extract.name / partition / SCHEMA_PLACEHOLDER_FILE
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_accepted(extract.accepted_schema().empty_table(), target)
