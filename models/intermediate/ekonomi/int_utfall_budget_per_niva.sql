-- Outcome and budget rolled up to each level of today's organisation: region, område,
-- basenhet and kostnadsställe (the organisation columns below a level are null).
-- Only combinations with rows exist. Grain: period × niva/unit × rapportrad_nr.
with

per_manad as (
    select * from {{ ref('int_utfall_budget_per_manad') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

placerade as (
    select
        per_manad.period,
        per_manad.rapportrad_nr,
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

final as (
    {{ rulla_upp_per_niva(
        'placerade',
        keys=['period', 'rapportrad_nr'],
        measures={
            'utfall': 'cast(sum(utfall) as decimal(18, 2))',
            'budget': 'cast(sum(budget) as decimal(18, 2))',
        },
    ) }}
)

select * from final
