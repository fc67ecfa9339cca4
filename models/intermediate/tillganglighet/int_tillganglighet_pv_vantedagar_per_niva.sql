-- Primary-care assessments per waiting-day class ('0', '1', '2', '3', '>3') rolled up to each
-- level of today's organisation; only classes with assessments exist here.
-- Grain: period × niva/unit × vantedagar_klass.
with

bedomningar as (
    select * from {{ ref('int_tillganglighet_pv_vantedagar') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

placerade as (
    select
        bedomningar.period,
        bedomningar.vantedagar_klass,
        organisation.forvaltning,
        organisation.omrade,
        organisation.omrade_namn,
        organisation.basenhet,
        organisation.basenhet_namn,
        organisation.kostnadsstalle,
        organisation.kostnadsstalle_namn
    from bedomningar
    inner join organisation on bedomningar.kostnadsstalle = organisation.kostnadsstalle
),

final as (
    {{ rulla_upp_per_niva(
        'placerade',
        keys=['period', 'vantedagar_klass'],
        measures={'antal': 'count(*)'},
    ) }}
)

select * from final
