"""Action-plan follow-up per område: the seed report's table "Åtgärdsplaner 2024".

The report shows tkr; the extract holds SEK. A few rows lie a few hundred kronor below the
shown tkr so that each row and the report's total row round to the report's figures
(the rows' tkr add up to 128 079 and 21 348, the report's totals are 128 078 and 21 346).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

# område: (helår tkr, plan per februari tkr, uppnått per februari tkr); 'FOUU och HSF stab' = 21
ATGARDSPLANER_2024: dict[str, tuple[int, int, int]] = {
    "21": (6_629, 1_105, 800),
    "22": (8_069, 1_345, 1_323),
    "23": (18_341, 3_057, 3_454),
    "24": (33_221, 5_537, 4_861),
    "25": (12_850, 2_142, 3_095),
    "26": (23_717, 3_953, 6_360),
    "27": (25_252, 4_209, 430),
}
# kronor added to each row's tkr×1000 (helår, plan februari)
_OFFSET_HELAR = {"21": -400, "23": -400, "24": -400}
_OFFSET_PLAN = dict.fromkeys(ATGARDSPLANER_2024, -300)
# share of February's figures reached by the end of January
_JANUARY = 0.5

ATGARDSPLANER_SCHEMA = pa.schema(
    [
        ("omrade", pa.string()),
        ("plan_helar", pa.decimal128(18, 2)),
        ("plan_ack", pa.decimal128(18, 2)),
        ("uppnatt_ack", pa.decimal128(18, 2)),
    ]
)


def atgardsplaner(period: str) -> dict[str, np.ndarray] | None:
    """The month's rows (amounts in öre), or None for months without action plans."""
    if period not in ("2024-01", "2024-02"):
        return None
    share = 1.0 if period == "2024-02" else _JANUARY
    omraden = sorted(ATGARDSPLANER_2024)
    helar, plan, uppnatt = [], [], []
    for omr in omraden:
        h, p, u = ATGARDSPLANER_2024[omr]
        helar.append(h * 1000 + _OFFSET_HELAR.get(omr, 0))
        plan.append(round((p * 1000 + _OFFSET_PLAN[omr]) * share))
        uppnatt.append(round(u * 1000 * share))
    return {
        "omrade": np.array(omraden),
        "plan_helar": np.array(helar, dtype=np.int64) * 100,
        "plan_ack": np.array(plan, dtype=np.int64) * 100,
        "uppnatt_ack": np.array(uppnatt, dtype=np.int64) * 100,
    }
