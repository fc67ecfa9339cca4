"""Demo extracts for the produktion part (filled in by its issue)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

EXTRACTS: tuple[str, ...] = ()


def generate(
    landing_dir: Path, periods: list[str], scale: float, say: Callable[[str], None]
) -> dict[str, int]:
    """Write this part's extracts for the periods; return rows written per extract."""
    return {}
