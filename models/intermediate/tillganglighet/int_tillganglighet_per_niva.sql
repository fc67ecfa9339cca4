-- The accessibility measures rolled up to each level of today's organisation. Counts, distinct
-- persons (or telephone numbers) and within-limit counts are evaluated per level from the
-- items themselves; a population with two measures gives two rows with the same antal and
-- antal_personer. Only units with a population exist. Grain: period × niva/unit × matt.
-- Incremental (macros/inkrementell.sql): a month is rebuilt when its deliveries changed, and
-- every month when today's organisation changed (hsn_organisationsversion).
{% set inkrementell = hsn_inkrementell(
    ['pv_bedomningar', 'telefoni', 'vantelista', 'tandvard_kallelser'], organisation=true
) %}

with

populationer as (
    select * from {{ ref('int_tillganglighet_populationer') }}
    where {{ hsn_periodfilter(inkrementell.perioder) }}
),

leveransnycklar as (
    {{ inkrementell.leveransnycklar }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

placerade as (
    select
        populationer.period,
        populationer.population,
        populationer.person_nyckel,
        populationer.is_inom_grans,
        populationer.is_inom_grans_2,
        organisation.forvaltning,
        organisation.omrade,
        organisation.omrade_namn,
        organisation.basenhet,
        organisation.basenhet_namn,
        organisation.kostnadsstalle,
        organisation.kostnadsstalle_namn
    from populationer
    inner join organisation on populationer.kostnadsstalle = organisation.kostnadsstalle
),

per_niva as (
    {{ rulla_upp_per_niva(
        'placerade',
        keys=['period', 'population'],
        measures={
            'antal': 'count(*)',
            'antal_inom_grans': 'sum(case when is_inom_grans then 1 else 0 end)',
            'antal_inom_grans_2': 'sum(case when is_inom_grans_2 then 1 else 0 end)',
            'antal_personer': 'count(distinct person_nyckel)',
        },
    ) }}
),

matt as (
    select *, population as matt, antal_inom_grans as antal_inom from per_niva
    union all
    select
        *,
        case
            when population = 'PV_TELEFON_SAMMA_DAG' then 'PV_TELEFON_24H'
            else 'TV_VUXEN_FORSENAD_6M'
        end,
        antal_inom_grans_2
    from per_niva
    where population in ('PV_TELEFON_SAMMA_DAG', 'TV_VUXEN_EJ_FORSENAD')
),

kvoter as (
    select
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        period,
        matt,
        cast(
            case
                when matt = 'PV_MEDICINSK_BEDOMNING_3D' then 3
                when matt = 'PV_TELEFON_SAMMA_DAG' then 0
                when matt = 'PV_TELEFON_24H' then 1
                when matt like 'SPEC%' then 90
                when matt like 'BUP%' then 30
                when matt in ('TV_VUXEN_EJ_FORSENAD', 'TV_BARN_EJ_FORSENAD') then 0
            end as integer
        ) as grans_dagar,
        antal,
        antal_inom as antal_inom_grans,
        antal_personer
    from matt
),

final as (
    select
        kvoter.*,
        leveransnycklar.leverans_nyckel
    from kvoter
    left join leveransnycklar on kvoter.period = leveransnycklar.period
)

select * from final
