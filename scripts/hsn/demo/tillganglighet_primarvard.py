"""Primary care demo rows: medical assessments (pv_bedomningar) and calls (telefoni)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.allocation import allocate
from hsn.demo.tillganglighet_datum import days_in_month
from hsn.demo.tillganglighet_malsiffror import Malsiffror

PV_BEDOMNINGAR_SCHEMA = pa.schema(
    [
        ("bedomning_id", pa.string()),
        ("personnummer", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("beslutsdatum", pa.date32()),
        ("bedomningsdatum", pa.date32()),
        ("yrkeskategori", pa.string()),
        ("patientvald_vantan", pa.bool_()),
    ]
)
TELEFONI_SCHEMA = pa.schema(
    [
        ("samtal_id", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("inkommande", pa.timestamp("us")),
        ("besvarad", pa.timestamp("us")),
        ("telefonnummer", pa.string()),
    ]
)
# waiting days 0, 1, 2, 3 among assessments within three days
_WITHIN_PROFILE = np.array([0.42, 0.26, 0.18, 0.14])
_PATIENT_CHOSEN_SHARE = 0.04
_NEVER_ANSWERED_SHARE = 0.06
_YRKEN = np.array(["LAKARE", "SJUKSKOTERSKA", "PARAMEDICIN"])
_DAY_S = 86_400


def _ids(prefix: str, period: str, n: int) -> npt.NDArray[np.str_]:
    return np.char.add(
        f"{prefix}{period.replace('-', '')}-", np.char.zfill(np.arange(1, n + 1).astype(str), 7)
    )


def pv_bedomningar(
    rng: np.random.Generator,
    period: str,
    mal: Malsiffror,
    units: npt.NDArray[np.str_],
    weights: npt.NDArray[np.float64],
    persons: npt.NDArray[np.str_],
) -> dict[str, npt.NDArray]:
    """Assessments made in the month: the population hits ``mal`` exactly, plus extra
    patient-chosen waits that the measure leaves out."""
    counts = np.concatenate(
        [allocate(mal.pv_inom_3d, _WITHIN_PROFILE), [mal.pv_antal - mal.pv_inom_3d]]
    )
    waits = np.repeat(np.arange(5), counts)
    over = waits == 4
    waits[over] = 4 + np.minimum(rng.geometric(0.18, int(over.sum())) - 1, 40)
    n_chosen = round(mal.pv_antal * _PATIENT_CHOSEN_SHARE)
    waits = np.concatenate([waits, rng.integers(2, 35, n_chosen)])
    chosen = np.concatenate([np.zeros(mal.pv_antal, bool), np.ones(n_chosen, bool)])
    n = len(waits)
    order = rng.permutation(n)
    waits, chosen = waits[order], chosen[order]
    assessed = np.sort(days_in_month(rng, period, n, weekend=0.05))
    return {
        "bedomning_id": _ids("PVB", period, n),
        "personnummer": persons[rng.integers(0, len(persons), n)],
        "kostnadsstalle": units[rng.choice(len(units), n, p=weights / weights.sum())],
        "beslutsdatum": assessed - waits.astype("timedelta64[D]"),
        "bedomningsdatum": assessed,
        "yrkeskategori": _YRKEN[rng.choice(3, n, p=[0.5, 0.38, 0.12])],
        "patientvald_vantan": chosen,
    }


def telefoni(
    rng: np.random.Generator,
    period: str,
    mal: Malsiffror,
    units: npt.NDArray[np.str_],
    weights: npt.NDArray[np.float64],
    phones: npt.NDArray[np.str_],
) -> dict[str, npt.NDArray]:
    """Calls that came in during the month: exactly ``mal.telefonnummer`` distinct numbers,
    ``mal.samtal_samma_dag`` answered the same day, ``mal.samtal_24h`` within 24 hours."""
    n = mal.samtal
    numbers = rng.choice(len(phones), mal.telefonnummer, replace=False)
    caller = np.concatenate([numbers, numbers[rng.integers(0, len(numbers), n - len(numbers))]])
    caller = caller[rng.permutation(n)]
    day = np.sort(days_in_month(rng, period, n))
    seconds = rng.integers(7 * 3600, 17 * 3600, n)  # 07:00–17:00
    came_in = day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    to_midnight = _DAY_S - seconds
    # outcome: 0 same day, 1 next day within 24 h, 2 later than 24 h, 3 never
    never = round(n * _NEVER_ANSWERED_SHARE)
    counts = [
        mal.samtal_samma_dag,
        mal.samtal_24h - mal.samtal_samma_dag,
        n - mal.samtal_24h - never,
        never,
    ]
    outcome = np.repeat(np.arange(4), counts)[rng.permutation(n)]
    u = rng.random(n)
    delay = np.select(
        [outcome == 0, outcome == 1, outcome == 2],
        [
            60 + (u * np.minimum(to_midnight - 61, 4 * 3600)).astype(np.int64),
            to_midnight + (u * (_DAY_S - to_midnight)).astype(np.int64),
            _DAY_S + 1 + (u * 2 * _DAY_S).astype(np.int64),
        ],
        0,
    )
    answered = came_in + delay.astype("timedelta64[s]")
    answered = np.where(outcome == 3, np.datetime64("NaT"), answered)
    return {
        "samtal_id": _ids("TEL", period, n),
        "kostnadsstalle": units[rng.choice(len(units), n, p=weights / weights.sum())],
        "inkommande": came_in,
        "besvarad": answered,
        "telefonnummer": phones[caller],
    }
