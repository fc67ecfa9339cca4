"""Publish a fully built and tested warehouse for BI: the DuckDB file and one Parquet file per
mart and dimension, each replaced by an atomic rename, plus a record of what went in."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from hsn.settings import Settings

PUBLICATION_FILE = "publication.json"


@dataclass(frozen=True)
class Publication:
    warehouse: Path
    exports: list[Path]
    record: Path


def public_relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts and dimensions: BI's public interface."""
    rows = con.execute(
        """
        select table_name from information_schema.tables
        where table_schema = 'main'
          and (table_name like 'mart\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
        order by table_name
        """
    ).fetchall()
    return [name for (name,) in rows]


def _replace_atomically(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.tmp")
    shutil.copyfile(source, temporary)
    os.replace(temporary, destination)


def export_parquet(con: duckdb.DuckDBPyConnection, relation: str, destination: Path) -> None:
    """One Parquet file, rows in a stable order so that equal marts give equal files."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.tmp")
    con.execute(
        f"copy (select * from main.{relation} order by all) to '{temporary}' "
        "(format parquet, compression zstd)"
    )
    os.replace(temporary, destination)


def publish(settings: Settings, build_warehouse: Path, record: dict) -> Publication:
    """Copy the tested build to the published place and write the exports beside it."""
    settings.published_dir.mkdir(parents=True, exist_ok=True)
    _replace_atomically(build_warehouse, settings.published_warehouse)
    exports: list[Path] = []
    with duckdb.connect(str(build_warehouse), read_only=True) as con:
        for relation in public_relations(con):
            destination = settings.exports_dir / f"{relation}.parquet"
            export_parquet(con, relation, destination)
            exports.append(destination)
    record = {
        **record,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warehouse": settings.published_warehouse.name,
        "exports": [path.name for path in exports],
    }
    record_path = settings.published_dir / PUBLICATION_FILE
    temporary = record_path.with_name(f".{record_path.name}.tmp")
    temporary.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, record_path)
    return Publication(settings.published_warehouse, exports, record_path)


def last_publication(settings: Settings) -> dict | None:
    path = settings.published_dir / PUBLICATION_FILE
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
