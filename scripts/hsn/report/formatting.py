"""Numbers the Swedish way: a no-break space between thousands, decimal comma, a real minus
sign, amounts in mkr or tkr rounded half away from zero, shares as percent with one decimal.

Every function takes None (a value that does not exist: a month not loaded, a share without a
denominator) and returns an empty string for it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

THOUSANDS = "\u00a0"  # no-break space: a number never breaks across lines
MINUS = "\u2212"
MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1_000)

Number = Decimal | float | int


def _decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def number(value: Number | None, decimals: int = 0, *, plus: bool = False) -> str:
    """1234567.891 → '1 234 568'; −0.4 → '0' (no negative zero); plus=True writes '+ 12'."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = THOUSANDS.join(groups)
    if fraction:
        text += "," + fraction
    if rounded < 0:
        return MINUS + text
    if plus and rounded > 0:
        return "+\u00a0" + text
    return text


def mkr(value: Number | None, *, plus: bool = False) -> str:
    """SEK shown in whole millions, as the board report's tables."""
    return "" if value is None else number(_decimal(value) / MILLION, plus=plus)


def tkr(value: Number | None, *, plus: bool = False) -> str:
    """SEK shown in whole thousands."""
    return "" if value is None else number(_decimal(value) / THOUSAND, plus=plus)


def percent(share: Number | None, decimals: int = 1, *, plus: bool = False) -> str:
    """A fraction as percent: 0.0882 → '8,8 %'."""
    if share is None:
        return ""
    return number(_decimal(share) * 100, decimals, plus=plus) + "\u00a0%"


def change(current: Number | None, previous: Number | None) -> float | None:
    """(current − previous) / previous, as kostnadsutveckling; None without a base."""
    if current is None or previous is None or previous == 0:
        return None
    return float((_decimal(current) - _decimal(previous)) / _decimal(previous))
