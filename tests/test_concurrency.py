"""Two `hsn run` at once on one data directory: one works, the other refuses clearly (exit 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.make_corpus import write_base_landing
from hsn_process import HsnRun, hsn_env

pytestmark = pytest.mark.slow


def test_second_run_refuses_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    landing, data = tmp_path / "landing", tmp_path / "data"
    write_base_landing(landing)
    env = hsn_env(landing, data)

    runs = [HsnRun(env), HsnRun(env)]  # started together
    codes = [run.finish() for run in runs]

    assert sorted(codes) == [0, 3], [run.output for run in runs]
    winner, loser = (runs[0], runs[1]) if codes[0] == 0 else (runs[1], runs[0])
    assert "another hsn run (pid" in loser.output
    assert f"pid {winner.process.pid})" in loser.output
    assert "wait for it to finish" in loser.output
    assert "gate:" not in loser.output.replace("gate → dbt", "")  # it did not start the gate
    assert "published:" in winner.output
    # the lock is free again: the next run works (nothing new, so it skips the build)
    third = HsnRun(env)
    assert third.finish() == 0, third.output
    assert "build: skipped, nothing new" in third.output
    assert (data / ".hsn.lock").read_text() == ""


def test_a_run_started_during_another_refuses(tmp_path: Path) -> None:
    landing, data = tmp_path / "landing", tmp_path / "data"
    write_base_landing(landing)
    env = hsn_env(landing, data)
    first = HsnRun(env)
    first.wait_for(r"^gate: checking deliveries")
    second = HsnRun(env)
    assert second.finish() == 3, second.output
    assert "another hsn run" in second.output
    first.kill()  # no need to wait for the whole build
