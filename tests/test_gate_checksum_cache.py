"""The gate reuses a landing folder's checksum only while none of its files was touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hsn.gate import checksum_cache
from hsn.gate.checksum_cache import ChecksumCache
from hsn.gate.layout import Delivery, folder_checksum


@pytest.fixture(autouse=True)
def _no_racy_window(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files here are written just before they are hashed; only the racy test keeps the second."""
    if "just_before" not in request.node.name:
        monkeypatch.setattr(checksum_cache, "_RACY_NS", -1)


def _delivery(folder: Path) -> Delivery:
    return Delivery("huvudbok", "2024-02", folder, tuple(sorted(folder.glob("*.parquet"))))


def _write(path: Path, content: bytes) -> None:
    path.write_bytes(content)


def _landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing" / "huvudbok" / "period=2024-02"
    folder.mkdir(parents=True)
    _write(folder / "a.parquet", b"first file")
    _write(folder / "b.parquet", b"second file")
    return folder


def _run(cache_path: Path, folder: Path) -> tuple[str, int]:
    cache = ChecksumCache(cache_path)
    checksum = cache.checksum(_delivery(folder))
    cache.save()
    return checksum, cache.reused


def test_an_untouched_folder_is_not_read_again(tmp_path: Path) -> None:
    folder, cache_path = _landing(tmp_path), tmp_path / "cache.json"
    expected = folder_checksum(_delivery(folder).files)
    assert _run(cache_path, folder) == (expected, 0)
    assert _run(cache_path, folder) == (expected, 1)
    assert _run(cache_path, folder) == (expected, 1)  # the reused entry is kept


def test_a_file_rewritten_in_place_with_the_same_size_is_hashed_again(tmp_path: Path) -> None:
    folder, cache_path = _landing(tmp_path), tmp_path / "cache.json"
    before, _ = _run(cache_path, folder)
    stat = (folder / "a.parquet").stat()
    _write(folder / "a.parquet", b"FIRST FILE")  # same size, same inode ...
    os.utime(folder / "a.parquet", ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ... same mtime
    after, reused = _run(cache_path, folder)  # only the ctime tells
    assert reused == 0
    assert after == folder_checksum(_delivery(folder).files) != before


def test_a_replaced_or_added_file_is_hashed_again(tmp_path: Path) -> None:
    folder, cache_path = _landing(tmp_path), tmp_path / "cache.json"
    before, _ = _run(cache_path, folder)
    shutil.copy2(folder / "a.parquet", tmp_path / "copy")
    os.replace(tmp_path / "copy", folder / "a.parquet")  # same bytes and times, new inode
    assert _run(cache_path, folder) == (before, 0)
    _write(folder / "c.parquet", b"third file")
    added, reused = _run(cache_path, folder)
    assert reused == 0
    assert added == folder_checksum(_delivery(folder).files) != before


def test_a_file_changed_just_before_hashing_is_hashed_again_next_time(tmp_path: Path) -> None:
    folder, cache_path = _landing(tmp_path), tmp_path / "cache.json"
    _write(folder / "a.parquet", b"just landed")  # changed now: maybe still being written
    first, _ = _run(cache_path, folder)
    assert _run(cache_path, folder) == (first, 0)


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    folder, cache_path = _landing(tmp_path), tmp_path / "cache.json"
    cache_path.write_text("{not json")
    assert _run(cache_path, folder) == (folder_checksum(_delivery(folder).files), 0)
    assert _run(cache_path, folder)[1] == 1
