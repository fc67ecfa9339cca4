-- A dense grid for the time windows of the ekonomi marts: every unit and report line that
-- has any outcome or budget, for every month of the spine, with 0 where the unit had no
-- rows and the month's load flags beside it (the marts turn unloaded months into null).
-- Grain: period × niva/unit × rapportrad_nr.
with

per_niva as (
    select * from {{ ref('int_utfall_budget_per_niva') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

enheter as (
    select distinct
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        rapportrad_nr
    from per_niva
),

rutnat as (
    select
        enheter.*,
        perioder.period,
        perioder.ar,
        perioder.manad,
        perioder.is_utfall_laddad,
        perioder.is_budget_laddad
    from enheter
    cross join perioder
),

final as (
    select
        rutnat.*,
        coalesce(per_niva.utfall, 0) as utfall,
        coalesce(per_niva.budget, 0) as budget,
        per_niva.enhet_nyckel is not null as har_rader
    from rutnat
    left join per_niva
        on rutnat.enhet_nyckel = per_niva.enhet_nyckel
        and rutnat.rapportrad_nr = per_niva.rapportrad_nr
        and rutnat.period = per_niva.period
)

select * from final
