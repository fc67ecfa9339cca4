-- Primary-care medical assessments counted by the vårdgaranti measure: patient-chosen waits
-- left out; waiting days are calendar days from decision to assessment (same day = 0).
-- Grain: bedomning_id.
with

bedomningar as (
    select * from {{ ref('stg_tillganglighet__pv_bedomningar') }}
),

raknade as (
    select
        bedomning_id,
        period,
        kostnadsstalle,
        person_pseudonym,
        {{ dbt.datediff('beslutsdatum', 'bedomningsdatum', 'day') }} as vantedagar
    from bedomningar
    where not is_patientvald_vantan
),

final as (
    select
        *,
        case
            when vantedagar <= 3 then cast(vantedagar as {{ dbt.type_string() }})
            else '>3'
        end as vantedagar_klass
    from raknade
)

select * from final
