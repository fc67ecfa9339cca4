"""Run `hsn run` as a real process (for the fault and concurrency tests) and watch its output."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import TEST_KEY


def hsn_env(landing: Path, data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HSN_")}
    env.update(
        {
            "HSN_LANDING_DIR": str(landing),
            "HSN_DATA_DIR": str(data),
            "HSN_PSEUDONYM_KEY": TEST_KEY,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


class HsnRun:
    """`hsn run` in its own process group, its output read line by line in a thread."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hsn.cli", "run", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 180) -> str:
        """The first output line matching pattern; fails if the run ends or times out first."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"run ended before {pattern!r}:\n" + self.output)
            self.lines.append(line)
            if regex.search(line):
                return line
        raise AssertionError(f"no {pattern!r} within {timeout} s:\n" + self.output)

    def kill(self) -> None:
        """SIGKILL to the whole process group (hsn and the dbt it started), as a killed job."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def finish(self, timeout: float = 600) -> int:
        code = self.process.wait(timeout=timeout)
        while (line := self._queue.get(timeout=30)) is not None:
            self.lines.append(line)
        return code

    @property
    def output(self) -> str:
        return "\n".join(self.lines)
