-- Personnel costs (accounts 4000–4699) per month, kostnadsställe and personalkategori, in
-- report convention (costs negative): outcome from int_personalkostnad_utfall_per_manad,
-- budget with the category rule of int_personalkostnad_budget_fordelad. Hired staff (4600–4699) is 'HYR'.
-- Only combinations with rows exist. Grain: period × kostnadsstalle × personalkategori.
with

utfall_per_kategori as (
    select * from {{ ref('int_personalkostnad_utfall_per_manad') }}
),

budget as (
    select * from {{ ref('int_personalkostnad_budget_fordelad') }}
),

utfall as (
    select
        period,
        kostnadsstalle,
        case when is_hyrpersonal then 'HYR' else personalkategori end as personalkategori,
        sum(utfall) as utfall
    from utfall_per_kategori
    group by
        period,
        kostnadsstalle,
        case when is_hyrpersonal then 'HYR' else personalkategori end
),

final as (
    select
        coalesce(utfall.period, budget.period) as period,
        coalesce(utfall.kostnadsstalle, budget.kostnadsstalle) as kostnadsstalle,
        coalesce(utfall.personalkategori, budget.personalkategori) as personalkategori,
        cast(utfall.utfall as decimal(18, 2)) as utfall,
        cast(budget.budget as decimal(18, 2)) as budget
    from utfall
    full outer join budget
        on utfall.period = budget.period
        and utfall.kostnadsstalle = budget.kostnadsstalle
        and utfall.personalkategori = budget.personalkategori
)

select * from final
