"""The demo, built end to end, shows the seed report's "Vårdproduktion ack februari" tables.

The expected values are typed from the board report (../shared/seed-documents/000_…txt,
"Produktion och tillgänglighet"): primärvård and sjukhusvård 2021–2024, tandvård 2019–2024
(exkl käkkirurgi) and the primary-care vaccination visits. The seed's primary-care
"Sjukvårdande behandling" includes the covid-19 vaccination visits ("ingår och påverkar
statistiken"); the mart keeps them apart, so that row is sjukvardande_behandling +
vaccinationsbesok. Each figure is compared after rounding the mart's value as the seed does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from hsn.settings import Settings

pytestmark = pytest.mark.slow

YEARS = (2021, 2022, 2023, 2024)
PRIMARVARD = {
    "Vårdtillfällen": (178, 210, 181, 169),
    "Vård dagar": (1460, 1331, 1254, 1292),
    "Medelvårdtid": ("7.21", "5.36", "5.96", "6.64"),
    "Beläggning": ("74.3", "72.3", "72.6", "70.0"),
    "Läkarbesök": (31803, 32644, 36904, 39139),
    "Sjukvårdande behandling": (55875, 122223, 70098, 66803),
    "Viktad Vårdtjänst": (3355, 4950, 3962, 4018),
}
SJUKHUSVARD = {
    "Vårdtillfällen": (6936, 6886, 6445, 6818),
    "Vård dagar": (43516, 40202, 39786, 40734),
    "Vårdtjänst DRG": (8022, 7723, 7433, 7899),
    "Vårdtjänst-DRG/vårdtillfälle": ("1.16", "1.12", "1.15", "1.16"),
    "Medelvårdtid": ("5.50", "4.96", "5.40", "5.28"),
    "Beläggning": ("89.1", "92.3", "97.6", "103.8"),
    "Läkarbesök": (52202, 53322, 59037, 61658),
    "Sjukvårdande behandling": (63244, 62164, 73400, 72593),
    "Viktad Vårdtjänst": (14129, 13536, 13787, 14448),
}
# (2021/2024, 2023/2024) "Förändring" of the count rows, %
FORANDRING = {
    ("PRIMARVARD", "Vårdtillfällen"): ("-5.1", "-6.6"),
    ("PRIMARVARD", "Läkarbesök"): ("23.1", "6.1"),
    ("SJUKHUSVARD", "Vårdtillfällen"): ("-1.7", "5.8"),
    ("SJUKHUSVARD", "Läkarbesök"): ("18.1", "4.4"),
}
TANDVARD_YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
TANDVARD = {
    "Antal Besök": (51247, 43618, 40074, 38952, 39716, 39401),
    "Antal Patienter": (35042, 30598, 27953, 27675, 27929, 27047),
}
VACCINATION = {2021: 2010, 2022: 67956, 2023: 5067, 2024: 1712}

ROWS_SQL = {
    "Vårdtillfällen": "ack_vardtillfallen",
    "Vård dagar": "ack_varddagar",
    "Medelvårdtid": "ack_medelvardtid",
    "Beläggning": "ack_belaggning * 100",
    "Läkarbesök": "ack_lakarbesok",
    "Vårdtjänst DRG": "ack_vardtjanst_drg",
    "Vårdtjänst-DRG/vårdtillfälle": "ack_vardtjanst_drg_per_vardtillfalle",
    "Viktad Vårdtjänst": "ack_viktad_vardtjanst",
    "Antal Besök": "ack_tandvard_besok",
    "Antal Patienter": "ack_tandvard_patienter",
}


def as_seed(value: object, like: object) -> object:
    """The mart's value rounded the way the seed shows ``like`` (int, or a 'd.dd' string)."""
    if isinstance(like, int):
        return int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))
    decimals = Decimal(1).scaleb(-len(str(like).split(".")[1]))
    return str(Decimal(str(value)).quantize(decimals, ROUND_HALF_UP))


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def ack_feb(settings: Settings, vardniva: str, expression: str, years: tuple[int, ...]) -> list:
    rows = query(
        settings,
        f"""
        select ar, {expression} from mart_vardproduktion
        where niva = 'region' and vardniva = '{vardniva}' and manad = 2
            and ar between {min(years)} and {max(years)}
        order by ar
        """,
    )
    assert [r[0] for r in rows] == list(years)
    return [r[1] for r in rows]


@pytest.fixture(scope="module")
def demo(demo_built: Settings) -> Settings:
    return demo_built


@pytest.mark.parametrize(
    ("vardniva", "table"), [("PRIMARVARD", PRIMARVARD), ("SJUKHUSVARD", SJUKHUSVARD)]
)
def test_vardproduktion_ack_februari(demo: Settings, vardniva: str, table: dict) -> None:
    for row, seed in table.items():
        expression = ROWS_SQL.get(row, "ack_sjukvardande_behandling + ack_vaccinationsbesok")
        got = ack_feb(demo, vardniva, expression, YEARS)
        assert [as_seed(v, s) for v, s in zip(got, seed, strict=True)] == list(seed), row


def test_forandring(demo: Settings) -> None:
    for (vardniva, row), (from_2021, from_2023) in FORANDRING.items():
        values = ack_feb(demo, vardniva, ROWS_SQL[row], YEARS)
        change = [(values[3] - values[i]) / values[i] * 100 for i in (0, 2)]
        assert [as_seed(c, "0.0") for c in change] == [from_2021, from_2023], (vardniva, row)


def test_tandvard_ack_februari(demo: Settings) -> None:
    for row, seed in TANDVARD.items():
        got = ack_feb(demo, "TANDVARD", ROWS_SQL[row], TANDVARD_YEARS)
        assert got == list(seed), row
    besok = TANDVARD["Antal Besök"]
    assert as_seed((besok[5] - besok[0]) / besok[0] * 100, "0.0") == "-23.1"


def test_vaccinationsbesok_ack_februari(demo: Settings) -> None:
    got = ack_feb(demo, "PRIMARVARD", "ack_vaccinationsbesok", YEARS)
    assert got == [VACCINATION[y] for y in YEARS]


def test_distinct_patients_are_never_summed(demo: Settings) -> None:
    """Region ack patients < Σ over clinics (people visit several); month ≤ ack ≤ R12."""
    region, over_units, month, r12 = query(
        demo,
        """
        select
            max(case when niva = 'region' then ack_tandvard_patienter end),
            sum(case when niva = 'kostnadsstalle' then ack_tandvard_patienter end),
            max(case when niva = 'region' then tandvard_patienter end),
            max(case when niva = 'region' then r12_tandvard_patienter end)
        from mart_vardproduktion
        where period = date '2024-02-01' and vardniva = 'TANDVARD'
        """,
    )[0]
    assert region == 27047
    assert over_units > region and month < region < r12


def test_r12_only_with_twelve_loaded_months(demo: Settings) -> None:
    rows = query(
        demo,
        """
        select period, r12_vardtillfallen, r12_medelvardtid, r12_disponibla_vardplatser
        from mart_vardproduktion
        where niva = 'region' and vardniva = 'SJUKHUSVARD'
            and period in (date '2019-11-01', date '2019-12-01')
        order by period
        """,
    )
    assert rows[0][1:] == (None, None, None)
    assert all(v is not None for v in rows[1][1:])


def test_r12_patients_match_an_independent_query(demo: Settings) -> None:
    """Distinct dental patients March 2023 – February 2024 straight from accepted Parquet."""
    accepted = demo.data_dir / "accepted"
    with duckdb.connect() as con:
        expected = con.execute(
            f"""
            with org as (
                select kostnadsstalle, vardniva, ingar_i_produktion
                from read_parquet('{accepted}/organisation/*/*.parquet', hive_partitioning = true)
                where period = '2024-02'
            )
            select count(distinct k.personnummer)
            from read_parquet('{accepted}/vardkontakter/*/*.parquet', hive_partitioning = true)
                as k
            inner join org using (kostnadsstalle)
            where org.vardniva = 'TANDVARD' and org.ingar_i_produktion
                and k.period between '2023-03' and '2024-02'
            """
        ).fetchone()[0]
    got = query(
        demo,
        """
        select r12_tandvard_patienter from mart_vardproduktion
        where niva = 'region' and vardniva = 'TANDVARD' and period = date '2024-02-01'
        """,
    )[0][0]
    assert got == expected
