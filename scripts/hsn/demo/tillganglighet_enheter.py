"""Which units of a month's demo organisation report which accessibility data, with weights."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hsn.demo.organisation import BASENHETER, organisation_rows

# hospital basenheter without a waiting list (emergency, ambulance)
_NO_WAITING_LIST = {"1592", "1593", "1595"}
_SPECIALIST_DENTAL = {"4174", "4175", "4176"}
_GENERAL_DENTAL = {"4011", "4017", "4025", "4179"}
_OUTPATIENT_NAMES = {"Mottagning", "Dagvård"}
_SIZE = {b[0]: b[4] for b in BASENHETER}


@dataclass(frozen=True)
class Enheter:
    """Kostnadsställen of one month per role, each with a weight (the basenhet's size)."""

    vardcentraler: npt.NDArray[np.str_]
    vardcentraler_vikt: npt.NDArray[np.float64]
    specialist: npt.NDArray[np.str_]
    specialist_vikt: npt.NDArray[np.float64]
    bup: npt.NDArray[np.str_]
    bup_vikt: npt.NDArray[np.float64]
    tandvard: npt.NDArray[np.str_]
    tandvard_vikt: npt.NDArray[np.float64]


def _pack(rows: list[dict[str, object]]) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.float64]]:
    codes = np.array([str(r["kostnadsstalle"]) for r in rows], dtype="U6")
    # a fixed spread within the basenhet so its units differ in size
    spread = np.array([1.0 + 0.25 * (int(str(r["kostnadsstalle"])[-1]) % 3) for r in rows])
    weights = np.array([_SIZE[str(r["basenhet"])] for r in rows], dtype=np.float64) * spread
    return codes, weights


def enheter(period: str) -> Enheter:
    org = [r for r in organisation_rows(period) if r["kostnadsstalle_namn"] != "Administration"]
    pv = [r for r in org if r["vardniva"] == "PRIMARVARD"]
    bup = [r for r in org if r["ar_bup"] and r["kostnadsstalle_namn"] in _OUTPATIENT_NAMES]
    hospital = [
        r
        for r in org
        if r["vardniva"] == "SJUKHUSVARD"
        and r["ingar_i_produktion"]
        and not r["ar_bup"]
        and r["basenhet"] not in _NO_WAITING_LIST
        and r["kostnadsstalle_namn"] in _OUTPATIENT_NAMES
    ]
    dental_specialist = [r for r in org if r["basenhet"] in _SPECIALIST_DENTAL]
    dental = [r for r in org if r["basenhet"] in _GENERAL_DENTAL]
    vc, vc_w = _pack(pv)
    sp, sp_w = _pack(hospital + dental_specialist)
    bu, bu_w = _pack(bup)
    tv, tv_w = _pack(dental)
    return Enheter(vc, vc_w, sp, sp_w, bu, bu_w, tv, tv_w)
