-- Action plans per område and for the region. Each område is named and placed under its
-- förvaltning as in the latest organisation; the macro's basenhet and kostnadsställe levels
-- would only repeat the område (plans are delivered per område) and are left out.
-- Grain: period × niva (region, omrade)/unit.
with

atgardsplaner as (
    select * from {{ ref('stg_tillganglighet__atgardsplaner') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

omraden as (
    select distinct
        omrade,
        omrade_namn,
        forvaltning
    from organisation
),

placerade as (
    select
        atgardsplaner.period,
        atgardsplaner.plan_helar,
        atgardsplaner.plan_ack,
        atgardsplaner.uppnatt_ack,
        omraden.forvaltning,
        atgardsplaner.omrade,
        omraden.omrade_namn,
        cast(null as {{ dbt.type_string() }}) as basenhet,
        cast(null as {{ dbt.type_string() }}) as basenhet_namn,
        cast(null as {{ dbt.type_string() }}) as kostnadsstalle,
        cast(null as {{ dbt.type_string() }}) as kostnadsstalle_namn
    from atgardsplaner
    left join omraden on atgardsplaner.omrade = omraden.omrade
),

per_niva as (
    {{ rulla_upp_per_niva(
        'placerade',
        keys=['period'],
        measures={
            'plan_helar': 'cast(sum(plan_helar) as decimal(18, 2))',
            'plan_ack': 'cast(sum(plan_ack) as decimal(18, 2))',
            'uppnatt_ack': 'cast(sum(uppnatt_ack) as decimal(18, 2))',
        },
    ) }}
),

final as (
    select * from per_niva
    where niva in ('region', 'omrade')
)

select * from final
