"""The short written summary of the largest deviations, derived from the marts by a rule.

The rule (docs/report.md says the same):
1. For each report group (Verksamhetens intäkter → "Intäkter", Verksamhetens kostnader →
   "Kostnader") the headline is the group's ack_avvikelse (January to the month) in mkr.
2. Under it, the group's avvikelsekategorier (the deviation of their report lines summed) that
   pull in the same direction as the group: same sign as the group's total, at least 5 % of it
   in size and at least 1 mkr; largest first, at most four.
3. A group whose total rounds to 0 mkr gets a headline and no explanation.
Nothing here is written by hand: the names are the chart of accounts' categories.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from hsn.report.formatting import MILLION, mkr

GROUP_LABELS = {"Verksamhetens intäkter": "Intäkter", "Verksamhetens kostnader": "Kostnader"}
SHARE_OF_GROUP = Decimal("0.05")
MINIMUM = Decimal(1) * MILLION
MAX_NAMED = 4


@dataclass
class SummaryGroup:
    label: str
    avvikelse: Decimal
    causes: list[tuple[str, Decimal]] = field(default_factory=list)

    def headline(self) -> str:
        return f"{self.label} {mkr(self.avvikelse, plus=True)} mkr"

    def lines(self) -> list[str]:
        return [f"{name} {mkr(value, plus=True)} mkr" for name, value in self.causes]

    def text(self) -> str:
        if not self.causes:
            return self.headline()
        return f"{self.headline()}: {', '.join(self.lines())}"


def summarise(rows: Iterable[dict]) -> list[SummaryGroup]:
    """rows: report lines with rapportgrupp, avvikelsekategori and ack_avvikelse (SEK)."""
    totals: dict[str, Decimal] = {}
    categories: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        group = row["rapportgrupp"]
        if group not in GROUP_LABELS or row["ack_avvikelse"] is None:
            continue
        value = Decimal(row["ack_avvikelse"])
        totals[group] = totals.get(group, Decimal(0)) + value
        per_category = categories.setdefault(group, {})
        category = row["avvikelsekategori"]
        per_category[category] = per_category.get(category, Decimal(0)) + value
    groups = []
    for group, label in GROUP_LABELS.items():
        if group not in totals:
            continue
        total = totals[group]
        summary = SummaryGroup(label, total)
        if round(total / MILLION) != 0:
            threshold = max(abs(total) * SHARE_OF_GROUP, MINIMUM)
            named = [
                (name, value) for name, value in categories[group].items()
                if (value > 0) == (total > 0) and value != 0 and abs(value) >= threshold
            ]
            named.sort(key=lambda item: (-abs(item[1]), item[0]))
            summary.causes = named[:MAX_NAMED]
        groups.append(summary)
    return groups
