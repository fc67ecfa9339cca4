"""One year of the periodised budget: (period, kostnadsställe, konto, personalkategori)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hsn.demo import personal
from hsn.demo.allocation import allocate_groups
from hsn.demo.ledger import FINANCIAL_KS
from hsn.demo.organisation import BASENHETER
from hsn.demo.series import Series
from hsn.demo.templates import Template, valid_mask

FINANCIAL_BUDGET_OERE = 12_000_000  # räntekostnader per month (debet)


def budget_basenheter_with_personalkategori() -> set[str]:
    """About half of the units set their personnel budget per personalkategori."""
    return {b[0] for i, b in enumerate(BASENHETER) if i % 2 == 0}


def budget_year(year: int, series: Series, template: Template) -> dict[str, npt.NDArray]:
    """The budget rows of all twelve months of ``year`` (belopp in öre, debet positive)."""
    ks_codes = np.array([k.code for k in template.ks])
    parts: list[dict[str, npt.NDArray]] = []
    for month in range(1, 13):
        period = f"{year}-{month:02d}"
        # months after the last organisation month use the latest organisation
        org_period = min(period, "2024-02")
        rows = np.flatnonzero(valid_mask(template, org_period))
        mi = series.month_index(period)
        flat = -series.budget[:, :, mi].reshape(-1)
        ks_idx, ser, konto, pk, weight = (
            template.ks_idx[rows],
            template.series[rows],
            template.konto[rows],
            template.personalkategori[rows],
            template.weight[rows],
        )
        if year == personal.YEAR:  # seed 004: these units budget per personalkategori
            ks_idx, ser, konto, pk, weight = personal.expand_personalkategori(
                ks_idx, ser, konto, pk, weight
            )
        uniq, inv = np.unique(ser, return_inverse=True)
        if np.setdiff1d(np.flatnonzero(flat), uniq).size:
            raise AssertionError(f"{period}: a budget series has no kostnadsställe")
        amounts = allocate_groups(flat[uniq], inv, weight)
        wanted = personal.by_series(personal.targets(series.budget, series.month_index)[1], mi)
        if wanted:
            amounts = personal.regroup(amounts, ser, personal.row_groups(konto, pk), weight, wanted)
        n = len(ser)
        parts.append(
            {
                "period": np.full(n + 1, period),
                "kostnadsstalle": np.append(ks_codes[ks_idx], FINANCIAL_KS),
                "konto": np.append(konto, "8411"),
                "personalkategori": np.append(pk, None),
                "belopp": np.append(amounts, FINANCIAL_BUDGET_OERE),
            }
        )
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
