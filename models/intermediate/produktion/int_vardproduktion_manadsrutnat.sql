-- The dense grid behind mart_vardproduktion: every unit in production statistics that has
-- contacts or census rows in any loaded month, for every month with vardkontakter or
-- vardplatser loaded, placed in the latest organisation. A loaded month without rows for a
-- unit counts 0; months that were not loaded are made null in the mart.
-- Grain: period × kostnadsstalle.
{% set kontaktmatt = ['antal_kontakter', 'vardtillfallen', 'vardtid_dagar', 'lakarbesok',
    'sjukvardande_behandling', 'vaccinationsbesok', 'vardtjanst_drg', 'viktad_vardtjanst',
    'tandvard_besok'] %}
{% set platsmatt = ['varddagar', 'disponibla_platsdagar'] %}
with

kontakter as (
    select * from {{ ref('int_vardkontakter_per_manad') }}
),

vardplatser as (
    select * from {{ ref('int_vardplatser_per_manad') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

enheter_med_data as (
    select kostnadsstalle from kontakter
    union
    select kostnadsstalle from vardplatser
),

laddade_perioder as (
    select period
    from perioder
    where is_vardkontakter_laddad or is_vardplatser_laddad
),

rutnat as (
    select
        laddade_perioder.period,
        organisation.forvaltning,
        organisation.omrade,
        organisation.omrade_namn,
        organisation.basenhet,
        organisation.basenhet_namn,
        organisation.kostnadsstalle,
        organisation.kostnadsstalle_namn,
        organisation.vardniva
    from laddade_perioder
    cross join enheter_med_data
    inner join organisation
        on enheter_med_data.kostnadsstalle = organisation.kostnadsstalle
),

final as (
    select
        rutnat.*,
        {%- for matt in kontaktmatt %}
        coalesce(kontakter.{{ matt }}, 0) as {{ matt }},
        {%- endfor %}
        {%- for matt in platsmatt %}
        coalesce(vardplatser.{{ matt }}, 0) as {{ matt }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from rutnat
    left join kontakter
        on rutnat.period = kontakter.period and rutnat.kostnadsstalle = kontakter.kostnadsstalle
    left join vardplatser
        on rutnat.period = vardplatser.period
        and rutnat.kostnadsstalle = vardplatser.kostnadsstalle
)

select * from final
