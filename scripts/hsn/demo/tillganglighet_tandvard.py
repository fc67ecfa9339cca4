"""Dental recall demo rows: every patient on the recall list at month end, with status.

Per age group the month's due recalls (planerad_undersokning ≤ month end) are split into
exact counts: called in time (kallad ≤ planerad), called late, not called within six months
of the plan, and not called for more than six months; plus recalls not yet due.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.tillganglighet_datum import last_day, months_before
from hsn.demo.tillganglighet_malsiffror import Malsiffror

TANDVARD_KALLELSER_SCHEMA = pa.schema(
    [
        ("personnummer", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("aldersgrupp", pa.string()),
        ("planerad_undersokning", pa.date32()),
        ("kallad_datum", pa.date32()),
    ]
)
_NOT_YET_DUE_SHARE = 0.08
_BARN_MAX_AGE = 23  # free dental care for children and young adults up to 23


def _dates(rng: np.random.Generator, start: np.datetime64, end: np.datetime64, n: int):
    """Uniform dates in [start, end]."""
    span = int((end - start).astype(int)) + 1
    return start + rng.integers(0, span, n).astype("timedelta64[D]")


def _group(
    rng: np.random.Generator,
    period: str,
    antal: int,
    ej_forsenad: int,
    ej_kallad: int,
    over_6m: int,
) -> tuple[npt.NDArray, npt.NDArray]:
    end = last_day(period)
    cutoff = months_before(end, 6)  # planned before this day: more than six months late
    late_called = antal - ej_forsenad - ej_kallad
    n_future = round(antal * _NOT_YET_DUE_SHARE)
    planned = np.concatenate(
        [
            _dates(rng, end - 90, end, ej_forsenad),
            _dates(rng, end - 150, end - 1, late_called),
            _dates(rng, cutoff, end, ej_kallad - over_6m),
            _dates(rng, months_before(end, 30), cutoff - 1, over_6m),
            _dates(rng, end + 1, end + 120, n_future),
        ]
    )
    nat = np.datetime64("NaT", "D")
    in_time = planned[:ej_forsenad] - rng.integers(0, 60, ej_forsenad).astype("timedelta64[D]")
    late_from = planned[ej_forsenad : ej_forsenad + late_called]
    late = late_from + (
        1 + (rng.random(late_called) * ((end - late_from).astype(int))).astype(np.int64)
    ).astype("timedelta64[D]")
    future_called = rng.random(n_future) < 0.3
    future_planned = planned[antal:]
    future = np.where(
        future_called,
        np.minimum(future_planned - rng.integers(20, 60, n_future).astype("timedelta64[D]"), end),
        nat,
    )
    called = np.concatenate([in_time, late, np.full(ej_kallad, nat), future])
    return planned, called


def tandvard_kallelser(
    rng: np.random.Generator,
    period: str,
    mal: Malsiffror,
    units: npt.NDArray[np.str_],
    weights: npt.NDArray[np.float64],
    persons: npt.NDArray[np.str_],
    birth_years: npt.NDArray[np.int64],
) -> dict[str, npt.NDArray]:
    year = int(period[:4])
    young = (birth_years >= year - _BARN_MAX_AGE) & (birth_years <= year)
    adult = birth_years < year - _BARN_MAX_AGE
    cols: dict[str, list[npt.NDArray]] = {k: [] for k in TANDVARD_KALLELSER_SCHEMA.names}
    for grupp, antal, ej, ej_kallad, over, pool in (
        (
            "VUXEN",
            mal.vuxen_antal,
            mal.vuxen_ej_forsenad,
            mal.vuxen_ej_kallad,
            mal.vuxen_forsenad_6m,
            np.flatnonzero(adult),
        ),
        (
            "BARN_UNGA",
            mal.barn_antal,
            mal.barn_ej_forsenad,
            mal.barn_ej_kallad,
            mal.barn_forsenad_6m,
            np.flatnonzero(young),
        ),
    ):
        planned, called = _group(rng, period, antal, ej, ej_kallad, over)
        n = len(planned)
        who = rng.choice(pool, n, replace=n > len(pool))
        cols["personnummer"].append(persons[who])
        cols["kostnadsstalle"].append(units[rng.choice(len(units), n, p=weights / weights.sum())])
        cols["aldersgrupp"].append(np.full(n, grupp))
        cols["planerad_undersokning"].append(planned)
        cols["kallad_datum"].append(called)
    return {k: np.concatenate(v) for k, v in cols.items()}
