with

rutnat as (
    select * from {{ ref('int_utfall_budget_manadsrutnat') }}
),

rapportrader as (
    select * from {{ ref('int_rapportrader') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

mart_intervall as (
    -- from the first loaded month to the last budgeted (or loaded) month
    select
        min(case when is_utfall_laddad then period end) as forsta_period,
        max(case when is_utfall_laddad or is_budget_laddad then period end) as sista_period
    from perioder
),

rullande as (
    -- the grid is dense, so the eleven rows before are the eleven months before
    select
        *,
        sum(utfall) over r12_fonster as utfall_r12_alla,
        sum(budget) over r12_fonster as budget_r12_alla,
        sum(case when is_utfall_laddad then 1 else 0 end) over r12_fonster as laddade_utfall,
        sum(case when is_budget_laddad then 1 else 0 end) over r12_fonster as laddade_budget
    from rutnat
    window r12_fonster as (
        partition by enhet_nyckel, rapportrad_nr
        order by period
        rows between 11 preceding and current row
    )
),

final as (
    select
        rullande.period,
        rullande.ar,
        rullande.manad,
        rullande.niva,
        rullande.forvaltning,
        rullande.omrade,
        rullande.omrade_namn,
        rullande.basenhet,
        rullande.basenhet_namn,
        rullande.kostnadsstalle,
        rullande.kostnadsstalle_namn,
        rapportrader.rapportgrupp,
        rapportrader.rapportrad,
        rapportrader.rapportrad_nr,
        rapportrader.avvikelsekategori,
        cast(case when rullande.is_utfall_laddad then rullande.utfall end as decimal(18, 2))
            as utfall,
        cast(case when rullande.is_budget_laddad then rullande.budget end as decimal(18, 2))
            as budget,
        cast(case when rullande.laddade_utfall = 12 then rullande.utfall_r12_alla end
            as decimal(18, 2)) as utfall_r12,
        cast(case when rullande.laddade_budget = 12 then rullande.budget_r12_alla end
            as decimal(18, 2)) as budget_r12
    from rullande
    inner join rapportrader on rullande.rapportrad_nr = rapportrader.rapportrad_nr
    cross join mart_intervall
    where rullande.period between mart_intervall.forsta_period and mart_intervall.sista_period
)

select * from final
