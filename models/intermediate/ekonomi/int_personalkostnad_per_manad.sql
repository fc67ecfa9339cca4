-- Personnel costs (accounts 4000–4699) per month, kostnadsställe and personalkategori, in
-- report convention (costs negative): outcome from the ledger, budget with the category rule
-- of int_personalkostnad_budget_fordelad. Hired staff (4600–4699) is 'HYR'.
-- Only combinations with rows exist. Grain: period × kostnadsstalle × personalkategori.
with

huvudbok as (
    select * from {{ ref('stg_ekonomi__huvudbok') }}
),

kontoplan as (
    select * from {{ ref('int_kontoplan') }}
),

budget as (
    select * from {{ ref('int_personalkostnad_budget_fordelad') }}
),

utfall as (
    select
        huvudbok.period,
        huvudbok.kostnadsstalle,
        case
            when kontoplan.is_hyrpersonal then 'HYR'
            else huvudbok.personalkategori
        end as personalkategori,
        sum(huvudbok.belopp) as utfall
    from huvudbok
    inner join kontoplan on huvudbok.konto = kontoplan.konto
    where kontoplan.konto_nr between 4000 and 4699
    group by
        huvudbok.period,
        huvudbok.kostnadsstalle,
        case when kontoplan.is_hyrpersonal then 'HYR' else huvudbok.personalkategori end
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
