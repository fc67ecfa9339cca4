-- Personnel costs rolled up to each level of today's organisation (region, område,
-- basenhet, kostnadsställe) and laid on a dense month grid: every unit and personalkategori
-- with any outcome or budget, for every month of the spine, 0 where the unit had no rows,
-- with the month's load flags (the mart turns unloaded months into null).
-- Grain: period × niva/unit × personalkategori.
with

per_manad as (
    select * from {{ ref('int_personalkostnad_per_manad') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

placerade as (
    select
        per_manad.period,
        per_manad.personalkategori,
        per_manad.utfall,
        per_manad.budget,
        organisation.forvaltning,
        organisation.omrade,
        organisation.omrade_namn,
        organisation.basenhet,
        organisation.basenhet_namn,
        organisation.kostnadsstalle,
        organisation.kostnadsstalle_namn
    from per_manad
    inner join organisation on per_manad.kostnadsstalle = organisation.kostnadsstalle
),

per_niva as (
    {{ rulla_upp_per_niva(
        'placerade',
        keys=['period', 'personalkategori'],
        measures={
            'utfall': 'cast(coalesce(sum(utfall), 0) as decimal(18, 2))',
            'budget': 'cast(coalesce(sum(budget), 0) as decimal(18, 2))',
        },
    ) }}
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
        personalkategori
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
        and rutnat.personalkategori = per_niva.personalkategori
        and rutnat.period = per_niva.period
)

select * from final
