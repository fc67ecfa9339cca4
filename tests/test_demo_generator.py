"""Tests of the deterministic demo generator (scripts/hsn/demo).

The demo is generated once into a temporary landing directory and checked with independent
DuckDB queries over the written Parquet files, against figures typed from the seed report
"Resultatuppföljning februari 2024" (seed-documents/000_120c70f54b971c6d.txt).
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hsn.demo import generate_demo, periods_between
from hsn.demo.allocation import allocate, allocate_groups
from hsn.demo.balancing import balance
from hsn.demo.calibration import check_targets

REPO = Path(__file__).resolve().parents[1]
KONTOPLAN = REPO / "seeds" / "kontoplan.csv"
TEST_SCALE = 0.05

# Seed: "budgetavvikelse – februari 2024", mkr. Columns: Februari avvikelse, Ack utfall
# föreg år, Ack utfall innev år, Ack budget innev år, Ack avvikelse, kostnadsutveckling %,
# Helår budget.
SEED_LINES = [
    ("Patientintäkter", -1, 40, 49, 53, -3, "23.5", 304),
    ("Vårdintäkt inkl lab/rtg", 17, 271, 296, 283, 12, "9.1", 1798),
    ("Tandvårdsintäkter", -3, 45, 47, 56, -9, "4.1", 322),
    ("Vårdvalet primärvård", -3, 192, 205, 204, 0, "6.8", 1278),
    ("Försäljning av tjänster", 0, 39, 34, 36, -2, "-13.1", 220),
    ("Övriga intäkter", 5, 79, 85, 73, 12, "8.4", 290),
    ("Personal", -47, -1245, -1354, -1253, -101, "8.8", -7080),
    ("Övriga personalkostnader", -2, -15, -17, -15, -2, "11.3", -86),
    ("Läkemedel", -4, -190, -217, -214, -3, "13.9", -1323),
    ("Medicinskt o tandv mtrl", -12, -89, -106, -90, -16, "18.6", -556),
    ("Övrig direkt produktion", -9, -20, -31, -18, -14, "57.2", -126),
    ("Köp av verksamhet o tjänster", -2, -115, -126, -119, -6, "9.4", -729),
    ("Utomlänsvård", -11, -47, -62, -46, -17, "31.8", -274),
    ("Fastighetskostnader", -1, -20, -20, -19, -1, "2.0", -116),
    ("IT/MT poster", -2, -13, -14, -11, -3, "8.5", -62),
    ("Övriga poster", -10, -56, -54, -39, -15, "-3.6", -251),
    ("Avskrivningar m m", 0, 0, 0, 0, 0, "-20.3", -1),
]
SEED_GROUPS = [
    ("Verksamhetens intäkter", 14, 665, 716, 704, 12, "7.6", 4213),
    ("Verksamhetens kostnader", -100, -1811, -2001, -1824, -177, "10.5", -10604),
    ("Total", -86, -1145, -1285, -1120, -166, "12.3", -6391),
]
# Seed: "Avvikelse mot budget 2024-02 per område och basenhet", tkr: TOTAL, UTOMLÄNSVÅRD
# (blank = 0).
SEED_BASENHETER = {
    "1001": (-1134, 0),
    "1002": (-2342, 0),
    "1003": (-1637, 0),
    "1004": (-1565, 0),
    "1005": (-3020, -1),
    "1006": (-1728, 0),
    "1007": (-200, 0),
    "1080": (-4249, 0),
    "1082": (-4089, 0),
    "1084": (-4124, 0),
    "1128": (-2672, 0),
    "1129": (1224, 0),
    "1130": (-25, 0),
    "1380": (-108, 0),
    "1592": (-945, 0),
    "1030": (-808, 0),
    "1040": (-4891, 0),
    "1050": (-1563, 0),
    "1060": (-4697, 0),
    "1070": (-1864, 0),
    "1462": (-4162, 0),
    "1463": (-130, 2841),
    "1581": (-6069, -393),
    "1584": (-926, 0),
    "1593": (-8373, 0),
    "1595": (-7479, 0),
    "2002": (-698, 24),
    "2003": (1135, 0),
    "2129": (1790, -200),
    "2141": (-18387, -2339),
    "5042": (-978, 0),
    "5050": (-842, 0),
    "2001": (4007, 2580),
    "2140": (-7379, -1362),
    "2146": (-5812, -1340),
    "2256": (-14497, -6852),
    "3010": (-1852, 0),
    "3020": (-1117, 0),
    "2007": (-1565, 59),
    "2121": (-6289, 1492),
    "2138": (-1083, -164),
    "2145": (-482, 0),
    "2147": (-7875, -6921),
    "2149": (-9882, -708),
    "2253": (-2601, 0),
    "2257": (-10916, -1741),
    "4011": (-1924, 0),
    "4017": (-1548, 0),
    "4025": (-2194, 0),
    "4174": (-1472, 0),
    "4175": (-1628, 0),
    "4176": (510, 0),
    "4179": (-3, 0),
    "4791": (-3391, 0),
}
# Seed per-område table: område 21 (no basenhet table) total and utomlänsvård, tkr
OMRADE_21 = (-1044, -1481)
PERSONALKATEGORIER = {"LAK", "OMV", "PAR", "OVR", "EJD"}


def _mkr(v: Decimal) -> int:
    return int((v / 1000000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _tkr(v: Decimal) -> int:
    return int((v / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _pct(u: Decimal, p: Decimal) -> str:
    return str(((u - p) / p * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("landing")
    summary = generate_demo(path, scale=TEST_SCALE)
    assert summary.files_written == 62 * 3 + 6
    return path


@pytest.fixture(scope="module")
def con(landing: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(f"""
        create view hb as select * exclude (filename),
            regexp_extract(filename, 'period=(\\d{{4}}-\\d{{2}})', 1) as folder
        from read_parquet('{landing}/huvudbok/*/*.parquet', filename = true,
                          hive_partitioning = false);
        create view bu as select * exclude (filename),
            regexp_extract(filename, 'ar=(\\d{{4}})', 1) as folder
        from read_parquet('{landing}/budget/*/*.parquet', filename = true,
                          hive_partitioning = false);
        create view org as select * exclude (filename),
            regexp_extract(filename, 'period=(\\d{{4}}-\\d{{2}})', 1) as period
        from read_parquet('{landing}/organisation/*/*.parquet', filename = true,
                          hive_partitioning = false);
        create view kp as select cast(konto_fran as int) fran, cast(konto_till as int) till,
            rapportgrupp, rapportrad, rapportrad_nr, is_finansiell
        from read_csv('{KONTOPLAN}', header = true, all_varchar = true);
        -- latest placement of every kostnadsställe (last month it appears in)
        create view latest_org as select kostnadsstalle, basenhet, omrade
        from org qualify row_number() over (partition by kostnadsstalle
                                            order by period desc) = 1;
        -- utfall and budget in report convention, operating accounts only
        create view amounts as
        select x.kind, x.period, x.kostnadsstalle, kp.rapportgrupp, kp.rapportrad,
               cast(kp.rapportrad_nr as int) as nr, -x.belopp as amount
        from (select 'U' as kind, strftime(bokforingsdatum, '%Y-%m') as period,
                     kostnadsstalle, konto, belopp from hb
              union all
              select 'B', period, kostnadsstalle, konto, belopp from bu) x
        join kp on cast(x.konto as int) between kp.fran and kp.till
        where kp.is_finansiell = 'false';
    """)
    return c


def _figures(con: duckdb.DuckDBPyConnection, group_expr: str) -> dict[str, tuple]:
    rows = con.execute(f"""
        select {group_expr} as g,
          coalesce(sum(amount) filter (where kind = 'U' and period = '2024-02'), 0)
            - coalesce(sum(amount) filter (where kind = 'B' and period = '2024-02'), 0),
          sum(amount) filter (where kind = 'U' and period in ('2023-01', '2023-02')),
          sum(amount) filter (where kind = 'U' and period in ('2024-01', '2024-02')),
          sum(amount) filter (where kind = 'B' and period in ('2024-01', '2024-02')),
          sum(amount) filter (where kind = 'B' and period like '2024-%')
        from amounts group by all
    """).fetchall()
    out = {}
    for g, f, p, u, b, h in rows:
        out[g] = (_mkr(f), _mkr(p), _mkr(u), _mkr(b), _mkr(u - b), _pct(u, p), _mkr(h))
    return out


def test_targets_reproduce_every_displayed_figure() -> None:
    assert check_targets() == []


def test_region_table_per_report_line(con: duckdb.DuckDBPyConnection) -> None:
    got = _figures(con, "rapportrad")
    for name, *expected in SEED_LINES:
        assert got[name] == tuple(expected), name


def test_region_table_group_totals(con: duckdb.DuckDBPyConnection) -> None:
    got = _figures(con, "rapportgrupp")
    total = _figures(con, "'Total'")
    got.update(total)
    for name, *expected in SEED_GROUPS:
        assert got[name] == tuple(expected), name


def test_basenhet_ack_deviation_and_utomlansvard(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("""
        select o.basenhet, o.omrade,
          sum(a.amount) filter (where kind = 'U') - sum(a.amount) filter (where kind = 'B'),
          coalesce(sum(a.amount) filter (where kind = 'U' and nr = 13), 0)
            - coalesce(sum(a.amount) filter (where kind = 'B' and nr = 13), 0)
        from amounts a join latest_org o using (kostnadsstalle)
        where a.period in ('2024-01', '2024-02')
        group by all
    """).fetchall()
    got = {b: (_tkr(t), _tkr(u)) for b, _o, t, u in rows}
    for code, expected in SEED_BASENHETER.items():
        assert got[code] == expected, code
    omr21 = [(t, u) for _b, o, t, u in rows if o == "21"]
    assert _tkr(sum(t for t, _u in omr21)) == OMRADE_21[0]
    assert _tkr(sum(u for _t, u in omr21)) == OMRADE_21[1]
    region = sum(t for _b, _o, t, _u in rows)
    assert region == Decimal(-165_593_000)


def test_parquet_types(landing: Path) -> None:
    expected = {
        "organisation": [
            ("kostnadsstalle", pa.string()),
            ("kostnadsstalle_namn", pa.string()),
            ("basenhet", pa.string()),
            ("basenhet_namn", pa.string()),
            ("omrade", pa.string()),
            ("omrade_namn", pa.string()),
            ("forvaltning", pa.string()),
            ("forvaltning_namn", pa.string()),
            ("vardniva", pa.string()),
            ("ingar_i_produktion", pa.bool_()),
            ("ar_bup", pa.bool_()),
        ],
        "huvudbok": [
            ("verifikation", pa.string()),
            ("rad", pa.int32()),
            ("bokforingsdatum", pa.date32()),
            ("kostnadsstalle", pa.string()),
            ("konto", pa.string()),
            ("motpart", pa.string()),
            ("personalkategori", pa.string()),
            ("belopp", pa.decimal128(18, 2)),
            ("text", pa.string()),
        ],
        "budget": [
            ("period", pa.string()),
            ("kostnadsstalle", pa.string()),
            ("konto", pa.string()),
            ("personalkategori", pa.string()),
            ("belopp", pa.decimal128(18, 2)),
        ],
    }
    for extract, fields in expected.items():
        files = sorted((landing / extract).glob("*/*.parquet"))
        assert files
        for f in files[:: max(1, len(files) // 5)]:
            schema = pq.read_schema(f)
            assert [(x.name, x.type) for x in schema] == fields, f
    months = periods_between("2019-01", "2024-02")
    assert sorted(p.name for p in (landing / "organisation").iterdir()) == [
        f"period={m}" for m in months
    ]
    for m in months:
        assert sorted(p.name for p in (landing / "huvudbok" / f"period={m}").iterdir()) == [
            "huvudbok_1.parquet",
            "huvudbok_2.parquet",
        ]
    assert sorted(p.name for p in (landing / "budget").iterdir()) == [
        f"ar={y}" for y in range(2019, 2025)
    ]


def test_codes_and_rows_belong_to_their_period(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute("""
        select count(*) from hb
        where strftime(bokforingsdatum, '%Y-%m') <> folder
           or not regexp_full_match(kostnadsstalle, '\\d{6}')
           or not regexp_full_match(konto, '\\d{4}') or motpart not in ('E', 'I')
    """).fetchone()
    assert bad == (0,)
    bad = con.execute("""
        select count(*) from bu where left(period, 4) <> folder
           or not regexp_full_match(period, '\\d{4}-\\d{2}')
    """).fetchone()
    assert bad == (0,)
    periods = con.execute("select folder, count(distinct period) from bu group by 1").fetchall()
    assert all(n == 12 for _y, n in periods) and len(periods) == 6
    bad = con.execute("""
        select count(*) from org where not regexp_full_match(kostnadsstalle, '\\d{6}')
           or not regexp_full_match(basenhet, '\\d{4}')
           or not regexp_full_match(omrade, '\\d{2}') or forvaltning <> '2'
           or vardniva not in ('PRIMARVARD', 'SJUKHUSVARD', 'TANDVARD', 'OVRIGT')
    """).fetchone()
    assert bad == (0,)
    unknown = con.execute("""
        select count(*) from (select distinct konto from hb union select distinct konto from bu) k
        where not exists (select 1 from kp where cast(k.konto as int) between fran and till)
    """).fetchone()
    assert unknown == (0,)


def test_every_kostnadsstalle_exists_in_the_months_organisation(
    con: duckdb.DuckDBPyConnection,
) -> None:
    dup = con.execute("""
        select count(*) from (select period, kostnadsstalle from org group by all
                              having count(*) > 1)
    """).fetchone()
    assert dup == (0,)
    missing = con.execute("""
        select count(*) from hb
        where not exists (select 1 from org o where o.period = hb.folder
                          and o.kostnadsstalle = hb.kostnadsstalle)
    """).fetchone()
    assert missing == (0,)
    missing = con.execute("""
        select count(*) from bu
        where not exists (select 1 from org o where o.period = least(bu.period, '2024-02')
                          and o.kostnadsstalle = bu.kostnadsstalle)
    """).fetchone()
    assert missing == (0,)


def test_organisation_changes(con: duckdb.DuckDBPyConnection) -> None:
    def place(ks: str, period: str) -> tuple | None:
        return con.execute(f"""select basenhet, omrade from org
                           where kostnadsstalle = '{ks}' and period = '{period}'""").fetchone()

    assert place("146203", "2021-12") == ("1462", "24")
    assert place("146203", "2022-01") == ("2141", "24")
    assert place("225304", "2023-06") == ("2253", "26")
    assert place("225304", "2023-07") == ("1592", "23")
    assert place("100502", "2021-12") is not None
    assert place("100502", "2022-01") is None
    assert place("100502", "2024-02") is None
    assert place("159306", "2023-02") is None
    assert place("159306", "2023-03") == ("1593", "24")
    closed = con.execute("""select min(folder), max(folder) from hb
                        where kostnadsstalle = '100502'""").fetchone()
    assert closed == ("2019-01", "2021-12")
    opened = con.execute("select min(folder) from hb where kostnadsstalle = '159306'").fetchone()
    assert opened == ("2023-03",)
    flags = con.execute("""select basenhet, bool_or(ingar_i_produktion), bool_or(ar_bup)
                       from org where period = '2024-02' group by 1""").fetchall()
    by = {b: (i, bup) for b, i, bup in flags}
    assert by["3010"][0] is False and by["3020"][0] is False and by["5042"][0] is False
    assert by["1581"] == (True, True)
    assert sum(1 for _i, bup in by.values() if bup) == 1


def test_vouchers_unique_across_months(con: duckdb.DuckDBPyConnection) -> None:
    n, distinct = con.execute(
        """select count(*), count(distinct (verifikation, rad)) from hb"""
    ).fetchone()
    assert n == distinct
    bad = con.execute("""select count(*) from hb where not regexp_full_match(verifikation,
                     '\\d{4}-\\d{6}') or rad < 1""").fetchone()
    assert bad == (0,)


def test_personalkategori_rules(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute("""
        select count(*) from hb where
          (cast(konto as int) between 4000 and 4599)
            <> (personalkategori in ('LAK', 'OMV', 'PAR', 'OVR', 'EJD'))
          or (personalkategori is null) = (cast(konto as int) between 4000 and 4599)
    """).fetchone()
    assert bad == (0,)
    cats = con.execute("""
        select distinct personalkategori from bu where cast(konto as int) between 4000 and 4599
    """).fetchall()
    assert {c for (c,) in cats} == PERSONALKATEGORIER | {None}
    bad = con.execute("""select count(*) from bu where personalkategori is not null
                     and not (cast(konto as int) between 4000 and 4599)""").fetchone()
    assert bad == (0,)
    dup = con.execute("""select count(*) from (select period, kostnadsstalle, konto,
                     personalkategori from bu group by all having count(*) > 1)""").fetchone()
    assert dup == (0,)
    hyr = con.execute("""select count(*) from hb where konto like '46%'""").fetchone()
    assert hyr is not None and hyr[0] > 0


def test_text_column_and_financial_rows(con: duckdb.DuckDBPyConnection) -> None:
    per_month = con.execute("""
        select folder, count(*) filter (where regexp_matches(text, '\\d{6,8}-?\\d{4}')),
               count(text), count(*)
        from hb group by 1
    """).fetchall()
    assert len(per_month) == 62
    for _m, pnr, texts, n in per_month:
        assert pnr >= 3
        assert texts < 0.1 * n
    fin = con.execute("""select count(distinct folder) from hb where konto like '8%'""").fetchone()
    assert fin == (62,)


def test_rows_per_month_and_determinism(landing: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    sa = generate_demo(a, first_period="2024-02", last_period="2024-02")
    generate_demo(b, first_period="2024-02", last_period="2024-02")
    assert 360_000 <= sa.rows["huvudbok"] <= 440_000
    for rel in [
        "huvudbok/period=2024-02/huvudbok_1.parquet",
        "organisation/period=2024-02/organisation.parquet",
        "budget/ar=2024/budget.parquet",
    ]:
        assert (
            hashlib.sha256((a / rel).read_bytes()).digest()
            == hashlib.sha256((b / rel).read_bytes()).digest()
        ), rel
    # a month does not depend on the range generated with it (budget neither)
    assert (a / "budget/ar=2024/budget.parquet").read_bytes() == (
        landing / "budget/ar=2024/budget.parquet"
    ).read_bytes()
    # a rerun replaces the previous demo output
    generate_demo(a, first_period="2024-01", last_period="2024-01", scale=0.2)
    assert not (a / "huvudbok/period=2024-02").exists()


def test_allocation_is_exact() -> None:
    parts = allocate(-1001, np.array([1.0, 1.0, 1.0]))
    assert parts.sum() == -1001 and sorted(parts.tolist()) == [-334, -334, -333]
    totals = np.array([5, -7, 3])
    group = np.array([0, 1, 0, 1, 1, 2, 2])
    got = allocate_groups(totals, group, np.array([1.0, 2.0, 3.0, 1.0, 1.0, 0.0, 0.0]))
    assert np.bincount(group, weights=got).tolist() == [5, -7, 3]


def test_balance_meets_rows_and_columns() -> None:
    rng = np.random.default_rng(1)
    w = rng.random((6, 4)) * (rng.random((6, 4)) > 0.3)
    w[:, 0] = 1.0
    rows = np.array([10, -5, 3, 7, 0, -2], dtype=np.int64) * 1000
    cols = np.array([4, 6, 1, 2], dtype=np.int64) * 1000
    x = balance(rng.random((6, 4)) * 1000, w, rows, cols, slack_col=0)
    assert x.sum(axis=1).tolist() == rows.tolist()
    assert x.sum(axis=0).tolist() == cols.tolist()
    assert (x[w == 0] == 0).all()
