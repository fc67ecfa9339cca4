"""The vardplatser extract of one month: staffed beds and midnight census per ward and day.

Σ disponibla over the month's ward-days is the target number of bed-days exactly (spread
evenly over the days, then over the wards by their size); Σ belagda is the target number of
vårddagar exactly (a multinomial over the ward-days, so a ward can be overcrowded).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hsn.demo.produktion_tabell import VARDPLATSER_SCHEMA, codes, dates


def _beds(platsdagar: int, n_days: int, w: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """days × wards staffed beds summing to ``platsdagar`` (largest remainder per day)."""
    per_day = np.full(n_days, platsdagar // n_days, dtype=np.int64)
    per_day[: platsdagar % n_days] += 1
    exact = per_day[:, None] * w[None, :]
    beds = np.floor(exact).astype(np.int64)
    missing = per_day - beds.sum(axis=1)
    rank = np.argsort(np.argsort(-(exact - beds), axis=1, kind="stable"), axis=1)
    return beds + (rank < missing[:, None])


def vardplatser_avdelningar(
    rng: np.random.Generator,
    first_day: int,
    n_days: int,
    wards: list[str],
    w: npt.NDArray[np.float64],
    platsdagar: int,
    varddagar: int,
) -> dict[str, npt.NDArray]:
    """Columns (day, ward index, disponibla, belagda) for one group of wards, day-major."""
    beds = _beds(platsdagar, n_days, w)
    p = beds.ravel() * rng.gamma(30.0, 1.0, beds.size)
    belagda = rng.multinomial(varddagar, p / p.sum()) if p.sum() > 0 else np.zeros(beds.size)
    days = np.repeat(np.arange(n_days) + first_day, len(wards))
    return {
        "datum": days,
        "enhet": np.tile(np.arange(len(wards)), n_days),
        "disponibla": beds.ravel(),
        "belagda": np.asarray(belagda, dtype=np.int64),
    }


def vardplatser_table(groups: list[tuple[list[str], dict[str, npt.NDArray]]]) -> pa.Table:
    """One table from the ward groups, sorted by date and ward."""
    all_wards = [c for wards, _ in groups for c in wards]
    offsets = np.cumsum([0] + [len(wards) for wards, _ in groups])
    enhet = np.concatenate([g["enhet"] + off for (_, g), off in zip(groups, offsets, strict=False)])
    datum = np.concatenate([g["datum"] for _, g in groups])
    order = np.lexsort((np.array(all_wards)[enhet], datum))
    return pa.Table.from_arrays(
        [
            dates(datum[order]),
            codes(all_wards, enhet[order]),
            pa.array(np.concatenate([g["disponibla"] for _, g in groups])[order], pa.int32()),
            pa.array(np.concatenate([g["belagda"] for _, g in groups])[order], pa.int32()),
        ],
        schema=VARDPLATSER_SCHEMA,
    )
