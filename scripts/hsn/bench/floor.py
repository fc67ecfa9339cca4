"""The floor: the marts computed by plain DuckDB scripts straight from the accepted Parquet,
with no dbt, no tests and no intermediate models. What a build costs is reported as a ratio
to this. Each area is timed on its own (a fresh database file, tables per mart):

- ekonomi: budgetavvikelse per level and month with ack and full-year budget, R12;
- vardproduktion: contacts, episodes, visits, DRG weights and bed-days per level, vardniva
  and window month/ack/R12, and distinct dental patients per level and window;
- tillganglighet: mart_tillganglighet (every measure with its count, within-limit count and
  distinct persons counted once per unit of each level of today's organisation), plus the
  small mart_pv_vantedagar and mart_atgardsplaner;
- personalkostnad: mart_personalkostnad (accounts 4000-4699 per personalkategori, 4600-4699
  as HYR, per level and loaded month with ack, last year's ack and the hired-staff shares),
  with the budget split by category exactly as the dbt model does.

Not covered: mart_prognos (window arithmetic over the per-unit monthly outcome and budget
that the ekonomi floor already computes; no input of its own), mart_regionjamforelse (from
seeds, not the accepted Parquet) and the dimensions. Names of units, the target values
and national figures joined onto the marts from seeds are left out too: they are lookups on
small tables. tests/test_bench_floor.py checks the tillganglighet and personalkostnad tables
row for row against the dbt marts of the whole demo.
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


TILLGANGLIGHET_FLOOR_SQL = """
-- today's organisation: each kostnadsställe under its own last basenhet, that basenhet under
-- its last område (a unit that moved is reported in its current place for all months)
create or replace table org_t as
with o as (
    select * from read_parquet('{accepted}/organisation/*/*.parquet', hive_partitioning = true,
                               hive_types_autocast = false)
), ks as (
    select kostnadsstalle, basenhet, ar_bup from o
    qualify row_number() over (partition by kostnadsstalle order by period desc) = 1
), be as (
    select basenhet, omrade from o
    qualify row_number() over (partition by basenhet order by period desc, kostnadsstalle) = 1
)
select ks.kostnadsstalle, ks.basenhet, be.omrade, coalesce(ks.ar_bup, false) as ar_bup
from ks join be using (basenhet);

-- one row per counted item: its population, person, and whether it is within the limit
-- (inom_2: the population's second measure, the 24 h answer or the recall overdue > 6 months).
-- Persons hashed to integers, which makes the distinct counts below much cheaper
create or replace temp table tillg_poster as
with vantetid as (
    select v.period, v.kostnadsstalle, v.personnummer, o.ar_bup,
        case when vardatgard = 'FORSTA_KONTAKT' then 'FORSTA_KONTAKT' else 'OPERATION' end
        || case when genomford_datum is not null then '_GENOMFORD' else '_VANTANDE' end as del,
        -- still waiting: measured to the month's last day
        coalesce(genomford_datum, last_day(cast(v.period || '-01' as date)))
            - referensdatum as dagar
    from read_parquet('{accepted}/vantelista/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false) v
    join org_t o using (kostnadsstalle)
    where not patientvald_vantan and not medicinskt_orsakad_vantan
), kallelser as (
    select period, kostnadsstalle, personnummer, aldersgrupp, planerad_undersokning,
           kallad_datum, last_day(cast(period || '-01' as date)) as manadsslut
    from read_parquet('{accepted}/tandvard_kallelser/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false)
), poster as (
    select period, kostnadsstalle, 'PV_MEDICINSK_BEDOMNING_3D' as population,
           hash(personnummer) as person,
           bedomningsdatum - beslutsdatum <= 3 as inom, false as inom_2
    from read_parquet('{accepted}/pv_bedomningar/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false)
    where not patientvald_vantan
    union all
    select period, kostnadsstalle, 'PV_TELEFON_SAMMA_DAG', hash(telefonnummer),
           coalesce(cast(besvarad as date) = cast(inkommande as date), false),
           coalesce(besvarad <= inkommande + interval 24 hour, false)
    from read_parquet('{accepted}/telefoni/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false)
    union all
    select period, kostnadsstalle, 'SPEC_' || del || '_90D', hash(personnummer), dagar <= 90, false
    from vantetid
    union all
    select period, kostnadsstalle, 'BUP_' || del || '_30D', hash(personnummer), dagar <= 30, false
    from vantetid where ar_bup
    union all
    -- recalls due by the month's end: on time = called on or before the planned date
    select period, kostnadsstalle,
           case when aldersgrupp = 'VUXEN' then 'TV_VUXEN_EJ_FORSENAD'
                else 'TV_BARN_EJ_FORSENAD' end,
           hash(personnummer), coalesce(kallad_datum <= planerad_undersokning, false),
           kallad_datum is null and planerad_undersokning < manadsslut - interval 6 month
    from kallelser
    where planerad_undersokning <= manadsslut
)
select poster.*, org_t.basenhet, org_t.omrade
from poster join org_t using (kostnadsstalle);

-- counted per level from the items themselves: a person is counted once per unit
create or replace table tillg_per_niva as
select 'kostnadsstalle' as niva, kostnadsstalle as enhet, period, population,
       count(*) as antal, count(*) filter (where inom) as inom,
       count(*) filter (where inom_2) as inom_2, count(distinct person) as personer
from tillg_poster group by all
union all
select 'basenhet', basenhet, period, population, count(*), count(*) filter (where inom),
       count(*) filter (where inom_2), count(distinct person)
from tillg_poster group by all
union all
select 'omrade', omrade, period, population, count(*), count(*) filter (where inom),
       count(*) filter (where inom_2), count(distinct person)
from tillg_poster group by all
union all
select 'region', 'region', period, population, count(*), count(*) filter (where inom),
       count(*) filter (where inom_2), count(distinct person)
from tillg_poster group by all;

create or replace table floor_tillganglighet as
with matt as (
    select niva, enhet, period, population as matt, antal, inom as antal_inom_grans, personer
    from tillg_per_niva
    union all
    select niva, enhet, period,
           case when population = 'PV_TELEFON_SAMMA_DAG' then 'PV_TELEFON_24H'
                else 'TV_VUXEN_FORSENAD_6M' end,
           antal, inom_2, personer
    from tillg_per_niva
    where population in ('PV_TELEFON_SAMMA_DAG', 'TV_VUXEN_EJ_FORSENAD')
)
select niva, enhet, cast(period || '-01' as date) as period, matt, antal, antal_inom_grans,
    antal_inom_grans / antal as andel, personer as antal_personer,
    case when matt = 'PV_MEDICINSK_BEDOMNING_3D' then 3
         when matt = 'PV_TELEFON_24H' then 1
         when matt like 'SPEC%' then 90
         when matt like 'BUP%' then 30
         when matt <> 'TV_VUXEN_FORSENAD_6M' then 0
    end as grans_dagar
from matt;

-- mart_pv_vantedagar: assessments per waiting-day class, every class for each unit and month
-- that has assessments
create or replace table floor_pv_vantedagar as
with placerade as (
    select period, kostnadsstalle, basenhet, omrade,
        case when bedomningsdatum - beslutsdatum <= 3
             then cast(bedomningsdatum - beslutsdatum as varchar) else '>3' end as klass
    from read_parquet('{accepted}/pv_bedomningar/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false)
    join org_t using (kostnadsstalle)
    where not patientvald_vantan
), per_niva as (
    select 'kostnadsstalle' as niva, kostnadsstalle as enhet, period, klass, count(*) as antal
    from placerade group by all
    union all
    select 'basenhet', basenhet, period, klass, count(*) from placerade group by all
    union all
    select 'omrade', omrade, period, klass, count(*) from placerade group by all
    union all
    select 'region', 'region', period, klass, count(*) from placerade group by all
)
select e.niva, e.enhet, cast(e.period || '-01' as date) as period,
       k.klass as vantedagar_klass, k.ordning as vantedagar_ordning,
       coalesce(p.antal, 0) as antal
from (select distinct niva, enhet, period from per_niva) e
cross join (values ('0', 0), ('1', 1), ('2', 2), ('3', 3), ('>3', 4)) k(klass, ordning)
left join per_niva p using (niva, enhet, period, klass);

-- mart_atgardsplaner: the plans are delivered per område; the region is their sum
create or replace table floor_atgardsplaner as
with planer as (
    select * from read_parquet('{accepted}/atgardsplaner/*/*.parquet', hive_partitioning = true,
                               hive_types_autocast = false)
), per_niva as (
    select 'omrade' as niva, omrade as enhet, period, sum(plan_helar) as plan_helar,
           sum(plan_ack) as plan_ack, sum(uppnatt_ack) as uppnatt_ack
    from planer group by all
    union all
    select 'region', 'region', period, sum(plan_helar), sum(plan_ack), sum(uppnatt_ack)
    from planer group by all
)
select niva, enhet, cast(period || '-01' as date) as period, plan_helar, plan_ack, uppnatt_ack,
       case when plan_ack <> 0 then uppnatt_ack::double / plan_ack::double end as uppfyllelse
from per_niva;
"""


PERSONALKOSTNAD_FLOOR_SQL = """
create or replace table org_pk as
with o as (
    select * from read_parquet('{accepted}/organisation/*/*.parquet', hive_partitioning = true,
                               hive_types_autocast = false)
), ks as (
    select kostnadsstalle, basenhet from o
    qualify row_number() over (partition by kostnadsstalle order by period desc) = 1
), be as (
    select basenhet, omrade from o
    qualify row_number() over (partition by basenhet order by period desc, kostnadsstalle) = 1
)
select ks.kostnadsstalle, ks.basenhet, be.omrade from ks join be using (basenhet);

-- the loaded months (a delivery may be empty) and budget years, from the folder names; the
-- gate's zero-row schema placeholder (period=0001-01, ar=0001) is no delivery
create or replace table laddade as
select distinct cast(regexp_extract(file, 'period=(\\d{{4}}-\\d{{2}})', 1) || '-01' as date)
    as period
from glob('{accepted}/huvudbok/period=*/*.parquet')
where not ends_with(file, '/schema.parquet');

create or replace table budgetar as
select distinct cast(regexp_extract(file, 'ar=(\\d{{4}})', 1) as integer) as ar
from glob('{accepted}/budget/ar=*/*.parquet')
where not ends_with(file, '/schema.parquet');

-- personnel costs, accounts 4000-4699 (4600-4699 hired staff, 'HYR'), report sign
create or replace table pk_utfall as
select cast(period || '-01' as date) as period, kostnadsstalle,
       case when konto between '4600' and '4699' then 'HYR' else personalkategori end
           as personalkategori,
       -sum(belopp) as utfall
from read_parquet('{accepted}/huvudbok/*/*.parquet', hive_partitioning = true,
                  hive_types_autocast = false)
where konto between '4000' and '4699' and length(konto) = 4
group by all;

-- the budget per category; 4000-4599 rows without one are split by outcome shares: the
-- kostnadsställe's of last year, else the region's of last year, else the region's of the
-- budget year, else all OVR; rounded to öre, the largest share takes the remainder
create or replace table pk_budget as
with b as (
    select cast(period || '-01' as date) as period, year(cast(period || '-01' as date)) as ar,
           kostnadsstalle,
           case when konto between '4600' and '4699' then 'HYR' else personalkategori end
               as personalkategori,
           -belopp as belopp
    from read_parquet('{accepted}/budget/*/*.parquet', hive_partitioning = true,
                      hive_types_autocast = false)
    where konto between '4000' and '4699' and length(konto) = 4
), egen as (
    select year(period) as ar, kostnadsstalle, personalkategori, sum(utfall) as utfall
    from pk_utfall where personalkategori <> 'HYR' or personalkategori is null
    group by all
), region as (
    select ar, personalkategori, sum(utfall) as utfall from egen group by all
), andelar as (
    select ar + 1 as ar, kostnadsstalle, personalkategori, 1 as prioritet,
           utfall::double / nullif(sum(utfall) over (partition by ar, kostnadsstalle), 0)::double
               as andel
    from egen
    union all
    select ar + 1, null, personalkategori, 2,
           utfall::double / nullif(sum(utfall) over (partition by ar), 0)::double
    from region
    union all
    select ar, null, personalkategori, 3,
           utfall::double / nullif(sum(utfall) over (partition by ar), 0)::double
    from region
), ofordelad as (
    select period, ar, kostnadsstalle, sum(belopp) as belopp
    from b where personalkategori is null group by all
), valda as (
    select o.period, o.kostnadsstalle, o.belopp, a.personalkategori, a.andel
    from ofordelad o
    left join andelar a
        on a.ar = o.ar and coalesce(a.kostnadsstalle, o.kostnadsstalle) = o.kostnadsstalle
        and a.andel is not null
    qualify a.prioritet is null
        or a.prioritet = min(a.prioritet) over (partition by o.period, o.kostnadsstalle)
), fordelad as (
    select period, kostnadsstalle, coalesce(personalkategori, 'OVR') as personalkategori,
           belopp, cast(round(belopp * coalesce(andel, 1.0), 2) as decimal(18, 2)) as avrundat,
           row_number() over (partition by period, kostnadsstalle
                              order by andel desc, personalkategori) as rang
    from valda
)
select period, kostnadsstalle, personalkategori, sum(belopp) as budget
from (
    select period, kostnadsstalle, personalkategori,
           case when rang = 1
                then belopp - (sum(avrundat) over (partition by period, kostnadsstalle)
                               - avrundat)
                else avrundat end as belopp
    from fordelad
    union all
    select period, kostnadsstalle, personalkategori, belopp
    from b where personalkategori is not null
)
group by all;

create or replace table pk_per_niva as
with pk as (
    select * from pk_utfall full outer join pk_budget
        using (period, kostnadsstalle, personalkategori)
    join org_pk using (kostnadsstalle)
)
select 'kostnadsstalle' as niva, kostnadsstalle as enhet, personalkategori, period,
       sum(utfall) as utfall, sum(budget) as budget
from pk group by all
union all
select 'basenhet', basenhet, personalkategori, period, sum(utfall), sum(budget)
from pk group by all
union all
select 'omrade', omrade, personalkategori, period, sum(utfall), sum(budget)
from pk group by all
union all
select 'region', 'region', personalkategori, period, sum(utfall), sum(budget)
from pk group by all;

-- every unit and category on every loaded month (0 without rows), so ack runs through
-- months without costs; ack only where every month from January is loaded
create or replace table pk_ack as
select g.niva, g.enhet, g.personalkategori, l.period,
       coalesce(p.utfall, 0) as utfall,
       case when year(l.period) in (select ar from budgetar)
            then coalesce(p.budget, 0) end as budget,
       p.period is not null as har_rader,
       case when count(*) over ack = month(l.period)
            then sum(coalesce(p.utfall, 0)) over ack end as ack_utfall,
       case when year(l.period) in (select ar from budgetar)
            then sum(coalesce(p.budget, 0)) over ack end as ack_budget
from (select distinct niva, enhet, personalkategori from pk_per_niva) g
cross join laddade l
left join pk_per_niva p using (niva, enhet, personalkategori, period)
window ack as (partition by g.niva, g.enhet, g.personalkategori, year(l.period)
               order by l.period);

create or replace table floor_personalkostnad as
with ar as (
    select niva, enhet, personalkategori, year(period) as ar, bool_or(har_rader) as har_rader
    from pk_ack group by all
), hyr as (
    select *,
        sum(utfall) filter (where personalkategori <> 'HYR')
            over (partition by niva, enhet, period) as egen_utfall,
        sum(ack_utfall) filter (where personalkategori <> 'HYR')
            over (partition by niva, enhet, period) as egen_ack_utfall
    from pk_ack
)
select h.niva, h.enhet, h.personalkategori, h.period, h.utfall, h.budget,
       h.utfall - h.budget as avvikelse, h.ack_utfall, h.ack_budget,
       f.ack_utfall as ack_utfall_foreg_ar,
       case when h.personalkategori = 'HYR'
            then h.utfall::double / nullif(h.egen_utfall, 0)::double end as andel_hyrpersonal,
       case when h.personalkategori = 'HYR'
            then h.ack_utfall::double / nullif(h.egen_ack_utfall, 0)::double
       end as ack_andel_hyrpersonal
from hyr h
left join pk_ack f
    on f.niva = h.niva and f.enhet = h.enhet and f.personalkategori = h.personalkategori
    and f.period = h.period - interval 12 month
left join ar a
    on a.niva = h.niva and a.enhet = h.enhet and a.personalkategori = h.personalkategori
    and a.ar = year(h.period)
left join ar foreg
    on foreg.niva = h.niva and foreg.enhet = h.enhet
    and foreg.personalkategori = h.personalkategori and foreg.ar = year(h.period) - 1
where a.har_rader or coalesce(foreg.har_rader, false);
"""


def _produktion_sql(accepted_dir: Path) -> str:
    sums = ",\n    ".join(
        f"sum({m}) as {m}, sum(sum({m})) over ack as ack_{m}, sum(sum({m})) over r12 as r12_{m}"
        for m in PRODUKTION_MEASURES
    )
    return PRODUKTION_FLOOR_SQL.format(accepted=accepted_dir, sums=sums)


def _timed(database: Path, sql: str) -> float:
    """Seconds to run `sql` against a fresh database file (its tables are left in it)."""
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(database)) as con:
        con.execute("set enable_progress_bar = false")
        con.execute(sql)
    return time.perf_counter() - started


def plain_duckdb_ekonomi(accepted_dir: Path, chart: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB ekonomi marts, written as tables into a fresh file."""
    return _timed(database, FLOOR_SQL.format(accepted=accepted_dir, chart=chart))


def plain_duckdb_produktion(accepted_dir: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB vårdproduktion marts, written as tables into a fresh file."""
    return _timed(database, _produktion_sql(accepted_dir))


def plain_duckdb_tillganglighet(accepted_dir: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB mart_tillganglighet (table floor_tillganglighet)."""
    return _timed(database, TILLGANGLIGHET_FLOOR_SQL.format(accepted=accepted_dir))


def plain_duckdb_personalkostnad(accepted_dir: Path, database: Path) -> float:
    """Seconds for the plain-DuckDB mart_personalkostnad (table floor_personalkostnad)."""
    return _timed(database, PERSONALKOSTNAD_FLOOR_SQL.format(accepted=accepted_dir))


def plain_duckdb_floor(accepted_dir: Path, chart: Path, database: Path) -> dict[str, float]:
    """Seconds per covered area (best of three runs each) and their sum ('total')."""
    areas = {
        "ekonomi": lambda: plain_duckdb_ekonomi(accepted_dir, chart, database),
        "vardproduktion": lambda: plain_duckdb_produktion(accepted_dir, database),
        "tillganglighet": lambda: plain_duckdb_tillganglighet(accepted_dir, database),
        "personalkostnad": lambda: plain_duckdb_personalkostnad(accepted_dir, database),
    }
    parts = {area: min(run() for _ in range(3)) for area, run in areas.items()}
    database.unlink(missing_ok=True)
    return {**parts, "total": sum(parts.values())}
