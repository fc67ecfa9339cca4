with

perioder as (
    select * from {{ ref('int_perioder') }}
),

manadsnamn as (
    select * from {{ ref('manadsnamn') }}
),

final as (
    select
        perioder.period,
        perioder.ar,
        perioder.manad,
        manadsnamn.manadsnamn,
        manadsnamn.manadsnamn_kort,
        -- the region reports in tertials: jan–apr, maj–aug, sep–dec
        cast(floor((perioder.manad - 1) / 4) as integer) + 1 as tertial,
        perioder.is_utfall_laddad,
        perioder.is_budget_laddad
    from perioder
    inner join manadsnamn on perioder.manad = manadsnamn.manad
)

select * from final
