-- Whether each window is complete, per extract, and its number of days (for average beds).
-- A window's value is null unless every month in it was loaded; r12 needs twelve months
-- (also when the spine does not reach that far back). Grain: period × fonster.
with

fonster as (
    select * from {{ ref('int_produktion_fonster') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

manader as (
    select
        fonster.period,
        fonster.fonster,
        count(*) as antal_manader,
        sum(case when perioder.is_vardkontakter_laddad then 1 else 0 end)
            as laddade_vardkontakter,
        sum(case when perioder.is_vardplatser_laddad then 1 else 0 end) as laddade_vardplatser,
        sum({{ dbt.datediff('perioder.period',
            dbt.dateadd('month', 1, 'perioder.period'), 'day') }}) as antal_dagar
    from fonster
    inner join perioder on fonster.kalla_period = perioder.period
    group by fonster.period, fonster.fonster
),

final as (
    select
        period,
        fonster,
        antal_dagar,
        laddade_vardkontakter = antal_manader
            and (fonster <> 'r12' or antal_manader = 12) as is_vardkontakter_komplett,
        laddade_vardplatser = antal_manader
            and (fonster <> 'r12' or antal_manader = 12) as is_vardplatser_komplett
    from manader
)

select * from final
