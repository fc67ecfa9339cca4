"""The pure, costly part of checking one delivery, in the gate's process or in worker processes.

check_delivery reads, types and validates a delivery and pseudonymises it when it passed. It
keeps no state between deliveries, so the gate can run it for the next deliveries in worker
processes while it records the current one (cross-month keys, accepted file, manifest) itself.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from hsn.errors import BadSetting
from hsn.gate.accepting import accepted_table
from hsn.gate.contract import EXTRACTS
from hsn.gate.delivery_rules import delivery_failures
from hsn.gate.failures import RuleFailure
from hsn.gate.gx_validation import GxValidator
from hsn.gate.personnummer import personnummer_failures
from hsn.gate.quarantine import sample_rows
from hsn.gate.reading import FILE_COLUMN, ROW_COLUMN, read_delivery

WORKERS_ENV = "HSN_GATE_WORKERS"
# Fewer deliveries to check than this, of fewer bytes than that, run in the gate's process:
# two workers take a few seconds to start (each imports GX and builds its validator), about
# what one month of the region's deliveries (12 MB at scale 1) costs to check in-process.
MIN_PARALLEL = 16
MIN_PARALLEL_BYTES = 32 * 1024 * 1024
# deliveries submitted ahead of the one being recorded (bounds the memory of finished tables)
AHEAD = 4


@dataclass
class Checked:
    """What the gate needs from one delivery's checks to accept or quarantine it."""

    rows: int
    failures: list[RuleFailure]
    keys: pa.Table | None  # global key columns + _fil, _rad; None: the files could not be read
    accepted: pa.Table | None  # the pseudonymised table to write; None when a check failed
    seconds: float


def check_delivery(
    gx: GxValidator,
    files: tuple[Path, ...],
    extract_name: str,
    period: str,
    parameters: dict[str, Any],
    org_note: str | None,
    pseudonym_key: str,
) -> Checked:
    started = time.perf_counter()
    extract = EXTRACTS[extract_name]
    read = read_delivery(files, extract)
    failures = list(read.failures)
    failures += delivery_failures(extract, period, read.table)
    table = read.table
    if table is None:
        return Checked(read.rows, failures, None, None, time.perf_counter() - started)
    parameters = _restrict_value_sets(parameters, table)
    for failure, positions in gx.validate(extract.name, table, parameters):
        failure.sample_rows = sample_rows(table, positions, extract.name)
        if failure.rule == "known_kostnadsstalle" and org_note:
            failure.message += f" ({org_note})"
        failures.append(failure)
    for failure, positions in personnummer_failures(extract, table):
        failure.sample_rows = sample_rows(table, positions, extract.name)
        failures.append(failure)
    keys = table.select([*extract.global_key, FILE_COLUMN, ROW_COLUMN])
    accepted = None if failures else accepted_table(table, extract, pseudonym_key)
    return Checked(read.rows, failures, keys, accepted, time.perf_counter() - started)


def _restrict_value_sets(params: dict[str, Any], table: pa.Table) -> dict[str, Any]:
    """Long value sets cut down to the values that occur in the delivery.

    The in-set expectations give the same result (a value passes exactly when it is in the
    full set), but GX copies its arguments many times: a 6000-account chart costs 0.4 s.
    """
    present = {
        "chart_accounts": "konto",
        "known_kostnadsstallen": "kostnadsstalle",
    }
    out = dict(params)
    for name, column in present.items():
        if column in table.column_names:
            occurring = set(table.column(column).unique().to_pylist())
            out[name] = sorted(occurring.intersection(params[name]))
    return out


def worker_count(to_check: int, bytes_to_check: int = 0) -> int:
    """Worker processes for a run that checks to_check deliveries of bytes_to_check landing
    bytes (1: in the gate's process).

    HSN_GATE_WORKERS when set, else one per core up to 2 when there is enough to check.
    """
    value = os.environ.get(WORKERS_ENV, "").strip()
    if not value:
        enough = to_check >= MIN_PARALLEL or bytes_to_check >= MIN_PARALLEL_BYTES
        return min(2, os.cpu_count() or 1) if enough else 1
    try:
        count = int(value)
    except ValueError:
        raise BadSetting(
            f"{WORKERS_ENV} must be a whole number of gate worker processes (1 or more), "
            f"not {value!r}"
        ) from None
    if count < 1:
        raise BadSetting(f"{WORKERS_ENV} must be at least 1 (gate worker processes), not {count}")
    return count


# -- in a worker process --------------------------------------------------------------------
_validator: GxValidator | None = None


def _start_worker() -> None:
    global _validator
    _validator = GxValidator()  # once per worker: building GX contexts and suites is costly


def _check_in_worker(*arguments: Any) -> Checked:
    assert _validator is not None, "worker started without _start_worker"
    return check_delivery(_validator, *arguments)


# -- in the gate's process ------------------------------------------------------------------
class Checker:
    """Runs check_delivery in the gate's process (workers=1) or in a pool of worker processes.

    submit() returns a function that gives the result; with a pool the work starts at once.
    """

    def __init__(self, workers: int) -> None:
        self._gx: GxValidator | None = None
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            # spawn: a fork would copy the parent's GX and DuckDB state (threads, locks)
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def submit(self, key: str, *arguments: Any) -> Callable[[], Checked]:
        if self._pool is None:
            return lambda: check_delivery(self._validator(), *arguments)
        future = self._pool.submit(_check_in_worker, *arguments)
        return lambda: _result(future, key)

    def _validator(self) -> GxValidator:
        if self._gx is None:
            self._gx = GxValidator()
        return self._gx

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[Checked], key: str) -> Checked:
    try:
        return future.result()
    except BaseException as exc:
        exc.add_note(f"(in a gate worker process, checking delivery {key})")
        raise
