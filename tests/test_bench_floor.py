"""The bench's plain-DuckDB floor computes the marts' figures: vårdproduktion and
tillgänglighet on a few hand-made accepted deliveries whose counts and distinct persons are
worked out by hand, and tillgänglighet and personalkostnad row for row against the dbt marts
of the whole demo (conftest.demo_built, built once per session)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from hsn.bench.floor import (
    plain_duckdb_personalkostnad,
    plain_duckdb_produktion,
    plain_duckdb_tillganglighet,
)
from hsn.settings import Settings

ORGANISATION = [
    # kostnadsstalle, basenhet, omrade, vardniva, ingar_i_produktion
    ("400101", "4001", "27", "TANDVARD", True),
    ("200101", "2001", "25", "SJUKHUSVARD", True),
    ("300101", "3001", "25", "SJUKHUSVARD", False),  # outside production statistics
]
# period, kostnadsstalle, person, vardform, yrkeskategori, kontakttyp, datum, inskriven, drg
KONTAKTER = [
    ("2023-01", "400101", "A", "OPPENVARD", "TANDLAKARE", "FYSISKT", "2023-01-10", None, None),
    ("2023-03", "400101", "B", "OPPENVARD", "TANDLAKARE", "FYSISKT", "2023-03-02", None, None),
    ("2023-03", "400101", "B", "OPPENVARD", "TANDLAKARE", "FYSISKT", "2023-03-20", None, None),
    ("2023-06", "400101", "A", "OPPENVARD", "TANDLAKARE", "FYSISKT", "2023-06-01", None, None),
    ("2024-02", "400101", "A", "OPPENVARD", "TANDLAKARE", "FYSISKT", "2024-02-05", None, None),
    (
        "2023-01",
        "200101",
        "C",
        "SLUTENVARD",
        "LAKARE",
        "FYSISKT",
        "2023-01-11",
        "2023-01-01",
        1.5,
    ),
    ("2023-01", "200101", "C", "OPPENVARD", "LAKARE", "FYSISKT", "2023-01-20", None, 0.25),
    ("2023-03", "200101", "D", "OPPENVARD", "SSK", "DISTANS", "2023-03-20", None, None),
    ("2023-03", "300101", "D", "OPPENVARD", "LAKARE", "FYSISKT", "2023-03-21", None, None),
]


def _write(con: duckdb.DuckDBPyConnection, accepted: Path, extract: str, query: str) -> None:
    for (period,) in con.execute(f"select distinct period from ({query})").fetchall():
        folder = accepted / extract / f"period={period}"
        folder.mkdir(parents=True)
        con.execute(
            f"copy (select * exclude (period) from ({query}) where period = '{period}') "
            f"to '{folder}/data.parquet' (format parquet)"
        )


def _accepted(root: Path) -> Path:
    accepted = root / "accepted"
    con = duckdb.connect()
    con.execute(
        "create table o (kostnadsstalle varchar, basenhet varchar, omrade varchar, "
        "vardniva varchar, ingar_i_produktion boolean)"
    )
    con.executemany("insert into o values (?, ?, ?, ?, ?)", ORGANISATION)
    con.execute(
        "create table k (period varchar, kostnadsstalle varchar, personnummer varchar, "
        "vardform varchar, yrkeskategori varchar, kontakttyp varchar, kontaktdatum date, "
        "inskrivningsdatum date, drg_vikt decimal(8, 4))"
    )
    con.executemany("insert into k values (?, ?, ?, ?, ?, ?, ?, ?, ?)", KONTAKTER)
    _write(con, accepted, "organisation", "select *, '2024-02' as period from o")
    _write(con, accepted, "vardkontakter", "select * from k")
    _write(
        con,
        accepted,
        "vardplatser",
        "select '2023-01' as period, date '2023-01-01' as datum, '200101' as kostnadsstalle, "
        "6 as disponibla_vardplatser, 5 as belagda_vardplatser",
    )
    return accepted


def test_floor_vardproduktion_by_hand(tmp_path: Path) -> None:
    database = tmp_path / "floor.duckdb"
    plain_duckdb_produktion(_accepted(tmp_path), database)
    con = duckdb.connect(str(database), read_only=True)
    region = con.execute(
        "select strftime(period, '%Y-%m'), vardtillfallen, vardtid_dagar, lakarbesok, "
        "sjukvardande_behandling, vardtjanst_drg, viktad_vardtjanst, varddagar, "
        "disponibla_platsdagar, r12_lakarbesok, r12_sjukvardande_behandling "
        "from floor_vardproduktion where niva = 'region' and vardniva = 'SJUKHUSVARD' "
        "order by 1"
    ).fetchall()
    # the contact at 300101 (outside production statistics) is left out
    assert region == [
        ("2023-01", 1, 10, 1, 0, 1.5, 1.75, 5, 6, 1, 0),
        ("2023-03", 0, 0, 0, 1, 0, 0, None, None, 1, 1),
    ]
    tand = con.execute(
        "select niva, strftime(period, '%Y-%m'), patienter, patienter_ack, patienter_r12 "
        "from floor_tandvard_patienter where niva in ('region', 'basenhet') order by 1, 2"
    ).fetchall()
    by_hand = [
        ("2023-01", 1, 1, 1),  # A
        ("2023-03", 1, 2, 2),  # B twice: one patient; A still within twelve months
        ("2023-06", 1, 2, 2),  # A again: not new in the year
        ("2024-02", 1, 1, 2),  # A; R12 2023-03..2024-02 holds A and B
    ]
    assert tand == [("basenhet", *row) for row in by_hand] + [("region", *row) for row in by_hand]


def _accepted_tillganglighet(root: Path) -> Path:
    """March 2024 (month end 2024-03-31). Vårdcentraler 100101 (basenhet 1001) and 100201
    (basenhet 1002) in område 10 — 1002 was in område 11 in February, today's tree puts it in
    10; specialist units 200101 (BUP) and 210101 in område 20; dental clinic 300101 in 30."""
    accepted = root / "accepted"
    con = duckdb.connect()
    con.execute(
        "create table o as select * from (values "
        "('2024-02', '100101', '1001', '10', false), ('2024-02', '100201', '1002', '11', false),"
        "('2024-03', '100101', '1001', '10', false), ('2024-03', '100201', '1002', '10', false),"
        "('2024-03', '200101', '2001', '20', true), ('2024-03', '210101', '2101', '20', false),"
        "('2024-03', '300101', '3001', '30', false)"
        ") t(period, kostnadsstalle, basenhet, omrade, ar_bup)"
    )
    _write(con, accepted, "organisation", "select * from o")
    # decision → assessment, patient-chosen wait
    _write(
        con,
        accepted,
        "pv_bedomningar",
        "select '2024-03' as period, * from (values "
        "('B1', 'P1', '100101', date '2024-03-01', date '2024-03-04', false),"  # 3 days: within
        "('B2', 'P1', '100201', date '2024-03-01', date '2024-03-05', false),"  # 4 days: not
        "('B3', 'P2', '100101', date '2024-03-10', date '2024-03-20', true),"  # patient's choice
        "('B4', 'P2', '100101', date '2024-03-10', date '2024-03-10', false)"  # same day: within
        ") t(bedomning_id, personnummer, kostnadsstalle, beslutsdatum, bedomningsdatum, "
        "patientvald_vantan)",
    )
    # calls in → answered: same day, within 24 h
    _write(
        con,
        accepted,
        "telefoni",
        "select '2024-03' as period, * from (values "
        "('T1', '100101', timestamp '2024-03-05 16:00', timestamp '2024-03-05 16:30', 'N1'),"
        "('T2', '100101', timestamp '2024-03-05 23:00', timestamp '2024-03-06 08:00', 'N1'),"
        "('T3', '100101', timestamp '2024-03-06 10:00', timestamp '2024-03-07 10:00', 'N2'),"
        "('T4', '100101', timestamp '2024-03-06 10:00', timestamp '2024-03-07 10:01', 'N2'),"
        "('T5', '100101', timestamp '2024-03-07 09:00', null, 'N3')"
        ") t(samtal_id, kostnadsstalle, inkommande, besvarad, telefonnummer)",
    )
    # waiting days: to genomford_datum, or to the month end 2024-03-31 while still waiting
    _write(
        con,
        accepted,
        "vantelista",
        "select '2024-03' as period, * from (values "
        "('V1', 'P3', '200101', 'FORSTA_KONTAKT', date '2024-01-01', null, false, false),"  # 90
        "('V2', 'P3', '200101', 'FORSTA_KONTAKT', date '2023-12-31', null, false, false),"  # 91
        "('V3', 'P4', '200101', 'OPERATION_ATGARD', date '2024-03-01', date '2024-03-31', "
        "false, false),"  # 30 days
        "('V4', 'P4', '200101', 'OPERATION_ATGARD', date '2024-02-29', date '2024-03-31', "
        "false, false),"  # 31 days
        "('V5', 'P5', '210101', 'FORSTA_KONTAKT', date '2024-03-01', null, false, true),"  # out
        "('V6', 'P5', '210101', 'FORSTA_KONTAKT', date '2024-03-01', null, false, false)"  # 30
        ") t(vantande_id, personnummer, kostnadsstalle, vardatgard, referensdatum, "
        "genomford_datum, patientvald_vantan, medicinskt_orsakad_vantan)",
    )
    # recalls: due when planned by 2024-03-31; six months before the month end is 2023-09-30
    _write(
        con,
        accepted,
        "tandvard_kallelser",
        "select '2024-03' as period, * from (values "
        "('P6', '300101', 'VUXEN', date '2024-03-31', date '2024-03-31'),"  # on time
        "('P6', '300101', 'VUXEN', date '2024-04-01', null),"  # not yet due: left out
        "('P7', '300101', 'VUXEN', date '2023-09-30', null),"  # late, not over 6 months
        "('P7', '300101', 'VUXEN', date '2023-09-29', null),"  # late over 6 months
        "('P8', '300101', 'VUXEN', date '2024-01-10', date '2024-02-01'),"  # called late
        "('P9', '300101', 'BARN_UNGA', date '2024-03-15', date '2024-03-01')"  # on time
        ") t(personnummer, kostnadsstalle, aldersgrupp, planerad_undersokning, kallad_datum)",
    )
    _write(
        con,
        accepted,
        "atgardsplaner",
        "select '2024-03' as period, * from (values "
        "('10', 400.00, 100.00, 50.00), ('20', 200.00, 0.00, 30.00)"
        ") t(omrade, plan_helar, plan_ack, uppnatt_ack)",
    )
    return accepted


def test_floor_tillganglighet_by_hand(tmp_path: Path) -> None:
    database = tmp_path / "floor.duckdb"
    plain_duckdb_tillganglighet(_accepted_tillganglighet(tmp_path), database)
    con = duckdb.connect(str(database), read_only=True)
    rows = con.execute(
        "select niva, enhet, matt, antal, antal_inom_grans, antal_personer, grans_dagar "
        "from floor_tillganglighet where period = date '2024-03-01' "
        "and niva in ('omrade', 'region') order by 1, 2, 3"
    ).fetchall()
    omrade = [
        # B1, B2, B4 (B3 patient's choice); within 3 days B1, B4; P1 once though at two units
        ("10", "PV_MEDICINSK_BEDOMNING_3D", 3, 2, 2, 3),
        ("10", "PV_TELEFON_24H", 5, 3, 3, 1),  # T1, T2 and T3 (exactly 24 h)
        ("10", "PV_TELEFON_SAMMA_DAG", 5, 1, 3, 0),  # T1 only
        ("20", "BUP_FORSTA_KONTAKT_VANTANDE_30D", 2, 0, 1, 30),  # V1, V2: BUP unit only
        ("20", "BUP_OPERATION_GENOMFORD_30D", 2, 1, 1, 30),  # V3 30 days, V4 31 days
        ("20", "SPEC_FORSTA_KONTAKT_VANTANDE_90D", 3, 2, 2, 90),  # V1 90, V6 30; V2 91
        ("20", "SPEC_OPERATION_GENOMFORD_90D", 2, 2, 1, 90),
        ("30", "TV_BARN_EJ_FORSENAD", 1, 1, 1, 0),
        ("30", "TV_VUXEN_EJ_FORSENAD", 4, 1, 3, 0),  # four due, on time only P6's
        ("30", "TV_VUXEN_FORSENAD_6M", 4, 1, 3, None),  # P7's of 2023-09-29
    ]
    # every population lies in one område, so the region repeats them
    assert rows == [("omrade", *row) for row in omrade] + sorted(
        ("region", "region", *row[1:]) for row in omrade
    )
    units = con.execute(
        "select niva, enhet, antal, antal_inom_grans, antal_personer from floor_tillganglighet "
        "where matt = 'PV_MEDICINSK_BEDOMNING_3D' and niva in ('basenhet', 'kostnadsstalle') "
        "order by 1, 2"
    ).fetchall()
    assert units == [
        ("basenhet", "1001", 2, 2, 2),
        ("basenhet", "1002", 1, 0, 1),
        ("kostnadsstalle", "100101", 2, 2, 2),
        ("kostnadsstalle", "100201", 1, 0, 1),
    ]
    vantedagar = con.execute(
        "select vantedagar_klass, antal from floor_pv_vantedagar "
        "where niva = 'omrade' and enhet = '10' order by vantedagar_ordning"
    ).fetchall()
    assert vantedagar == [("0", 1), ("1", 0), ("2", 0), ("3", 1), (">3", 1)]  # B4, B1, B2
    planer = con.execute(
        "select niva, enhet, plan_helar, plan_ack, uppnatt_ack, uppfyllelse "
        "from floor_atgardsplaner order by 1, 2"
    ).fetchall()
    assert [(*row[:2], *(None if v is None else float(v) for v in row[2:])) for row in planer] == [
        ("omrade", "10", 400, 100, 50, 0.5),
        ("omrade", "20", 200, 0, 30, None),  # nothing planned so far: no share
        ("region", "region", 600, 100, 80, 0.8),
    ]


# Every row where the dbt mart and the floor differ: a key on one side only, or a measure.
TILLGANGLIGHET_DIFF = """
with mart as (
    select niva,
        case niva when 'region' then 'region' when 'omrade' then omrade
            when 'basenhet' then basenhet else kostnadsstalle end as enhet,
        period, matt, antal, antal_inom_grans, andel, antal_personer, grans_dagar
    from mart_tillganglighet
)
select *
from mart full outer join floor.floor_tillganglighet as f using (niva, enhet, period, matt)
where mart.antal is distinct from f.antal
    or mart.antal_inom_grans is distinct from f.antal_inom_grans
    or round(mart.andel, 12) is distinct from round(f.andel, 12)
    or mart.antal_personer is distinct from f.antal_personer
    or mart.grans_dagar is distinct from f.grans_dagar
order by all
"""
PERSONALKOSTNAD_DIFF = """
with mart as (
    select niva,
        case niva when 'region' then 'region' when 'omrade' then omrade
            when 'basenhet' then basenhet else kostnadsstalle end as enhet,
        personalkategori, period, utfall, budget, ack_utfall, ack_budget, ack_utfall_foreg_ar,
        andel_hyrpersonal, ack_andel_hyrpersonal
    from mart_personalkostnad
)
select *
from mart
full outer join floor.floor_personalkostnad as f using (niva, enhet, personalkategori, period)
where mart.utfall is distinct from f.utfall
    or mart.budget is distinct from f.budget
    or mart.ack_utfall is distinct from f.ack_utfall
    or mart.ack_budget is distinct from f.ack_budget
    or mart.ack_utfall_foreg_ar is distinct from f.ack_utfall_foreg_ar
    or round(mart.andel_hyrpersonal, 9) is distinct from round(f.andel_hyrpersonal, 9)
    or round(mart.ack_andel_hyrpersonal, 9) is distinct from round(f.ack_andel_hyrpersonal, 9)
order by all
"""

PV_VANTEDAGAR_DIFF = """
with mart as (
    select niva,
        case niva when 'region' then 'region' when 'omrade' then omrade
            when 'basenhet' then basenhet else kostnadsstalle end as enhet,
        period, vantedagar_klass, vantedagar_ordning, antal
    from mart_pv_vantedagar
)
select *
from mart
full outer join floor.floor_pv_vantedagar as f using (niva, enhet, period, vantedagar_klass)
where mart.antal is distinct from f.antal
    or mart.vantedagar_ordning is distinct from f.vantedagar_ordning
order by all
"""
ATGARDSPLANER_DIFF = """
with mart as (
    select niva, coalesce(omrade, 'region') as enhet, period, plan_helar, plan_ack,
        uppnatt_ack, uppfyllelse
    from mart_atgardsplaner
)
select *
from mart full outer join floor.floor_atgardsplaner as f using (niva, enhet, period)
where mart.plan_helar is distinct from f.plan_helar
    or mart.plan_ack is distinct from f.plan_ack
    or mart.uppnatt_ack is distinct from f.uppnatt_ack
    or round(mart.uppfyllelse, 12) is distinct from round(f.uppfyllelse, 12)
order by all
"""


@pytest.mark.parametrize(
    ("area", "floor", "difference"),
    [
        ("tillganglighet", plain_duckdb_tillganglighet, TILLGANGLIGHET_DIFF),
        ("pv_vantedagar", plain_duckdb_tillganglighet, PV_VANTEDAGAR_DIFF),
        ("atgardsplaner", plain_duckdb_tillganglighet, ATGARDSPLANER_DIFF),
        ("personalkostnad", plain_duckdb_personalkostnad, PERSONALKOSTNAD_DIFF),
    ],
)
def test_floor_equals_dbt_marts_on_demo(
    demo_built: Settings, tmp_path: Path, area: str, floor, difference: str
) -> None:
    database = tmp_path / "floor.duckdb"
    floor(demo_built.accepted_dir, database)
    con = duckdb.connect()  # a fresh in-memory database: nothing shared with other tests
    con.execute(f"attach '{demo_built.published_warehouse}' as warehouse (read_only)")
    con.execute(f"attach '{database}' as floor (read_only)")
    con.execute("use warehouse")
    assert con.execute(f"select count(*) from floor.floor_{area}").fetchone()[0] > 10
    assert con.execute(difference).fetchall() == []
