-- Care production per month, January to the month (ack_) and rolling twelve months (r12_),
-- per level and vardniva; only units in production statistics. Every value is computed from
-- its own sums at its own level; a window with a month that was not loaded is null.
-- Grain: period × niva/unit × vardniva.
{% set fonster = {'manad': '', 'ack': 'ack_', 'r12': 'r12_'} %}
{% set kontaktmatt = ['vardtillfallen', 'vardtid_dagar', 'lakarbesok',
    'sjukvardande_behandling', 'vaccinationsbesok', 'tandvard_besok', 'tandvard_patienter'] %}
{% set viktmatt = ['vardtjanst_drg', 'viktad_vardtjanst'] %}
{% set platsmatt = ['varddagar', 'disponibla_platsdagar'] %}
with

per_niva as (
    select * from {{ ref('int_vardproduktion_per_niva') }}
),

patienter as (
    select * from {{ ref('int_tandvard_patienter_per_niva') }}
),

status as (
    select * from {{ ref('int_produktion_fonster_status') }}
),

summor as (
    -- the window's sums, null where a month of the window was not loaded
    select
        per_niva.period,
        per_niva.niva,
        per_niva.enhet_nyckel,
        per_niva.forvaltning,
        per_niva.omrade,
        per_niva.omrade_namn,
        per_niva.basenhet,
        per_niva.basenhet_namn,
        per_niva.kostnadsstalle,
        per_niva.kostnadsstalle_namn,
        per_niva.vardniva,
        per_niva.fonster,
        status.antal_dagar,
        {%- for m in kontaktmatt + viktmatt %}
        case when status.is_vardkontakter_komplett then
            {% if m == 'tandvard_patienter' %}coalesce(patienter.{{ m }}, 0){% else %}per_niva.{{ m }}{% endif %}
        end as {{ m }},
        {%- endfor %}
        {%- for m in platsmatt %}
        case when status.is_vardplatser_komplett then per_niva.{{ m }} end as {{ m }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from per_niva
    inner join status
        on per_niva.period = status.period and per_niva.fonster = status.fonster
    left join patienter
        on per_niva.period = patienter.period
        and per_niva.enhet_nyckel = patienter.enhet_nyckel
        and per_niva.vardniva = patienter.vardniva
        and per_niva.fonster = patienter.fonster
),

per_fonster as (
    -- one row per unit, month and vardniva with the three windows side by side
    select
        period,
        niva,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        vardniva,
        {%- for f, prefix in fonster.items() %}
        max(case when fonster = '{{ f }}' then antal_dagar end) as {{ prefix }}antal_dagar,
        {%- for m in kontaktmatt + viktmatt + platsmatt %}
        max(case when fonster = '{{ f }}' then {{ m }} end) as {{ prefix }}{{ m }}
        {%- if not (loop.last and f == 'r12') %},{% endif %}
        {%- endfor %}
        {%- endfor %}
    from summor
    group by
        period, niva, enhet_nyckel, forvaltning, omrade, omrade_namn, basenhet,
        basenhet_namn, kostnadsstalle, kostnadsstalle_namn, vardniva
),

final as (
    select
        period,
        cast(extract(year from period) as integer) as ar,
        cast(extract(month from period) as integer) as manad,
        niva,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        vardniva,
        {%- for f, p in fonster.items() %}
        cast({{ p }}vardtillfallen as bigint) as {{ p }}vardtillfallen,
        cast({{ p }}vardtid_dagar as bigint) as {{ p }}vardtid_dagar,
        cast({{ p }}vardtid_dagar as double) / nullif({{ p }}vardtillfallen, 0)
            as {{ p }}medelvardtid,
        cast({{ p }}varddagar as bigint) as {{ p }}varddagar,
        cast({{ p }}disponibla_platsdagar as bigint) as {{ p }}disponibla_platsdagar,
        cast({{ p }}disponibla_platsdagar as double) / {{ p }}antal_dagar
            as {{ p }}disponibla_vardplatser,
        cast({{ p }}varddagar as double) / nullif({{ p }}disponibla_platsdagar, 0)
            as {{ p }}belaggning,
        cast({{ p }}lakarbesok as bigint) as {{ p }}lakarbesok,
        cast({{ p }}sjukvardande_behandling as bigint) as {{ p }}sjukvardande_behandling,
        cast({{ p }}vaccinationsbesok as bigint) as {{ p }}vaccinationsbesok,
        cast({{ p }}vardtjanst_drg as decimal(18, 4)) as {{ p }}vardtjanst_drg,
        cast({{ p }}vardtjanst_drg as double) / nullif({{ p }}vardtillfallen, 0)
            as {{ p }}vardtjanst_drg_per_vardtillfalle,
        cast({{ p }}viktad_vardtjanst as decimal(18, 4)) as {{ p }}viktad_vardtjanst,
        cast({{ p }}tandvard_besok as bigint) as {{ p }}tandvard_besok,
        cast({{ p }}tandvard_patienter as bigint) as {{ p }}tandvard_patienter
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from per_fonster
)

select * from final
