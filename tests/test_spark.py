"""The same dbt project on Apache Spark: `dbt build --target spark` over the same accepted
Parquet gives the same marts, row for row, as the DuckDB build.

Opt-in (`pytest -m spark`, `make test-spark`): it needs pyspark, dbt-spark and Java 17
(requirements-spark.lock) and takes several minutes, most of it Spark's per-query overhead.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import make_settings
from hsn.dbt_build import run_dbt
from hsn.gate import run_gate
from hsn.settings import Settings

pytestmark = pytest.mark.spark

# Four months across a year end: ack, R12 and last year's figures all have something to do.
FIRST_PERIOD, LAST_PERIOD = "2023-11", "2024-02"
# The demo's production and accessibility extracts have the report's full volumes whatever the
# scale; every KEEP_EVERY-th row of them is plenty to exercise every model.
KEEP_EVERY = 10
THINNED = (
    "vardkontakter", "vardplatser", "pv_bedomningar", "telefoni", "vantelista",
    "tandvard_kallelser",
)
MARTS = (
    "dim_konto", "dim_organisation", "dim_period", "mart_atgardsplaner", "mart_budgetavvikelse",
    "mart_personalkostnad", "mart_prognos", "mart_pv_vantedagar", "mart_r12",
    "mart_regionjamforelse", "mart_tillganglighet", "mart_vardproduktion",
)
# Doubles come from divisions that the engines round differently in the last bits.
DOUBLE_DECIMALS = 9


def thin_landing(landing: Path) -> None:
    for extract in THINNED:
        for path in sorted((landing / extract).glob("*/*.parquet")):
            table = pq.read_table(path)
            pq.write_table(table.take(list(range(0, table.num_rows, KEEP_EVERY))), path)


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, float]]:
    """One small landing through the gate, then dbt build on DuckDB and on Spark."""
    pytest.importorskip("pyspark")
    pytest.importorskip("dbt.adapters.spark")
    from hsn.demo import generate_demo

    settings = make_settings(tmp_path_factory.mktemp("spark"))
    generate_demo(settings.landing_dir, first_period=FIRST_PERIOD, last_period=LAST_PERIOD,
                  scale=0.1)
    thin_landing(settings.landing_dir)
    gate = run_gate(settings)
    assert not [o for o in gate.outcomes if o.status != "accepted"]

    seconds: dict[str, float] = {}
    with pytest.MonkeyPatch.context() as patch:
        # Spark's driver binds to loopback only
        patch.setitem(os.environ, "SPARK_LOCAL_IP", "127.0.0.1")
        for target in ("duckdb", "spark"):
            started = time.perf_counter()
            result = run_dbt(settings, ["build", "--target", target], echo=False)
            seconds[target] = time.perf_counter() - started
            assert result.success, (target, result.failures, result.output[-3000:])
    print(f"\ndbt build: duckdb {seconds['duckdb']:.0f} s, spark {seconds['spark']:.0f} s")
    return settings, seconds


def normalised(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """A select over relation with doubles rounded and every other type as it is."""
    columns = con.execute(f"describe select * from {relation}").fetchall()
    expressions = [
        f"round({name}, {DOUBLE_DECIMALS}) as {name}" if kind in ("DOUBLE", "FLOAT") else name
        for name, kind, *_ in columns
    ]
    return f"select {', '.join(expressions)} from {relation}"


@pytest.mark.parametrize("mart", MARTS)
def test_spark_mart_equals_duckdb_mart(
    both_builds: tuple[Settings, dict[str, float]], mart: str
) -> None:
    settings, _ = both_builds
    con = duckdb.connect()
    con.execute(f"attach '{settings.build_warehouse}' as duck (read_only)")
    spark_files = settings.data_dir / "spark" / "warehouse" / "hsn.db" / mart
    con.execute(
        f"create view spark_mart as select * from read_parquet('{spark_files}/*.parquet')"
    )
    duck_columns = con.execute(f"describe duck.main.{mart}").fetchall()
    spark_columns = con.execute("describe spark_mart").fetchall()
    # the same columns in the same order, with the same types
    assert [(c[0], c[1]) for c in spark_columns] == [(c[0], c[1]) for c in duck_columns]

    duck_sql = normalised(con, f"duck.main.{mart}")
    spark_sql = normalised(con, "spark_mart")
    rows = con.execute(f"select count(*) from duck.main.{mart}").fetchone()[0]
    assert rows > 0
    only_duck = con.execute(f"{duck_sql} except all {spark_sql}").fetchall()
    only_spark = con.execute(f"{spark_sql} except all {duck_sql}").fetchall()
    assert (only_duck[:5], only_spark[:5]) == ([], [])
    assert con.execute("select count(*) from spark_mart").fetchone()[0] == rows
