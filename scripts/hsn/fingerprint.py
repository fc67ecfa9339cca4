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


def project_fingerprint(repo_root: Path) -> str:
    digest = hashlib.sha256()
    for package in ENGINE_PACKAGES:
        digest.update(f"{package}=={_version(package)}\n".encode())
    for part in PROJECT_PARTS:
        path = repo_root / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(file.relative_to(repo_root).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


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
