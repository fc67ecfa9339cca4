"""Matrix balancing: a (basenhet x report line) table that meets row and column totals."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float64]
IntMatrix = npt.NDArray[np.int64]


def balance(
    prior: FloatMatrix,
    weight: FloatMatrix,
    row_totals: npt.NDArray[np.int64],
    col_totals: npt.NDArray[np.int64],
    slack_col: int,
) -> IntMatrix:
    """Least-squares balancing in integer units.

    Minimises sum((x - prior)^2 / weight) over the cells with weight > 0 (the others are 0)
    subject to exact row and column sums (which must have the same grand total). The result
    is rounded to integers; each column's rounding remainder goes to its largest-weight cell,
    and ``slack_col`` (which must be allowed in every row) takes the row remainders.
    """
    n_rows, n_cols = prior.shape
    if int(row_totals.sum()) != int(col_totals.sum()):
        raise ValueError("row and column totals differ")
    w = np.where(weight > 0, weight, 0.0)
    p = np.where(weight > 0, prior, 0.0)
    # x = p + w * (lam_i + mu_j); solve the (n_rows + n_cols) normal equations
    rho = row_totals.astype(np.float64) - p.sum(axis=1)
    gam = col_totals.astype(np.float64) - p.sum(axis=0)
    m = np.zeros((n_rows + n_cols, n_rows + n_cols))
    m[:n_rows, :n_rows] = np.diag(w.sum(axis=1))
    m[:n_rows, n_rows:] = w
    m[n_rows:, :n_rows] = w.T
    m[n_rows:, n_rows:] = np.diag(w.sum(axis=0))
    sol = np.linalg.lstsq(m, np.concatenate([rho, gam]), rcond=None)[0]
    x = p + w * (sol[:n_rows, None] + sol[None, n_rows:])
    out = np.rint(x).astype(np.int64)
    out[w <= 0] = 0
    for j in range(n_cols):
        if j == slack_col:
            continue
        diff = int(col_totals[j] - out[:, j].sum())
        if diff:
            out[int(np.argmax(w[:, j])), j] += diff
    others = out.sum(axis=1) - out[:, slack_col]
    out[:, slack_col] = row_totals - others
    return out
