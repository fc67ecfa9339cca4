"""The footer "Underlag": which months of which extracts the publication was built from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Extract:
    name: str
    ranges: str
    count: int
    rows: int


def _index(period: str) -> int | None:
    """Months for 'YYYY-MM', years for 'YYYY' (the budget): consecutive values differ by 1."""
    year, _, month = period.partition("-")
    if not year.isdigit() or (month and not month.isdigit()):
        return None
    return int(year) * 12 + int(month) - 1 if month else int(year)


def compress(periods: list[str]) -> str:
    """['2024-01', '2024-02', '2024-04'] → '2024-01–2024-02, 2024-04'; years likewise."""
    parts: list[list[str]] = []
    previous: int | None = None
    for period in sorted(periods):
        index = _index(period)
        consecutive = (
            parts and index is not None and previous is not None and index == previous + 1
            and len(period) == len(parts[-1][1])
        )
        if consecutive:
            parts[-1][1] = period
        else:
            parts.append([period, period])
        previous = index
    return ", ".join(first if first == last else f"{first}–{last}" for first, last in parts)


def summarise_deliveries(deliveries: list[dict]) -> list[Extract]:
    by_extract: dict[str, list[dict]] = {}
    for delivery in deliveries:
        period = str(delivery.get("period") or "")
        if period.startswith("0001"):
            continue  # the zero-row schema placeholder of an extract never delivered
        by_extract.setdefault(str(delivery.get("extract")), []).append(delivery)
    return [
        Extract(
            name=name,
            ranges=compress([str(d["period"]) for d in items]),
            count=len(items),
            rows=sum(int(d.get("rows") or 0) for d in items),
        )
        for name, items in sorted(by_extract.items())
    ]
