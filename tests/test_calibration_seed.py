"""The demo, built end to end, shows the seed report's February 2024 figures.

The expected values are typed from the board report (../shared/seed-documents/000_…txt):
"budgetavvikelse – februari 2024" (mkr) and "Avvikelse mot budget 2024-02 per område och
basenhet" (tkr). The report rounds each figure on its own, so each is compared after rounding
the mart's value the same way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from hsn.settings import Settings

pytestmark = pytest.mark.slow

# rapportrad: (februari avvikelse, ack utfall föreg år, ack utfall, ack budget, ack avvikelse,
#              kostnadsutveckling %, helår budget), mkr
SEED_TABLE = {
    "Patientintäkter": (-1, 40, 49, 53, -3, "23.5", 304),
    "Vårdintäkt inkl lab/rtg": (17, 271, 296, 283, 12, "9.1", 1798),
    "Tandvårdsintäkter": (-3, 45, 47, 56, -9, "4.1", 322),
    "Vårdvalet primärvård": (-3, 192, 205, 204, 0, "6.8", 1278),
    "Försäljning av tjänster": (0, 39, 34, 36, -2, "-13.1", 220),
    "Övriga intäkter": (5, 79, 85, 73, 12, "8.4", 290),
    "Personal": (-47, -1245, -1354, -1253, -101, "8.8", -7080),
    "Övriga personalkostnader": (-2, -15, -17, -15, -2, "11.3", -86),
    "Läkemedel": (-4, -190, -217, -214, -3, "13.9", -1323),
    "Medicinskt o tandv mtrl": (-12, -89, -106, -90, -16, "18.6", -556),
    "Övrig direkt produktion": (-9, -20, -31, -18, -14, "57.2", -126),
    "Köp av verksamhet o tjänster": (-2, -115, -126, -119, -6, "9.4", -729),
    "Utomlänsvård": (-11, -47, -62, -46, -17, "31.8", -274),
    "Fastighetskostnader": (-1, -20, -20, -19, -1, "2.0", -116),
    "IT/MT poster": (-2, -13, -14, -11, -3, "8.5", -62),
    "Övriga poster": (-10, -56, -54, -39, -15, "-3.6", -251),
    "Avskrivningar m m": (0, 0, 0, 0, 0, "-20.3", -1),
}
SEED_TOTALS = {
    "Verksamhetens intäkter": (14, 665, 716, 704, 12, "7.6", 4213),
    "Verksamhetens kostnader": (-100, -1811, -2001, -1824, -177, "10.5", -10604),
    None: (-86, -1145, -1285, -1120, -166, "12.3", -6391),
}
# basenhet: (TOTAL, UTOMLÄNSVÅRD) ack avvikelse, tkr
SEED_BASENHETER = {
    "1001": (-1134, 0), "1002": (-2342, 0), "1003": (-1637, 0), "1004": (-1565, 0),
    "1005": (-3020, -1), "1006": (-1728, 0), "1007": (-200, 0),
    "1080": (-4249, 0), "1082": (-4089, 0), "1084": (-4124, 0), "1128": (-2672, 0),
    "1129": (1224, 0), "1130": (-25, 0), "1380": (-108, 0), "1592": (-945, 0),
    "1030": (-808, 0), "1040": (-4891, 0), "1050": (-1563, 0), "1060": (-4697, 0),
    "1070": (-1864, 0), "1462": (-4162, 0), "1463": (-130, 2841), "1581": (-6069, -393),
    "1584": (-926, 0), "1593": (-8373, 0), "1595": (-7479, 0), "2002": (-698, 24),
    "2003": (1135, 0), "2129": (1790, -200), "2141": (-18387, -2339), "5042": (-978, 0),
    "5050": (-842, 0),
    "2001": (4007, 2580), "2140": (-7379, -1362), "2146": (-5812, -1340),
    "2256": (-14497, -6852), "3010": (-1852, 0), "3020": (-1117, 0),
    "2007": (-1565, 59), "2121": (-6289, 1492), "2138": (-1083, -164), "2145": (-482, 0),
    "2147": (-7875, -6921), "2149": (-9882, -708), "2253": (-2601, 0), "2257": (-10916, -1741),
    "4011": (-1924, 0), "4017": (-1548, 0), "4025": (-2194, 0), "4174": (-1472, 0),
    "4175": (-1628, 0), "4176": (510, 0), "4179": (-3, 0), "4791": (-3391, 0),
}
# område: ack avvikelse total, tkr ("Ekonomi 2024-02", SUMMA)
SEED_OMRADEN = {
    "21": -1044, "22": -11625, "23": -14986, "24": -58941,
    "25": -26653, "26": -40693, "27": -11650,
}


def rounded(value: Decimal, unit: int) -> int:
    return int((value / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(value: float) -> str:
    return str(Decimal(str(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def demo(demo_built: Settings) -> Settings:
    return demo_built


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


LINE_COLUMNS = """
    sum(avvikelse), sum(ack_utfall_foreg_ar), sum(ack_utfall), sum(ack_budget),
    sum(ack_avvikelse), (sum(ack_utfall) - sum(ack_utfall_foreg_ar)) / sum(ack_utfall_foreg_ar),
    sum(helarsbudget)
"""


def as_seed(row: tuple) -> tuple:
    """(avvikelse, föreg år, utfall, budget, ack avvikelse, %, helår) as the seed shows them."""
    return (
        *(rounded(value, 1_000_000) for value in row[:5]),
        percent(row[5]),
        rounded(row[6], 1_000_000),
    )


def test_budgetavvikelse_per_report_line(demo: Settings) -> None:
    rows = query(
        demo,
        f"select rapportrad, {LINE_COLUMNS} from mart_budgetavvikelse "
        "where niva = 'region' and period = date '2024-02-01' group by rapportrad",
    )
    actual = {name: as_seed(values) for name, *values in rows}
    assert actual == SEED_TABLE


def test_budgetavvikelse_totals(demo: Settings) -> None:
    rows = query(
        demo,
        f"select rapportgrupp, {LINE_COLUMNS} from mart_budgetavvikelse "
        "where niva = 'region' and period = date '2024-02-01' "
        "group by grouping sets ((rapportgrupp), ())",
    )
    actual = {name: as_seed(values) for name, *values in rows}
    assert actual == SEED_TOTALS


def test_deviation_per_basenhet(demo: Settings) -> None:
    rows = query(
        demo,
        "select basenhet, sum(ack_avvikelse), "
        "sum(case when rapportrad = 'Utomlänsvård' then ack_avvikelse else 0 end) "
        "from mart_budgetavvikelse where niva = 'basenhet' and period = date '2024-02-01' "
        "and omrade <> '21' group by basenhet",
    )
    actual = {be: (rounded(total, 1000), rounded(ulv, 1000)) for be, total, ulv in rows}
    assert actual == SEED_BASENHETER


def test_deviation_per_omrade(demo: Settings) -> None:
    rows = query(
        demo,
        "select omrade, sum(ack_avvikelse) from mart_budgetavvikelse "
        "where niva = 'omrade' and period = date '2024-02-01' group by omrade",
    )
    actual = {omrade: rounded(total, 1000) for omrade, total in rows}
    # the seed's område totals are rounded separately from its basenheter: allow 5 tkr
    assert actual.keys() == SEED_OMRADEN.keys()
    for omrade, expected in SEED_OMRADEN.items():
        assert abs(actual[omrade] - expected) <= 5, (omrade, actual[omrade], expected)


def test_demo_organisation_is_the_regions(demo: Settings) -> None:
    rows = query(demo, "select distinct basenhet from dim_organisation where omrade <> '21'")
    assert {be for (be,) in rows} == set(SEED_BASENHETER)


def test_landing_rows_all_reach_staging(demo: Settings, tmp_path: Path) -> None:
    landing = demo.landing_dir / "huvudbok"
    with duckdb.connect() as con:
        (landing_rows, landing_total) = con.execute(
            "select count(*), sum(belopp) from read_parquet(?)", [f"{landing}/*/*.parquet"]
        ).fetchone()
    (staged_rows, staged_total) = query(
        demo, "select count(*), sum(belopp_bokfort) from stg_ekonomi__huvudbok"
    )[0]
    assert (staged_rows, staged_total) == (landing_rows, landing_total)
