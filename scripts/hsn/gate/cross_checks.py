"""Checks across deliveries that GX cannot express: keys unique across all periods (DuckDB)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from hsn.gate.contract import Extract
from hsn.gate.failures import RuleFailure
from hsn.gate.paths import accepted_file, accepted_periods
from hsn.gate.reading import FILE_COLUMN, ROW_COLUMN

SAMPLES = 5


def unique_across_periods(
    table: pa.Table, extract: Extract, period: str, accepted_dir: Path
) -> tuple[RuleFailure | None, list[int]]:
    """The global key must not occur in another period's accepted delivery.

    The delivery's own period is left out: it is being replaced.
    """
    if not extract.global_key:
        return None, []
    others = [
        (p, accepted_file(accepted_dir, extract.name, p))
        for p in accepted_periods(accepted_dir, extract.name)
        if p != period
    ]
    if not others or table.num_rows == 0:
        return None, []
    keys = list(extract.global_key)
    cols = ", ".join(f'"{k}"' for k in keys)
    delivery = table.select([*keys, FILE_COLUMN, ROW_COLUMN]).append_column(
        "_i", pa.array(range(table.num_rows), pa.int64())
    )
    files = [str(path) for _, path in others]
    with duckdb.connect() as con:
        con.register("delivery", delivery)
        query = f"""
            with accepted as (
                select {cols}, regexp_extract(filename, '(period|ar)=([^/\\\\]+)', 2) as other
                from read_parquet(?, filename = true)
            )
            select d._i, a.other
            from delivery d join accepted a using ({cols})
            order by d._i
        """
        rows = con.execute(query, [files]).fetchall()
    if not rows:
        return None, []
    positions = [r[0] for r in rows]
    periods = sorted({r[1] for r in rows})
    failure = RuleFailure(
        "unique_across_periods",
        ",".join(keys),
        f"({', '.join(keys)}) already accepted in another period: {', '.join(periods[:10])}"
        f"; {len(set(positions))} of {table.num_rows} rows",
        expectation_type="duckdb:unique_across_periods",
        unexpected_count=len(set(positions)),
    )
    return failure, sorted(set(positions))
