-- Production sums per level, vardniva and window ('manad', 'ack', 'r12'), each summed from
-- the unit-months of the window at that level (never from the level below).
-- Grain: period × niva/unit × vardniva × fonster.
{% set matt = ['antal_kontakter', 'vardtillfallen', 'vardtid_dagar', 'varddagar',
    'disponibla_platsdagar', 'lakarbesok', 'sjukvardande_behandling', 'vaccinationsbesok',
    'vardtjanst_drg', 'viktad_vardtjanst', 'tandvard_besok'] %}
{% set summor = {} %}
{% for m in matt %}{% do summor.update({m: 'sum(' ~ m ~ ')'}) %}{% endfor %}
with

rutnat as (
    select * from {{ ref('int_vardproduktion_manadsrutnat') }}
),

fonster as (
    select * from {{ ref('int_produktion_fonster') }}
),

i_fonster as (
    select
        fonster.period,
        fonster.fonster,
        rutnat.vardniva,
        rutnat.forvaltning,
        rutnat.omrade,
        rutnat.omrade_namn,
        rutnat.basenhet,
        rutnat.basenhet_namn,
        rutnat.kostnadsstalle,
        rutnat.kostnadsstalle_namn,
        {%- for m in matt %}
        rutnat.{{ m }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from fonster
    inner join rutnat on fonster.kalla_period = rutnat.period
),

final as (
    {{ rulla_upp_per_niva('i_fonster', ['period', 'vardniva', 'fonster'], summor) }}
)

select * from final
