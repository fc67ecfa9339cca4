-- Bed-days per ward and month, for units in production statistics in the latest
-- organisation (applied here, so a reorganisation restates every month).
-- Grain: period × kostnadsstalle.
with

vardplatser as (
    select * from {{ ref('int_vardplatser_per_kostnadsstalle') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

final as (
    select
        vardplatser.period,
        vardplatser.kostnadsstalle,
        organisation.vardniva,
        vardplatser.varddagar,
        vardplatser.disponibla_platsdagar
    from vardplatser
    inner join organisation
        on vardplatser.kostnadsstalle = organisation.kostnadsstalle
    where organisation.ingar_i_produktion
)

select * from final
