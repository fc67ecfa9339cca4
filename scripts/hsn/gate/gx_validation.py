"""Run an extract's Great Expectations suite (expectations/<extract>.json) on a delivery."""

from __future__ import annotations

import copy
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hsn.gate.failures import RuleFailure

SUITE_DIR = Path(__file__).resolve().parent / "expectations"
_IDENT = re.compile(r"[a-z_][a-z0-9_]*")
_MESSAGES = {
    "not_null": "must not be null",
    "format": "does not match the required format",
    "value_set": "has a value outside the allowed set",
    "unique_key": "key is not unique within the delivery",
    "period": "is outside the delivery's period",
    "konto_in_chart": "account is not in the chart of accounts (kontoplan)",
    "known_kostnadsstalle": "kostnadsställe is not in the accepted organisation",
    "range": "is outside the allowed range",
}


@cache
def suite_document(extract: str) -> dict[str, Any]:
    """The suite as stored in the repository (a GX ExpectationSuite JSON document)."""
    with (SUITE_DIR / f"{extract}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _expectation_columns(kwargs: dict[str, Any]) -> set[str]:
    """Columns one expectation reads (kwargs and row condition)."""
    cols: set[str] = set()
    for name in ("column", "column_A", "column_B"):
        if kwargs.get(name):
            cols.add(kwargs[name])
    cols.update(kwargs.get("column_list") or [])
    if kwargs.get("row_condition"):
        cols.update(_IDENT.findall(re.sub(r'"[^"]*"', "", str(kwargs["row_condition"]))))
    return cols - {"and", "or", "not"}


def suite_columns(extract: str) -> set[str]:
    """Columns the suite reads (kwargs and row conditions)."""
    cols: set[str] = set()
    for exp in suite_document(extract)["expectations"]:
        cols |= _expectation_columns(exp["kwargs"])
    return cols


# Column-map expectations whose verdict on a row depends on that row's value alone (and which
# pass only when no value fails: no suite uses 'mostly'). They are validated on the distinct
# values of their column; see _distinct_frame.
_VALUE_TYPES = frozenset(
    {
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_be_between",
    }
)


def _value_level(expectation: dict[str, Any]) -> bool:
    kwargs = expectation["kwargs"]
    return (
        expectation["type"] in _VALUE_TYPES
        and "row_condition" not in kwargs
        and "mostly" not in kwargs
    )


# Map expectations whose verdict on a row depends on that row's values in the columns they
# read (row condition included) and nothing else. Those that are not value-level are
# validated on the distinct combinations of the columns they read; see _tuples.
_ROW_LOCAL_TYPES = _VALUE_TYPES | {
    "expect_column_values_to_be_null",
    "expect_column_pair_values_a_to_be_greater_than_b",
}


def _tuple_level(expectation: dict[str, Any]) -> bool:
    return (
        expectation["type"] in _ROW_LOCAL_TYPES
        and "mostly" not in expectation["kwargs"]
        and not _value_level(expectation)
    )


@cache
def _tuple_columns(extract: str) -> frozenset[str]:
    """Columns the tuple-level expectations read."""
    cols: set[str] = set()
    for expectation in suite_document(extract)["expectations"]:
        if _tuple_level(expectation):
            cols |= _expectation_columns(expectation["kwargs"])
    return frozenset(cols)


# which expectations a part of a suite holds (the value-level ones also by column)
_KINDS = {
    "values": _value_level,
    "tuples": _tuple_level,
    "rows": lambda e: not _value_level(e) and not _tuple_level(e),
    "rows_and_tuples": lambda e: not _value_level(e),
}


# A value-level column with at most this many distinct values shares a frame with the other
# such columns; the rest (identifiers, timestamps) share another. Each frame is as long as
# its longest column, so a date column is not checked 150 000 times next to an id column.
_FEW = 5_000
# datetime64[ns] is what GX compares vectorised (between); other units go row by row
_NS_MIN = datetime(1678, 1, 1)
_NS_MAX = datetime(2261, 12, 31)


@dataclass(frozen=True)
class _Part:
    """Some of an extract's expectations as a GX suite, and the columns they read."""

    suite: Any  # ExpectationSuite
    columns: set[str]


def _identity(kind: str, kwargs: dict[str, Any], meta: dict[str, Any] | None) -> str:
    """What tells an extract's expectations apart (GX returns results in its own order)."""
    keys = ("column", "column_A", "column_B", "column_list", "row_condition")
    picked = {k: kwargs.get(k) for k in keys if kwargs.get(k) is not None}
    return json.dumps([kind, picked, meta or {}], sort_keys=True, default=str)


@cache
def _document_order(extract: str) -> dict[str, int]:
    expectations = suite_document(extract)["expectations"]
    order: dict[str, int] = {}
    for i, e in enumerate(expectations):
        order.setdefault(_identity(e["type"], e["kwargs"], e.get("meta")), i)
    return order


def _pad(values: pa.Array, length: int) -> pa.Array:
    """values, made length long by repeating its first value (which gives the same verdict)."""
    if len(values) >= length:
        return values
    indices = np.concatenate([np.arange(len(values)), np.zeros(length - len(values), np.int64)])
    return values.take(pa.array(indices, pa.int64()))


def _frame(table: pa.Table) -> Any:
    """The pandas frame GX checks; its index is the row position (a RangeIndex)."""
    arrays = []
    for column in table.columns:
        if pa.types.is_timestamp(column.type) and column.type.unit != "ns":
            low, high = pc.min_max(column).values()
            in_range = low.as_py() is None or (low.as_py() >= _NS_MIN and high.as_py() <= _NS_MAX)
            if in_range:
                column = column.cast(pa.timestamp("ns"))
        arrays.append(column)
    return pa.Table.from_arrays(arrays, names=table.column_names).to_pandas()


def _rows_with(column: pa.ChunkedArray, failing: pa.Array) -> list[int]:
    """Positions of the rows whose value is one of the failing distinct values."""
    present = failing.drop_null()
    mask = pc.is_in(column, value_set=present)
    if failing.null_count:
        mask = pc.or_(mask, pc.is_null(column))
    return np.flatnonzero(mask.to_numpy(zero_copy_only=False)).tolist()


class GxValidator:
    """One ephemeral GX context for a whole gate run; validate() per delivery."""

    def __init__(self) -> None:
        # imported here: great_expectations takes seconds to import, the CLI should not wait
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig
        from great_expectations.execution_engine import pandas_execution_engine

        # GX hashes every frame below this many bytes for a fingerprint in the result's
        # batch markers (nothing the gate reads). The hash costs more than the checks it
        # labels (0.7 s of 1.7 s for a 400k-row month); GX skips it above the threshold anyway.
        pandas_execution_engine.HASH_THRESHOLD = 0

        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False)
        source = self._context.data_sources.add_pandas("landing")
        asset = source.add_dataframe_asset("delivery")
        self._batch_definition = asset.add_batch_definition_whole_dataframe("whole")
        self._parts: dict[tuple[str, str, frozenset[str]], _Part] = {}

    def _part(self, extract: str, kind: str, columns: frozenset[str] = frozenset()) -> _Part:
        """The expectations of one kind (see _KINDS); value-level ones only on columns.

        Built once per run and kept: GX suites are costly to build.
        """
        from great_expectations.core import ExpectationSuite

        key = (extract, kind, columns)
        if key not in self._parts:
            document = suite_document(extract)
            chosen: list[dict[str, Any]] = []
            read: set[str] = set()
            for expectation in document["expectations"]:
                wanted = _KINDS[kind](expectation)
                if kind == "values":
                    wanted = wanted and expectation["kwargs"]["column"] in columns
                if wanted:
                    chosen.append(copy.deepcopy(expectation))
                    read |= _expectation_columns(expectation["kwargs"])
            suite = ExpectationSuite(
                name=f"{document['name']}_{len(self._parts)}", expectations=chosen
            )
            self._parts[key] = _Part(suite, read)
        return self._parts[key]

    def _run(self, part: _Part, table: pa.Table, parameters: dict[str, Any]) -> list[Any]:
        if not part.suite.expectations:
            return []
        from great_expectations.validator.v1_validator import Validator

        frame = _frame(table.select([c for c in table.column_names if c in part.columns]))
        # what Batch.validate does, without first building the batch once more to return it
        passed = Validator(
            batch_definition=self._batch_definition,
            batch_parameters={"dataframe": frame},
            result_format="BOOLEAN_ONLY",
        ).validate_expectation_suite(part.suite, parameters)
        # Most deliveries pass: GX only counts the failing values (40 % less work than listing
        # them). Otherwise the part runs again listing them, and that run's results are used.
        if passed.success:
            return list(passed.results)
        validator = Validator(
            batch_definition=self._batch_definition,
            batch_parameters={"dataframe": frame},
            # COMPLETE lists every failing row by the frame's index, which is the row position
            # (the samples then name file and row). unexpected_index_column_names gives the same
            # but GX looks each row up one by one: 15 s instead of 2.9 s when all 400k rows fail.
            result_format={
                "result_format": "COMPLETE",
                "return_unexpected_index_query": False,
            },
        )
        result = validator.validate_expectation_suite(part.suite, parameters)
        return list(result.results)

    def validate(
        self, extract: str, table: pa.Table, parameters: dict[str, Any]
    ) -> list[tuple[RuleFailure, list[int]]]:
        """Failed expectations as RuleFailures (without samples) with failing row positions.

        Value-level expectations run on the distinct values of their columns and their
        failures are mapped back to all rows holding a failing value. Other row-local ones
        (row conditions, column pairs) run on the distinct combinations of the columns they
        read when rows repeat them, mapped back the same way. The rest (uniqueness) run on
        the delivery's rows (only the columns they read). Counts and row positions are those
        of the whole delivery either way, and failures come in the suite document's order
        (those with a row condition last).
        """
        value_columns = {
            e["kwargs"]["column"]
            for e in suite_document(extract)["expectations"]
            if _value_level(e)
        }
        distinct = {c: pc.unique(table.column(c)) for c in table.column_names if c in value_columns}
        few = [c for c, v in distinct.items() if len(v) <= _FEW]
        many = [c for c, v in distinct.items() if len(v) > _FEW]
        ordered: list[tuple[Any, _RowsOf | None]] = []
        by_value = _ByValue(table, distinct)
        for group in (few, many):
            if not group:
                continue
            part = self._part(extract, "values", frozenset(group))
            length = max(len(distinct[c]) for c in group)
            padded = pa.table({c: _pad(distinct[c], length) for c in group})
            ordered += [(r, by_value) for r in self._run(part, padded, parameters)]
        rest = "rows_and_tuples"
        columns = [c for c in table.column_names if c in _tuple_columns(extract)]
        if columns:
            first, inverse = _tuples(table, columns)
            # worth a frame of its own only when rows repeat (dates, codes; not timestamps)
            if 0 < len(first) <= table.num_rows // 2:
                rest = "rows"
                frame = table.select(columns).take(pa.array(first))
                tuples = self._part(extract, "tuples")
                by_tuple = _ByTuple(inverse)
                ordered += [(r, by_tuple) for r in self._run(tuples, frame, parameters)]
        ordered += [(r, None) for r in self._run(self._part(extract, rest), table, parameters)]
        order = _document_order(extract)

        # GX rewrites row_condition in the configs it returns, so those results are not found
        # here and come last, in the suite's order (the tuples part runs before the rows part)
        def place(item: tuple[Any, _RowsOf | None]) -> int:
            config = item[0].expectation_config
            return order.get(_identity(config.type, config.kwargs, config.meta), len(order))

        failures: list[tuple[RuleFailure, list[int]]] = []
        for res, rows_of in sorted(ordered, key=place):
            found = _failure(res, table, rows_of)
            if found is not None:
                failures.append(found)
        return failures


def _tuples(table: pa.Table, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct combinations of columns' values (null is a value here).

    Returns the first row of each combination and, for every row, its combination's number.
    """
    code = np.zeros(table.num_rows, np.int64)
    size = 1  # the numbers in code are below size
    for name in columns:
        encoded = pc.dictionary_encode(table.column(name).combine_chunks(), null_encoding="encode")
        values = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        width = max(len(encoded.dictionary), 1)
        if size * width >= 2**62:  # renumbered (below the row count) rather than overflow
            code = np.unique(code, return_inverse=True)[1]
            size = table.num_rows
        code = code * width + values
        size *= width
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    return first, inverse


class _RowsOf(Protocol):
    """Maps the failing positions in a frame of distinct values to the delivery's rows."""

    def rows(self, column: str, index: list[int]) -> list[int]: ...


class _ByValue:
    def __init__(self, table: pa.Table, distinct: dict[str, pa.Array]) -> None:
        self._table = table
        self._distinct = distinct

    def rows(self, column: str, index: list[int]) -> list[int]:
        values = self._distinct[column]
        real = sorted({i for i in index if i < len(values)})  # not the padding
        if not real:
            return []
        return _rows_with(self._table.column(column), values.take(pa.array(real, pa.int64())))


class _ByTuple:
    def __init__(self, inverse: np.ndarray) -> None:
        self._inverse = inverse

    def rows(self, column: str, index: list[int]) -> list[int]:
        return np.flatnonzero(np.isin(self._inverse, index)).tolist()


def _failure(
    res: Any, table: pa.Table, rows_of: _RowsOf | None
) -> tuple[RuleFailure, list[int]] | None:
    """The RuleFailure of one expectation result, None when it passed.

    rows_of: when res came from a frame of distinct values or combinations, the delivery's
    rows of its failing positions.
    """
    config = res.expectation_config
    kwargs = config.kwargs
    meta = config.meta or {}
    rule = meta.get("rule", config.type)
    pair = [kwargs.get("column_A", ""), kwargs.get("column_B", "")]
    column = kwargs.get("column") or ",".join(kwargs.get("column_list") or pair)
    info = res.exception_info or {}
    if not res.success and info.get("raised_exception"):
        failure = RuleFailure(
            "expectation_error",
            column,
            f"{config.type} could not run: {info.get('exception_message')}",
            expectation_type=config.type,
        )
        return failure, []
    detail = res.result or {}
    index = [_position(item) for item in detail.get("unexpected_index_list") or []]
    if rows_of is None:
        if res.success:
            return None
        rows = index
        count = detail.get("unexpected_count")
    else:
        rows = rows_of.rows(column, index)
        if not rows:
            return None
        count = len(rows)
    text = f"{column}: {meta.get('note') or _MESSAGES.get(rule, config.type)}"
    if count is not None:
        text += f"; {count} of {table.num_rows} rows"
    failure = RuleFailure(
        rule,
        column,
        text,
        expectation_type=config.type,
        unexpected_count=None if count is None else int(count),
    )
    return failure, rows


def _position(item: Any) -> int:
    """A failing row's position: GX lists the frame's index values."""
    return int(item)
