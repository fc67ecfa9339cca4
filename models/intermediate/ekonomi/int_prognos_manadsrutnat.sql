-- The operating result per unit and month, split into revenue and costs (the forecast
-- scales each by its own outcome-to-budget ratio), on the dense month grid of
-- int_utfall_budget_manadsrutnat with its load flags. Report convention: revenue positive,
-- costs negative. Grain: period × niva/unit.
with

rutnat as (
    select * from {{ ref('int_utfall_budget_manadsrutnat') }}
),

rapportrader as (
    select * from {{ ref('int_rapportrader') }}
),

med_grupp as (
    select
        rutnat.*,
        rapportrader.rapportgrupp = 'Verksamhetens intäkter' as is_intakt
    from rutnat
    inner join rapportrader on rutnat.rapportrad_nr = rapportrader.rapportrad_nr
),

final as (
    select
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        period,
        ar,
        manad,
        is_utfall_laddad,
        is_budget_laddad,
        cast(sum(case when is_intakt then utfall else 0 end) as decimal(18, 2))
            as utfall_intakter,
        cast(sum(case when is_intakt then 0 else utfall end) as decimal(18, 2))
            as utfall_kostnader,
        cast(sum(case when is_intakt then budget else 0 end) as decimal(18, 2))
            as budget_intakter,
        cast(sum(case when is_intakt then 0 else budget end) as decimal(18, 2))
            as budget_kostnader,
        max(case when har_rader then 1 else 0 end) = 1 as har_rader
    from med_grupp
    group by
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        period,
        ar,
        manad,
        is_utfall_laddad,
        is_budget_laddad
)

select * from final
