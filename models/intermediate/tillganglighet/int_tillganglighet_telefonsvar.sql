-- Every incoming primary-care call with whether it was answered the same calendar day and
-- within 24 hours (answered at most 24 hours after it came in; never answered = neither).
-- A view: only int_tillganglighet_populationer reads it. Grain: samtal_id.
{{ config(materialized='view') }}

with

samtal as (
    select * from {{ ref('stg_tillganglighet__telefoni') }}
),

final as (
    select
        samtal_id,
        period,
        kostnadsstalle,
        telefon_pseudonym,
        coalesce(
            cast(besvarad_tid as date) = cast(inkommande_tid as date), false
        ) as is_besvarad_samma_dag,
        coalesce(
            besvarad_tid <= {{ dbt.dateadd('hour', 24, 'inkommande_tid') }}, false
        ) as is_besvarad_inom_24h
    from samtal
)

select * from final
