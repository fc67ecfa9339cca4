"""Reuse a delivery's checksum while none of its files has been touched.

A monthly run would otherwise re-read every landing byte of six years of history only to find
it unchanged. A file counts as untouched while its size, mtime, ctime, inode and device are the
same: any write or replacement changes its ctime or inode, which no tool can set back. As git
does, a file changed within a second of being hashed is hashed again next time: the kernel's
file clock is coarse, so a second write in the same tick could leave the same times.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from hsn.gate.atomic import write_text_atomic
from hsn.gate.layout import Delivery, folder_checksum

_RACY_NS = 1_000_000_000


def _signature(files: tuple[Path, ...]) -> list[list[Any]]:
    signature = []
    for path in sorted(files):
        stat = path.stat()
        signature.append(
            [path.name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]
        )
    return signature


def _settled(signature: list[list[Any]], hashed_at_ns: int) -> bool:
    """Every file's last change was well before it was hashed (see the module's docstring)."""
    return all(
        max(mtime, ctime) < hashed_at_ns - _RACY_NS for _, _, mtime, ctime, _, _ in signature
    )


class ChecksumCache:
    """Checksums by landing folder, with the file signatures they were computed from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._previous = self._load(path)
        self._current: dict[str, dict[str, Any]] = {}
        self.reused = 0

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}  # no cache, or a damaged one: compute everything again
        return entries if isinstance(entries, dict) else {}

    def checksum(self, delivery: Delivery) -> str:
        folder = str(delivery.folder)
        signature = _signature(delivery.files)
        entry = self._previous.get(folder)
        if (
            isinstance(entry, dict)
            and entry.get("files") == signature
            and _settled(signature, int(entry.get("hashed_at_ns", 0)))
        ):
            self.reused += 1
            self._current[folder] = entry
            return str(entry["checksum"])
        hashed_at_ns = time.time_ns()
        checksum = folder_checksum(delivery.files)
        self._current[folder] = {
            "files": signature,
            "checksum": checksum,
            "hashed_at_ns": hashed_at_ns,
        }
        return checksum

    def save(self) -> None:
        """Keep the folders seen in this run only, so removed deliveries do not pile up."""
        write_text_atomic(self.path, json.dumps(self._current, sort_keys=True))
