-- The month spine: every month from January of the first year with any accepted delivery to
-- December of the last such year, with what has been loaded for it. A month is loaded when
-- its delivery was accepted, even if it had no rows. Grain: period.
{% set manadsextrakt = {
    'huvudbok': 'is_utfall_laddad',
    'organisation': 'is_organisation_laddad',
    'vardkontakter': 'is_vardkontakter_laddad',
    'vardplatser': 'is_vardplatser_laddad',
    'pv_bedomningar': 'is_pv_bedomningar_laddad',
    'telefoni': 'is_telefoni_laddad',
    'vantelista': 'is_vantelista_laddad',
    'tandvard_kallelser': 'is_tandvard_kallelser_laddad',
    'riket': 'is_riket_laddad',
    'atgardsplaner': 'is_atgardsplaner_laddad',
} %}

with

leveranser as (
    select * from {{ ref('stg_gate__leveranser') }}
),

manadsleveranser as (
    select
        extrakt,
        {{ period_from_text('leverans_period') }} as period
    from leveranser
    where extrakt <> 'budget'
),

budgetar as (
    select cast(leverans_period as integer) as ar
    from leveranser
    where extrakt = 'budget'
),

ar_med_data as (
    select cast(extract(year from period) as integer) as ar from manadsleveranser
    union all
    select ar from budgetar
),

intervall as (
    select min(ar) as forsta_ar, max(ar) as sista_ar from ar_med_data
),

siffror as (
    select 0 as siffra union all select 1 union all select 2 union all select 3
    union all select 4 union all select 5 union all select 6 union all select 7
    union all select 8 union all select 9
),

manadsnummer as (
    -- up to 1 000 months (83 years) from the first year
    select 100 * hundra.siffra + 10 * tio.siffra + ett.siffra as manad_nr
    from siffror as hundra
    cross join siffror as tio
    cross join siffror as ett
),

spine as (
    select
        cast(
            {{ dbt.dateadd('month', 'manadsnummer.manad_nr',
                "cast(cast(intervall.forsta_ar as " ~ dbt.type_string() ~ ") || '-01-01' as date)") }}
            as date
        ) as period
    from manadsnummer
    cross join intervall
    where manadsnummer.manad_nr < 12 * (intervall.sista_ar - intervall.forsta_ar + 1)
),

laddat_per_manad as (
    select
        period,
        {%- for extrakt, kolumn in manadsextrakt.items() %}
        max(case when extrakt = '{{ extrakt }}' then 1 else 0 end) as {{ kolumn }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from manadsleveranser
    group by period
),

laddade_budgetar as (
    select distinct ar from budgetar
),

final as (
    select
        spine.period,
        cast(extract(year from spine.period) as integer) as ar,
        cast(extract(month from spine.period) as integer) as manad,
        {%- for kolumn in manadsextrakt.values() %}
        coalesce(laddat_per_manad.{{ kolumn }}, 0) = 1 as {{ kolumn }},
        {%- endfor %}
        laddade_budgetar.ar is not null as is_budget_laddad
    from spine
    left join laddat_per_manad on spine.period = laddat_per_manad.period
    left join laddade_budgetar
        on cast(extract(year from spine.period) as integer) = laddade_budgetar.ar
)

select * from final
