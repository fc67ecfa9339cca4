"""Specialist care demo rows: the waiting list at month end plus what was done in the month.

Each month is drawn on its own (a simplification: an item's id is unique within the month but
the demo does not follow one item from month to month). BUP units get their own items, whose
waits are drawn against the 30-day limit; the SPEC totals include them.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.tillganglighet_datum import days_in_month, last_day
from hsn.demo.tillganglighet_enheter import Enheter
from hsn.demo.tillganglighet_malsiffror import Malsiffror

VANTELISTA_SCHEMA = pa.schema(
    [
        ("vantande_id", pa.string()),
        ("personnummer", pa.string()),
        ("kostnadsstalle", pa.string()),
        ("vardatgard", pa.string()),
        ("referensdatum", pa.date32()),
        ("genomford_datum", pa.date32()),
        ("patientvald_vantan", pa.bool_()),
        ("medicinskt_orsakad_vantan", pa.bool_()),
    ]
)
# BUP volumes relative to all specialist items of the same kind
_BUP_SHARE = {"FORSTA_KONTAKT": 0.04, "OPERATION_ATGARD": 0.05}
_EXCLUDED_SHARE = (0.03, 0.02)  # patient-chosen, medically caused


def _waits(rng: np.random.Generator, n_within: int, n_over: int, limit: int) -> npt.NDArray:
    within = rng.integers(0, limit + 1, n_within)
    over = limit + 1 + np.minimum(rng.exponential(70.0, n_over).astype(np.int64), 600)
    return np.concatenate([within, over])


def _group(
    rng: np.random.Generator,
    period: str,
    vardatgard: str,
    done: bool,
    total: int,
    within_90: int,
    bup_share_30: float,
) -> tuple[npt.NDArray, npt.NDArray, npt.NDArray]:
    """Waits, 'is BUP' flags and event dates for one kind × waiting/done, hitting the
    region's population and within-90 count exactly."""
    n_bup = round(total * _BUP_SHARE[vardatgard])
    bup_30 = round(n_bup * bup_share_30)
    bup_90 = min(bup_30 + round((n_bup - bup_30) * 0.6), within_90)
    bup_waits = np.concatenate(
        [
            rng.integers(0, 31, bup_30),
            rng.integers(31, 91, bup_90 - bup_30),
            91 + np.minimum(rng.exponential(60.0, n_bup - bup_90).astype(np.int64), 400),
        ]
    )
    rest = _waits(rng, within_90 - bup_90, total - n_bup - (within_90 - bup_90), 90)
    waits = np.concatenate([bup_waits, rest])
    is_bup = np.concatenate([np.ones(n_bup, bool), np.zeros(len(rest), bool)])
    if done:
        events = days_in_month(rng, period, len(waits), weekend=0.05)
    else:
        events = np.full(len(waits), last_day(period))
    return waits, is_bup, events


def vantelista(
    rng: np.random.Generator,
    period: str,
    mal: Malsiffror,
    units: Enheter,
    persons: npt.NDArray[np.str_],
) -> dict[str, npt.NDArray]:
    parts = []
    groups = (
        ("FORSTA_KONTAKT", False, mal.fk_vantande, mal.fk_vantande_inom_90),
        ("OPERATION_ATGARD", False, mal.op_vantande, mal.op_vantande_inom_90),
        ("FORSTA_KONTAKT", True, mal.fk_genomford, mal.fk_genomford_inom_90),
        ("OPERATION_ATGARD", True, mal.op_genomford, mal.op_genomford_inom_90),
    )
    for vardatgard, done, total, within in groups:
        waits, is_bup, events = _group(
            rng, period, vardatgard, done, total, within, mal.bup_andel_30
        )
        # excluded waits on top of the population: long waits, any unit
        n_pat = round(total * _EXCLUDED_SHARE[0])
        n_med = round(total * _EXCLUDED_SHARE[1])
        n_ex = n_pat + n_med
        ex_waits = rng.integers(20, 250, n_ex)
        ex_bup = rng.random(n_ex) < _BUP_SHARE[vardatgard]
        ex_events = (
            days_in_month(rng, period, n_ex, weekend=0.05)
            if done
            else np.full(n_ex, last_day(period))
        )
        n = len(waits) + n_ex
        parts.append(
            {
                "vardatgard": np.full(n, vardatgard),
                "wait": np.concatenate([waits, ex_waits]),
                "bup": np.concatenate([is_bup, ex_bup]),
                "event": np.concatenate([events, ex_events]),
                "done": np.full(n, done),
                "pat": np.concatenate([np.zeros(len(waits), bool), np.arange(n_ex) < n_pat]),
                "med": np.concatenate([np.zeros(len(waits), bool), np.arange(n_ex) >= n_pat]),
            }
        )
    rows = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    n = len(rows["wait"])
    unit = np.empty(n, dtype="U6")
    for flag, codes, weights in (
        (True, units.bup, units.bup_vikt),
        (False, units.specialist, units.specialist_vikt),
    ):
        sel = rows["bup"] == flag
        unit[sel] = codes[rng.choice(len(codes), int(sel.sum()), p=weights / weights.sum())]
    referens = rows["event"] - rows["wait"].astype("timedelta64[D]")
    genomford = np.where(rows["done"], rows["event"], np.datetime64("NaT"))
    ids = np.char.add(
        f"VL{period.replace('-', '')}-", np.char.zfill(np.arange(1, n + 1).astype(str), 7)
    )
    return {
        "vantande_id": ids,
        "personnummer": persons[rng.integers(0, len(persons), n)],
        "kostnadsstalle": unit,
        "vardatgard": rows["vardatgard"],
        "referensdatum": referens,
        "genomford_datum": genomford,
        "patientvald_vantan": rows["pat"],
        "medicinskt_orsakad_vantan": rows["med"],
    }
