-- Care contacts counted per kostnadsställe and month, at the delivery's own grain: nothing
-- here depends on the organisation, so this is incremental (macros/inkrementell.sql) and a
-- reorganisation restates nothing. int_vardkontakter_per_manad applies today's organisation
-- (units in production statistics, dental units). The sjukvård measures count every contact
-- of their kind; for dental units they are replaced by tandvard_besok downstream.
-- Grain: period × kostnadsstalle.
{% set inkrementell = hsn_inkrementell(['vardkontakter']) %}

with

kontakter as (
    select * from {{ ref('stg_produktion__vardkontakter') }}
    where {{ hsn_leveransfilter(inkrementell.perioder) }}
),

leveransnycklar as (
    {{ inkrementell.leveransnycklar }}
),

markerade as (
    select
        period,
        kostnadsstalle,
        vardform,
        yrkeskategori,
        kontakttyp,
        kontaktdatum,
        inskrivningsdatum,
        coalesce(drg_vikt, 0) as drg_vikt,
        vardform = 'OPPENVARD' as is_oppenvard,
        kontakttyp in ('FYSISKT', 'DISTANS') as is_besok
    from kontakter
),

per_manad as (
    select
        period,
        kostnadsstalle,
        count(*) as antal_kontakter,
        sum(case when vardform = 'SLUTENVARD' then 1 else 0 end) as vardtillfallen,
        sum(case when vardform = 'SLUTENVARD'
            then {{ dbt.datediff('inskrivningsdatum', 'kontaktdatum', 'day') }} else 0 end)
            as vardtid_dagar,
        sum(case when is_oppenvard and is_besok and yrkeskategori = 'LAKARE' then 1 else 0 end)
            as lakarbesok,
        sum(case when is_oppenvard and is_besok and yrkeskategori <> 'LAKARE' then 1 else 0 end)
            as sjukvardande_behandling,
        sum(case when is_oppenvard and kontakttyp = 'VACCINATION' then 1 else 0 end)
            as vaccinationsbesok,
        sum(case when vardform = 'SLUTENVARD' then drg_vikt else 0 end) as vardtjanst_drg,
        sum(drg_vikt) as viktad_vardtjanst
    from markerade
    group by period, kostnadsstalle
),

final as (
    select
        per_manad.*,
        leveransnycklar.leverans_nyckel
    from per_manad
    left join leveransnycklar on per_manad.period = leveransnycklar.period
)

select * from final
