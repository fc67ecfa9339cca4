"""CPU and wall seconds of `hsn gate`, per extract (for comparing gate versions).

    HSN_DATA_DIR=/tmp/x/data HSN_LANDING_DIR=/tmp/x/landing HSN_PSEUDONYM_KEY=dev-key \
        PYTHONPATH=$PWD/scripts python -m hsn.bench.gate_cpu

CPU seconds (process time, all threads) are the figure to compare on a shared machine: wall
time there mostly measures the other processes.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from hsn.gate import runner
from hsn.settings import load_settings


def main() -> None:
    import great_expectations  # noqa: F401  # its import is not the gate's work

    cpu: Counter[str] = Counter()
    wall: Counter[str] = Counter()
    process = runner._Gate.process

    def timed(self: runner._Gate, delivery: Any) -> runner.DeliveryOutcome:
        c, w = time.process_time(), time.perf_counter()
        try:
            return process(self, delivery)
        finally:
            cpu[delivery.extract] += time.process_time() - c
            wall[delivery.extract] += time.perf_counter() - w

    runner._Gate.process = timed  # type: ignore[method-assign]
    c0, w0 = time.process_time(), time.perf_counter()
    result = runner.run_gate(load_settings())
    print(result.summary())
    for extract, seconds in cpu.most_common():
        print(f"{extract:20s} cpu {seconds:7.1f} s  wall {wall[extract]:7.1f} s")
    print(f"total cpu {time.process_time() - c0:.1f} s  wall {time.perf_counter() - w0:.1f} s")


if __name__ == "__main__":
    main()
