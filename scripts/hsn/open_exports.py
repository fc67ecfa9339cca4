"""The 'open' export variant: the marts as Parquet with small counts of persons suppressed.

Small-numbers rule (see docs/reliability.md): at kostnadsställe level a count of distinct
persons from 1 to 4 could point out a person, so it is replaced by null and a flag column
`<column>_undertryckt` says so (true = suppressed). Zero is shown: it points out no one.

Which columns are counts of distinct persons: by name, `antal_personer`, `tandvard_patienter`
and every column ending in `_patienter` or `_personer` (see is_person_count). Marts name their
person counts that way; a new mart with another kind of person count must follow the naming.

Which rows are kostnadsställe level: `niva = 'kostnadsstalle'` in the four-level marts
(rulla_upp_per_niva); in a table without `niva`, every row with a kostnadsställe. Tables without
either (region-level facts, dimensions) are copied unchanged.

Not covered (documented limits): a suppressed count can sometimes be worked out from the
basenhet total minus the other kostnadsställen, and ratios built from small counts are shown.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

MIN_COUNT = 5
FLAG_SUFFIX = "_undertryckt"
PERSON_COUNT_NAMES = {"antal_personer", "tandvard_patienter"}
PERSON_COUNT_SUFFIXES = ("_patienter", "_personer")


def is_person_count(column: str) -> bool:
    return column in PERSON_COUNT_NAMES or column.endswith(PERSON_COUNT_SUFFIXES)


def public_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Marts and dimensions in schema main (BI's public interface)."""
    rows = con.execute(
        """
        select table_name from information_schema.tables
        where table_schema = 'main'
          and (table_name like 'mart\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
        order by table_name
        """
    ).fetchall()
    return [name for (name,) in rows]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        """
        select column_name from information_schema.columns
        where table_schema = 'main' and table_name = ?
        order by ordinal_position
        """,
        [table],
    ).fetchall()
    return [name for (name,) in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def open_select(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The select statement of a table's open variant."""
    columns = _columns(con, table)
    counts = [c for c in columns if is_person_count(c)]
    if "niva" in columns:
        level = "niva = 'kostnadsstalle'"
    elif "kostnadsstalle" in columns:
        level = "kostnadsstalle is not null"
    else:
        counts = []
    parts: list[str] = []
    for column in columns:
        name = _quote(column)
        if column not in counts:
            parts.append(name)
            continue
        small = f"({level} and {name} > 0 and {name} < {MIN_COUNT})"
        parts.append(f"case when {small} then null else {name} end as {name}")
        parts.append(f"coalesce({small}, false) as {_quote(column + FLAG_SUFFIX)}")
    return f"select {', '.join(parts)} from main.{_quote(table)}"


def write_open_exports(con: duckdb.DuckDBPyConnection, open_dir: Path) -> list[Path]:
    """One Parquet file per mart and dimension in open_dir, each replaced by an atomic rename.

    con: a connection to the built (or published) warehouse; rows are written in a stable
    order, so equal marts give equal files.
    """
    open_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in public_tables(con):
        destination = open_dir / f"{table}.parquet"
        temporary = open_dir / f".{table}.parquet.tmp"
        query = f"select * from ({open_select(con, table)}) order by all"
        con.execute(f"copy ({query}) to '{temporary}' (format parquet, compression zstd)")
        os.replace(temporary, destination)
        written.append(destination)
    return written
