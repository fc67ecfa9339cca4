"""Exact integer allocation (largest remainder), vectorised over many groups."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def allocate_groups(totals: IntArray, group: IntArray, weights: FloatArray) -> IntArray:
    """Split ``totals[g]`` (integer öre, any sign) over the rows of group g by ``weights``.

    ``group`` holds each row's group index; weights are >= 0. The parts of a group sum exactly
    to its total (a group with zero total weight gets everything on its first row). Ties are
    broken by row order, so the result is deterministic.
    """
    totals = np.asarray(totals, dtype=np.int64)
    group = np.asarray(group, dtype=np.int64)
    w = np.asarray(weights, dtype=np.float64).copy()
    n_groups = len(totals)
    wsum = np.bincount(group, weights=w, minlength=n_groups)
    # groups without weight: put everything on the group's first row
    empty = wsum[group] <= 0
    if empty.any():
        rows = np.flatnonzero(empty)
        first = np.full(n_groups, len(group), dtype=np.int64)
        np.minimum.at(first, group[rows], rows)
        w[empty] = 0.0
        w[first[first < len(group)]] = 1.0
        wsum = np.bincount(group, weights=w, minlength=n_groups)
    mag = np.abs(totals)
    sign = np.where(totals < 0, -1, 1)
    exact = mag[group] * (w / np.where(wsum[group] > 0, wsum[group], 1.0))
    base = np.floor(exact).astype(np.int64)
    frac = exact - base
    remainder = mag - np.bincount(group, weights=base, minlength=n_groups).astype(np.int64)
    # rank rows within their group by descending fraction (stable by row order)
    order = np.lexsort((np.arange(len(group)), -frac, group))
    g_sorted = group[order]
    starts = np.searchsorted(g_sorted, np.arange(n_groups))
    rank = np.arange(len(group)) - starts[g_sorted]
    bump = np.zeros(len(group), dtype=np.int64)
    bump[order] = (rank < remainder[g_sorted]).astype(np.int64)
    return (base + bump) * sign[group]


def allocate(total: int, weights: FloatArray) -> IntArray:
    """Split one integer total by weights, exactly."""
    w = np.asarray(weights, dtype=np.float64)
    return allocate_groups(np.array([total]), np.zeros(len(w), dtype=np.int64), w)
