with

rutnat as (
    select * from {{ ref('int_utfall_budget_manadsrutnat') }}
),

rapportrader as (
    select * from {{ ref('int_rapportrader') }}
),

ackumulerat as (
    -- January up to and including the month, and how many of those months were loaded
    select
        *,
        sum(utfall) over ack_fonster as ack_utfall_alla,
        sum(budget) over ack_fonster as ack_budget_alla,
        sum(case when is_utfall_laddad then 1 else 0 end) over ack_fonster as ack_laddade,
        sum(budget) over helar_fonster as helarsbudget_alla,
        max(case when har_rader then 1 else 0 end) over helar_fonster as har_rader_i_aret
    from rutnat
    window
        ack_fonster as (
            partition by enhet_nyckel, rapportrad_nr, ar
            order by period
            rows between unbounded preceding and current row
        ),
        helar_fonster as (partition by enhet_nyckel, rapportrad_nr, ar)
),

foregaende_ar as (
    -- the grid is dense, so twelve rows back is the same month last year
    select
        *,
        lag(ack_utfall_alla, 12) over foreg_fonster as ack_utfall_foreg_ar_alla,
        lag(ack_laddade, 12) over foreg_fonster as ack_laddade_foreg_ar,
        lag(har_rader_i_aret, 12) over foreg_fonster as har_rader_foreg_ar
    from ackumulerat
    window foreg_fonster as (partition by enhet_nyckel, rapportrad_nr order by period)
),

rapporterade as (
    -- loaded months only, for units and lines with outcome or budget this year or last
    select
        *,
        case when is_budget_laddad then budget end as budget_manad,
        case when ack_laddade = manad then ack_utfall_alla end as ack_utfall,
        case when is_budget_laddad then ack_budget_alla end as ack_budget,
        case when ack_laddade_foreg_ar = manad then ack_utfall_foreg_ar_alla end
            as ack_utfall_foreg_ar,
        case when is_budget_laddad then helarsbudget_alla end as helarsbudget
    from foregaende_ar
    where is_utfall_laddad
        and (har_rader_i_aret = 1 or coalesce(har_rader_foreg_ar, 0) = 1)
),

final as (
    select
        rapporterade.period,
        rapporterade.ar,
        rapporterade.manad,
        rapporterade.niva,
        rapporterade.forvaltning,
        rapporterade.omrade,
        rapporterade.omrade_namn,
        rapporterade.basenhet,
        rapporterade.basenhet_namn,
        rapporterade.kostnadsstalle,
        rapporterade.kostnadsstalle_namn,
        rapportrader.rapportgrupp,
        rapportrader.rapportrad,
        rapportrader.rapportrad_nr,
        rapportrader.avvikelsekategori,
        cast(rapporterade.utfall as decimal(18, 2)) as utfall,
        cast(rapporterade.budget_manad as decimal(18, 2)) as budget,
        cast(rapporterade.utfall - rapporterade.budget_manad as decimal(18, 2)) as avvikelse,
        cast(rapporterade.ack_utfall as decimal(18, 2)) as ack_utfall,
        cast(rapporterade.ack_budget as decimal(18, 2)) as ack_budget,
        cast(rapporterade.ack_utfall - rapporterade.ack_budget as decimal(18, 2)) as ack_avvikelse,
        cast(rapporterade.ack_utfall_foreg_ar as decimal(18, 2)) as ack_utfall_foreg_ar,
        -- divided as doubles: Spark would divide the decimals at a fixed scale
        cast(rapporterade.ack_utfall - rapporterade.ack_utfall_foreg_ar as double)
            / nullif(cast(rapporterade.ack_utfall_foreg_ar as double), 0)
            as kostnadsutveckling,
        cast(rapporterade.helarsbudget as decimal(18, 2)) as helarsbudget
    from rapporterade
    inner join rapportrader on rapporterade.rapportrad_nr = rapportrader.rapportrad_nr
)

select * from final
