-- Landing = accepted = staging, per ledger month: the rows and the control total (as booked)
-- the gate recorded for each accepted delivery equal what staging reads. Returns mismatches.
with

leveranser as (
    select * from {{ ref('stg_gate__leveranser') }}
    where extrakt = 'huvudbok'
),

huvudbok as (
    select * from {{ ref('stg_ekonomi__huvudbok') }}
),

staging_per_manad as (
    select
        period,
        count(*) as antal_rader,
        sum(belopp_bokfort) as belopp_bokfort
    from huvudbok
    group by period
),

jamforelse as (
    select
        {{ period_from_text('leveranser.leverans_period') }} as period,
        leveranser.antal_rader as gate_rader,
        coalesce(staging_per_manad.antal_rader, 0) as staging_rader,
        leveranser.belopp_summa_bokfort as gate_belopp,
        coalesce(staging_per_manad.belopp_bokfort, 0) as staging_belopp
    from leveranser
    full outer join staging_per_manad
        on {{ period_from_text('leveranser.leverans_period') }} = staging_per_manad.period
)

select *
from jamforelse
where gate_rader is null
    or gate_rader <> staging_rader
    or gate_belopp <> staging_belopp
