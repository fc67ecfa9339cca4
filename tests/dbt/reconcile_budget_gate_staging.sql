-- Landing = accepted = staging, per budget year: rows and control total as booked.
with

leveranser as (
    select * from {{ ref('stg_gate__leveranser') }}
    where extrakt = 'budget'
),

budget as (
    select * from {{ ref('stg_ekonomi__budget') }}
),

staging_per_ar as (
    select
        cast(extract(year from period) as {{ dbt.type_string() }}) as ar,
        count(*) as antal_rader,
        sum(belopp_bokfort) as belopp_bokfort
    from budget
    group by cast(extract(year from period) as {{ dbt.type_string() }})
),

jamforelse as (
    select
        coalesce(leveranser.leverans_period, staging_per_ar.ar) as ar,
        leveranser.antal_rader as gate_rader,
        coalesce(staging_per_ar.antal_rader, 0) as staging_rader,
        leveranser.belopp_summa_bokfort as gate_belopp,
        coalesce(staging_per_ar.belopp_bokfort, 0) as staging_belopp
    from leveranser
    full outer join staging_per_ar on leveranser.leverans_period = staging_per_ar.ar
)

select *
from jamforelse
where gate_rader is null
    or gate_rader <> staging_rader
    or gate_belopp <> staging_belopp
