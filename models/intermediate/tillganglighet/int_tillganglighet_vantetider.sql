-- Specialist waiting items counted by the vårdgaranti measures: patient-chosen and medically
-- caused waits left out. A still-waiting item is measured to the month's last day, a done
-- item to its genomford_datum (calendar days). ar_bup from today's organisation.
-- A view: only int_tillganglighet_populationer reads it, for the months it rebuilds.
-- Grain: period × vantande_id.
{{ config(materialized='view') }}

with

vantelista as (
    select * from {{ ref('stg_tillganglighet__vantelista') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

raknade as (
    select
        period,
        vantande_id,
        kostnadsstalle,
        person_pseudonym,
        vardatgard,
        genomford_datum is not null as is_genomford,
        coalesce(
            genomford_datum, cast({{ dbt.last_day('period', 'month') }} as date)
        ) as matdatum,
        referensdatum
    from vantelista
    where not is_patientvald_vantan
        and not is_medicinskt_orsakad_vantan
),

final as (
    select
        raknade.period,
        raknade.vantande_id,
        raknade.kostnadsstalle,
        raknade.person_pseudonym,
        raknade.vardatgard,
        raknade.is_genomford,
        {{ dbt.datediff('raknade.referensdatum', 'raknade.matdatum', 'day') }} as vantedagar,
        coalesce(organisation.ar_bup, false) as is_bup
    from raknade
    left join organisation on raknade.kostnadsstalle = organisation.kostnadsstalle
)

select * from final
