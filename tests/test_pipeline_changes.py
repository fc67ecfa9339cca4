"""What happens between runs: re-delivered months, bad deliveries and failed builds."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from hsn.pipeline import run_pipeline
from hsn.settings import Settings
from landing import write_budget, write_huvudbok, write_organisation


def quiet(_: str) -> None:
    pass


def base_landing(landing: Path) -> None:
    for period in ("2024-01", "2024-02"):
        write_organisation(landing, period)
    write_huvudbok(landing, "2024-01", [("240101", "4011", "100.00")])
    write_huvudbok(landing, "2024-02", [("240101", "4011", "200.00"), ("220101", "4011", "7.00")])
    write_budget(landing, 2024, [("240101", "4011", "150.00")])


def region_personal(settings: Settings, period: str) -> tuple:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        return con.execute(
            "select count(*), sum(utfall), sum(ack_utfall) from mart_budgetavvikelse "
            "where niva = 'region' and rapportrad = 'Personal' and period = ?",
            [period],
        ).fetchone()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_redelivered_month_replaces_the_earlier_one(settings: Settings) -> None:
    base_landing(settings.landing_dir)
    assert run_pipeline(settings, progress=quiet).success
    assert region_personal(settings, "2024-02-01") == (1, Decimal("-207.00"), Decimal("-307.00"))

    # the corrected February: one file instead of the earlier one, other amounts
    february = settings.landing_dir / "huvudbok" / "period=2024-02"
    for old in february.glob("*.parquet"):
        old.unlink()
    write_huvudbok(settings.landing_dir, "2024-02", [("240101", "4011", "250.00")],
                   file_name="rattad.parquet")
    result = run_pipeline(settings, progress=quiet)
    assert result.success and result.publication is not None
    statuses = {(o.extract, o.period): o.status for o in result.gate.outcomes}
    assert statuses[("huvudbok", "2024-02")] == "accepted"
    assert statuses[("huvudbok", "2024-01")] == "unchanged"
    assert region_personal(settings, "2024-02-01") == (1, Decimal("-250.00"), Decimal("-350.00"))
    accepted = pq.read_table(settings.accepted_dir / "huvudbok").num_rows
    assert accepted == 2  # January's line and the corrected February's: nothing added on top


def test_bad_delivery_is_quarantined_and_the_rest_goes_on(settings: Settings) -> None:
    base_landing(settings.landing_dir)
    assert run_pipeline(settings, progress=quiet).success

    write_organisation(settings.landing_dir, "2024-03")
    write_huvudbok(settings.landing_dir, "2024-03", [("240101", "2999", "1.00")])  # no such account
    result = run_pipeline(settings, progress=quiet)
    outcome = {(o.extract, o.period): o for o in result.gate.outcomes}
    assert outcome[("huvudbok", "2024-03")].status == "quarantined"
    assert outcome[("organisation", "2024-03")].status == "accepted"
    assert result.success
    # March is not loaded, so it has no rows; February is untouched
    assert region_personal(settings, "2024-03-01") == (0, None, None)
    assert region_personal(settings, "2024-02-01") == (1, Decimal("-207.00"), Decimal("-307.00"))


def test_failed_test_publishes_nothing(settings: Settings) -> None:
    base_landing(settings.landing_dir)
    assert run_pipeline(settings, progress=quiet).success
    published = digest(settings.published_warehouse)
    export = digest(settings.exports_dir / "mart_budgetavvikelse.parquet")

    # An accepted file that no longer matches what the gate recorded (a disk fault, a hand
    # edit): the reconciliation tests must stop the build before anything is published.
    accepted = settings.accepted_dir / "huvudbok" / "period=2024-02"
    (accepted_file,) = accepted.glob("*.parquet")
    table = pq.read_table(accepted_file)
    pq.write_table(table.slice(0, 1), accepted_file)
    result = run_pipeline(settings, force=True, progress=quiet)

    assert not result.success
    assert result.dbt is not None and not result.dbt.success
    assert any("reconcile_huvudbok_gate_staging" in failure for failure in result.dbt.failures)
    assert result.publication is None
    assert digest(settings.published_warehouse) == published
    assert digest(settings.exports_dir / "mart_budgetavvikelse.parquet") == export


def test_empty_ledger_month_is_quarantined_and_stays_unloaded(settings: Settings) -> None:
    # A ledger month with no rows at all is far more likely a failed extract than a month
    # without bookings: the gate quarantines it (rule empty_delivery), so the month stays
    # unloaded (no rows, never 0) while the earlier months are published as before.
    base_landing(settings.landing_dir)
    write_organisation(settings.landing_dir, "2024-03")
    write_huvudbok(settings.landing_dir, "2024-03", [])
    result = run_pipeline(settings, progress=quiet)
    outcome = {(o.extract, o.period): o for o in result.gate.outcomes}
    assert outcome[("huvudbok", "2024-03")].status == "quarantined"
    assert "empty_delivery" in outcome[("huvudbok", "2024-03")].message
    assert result.success
    assert region_personal(settings, "2024-03-01") == (0, None, None)
    assert region_personal(settings, "2024-02-01") == (1, Decimal("-207.00"), Decimal("-307.00"))
