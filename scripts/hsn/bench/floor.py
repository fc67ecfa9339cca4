"""The floor: the ekonomi marts computed by one plain DuckDB script straight from the accepted
Parquet, with no dbt, no tests and no intermediate tables. What a build costs is reported as a
ratio to this."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

FLOOR_SQL = """
create or replace table kontoplan as
select konto::varchar as konto, rapportrad_nr, is_finansiell
from (select unnest(range(3000, 9000)) as konto) k
join read_csv('{chart}', header = true) c on k.konto between c.konto_fran and c.konto_till;

create or replace table org as
select o.kostnadsstalle, o.basenhet, o.omrade
from read_parquet('{accepted}/organisation/*/*.parquet', hive_partitioning = true,
                  hive_types_autocast = false) o
qualify row_number() over (partition by kostnadsstalle order by period desc) = 1;

create or replace table per_manad as
with utfall as (
    select cast(period || '-01' as date) as period, kostnadsstalle, rapportrad_nr,
           -sum(belopp) as utfall
    from read_parquet('{accepted}/huvudbok/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false) h
    join kontoplan using (konto)
    where not is_finansiell
    group by all
), budget as (
    select cast(period || '-01' as date) as period, kostnadsstalle, rapportrad_nr,
           -sum(belopp) as budget
    from read_parquet('{accepted}/budget/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false) b
    join kontoplan using (konto)
    where not is_finansiell
    group by all
)
select * from utfall full outer join budget using (period, kostnadsstalle, rapportrad_nr);

create or replace table per_niva as
select 'kostnadsstalle' as niva, kostnadsstalle as enhet, period, rapportrad_nr,
       sum(utfall) as utfall, sum(budget) as budget
from per_manad join org using (kostnadsstalle) group by all
union all
select 'basenhet', basenhet, period, rapportrad_nr, sum(utfall), sum(budget)
from per_manad join org using (kostnadsstalle) group by all
union all
select 'omrade', omrade, period, rapportrad_nr, sum(utfall), sum(budget)
from per_manad join org using (kostnadsstalle) group by all
union all
select 'region', 'region', period, rapportrad_nr, sum(utfall), sum(budget)
from per_manad group by all;

create or replace table floor_budgetavvikelse as
select *,
    sum(utfall) over (partition by niva, enhet, rapportrad_nr, year(period) order by period)
        as ack_utfall,
    sum(budget) over (partition by niva, enhet, rapportrad_nr, year(period) order by period)
        as ack_budget,
    sum(budget) over (partition by niva, enhet, rapportrad_nr, year(period)) as helarsbudget
from per_niva;

create or replace table floor_r12 as
select *,
    sum(utfall) over (partition by niva, enhet, rapportrad_nr order by period
                      range between interval 11 month preceding and current row) as utfall_r12,
    sum(budget) over (partition by niva, enhet, rapportrad_nr order by period
                      range between interval 11 month preceding and current row) as budget_r12
from per_niva;
"""


def plain_duckdb_ekonomi(accepted_dir: Path, chart: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB ekonomi marts, written as tables into a fresh file."""
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(database)) as con:
        con.execute(FLOOR_SQL.format(accepted=accepted_dir, chart=chart))
    return time.perf_counter() - started
