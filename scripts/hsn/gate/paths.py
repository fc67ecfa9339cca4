"""Where accepted and quarantined deliveries are written."""

from __future__ import annotations

from pathlib import Path

from hsn.gate.contract import EXTRACTS

ACCEPTED_FILE = "data.parquet"


def partition(extract: str, period: str) -> str:
    return f"ar={period}" if EXTRACTS[extract].yearly else f"period={period}"


def accepted_file(accepted_dir: Path, extract: str, period: str) -> Path:
    return accepted_dir / extract / partition(extract, period) / ACCEPTED_FILE


def accepted_periods(accepted_dir: Path, extract: str) -> list[str]:
    """Periods with an accepted file, sorted."""
    folder = accepted_dir / extract
    if not folder.is_dir():
        return []
    out = []
    for sub in folder.iterdir():
        if (sub / ACCEPTED_FILE).is_file() and "=" in sub.name:
            out.append(sub.name.split("=", 1)[1])
    return sorted(out)


def quarantine_folder(quarantine_dir: Path, extract: str, period: str, checksum: str) -> Path:
    return quarantine_dir / extract / period / checksum[:12]


def deliveries_file(accepted_dir: Path) -> Path:
    return accepted_dir / "_manifest" / "deliveries.parquet"
