"""Checks across deliveries that GX cannot express: keys unique across all periods (DuckDB).

The first few deliveries of an extract in a run are checked straight against the accepted
Parquet files, with the delivery's key range as a filter: accepted files are sorted by key, so
DuckDB skips every file whose key range does not overlap (a new month of 130k keys against
8 M accepted ones: 0.03 s instead of 3 s). A run that checks more deliveries of the extract
than that (a first load) reads the keys of every accepted period once into an in-memory table
kept up to date as deliveries are accepted, so it does not re-read the history each time.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from hsn.gate.contract import Extract
from hsn.gate.failures import RuleFailure
from hsn.gate.paths import accepted_file, accepted_periods
from hsn.gate.reading import FILE_COLUMN, ROW_COLUMN


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


# deliveries of one extract checked against the files before the in-memory index pays
DIRECT_CHECKS = 3
_PERIOD = "regexp_extract(filename, '(period|ar)=([^/\\\\]+)', 2)"


class AcceptedKeys:
    """The global keys of the accepted deliveries, per extract, with their period."""

    def __init__(self, accepted_dir: Path) -> None:
        self.accepted_dir = accepted_dir
        self.con = duckdb.connect()
        self.loaded: set[str] = set()
        self.direct: Counter[str] = Counter()

    def _files(self, extract: Extract) -> list[str]:
        return [
            str(accepted_file(self.accepted_dir, extract.name, p))
            for p in accepted_periods(self.accepted_dir, extract.name)
        ]

    def _source(self, extract: Extract, table: pa.Table) -> tuple[str | None, list[Any]]:
        """What the delivery's keys are joined with: the index, or the files in the key range.

        None: nothing can conflict (no accepted file, or no key value to look up).
        """
        if extract.name in self.loaded or self.direct[extract.name] >= DIRECT_CHECKS:
            return self._table(extract), []
        self.direct[extract.name] += 1
        files = self._files(extract)
        first = extract.global_key[0]
        low, high = pc.min_max(table.column(first)).values()
        if not files or low.as_py() is None:
            return None, []
        cols = _quoted(extract.global_key)
        source = (
            f"(select {cols}, {_PERIOD} as _period from read_parquet(?, filename = true) "
            f'where "{first}" between ? and ?)'
        )
        return source, [files, low.as_py(), high.as_py()]

    def _table(self, extract: Extract) -> str:
        name = f"keys_{extract.name}"
        if extract.name in self.loaded:
            return name
        cols = _quoted(extract.global_key)
        files = self._files(extract)
        if files:
            self.con.execute(
                f"create table {name} as select {cols}, {_PERIOD} as _period "
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
        accepted, arguments = self._source(extract, table)
        if accepted is None:
            return None, []
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
                [*arguments, period],
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
        if not extract.global_key or extract.name not in self.loaded:
            return  # without an index the files written are the truth
        accepted = self._table(extract)
        self.con.execute(f"delete from {accepted} where _period = ?", [period])
        self.con.register("accepted_now", table.select(list(extract.global_key)))
        try:
            self.con.execute(
                f"insert into {accepted} select {_quoted(extract.global_key)}, ? from accepted_now",
                [period],
            )
        finally:
            self.con.unregister("accepted_now")

    def close(self) -> None:
        self.con.close()
