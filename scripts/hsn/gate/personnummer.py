"""Rule 'personnummer': every personnummer is a valid Swedish personal identity number.

Valid means: 12 digits YYYYMMDDNNNC; YYYYMMDD a real calendar date, where a samordningsnummer
has the day plus 60 (61–91); C the Luhn check digit over the last ten digits YYMMDDNNNC
(weights 2,1,2,1,… on the first nine; the weighted digit sum, C included, ends in 0).
Nulls are left to the not_null rule. Vectorised: numpy over the string bytes, no row loop.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from hsn.gate.contract import Extract
from hsn.gate.failures import RuleFailure

RULE = "personnummer"
_WEIGHTS = np.array([2, 1, 2, 1, 2, 1, 2, 1, 2, 1], dtype=np.int64)


def _digit_matrix(values: pa.Array) -> npt.NDArray[np.int64]:
    """n × 12 digits of strings that are known to be exactly 12 ASCII digits."""
    values = values.cast(pa.string())
    if len(values) == 0:
        return np.zeros((0, 12), dtype=np.int64)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32)[
        values.offset : values.offset + len(values) + 1
    ]
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)
    positions = offsets[:-1, None] + np.arange(12)
    return data[positions].astype(np.int64) - ord("0")


def valid_date(
    year: npt.NDArray[np.int64], month: npt.NDArray[np.int64], day: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether (year, month, day) is a calendar date; day may be a samordningsnummer day."""
    day = np.where(day > 60, day - 60, day)
    month_ok = (month >= 1) & (month <= 12)
    start = (year - 1970) * 12 + np.clip(month, 1, 12) - 1
    first = start.astype("datetime64[M]").astype("datetime64[D]")
    after = (start + 1).astype("datetime64[M]").astype("datetime64[D]")
    length = (after - first).astype(np.int64)
    return month_ok & (day >= 1) & (day <= length)


def luhn_ok(digits10: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Luhn check over rows of ten digits (the last one the check digit)."""
    products = digits10 * _WEIGHTS
    return (products // 10 + products % 10).sum(axis=1) % 10 == 0


def invalid_positions(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.int64]:
    """Positions of non-null values that are not valid personnummer."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = values.cast(pa.string())
    present = pc.is_valid(values).to_numpy(zero_copy_only=False)
    shaped = pc.fill_null(pc.match_substring_regex(values, r"^[0-9]{12}$"), False)
    shaped_np = shaped.to_numpy(zero_copy_only=False)
    candidates = np.flatnonzero(shaped_np)
    ok = np.zeros(len(values), dtype=bool)
    if len(candidates):
        d = _digit_matrix(values.filter(shaped))
        powers = 10 ** np.arange(3, -1, -1)
        year = d[:, :4] @ powers
        month = d[:, 4] * 10 + d[:, 5]
        day = d[:, 6] * 10 + d[:, 7]
        ok[candidates] = valid_date(year, month, day) & luhn_ok(d[:, 2:])
    return np.flatnonzero(present & ~ok).astype(np.int64)


def personnummer_failures(extract: Extract, table: pa.Table) -> list[tuple[RuleFailure, list[int]]]:
    """The rule on every personnummer identifier column: failures with failing row positions."""
    out: list[tuple[RuleFailure, list[int]]] = []
    for column, kind in extract.identifier_columns.items():
        if kind != "personnummer" or column not in table.column_names:
            continue
        bad = invalid_positions(table.column(column))
        if len(bad):
            failure = RuleFailure(
                RULE,
                column,
                f"{len(bad)} of {table.num_rows} values are not valid personnummer "
                "(12 digits YYYYMMDDNNNC, a real date (samordningsnummer: day + 60), "
                "Luhn check digit over the last ten digits)",
                expectation_type=None,
                unexpected_count=len(bad),
            )
            out.append((failure, [int(p) for p in bad[:20]]))
    return out
