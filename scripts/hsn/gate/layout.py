"""Find the deliveries in the landing folder and fingerprint them."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from hsn.gate.contract import EXTRACTS

_MONTH = re.compile(r"^period=(\d{4})-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^ar=(\d{4})$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Delivery:
    """All Parquet files of one landing folder."""

    extract: str
    period: str  # 'YYYY-MM', or 'YYYY' for a yearly extract
    folder: Path
    files: tuple[Path, ...]

    @property
    def key(self) -> str:
        return f"{self.extract}/{self.period}"


@dataclass(frozen=True)
class LayoutProblem:
    """A folder or file that is not where the contract allows; reported, never read."""

    relpath: str  # relative to the landing folder
    path: Path
    message: str

    @property
    def key(self) -> str:
        return f"_layout/{self.relpath}"


def folder_checksum(files: list[Path] | tuple[Path, ...], base: Path | None = None) -> str:
    """sha256 over the files sorted by name: name, NUL, size (8 bytes), bytes, for each.

    Names are relative to `base` when given (for nested folders), else the bare file name.
    """
    digest = hashlib.sha256()
    named = sorted((str(f.relative_to(base)) if base else f.name, f) for f in files)
    for name, path in named:
        digest.update(os.fsencode(name) + b"\0")  # a Latin-1 file name too
        digest.update(path.stat().st_size.to_bytes(8, "big"))
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def _visible(path: Path) -> bool:
    return not path.name.startswith(".")


def _period_of(extract: str, folder_name: str) -> str | None:
    if EXTRACTS[extract].yearly:
        match = _YEAR.match(folder_name)
        return match.group(1) if match else None
    match = _MONTH.match(folder_name)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def discover(landing: Path) -> tuple[list[Delivery], list[LayoutProblem]]:
    """Deliveries in processing order (contract order, then period) and layout problems."""
    deliveries: list[Delivery] = []
    problems: list[LayoutProblem] = []
    for top in sorted(p for p in landing.iterdir() if _visible(p)):
        rel = top.name
        if top.is_file():
            problems.append(LayoutProblem(rel, top, "a file directly in the landing folder"))
            continue
        if top.name not in EXTRACTS:
            problems.append(LayoutProblem(rel, top, f"unknown extract folder {top.name!r}"))
            continue
        expected = "ar=YYYY" if EXTRACTS[top.name].yearly else "period=YYYY-MM"
        for sub in sorted(p for p in top.iterdir() if _visible(p)):
            rel = f"{top.name}/{sub.name}"
            if sub.is_file():
                problems.append(LayoutProblem(rel, sub, f"a file outside any {expected} folder"))
                continue
            period = _period_of(top.name, sub.name)
            if period is None:
                problems.append(
                    LayoutProblem(rel, sub, f"folder name {sub.name!r} is not {expected}")
                )
                continue
            files = tuple(
                sorted(
                    f
                    for f in sub.iterdir()
                    if f.is_file() and _visible(f) and f.suffix.lower() == ".parquet"
                )
            )
            if not files:
                problems.append(LayoutProblem(rel, sub, "no .parquet file in the folder"))
                continue
            deliveries.append(Delivery(top.name, period, sub, files))
    order = {name: i for i, name in enumerate(EXTRACTS)}
    deliveries.sort(key=lambda d: (order[d.extract], d.period))
    return deliveries, problems


def problem_files(problem: LayoutProblem) -> list[Path]:
    """The files a layout problem covers (for its checksum)."""
    if problem.path.is_file():
        return [problem.path]
    return sorted(p for p in problem.path.rglob("*") if p.is_file())
