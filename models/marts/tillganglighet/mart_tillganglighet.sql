with

per_niva as (
    select * from {{ ref('int_tillganglighet_per_niva') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

malvarden as (
    select * from {{ ref('malvarden') }}
),

riket as (
    select * from {{ ref('stg_tillganglighet__riket') }}
),

final as (
    select
        per_niva.period,
        perioder.ar,
        perioder.manad,
        per_niva.niva,
        per_niva.forvaltning,
        per_niva.omrade,
        per_niva.omrade_namn,
        per_niva.basenhet,
        per_niva.basenhet_namn,
        per_niva.kostnadsstalle,
        per_niva.kostnadsstalle_namn,
        per_niva.matt,
        cast(per_niva.antal as bigint) as antal,
        cast(per_niva.antal_inom_grans as bigint) as antal_inom_grans,
        cast(per_niva.antal_inom_grans as double) / per_niva.antal as andel,
        cast(per_niva.antal_personer as bigint) as antal_personer,
        per_niva.grans_dagar,
        cast(malvarden.malvarde as double) as malvarde,
        riket.riket_andel
    from per_niva
    inner join perioder on per_niva.period = perioder.period
    left join malvarden on per_niva.matt = malvarden.matt
    left join riket
        on per_niva.period = riket.period
        and per_niva.matt = riket.matt
    where per_niva.antal > 0
)

select * from final
