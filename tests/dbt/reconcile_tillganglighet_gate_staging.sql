-- Accepted = staging, per tillganglighet extract and month: the rows the gate recorded for
-- each accepted delivery equal what staging reads (the zero-row placeholder month has no
-- delivery and no rows). Returns mismatches.
with

leveranser as (
    select * from {{ ref('stg_gate__leveranser') }}
    where extrakt in (
        'pv_bedomningar', 'telefoni', 'vantelista', 'tandvard_kallelser', 'riket', 'atgardsplaner'
    )
),

staging_rader as (
    select 'pv_bedomningar' as extrakt, period, count(*) as antal_rader
    from {{ ref('stg_tillganglighet__pv_bedomningar') }}
    group by period
    union all
    select 'telefoni', period, count(*)
    from {{ ref('stg_tillganglighet__telefoni') }}
    group by period
    union all
    select 'vantelista', period, count(*)
    from {{ ref('stg_tillganglighet__vantelista') }}
    group by period
    union all
    select 'tandvard_kallelser', period, count(*)
    from {{ ref('stg_tillganglighet__tandvard_kallelser') }}
    group by period
    union all
    select 'riket', period, count(*)
    from {{ ref('stg_tillganglighet__riket') }}
    group by period
    union all
    select 'atgardsplaner', period, count(*)
    from {{ ref('stg_tillganglighet__atgardsplaner') }}
    group by period
),

gate_rader as (
    select
        extrakt,
        {{ period_from_text('leverans_period') }} as period,
        antal_rader
    from leveranser
),

jamforelse as (
    select
        coalesce(gate_rader.extrakt, staging_rader.extrakt) as extrakt,
        coalesce(gate_rader.period, staging_rader.period) as period,
        gate_rader.antal_rader as gate_antal,
        coalesce(staging_rader.antal_rader, 0) as staging_antal
    from gate_rader
    full outer join staging_rader
        on gate_rader.extrakt = staging_rader.extrakt
        and gate_rader.period = staging_rader.period
)

select *
from jamforelse
where gate_antal is null
    or gate_antal <> staging_antal
