"""Read a delivery's Parquet files and type them to the contract (rules 1: readable, schema)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from hsn.gate.contract import Extract
from hsn.gate.failures import RuleFailure
from hsn.gate.typing_rules import cast_column

FILE_COLUMN = "_fil"
ROW_COLUMN = "_rad"
SAMPLES = 5


@dataclass
class ReadResult:
    """The delivery as one typed table (contract columns + _fil, _rad), or the failures."""

    table: pa.Table | None
    rows: int
    failures: list[RuleFailure] = field(default_factory=list)


def _read_file(path: Path) -> tuple[pa.Table | None, str | None]:
    if path.stat().st_size == 0:
        return None, "zero-byte file"
    try:
        table = pq.read_table(path)
        table.validate(full=True)  # e.g. Latin-1 åäö in a string column: invalid UTF-8
        return table, None
    except (pa.ArrowException, OSError, ValueError) as exc:
        return None, f"not a readable Parquet file: {exc}"


def read_delivery(files: tuple[Path, ...], extract: Extract) -> ReadResult:
    failures: list[RuleFailure] = []
    missing: dict[str, list[str]] = {}
    type_problems: dict[str, list[tuple[str, str, list[dict[str, Any]], int]]] = {}
    typed: list[pa.Table] = []
    rows = 0
    schema = extract.accepted_schema()
    for path in files:
        table, error = _read_file(path)
        if table is None:
            failures.append(
                RuleFailure(
                    "readable", None, f"{path.name}: {error}", sample_rows=[{"file": path.name}]
                )
            )
            continue
        rows += table.num_rows
        present = set(table.column_names)
        for name in extract.required:
            if name not in present:
                missing.setdefault(name, []).append(path.name)
        arrays: list[pa.Array] = []
        file_ok = True
        for col in extract.accepted_columns:
            if col.name not in present:
                file_ok = False
                continue
            result = cast_column(table.column(col.name), col.type)
            if result.array is None:
                file_ok = False
                raw = table.column(col.name)
                # value problems name their rows; a wrong type shows the first values
                bad = result.bad_rows or list(range(min(SAMPLES, table.num_rows)))
                samples = [
                    {"file": path.name, "row": i + 1, col.name: _jsonable(raw[i].as_py())}
                    for i in bad[:SAMPLES]
                ]
                count = len(bad) if result.bad_rows else table.num_rows
                type_problems.setdefault(col.name, []).append(
                    (path.name, result.problem or "", samples, count)
                )
                continue
            arrays.append(result.array)
        if file_ok:
            names = [c.name for c in extract.accepted_columns]
            out = pa.Table.from_arrays(arrays, schema=schema)
            # built in Arrow, not from Python lists (0.25 s for a 200k-row file)
            file_names = pa.repeat(pa.scalar(path.name, pa.string()), out.num_rows)
            out = out.append_column(FILE_COLUMN, file_names)
            out = out.append_column(
                ROW_COLUMN, pa.array(np.arange(1, out.num_rows + 1, dtype=np.int64))
            )
            assert out.column_names[: len(names)] == names
            typed.append(out)
    for name, in_files in missing.items():
        failures.append(
            RuleFailure(
                "required_columns",
                name,
                f"required column {name!r} missing in {', '.join(in_files)}",
            )
        )
    for name, problems in type_problems.items():
        samples = [s for p in problems for s in p[2]][:SAMPLES]
        count = sum(p[3] for p in problems)
        text = "; ".join(f"{file}: {problem}" for file, problem, _, _ in problems)
        failures.append(
            RuleFailure(
                "column_type",
                name,
                f"column {name!r}: {text}",
                unexpected_count=count or None,
                sample_rows=samples,
            )
        )
    if failures:
        return ReadResult(None, rows, failures)
    return ReadResult(pa.concat_tables(typed), rows)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return str(value)
