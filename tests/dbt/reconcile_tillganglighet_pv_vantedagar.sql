-- mart_pv_vantedagar is the distribution behind PV_MEDICINSK_BEDOMNING_3D: per month and unit
-- the five classes add up to its antal and the classes '0'–'3' to its antal_inom_grans, and
-- the two marts have the same units. Returns mismatches.
with

vantedagar as (
    select * from {{ ref('mart_pv_vantedagar') }}
),

tillganglighet as (
    select * from {{ ref('mart_tillganglighet') }}
    where matt = 'PV_MEDICINSK_BEDOMNING_3D'
),

fordelning as (
    select
        period,
        niva,
        coalesce(omrade, '') || '/' || coalesce(basenhet, '') || '/'
        || coalesce(kostnadsstalle, '') as enhet,
        sum(antal) as antal,
        sum(case when vantedagar_klass <> '>3' then antal else 0 end) as antal_inom_3
    from vantedagar
    group by period, niva, omrade, basenhet, kostnadsstalle
),

matt as (
    select
        period,
        niva,
        coalesce(omrade, '') || '/' || coalesce(basenhet, '') || '/'
        || coalesce(kostnadsstalle, '') as enhet,
        antal,
        antal_inom_grans
    from tillganglighet
),

jamforelse as (
    select
        coalesce(fordelning.period, matt.period) as period,
        coalesce(fordelning.enhet, matt.enhet) as enhet,
        fordelning.antal as fordelning_antal,
        fordelning.antal_inom_3,
        matt.antal as matt_antal,
        matt.antal_inom_grans
    from fordelning
    full outer join matt
        on fordelning.period = matt.period
        and fordelning.niva = matt.niva
        and fordelning.enhet = matt.enhet
)

select *
from jamforelse
where fordelning_antal is null
    or matt_antal is null
    or fordelning_antal <> matt_antal
    or antal_inom_3 <> antal_inom_grans
