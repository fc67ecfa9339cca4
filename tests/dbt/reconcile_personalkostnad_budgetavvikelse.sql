-- The personnel categories (LAK, OMV, PAR, OVR, EJD and HYR) of every unit and month sum to
-- mart_budgetavvikelse's report line Personal (accounts 4000–4699): outcome, budget and ack
-- outcome, at every level. The budget's category distribution must not lose or add an öre.
with

personal as (
    select
        period,
        niva,
        coalesce(omrade, '') as omrade,
        coalesce(basenhet, '') as basenhet,
        coalesce(kostnadsstalle, '') as kostnadsstalle,
        sum(utfall) as utfall,
        sum(coalesce(budget, 0)) as budget,
        sum(coalesce(ack_utfall, 0)) as ack_utfall
    from {{ ref('mart_personalkostnad') }}
    group by period, niva, omrade, basenhet, kostnadsstalle
),

rad_personal as (
    select
        period,
        niva,
        coalesce(omrade, '') as omrade,
        coalesce(basenhet, '') as basenhet,
        coalesce(kostnadsstalle, '') as kostnadsstalle,
        utfall,
        coalesce(budget, 0) as budget,
        coalesce(ack_utfall, 0) as ack_utfall
    from {{ ref('mart_budgetavvikelse') }}
    where rapportrad_nr = 7
),

jamforelse as (
    select
        coalesce(personal.period, rad_personal.period) as period,
        coalesce(personal.niva, rad_personal.niva) as niva,
        coalesce(personal.kostnadsstalle, rad_personal.kostnadsstalle) as kostnadsstalle,
        coalesce(personal.utfall, 0) - coalesce(rad_personal.utfall, 0) as diff_utfall,
        coalesce(personal.budget, 0) - coalesce(rad_personal.budget, 0) as diff_budget,
        coalesce(personal.ack_utfall, 0) - coalesce(rad_personal.ack_utfall, 0) as diff_ack_utfall
    from personal
    full outer join rad_personal
        on personal.period = rad_personal.period
        and personal.niva = rad_personal.niva
        and personal.omrade = rad_personal.omrade
        and personal.basenhet = rad_personal.basenhet
        and personal.kostnadsstalle = rad_personal.kostnadsstalle
)

select *
from jamforelse
where diff_utfall <> 0 or diff_budget <> 0 or diff_ack_utfall <> 0
