-- Outcome and budget per month, kostnadsställe and report line, in report convention
-- (revenue positive, costs negative). Financial accounts (8000–8999) are outside the
-- operating result and left out here; the reconciliation tests account for them.
-- Only combinations with rows exist. Grain: period × kostnadsstalle × rapportrad_nr.
-- Incremental (macros/inkrementell.sql): a run rebuilds only the months whose ledger or
-- budget delivery changed; no organisation here, so a reorganisation restates nothing.
{% set inkrementell = hsn_inkrementell(['huvudbok', 'budget']) %}

with

huvudbok as (
    select * from {{ ref('stg_ekonomi__huvudbok') }}
    where {{ hsn_leveransfilter(inkrementell.perioder) }}
),

budget as (
    select * from {{ ref('stg_ekonomi__budget') }}
    where {{ hsn_leveransfilter(inkrementell.perioder, arsvis=true) }}
),

leveransnycklar as (
    {{ inkrementell.leveransnycklar }}
),

kontoplan as (
    select * from {{ ref('int_kontoplan') }}
),

utfall as (
    select
        huvudbok.period,
        huvudbok.kostnadsstalle,
        kontoplan.rapportrad_nr,
        sum(huvudbok.belopp) as utfall
    from huvudbok
    inner join kontoplan on huvudbok.konto = kontoplan.konto
    where not kontoplan.is_finansiell
    group by huvudbok.period, huvudbok.kostnadsstalle, kontoplan.rapportrad_nr
),

budgeterat as (
    select
        budget.period,
        budget.kostnadsstalle,
        kontoplan.rapportrad_nr,
        sum(budget.belopp) as budget
    from budget
    inner join kontoplan on budget.konto = kontoplan.konto
    where not kontoplan.is_finansiell
    group by budget.period, budget.kostnadsstalle, kontoplan.rapportrad_nr
),

utfall_och_budget as (
    select
        coalesce(utfall.period, budgeterat.period) as period,
        coalesce(utfall.kostnadsstalle, budgeterat.kostnadsstalle) as kostnadsstalle,
        coalesce(utfall.rapportrad_nr, budgeterat.rapportrad_nr) as rapportrad_nr,
        cast(utfall.utfall as decimal(18, 2)) as utfall,
        cast(budgeterat.budget as decimal(18, 2)) as budget
    from utfall
    full outer join budgeterat
        on utfall.period = budgeterat.period
        and utfall.kostnadsstalle = budgeterat.kostnadsstalle
        and utfall.rapportrad_nr = budgeterat.rapportrad_nr
),

final as (
    select
        utfall_och_budget.*,
        leveransnycklar.leverans_nyckel
    from utfall_och_budget
    left join leveransnycklar on utfall_och_budget.period = leveransnycklar.period
)

select * from final
