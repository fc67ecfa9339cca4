with

per_niva as (
    select * from {{ ref('int_tillganglighet_pv_vantedagar_per_niva') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

enheter as (
    -- every unit and month with a population
    select distinct
        period,
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn
    from per_niva
),

klasser as (
    select '0' as vantedagar_klass, 0 as ordning
    union all select '1', 1
    union all select '2', 2
    union all select '3', 3
    union all select '>3', 4
),

rutnat as (
    select
        enheter.*,
        klasser.vantedagar_klass,
        klasser.ordning
    from enheter
    cross join klasser
),

final as (
    select
        rutnat.period,
        perioder.ar,
        perioder.manad,
        rutnat.niva,
        rutnat.forvaltning,
        rutnat.omrade,
        rutnat.omrade_namn,
        rutnat.basenhet,
        rutnat.basenhet_namn,
        rutnat.kostnadsstalle,
        rutnat.kostnadsstalle_namn,
        rutnat.vantedagar_klass,
        cast(rutnat.ordning as integer) as vantedagar_ordning,
        cast(coalesce(per_niva.antal, 0) as bigint) as antal
    from rutnat
    inner join perioder on rutnat.period = perioder.period
    left join per_niva
        on rutnat.period = per_niva.period
        and rutnat.enhet_nyckel = per_niva.enhet_nyckel
        and rutnat.vantedagar_klass = per_niva.vantedagar_klass
)

select * from final
