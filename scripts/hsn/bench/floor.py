"""The floor: the heavy marts computed by plain DuckDB scripts straight from the accepted
Parquet, with no dbt, no tests and no intermediate tables. What a build costs is reported as a
ratio to this.

Covered: ekonomi (budgetavvikelse per level and month with ack and full-year budget, R12) and
vårdproduktion (contacts, episodes, visits, DRG weights and bed-days per level, vardniva and
window month/ack/R12, and distinct dental patients per level and window). Not covered: the
personalkostnad and prognos marts and the tillgänglighet marts (small inputs).
"""

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


PRODUKTION_FLOOR_SQL = """
create or replace table org_p as
select kostnadsstalle, basenhet, omrade, vardniva
from read_parquet('{accepted}/organisation/*/*.parquet', hive_partitioning = true,
                  hive_types_autocast = false)
where ingar_i_produktion
qualify row_number() over (partition by kostnadsstalle order by period desc) = 1;

create or replace table kontakter as
select cast(k.period || '-01' as date) as period, k.kostnadsstalle, o.basenhet, o.omrade,
       o.vardniva, k.personnummer, k.vardform, k.yrkeskategori, k.kontakttyp,
       k.kontaktdatum, k.inskrivningsdatum, coalesce(k.drg_vikt, 0) as drg_vikt
from read_parquet('{accepted}/vardkontakter/*/*.parquet', hive_partitioning = true,
                  hive_types_autocast = false) k
join org_p o using (kostnadsstalle);

create or replace table prod_per_manad as
with kontakt as (
    select period, kostnadsstalle, vardniva,
        count(*) filter (where vardniva <> 'TANDVARD' and vardform = 'SLUTENVARD')
            as vardtillfallen,
        coalesce(sum(kontaktdatum - inskrivningsdatum)
            filter (where vardniva <> 'TANDVARD' and vardform = 'SLUTENVARD'), 0)
            as vardtid_dagar,
        count(*) filter (where vardniva <> 'TANDVARD' and vardform = 'OPPENVARD'
            and kontakttyp in ('FYSISKT', 'DISTANS') and yrkeskategori = 'LAKARE') as lakarbesok,
        count(*) filter (where vardniva <> 'TANDVARD' and vardform = 'OPPENVARD'
            and kontakttyp in ('FYSISKT', 'DISTANS') and yrkeskategori <> 'LAKARE')
            as sjukvardande_behandling,
        count(*) filter (where vardniva <> 'TANDVARD' and vardform = 'OPPENVARD'
            and kontakttyp = 'VACCINATION') as vaccinationsbesok,
        coalesce(sum(drg_vikt) filter (where vardniva <> 'TANDVARD'
            and vardform = 'SLUTENVARD'), 0) as vardtjanst_drg,
        sum(drg_vikt) as viktad_vardtjanst,
        count(*) filter (where vardniva = 'TANDVARD') as tandvard_besok
    from kontakter group by all
), plats as (
    select cast(v.period || '-01' as date) as period, kostnadsstalle, o.vardniva,
           sum(belagda_vardplatser) as varddagar,
           sum(disponibla_vardplatser) as disponibla_platsdagar
    from read_parquet('{accepted}/vardplatser/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false) v
    join org_p o using (kostnadsstalle)
    group by all
)
select * from kontakt full outer join plats using (period, kostnadsstalle, vardniva);

create or replace table prod_per_niva as
select 'kostnadsstalle' as niva, p.kostnadsstalle as enhet, p.* exclude (kostnadsstalle)
from prod_per_manad p
union all by name
select 'basenhet' as niva, o.basenhet as enhet, p.* exclude (kostnadsstalle)
from prod_per_manad p join org_p o using (kostnadsstalle)
union all by name
select 'omrade' as niva, o.omrade as enhet, p.* exclude (kostnadsstalle)
from prod_per_manad p join org_p o using (kostnadsstalle)
union all by name
select 'region' as niva, 'region' as enhet, p.* exclude (kostnadsstalle)
from prod_per_manad p;

create or replace table floor_vardproduktion as
select niva, enhet, vardniva, period,
    {sums}
from prod_per_niva
group by niva, enhet, vardniva, period
window ack as (partition by niva, enhet, vardniva, year(period) order by period),
       r12 as (partition by niva, enhet, vardniva order by period
               range between interval 11 month preceding and current row);

create or replace table tandvard_besok as
select distinct niva, enhet, period, personnummer
from (
    select 'kostnadsstalle' as niva, kostnadsstalle as enhet, period, personnummer
    from kontakter where vardniva = 'TANDVARD'
    union all
    select 'basenhet', basenhet, period, personnummer from kontakter where vardniva = 'TANDVARD'
    union all
    select 'omrade', omrade, period, personnummer from kontakter where vardniva = 'TANDVARD'
    union all
    select 'region', 'region', period, personnummer from kontakter where vardniva = 'TANDVARD'
);

create or replace table floor_tandvard_patienter as
with manad as (
    select niva, enhet, period, count(*) as patienter from tandvard_besok group by all
), forsta_i_aret as (
    select niva, enhet, period, count(*) as nya from (
        select niva, enhet, personnummer, min(period) as period
        from tandvard_besok group by niva, enhet, personnummer, year(period)
    ) group by all
), markorer as (
    -- a visit covers its person for twelve months or until the next visit
    select niva, enhet, period, 1 as andring from tandvard_besok
    union all
    select niva, enhet, least(nasta, period + interval 12 month)::date, -1
    from (
        select *, lead(period, 1, date '9999-01-01') over (
            partition by niva, enhet, personnummer order by period) as nasta
        from tandvard_besok
    )
), r12 as (
    select niva, enhet, period,
        sum(sum(andring)) over (partition by niva, enhet order by period) as patienter_r12
    from markorer group by niva, enhet, period
)
select manad.niva, manad.enhet, manad.period, manad.patienter,
    sum(coalesce(forsta_i_aret.nya, 0)) over (
        partition by manad.niva, manad.enhet, year(manad.period) order by manad.period
    ) as patienter_ack,
    r12.patienter_r12
from manad
left join forsta_i_aret using (niva, enhet, period)
left join r12 using (niva, enhet, period);
"""
PRODUKTION_MEASURES = (
    "vardtillfallen",
    "vardtid_dagar",
    "lakarbesok",
    "sjukvardande_behandling",
    "vaccinationsbesok",
    "vardtjanst_drg",
    "viktad_vardtjanst",
    "tandvard_besok",
    "varddagar",
    "disponibla_platsdagar",
)


def _produktion_sql(accepted_dir: Path) -> str:
    sums = ",\n    ".join(
        f"sum({m}) as {m}, sum(sum({m})) over ack as ack_{m}, sum(sum({m})) over r12 as r12_{m}"
        for m in PRODUKTION_MEASURES
    )
    return PRODUKTION_FLOOR_SQL.format(accepted=accepted_dir, sums=sums)


def plain_duckdb_ekonomi(accepted_dir: Path, chart: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB ekonomi marts, written as tables into a fresh file."""
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(database)) as con:
        con.execute(FLOOR_SQL.format(accepted=accepted_dir, chart=chart))
    return time.perf_counter() - started


def plain_duckdb_produktion(accepted_dir: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB vårdproduktion marts, written as tables into a fresh file."""
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(database)) as con:
        con.execute(_produktion_sql(accepted_dir))
    return time.perf_counter() - started


def plain_duckdb_floor(accepted_dir: Path, chart: Path, database: Path) -> dict[str, float]:
    """Seconds per covered part (best of three runs each) and their sum ('total')."""
    parts = {
        "ekonomi": min(plain_duckdb_ekonomi(accepted_dir, chart, database) for _ in range(3)),
        "vardproduktion": min(plain_duckdb_produktion(accepted_dir, database) for _ in range(3)),
    }
    database.unlink(missing_ok=True)
    return {**parts, "total": sum(parts.values())}
