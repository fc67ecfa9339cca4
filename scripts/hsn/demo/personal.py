"""Calibration of personnel costs per personalkategori to seed report 004 (NSVU, jan–mars 2021).

The seed's table "Ack diff per personalkategori och k-ställe" (Närsjukvård Umeå, sjukhusvård,
ack January–March 2021, tkr) gives, per basenhet, the budget deviation of each personnel
category: Ej direkt lönekostnad (EJD), Läkare (LAK), Omvårdnadspersonal (OMV), Paramedicin
(PAR), Övriga (OVR) and their total. The categories are the ledger's own staff (accounts
4000–4599); hired staff (4600–4699, 'HYR' in the warehouse) is outside the table, and its
outcome is calibrated to the seed's text: "Köp hyrläkare 9,7 mkr, ökat med 3,5 mkr jmf med 2020.
BUP står för nästan hela kostnadsökningen. Psyk Um har köp 2021 (ej 2020). MedicinC har köp
något mer".

What this changes, and only there (seed 000's months 2023-01..2024-02 and the 2024 budget are
untouched):

* the outcome of report line Personal of the 13 basenheter in 2021-01..2021-03: per category,
  budget + the deviation of the table (split over the months by the budget);
* their 2021 budget is set per personalkategori (every month; January–March with the
  category amounts below, HYR budgeted 0), so the table does not depend on the warehouse's
  distribution rule for budgets without category;
* the hired-staff part of their Personal outcome in 2020-01..2020-03 (the line total stays).

A displayed 0 is taken as "the unit has no such staff": no budget and no outcome that quarter.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from hsn.demo import accounts as acc
from hsn.demo.allocation import allocate
from hsn.demo.balancing import balance
from hsn.demo.organisation import BASENHETER

CATEGORIES = ("EJD", "LAK", "OMV", "PAR", "OVR")  # the seed's column order
HYR = "HYR"
OWN = "EGEN"  # all own-staff categories together, split by the template's weights

# basenhet: (EJD, LAK, OMV, PAR, OVR, Totaldiff), ack avvikelse jan–mars 2021, tkr, as displayed
SEED_004_PERSONAL_TKR: dict[str, tuple[int, int, int, int, int, int]] = {
    "1380": (-94, 17, 136, 0, -44, 16),
    "1462": (0, 415, -264, -56, 234, 330),
    "1463": (-99, -825, 1224, 1679, -429, 1549),
    "1581": (-546, -4478, -181, 2142, 339, -2725),
    "1584": (0, -15, 231, 400, 383, 998),
    "1593": (0, -4018, -2006, 0, -127, -6150),
    "1595": (0, 25, -2714, 0, -738, -3427),
    "2002": (0, 156, 91, 28, 13, 287),
    "2003": (-20, 307, 319, 26, 109, 741),
    "2129": (-263, -688, -1742, -36, -120, -2848),
    "2141": (0, -1893, -1756, -51, 6, -3694),
    "5042": (0, 30, -526, 1230, 393, 1127),
    "5050": (0, 0, 375, 0, 318, 693),
}
SEED_004_TOTALS_TKR = (-1021, -10967, -6813, 5361, 338, -13103)

# Hired staff outcome (tkr, cost positive) in January–March: (2020, 2021). Sum 6 200 -> 9 700
# (+3 500), BUP +3 100, Psykiatri Umeå new in 2021, Medicincentrum slightly more.
HYR_UTFALL_TKR: dict[str, tuple[int, int]] = {
    "1581": (2900, 6000),
    "2141": (1300, 1500),
    "1593": (1000, 800),
    "2129": (500, 500),
    "1463": (0, 400),
    "1595": (300, 300),
    "1462": (200, 200),
}

YEAR = 2021
MONTHS = (1, 2, 3)
HYR_YEAR_BEFORE = 2020
OERE_PER_TKR = 100_000
CENT = 1_000  # öre per 0.01 tkr: the exact table is solved in hundredths of a tkr
MIN_BUDGET_FACTOR = 2.5  # a category's budget is at least 2.5 x an underspend (stays a cost)

IntArray = npt.NDArray[np.int64]
MonthIndex = Callable[[str], int]
Targets = dict[tuple[int, int], dict[str, int]]  # (basenhet index, month index) -> group -> öre


def exact_deviation_table() -> dict[str, dict[str, int]]:
    """Deviations in öre that round to every displayed cell, row total and column total.

    Zero cells stay exactly 0. The other cells move by less than 0.5 tkr from the displayed
    value so that each row sums to its displayed total and each column to its total.
    """
    codes = list(SEED_004_PERSONAL_TKR)
    shown = np.array([SEED_004_PERSONAL_TKR[c][:5] for c in codes], dtype=np.int64)
    rows = np.array([SEED_004_PERSONAL_TKR[c][5] for c in codes], dtype=np.int64)
    if int(rows.sum()) != SEED_004_TOTALS_TKR[5]:
        raise AssertionError("seed 004: the row totals do not add up")
    # the displayed column totals sum to -13 102, the grand total is -13 103: each column
    # total takes an equal part of the difference (less than 0.5 tkr each)
    cols = np.array(SEED_004_TOTALS_TKR[:5], dtype=np.int64) * 100
    cols += allocate(int(rows.sum()) * 100 - int(cols.sum()), np.ones(5))
    weight = (shown != 0).astype(np.float64)
    # slack column: the one every row has (OMV)
    cents = balance((shown * 100).astype(np.float64), weight, rows * 100, cols, slack_col=2)
    out: dict[str, dict[str, int]] = {}
    for i, code in enumerate(codes):
        for j, cat in enumerate(CATEGORIES):
            if abs(int(cents[i, j]) - int(shown[i, j]) * 100) >= 50:
                raise AssertionError(f"seed 004: {code} {cat} cannot be reproduced")
        out[code] = {cat: int(cents[i, j]) * CENT for j, cat in enumerate(CATEGORIES)}
    return out


def _budget_split(total: int, deviation: dict[str, int]) -> dict[str, int]:
    """A quarter's Personal budget (negative) over the categories the unit has."""
    base = dict(zip(acc.PERSONALKATEGORIER, acc.PERSONALKATEGORI_WEIGHTS, strict=True))
    cats = [c for c in CATEGORIES if deviation[c] != 0]
    need = np.array([MIN_BUDGET_FACTOR * max(deviation[c], 0) for c in cats], dtype=float)
    w = np.array([base[c] for c in cats], dtype=float)
    amount = abs(total) * w / w.sum()
    for _ in range(5):  # lift categories below their minimum, shrink the others
        low = amount < need
        if not low.any():
            break
        amount = np.where(low, need, amount)
        free = ~low
        amount[free] *= (abs(total) - amount[low].sum()) / amount[free].sum()
    parts = allocate(total, amount)
    return {c: int(p) for c, p in zip(cats, parts, strict=True)}


def targets(budget: IntArray, month_index: MonthIndex) -> tuple[Targets, Targets]:
    """(outcome targets, budget targets) of line Personal per (basenhet, month), in öre.

    ``budget`` is the series' budget (n_basenheter, 17, months), report convention. Outcome
    targets cover 2021-01..03 (every category and HYR) and 2020-01..03 (HYR and the own
    staff as one group 'EGEN', which the caller fills with the rest of the line total).
    """
    codes = [b[0] for b in BASENHETER]
    line = acc.PERSONAL - 1
    dev = exact_deviation_table()
    utfall: Targets = {}
    budget_t: Targets = {}
    for code, d in dev.items():
        bi = codes.index(code)
        mis = [month_index(f"{YEAR}-{m:02d}") for m in MONTHS]
        b_months = np.array([budget[bi, line, mi] for mi in mis], dtype=np.int64)
        quarter = _budget_split(int(b_months.sum()), d)
        hyr_before, hyr_now = HYR_UTFALL_TKR.get(code, (0, 0))
        hyr = allocate(-hyr_now * OERE_PER_TKR, np.ones(len(MONTHS)))
        # each category's budget and deviation follow the months' budget profile
        per_cat_budget = {
            c: allocate(v, np.abs(b_months).astype(float)) for c, v in quarter.items()
        }
        per_cat_dev = {c: allocate(d[c], np.abs(b_months).astype(float)) for c in quarter}
        for k, mi in enumerate(mis):
            b = {c: int(per_cat_budget[c][k]) for c in quarter}
            rest = int(b_months[k]) - sum(b.values())
            if rest:  # allocate() is exact, so this does not happen; keep the total anyway
                b[max(b, key=lambda c: abs(b[c]))] += rest
            u = {c: b[c] + int(per_cat_dev[c][k]) for c in quarter}
            if any(v > 0 for v in u.values()):
                raise AssertionError(f"seed 004: {code} a category became revenue")
            for c in CATEGORIES:
                b.setdefault(c, 0)
                u.setdefault(c, 0)
            b[HYR] = 0
            u[HYR] = int(hyr[k])
            budget_t[(bi, mi)] = b
            utfall[(bi, mi)] = u
        hyr_b = allocate(-hyr_before * OERE_PER_TKR, np.ones(len(MONTHS)))
        for k, m in enumerate(MONTHS):
            # OWN: the rest of the line total, whatever it is (regroup computes it)
            utfall[(bi, month_index(f"{HYR_YEAR_BEFORE}-{m:02d}"))] = {HYR: int(hyr_b[k]), OWN: 0}
    return utfall, budget_t


def calibrate_series(budget: IntArray, utfall: IntArray, month_index: MonthIndex) -> None:
    """Set the Personal outcome of the calibrated 2021 months to the sum of their targets."""
    u_targets, _ = targets(budget, month_index)
    line = acc.PERSONAL - 1
    for (bi, mi), groups in u_targets.items():
        if OWN not in groups:  # 2021; in 2020 only the split within the line changes
            utfall[bi, line, mi] = sum(groups.values())


def series_index(bi: int) -> int:
    """The template's series number of basenhet ``bi``'s line Personal."""
    return bi * 17 + acc.PERSONAL - 1


def by_series(t: Targets, mi: int) -> dict[int, dict[str, int]]:
    """The targets of one month keyed by template series, booked sign (debet positive)."""
    return {series_index(bi): {k: -v for k, v in g.items()} for (bi, m), g in t.items() if m == mi}


def expand_personalkategori(
    ks_idx: IntArray,
    series_of_row: IntArray,
    konto: npt.NDArray[np.str_],
    pk: npt.NDArray[np.object_],
    weight: npt.NDArray[np.float64],
) -> tuple[IntArray, IntArray, npt.NDArray[np.str_], npt.NDArray[np.object_], npt.NDArray]:
    """Give the calibrated basenheter's own-staff budget rows a personalkategori.

    Each row of their line Personal on 4000–4599 without a category becomes one row per
    category, its weight split by the demo's category weights. Other rows stay as they are.
    """
    codes = [b[0] for b in BASENHETER]
    wanted = [series_index(codes.index(c)) for c in SEED_004_PERSONAL_TKR]
    own = np.array([4000 <= int(k) <= 4599 for k in konto], dtype=bool)
    no_pk = np.array([p is None for p in pk], dtype=bool)
    split = np.isin(series_of_row, wanted) & own & no_pk
    n_cat = len(acc.PERSONALKATEGORIER)
    idx = np.repeat(np.arange(len(konto)), np.where(split, n_cat, 1))
    new_pk = pk[idx].copy()
    new_w = weight[idx].copy()
    first = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
    for start in first[split[idx[first]]]:
        for k in range(n_cat):
            new_pk[start + k] = acc.PERSONALKATEGORIER[k]
            new_w[start + k] *= acc.PERSONALKATEGORI_WEIGHTS[k]
    return ks_idx[idx], series_of_row[idx], konto[idx], new_pk, new_w


def row_groups(konto: npt.NDArray[np.str_], pk: npt.NDArray[np.object_]) -> npt.NDArray:
    """The calibration group of template rows: 'HYR' for 4600–4699, else the category."""
    hyr = np.array([4600 <= int(k) <= 4699 for k in konto], dtype=bool)
    return np.where(hyr, HYR, pk).astype(object)


def regroup(
    cells: IntArray,
    series_of_row: IntArray,
    groups_of_row: npt.NDArray[np.object_],
    weights: npt.NDArray[np.float64],
    wanted: dict[int, dict[str, int]],
) -> IntArray:
    """Re-split the cells of the series in ``wanted`` so that each group gets its amount.

    ``wanted`` maps a series index to {group: amount}; a group 'EGEN' takes every own-staff
    row not named otherwise and the rest of the series' total. Rows of a group share its
    amount by ``weights``.
    """
    out = cells.copy()
    for s, amounts in wanted.items():
        rows = np.flatnonzero(series_of_row == s)
        if not len(rows):
            continue
        total = int(cells[rows].sum())
        g = groups_of_row[rows]
        if OWN in amounts:
            named = [k for k in amounts if k != OWN]
            g = np.where(np.isin(g, named), g, OWN)
            amounts = {**amounts, OWN: total - sum(v for k, v in amounts.items() if k != OWN)}
        if sum(amounts.values()) != total:
            raise AssertionError("personal calibration: groups do not sum to the series")
        for group, amount in amounts.items():
            sel = rows[g == group]
            if not len(sel):
                if amount:
                    raise AssertionError(f"personal calibration: no row for {group}")
                continue
            out[sel] = allocate(amount, weights[sel])
    return out
