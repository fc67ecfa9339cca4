"""One writer at a time: a lock file holding the owner's pid, released by the OS on exit."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from hsn.errors import HsnError


class LockHeld(HsnError):
    """Another hsn command that writes (demo, gate, build, publish, run) holds the lock on the
    same data directory."""


@contextmanager
def pipeline_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ".hsn.lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder_pid(handle)
        handle.close()
        raise LockHeld(
            f"another hsn run (pid {holder}) is working on {data_dir}; "
            f"wait for it to finish (lock: {path})"
        ) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.seek(0)
        handle.truncate()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _holder_pid(handle: TextIO, patience_s: float = 2.0) -> str:
    """The holder's pid. It writes it just after taking the lock, so wait a moment for it."""
    deadline = time.monotonic() + patience_s
    while True:
        handle.seek(0)
        holder = handle.read().strip()
        if holder or time.monotonic() >= deadline:
            return holder or "unknown"
        time.sleep(0.02)
