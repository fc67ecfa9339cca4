-- Every level of mart_tillganglighet holds the whole region: per month and measure the
-- population and the within-limit count summed over the units of each level equal the
-- region's row. Distinct persons are not additive: the region has at least as many as the
-- largest unit of a level and at most the sum over its units. Returns mismatches.
with

tillganglighet as (
    select * from {{ ref('mart_tillganglighet') }}
),

per_niva as (
    select
        period,
        matt,
        niva,
        sum(antal) as antal,
        sum(antal_inom_grans) as antal_inom_grans,
        sum(antal_personer) as antal_personer,
        max(antal_personer) as storsta_enhet_personer
    from tillganglighet
    group by period, matt, niva
),

region as (
    select * from per_niva where niva = 'region'
),

jamforelse as (
    select
        per_niva.*,
        region.antal as region_antal,
        region.antal_inom_grans as region_antal_inom_grans,
        region.antal_personer as region_antal_personer
    from per_niva
    left join region
        on per_niva.period = region.period
        and per_niva.matt = region.matt
    where per_niva.niva <> 'region'
)

select *
from jamforelse
where region_antal is null
    or antal <> region_antal
    or antal_inom_grans <> region_antal_inom_grans
    or region_antal_personer > antal_personer
    or region_antal_personer < storsta_enhet_personer
