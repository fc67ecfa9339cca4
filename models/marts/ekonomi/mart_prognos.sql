with

prognoser as (
    select * from {{ ref('int_prognos_per_manad') }}
),

med_fel as (
    -- a forecast's error against the actual year-end, once the whole year is loaded
    select
        *,
        faktiskt_helar_resultat - helarsbudget as faktisk_helar_avvikelse,
        prognos_resultat_runrate - faktiskt_helar_resultat as fel_runrate,
        prognos_resultat_sasong - faktiskt_helar_resultat as fel_sasong
    from prognoser
),

jamforbara as (
    -- the backtest compares the methods on the same years: both forecasts and the actual
    select
        *,
        fel_runrate is not null and fel_sasong is not null as ingar_i_backtest
    from med_fel
),

backtest as (
    -- the same month of every earlier year, for the same unit
    select
        *,
        sum(case when ingar_i_backtest then 1 else 0 end) over tidigare_ar as backtest_antal_ar,
        avg(case when ingar_i_backtest then abs(fel_runrate) end) over tidigare_ar
            as backtest_medelabsfel_runrate,
        avg(case when ingar_i_backtest then abs(fel_sasong) end) over tidigare_ar
            as backtest_medelabsfel_sasong
    from jamforbara
    window tidigare_ar as (
        partition by enhet_nyckel, manad
        order by ar
        rows between unbounded preceding and 1 preceding
    )
),

final as (
    select
        period,
        ar,
        manad,
        niva,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        ack_utfall,
        ack_budget,
        ack_avvikelse,
        helarsbudget,
        prognos_resultat_runrate,
        prognos_avvikelse_runrate,
        prognos_resultat_sasong,
        prognos_avvikelse_sasong,
        sasong_kvot_intakter,
        sasong_kvot_kostnader,
        faktiskt_helar_resultat,
        cast(faktisk_helar_avvikelse as decimal(18, 2)) as faktisk_helar_avvikelse,
        cast(fel_runrate as decimal(18, 2)) as fel_runrate,
        cast(fel_sasong as decimal(18, 2)) as fel_sasong,
        cast(coalesce(backtest_antal_ar, 0) as integer) as backtest_antal_ar,
        cast(backtest_medelabsfel_runrate as decimal(18, 2)) as backtest_medelabsfel_runrate,
        cast(backtest_medelabsfel_sasong as decimal(18, 2)) as backtest_medelabsfel_sasong
    from backtest
)

select * from final
