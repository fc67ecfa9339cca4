-- Accepted contacts = counted contacts + documented exclusions, per month. The gate's row
-- count of each accepted vardkontakter delivery equals staging's; staging's equals the
-- contacts counted in mart_vardproduktion (region level, all vardnivaer: vårdtillfällen +
-- läkarbesök + sjukvårdande behandling + vaccinationsbesök + tandvårdsbesök) plus the
-- contacts left out: units with ingar_i_produktion false and units that no organisation
-- delivery knows. Returns mismatches.
with

leveranser as (
    select * from {{ ref('stg_gate__leveranser') }}
    where extrakt = 'vardkontakter'
),

kontakter as (
    select * from {{ ref('stg_produktion__vardkontakter') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

mart as (
    select * from {{ ref('mart_vardproduktion') }}
    where niva = 'region'
),

staging_per_manad as (
    select
        kontakter.period,
        count(*) as antal_rader,
        sum(case when organisation.kostnadsstalle is null then 1 else 0 end) as okand_enhet,
        sum(case when not organisation.ingar_i_produktion then 1 else 0 end)
            as utanfor_produktion
    from kontakter
    left join organisation on kontakter.kostnadsstalle = organisation.kostnadsstalle
    group by kontakter.period
),

raknade_per_manad as (
    select
        period,
        sum(vardtillfallen + lakarbesok + sjukvardande_behandling + vaccinationsbesok
            + tandvard_besok) as raknade
    from mart
    group by period
),

jamforelse as (
    select
        {{ period_from_text('leveranser.leverans_period') }} as period,
        leveranser.antal_rader as gate_rader,
        coalesce(staging_per_manad.antal_rader, 0) as staging_rader,
        coalesce(raknade_per_manad.raknade, 0) as raknade,
        coalesce(staging_per_manad.okand_enhet, 0) as okand_enhet,
        coalesce(staging_per_manad.utanfor_produktion, 0) as utanfor_produktion
    from leveranser
    full outer join staging_per_manad
        on {{ period_from_text('leveranser.leverans_period') }} = staging_per_manad.period
    left join raknade_per_manad
        on {{ period_from_text('leveranser.leverans_period') }} = raknade_per_manad.period
)

select *
from jamforelse
where gate_rader is null
    or gate_rader <> staging_rader
    or staging_rader <> raknade + okand_enhet + utanfor_produktion
