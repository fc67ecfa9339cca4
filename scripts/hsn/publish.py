"""Publish a fully built and tested warehouse for BI.

A publication is the DuckDB file, one Parquet file per mart and dimension, dbt's static docs and
a record of what went in (publication.json). Everything is first written into a staging folder
beside the published files; only when all of it is written is each file moved into place by an
atomic rename, the record last. A BI reader that holds the old file open keeps reading it (the
rename does not touch the open inode) and sees the new one when it reconnects. Nothing here ever
opens the published warehouse for writing, so a reader never blocks a build.

The published warehouse is a copy of the tested working file. A DuckDB file never shrinks, and
the next build starts from a copy of this one, so after a full refresh, or once the space freed
by monthly rebuilds has made the file half as large again as its last compacted size, the copy
is compacted (DuckDB's COPY FROM DATABASE into a fresh file). A monthly run rewrites only a few
months, and compacting every table each month would cost more than the rest of publishing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from hsn.errors import HsnError
from hsn.open_exports import write_open_exports
from hsn.settings import Settings

PUBLICATION_FILE = "publication.json"
DOCS_FILE = "docs/index.html"
STAGING_DIR = ".staging"
# the exports with small counts of persons suppressed (hsn.open_exports)
OPEN_EXPORTS_DIR = "open"
FILE_MODE = 0o644
DIR_MODE = 0o755
# what the previous format of duckdb-based BI drivers can read (see profiles.yml)
STORAGE_VERSION = "v1.4.0"
# compact when the working file has grown to this many times its last compacted size
REGROWTH_LIMIT = 1.5


@dataclass(frozen=True)
class Publication:
    warehouse: Path
    exports: list[Path]
    record: Path
    docs: Path | None = None


def public_relations(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    """The marts and dimensions: BI's public interface."""
    catalog_filter = "and table_catalog = ?" if catalog else ""
    rows = con.execute(
        f"""
        select table_name from information_schema.tables
        where table_schema = 'main' {catalog_filter}
          and (table_name like 'mart\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
        order by table_name
        """,
        [catalog] if catalog else [],
    ).fetchall()
    return [name for (name,) in rows]


def _make_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(DIR_MODE)


def wal_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".wal")


def prepare_working_copy(settings: Settings, *, empty: bool = False) -> bool:
    """Start the working copy as a copy of the published warehouse, so that incremental models
    find their state; without a publication, or when `empty` (a full refresh needs no state,
    and writing into a fresh file is faster than replacing every table of a copy), start from
    nothing. True if copied.

    A `dbt build` over the copy replaces every table and view it builds; relations of
    models that no longer exist are dropped before publishing (prune_relations)."""
    target = settings.build_warehouse
    target.parent.mkdir(parents=True, exist_ok=True)
    wal_path(target).unlink(missing_ok=True)
    if empty or not settings.published_warehouse.exists():
        target.unlink(missing_ok=True)
        return False
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(settings.published_warehouse, temporary)
    temporary.chmod(FILE_MODE)
    os.replace(temporary, target)
    return True


def built_relations(manifest_path: Path) -> set[str] | None:
    """Names of the tables and views the dbt project builds (models and seeds), from dbt's
    manifest.json; None if there is no manifest."""
    if not manifest_path.exists():
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return {
        node.get("alias") or node["name"]
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") in {"model", "seed", "snapshot"}
        and (node.get("config", {}).get("materialized") != "ephemeral")
    }


def prune_relations(warehouse: Path, keep: Iterable[str]) -> list[str]:
    """Drop tables and views in the working copy that the project no longer builds (left over
    from the published copy the build started from). Returns what was dropped."""
    keep = set(keep)
    dropped: list[str] = []
    with duckdb.connect(str(warehouse)) as con:
        rows = con.execute(
            "select table_name, table_type from information_schema.tables "
            "where table_schema = 'main' order by table_name"
        ).fetchall()
        for name, kind in rows:
            if name in keep:
                continue
            statement = "drop view" if kind == "VIEW" else "drop table"
            con.execute(f'{statement} if exists main."{name}"')
            dropped.append(name)
    return dropped


def export_parquet(con: duckdb.DuckDBPyConnection, relation: str, destination: Path) -> None:
    """One Parquet file, rows in a stable order so that equal marts give equal files."""
    _make_dir(destination.parent)
    temporary = destination.with_name(f".{destination.name}.tmp")
    con.execute(
        f"copy (select * from {relation} order by all) to '{temporary}' "
        "(format parquet, compression zstd)"
    )
    temporary.chmod(FILE_MODE)
    os.replace(temporary, destination)


def _compact_copy(build_warehouse: Path, destination: Path, con: duckdb.DuckDBPyConnection) -> None:
    """Write the build into a fresh file (its real size) and attach it as `published`.

    The build is attached under its own catalog name, as the views were created with it."""
    destination.unlink(missing_ok=True)
    wal_path(destination).unlink(missing_ok=True)
    source = build_warehouse.stem
    con.execute(f"attach '{build_warehouse}' as \"{source}\" (read_only)")
    con.execute(f"attach '{destination}' as published (storage_version '{STORAGE_VERSION}')")
    con.execute(f'copy from database "{source}" to published')
    con.execute(f'detach "{source}"')


def needs_compaction(build_warehouse: Path, previous: dict | None, full_refresh: bool) -> bool:
    """Compact after a full refresh, without an earlier compacted size (or an unreadable one:
    publication.json may have been edited by hand), or once regrown."""
    compacted = (previous or {}).get("compacted_bytes")
    if full_refresh or not isinstance(compacted, int) or compacted <= 0:
        return True
    return build_warehouse.stat().st_size > REGROWTH_LIMIT * compacted


def _plain_copy(build_warehouse: Path, destination: Path, con: duckdb.DuckDBPyConnection) -> None:
    """Copy the (checkpointed) file as it is and attach the copy as `published`."""
    shutil.copyfile(build_warehouse, destination)
    con.execute(f"attach '{destination}' as published (read_only)")


def _checkpoint(warehouse: Path) -> None:
    """Fold a left-over write-ahead log into the file before it is copied."""
    if wal_path(warehouse).exists():
        with duckdb.connect(str(warehouse)) as con:
            con.execute("checkpoint")


def _write_json(path: Path, content: dict) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
    path.chmod(FILE_MODE)


def publish(
    settings: Settings,
    build_warehouse: Path,
    record: dict,
    *,
    docs: Path | None = None,
    compact: bool = True,
) -> Publication:
    """Stage the whole publication, then move each file into place (the record last).

    compact: write the warehouse as a compacted copy (see the module's docstring); else copy
    the file and carry the last compacted size over from the record given.
    If anything fails while staging, the staging folder is removed and the previous
    publication is untouched."""
    published = settings.published_dir
    _make_dir(published)
    staging = published / STAGING_DIR
    shutil.rmtree(staging, ignore_errors=True)
    _make_dir(staging)
    try:
        _checkpoint(build_warehouse)
        staged_warehouse = staging / settings.published_warehouse.name
        names: list[str] = []
        with duckdb.connect() as con:
            if compact:
                _compact_copy(build_warehouse, staged_warehouse, con)
            else:
                _plain_copy(build_warehouse, staged_warehouse, con)
            for relation in public_relations(con, "published"):
                export_parquet(con, f"published.main.{relation}", staging / "exports" /
                               f"{relation}.parquet")
                names.append(relation)
            con.execute("detach published")
        staged_warehouse.chmod(FILE_MODE)
        with duckdb.connect(str(staged_warehouse), read_only=True) as con:
            open_exports = write_open_exports(con, staging / OPEN_EXPORTS_DIR)
        if docs is not None:
            _make_dir((staging / DOCS_FILE).parent)
            shutil.copyfile(docs, staging / DOCS_FILE)
            (staging / DOCS_FILE).chmod(FILE_MODE)
        record = {
            **record,
            "compacted_bytes": (
                staged_warehouse.stat().st_size if compact else record.get("compacted_bytes")
            ),
            "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "warehouse": settings.published_warehouse.name,
            "exports": [f"{name}.parquet" for name in names],
            "docs": DOCS_FILE if docs is not None else None,
        }
        _write_json(staging / PUBLICATION_FILE, record)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # every file is written: move them into place, each by one atomic rename
    os.replace(staged_warehouse, settings.published_warehouse)
    exports: list[Path] = []
    _make_dir(settings.exports_dir)
    for name in names:
        destination = settings.exports_dir / f"{name}.parquet"
        os.replace(staging / "exports" / f"{name}.parquet", destination)
        exports.append(destination)
    open_dir = published / OPEN_EXPORTS_DIR
    _make_dir(open_dir)
    for staged in open_exports:
        staged.chmod(FILE_MODE)
        os.replace(staged, open_dir / staged.name)
    for stale in open_dir.glob("*.parquet"):
        if stale.name not in {staged.name for staged in open_exports}:
            stale.unlink()
    docs_path: Path | None = None
    if docs is not None:
        docs_path = published / DOCS_FILE
        _make_dir(docs_path.parent)
        os.replace(staging / DOCS_FILE, docs_path)
    record_path = published / PUBLICATION_FILE
    os.replace(staging / PUBLICATION_FILE, record_path)
    shutil.rmtree(staging, ignore_errors=True)
    for stale in settings.exports_dir.glob("*.parquet"):
        if stale not in exports:  # a mart or dimension the project no longer builds
            stale.unlink()
    return Publication(settings.published_warehouse, exports, record_path, docs_path)


def deliveries_in_use(settings: Settings) -> list[dict]:
    """The accepted deliveries the build read (accepted/_manifest/deliveries.parquet)."""
    path = settings.accepted_dir / "_manifest" / "deliveries.parquet"
    if not path.exists():
        return []
    with duckdb.connect() as con:
        cursor = con.execute(
            "select * from read_parquet(?) order by extract, period", [str(path)]
        )
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    keep = ("extract", "period", "checksum", "rows", "belopp_summa", "accepted_at")
    return [
        {key: _plain(value) for key, value in zip(columns, row, strict=True) if key in keep}
        for row in rows
    ]


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def run_results_summary(path: Path) -> dict:
    """What dbt says about its run: version, invocation, time, and the count per status."""
    if not path.exists():
        return {}
    run_results = json.loads(path.read_text(encoding="utf-8"))
    metadata = run_results.get("metadata", {})
    counts: dict[str, int] = {}
    for result in run_results.get("results", []):
        key = f"{result['unique_id'].split('.', 1)[0]} {result['status']}"
        counts[key] = counts.get(key, 0) + 1
    return {
        "dbt_version": metadata.get("dbt_version"),
        "invocation_id": metadata.get("invocation_id"),
        "generated_at": metadata.get("generated_at"),
        "elapsed_seconds": round(float(run_results.get("elapsed_time") or 0.0), 2),
        "counts": dict(sorted(counts.items())),
    }


def last_publication(settings: Settings) -> dict | None:
    """The record of the current publication; None before the first one."""
    path = settings.published_dir / PUBLICATION_FILE
    if not path.exists():
        return None
    # hand-edited or truncated by a full disk: say so rather than fail later on a field
    fix = "restore it, or delete it so that the next `hsn run` rebuilds and republishes all"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HsnError(f"{path} is not valid JSON ({error}); {fix}") from None
    if not isinstance(record, dict):
        raise HsnError(f"{path} holds a {type(record).__name__}, not a JSON object; {fix}")
    return record
