-- Staging = marts + documented exclusions, per ledger month: the ledger's total in report
-- convention equals the region's outcome in mart_budgetavvikelse plus the financial
-- accounts (8000–8999), which are kept out of every mart. Returns mismatches.
with

huvudbok as (
    select * from {{ ref('stg_ekonomi__huvudbok') }}
),

kontoplan as (
    select * from {{ ref('int_kontoplan') }}
),

budgetavvikelse as (
    select * from {{ ref('mart_budgetavvikelse') }}
    where niva = 'region'
),

staging_per_manad as (
    select
        huvudbok.period,
        sum(huvudbok.belopp) as belopp,
        sum(case when kontoplan.is_finansiell then huvudbok.belopp else 0 end) as finansiellt
    from huvudbok
    inner join kontoplan on huvudbok.konto = kontoplan.konto
    group by huvudbok.period
),

mart_per_manad as (
    select
        period,
        sum(utfall) as utfall
    from budgetavvikelse
    group by period
),

jamforelse as (
    select
        staging_per_manad.period,
        staging_per_manad.belopp as staging_belopp,
        staging_per_manad.finansiellt,
        mart_per_manad.utfall as mart_utfall
    from staging_per_manad
    left join mart_per_manad on staging_per_manad.period = mart_per_manad.period
)

select *
from jamforelse
where mart_utfall is null and staging_belopp <> finansiellt
    or coalesce(mart_utfall, 0) + finansiellt <> staging_belopp
