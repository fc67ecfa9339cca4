-- The time windows of the produktion mart: for every month a mart row can have (a month
-- with vardkontakter or vardplatser loaded), the months that make up its 'manad', 'ack'
-- (January to the month, same year) and 'r12' (the twelve months ending with it) values.
-- Grain: period × fonster × kalla_period.
with

perioder as (
    select * from {{ ref('int_perioder') }}
),

mal as (
    select period, ar, manad
    from perioder
    where is_vardkontakter_laddad or is_vardplatser_laddad
),

final as (
    select
        mal.period,
        'manad' as fonster,
        mal.period as kalla_period
    from mal
    union all
    select
        mal.period,
        'ack' as fonster,
        kalla.period as kalla_period
    from mal
    inner join perioder as kalla
        on kalla.ar = mal.ar and kalla.manad <= mal.manad
    union all
    select
        mal.period,
        'r12' as fonster,
        kalla.period as kalla_period
    from mal
    inner join perioder as kalla
        on kalla.period <= mal.period
        and kalla.period > cast({{ dbt.dateadd('month', -12, 'mal.period') }} as date)
)

select * from final
