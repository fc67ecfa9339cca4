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


@pytest.mark.parametrize("command", ["gate", "build", "publish", "run", "demo"])
def test_every_writing_command_refuses_while_the_lock_is_held(
    tmp_path: Path,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two writers at once would corrupt accepted/ or a publication (two publishes share
    published/.staging): each writing command exits 3, as `hsn run` does, before doing anything."""
    from hsn import cli

    data, landing = tmp_path / "data", tmp_path / "landing"
    monkeypatch.setenv("HSN_DATA_DIR", str(data))
    monkeypatch.setenv("HSN_LANDING_DIR", str(landing))
    (data / "published").mkdir(parents=True)
    (data / "warehouse.duckdb").write_bytes(b"a working copy")
    holder = (data / ".hsn.lock").open("a+")
    fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as another process's pipeline_lock
    holder.write("4242")
    holder.flush()
    try:
        assert cli.main([command]) == 3
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert err == (
        f"hsn {command}: another hsn run (pid 4242) is working on {data}; "
        f"wait for it to finish (lock: {data / '.hsn.lock'})\n"
    )
    assert not landing.exists()  # neither generated (demo) nor read
    assert sorted(p.name for p in data.iterdir()) == [".hsn.lock", "published", "warehouse.duckdb"]
    assert list((data / "published").iterdir()) == []
