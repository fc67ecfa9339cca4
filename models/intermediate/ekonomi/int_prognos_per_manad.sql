-- The full-year forecast of the operating result per unit, made in each loaded month, by
-- two methods (see the model description in _personal__intermediate.yml):
--   run-rate: helårsbudget + ack_avvikelse / manad × 12 (the seed's "80 mkr/månad × 12");
--   seasonal: ack_utfall + the rest of this year's budget, revenue and costs each scaled by
--             last year's outcome/budget ratio over the same remaining months.
-- Also the actual year-end result when the whole year is loaded (for the backtest).
-- Grain: period × niva/unit.
with

rutnat as (
    select * from {{ ref('int_prognos_manadsrutnat') }}
),

ackumulerat as (
    select
        *,
        sum(utfall_intakter) over ack_fonster as ack_utfall_intakter,
        sum(utfall_kostnader) over ack_fonster as ack_utfall_kostnader,
        sum(budget_intakter) over ack_fonster as ack_budget_intakter,
        sum(budget_kostnader) over ack_fonster as ack_budget_kostnader,
        sum(case when is_utfall_laddad then 1 else 0 end) over ack_fonster as ack_laddade,
        sum(utfall_intakter) over helar_fonster as helar_utfall_intakter,
        sum(utfall_kostnader) over helar_fonster as helar_utfall_kostnader,
        sum(budget_intakter) over helar_fonster as helar_budget_intakter,
        sum(budget_kostnader) over helar_fonster as helar_budget_kostnader,
        sum(case when is_utfall_laddad then 1 else 0 end) over helar_fonster as laddade_i_aret,
        max(case when har_rader then 1 else 0 end) over helar_fonster as har_rader_i_aret
    from rutnat
    window
        ack_fonster as (
            partition by enhet_nyckel, ar
            order by period
            rows between unbounded preceding and current row
        ),
        helar_fonster as (partition by enhet_nyckel, ar)
),

resterande as (
    -- the months after this one, same year; the remaining budget is unknown (null, not the
    -- grid's 0) until the budget year is loaded, so no forecast is built on it
    select
        *,
        helar_utfall_intakter - ack_utfall_intakter as rest_utfall_intakter,
        helar_utfall_kostnader - ack_utfall_kostnader as rest_utfall_kostnader,
        case when is_budget_laddad
            then helar_budget_intakter - ack_budget_intakter
        end as rest_budget_intakter,
        case when is_budget_laddad
            then helar_budget_kostnader - ack_budget_kostnader
        end as rest_budget_kostnader
    from ackumulerat
),

foregaende_ar as (
    -- the grid is dense, so twelve rows back is the same month last year
    select
        *,
        lag(rest_utfall_intakter, 12) over foreg_fonster as rest_utfall_intakter_foreg_ar,
        lag(rest_utfall_kostnader, 12) over foreg_fonster as rest_utfall_kostnader_foreg_ar,
        lag(rest_budget_intakter, 12) over foreg_fonster as rest_budget_intakter_foreg_ar,
        lag(rest_budget_kostnader, 12) over foreg_fonster as rest_budget_kostnader_foreg_ar,
        lag(laddade_i_aret, 12) over foreg_fonster as laddade_foreg_ar,
        lag(is_budget_laddad, 12) over foreg_fonster as is_budget_laddad_foreg_ar,
        lag(har_rader_i_aret, 12) over foreg_fonster as har_rader_foreg_ar
    from resterande
    window foreg_fonster as (partition by enhet_nyckel order by period)
),

sasongskvoter as (
    -- last year's outcome/budget over the remaining months; 1 where nothing was budgeted
    -- then; null unless last year is fully loaded with its budget
    select
        *,
        laddade_foreg_ar = 12 and coalesce(is_budget_laddad_foreg_ar, false)
            as har_foreg_ar,
        case
            when rest_budget_intakter_foreg_ar = 0 then 1.0
            else cast(rest_utfall_intakter_foreg_ar as double)
                / cast(rest_budget_intakter_foreg_ar as double)
        end as kvot_intakter_alla,
        case
            when rest_budget_kostnader_foreg_ar = 0 then 1.0
            else cast(rest_utfall_kostnader_foreg_ar as double)
                / cast(rest_budget_kostnader_foreg_ar as double)
        end as kvot_kostnader_alla
    from foregaende_ar
),

rapporterade as (
    select
        *,
        case when ack_laddade = manad
            then ack_utfall_intakter + ack_utfall_kostnader
        end as ack_utfall,
        case when is_budget_laddad
            then ack_budget_intakter + ack_budget_kostnader
        end as ack_budget,
        case when is_budget_laddad
            then helar_budget_intakter + helar_budget_kostnader
        end as helarsbudget,
        case when har_foreg_ar then kvot_intakter_alla end as sasong_kvot_intakter,
        case when har_foreg_ar then kvot_kostnader_alla end as sasong_kvot_kostnader,
        case when laddade_i_aret = 12
            then helar_utfall_intakter + helar_utfall_kostnader
        end as faktiskt_helar_resultat
    from sasongskvoter
    where is_utfall_laddad
        and (har_rader_i_aret = 1 or coalesce(har_rader_foreg_ar, 0) = 1)
),

final as (
    select
        period,
        ar,
        manad,
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        cast(ack_utfall as decimal(18, 2)) as ack_utfall,
        cast(ack_budget as decimal(18, 2)) as ack_budget,
        cast(ack_utfall - ack_budget as decimal(18, 2)) as ack_avvikelse,
        cast(helarsbudget as decimal(18, 2)) as helarsbudget,
        -- divided as a double on every engine (Spark would divide the decimal at a fixed scale)
        {{ double_till_belopp(
            'helarsbudget + cast((ack_utfall - ack_budget) * 12.0 as double) / manad') }}
            as prognos_resultat_runrate,
        {{ double_till_belopp('cast((ack_utfall - ack_budget) * 12.0 as double) / manad') }}
            as prognos_avvikelse_runrate,
        {{ double_till_belopp(
            'ack_utfall
            + cast(rest_budget_intakter as double) * sasong_kvot_intakter
            + cast(rest_budget_kostnader as double) * sasong_kvot_kostnader') }}
            as prognos_resultat_sasong,
        {{ double_till_belopp(
            'ack_utfall
            + cast(rest_budget_intakter as double) * sasong_kvot_intakter
            + cast(rest_budget_kostnader as double) * sasong_kvot_kostnader
            - helarsbudget') }}
            as prognos_avvikelse_sasong,
        cast(sasong_kvot_intakter as double) as sasong_kvot_intakter,
        cast(sasong_kvot_kostnader as double) as sasong_kvot_kostnader,
        cast(faktiskt_helar_resultat as decimal(18, 2)) as faktiskt_helar_resultat
    from rapporterade
)

select * from final
