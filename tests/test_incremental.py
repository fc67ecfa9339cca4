"""Incremental monthly loads: after every run, each mart equals a full rebuild of the same
accepted data — for a new month, a re-delivered month with other amounts, a re-delivered
month that lost a kostnadsställe's rows, and a reorganisation in the new month.

An empty re-delivery cannot happen: the gate quarantines it (empty_delivery, see
test_pipeline_changes.py), so (c) is a month that loses one kostnadsställe's rows instead.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from gate_fixtures import write_delivery
from hsn.dbt_build import run_dbt
from hsn.gate.paths import accepted_file
from hsn.pipeline import PipelineResult, changed_periods, run_pipeline
from hsn.settings import Settings
from landing import MINI_ORGANISATION, write_budget, write_huvudbok, write_organisation

PNR = "191212121212"
INCREMENTAL_MODELS = (
    "int_utfall_budget_per_manad",
    "int_vardkontakter_per_kostnadsstalle",
    "int_vardplatser_per_kostnadsstalle",
    "int_tillganglighet_populationer",
    "int_tillganglighet_per_niva",
    "int_personalkostnad_utfall_per_manad",
    "int_tandvard_patienter_per_niva",
)
# 240102 moves from Medicincentrum Umeå (område 24) to Stenbergska (område 22)
REORGANISED = [
    MINI_ORGANISATION[0],
    MINI_ORGANISATION[1],
    ("240102", "1001", "Stenbergska hälsocentralen", "22", "Närsjukvård Södra Lappland"),
]


def quiet(_: str) -> None:
    pass


def write_month(
    landing: Path,
    period: str,
    *,
    scale: int = 1,
    units: tuple[str, ...] = ("220101", "240101", "240102"),
    organisation: list[tuple[str, str, str, str, str]] | None = None,
) -> None:
    """One month of organisation, ledger, contacts and census for the given units."""
    year, month = (int(part) for part in period.split("-"))
    for folder in ("huvudbok", "vardkontakter", "vardplatser", "telefoni"):
        for old in (landing / folder / f"period={period}").glob("*.parquet"):
            old.unlink()
    write_organisation(landing, period, organisation)
    write_huvudbok(
        landing,
        period,
        [(ks, konto, f"{scale * (index + 1) * 10}.00")
         for index, ks in enumerate(units) for konto in ("4011", "3100", "5011")],
        first_rad=1,
    )
    contacts = [
        {
            "kontakt_id": f"K{period}-{ks}-{n}",
            "personnummer": PNR,
            "kostnadsstalle": ks,
            "vardform": "SLUTENVARD" if n == 0 else "OPPENVARD",
            "yrkeskategori": "LAKARE",
            "kontakttyp": "FYSISKT",
            "kontaktdatum": date(year, month, 10 + n),
            "inskrivningsdatum": date(year, month, 8) if n == 0 else None,
            "drg": None,
            "drg_vikt": None,
        }
        for ks in units
        for n in range(scale + 1)
    ]
    write_delivery(landing, "vardkontakter", period, contacts)
    census = [
        {
            "datum": date(year, month, day),
            "kostnadsstalle": ks,
            "disponibla_vardplatser": 10,
            "belagda_vardplatser": 5 + scale,
        }
        for ks in units
        for day in (1, 2)
    ]
    write_delivery(landing, "vardplatser", period, census)
    calls = [
        {
            "samtal_id": f"S{period}-{ks}-{n}",
            "kostnadsstalle": ks,
            "inkommande": datetime(year, month, 5 + n, 9),
            "besvarad": datetime(year, month, 5 + n, 10) if n % 2 == 0 else None,
            "telefonnummer": f"07012345{n % 2}{index}",
        }
        for index, ks in enumerate(units)
        for n in range(scale + 1)
    ]
    write_delivery(landing, "telefoni", period, calls)


def public_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_catalog = ? "
        "and table_schema = 'main' and (table_name like 'mart%' or table_name like 'dim%') "
        "order by 1",
        [catalog],
    ).fetchall()
    return [name for (name,) in rows]


def differences(incremental: Path, full: Path) -> dict[str, tuple[int, int, int, int]]:
    """Per mart and incremental model: (rows, rows in full, rows only in incremental, rows
    only in full); only relations that differ are returned."""
    found: dict[str, tuple[int, int, int, int]] = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{incremental}' as inc (read_only)")
        con.execute(f"attach '{full}' as ful (read_only)")
        names = public_tables(con, "inc")
        assert names == public_tables(con, "ful") and len(names) >= 10
        for name in [*names, *INCREMENTAL_MODELS]:
            counts = con.execute(
                f"""
                select
                    (select count(*) from inc.main.{name}),
                    (select count(*) from ful.main.{name}),
                    (select count(*) from (select * from inc.main.{name}
                                           except all select * from ful.main.{name})),
                    (select count(*) from (select * from ful.main.{name}
                                           except all select * from inc.main.{name}))
                """
            ).fetchone()
            if counts[0] != counts[1] or counts[2] or counts[3]:
                found[name] = counts
    return found


def run_and_compare(settings: Settings, tmp_path: Path, step: str) -> PipelineResult:
    result = run_pipeline(settings, progress=quiet)
    assert result.success, result.dbt and result.dbt.failures
    assert result.publication is not None
    full = tmp_path / f"full-{step}.duckdb"
    rebuilt = run_dbt(
        settings,
        ["build", "--full-refresh", "--exclude-resource-type", "test", "--exclude-resource-type",
         "unit_test"],
        warehouse=full,
        echo=False,
    )
    assert rebuilt.success, rebuilt.failures
    assert differences(settings.published_warehouse, full) == {}, step
    return result


def months_built(settings: Settings, model: str) -> list[tuple[str, int]]:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        rows = con.execute(
            f"select strftime(period, '%Y-%m'), count(*) from {model} group by 1 order by 1"
        ).fetchall()
    return [(period, count) for period, count in rows]


def region_value(settings: Settings, sql: str, parameters: list) -> tuple:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        return con.execute(sql, parameters).fetchone()


def test_incremental_runs_equal_full_rebuilds(settings: Settings, tmp_path: Path) -> None:
    landing = settings.landing_dir
    write_budget(landing, 2024, [("240101", "4011", "15.00"), ("240102", "5011", "4.00")])
    write_month(landing, "2024-01")
    write_month(landing, "2024-02")
    first = run_and_compare(settings, tmp_path, "first")
    assert first.full_refresh  # nothing published yet: a full build

    # (a) a new month: built incrementally, the earlier months untouched
    write_month(landing, "2024-03")
    result = run_and_compare(settings, tmp_path, "new-month")
    assert not result.full_refresh
    assert result.dbt is not None
    # (no dental unit here, so int_tandvard_patienter_per_niva stores no month: see
    # test_dental_windows_rebuild_every_month_whose_window_changed)
    for model in INCREMENTAL_MODELS[:-1]:
        assert f"{model}: months to rebuild: 2024-03\n" in result.dbt.output
    assert [p for p, _ in months_built(settings, "int_vardplatser_per_kostnadsstalle")] == [
        "2024-01", "2024-02", "2024-03"
    ]

    # (b) February re-delivered with other amounts
    write_month(landing, "2024-02", scale=3)
    run_and_compare(settings, tmp_path, "redelivered")
    # 220101's ledger lines in February: 4011, 3100, 5011 at 30.00 each (3 × 10)
    assert region_value(
        settings,
        "select sum(utfall) from int_utfall_budget_per_manad "
        "where period = ? and kostnadsstalle = '220101'",
        [date(2024, 2, 1)],
    ) == (-90,)

    # (c) February re-delivered without 220101's rows: they must be gone, not kept
    write_month(landing, "2024-02", scale=3, units=("240101", "240102"))
    run_and_compare(settings, tmp_path, "lost-unit")
    for model in INCREMENTAL_MODELS:
        assert region_value(
            settings,
            f"select count(*) from {model} where period = ? and kostnadsstalle = '220101'",
            [date(2024, 2, 1)],
        ) == (0,), model
    assert months_built(settings, "int_vardplatser_per_kostnadsstalle")[1] == ("2024-02", 2)

    # (d) April's organisation moves 240102 to område 22: every month is reported in it
    write_month(landing, "2024-04", organisation=REORGANISED)
    run_and_compare(settings, tmp_path, "reorganised")
    units_in = region_value(
        settings,
        "select max(case when omrade = '24' then lakarbesok end), "
        "max(case when omrade = '22' then lakarbesok end) from mart_vardproduktion "
        "where niva = 'omrade' and period = ?",
        [date(2024, 1, 1)],
    )
    assert units_in == (1, 2)  # January's doctor visits: 240101 in 24; 220101 and 240102 in 22
    calls_in = region_value(
        settings,
        "select max(case when omrade = '24' then antal end), "
        "max(case when omrade = '22' then antal end) from mart_tillganglighet "
        "where niva = 'omrade' and period = ? and matt = 'PV_TELEFON_SAMMA_DAG'",
        [date(2024, 1, 1)],
    )
    assert calls_in == (2, 4)  # January's calls, two a unit, in the April organisation


# valid personnummer (check digit by hand as in test_gate_personnummer.py)
PATIENTER = {"A": PNR, "B": "198001011017", "C": "198001011025", "D": "198001011033"}


def write_dental_month(landing: Path, period: str, patients: str) -> None:
    """write_month, with 220101 a TANDVARD unit whose contacts are the given patients."""
    write_month(landing, period)
    write_organisation(landing, period, tandvard=frozenset({"220101"}))
    year, month = (int(part) for part in period.split("-"))
    contacts = [
        {
            "kontakt_id": f"T{period}-{n}",
            "personnummer": PATIENTER[patient],
            "kostnadsstalle": "220101",
            "vardform": "OPPENVARD",
            "yrkeskategori": "TANDLAKARE",
            "kontakttyp": "FYSISKT",
            "kontaktdatum": date(year, month, 10 + n),
            "inskrivningsdatum": None,
            "drg": None,
            "drg_vikt": None,
        }
        for n, patient in enumerate(patients)
    ]
    write_delivery(landing, "vardkontakter", period, contacts)


def dental_patients(settings: Settings, period: date) -> dict[str, int]:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        rows = con.execute(
            "select fonster, tandvard_patienter from int_tandvard_patienter_per_niva "
            "where period = ? and enhet_nyckel = 'kostnadsstalle:220101'",
            [period],
        ).fetchall()
    return dict(rows)


def test_dental_windows_rebuild_every_month_whose_window_changed(
    settings: Settings, tmp_path: Path
) -> None:
    """Distinct dental patients over twelve months: a re-delivered month changes the windows
    of the months after it too, which are rebuilt with it (and equal a full rebuild)."""
    landing = settings.landing_dir
    for period, patients in (("2023-01", "AB"), ("2023-02", "A"), ("2023-03", "C")):
        write_dental_month(landing, period, patients)
    run_and_compare(settings, tmp_path, "dental-first")

    # a new month: only it is built; B was seen in January, so R12 and ack are A, B, C
    write_dental_month(landing, "2023-04", "B")
    result = run_and_compare(settings, tmp_path, "dental-new-month")
    assert result.dbt is not None
    assert "int_tandvard_patienter_per_niva: months to rebuild: 2023-04\n" in result.dbt.output
    assert dental_patients(settings, date(2023, 4, 1)) == {"manad": 1, "ack": 3, "r12": 3}

    # February re-delivered with D instead of A: February to April hold it in their windows
    write_dental_month(landing, "2023-02", "D")
    result = run_and_compare(settings, tmp_path, "dental-redelivered")
    assert result.dbt is not None
    assert (
        "int_tandvard_patienter_per_niva: months to rebuild: 2023-02, 2023-03, 2023-04\n"
        in result.dbt.output
    )
    # A (January), B, C, D: four persons, never the sum of the months (2 + 1 + 1 + 1)
    assert dental_patients(settings, date(2023, 4, 1)) == {"manad": 1, "ack": 4, "r12": 4}
    assert dental_patients(settings, date(2023, 2, 1)) == {"manad": 1, "ack": 3, "r12": 3}


def test_changed_periods_are_the_new_and_redelivered_ones() -> None:
    published = {
        "deliveries": [
            {"extract": "huvudbok", "period": "2024-01", "checksum": "a"},
            {"extract": "huvudbok", "period": "2024-02", "checksum": "b"},
            {"extract": "budget", "period": "2024", "checksum": "c"},
        ]
    }
    now = [
        {"extract": "huvudbok", "period": "2024-01", "checksum": "a"},  # unchanged
        {"extract": "huvudbok", "period": "2024-02", "checksum": "B"},  # re-delivered
        {"extract": "huvudbok", "period": "2024-03", "checksum": "d"},  # new
        {"extract": "vardkontakter", "period": "2024-01", "checksum": "a"},  # new extract
        {"extract": "budget", "period": "2024", "checksum": "c"},
    ]
    assert changed_periods(published, now) == ["2024-01", "2024-02", "2024-03"]
    assert changed_periods(None, now[:1]) == ["2024-01"]
    assert changed_periods(published, now[:1]) == []


def test_monthly_run_tests_the_changed_deliveries(settings: Settings) -> None:
    """A monthly run (same project as the publication) runs the staging views' data tests on
    the changed deliveries only, keeps the unit tests' and the docs' earlier results; the
    reconciliations still read every month, and a plain dbt build tests every row."""
    landing = settings.landing_dir
    write_month(landing, "2024-01")
    write_month(landing, "2024-02")
    first = run_pipeline(settings, progress=quiet)
    assert first.success and first.full_refresh and first.dbt is not None
    assert first.dbt.counts["unit_test pass"] > 0 and "docs" in first.timings

    write_month(landing, "2024-03")
    said: list[str] = []
    monthly = run_pipeline(settings, progress=said.append)
    assert monthly.success and not monthly.full_refresh and monthly.dbt is not None
    assert any(line.endswith("check the changed deliveries: 2024-03") for line in said)
    assert not any(key.startswith("unit_test") for key in monthly.dbt.counts)
    assert "docs" not in monthly.timings
    assert (settings.published_dir / "docs" / "index.html").exists()

    # a duplicated voucher line in January (as if it had got past the gate)
    january = accepted_file(settings.accepted_dir, "huvudbok", "2024-01")
    ledger = pq.read_table(january)
    pq.write_table(pa.concat_tables([ledger, ledger.slice(0, 1)]), january)
    staging = ["test", "--select", "stg_ekonomi__huvudbok,test_type:generic"]
    assert run_dbt(settings, staging, echo=False, test_periods=["2024-03"]).success
    for periods in (["2024-01"], None):
        checked = run_dbt(settings, staging, echo=False, test_periods=periods)
        assert not checked.success
        assert any("unique_combination_stg_ekonomi__huvudbok" in f for f in checked.failures)
    reconciliation = ["test", "--select", "reconcile_huvudbok_gate_staging"]
    assert not run_dbt(settings, reconciliation, echo=False, test_periods=["2024-03"]).success

    # ledger → monthly aggregate reads the changed months only: January's extra line (caught
    # above by the gate reconciliation, which reads every month) is not looked at when March
    # changed, and is when January changed or on a plain build
    to_aggregate = ["test", "--select", "reconcile_huvudbok_staging_int"]
    assert run_dbt(settings, to_aggregate, echo=False, test_periods=["2024-03"]).success
    for periods in (["2024-01"], None):
        assert not run_dbt(settings, to_aggregate, echo=False, test_periods=periods).success
    # aggregate → mart reads every month on every run: one krona more in January's aggregate
    to_mart = ["test", "--select", "reconcile_huvudbok_int_marts"]
    assert run_dbt(settings, to_mart, echo=False, test_periods=["2024-03"]).success
    with duckdb.connect(str(settings.build_warehouse)) as con:
        con.execute(
            """
            update int_utfall_budget_per_manad set utfall = utfall + 1
            where rowid = (
                select min(rowid) from int_utfall_budget_per_manad
                where period = date '2024-01-01' and utfall is not null
            )
            """
        )
    assert not run_dbt(settings, to_mart, echo=False, test_periods=["2024-03"]).success
