"""Region-level figures the tillganglighet demo hits exactly, month by month.

February 2024 and February 2023 (and the dental "jmf fg mån" figures of January 2024) are the
seed report's. Other months follow Västerbotten's real yearly shares from Kolada where there
is one, a yearly volume level and a seasonal profile. Counts are integers; a share is turned
into a count by rounding, so the demo's figures equal the report's within its rounding.
"""

from __future__ import annotations

from dataclasses import dataclass

from hsn.demo.tillganglighet_kolada import vasterbotten_andel

# monthly profile of volumes (February = 1)
_SEASON = (1.0, 1.0, 1.02, 0.95, 0.98, 0.86, 0.58, 0.78, 1.0, 1.03, 0.99, 0.82)
_PV_LEVEL = {2019: 11800, 2020: 10900, 2021: 11500, 2022: 12000, 2023: 12248, 2024: 10702}
_CALL_LEVEL = {2019: 49000, 2020: 57000, 2021: 55500, 2022: 54800, 2023: 54431, 2024: 52297}
_FK_LEVEL = {2019: 11800, 2020: 13600, 2021: 13200, 2022: 13900, 2023: 14282, 2024: 14530}
_OP_LEVEL = {2019: 3600, 2020: 4600, 2021: 4300, 2022: 4400, 2023: 4494, 2024: 5804}
_VUXEN_LEVEL = {2019: 78000, 2020: 80000, 2021: 82000, 2022: 84500, 2023: 86400, 2024: 89125}
_BARN_LEVEL = {2019: 57000, 2020: 57500, 2021: 58000, 2022: 58600, 2023: 59100, 2024: 59368}


@dataclass(frozen=True)
class Malsiffror:
    """One month's region totals (populations exclude patient-chosen/medical waits)."""

    pv_antal: int
    pv_inom_3d: int
    samtal: int
    telefonnummer: int
    samtal_samma_dag: int
    samtal_24h: int
    fk_vantande: int
    fk_vantande_inom_90: int
    op_vantande: int
    op_vantande_inom_90: int
    fk_genomford: int
    fk_genomford_inom_90: int
    op_genomford: int
    op_genomford_inom_90: int
    bup_andel_30: float
    vuxen_antal: int
    vuxen_ej_forsenad: int
    vuxen_ej_kallad: int
    vuxen_forsenad_6m: int
    barn_antal: int
    barn_ej_forsenad: int
    barn_ej_kallad: int
    barn_forsenad_6m: int


# the seed report's figures (region, whole month)
ANCHORS: dict[str, dict[str, int]] = {
    "2024-02": {
        "pv_antal": 10702,
        "pv_inom_3d": 8561,  # 80 %
        "samtal": 52297,
        "telefonnummer": 32164,
        "samtal_24h": 42570,  # 81,4 %
        "fk_vantande": 14530,
        "fk_vantande_inom_90": 9575,  # 65,9 %
        "op_vantande": 5804,
        "op_vantande_inom_90": 2072,  # 35,7 %
        "vuxen_antal": 89125,
        "vuxen_ej_forsenad": 30445,  # 34,2 %
        "vuxen_ej_kallad": 58663,
        "vuxen_forsenad_6m": 49286,  # 55,3 %
        "barn_antal": 59368,
        "barn_ej_forsenad": 53900,  # 91 %
        "barn_ej_kallad": 5370,
    },
    # "jmf fg mån"; February's 91 % is "något bättre än fg period"
    "2024-01": {
        "vuxen_ej_kallad": 58663 - 1244,
        "barn_ej_kallad": 5370 + 836,
        "barn_ej_forsenad": 53000,
    },
    "2023-02": {
        "pv_antal": 12248,
        "pv_inom_3d": 9186,  # 75 %
        "samtal": 54431,
        "telefonnummer": 30823,
        "samtal_24h": 40986,  # 75,3 %
        "fk_vantande": 14282,
        "fk_vantande_inom_90": 9740,  # 68,2 %
        "op_vantande": 4494,
        "op_vantande_inom_90": 1991,  # 44,3 %
    },
}


def _level(levels: dict[int, int], year: int, month: int, damp: float = 1.0) -> int:
    season = 1.0 + damp * (_SEASON[month - 1] - 1.0)
    return round(levels[min(max(year, 2019), 2024)] * season)


def malsiffror(period: str) -> Malsiffror:
    year, month = int(period[:4]), int(period[5:7])
    va = vasterbotten_andel
    # yearly shares from Kolada (Västerbotten), a slow trend where Kolada has none
    pv = _level(_PV_LEVEL, year, month)
    calls = _level(_CALL_LEVEL, year, month)
    same_day = va("N79179", year, 0.75)
    fk = _level(_FK_LEVEL, year, month, 0.3)
    op = _level(_OP_LEVEL, year, month, 0.3)
    fk_done = round(7200 * _SEASON[month - 1])
    op_done = round(2500 * _SEASON[month - 1])
    t = (year - 2019) * 12 + month - 1  # months since 2019-01
    vuxen = _level(_VUXEN_LEVEL, year, month, 0.05)
    barn = _level(_BARN_LEVEL, year, month, 0.05)
    vuxen_ej = 0.52 - 0.0028 * t
    vuxen_ej_kallad = 0.40 + 0.0031 * t
    values: dict[str, int | float] = {
        "pv_antal": pv,
        "pv_inom_3d": round(pv * va("N79173", year, 0.7)),
        "samtal": calls,
        "telefonnummer": round(calls * (0.56 + 0.0009 * t)),
        "samtal_samma_dag": round(calls * same_day),
        "samtal_24h": round(calls * min(same_day + 0.05, 0.97)),
        "fk_vantande": fk,
        "fk_vantande_inom_90": round(fk * va("N79221", year, 0.7)),
        "op_vantande": op,
        "op_vantande_inom_90": round(op * va("N79223", year, 0.5)),
        "fk_genomford": fk_done,
        "fk_genomford_inom_90": round(fk_done * va("N79222", year, 0.8)),
        "op_genomford": op_done,
        "op_genomford_inom_90": round(op_done * va("N79224", year, 0.7)),
        "bup_andel_30": va("U79119", year, 0.3),
        "vuxen_antal": vuxen,
        "vuxen_ej_forsenad": round(vuxen * vuxen_ej),
        "vuxen_ej_kallad": round(vuxen * vuxen_ej_kallad),
        "vuxen_forsenad_6m": round(vuxen * vuxen_ej_kallad * 0.8),
        "barn_antal": barn,
        "barn_ej_forsenad": round(barn * 0.905),
        "barn_ej_kallad": round(barn * 0.09),
        "barn_forsenad_6m": round(barn * 0.09 * 0.2),
    }
    values.update(ANCHORS.get(period, {}))
    # same day is always within 24 hours; never above the 24-hour figure
    values["samtal_samma_dag"] = min(int(values["samtal_samma_dag"]), int(values["samtal_24h"]))
    for group in ("vuxen", "barn"):
        room = int(values[f"{group}_antal"]) - int(values[f"{group}_ej_forsenad"])
        values[f"{group}_ej_kallad"] = min(int(values[f"{group}_ej_kallad"]), room)
        values[f"{group}_forsenad_6m"] = min(
            int(values[f"{group}_forsenad_6m"]), int(values[f"{group}_ej_kallad"])
        )
    return Malsiffror(**values)  # type: ignore[arg-type]
