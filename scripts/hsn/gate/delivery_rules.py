"""Rules on a delivery as a whole, not on its rows: a period in the future, no rows at all.

future_period: a monthly delivery for a month after the current one, or a yearly delivery
(budget) for a year after next, cannot be a real delivery (a wrong folder name or clock).
empty_delivery: files with the right schema but zero rows in total. Accepting it would replace
the period's data with nothing; a source with no rows for a month is a fault to look at.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow as pa

from hsn.gate.contract import Extract
from hsn.gate.failures import RuleFailure


def _today() -> date:
    return datetime.now(UTC).date()


def delivery_failures(
    extract: Extract, period: str, table: pa.Table | None, today: date | None = None
) -> list[RuleFailure]:
    """The whole-delivery rules; table is None when the files could not be read."""
    today = today or _today()
    failures: list[RuleFailure] = []
    if extract.yearly:
        if int(period) > today.year + 1:
            failures.append(
                RuleFailure(
                    "future_period",
                    None,
                    f"year {period} is after next year ({today.year + 1}): not a real delivery",
                )
            )
    elif period > f"{today.year:04d}-{today.month:02d}":
        failures.append(
            RuleFailure(
                "future_period",
                None,
                f"month {period} has not begun (today is {today.isoformat()})",
            )
        )
    if table is not None and table.num_rows == 0:
        failures.append(
            RuleFailure(
                "empty_delivery",
                None,
                "the delivery's files hold no rows; the period's data would be replaced by nothing",
            )
        )
    return failures
