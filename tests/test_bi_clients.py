"""The published warehouse opens in the BI clients people use (docs/bi.md, "Connecting").

- duckdb 1.x, which many BI drivers bundle: a separate venv (.venv-duckdb1, made by
  `make setup` from requirements-duckdb1.lock) reads every mart and dimension in a subprocess.
  duckdb 2.0's default storage format is unreadable to 1.x; publish writes v1.4.0.
- Power BI and Excel read the Parquet exports: one file per mart and dimension, same rows.
- SQLAlchemy + duckdb-engine (Superset-style tools): reflection gives every contracted column
  with a sensible type, and a typical BI query in SQLAlchemy Core gives what plain duckdb
  gives and what the seed report says.

The demo publication (conftest.demo_built, built once per session) is used because every mart
has rows in it and the seed report gives values worked out independently of the warehouse.
A session that imports both Great Expectations and duckdb-engine ends with duckdb 2.0's
"nanobind: leaked N instances" messages at interpreter exit: noise at shutdown, the exit code
is unaffected.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
import yaml

from hsn.settings import Settings
from test_calibration_seed import SEED_OMRADEN, SEED_TOTALS, rounded

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
DUCKDB1_PYTHON = REPO / ".venv-duckdb1" / "bin" / "python"
# the marts and dimensions of the spec (shared/spec/marts.md): BI's promised interface
SPEC_RELATIONS = {
    "mart_budgetavvikelse", "mart_r12", "mart_vardproduktion", "mart_tillganglighet",
    "mart_pv_vantedagar", "mart_atgardsplaner", "mart_personalkostnad", "mart_prognos",
    "dim_organisation", "dim_konto", "dim_period",
}
FEBRUARY = date(2024, 2, 1)
# contract data_type → the SQLAlchemy type a BI tool should see when it reflects the column
SQLALCHEMY_TYPES: dict[str, type[sa.types.TypeEngine]] = {
    "varchar": sa.String,
    "string": sa.String,  # the contracts' portable name (Spark's), DuckDB's alias of VARCHAR
    "date": sa.Date,
    "boolean": sa.Boolean,
    "integer": sa.Integer,
    "bigint": sa.BigInteger,
    "double": sa.Float,
}


def contracts() -> dict[str, list[tuple[str, str]]]:
    """Every mart and dimension with an enforced contract: [(column, data_type)] in order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((REPO / "models" / "marts").rglob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            name = model["name"]
            enforced = model.get("config", {}).get("contract", {}).get("enforced")
            if name.startswith(("mart_", "dim_")) and enforced:
                found[name] = [(c["name"], c["data_type"].lower()) for c in model["columns"]]
    return found


@pytest.fixture(scope="module")
def warehouse(demo_built: Settings) -> Path:
    return demo_built.published_warehouse


@pytest.fixture(scope="module")
def duckdb2_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and (starts_with(table_name, 'mart_') or starts_with(table_name, 'dim_'))"
        ).fetchall()]
        return {
            name: con.execute(f'select count(*) from main."{name}"').fetchone()[0]
            for name in names
        }


DUCKDB1_READER = textwrap.dedent(
    """
    import json, sys
    import duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    names = [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main' "
        "and (starts_with(table_name, 'mart_') or starts_with(table_name, 'dim_'))"
    ).fetchall()]
    counts = {n: con.execute(f'select count(*) from main."{n}"').fetchone()[0] for n in names}
    (ack_avvikelse,) = con.execute(
        "select sum(ack_avvikelse) from mart_budgetavvikelse "
        "where niva = 'region' and period = date '2024-02-01'"
    ).fetchone()
    print(json.dumps({"version": duckdb.__version__, "counts": counts,
                      "ack_avvikelse": str(ack_avvikelse)}))
    """
)


def test_duckdb1_reads_every_mart(warehouse: Path, duckdb2_counts: dict[str, int]) -> None:
    if not DUCKDB1_PYTHON.exists():
        pytest.skip(f"{DUCKDB1_PYTHON} is missing: `make setup` creates it")
    done = subprocess.run(
        [str(DUCKDB1_PYTHON), "-c", DUCKDB1_READER, str(warehouse)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["version"].startswith("1."), result["version"]
    # the same relations with the same rows as duckdb 2.0 reads, and none of them empty
    assert result["counts"] == duckdb2_counts
    assert result["counts"].keys() >= SPEC_RELATIONS
    assert all(count > 0 for count in result["counts"].values()), result["counts"]
    # the seed report's total ack avvikelse for February 2024: −166 mkr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (expected,) = con.execute(
            "select sum(ack_avvikelse) from mart_budgetavvikelse "
            "where niva = 'region' and period = date '2024-02-01'"
        ).fetchone()
    assert Decimal(result["ack_avvikelse"]) == expected
    assert rounded(expected, 1_000_000) == SEED_TOTALS[None][4] == -166


def test_parquet_exports_hold_every_mart(
    demo_built: Settings, duckdb2_counts: dict[str, int]
) -> None:
    exports = {path.stem: path for path in demo_built.exports_dir.glob("*.parquet")}
    assert exports.keys() == duckdb2_counts.keys()
    assert {name: pq.ParquetFile(path).metadata.num_rows for name, path in exports.items()} == (
        duckdb2_counts
    )


def test_sqlalchemy_reflects_every_mart_with_its_contract(warehouse: Path) -> None:
    expected = contracts()
    assert expected.keys() >= SPEC_RELATIONS
    engine = sa.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    try:
        inspector = sa.inspect(engine)
        assert expected.keys() <= set(inspector.get_table_names())
        for name, columns in expected.items():
            reflected = inspector.get_columns(name)
            assert [c["name"] for c in reflected] == [column for column, _ in columns], name
            for column, (_, data_type) in zip(reflected, columns, strict=True):
                where = (name, column["name"], data_type, repr(column["type"]))
                if data_type.startswith("decimal"):
                    precision, scale = data_type.removeprefix("decimal(").rstrip(")").split(",")
                    assert isinstance(column["type"], sa.Numeric), where
                    assert not isinstance(column["type"], sa.Float), where
                    assert (column["type"].precision, column["type"].scale) == (
                        int(precision), int(scale)
                    ), where
                else:
                    assert isinstance(column["type"], SQLALCHEMY_TYPES[data_type]), where
    finally:
        engine.dispose()


@pytest.mark.filterwarnings("ignore:duckdb-engine doesn't yet support reflection on indices")
def test_bi_query_in_sqlalchemy_core_equals_plain_duckdb_and_the_seed(warehouse: Path) -> None:
    """Område 24's ack avvikelse per report line for February 2024, as a BI tool asks it."""
    omrade = "24"
    # plain duckdb first and closed: duckdb-engine opens the file with another configuration,
    # which DuckDB refuses while a plain connection in the same process holds it
    with duckdb.connect(str(warehouse), read_only=True) as con:
        plain = con.execute(
            "select rapportrad, sum(ack_avvikelse) from mart_budgetavvikelse "
            "where niva = 'omrade' and omrade = ? and period = ? "
            "group by rapportrad order by rapportrad",
            [omrade, FEBRUARY],
        ).fetchall()
    engine = sa.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    try:
        mart = sa.Table("mart_budgetavvikelse", sa.MetaData(), autoload_with=engine)
        query = (
            sa.select(mart.c.rapportrad, sa.func.sum(mart.c.ack_avvikelse))
            .where(mart.c.niva == "omrade", mart.c.omrade == omrade, mart.c.period == FEBRUARY)
            .group_by(mart.c.rapportrad)
            .order_by(mart.c.rapportrad)
        )
        with engine.connect() as connection:
            rows = [tuple(row) for row in connection.execute(query)]
    finally:
        engine.dispose()
    assert rows == plain
    assert len(rows) > 1
    assert all(isinstance(total, Decimal) for _, total in rows)
    # the seed's "Ekonomi 2024-02" SUMMA for område 24 (tkr), rounded on its own: allow 5 tkr
    total = rounded(sum(total for _, total in rows), 1000)
    assert abs(total - SEED_OMRADEN[omrade]) <= 5, (total, SEED_OMRADEN[omrade])


def test_superset_style_url_reads_the_catalog_by_file_name(warehouse: Path) -> None:
    """The connection string of docs/bi.md: read-only by URL, catalog = the file's base name."""
    engine = sa.create_engine(f"duckdb:///{warehouse}?access_mode=read_only")
    try:
        with engine.connect() as connection:
            mode, rows = connection.execute(sa.text(
                "select current_setting('access_mode'), count(*) from warehouse.main.mart_r12"
            )).one()
    finally:
        engine.dispose()
    assert mode == "read_only"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert rows == con.execute("select count(*) from mart_r12").fetchone()[0] > 0
