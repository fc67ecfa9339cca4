-- Care contacts per unit and month, for units in production statistics (ingar_i_produktion
-- in the latest organisation), from the per-kostnadsställe counts. A row's vardniva is its
-- unit's vardniva in int_organisation_aktuell; at a dental unit every contact is a tandvård
-- visit and the sjukvård measures are 0. Contacts at units outside production statistics, or
-- at units no organisation delivery knows, are left out (see reconcile_vardkontakter_produktion).
-- The organisation is applied here, not in the incremental model below it, so that a
-- reorganisation restates every month. Grain: period × kostnadsstalle.
{% set sjukvardsmatt = ['vardtillfallen', 'vardtid_dagar', 'lakarbesok',
    'sjukvardande_behandling', 'vaccinationsbesok', 'vardtjanst_drg'] %}
with

kontakter as (
    select * from {{ ref('int_vardkontakter_per_kostnadsstalle') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

final as (
    select
        kontakter.period,
        kontakter.kostnadsstalle,
        organisation.vardniva,
        kontakter.antal_kontakter,
        {%- for matt in sjukvardsmatt %}
        case when organisation.vardniva = 'TANDVARD' then 0 else kontakter.{{ matt }} end
            as {{ matt }},
        {%- endfor %}
        kontakter.viktad_vardtjanst,
        case when organisation.vardniva = 'TANDVARD' then kontakter.antal_kontakter else 0 end
            as tandvard_besok
    from kontakter
    inner join organisation
        on kontakter.kostnadsstalle = organisation.kostnadsstalle
    where organisation.ingar_i_produktion
)

select * from final
