with

rutnat as (
    select * from {{ ref('int_personalkostnad_manadsrutnat') }}
),

ackumulerat as (
    -- January up to and including the month, and how many of those months were loaded
    select
        *,
        sum(utfall) over ack_fonster as ack_utfall_alla,
        sum(budget) over ack_fonster as ack_budget_alla,
        sum(case when is_utfall_laddad then 1 else 0 end) over ack_fonster as ack_laddade,
        max(case when har_rader then 1 else 0 end) over helar_fonster as har_rader_i_aret
    from rutnat
    window
        ack_fonster as (
            partition by enhet_nyckel, personalkategori, ar
            order by period
            rows between unbounded preceding and current row
        ),
        helar_fonster as (partition by enhet_nyckel, personalkategori, ar)
),

foregaende_ar as (
    -- the grid is dense, so twelve rows back is the same month last year
    select
        *,
        lag(ack_utfall_alla, 12) over foreg_fonster as ack_utfall_foreg_ar_alla,
        lag(ack_laddade, 12) over foreg_fonster as ack_laddade_foreg_ar,
        lag(har_rader_i_aret, 12) over foreg_fonster as har_rader_foreg_ar
    from ackumulerat
    window foreg_fonster as (partition by enhet_nyckel, personalkategori order by period)
),

egen_personal as (
    -- the unit's own personnel costs (4000–4599, every category but HYR), month and ack
    select
        *,
        sum(case when personalkategori <> 'HYR' then utfall else 0 end)
            over enhet_manad as egen_utfall,
        sum(case when personalkategori <> 'HYR' then ack_utfall_alla else 0 end)
            over enhet_manad as egen_ack_utfall
    from foregaende_ar
    window enhet_manad as (partition by enhet_nyckel, period)
),

rapporterade as (
    -- loaded months only, for units and categories with outcome or budget this year or last
    select
        *,
        case when is_budget_laddad then budget end as budget_manad,
        case when ack_laddade = manad then ack_utfall_alla end as ack_utfall,
        case when is_budget_laddad then ack_budget_alla end as ack_budget,
        case when ack_laddade_foreg_ar = manad then ack_utfall_foreg_ar_alla end
            as ack_utfall_foreg_ar,
        case when ack_laddade = manad then egen_ack_utfall end as egen_ack_utfall_laddad
    from egen_personal
    where is_utfall_laddad
        and (har_rader_i_aret = 1 or coalesce(har_rader_foreg_ar, 0) = 1)
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
        personalkategori,
        case personalkategori
            when 'LAK' then 'Läkare'
            when 'OMV' then 'Omvårdnadspersonal'
            when 'PAR' then 'Paramedicin'
            when 'OVR' then 'Övriga'
            when 'EJD' then 'Ej direkt lönekostnad'
            when 'HYR' then 'Hyrpersonal'
        end as personalkategori_namn,
        personalkategori = 'HYR' as is_hyrpersonal,
        cast(utfall as decimal(18, 2)) as utfall,
        cast(budget_manad as decimal(18, 2)) as budget,
        cast(utfall - budget_manad as decimal(18, 2)) as avvikelse,
        cast(ack_utfall as decimal(18, 2)) as ack_utfall,
        cast(ack_budget as decimal(18, 2)) as ack_budget,
        cast(ack_utfall - ack_budget as decimal(18, 2)) as ack_avvikelse,
        cast(ack_utfall_foreg_ar as decimal(18, 2)) as ack_utfall_foreg_ar,
        -- shares divided as doubles: Spark would divide the decimals at a fixed scale
        cast(ack_utfall - ack_utfall_foreg_ar as double)
            / nullif(cast(ack_utfall_foreg_ar as double), 0) as kostnadsutveckling,
        case
            when personalkategori = 'HYR'
                then cast(utfall as double) / nullif(cast(egen_utfall as double), 0)
        end as andel_hyrpersonal,
        case
            when personalkategori = 'HYR'
                then cast(ack_utfall as double)
                / nullif(cast(egen_ack_utfall_laddad as double), 0)
        end as ack_andel_hyrpersonal
    from rapporterade
)

select * from final
