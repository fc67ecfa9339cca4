-- Staging = marts + documented exclusions, per budget month inside mart_r12's range: the
-- budget's total in report convention equals the region's budget in mart_r12 plus the
-- financial accounts. Returns mismatches.
with

budget as (
    select * from {{ ref('stg_ekonomi__budget') }}
),

kontoplan as (
    select * from {{ ref('int_kontoplan') }}
),

r12 as (
    select * from {{ ref('mart_r12') }}
    where niva = 'region'
),

staging_per_manad as (
    select
        budget.period,
        sum(budget.belopp) as belopp,
        sum(case when kontoplan.is_finansiell then budget.belopp else 0 end) as finansiellt
    from budget
    inner join kontoplan on budget.konto = kontoplan.konto
    group by budget.period
),

mart_per_manad as (
    select
        period,
        sum(budget) as budget
    from r12
    group by period
),

jamforelse as (
    select
        staging_per_manad.period,
        staging_per_manad.belopp as staging_belopp,
        staging_per_manad.finansiellt,
        mart_per_manad.budget as mart_budget
    from staging_per_manad
    inner join mart_per_manad on staging_per_manad.period = mart_per_manad.period
)

select *
from jamforelse
where coalesce(mart_budget, 0) + finansiellt <> staging_belopp
