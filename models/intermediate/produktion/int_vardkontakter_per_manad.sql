-- Care contacts counted per unit and month, for units in production statistics
-- (ingar_i_produktion in the latest organisation). A row's vardniva is its unit's vardniva
-- in int_organisation_aktuell. Contacts at units outside production statistics, or at units
-- no organisation delivery knows, are left out (see reconcile_vardkontakter_produktion).
-- Grain: period × kostnadsstalle.
with

kontakter as (
    select * from {{ ref('stg_produktion__vardkontakter') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

kontakter_i_produktion as (
    select
        kontakter.period,
        kontakter.kostnadsstalle,
        organisation.vardniva,
        kontakter.vardform,
        kontakter.yrkeskategori,
        kontakter.kontakttyp,
        kontakter.kontaktdatum,
        kontakter.inskrivningsdatum,
        coalesce(kontakter.drg_vikt, 0) as drg_vikt,
        organisation.vardniva = 'TANDVARD' as is_tandvard,
        kontakter.vardform = 'OPPENVARD' as is_oppenvard,
        kontakter.kontakttyp in ('FYSISKT', 'DISTANS') as is_besok
    from kontakter
    inner join organisation
        on kontakter.kostnadsstalle = organisation.kostnadsstalle
    where organisation.ingar_i_produktion
),

per_manad as (
    select
        period,
        kostnadsstalle,
        vardniva,
        count(*) as antal_kontakter,
        sum(case when not is_tandvard and vardform = 'SLUTENVARD' then 1 else 0 end)
            as vardtillfallen,
        sum(case when not is_tandvard and vardform = 'SLUTENVARD'
            then {{ dbt.datediff('inskrivningsdatum', 'kontaktdatum', 'day') }} else 0 end)
            as vardtid_dagar,
        sum(case when not is_tandvard and is_oppenvard and is_besok
            and yrkeskategori = 'LAKARE' then 1 else 0 end) as lakarbesok,
        sum(case when not is_tandvard and is_oppenvard and is_besok
            and yrkeskategori <> 'LAKARE' then 1 else 0 end) as sjukvardande_behandling,
        sum(case when not is_tandvard and is_oppenvard and kontakttyp = 'VACCINATION'
            then 1 else 0 end) as vaccinationsbesok,
        sum(case when not is_tandvard and vardform = 'SLUTENVARD' then drg_vikt else 0 end)
            as vardtjanst_drg,
        sum(drg_vikt) as viktad_vardtjanst,
        sum(case when is_tandvard then 1 else 0 end) as tandvard_besok
    from kontakter_i_produktion
    group by period, kostnadsstalle, vardniva
)

select * from per_manad
