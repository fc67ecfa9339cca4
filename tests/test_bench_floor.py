"""The bench's plain-DuckDB floor for vårdproduktion computes the mart's figures: checked on a
few hand-made accepted deliveries whose sums and distinct patients are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import duckdb

from hsn.bench.floor import plain_duckdb_produktion

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
