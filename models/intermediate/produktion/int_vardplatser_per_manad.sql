-- Bed-days per ward and month from the midnight census, for units in production statistics.
-- Grain: period × kostnadsstalle.
with

vardplatser as (
    select * from {{ ref('stg_produktion__vardplatser') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

per_manad as (
    select
        vardplatser.period,
        vardplatser.kostnadsstalle,
        organisation.vardniva,
        sum(vardplatser.belagda_vardplatser) as varddagar,
        sum(vardplatser.disponibla_vardplatser) as disponibla_platsdagar
    from vardplatser
    inner join organisation
        on vardplatser.kostnadsstalle = organisation.kostnadsstalle
    where organisation.ingar_i_produktion
    group by vardplatser.period, vardplatser.kostnadsstalle, organisation.vardniva
)

select * from per_manad
