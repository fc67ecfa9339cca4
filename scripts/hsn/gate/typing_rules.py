"""Cast one delivered column to its contract type, without loss, or say which rows cannot."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pyarrow as pa
import pyarrow.compute as pc

from hsn.gate.contract import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INTEGER,
    TIMESTAMP,
    VARCHAR,
    arrow_type,
    decimal_precision_scale,
)

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$"


@dataclass
class CastResult:
    """Either the cast array, or a reason (and for value problems, the bad row positions)."""

    array: pa.Array | None
    problem: str | None = None
    bad_rows: list[int] | None = None


def _is_stringlike(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def _decode(arr: pa.Array) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    return arr


def _bad_positions(ok_mask: pa.Array) -> list[int]:
    """Positions where ok_mask is false (nulls in the mask count as fine)."""
    bad = pc.invert(pc.fill_null(ok_mask, True))
    return pc.indices_nonzero(bad).to_pylist()


def _wrong_type(arr: pa.Array, sql_type: str, hint: str = "") -> CastResult:
    return CastResult(None, f"delivered as {arr.type}, expected {sql_type}{hint}")


def cast_column(arr: pa.Array, sql_type: str) -> CastResult:
    arr = _decode(arr)
    target = arrow_type(sql_type)
    if pa.types.is_null(arr.type):
        return CastResult(pa.nulls(len(arr), target))
    if sql_type == VARCHAR:
        return _to_varchar(arr)
    if sql_type == INTEGER:
        return _to_integer(arr)
    if sql_type == DATE:
        return _to_date(arr)
    if sql_type == BOOLEAN:
        if pa.types.is_boolean(arr.type):
            return CastResult(arr)
        return _wrong_type(arr, sql_type)
    if sql_type == TIMESTAMP:
        return _to_timestamp(arr)
    if sql_type == DOUBLE:
        if (
            pa.types.is_floating(arr.type)
            or pa.types.is_integer(arr.type)
            or pa.types.is_decimal(arr.type)
        ):
            return CastResult(pc.cast(arr, pa.float64()))
        return _wrong_type(arr, sql_type)
    ps = decimal_precision_scale(sql_type)
    if ps is not None:
        return _to_decimal(arr, *ps)
    raise ValueError(f"unknown contract type {sql_type!r}")


def _to_varchar(arr: pa.Array) -> CastResult:
    if _is_stringlike(arr.type):
        return CastResult(pc.cast(arr, pa.string()))
    hint = ""
    if pa.types.is_integer(arr.type) or pa.types.is_floating(arr.type):
        hint = " (codes must be text: a number loses leading zeros)"
    return _wrong_type(arr, VARCHAR, hint)


def _to_integer(arr: pa.Array) -> CastResult:
    if not pa.types.is_integer(arr.type):
        return _wrong_type(arr, INTEGER)
    ok = pc.and_(pc.greater_equal(arr, _INT32_MIN), pc.less_equal(arr, _INT32_MAX))
    bad = _bad_positions(ok)
    if bad:
        return CastResult(None, "values outside the INTEGER range", bad)
    return CastResult(pc.cast(arr, pa.int32()))


def _to_date(arr: pa.Array) -> CastResult:
    if pa.types.is_date32(arr.type):
        return CastResult(arr)
    if pa.types.is_date64(arr.type):
        return CastResult(pc.cast(arr, pa.date32()))
    if pa.types.is_timestamp(arr.type):
        if arr.type.tz is not None:
            return _wrong_type(arr, DATE, " (a timestamp with a time zone is not a date)")
        ok = pc.equal(pc.floor_temporal(arr, unit="day"), arr)
        bad = _bad_positions(ok)
        if bad:
            return CastResult(None, "timestamps with a time of day are not dates", bad)
        return CastResult(pc.cast(pc.cast(arr, pa.timestamp("s")), pa.date32()))
    if _is_stringlike(arr.type):
        arr = pc.cast(arr, pa.string())
        values: list[date | None] = []
        bad: list[int] = []
        shaped = pc.match_substring_regex(arr, _ISO_DATE).to_pylist()
        for i, (text, ok) in enumerate(zip(arr.to_pylist(), shaped, strict=True)):
            if text is None:
                values.append(None)
                continue
            try:
                if not ok:
                    raise ValueError(text)
                values.append(date.fromisoformat(text))
            except ValueError:
                bad.append(i)
                values.append(None)
        if bad:
            return CastResult(None, "text that is not a date 'YYYY-MM-DD'", bad)
        return CastResult(pa.array(values, pa.date32()))
    return _wrong_type(arr, DATE)


def _to_timestamp(arr: pa.Array) -> CastResult:
    target = pa.timestamp("us")
    if pa.types.is_timestamp(arr.type):
        if arr.type.tz is not None:
            return _wrong_type(arr, TIMESTAMP, " (local time without a time zone expected)")
        return CastResult(pc.cast(arr, target, safe=False))
    if pa.types.is_date32(arr.type) or pa.types.is_date64(arr.type):
        return CastResult(pc.cast(arr, target))
    if _is_stringlike(arr.type):
        arr = pc.cast(arr, pa.string())
        shaped = pc.match_substring_regex(arr, _ISO_TIMESTAMP).to_pylist()
        values: list[datetime | None] = []
        bad: list[int] = []
        for i, (text, ok) in enumerate(zip(arr.to_pylist(), shaped, strict=True)):
            if text is None:
                values.append(None)
                continue
            try:
                if not ok:
                    raise ValueError(text)
                values.append(datetime.fromisoformat(text))
            except ValueError:
                bad.append(i)
                values.append(None)
        if bad:
            return CastResult(None, "text that is not an ISO timestamp", bad)
        return CastResult(pa.array(values, target))
    return _wrong_type(arr, TIMESTAMP)


def _to_decimal(arr: pa.Array, precision: int, scale: int) -> CastResult:
    target = pa.decimal128(precision, scale)
    sql = f"DECIMAL({precision},{scale})"
    limit = Decimal(10) ** (precision - scale)
    if pa.types.is_integer(arr.type) or (pa.types.is_decimal(arr.type) and arr.type.scale <= scale):
        try:
            return CastResult(pc.cast(arr, target))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            values = arr.to_pylist()
    elif pa.types.is_decimal(arr.type):
        values = arr.to_pylist()
    elif pa.types.is_floating(arr.type):
        values = [None if v is None else _float_to_decimal(v) for v in arr.to_pylist()]
    else:
        hint = " (amounts as text are not accepted)" if _is_stringlike(arr.type) else ""
        return _wrong_type(arr, sql, hint)
    quantum = Decimal(1).scaleb(-scale)
    out: list[Decimal | None] = []
    bad: list[int] = []
    for i, value in enumerate(values):
        if value is None:
            out.append(None)
            continue
        if isinstance(value, float) or not Decimal(value).is_finite():
            bad.append(i)
            out.append(None)
            continue
        rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
        if abs(rounded) >= limit:
            bad.append(i)
            out.append(None)
            continue
        out.append(rounded)
    if bad:
        return CastResult(None, f"values that do not fit {sql} (NaN, infinite or too large)", bad)
    return CastResult(pa.array(out, target))


def _float_to_decimal(value: float) -> Decimal | float:
    """The decimal the float was written as (shortest repr), so 2.675 rounds to 2.68."""
    if math.isnan(value) or math.isinf(value):
        return value
    try:
        return Decimal(repr(value))
    except InvalidOperation:
        return value
