-- Every kostnadsställe ever delivered, placed in the latest organisation: its own last known
-- basenhet, that basenhet's last known område, that område's last known förvaltning, and
-- the latest names of each. History is then reported in today's tree. Grain: kostnadsstalle.
with

organisation as (
    select * from {{ ref('stg_ekonomi__organisation') }}
),

kostnadsstallen_rankade as (
    select
        *,
        min(period) over (partition by kostnadsstalle) as forsta_period,
        row_number() over (partition by kostnadsstalle order by period desc) as nyast_forst
    from organisation
),

basenheter_rankade as (
    select
        basenhet,
        basenhet_namn,
        omrade,
        row_number() over (
            partition by basenhet order by period desc, kostnadsstalle
        ) as nyast_forst
    from organisation
),

omraden_rankade as (
    select
        omrade,
        omrade_namn,
        forvaltning,
        row_number() over (partition by omrade order by period desc, kostnadsstalle) as nyast_forst
    from organisation
),

forvaltningar_rankade as (
    select
        forvaltning,
        forvaltning_namn,
        row_number() over (
            partition by forvaltning order by period desc, kostnadsstalle
        ) as nyast_forst
    from organisation
),

senaste_period as (
    select max(period) as period from organisation
),

final as (
    select
        ks.kostnadsstalle,
        ks.kostnadsstalle_namn,
        ks.basenhet,
        be.basenhet_namn,
        be.omrade,
        omr.omrade_namn,
        omr.forvaltning,
        fv.forvaltning_namn,
        ks.vardniva,
        ks.ingar_i_produktion,
        ks.ar_bup,
        ks.forsta_period,
        ks.period as senaste_period,
        ks.period = senaste_period.period as is_aktiv
    from kostnadsstallen_rankade as ks
    inner join basenheter_rankade as be
        on ks.basenhet = be.basenhet and be.nyast_forst = 1
    inner join omraden_rankade as omr
        on be.omrade = omr.omrade and omr.nyast_forst = 1
    inner join forvaltningar_rankade as fv
        on omr.forvaltning = fv.forvaltning and fv.nyast_forst = 1
    cross join senaste_period
    where ks.nyast_forst = 1
)

select * from final
