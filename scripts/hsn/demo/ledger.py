"""One month of the general ledger (huvudbok): voucher lines that sum to the series."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from hsn.demo import accounts as acc
from hsn.demo import personal
from hsn.demo.allocation import allocate_groups
from hsn.demo.series import SEED, Series
from hsn.demo.templates import Template, valid_mask

HARMLESS_TEXTS = (
    "Faktura 2024-123",
    "Leverans förbrukningsmaterial",
    "Periodisering",
    "Omföring enligt beslut",
    "Månadsavgift",
    "Kurskostnad",
)
# FAKE personnummer-like strings (Skatteverket's test person): the gate must drop `text`.
SENSITIVE_TEXTS = (
    "Patientresa 19121212-1212",
    "Återbetalning patientavgift 19121212-1212",
    "Reseersättning patient 191212121212",
)
SENSITIVE_ACCOUNTS = ("3011", "5811")
FINANCIAL_KS = "910301"
BASE_LINES_PER_CELL = 37.5


def _period_rng(kind: int, period: str, copy: int = 0) -> np.random.Generator:
    # kind 1: the cells, kind 2: the voucher lines
    y, m = int(period[:4]), int(period[5:7])
    return np.random.default_rng([SEED, kind, y, m] + ([copy] if copy else []))


@dataclass(frozen=True)
class Cells:
    """One month's amounts per kostnadsställe × konto × motpart × personalkategori (öre)."""

    period: str
    kostnadsstalle: npt.NDArray[np.str_]
    konto: npt.NDArray[np.str_]
    motpart: npt.NDArray[np.str_]
    personalkategori: npt.NDArray[np.object_]
    amount: npt.NDArray[np.int64]


def ledger_cells(period: str, series: Series, template: Template) -> Cells:
    """The month's cells: they sum exactly to the month's series (the calibration)."""
    rng = _period_rng(1, period)
    mi = series.month_index(period)
    valid = valid_mask(template, period)
    rows = np.flatnonzero(valid)
    ser = template.series[rows]
    # series totals of the month (report convention -> ledger sign)
    flat = -series.utfall[:, :, mi].reshape(-1)
    uniq, inv = np.unique(ser, return_inverse=True)
    w = template.weight[rows] * rng.lognormal(0.0, 0.12, len(rows))
    cell = allocate_groups(flat[uniq], inv, w)
    if np.setdiff1d(np.flatnonzero(flat), uniq).size:
        raise AssertionError(f"{period}: a series has no kostnadsställe")
    # seed 004: personnel categories and hired staff of NSVU's basenheter (2020/2021 Q1)
    wanted = personal.by_series(personal.targets(series.budget, series.month_index)[0], mi)
    if wanted:
        groups = personal.row_groups(template.konto[rows], template.personalkategori[rows])
        cell = personal.regroup(cell, ser, groups, w, wanted)
    ks_code = np.array([k.code for k in template.ks])[template.ks_idx[rows]]
    # financial items (8000-8999) on one kostnadsställe: interest costs and income
    fin_amounts = np.array(
        [-int(rng.integers(1_000_000, 3_000_000)), int(rng.integers(8_000_000, 16_000_000))],
        dtype=np.int64,
    )
    return Cells(
        period=period,
        kostnadsstalle=np.concatenate([ks_code, np.array([FINANCIAL_KS, FINANCIAL_KS])]),
        konto=np.concatenate(
            [template.konto[rows], np.array([a.konto for a in acc.FINANCIAL_ACCOUNTS])]
        ),
        motpart=np.concatenate([template.motpart[rows], np.array(["E", "E"])]),
        personalkategori=np.concatenate(
            [template.personalkategori[rows], np.array([None, None], dtype=object)]
        ),
        amount=np.concatenate([cell, fin_amounts]),
    )


def _strings(values: npt.NDArray, index: npt.NDArray[np.int64]) -> pa.Array:
    """values[index] as an Arrow string array, converting only the few distinct values."""
    return pa.array(values, pa.string()).take(pa.array(index))


def ledger_lines(
    cells: Cells, scale: float = 1.0, copy: int = 0
) -> dict[str, npt.NDArray[np.generic] | pa.Array]:
    """The huvudbok rows of one month, as columns (belopp in öre, debet positive).

    Each cell is split into 1 + Poisson(``BASE_LINES_PER_CELL`` · scale − 1) voucher lines
    whose amounts sum exactly to the cell. ``copy`` > 0 draws the lines of a synthetic copy of
    the organisation (see ``scaling``): other lines and vouchers ('YYMM-Knn-000001'), the same
    cells.
    """
    period = cells.period
    rng = _period_rng(2, period, copy)
    cell = cells.amount
    lam = max(BASE_LINES_PER_CELL * scale - 1.0, 0.0)
    n_lines = 1 + rng.poisson(lam, len(cell))
    line_cell = np.repeat(np.arange(len(cell)), n_lines)
    amounts = allocate_groups(cell, line_cell, rng.exponential(1.0, len(line_cell)))
    keep = amounts != 0
    line_cell = line_cell[keep]
    amounts = amounts[keep]
    n = len(amounts)
    # shuffle the lines into vouchers of 1-8 lines
    order = rng.permutation(n)
    line_cell = line_cell[order]
    amounts = amounts[order]
    sizes = rng.integers(1, 9, n)
    voucher = np.repeat(np.arange(n), sizes)[:n]
    starts = np.searchsorted(voucher, voucher, side="left")
    rad = (np.arange(n) - starts + 1).astype(np.int32)
    yymm = period[2:4] + period[5:7]
    n_vouchers = int(voucher[-1]) + 1 if n else 0
    prefix = f"{yymm}-K{copy + 1:02d}-" if copy else f"{yymm}-"
    numbers = pc.utf8_lpad(pa.array(np.arange(1, n_vouchers + 1)).cast(pa.string()), 6, "0")
    ver_names = pc.binary_join_element_wise(prefix, numbers, "")
    y, m = int(period[:4]), int(period[5:7])
    days_in_month = calendar.monthrange(y, m)[1]
    first_day = (date(y, m, 1) - date(1970, 1, 1)).days
    v_day = first_day + rng.integers(0, days_in_month, n_vouchers)

    text = np.full(n, None, dtype=object)
    harmless = rng.random(n) < 0.04
    text[harmless] = np.array(HARMLESS_TEXTS, dtype=object)[
        rng.integers(0, len(HARMLESS_TEXTS), int(harmless.sum()))
    ]
    candidates = np.flatnonzero(np.isin(cells.konto[line_cell], SENSITIVE_ACCOUNTS))
    n_sensitive = min(3 + m % 3, len(candidates))
    chosen = rng.choice(candidates, n_sensitive, replace=False)
    text[np.sort(chosen)] = np.array(SENSITIVE_TEXTS, dtype=object)[
        np.arange(n_sensitive) % len(SENSITIVE_TEXTS)
    ]

    return {
        "verifikation": ver_names.take(pa.array(voucher)),
        "rad": rad,
        "bokforingsdatum": v_day[voucher].astype(np.int32),
        "kostnadsstalle": _strings(cells.kostnadsstalle, line_cell),
        "konto": _strings(cells.konto, line_cell),
        "motpart": _strings(cells.motpart, line_cell),
        "personalkategori": _strings(cells.personalkategori, line_cell),
        "belopp": amounts,
        "text": text,
        "voucher": voucher,
    }
