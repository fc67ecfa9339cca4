-- The monthly aggregate = the mart, per month and for every month: the outcome in
-- int_utfall_budget_per_manad (every kostnadsställe, known to the organisation or not)
-- equals the region's outcome in mart_budgetavvikelse. Read in full on every run, as
-- today's organisation (a reorganisation restates history) shapes the mart. Returns
-- mismatches. With reconcile_huvudbok_staging_int: staging = marts + financial accounts.
with

utfall_budget as (
    select * from {{ ref('int_utfall_budget_per_manad') }}
),

budgetavvikelse as (
    select * from {{ ref('mart_budgetavvikelse') }}
    where niva = 'region'
),

aggregat_per_manad as (
    select
        period,
        sum(utfall) as utfall
    from utfall_budget
    group by period
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
        coalesce(aggregat_per_manad.period, mart_per_manad.period) as period,
        aggregat_per_manad.utfall as aggregat_utfall,
        mart_per_manad.utfall as mart_utfall
    from aggregat_per_manad
    full outer join mart_per_manad on aggregat_per_manad.period = mart_per_manad.period
)

select *
from jamforelse
where coalesce(aggregat_utfall, 0) <> coalesce(mart_utfall, 0)
