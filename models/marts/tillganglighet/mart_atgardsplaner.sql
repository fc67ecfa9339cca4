with

per_niva as (
    select * from {{ ref('int_tillganglighet_atgardsplaner_per_niva') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
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
        per_niva.plan_helar,
        per_niva.plan_ack,
        per_niva.uppnatt_ack,
        case
            when per_niva.plan_ack <> 0
                then cast(per_niva.uppnatt_ack as double) / cast(per_niva.plan_ack as double)
        end as uppfyllelse
    from per_niva
    inner join perioder on per_niva.period = perioder.period
)

select * from final
