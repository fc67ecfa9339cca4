-- Bed-days per kostnadsställe and month from the midnight census, at the delivery's own
-- grain: incremental (macros/inkrementell.sql), no organisation here (see
-- int_vardplatser_per_manad). Grain: period × kostnadsstalle.
{% set inkrementell = hsn_inkrementell(['vardplatser']) %}

with

vardplatser as (
    select * from {{ ref('stg_produktion__vardplatser') }}
    where {{ hsn_leveransfilter(inkrementell.perioder) }}
),

leveransnycklar as (
    {{ inkrementell.leveransnycklar }}
),

per_manad as (
    select
        period,
        kostnadsstalle,
        sum(belagda_vardplatser) as varddagar,
        sum(disponibla_vardplatser) as disponibla_platsdagar
    from vardplatser
    group by period, kostnadsstalle
),

final as (
    select
        per_manad.*,
        leveransnycklar.leverans_nyckel
    from per_manad
    left join leveransnycklar on per_manad.period = leveransnycklar.period
)

select * from final
