"""Checks across deliveries that GX cannot express: keys unique across all periods (DuckDB).

The keys of every accepted period are read once per gate run into an in-memory DuckDB table
and kept up to date as deliveries are accepted, so a run that loads many months does not
re-read the whole history for each of them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from hsn.gate.contract import Extract
from hsn.gate.failures import RuleFailure
from hsn.gate.paths import accepted_file, accepted_periods
from hsn.gate.reading import FILE_COLUMN, ROW_COLUMN


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


class AcceptedKeys:
    """The global keys of the accepted deliveries, per extract, with their period."""

    def __init__(self, accepted_dir: Path) -> None:
        self.accepted_dir = accepted_dir
        self.con = duckdb.connect()
        self.loaded: set[str] = set()

    def _table(self, extract: Extract) -> str:
        name = f"keys_{extract.name}"
        if extract.name in self.loaded:
            return name
        cols = _quoted(extract.global_key)
        files = [
            str(accepted_file(self.accepted_dir, extract.name, p))
            for p in accepted_periods(self.accepted_dir, extract.name)
        ]
        if files:
            self.con.execute(
                f"create table {name} as select {cols}, "
                "regexp_extract(filename, '(period|ar)=([^/\\\\]+)', 2) as _period "
                "from read_parquet(?, filename = true)",
                [files],
            )
        else:
            empty = extract.accepted_schema().empty_table().select(list(extract.global_key))
            self.con.register("empty_keys", empty)
            self.con.execute(
                f"create table {name} as select {cols}, ''::varchar as _period from empty_keys"
            )
            self.con.unregister("empty_keys")
        self.loaded.add(extract.name)
        return name

    def conflicts(
        self, table: pa.Table, extract: Extract, period: str
    ) -> tuple[RuleFailure | None, list[int]]:
        """Rows whose key is already accepted in another period (this period is being replaced)."""
        if not extract.global_key or table.num_rows == 0:
            return None, []
        keys = extract.global_key
        cols = _quoted(keys)
        accepted = self._table(extract)
        delivery = table.select([*keys, FILE_COLUMN, ROW_COLUMN]).append_column(
            "_i", pa.array(range(table.num_rows), pa.int64())
        )
        self.con.register("delivery", delivery)
        try:
            rows = self.con.execute(
                f"""
                select d._i, a._period
                from delivery d join {accepted} a using ({cols})
                where a._period <> ?
                order by d._i
                """,
                [period],
            ).fetchall()
        finally:
            self.con.unregister("delivery")
        if not rows:
            return None, []
        positions = sorted({r[0] for r in rows})
        periods = sorted({r[1] for r in rows})
        failure = RuleFailure(
            "unique_across_periods",
            ",".join(keys),
            f"({', '.join(keys)}) already accepted in another period: {', '.join(periods[:10])}"
            f"; {len(positions)} of {table.num_rows} rows",
            expectation_type="duckdb:unique_across_periods",
            unexpected_count=len(positions),
        )
        return failure, positions

    def replace(self, extract: Extract, period: str, table: pa.Table) -> None:
        """Record the keys of a newly accepted delivery in place of the period's old ones."""
        if not extract.global_key:
            return
        accepted = self._table(extract)
        self.con.execute(f"delete from {accepted} where _period = ?", [period])
        self.con.register("accepted_now", table.select(list(extract.global_key)))
        try:
            self.con.execute(
                f"insert into {accepted} select {_quoted(extract.global_key)}, ? "
                "from accepted_now",
                [period],
            )
        finally:
            self.con.unregister("accepted_now")

    def close(self) -> None:
        self.con.close()
