"""Casting delivered columns to the contract's types, without loss."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pyarrow as pa
import pytest

from hsn.gate.typing_rules import cast_column


def test_integer_accepts_small_ints_in_range_only() -> None:
    assert cast_column(pa.array([1, 2], pa.int8()), "INTEGER").array.type == pa.int32()
    too_big = cast_column(pa.array([1, 2**40], pa.int64()), "INTEGER")
    assert too_big.array is None and too_big.bad_rows == [1]
    assert cast_column(pa.array([1.0]), "INTEGER").array is None


@pytest.mark.parametrize(
    "values",
    [
        pa.array([date(2024, 1, 31)], pa.date32()),
        pa.array([date(2024, 1, 31)], pa.date64()),
        pa.array([datetime(2024, 1, 31)], pa.timestamp("ns")),
        pa.array(["2024-01-31"]),
    ],
)
def test_date_sources(values: pa.Array) -> None:
    result = cast_column(values, "DATE")
    assert result.array is not None and result.array.to_pylist() == [date(2024, 1, 31)]


def test_date_rejects_time_of_day_and_bad_text() -> None:
    assert cast_column(pa.array([datetime(2024, 1, 31, 12)]), "DATE").bad_rows == [0]
    assert cast_column(pa.array(["2024-01-31", "2024-02-30", "31/01/2024"]), "DATE").bad_rows == [
        1,
        2,
    ]


def test_amounts() -> None:
    result = cast_column(pa.array([2.675, -0.005, None, 1.0]), "DECIMAL(18,2)")
    assert result.array.type == pa.decimal128(18, 2)
    assert result.array.to_pylist() == [Decimal("2.68"), Decimal("-0.01"), None, Decimal("1.00")]
    assert cast_column(pa.array([float("nan")]), "DECIMAL(18,2)").bad_rows == [0]
    assert cast_column(pa.array(["12,50"]), "DECIMAL(18,2)").array is None
    exact = cast_column(pa.array([Decimal("1.5")], pa.decimal128(10, 1)), "DECIMAL(18,2)")
    assert exact.array.to_pylist() == [Decimal("1.50")]
    assert cast_column(pa.array([12], pa.int32()), "DECIMAL(18,2)").array.to_pylist() == [
        Decimal("12.00")
    ]


def test_varchar_boolean_timestamp() -> None:
    assert "leading zeros" in (cast_column(pa.array([2141]), "VARCHAR").problem or "")
    dictionary = pa.array(["a", "b", "a"]).dictionary_encode()
    assert cast_column(dictionary, "VARCHAR").array.to_pylist() == ["a", "b", "a"]
    assert cast_column(pa.array([None, None], pa.null()), "VARCHAR").array.type == pa.string()
    assert cast_column(pa.array([True]), "BOOLEAN").array is not None
    assert cast_column(pa.array([1], pa.int8()), "BOOLEAN").array is None
    stamps = cast_column(pa.array(["2024-01-31T08:15:00", "2024-01-31 08:16"]), "TIMESTAMP")
    assert stamps.array.type == pa.timestamp("us")
    assert cast_column(pa.array(["igår"]), "TIMESTAMP").bad_rows == [0]
