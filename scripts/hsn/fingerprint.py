"""What a build depends on, as one hash each: the accepted deliveries and the dbt project."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

import duckdb

from hsn.settings import Settings

PROJECT_PARTS = ("models", "macros", "seeds", "tests/dbt", "dbt_project.yml", "profiles.yml")
# a new dbt or DuckDB may build or test differently: a change counts as a project change
ENGINE_PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def project_files(repo_root: Path) -> list[Path]:
    """The files of the dbt project that a build reads, in a fixed order."""
    files: list[Path] = []
    for part in PROJECT_PARTS:
        path = repo_root / part
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [file for file in found if file.is_file()]
    return files


def project_fingerprint(repo_root: Path) -> str:
    digest = hashlib.sha256()
    for package in ENGINE_PACKAGES:
        digest.update(f"{package}=={_version(package)}\n".encode())
    for file in project_files(repo_root):
        digest.update(file.relative_to(repo_root).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def changed_since(repo_root: Path, timestamp: float) -> Path | None:
    """The most recently modified project file if it was modified after ``timestamp``."""
    newest = max(project_files(repo_root), key=lambda file: file.stat().st_mtime, default=None)
    return newest if newest is not None and newest.stat().st_mtime > timestamp else None


def accepted_fingerprint(settings: Settings) -> str | None:
    """Hash of (extract, period, checksum) of every accepted delivery in use."""
    deliveries = settings.accepted_dir / "_manifest" / "deliveries.parquet"
    if not deliveries.exists():
        return None
    with duckdb.connect() as con:
        rows = con.execute(
            "select extract, period, checksum from read_parquet(?) order by all",
            [str(deliveries)],
        ).fetchall()
    digest = hashlib.sha256()
    for row in rows:
        digest.update("|".join(row).encode() + b"\n")
    return digest.hexdigest()
