"""Calendar helpers for the tillganglighet demo (numpy datetime64, vectorised)."""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import numpy.typing as npt

Days = npt.NDArray[np.datetime64]


def first_day(period: str) -> np.datetime64:
    return np.datetime64(f"{period}-01", "D")


def last_day(period: str) -> np.datetime64:
    return (np.datetime64(period, "M") + 1).astype("datetime64[D]") - 1


def months_before(day: np.datetime64, months: int) -> np.datetime64:
    """The same day ``months`` calendar months earlier, clamped to the month's last day."""
    d = day.astype(date)
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return np.datetime64(date(y, m + 1, min(d.day, last)), "D")


def days_in_month(rng: np.random.Generator, period: str, n: int, weekend: float = 0.2) -> Days:
    """``n`` dates of the month, weekdays ``1/weekend`` times as likely as weekend days."""
    first = first_day(period)
    days = np.arange(first, last_day(period) + 1)
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    weights = np.where(weekday >= 5, weekend, 1.0)
    return rng.choice(days, size=n, p=weights / weights.sum())
