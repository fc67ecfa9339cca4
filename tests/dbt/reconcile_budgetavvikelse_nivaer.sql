-- Every level of mart_budgetavvikelse holds the whole region: per month and report line the
-- outcome and budget summed over the units of each level equal the region's row.
with

budgetavvikelse as (
    select * from {{ ref('mart_budgetavvikelse') }}
),

per_niva as (
    select
        period,
        rapportrad_nr,
        niva,
        sum(utfall) as utfall,
        sum(coalesce(budget, 0)) as budget,
        sum(coalesce(ack_utfall, 0)) as ack_utfall,
        sum(coalesce(helarsbudget, 0)) as helarsbudget
    from budgetavvikelse
    group by period, rapportrad_nr, niva
),

region as (
    select * from per_niva where niva = 'region'
),

jamforelse as (
    select
        per_niva.*,
        region.utfall as region_utfall,
        region.budget as region_budget,
        region.ack_utfall as region_ack_utfall,
        region.helarsbudget as region_helarsbudget
    from per_niva
    left join region
        on per_niva.period = region.period
        and per_niva.rapportrad_nr = region.rapportrad_nr
    where per_niva.niva <> 'region'
)

select *
from jamforelse
where region_utfall is null
    or utfall <> region_utfall
    or budget <> region_budget
    or ack_utfall <> region_ack_utfall
    or helarsbudget <> region_helarsbudget
