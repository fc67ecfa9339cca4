"""The pipeline lock names its holder, even when asked in the instant before the pid is written."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

import pytest

from hsn.lock import LockHeld, pipeline_lock


def test_refusal_waits_for_the_holders_pid(tmp_path: Path) -> None:
    path = tmp_path / ".hsn.lock"
    holder = path.open("a+")
    fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # taken, pid not yet written

    def write_pid() -> None:
        holder.write("4242")
        holder.flush()

    late = threading.Timer(0.3, write_pid)
    late.start()
    with pytest.raises(LockHeld, match=r"another hsn run \(pid 4242\)"), pipeline_lock(tmp_path):
        pass
    late.join()
    holder.close()


def test_lock_is_free_and_empty_after_use(tmp_path: Path) -> None:
    with pipeline_lock(tmp_path):
        assert (tmp_path / ".hsn.lock").read_text().strip().isdigit()
    assert (tmp_path / ".hsn.lock").read_text() == ""
    with pipeline_lock(tmp_path):  # and can be taken again
        pass
