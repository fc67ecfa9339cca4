"""Invented but valid identifiers for the tillganglighet demo: personnummer and phone numbers.

Personnummer are 12 digits YYYYMMDDNNNC with a correct Luhn check digit C (computed over
YYMMDDNNN); about 2 % are samordningsnummer (day + 60). Person i of the pool always has the
same number, so one person can appear in several extracts and months.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

POOL_SIZE = 320_000  # about Västerbotten's population
PHONE_POOL_SIZE = 400_000
_SAMORDNING_SHARE = 0.02


def luhn_check_digit(digits: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Luhn check digit of each row of ``digits`` (n × 9, the digits YYMMDDNNN)."""
    weights = np.where(np.arange(digits.shape[1]) % 2 == 0, 2, 1)
    products = digits * weights
    summed = (products // 10 + products % 10).sum(axis=1)
    return (10 - summed % 10) % 10


def _digits(values: npt.NDArray[np.int64], width: int) -> npt.NDArray[np.int64]:
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values[:, None] // powers) % 10


def personnummer_pool(size: int = POOL_SIZE, seed: int = 4711) -> npt.NDArray[np.str_]:
    """``size`` distinct valid personnummer (births 1925–2023), deterministic."""
    rng = np.random.default_rng(seed)
    wanted, size = size, size + size // 20  # draw 5 % extra: equal numbers are dropped
    first = np.datetime64("1925-01-01")
    span = int((np.datetime64("2023-12-31") - first).astype(int))
    born = first + rng.integers(0, span, size)
    years = born.astype("datetime64[Y]").astype(int) + 1970
    months = born.astype("datetime64[M]").astype(int) % 12 + 1
    days = (born - born.astype("datetime64[M]")).astype(int) + 1
    days = np.where(rng.random(size) < _SAMORDNING_SHARE, days + 60, days)
    serial = rng.integers(0, 1000, size)
    yymmddnnn = (years % 100) * 10_000_000 + months * 100_000 + days * 1_000 + serial
    check = luhn_check_digit(_digits(yymmddnnn.astype(np.int64), 9))
    number = years.astype(np.int64) * 10**8 + months * 10**6 + days * 10**4 + serial * 10 + check
    number = np.unique(number)
    if len(number) < wanted:  # pragma: no cover - the seed gives enough distinct numbers
        raise RuntimeError("too few distinct personnummer")
    number = rng.permutation(number)[:wanted]
    return number.astype("U12")


def phone_pool(size: int = PHONE_POOL_SIZE, seed: int = 4712) -> npt.NDArray[np.str_]:
    """``size`` distinct Swedish mobile numbers '07XXXXXXXX', deterministic."""
    rng = np.random.default_rng(seed)
    numbers = np.unique(rng.integers(0, 10**8, size + size // 4))
    numbers = rng.permutation(numbers)[:size] + 7 * 10**8
    return np.char.add("0", numbers.astype("U9"))
