"""Monthly targets for the produktion demo, calibrated to the seed report.

The seed report "Produktion HSN – ack feb 2024" gives January + February ("ack februari") for
2021–2024 (primärvård, sjukhusvård), 2019–2024 (tandvård) and the primary-care vaccination
visits. Those two months are generated to hit the seed exactly (counts) or within its rounding
(ratios); the other months follow the same daily rate with a seasonal pattern. The seed's
primary-care "Sjukvårdande behandling" includes the covid-19 vaccination visits ("ingår och
påverkar statistiken"); the mart keeps them apart, so here sjukvardande_behandling is the
seed's figure minus the vaccination visits.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

PV, SV, TV = "PRIMARVARD", "SJUKHUSVARD", "TANDVARD"

# ack februari per year, typed from the seed report
SEED: dict[str, dict[str, dict[int, float]]] = {
    PV: {
        "vardtillfallen": {2021: 178, 2022: 210, 2023: 181, 2024: 169},
        "varddagar": {2021: 1460, 2022: 1331, 2023: 1254, 2024: 1292},
        "medelvardtid": {2021: 7.21, 2022: 5.36, 2023: 5.96, 2024: 6.64},
        "belaggning": {2021: 0.743, 2022: 0.723, 2023: 0.726, 2024: 0.700},
        "lakarbesok": {2021: 31803, 2022: 32644, 2023: 36904, 2024: 39139},
        "sjukvardande_inkl_vaccination": {2021: 55875, 2022: 122223, 2023: 70098, 2024: 66803},
        "viktad_vardtjanst": {2021: 3355, 2022: 4950, 2023: 3962, 2024: 4018},
    },
    SV: {
        "vardtillfallen": {2021: 6936, 2022: 6886, 2023: 6445, 2024: 6818},
        "varddagar": {2021: 43516, 2022: 40202, 2023: 39786, 2024: 40734},
        "vardtjanst_drg": {2021: 8022, 2022: 7723, 2023: 7433, 2024: 7899},
        "medelvardtid": {2021: 5.50, 2022: 4.96, 2023: 5.40, 2024: 5.28},
        "belaggning": {2021: 0.891, 2022: 0.923, 2023: 0.976, 2024: 1.038},
        "lakarbesok": {2021: 52202, 2022: 53322, 2023: 59037, 2024: 61658},
        "sjukvardande_behandling": {2021: 63244, 2022: 62164, 2023: 73400, 2024: 72593},
        "viktad_vardtjanst": {2021: 14129, 2022: 13536, 2023: 13787, 2024: 14448},
    },
    TV: {
        "besok": {2019: 51247, 2020: 43618, 2021: 40074, 2022: 38952, 2023: 39716, 2024: 39401},
        "patienter": {
            2019: 35042,
            2020: 30598,
            2021: 27953,
            2022: 27675,
            2023: 27929,
            2024: 27047,
        },
    },
}
VACCINATION_ACK_FEB = {2021: 2010, 2022: 67956, 2023: 5067, 2024: 1712}

# primary-care vaccination visits in the months the seed does not give (covid-19 from 2021)
VACCINATION_MANAD: dict[int, tuple[int, ...]] = {
    2019: (900, 700, 400, 300, 300, 300, 200, 300, 1500, 9000, 7000, 2000),
    2020: (1000, 800, 400, 300, 300, 300, 200, 300, 1800, 11000, 9000, 2500),
    2021: (0, 0, 15000, 40000, 55000, 50000, 20000, 18000, 20000, 25000, 30000, 45000),
    2022: (0, 0, 6000, 3000, 1500, 800, 500, 1000, 12000, 20000, 12000, 4000),
    2023: (0, 0, 1500, 800, 500, 400, 300, 800, 9000, 15000, 9000, 3000),
    2024: (0, 0, 800, 500, 400, 300, 200, 500, 7000, 12000, 8000, 2500),
}
# volume per day relative to January/February (summer holidays, Christmas)
SEASON = (1.0, 1.0, 1.02, 0.98, 0.97, 0.9, 0.62, 0.75, 1.0, 1.03, 1.03, 0.85)
BELAGGNING_SEASON = (1.0, 1.0, 0.99, 0.97, 0.96, 0.95, 0.9, 0.93, 0.98, 1.0, 1.0, 0.94)
# years before the seed's first year: relative to that year
EARLIER_YEARS = {2019: 1.03, 2020: 0.97}
PV_DRG_PER_VARDTILLFALLE = 0.80  # primary-care inpatient weight (not in the seed)
JAN_SHARE_VACCINATION = 0.6


@dataclass(frozen=True)
class Manadsmal:
    """Exact targets for one vardniva and month (weights in 1/10 000)."""

    vardtillfallen: int = 0
    vardtid_dagar: int = 0
    varddagar: int = 0
    disponibla_platsdagar: int = 0
    lakarbesok: int = 0
    sjukvardande_behandling: int = 0
    vaccinationsbesok: int = 0
    drg_enheter: int = 0  # Σ drg_vikt × 10 000 over SLUTENVARD
    oppenvard_enheter: int = 0  # Σ drg_vikt × 10 000 over the outpatient contacts
    tandvard_besok: int = 0
    tandvard_patienter_ack: int = 0  # distinct over January–February (only in those months)


def _days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _ack_days(year: int) -> int:
    return 31 + _days(year, 2)


def ratio_numerator(denominator: int, ratio: float, decimals: int) -> int:
    """The integer n nearest ratio × denominator with round(n / denominator) == ratio."""
    guess = round(ratio * denominator)
    for n in sorted(range(guess - 3, guess + 4), key=lambda v: abs(v - guess)):
        if round(n / denominator, decimals) == round(ratio, decimals):
            return n
    raise ValueError(f"no integer gives {ratio} over {denominator}")  # pragma: no cover


def ratio_denominator(numerator: int, ratio: float, decimals: int) -> int:
    """The integer d nearest numerator / ratio with round(numerator / d) == ratio."""
    guess = round(numerator / ratio)
    for d in sorted(range(guess - 3, guess + 4), key=lambda v: abs(v - guess)):
        if d > 0 and round(numerator / d, decimals) == round(ratio, decimals):
            return d
    raise ValueError(f"no integer gives {ratio} from {numerator}")  # pragma: no cover


def _seed_year(vardniva: str, year: int) -> tuple[int, float]:
    """The seed year that sets the level of ``year``, and the factor relative to it."""
    years = sorted(next(iter(SEED[vardniva].values())))
    if year in years:
        return year, 1.0
    if year < years[0]:
        return years[0], EARLIER_YEARS.get(year, 1.0)
    return years[-1], 1.0


def _split(total: int, year: int, month: int) -> int:
    """January's or February's part of an ack-februari total (by days)."""
    jan = round(total * 31 / _ack_days(year))
    return jan if month == 1 else total - jan


def _ack_targets(vardniva: str, year: int) -> dict[str, int]:
    """Exact January–February totals of ``year`` (seed year) for PV or SV."""
    s = {k: v[year] for k, v in SEED[vardniva].items()}
    vt = int(s["vardtillfallen"])
    vd = int(s["varddagar"])
    out = {
        "vardtillfallen": vt,
        "vardtid_dagar": ratio_numerator(vt, s["medelvardtid"], 2),
        "varddagar": vd,
        "disponibla_platsdagar": ratio_denominator(vd, s["belaggning"], 3),
        "lakarbesok": int(s["lakarbesok"]),
    }
    if vardniva == PV:
        vacc = VACCINATION_ACK_FEB[year]
        out["vaccinationsbesok"] = vacc
        out["sjukvardande_behandling"] = int(s["sjukvardande_inkl_vaccination"]) - vacc
        drg = round(PV_DRG_PER_VARDTILLFALLE * vt * 10_000)
    else:
        out["vaccinationsbesok"] = 0
        out["sjukvardande_behandling"] = int(s["sjukvardande_behandling"])
        drg = int(s["vardtjanst_drg"]) * 10_000
    out["drg_enheter"] = drg
    out["oppenvard_enheter"] = int(s["viktad_vardtjanst"]) * 10_000 - drg
    return out


def _vard_month(vardniva: str, year: int, month: int) -> Manadsmal:
    seed_year, factor = _seed_year(vardniva, year)
    ack = _ack_targets(vardniva, seed_year)
    if month <= 2 and factor == 1.0 and seed_year == year:
        values = {k: _split(v, year, month) for k, v in ack.items()}
        if vardniva == PV:
            jan = round(ack["vaccinationsbesok"] * JAN_SHARE_VACCINATION)
            values["vaccinationsbesok"] = jan if month == 1 else ack["vaccinationsbesok"] - jan
        return Manadsmal(**values)
    scale = factor * SEASON[month - 1] * _days(year, month) / _ack_days(seed_year)
    s = {k: v[seed_year] for k, v in SEED[vardniva].items()}
    vt = round(ack["vardtillfallen"] * scale)
    vd = round(ack["varddagar"] * scale)
    bel = s["belaggning"] * BELAGGNING_SEASON[month - 1]
    lak = round(ack["lakarbesok"] * scale)
    sjv = round(ack["sjukvardande_behandling"] * scale)
    vacc = VACCINATION_MANAD[year][month - 1] if vardniva == PV else 0
    per_visit = ack["oppenvard_enheter"] / (
        ack["lakarbesok"] + ack["sjukvardande_behandling"] + ack["vaccinationsbesok"]
    )
    return Manadsmal(
        vardtillfallen=vt,
        vardtid_dagar=round(vt * s["medelvardtid"]),
        varddagar=vd,
        disponibla_platsdagar=round(vd / bel),
        lakarbesok=lak,
        sjukvardande_behandling=sjv,
        vaccinationsbesok=vacc,
        drg_enheter=round(ack["drg_enheter"] / ack["vardtillfallen"] * vt),
        oppenvard_enheter=round(per_visit * (lak + sjv + vacc)),
    )


def _tand_month(year: int, month: int) -> Manadsmal:
    besok = int(SEED[TV]["besok"][year])
    if month <= 2:
        return Manadsmal(
            tandvard_besok=_split(besok, year, month),
            tandvard_patienter_ack=int(SEED[TV]["patienter"][year]),
        )
    scale = SEASON[month - 1] * _days(year, month) / _ack_days(year)
    return Manadsmal(tandvard_besok=round(besok * scale))


def manadsmal(period: str) -> dict[str, Manadsmal]:
    """The targets of every vardniva for the month 'YYYY-MM' (2019-01 … 2024-12)."""
    year, month = int(period[:4]), int(period[5:7])
    return {
        PV: _vard_month(PV, year, month),
        SV: _vard_month(SV, year, month),
        TV: _tand_month(year, month),
    }
