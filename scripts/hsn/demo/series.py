"""Budget and outcome per (basenhet x report line x month), in integer öre.

Report convention (revenue positive, costs negative). The months run 2019-01..2024-12;
outcome exists up to 2024-02. Jan-Feb 2024 and Jan-Feb 2023 are calibrated to the seed
report (see ``calibration``); everything else is plausible levels, growth, seasonality
and noise, all from one seeded numpy Generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hsn.demo import accounts as acc
from hsn.demo.allocation import allocate, allocate_groups
from hsn.demo.balancing import balance
from hsn.demo.calibration import OERE_PER_TKR, REGION_TARGETS_TKR, SEED_BASENHET
from hsn.demo.organisation import BASENHETER
from hsn.demo.personal import calibrate_series

FIRST_YEAR = 2019
LAST_YEAR = 2024
N_MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12
LAST_OUTCOME = "2024-02"
SEED = 20240227

_PROFILE_PERSONAL = np.array([8.4, 8.0, 8.5, 8.2, 8.4, 9.6, 7.4, 7.8, 8.3, 8.5, 8.3, 8.6])
_PROFILE_DEFAULT = np.array([8.2, 7.9, 8.5, 8.2, 8.5, 8.2, 7.2, 7.9, 8.4, 8.7, 8.5, 9.8])
_PROFILE_REVENUE = np.array([8.1, 8.2, 8.6, 8.3, 8.5, 8.1, 7.0, 7.9, 8.6, 8.9, 8.7, 9.1])

# relative size of each report line per kind of basenhet (costs per mkr size; revenue share)
_LINE_PROFILE: dict[str, dict[int, float]] = {
    "PV": {
        1: 1.0,
        2: 0.3,
        4: 10.0,
        5: 0.3,
        6: 0.5,
        7: 66,
        8: 0.8,
        9: 6,
        10: 3,
        11: 1.0,
        12: 5,
        14: 4,
        15: 0.6,
        16: 2.4,
    },
    "SJUKSTUGA": {
        1: 1.0,
        2: 1.0,
        4: 5.0,
        5: 0.3,
        6: 0.5,
        7: 66,
        8: 0.8,
        9: 10,
        10: 4,
        11: 1.0,
        12: 6,
        14: 4,
        15: 0.6,
        16: 2.4,
    },
    "KLINIK": {
        1: 1.0,
        2: 6.0,
        5: 1.0,
        6: 1.2,
        7: 66,
        8: 0.8,
        9: 14,
        10: 6,
        11: 1.3,
        12: 7,
        14: 1.1,
        15: 0.6,
        16: 2.4,
        17: 0.1,
    },
    "TAND": {
        1: 0.5,
        2: 0.3,
        3: 10.0,
        5: 0.5,
        6: 0.5,
        7: 66,
        8: 0.8,
        9: 0.5,
        10: 8,
        11: 1.0,
        12: 4,
        14: 4,
        15: 0.6,
        16: 2.4,
    },
    "OVRIGT": {
        2: 1.0,
        5: 1.0,
        6: 3.0,
        7: 66,
        8: 0.8,
        9: 0.3,
        10: 1,
        11: 1.0,
        12: 9,
        14: 3,
        15: 2.0,
        16: 4,
        17: 0.2,
    },
}
_SPECIAL_REVENUE = {"3010": {2: 15.0}, "3020": {2: 15.0}, "1380": {5: 3.0}}
_COST_GROWTH = 0.05
_REVENUE_GROWTH = 0.035

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Series:
    basenheter: list[str]
    budget: IntArray  # (n_basenheter, 17, N_MONTHS), öre, report convention
    utfall: IntArray  # same shape; months after LAST_OUTCOME are 0
    allowed: npt.NDArray[np.bool_]  # (n_basenheter, 17): the unit has the line

    def month_index(self, period: str) -> int:
        y, m = int(period[:4]), int(period[5:7])
        return (y - FIRST_YEAR) * 12 + m - 1


def _profile(line: int) -> npt.NDArray[np.float64]:
    if line == acc.PERSONAL:
        p = _PROFILE_PERSONAL
    elif line in acc.REVENUE_LINES:
        p = _PROFILE_REVENUE
    else:
        p = _PROFILE_DEFAULT
    return p / p.sum()


def _allowed_and_weights(
    rng: np.random.Generator,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    nb = len(BASENHETER)
    w = np.zeros((nb, 17))
    for i, (code, _n, _o, kind, size) in enumerate(BASENHETER):
        prof = dict(_LINE_PROFILE[kind])
        prof.update(_SPECIAL_REVENUE.get(code, {}))
        _total, intakter, utom = SEED_BASENHET[code]
        for line, v in prof.items():
            if line in acc.REVENUE_LINES and intakter is None:
                continue  # units whose revenue column is blank have no revenue
            w[i, line - 1] = size * v
    noise = rng.lognormal(0.0, 0.25, size=w.shape)
    w = w * noise
    for i, (code, *_rest) in enumerate(BASENHETER):
        utom = SEED_BASENHET[code][2]
        if utom is not None:  # budget big enough that a better-than-budget unit stays a cost
            w[i, acc.UTOMLANSVARD - 1] = abs(utom) * 2.0 + 500.0
    return w > 0, w


def build_series() -> Series:
    rng = np.random.default_rng(SEED)
    codes = [b[0] for b in BASENHETER]
    nb = len(codes)
    allowed, w = _allowed_and_weights(rng)
    tgt = {nr: [v * OERE_PER_TKR for v in vals] for nr, vals in REGION_TARGETS_TKR.items()}

    # 2024: full-year and Jan-Feb budget per cell
    helar = np.zeros((nb, 17), dtype=np.int64)
    back = np.zeros((nb, 17), dtype=np.int64)
    for j in range(17):
        _f, _p, _u, b, h = tgt[j + 1]
        helar[:, j] = allocate(h, w[:, j])
        back[:, j] = allocate(b, w[:, j] * rng.lognormal(0.0, 0.03, nb) * allowed[:, j])

    dev = _ack_deviation(back, allowed, tgt)
    feb_dev = _february_deviation(back, allowed, dev, tgt)

    budget = np.zeros((nb, 17, N_MONTHS), dtype=np.int64)
    utfall = np.zeros((nb, 17, N_MONTHS), dtype=np.int64)
    i24 = (2024 - FIRST_YEAR) * 12
    i23 = (2023 - FIRST_YEAR) * 12
    for j in range(17):
        prof = _profile(j + 1)
        jan_share = prof[0] / (prof[0] + prof[1]) * rng.lognormal(0.0, 0.01, nb)
        b_jan = np.rint(back[:, j] * jan_share).astype(np.int64)
        budget[:, j, i24] = b_jan
        budget[:, j, i24 + 1] = back[:, j] - b_jan
        rest = helar[:, j] - back[:, j]
        groups = np.repeat(np.arange(nb), 10)
        budget[:, j, i24 + 2 : i24 + 12] = allocate_groups(
            rest, groups, np.tile(prof[2:], nb)
        ).reshape(nb, 10)
        utfall[:, j, i24] = b_jan + dev[:, j] - feb_dev[:, j]
        utfall[:, j, i24 + 1] = budget[:, j, i24 + 1] + feb_dev[:, j]

    growth = _growth(rng, nb)  # (nb, 17, years) growth factor year over year
    for j in range(17):
        line = j + 1
        prof = _profile(line)
        level = helar[:, j].astype(np.float64)
        bias = rng.normal(0.0, 0.02, nb) + (0.0 if line in acc.REVENUE_LINES else 0.025)
        for y in range(LAST_YEAR - 1, FIRST_YEAR - 1, -1):
            level = level / growth[:, j, y - FIRST_YEAR + 1]
            start = (y - FIRST_YEAR) * 12
            total = np.rint(level).astype(np.int64) * allowed[:, j]
            groups = np.repeat(np.arange(nb), 12)
            bud = allocate_groups(total, groups, np.tile(prof, nb)).reshape(nb, 12)
            budget[:, j, start : start + 12] = bud
            noise = rng.normal(0.0, 0.03, (nb, 12))
            utfall[:, j, start : start + 12] = np.rint(bud * (1.0 + bias[:, None] + noise)).astype(
                np.int64
            )
        # Jan-Feb 2023 outcome: calibrated to the seed's "Ack utfall föreg år"
        u_ack = utfall[:, j, i24] + utfall[:, j, i24 + 1]
        raw = np.abs(u_ack) / (growth[:, j, 2024 - FIRST_YEAR] * rng.lognormal(0, 0.03, nb))
        p_cells = allocate(tgt[line][1], raw * allowed[:, j])
        jan_share = np.clip(utfall[:, j, i24] / np.where(u_ack != 0, u_ack, 1), 0.3, 0.7)
        jan_share = np.where(u_ack != 0, jan_share, 0.5) * rng.lognormal(0.0, 0.01, nb)
        p_jan = np.rint(p_cells * jan_share).astype(np.int64)
        utfall[:, j, i23] = p_jan
        utfall[:, j, i23 + 1] = p_cells - p_jan
    utfall[:, :, i24 + 2 :] = 0
    series = Series(codes, budget, utfall, allowed)
    # seed 004: Personal of NSVU's basenheter in 2021-01..03 (see ``personal``)
    calibrate_series(budget, utfall, series.month_index)
    return series


def _growth(rng: np.random.Generator, nb: int) -> npt.NDArray[np.float64]:
    years = LAST_YEAR - FIRST_YEAR + 1
    g = np.empty((nb, 17, years))
    for j in range(17):
        base = _REVENUE_GROWTH if j + 1 in acc.REVENUE_LINES else _COST_GROWTH
        g[:, j, :] = 1.0 + base + rng.normal(0.0, 0.015, (nb, years))
    return g


def _ack_deviation(
    back: IntArray, allowed: npt.NDArray[np.bool_], tgt: dict[int, list[int]]
) -> IntArray:
    """Ack Jan-Feb 2024 deviation per cell: rows = basenhet totals, cols = line targets."""
    nb = back.shape[0]
    codes = [b[0] for b in BASENHETER]
    row_tot = np.array([SEED_BASENHET[c][0] for c in codes], dtype=np.int64) * OERE_PER_TKR
    utom = np.array([SEED_BASENHET[c][2] or 0 for c in codes], dtype=np.int64) * OERE_PER_TKR
    rev_target = np.array([SEED_BASENHET[c][1] or 0 for c in codes], dtype=float) * OERE_PER_TKR
    col_tot = np.array([tgt[n][2] - tgt[n][3] for n in range(1, 18)], dtype=np.int64)
    u = acc.UTOMLANSVARD - 1
    size = np.abs(back).astype(np.float64) * allowed
    rev_cols = [j for j in range(6) if j != acc.TANDVARDSINTAKTER - 1]
    cost_cols = [j for j in range(6, 17) if j != u]
    prior = np.zeros_like(size)
    rev_size = size[:, rev_cols]
    rev_share = rev_size / np.maximum(rev_size.sum(axis=1, keepdims=True), 1.0)
    prior[:, rev_cols] = rev_target[:, None] * rev_share
    t = acc.TANDVARDSINTAKTER - 1
    prior[:, t] = col_tot[t] * size[:, t] / size[:, t].sum()
    cost_size = size[:, cost_cols]
    cost_share_row = cost_size / np.maximum(cost_size.sum(axis=1, keepdims=True), 1.0)
    rest = (row_tot - utom).astype(float) - prior[:, :6].sum(axis=1)
    by_row = rest[:, None] * cost_share_row
    by_col = col_tot[cost_cols][None, :] * cost_size / cost_size.sum(axis=0, keepdims=True)
    prior[:, cost_cols] = 0.5 * by_row + 0.5 * by_col
    weight = size.copy()
    weight[:, :6] *= 0.5
    weight[:, u] = 0.0
    col = col_tot.copy()
    col[u] = 0
    out = balance(prior, weight, row_tot - utom, col, slack_col=acc.PERSONAL - 1)
    out[:, u] = utom
    assert out.shape == (nb, 17)
    return out


def _february_deviation(
    back: IntArray, allowed: npt.NDArray[np.bool_], dev: IntArray, tgt: dict[int, list[int]]
) -> IntArray:
    """Split each cell's ack deviation into Jan and Feb so that Feb sums to the seed figure."""
    size = np.abs(back).astype(np.float64) * allowed
    out = np.zeros_like(dev)
    for j in range(17):
        f = tgt[j + 1][0]
        a = int(dev[:, j].sum())
        s = size[:, j] / max(size[:, j].sum(), 1.0)
        col = np.rint(f * s + 0.5 * (dev[:, j] - a * s)).astype(np.int64)
        col[~allowed[:, j]] = 0
        diff = f - int(col.sum())
        col[int(np.argmax(size[:, j]))] += diff
        out[:, j] = col
    return out
