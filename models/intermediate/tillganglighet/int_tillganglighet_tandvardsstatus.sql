-- Every dental recall on the month-end list with its status at the month's last day:
--   EJ_FORFALLEN       planned after the month end (not yet due, outside the measures)
--   EJ_FORSENAD        called on or before the planned examination date
--   KALLAD_FORSENAD    called, but after the planned date
--   EJ_KALLAD          not called, planned at most 6 calendar months before month end
--   EJ_KALLAD_OVER_6M  not called, planned more than 6 calendar months before month end
-- kallelse_id names a recall: clinic, age group, patient and planned date.
-- A view: the list is long and only int_tillganglighet_populationer reads it.
-- Grain: period × kallelse_id.
{{ config(materialized='view') }}

with

kallelser as (
    select * from {{ ref('stg_tillganglighet__tandvard_kallelser') }}
),

med_manadsslut as (
    select
        *,
        cast({{ dbt.last_day('period', 'month') }} as date) as manadsslut
    from kallelser
),

med_gransdatum as (
    select
        *,
        cast({{ dbt.dateadd('month', -6, 'manadsslut') }} as date) as sex_manader_fore
    from med_manadsslut
),

final as (
    select
        period,
        kostnadsstalle || ':' || aldersgrupp || ':' || person_pseudonym || ':'
        || cast(planerad_undersokning as {{ dbt.type_string() }}) as kallelse_id,
        kostnadsstalle,
        person_pseudonym,
        aldersgrupp,
        planerad_undersokning,
        kallad_datum,
        manadsslut,
        case
            when planerad_undersokning > manadsslut then 'EJ_FORFALLEN'
            when kallad_datum <= planerad_undersokning then 'EJ_FORSENAD'
            when kallad_datum is not null then 'KALLAD_FORSENAD'
            when planerad_undersokning < sex_manader_fore then 'EJ_KALLAD_OVER_6M'
            else 'EJ_KALLAD'
        end as kallelsestatus
    from med_gransdatum
)

select * from final
