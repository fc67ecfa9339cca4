"""What a failed rule looks like, whichever stage found it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RuleFailure:
    """One failed rule of one delivery.

    rule: short name ('readable', 'required_columns', 'column_type', 'not_null', 'format',
    'value_set', 'unique_key', 'period', 'konto_in_chart', 'known_kostnadsstalle',
    'personalkategori', 'unique_across_periods', 'layout', ...).
    """

    rule: str
    column: str | None
    message: str
    expectation_type: str | None = None
    unexpected_count: int | None = None
    sample_rows: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
