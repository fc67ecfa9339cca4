"""CPU and wall seconds of `hsn gate`, per extract (for comparing gate versions).

    HSN_DATA_DIR=/tmp/x/data HSN_LANDING_DIR=/tmp/x/landing HSN_PSEUDONYM_KEY=dev-key \
        PYTHONPATH=$PWD/scripts python -m hsn.bench.gate_cpu

CPU seconds (process time of the gate and its worker processes) are the figure to compare on a
shared machine: wall time there mostly measures the other processes. Per extract: the seconds
each delivery's checks and recording took (with workers, checks overlap: they add up to more
than the wall time). HSN_GATE_WORKERS=1 measures the gate in one process.
"""

from __future__ import annotations

import os
import time
from collections import Counter

from hsn.gate import runner
from hsn.settings import load_settings


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the gate's workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    import great_expectations  # noqa: F401  # its import is not the gate's work

    c0, w0 = _cpu(), time.perf_counter()
    result = runner.run_gate(load_settings())
    print(result.summary())
    seconds: Counter[str] = Counter()
    for outcome in result.outcomes:
        seconds[outcome.extract] += outcome.seconds
    for extract, spent in seconds.most_common():
        print(f"{extract:20s} {spent:7.1f} s")
    print(f"total cpu {_cpu() - c0:.1f} s  wall {time.perf_counter() - w0:.1f} s")


if __name__ == "__main__":
    main()
