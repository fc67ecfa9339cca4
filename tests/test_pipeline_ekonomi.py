"""End to end on a hand-made mini region: landing → gate → dbt build → publish.

Every expected value below is worked out by hand from the deliveries written here.
Ledger amounts are booked debet positive; the marts show revenue positive, costs negative.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import make_settings
from hsn.pipeline import run_pipeline
from hsn.settings import Settings
from landing import MINI_ORGANISATION, write_budget, write_huvudbok, write_organisation

# 240102 belonged to basenhet 1001 (område 22) in 2023 and moved to 2141 (område 24) in 2024;
# 220199 closed after January 2023.
ORGANISATION_2023 = [
    ("220101", "1001", "Stenbergska hälsocentralen", "22", "Närsjukvård Södra Lappland"),
    ("240101", "2141", "Medicincentrum Umeå", "24", "Närsjukvård Umeå"),
    ("240102", "1001", "Stenbergska hälsocentralen", "22", "Närsjukvård Södra Lappland"),
]
CLOSED = ("220199", "1001", "Stenbergska hälsocentralen", "22", "Närsjukvård Södra Lappland")
PERSONNUMMER_IN_TEXT = "19121212-1212"


def write_mini_region(landing: Path) -> None:
    write_organisation(landing, "2023-01", [*ORGANISATION_2023, CLOSED])
    write_organisation(landing, "2023-02", ORGANISATION_2023)
    write_organisation(landing, "2024-01", MINI_ORGANISATION)
    write_organisation(landing, "2024-02", MINI_ORGANISATION)
    write_huvudbok(
        landing,
        "2023-01",
        [
            ("240101", "4011", "100.00"),
            ("240102", "4011", "40.00"),
            ("220199", "3100", "-30.00"),
            ("220101", "8400", "5.00"),  # financial: outside every mart
        ],
        text=f"Patientresa {PERSONNUMMER_IN_TEXT}",
    )
    write_huvudbok(landing, "2023-02", [("240101", "4011", "110.00")])
    write_huvudbok(
        landing,
        "2024-01",
        [("240101", "4011", "120.00"), ("240101", "3100", "-50.00"), ("240102", "4011", "45.00")],
    )
    # two files make one delivery
    write_huvudbok(landing, "2024-02", [("240101", "4011", "130.00")], file_name="del1.parquet")
    write_huvudbok(
        landing, "2024-02", [("220101", "5711", "20.00")], file_name="del2.parquet", first_rad=10
    )
    write_budget(landing, 2024, [("240101", "4011", "100.00"), ("220101", "5711", "10.00")])


def quiet(_: str) -> None:
    pass


def mart_row(settings: Settings, sql: str, params: list | None = None) -> tuple:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchone()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = make_settings(tmp_path_factory.mktemp("mini"))
    write_mini_region(settings.landing_dir)
    result = run_pipeline(settings, progress=quiet)
    assert result.success, result.dbt and result.dbt.failures
    assert result.publication is not None
    return settings


BA_SQL = """
    select utfall, budget, avvikelse, ack_utfall, ack_budget, ack_avvikelse,
           ack_utfall_foreg_ar, round(kostnadsutveckling, 4), helarsbudget
    from mart_budgetavvikelse
    where period = ? and niva = ? and coalesce(basenhet, omrade, '') = ? and rapportrad = ?
"""


def D(value: str) -> Decimal:
    return Decimal(value)


def test_region_personal_february(built: Settings) -> None:
    row = mart_row(built, BA_SQL, ["2024-02-01", "region", "", "Personal"])
    # month −130 vs −100; ack −(120+45+130) vs −200; last year −(100+40+110) = −250;
    # (−295 − −250)/−250 = +0.18; whole year 12 × −100
    assert row == (
        D("-130.00"), D("-100.00"), D("-30.00"),
        D("-295.00"), D("-200.00"), D("-95.00"),
        D("-250.00"), 0.18, D("-1200.00"),
    )


def test_revenue_is_positive_and_month_without_rows_is_zero(built: Settings) -> None:
    row = mart_row(built, BA_SQL, ["2024-02-01", "region", "", "Vårdintäkt inkl lab/rtg"])
    # no revenue booked in February (0, not null); January's −50 booked is +50; last year
    # +30 came from a kostnadsställe that has closed since; budget loaded but none for the line
    assert row == (
        D("0.00"), D("0.00"), D("0.00"),
        D("50.00"), D("0.00"), D("50.00"),
        D("30.00"), 0.6667, D("0.00"),
    )


def test_kostnadsutveckling_null_when_last_year_was_zero(built: Settings) -> None:
    row = mart_row(built, BA_SQL, ["2024-02-01", "region", "", "Utomlänsvård"])
    assert row == (
        D("-20.00"), D("-10.00"), D("-10.00"),
        D("-20.00"), D("-20.00"), D("0.00"),
        D("0.00"), None, D("-120.00"),
    )


def test_budget_null_when_budget_year_not_loaded(built: Settings) -> None:
    row = mart_row(built, BA_SQL, ["2023-02-01", "region", "", "Personal"])
    assert row == (
        D("-110.00"), None, None, D("-250.00"), None, None, None, None, None,
    )


def test_history_follows_latest_organisation(built: Settings) -> None:
    # 240102's 2023 cost follows it to 2141; the closed 220199 keeps its last placement 1001
    personal = mart_row(built, BA_SQL, ["2024-02-01", "basenhet", "2141", "Personal"])
    assert personal[6] == D("-250.00")
    revenue = mart_row(built, BA_SQL, ["2024-02-01", "basenhet", "1001", "Vårdintäkt inkl lab/rtg"])
    assert revenue[6] == D("30.00")
    omrade = mart_row(built, BA_SQL, ["2023-01-01", "omrade", "22", "Personal"])
    assert omrade is None  # 240102 is in område 24 today, so område 22 had no Personal


def test_financial_accounts_reconcile(built: Settings) -> None:
    # region outcome 2023-01 = −100 − 40 + 30 = −110; the ledger's −115 includes 8400's −5
    (total,) = mart_row(
        built,
        "select sum(utfall) from mart_budgetavvikelse where niva = 'region' and period = ?",
        ["2023-01-01"],
    )
    assert total == D("-110.00")


def test_every_level_sums_to_region(built: Settings) -> None:
    (mismatches,) = mart_row(
        built,
        """
        with per_niva as (
            select period, rapportrad_nr, niva, sum(utfall) as utfall
            from mart_budgetavvikelse group by all
        )
        select count(*) from per_niva a join per_niva r
          on a.period = r.period and a.rapportrad_nr = r.rapportrad_nr and r.niva = 'region'
        where a.utfall <> r.utfall
        """,
    )
    assert mismatches == 0


def test_r12_window_needs_twelve_loaded_months(built: Settings) -> None:
    feb = mart_row(
        built,
        "select utfall_r12, budget_r12 from mart_r12 where period = '2024-02-01' "
        "and niva = 'region' and rapportrad = 'Personal'",
    )
    assert feb == (None, None)
    december = mart_row(
        built,
        "select utfall, budget, utfall_r12, budget_r12 from mart_r12 "
        "where period = '2024-12-01' and niva = 'region' and rapportrad = 'Personal'",
    )
    assert december == (None, D("-100.00"), None, D("-1200.00"))


def test_exports_match_the_warehouse(built: Settings) -> None:
    export = built.exports_dir / "mart_budgetavvikelse.parquet"
    with duckdb.connect() as con:
        (rows,) = con.execute("select count(*) from read_parquet(?)", [str(export)]).fetchone()
    (expected,) = mart_row(built, "select count(*) from mart_budgetavvikelse")
    assert rows == expected > 0
    names = {path.name for path in built.exports_dir.glob("*.parquet")}
    assert {"mart_budgetavvikelse.parquet", "mart_r12.parquet", "dim_organisation.parquet",
            "dim_konto.parquet", "dim_period.parquet"} <= names
    # the 'open' variant (small counts of persons suppressed) has the same files
    assert {path.name for path in (built.published_dir / "open").glob("*.parquet")} == names


def test_free_text_never_passes_the_gate(built: Settings) -> None:
    needle = PERSONNUMMER_IN_TEXT.encode()
    for path in built.data_dir.rglob("*"):
        if path.is_file() and "quarantine" not in path.parts:
            assert needle not in path.read_bytes(), path
    for folder in (built.repo_root / "target", built.repo_root / "logs"):
        for path in folder.rglob("*"):
            if path.is_file():
                assert needle not in path.read_bytes(), path


def test_second_run_without_news_skips_the_build(built: Settings) -> None:
    result = run_pipeline(built, progress=quiet)
    assert result.success
    assert result.skipped_reason and "nothing new" in result.skipped_reason
    assert {outcome.status for outcome in result.gate.outcomes} == {"unchanged"}
