"""One month of the general ledger (huvudbok): voucher lines that sum to the series."""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa

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
    y, m = int(period[:4]), int(period[5:7])
    return np.random.default_rng([SEED, kind, y, m] + ([copy] if copy else []))


def ledger_month(
    period: str, series: Series, template: Template, scale: float = 1.0, copy: int = 0
) -> dict[str, npt.NDArray[np.generic] | pa.Array]:
    """The huvudbok rows of one month, as column arrays (belopp in öre, debet positive).

    ``scale`` multiplies the voucher lines per cell; the cells (and so the month's totals) stay
    the same. ``copy`` > 0 draws another ledger for a synthetic copy of the organisation (see
    ``scaling``): other lines and vouchers ('YYMM-Knn-000001'), the same totals.
    """
    rng = _period_rng(1, period, copy)
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
    konto = template.konto[rows]
    pk = template.personalkategori[rows]
    motpart = template.motpart[rows]
    # financial items (8000-8999) on one kostnadsställe: interest costs and income
    fin_amounts = np.array(
        [-int(rng.integers(1_000_000, 3_000_000)), int(rng.integers(8_000_000, 16_000_000))],
        dtype=np.int64,
    )
    ks_code = np.concatenate([ks_code, np.array([FINANCIAL_KS, FINANCIAL_KS])])
    konto = np.concatenate([konto, np.array([a.konto for a in acc.FINANCIAL_ACCOUNTS])])
    pk = np.concatenate([pk, np.array([None, None], dtype=object)])
    motpart = np.concatenate([motpart, np.array(["E", "E"])])
    cell = np.concatenate([cell, fin_amounts])

    # voucher lines: each cell split into 1 + Poisson(lam) lines of random size
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
    ver_names = pa.array([f"{prefix}{v + 1:06d}" for v in range(n_vouchers)], pa.string())
    y, m = int(period[:4]), int(period[5:7])
    days_in_month = calendar.monthrange(y, m)[1]
    first_day = (date(y, m, 1) - date(1970, 1, 1)).days
    v_day = first_day + rng.integers(0, days_in_month, n_vouchers)

    text = np.full(n, None, dtype=object)
    harmless = rng.random(n) < 0.04
    text[harmless] = np.array(HARMLESS_TEXTS, dtype=object)[
        rng.integers(0, len(HARMLESS_TEXTS), int(harmless.sum()))
    ]
    k_konto = konto[line_cell]
    candidates = np.flatnonzero(np.isin(k_konto, SENSITIVE_ACCOUNTS))
    n_sensitive = min(3 + m % 3, len(candidates))
    chosen = rng.choice(candidates, n_sensitive, replace=False)
    text[np.sort(chosen)] = np.array(SENSITIVE_TEXTS, dtype=object)[
        np.arange(n_sensitive) % len(SENSITIVE_TEXTS)
    ]

    return {
        "verifikation": ver_names.take(pa.array(voucher)),
        "rad": rad,
        "bokforingsdatum": v_day[voucher].astype(np.int32),
        "kostnadsstalle": ks_code[line_cell],
        "konto": k_konto,
        "motpart": motpart[line_cell],
        "personalkategori": pk[line_cell],
        "belopp": amounts,
        "text": text,
        "voucher": voucher,
    }
