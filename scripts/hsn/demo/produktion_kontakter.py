"""The vardkontakter extract of one month, hitting the month's targets exactly.

Counts per vardniva are the targets; units, dates, professions and persons are drawn. Sums
that the mart divides (vårdtid, DRG weights) are split with a multinomial so that they add up
exactly. Tandvård patients: the persons of January and February are laid out so that exactly
the seed's number of distinct persons visits in the two months together.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.produktion_enheter import Enheter
from hsn.demo.produktion_malsiffror import PV, SV, TV, Manadsmal
from hsn.demo.produktion_tabell import VARDKONTAKTER_SCHEMA, codes, dates, ids, vikter

VARDFORMER = ("OPPENVARD", "SLUTENVARD")
YRKEN = ("LAKARE", "SJUKSKOTERSKA", "PARAMEDICIN", "TANDLAKARE", "TANDHYGIENIST", "OVRIG")
KONTAKTTYPER = ("FYSISKT", "DISTANS", "VACCINATION")
LAK, SSK, PAR, TDL, THY, OVR = range(6)
FYS, DIS, VAC = range(3)
# a few NordDRG codes with a typical weight
DRG_KODER = ("127E", "089O", "373O", "544O", "210E", "469O", "014E", "880O", "202O", "301E")
DRG_BAS = np.array([1.1, 0.7, 0.5, 1.6, 2.4, 0.9, 1.3, 0.6, 1.0, 1.8])
NOLLDAGAR = 0.08  # share of same-day inpatient stays
UTANFOR_PER_MANAD = 900  # contacts at units outside production statistics


@dataclass
class Kolumner:
    """Row-wise numpy columns; −1 = null."""

    enhet: list[npt.NDArray[np.int64]]
    vardform: list[npt.NDArray[np.int64]]
    yrke: list[npt.NDArray[np.int64]]
    typ: list[npt.NDArray[np.int64]]
    datum: list[npt.NDArray[np.int64]]
    inskriven: list[npt.NDArray[np.int64]]
    drg: list[npt.NDArray[np.int64]]
    vikt: list[npt.NDArray[np.int64]]
    person: list[npt.NDArray[np.int64]]

    def add(self, **cols: npt.NDArray[np.int64]) -> None:
        for name, values in cols.items():
            getattr(self, name).append(np.asarray(values, dtype=np.int64))


def _month(period: str) -> tuple[int, int]:
    year, month = int(period[:4]), int(period[5:7])
    first = int(np.datetime64(f"{period}-01", "D").astype(np.int64))
    return first, calendar.monthrange(year, month)[1]


def _visit_days(rng: np.random.Generator, first: int, n_days: int, n: int) -> npt.NDArray:
    """Visit dates: weekdays ten times as likely as weekends."""
    day = np.arange(n_days) + first
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday (3)
    p = np.where(weekday < 5, 1.0, 0.1)
    return rng.choice(day, size=n, p=p / p.sum())


def _split_units(rng: np.random.Generator, total: int, n: int) -> npt.NDArray[np.int64]:
    """``total`` weight units over ``n`` contacts, exactly, around equal shares."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    p = rng.gamma(4.0, 1.0, n)
    return rng.multinomial(total, p / p.sum()).astype(np.int64)


def _persons(rng: np.random.Generator, pool_size: int, n: int) -> npt.NDArray[np.int64]:
    """Persons of the pool, some far more often than others."""
    return (rng.random(n) ** 1.8 * pool_size).astype(np.int64)


def _slutenvard(
    k: Kolumner,
    rng: np.random.Generator,
    mal: Manadsmal,
    units: npt.NDArray,
    w: npt.NDArray,
    first: int,
    n_days: int,
    pool_size: int,
) -> None:
    n = mal.vardtillfallen
    if n == 0:
        return
    nonzero = rng.random(n) >= NOLLDAGAR
    stay = np.zeros(n, dtype=np.int64)
    p = rng.gamma(1.5, 1.0, int(nonzero.sum()))
    stay[nonzero] = rng.multinomial(mal.vardtid_dagar, p / p.sum())
    discharge = first + rng.integers(0, n_days, n)
    drg = rng.integers(0, len(DRG_KODER), n)
    pw = DRG_BAS[drg] * rng.gamma(8.0, 1.0, n)
    k.add(
        enhet=units[rng.choice(len(units), size=n, p=w)],
        vardform=np.ones(n),
        yrke=np.full(n, LAK),
        typ=np.full(n, FYS),
        datum=discharge,
        inskriven=discharge - stay,
        drg=drg,
        vikt=rng.multinomial(mal.drg_enheter, pw / pw.sum()),
        person=_persons(rng, pool_size, n),
    )


def _oppenvard(
    k: Kolumner,
    rng: np.random.Generator,
    mal: Manadsmal,
    units: npt.NDArray,
    w: npt.NDArray,
    first: int,
    n_days: int,
    pool_size: int,
) -> None:
    lak, sjv, vac = mal.lakarbesok, mal.sjukvardande_behandling, mal.vaccinationsbesok
    n = lak + sjv + vac
    if n == 0:
        return
    yrke = np.concatenate(
        [
            np.full(lak, LAK),
            rng.choice([SSK, PAR, OVR], size=sjv, p=[0.55, 0.35, 0.10]),
            np.full(vac, SSK),
        ]
    )
    typ = np.concatenate(
        [rng.choice([FYS, DIS], size=lak + sjv, p=[0.75, 0.25]), np.full(vac, VAC)]
    )
    k.add(
        enhet=units[rng.choice(len(units), size=n, p=w)],
        vardform=np.zeros(n),
        yrke=yrke,
        typ=typ,
        datum=_visit_days(rng, first, n_days, n),
        inskriven=np.full(n, -1),
        drg=np.full(n, -1),
        vikt=_split_units(rng, mal.oppenvard_enheter, n),
        person=_persons(rng, pool_size, n),
    )


def tandvard_personer(
    rng: np.random.Generator,
    year_order: npt.NDArray[np.int64],
    mal: Manadsmal,
    month: int,
) -> npt.NDArray[np.int64]:
    """Persons of the month's dental visits (indexes into the pool).

    January: persons year_order[0:k1] each at least once; February: year_order[a:K]. So
    January and February together have exactly K = tandvard_patienter_ack distinct persons.
    Later months draw from the year's dental population.
    """
    n = mal.tandvard_besok
    if month > 2:
        return year_order[rng.integers(0, len(year_order), n)]
    total = mal.tandvard_patienter_ack
    k1 = round(total * 0.6)
    a = k1 - round(total * 0.1)
    lo, hi = (0, k1) if month == 1 else (a, total)
    if n < hi - lo:  # pragma: no cover - the seed's figures leave room
        raise ValueError("too few dental visits for the distinct patients wanted")
    chosen = np.concatenate([np.arange(lo, hi), rng.integers(lo, hi, n - (hi - lo))])
    return year_order[rng.permutation(chosen)]


def _tandvard(
    k: Kolumner,
    rng: np.random.Generator,
    persons: npt.NDArray[np.int64],
    units: npt.NDArray,
    w: npt.NDArray,
    first: int,
    n_days: int,
) -> None:
    n = len(persons)
    k.add(
        enhet=units[rng.choice(len(units), size=n, p=w)],
        vardform=np.zeros(n),
        yrke=rng.choice([TDL, THY], size=n, p=[0.6, 0.4]),
        typ=np.full(n, FYS),
        datum=_visit_days(rng, first, n_days, n),
        inskriven=np.full(n, -1),
        drg=np.full(n, -1),
        vikt=np.full(n, -1),
        person=persons,
    )


def _utanfor(
    k: Kolumner,
    rng: np.random.Generator,
    units: npt.NDArray,
    first: int,
    n_days: int,
    pool_size: int,
) -> None:
    n = UTANFOR_PER_MANAD if len(units) else 0
    k.add(
        enhet=units[rng.integers(0, len(units), n)] if n else np.zeros(0),
        vardform=np.zeros(n),
        yrke=rng.choice([LAK, SSK, TDL], size=n),
        typ=np.full(n, FYS),
        datum=_visit_days(rng, first, n_days, n),
        inskriven=np.full(n, -1),
        drg=np.full(n, -1),
        vikt=rng.integers(0, 5000, n),
        person=_persons(rng, pool_size, n),
    )


def vardkontakter(
    rng: np.random.Generator,
    period: str,
    mal: dict[str, Manadsmal],
    units: Enheter,
    pool: pa.Array,
    tand_year_order: npt.NDArray[np.int64],
) -> pa.Table:
    first, n_days = _month(period)
    codes_all = (
        units.pv_avdelningar
        + units.sv_avdelningar
        + units.pv_mottagningar
        + units.sv_mottagningar
        + units.tandkliniker
        + units.utanfor_produktion
    )
    index = {c: i for i, c in enumerate(codes_all)}

    def idx(role: str) -> npt.NDArray[np.int64]:
        return np.array([index[c] for c in getattr(units, role)], dtype=np.int64)

    k = Kolumner([], [], [], [], [], [], [], [], [])
    size = len(pool)
    _slutenvard(
        k, rng, mal[PV], idx("pv_avdelningar"), units.vikt("pv_avdelningar"), first, n_days, size
    )
    _slutenvard(
        k, rng, mal[SV], idx("sv_avdelningar"), units.vikt("sv_avdelningar"), first, n_days, size
    )
    _oppenvard(
        k, rng, mal[PV], idx("pv_mottagningar"), units.vikt("pv_mottagningar"), first, n_days, size
    )
    _oppenvard(
        k, rng, mal[SV], idx("sv_mottagningar"), units.vikt("sv_mottagningar"), first, n_days, size
    )
    persons = tandvard_personer(rng, tand_year_order, mal[TV], int(period[5:7]))
    _tandvard(k, rng, persons, idx("tandkliniker"), units.vikt("tandkliniker"), first, n_days)
    _utanfor(k, rng, idx("utanfor_produktion"), first, n_days, size)

    col = {name: np.concatenate(getattr(k, name)) for name in k.__dataclass_fields__}
    n = len(col["enhet"])
    arrays = [
        ids(f"VK{period.replace('-', '')}", n),
        pool.take(pa.array(col["person"])),
        codes(codes_all, col["enhet"]),
        codes(VARDFORMER, col["vardform"]),
        codes(YRKEN, col["yrke"]),
        codes(KONTAKTTYPER, col["typ"]),
        dates(col["datum"]),
        dates(col["inskriven"]),
        codes(DRG_KODER, col["drg"]),
        vikter(col["vikt"]),
    ]
    return pa.Table.from_arrays(arrays, schema=VARDKONTAKTER_SCHEMA)
