-- One row per counted item and population of mart_tillganglighet. A population carries one
-- or two measures: is_inom_grans is its first measure's numerator, is_inom_grans_2 the second
-- one's (PV_TELEFON_SAMMA_DAG → PV_TELEFON_24H, TV_VUXEN_EJ_FORSENAD → TV_VUXEN_FORSENAD_6M).
-- SPEC holds all specialist units including BUP and specialist dental care; BUP repeats the
-- BUP units' items with the 30-day limit. Recalls not yet due are outside every population.
-- Person and item keys are hashed to integers (hash_nyckel) to keep distinct counts fast.
-- Grain: period × population × post_nyckel.
-- Incremental (macros/inkrementell.sql): a month is rebuilt when its deliveries changed, and
-- every month when today's organisation changed (is_bup comes from it).
{% set inkrementell = hsn_inkrementell(
    ['pv_bedomningar', 'telefoni', 'vantelista', 'tandvard_kallelser'], organisation=true
) %}

with

bedomningar as (
    select * from {{ ref('int_tillganglighet_pv_vantedagar') }}
    where {{ hsn_periodfilter(inkrementell.perioder) }}
),

samtal as (
    select * from {{ ref('int_tillganglighet_telefonsvar') }}
    where {{ hsn_periodfilter(inkrementell.perioder) }}
),

vantetider as (
    select * from {{ ref('int_tillganglighet_vantetider') }}
    where {{ hsn_periodfilter(inkrementell.perioder) }}
),

kallelser as (
    select * from {{ ref('int_tillganglighet_tandvardsstatus') }}
    where {{ hsn_periodfilter(inkrementell.perioder) }}
),

leveransnycklar as (
    {{ inkrementell.leveransnycklar }}
),

vantetid_populationer as (
    select
        *,
        case when vardatgard = 'FORSTA_KONTAKT' then 'FORSTA_KONTAKT' else 'OPERATION' end
        || case when is_genomford then '_GENOMFORD' else '_VANTANDE' end as population_del
    from vantetider
),

forfallna as (
    select * from kallelser where kallelsestatus <> 'EJ_FORFALLEN'
),

unionerade as (
    select
        period, kostnadsstalle, 'PV_MEDICINSK_BEDOMNING_3D' as population,
        bedomning_id as post_id, person_pseudonym as pseudonym,
        vantedagar <= 3 as is_inom_grans, false as is_inom_grans_2
    from bedomningar
    union all
    select
        period, kostnadsstalle, 'PV_TELEFON_SAMMA_DAG',
        samtal_id, telefon_pseudonym,
        is_besvarad_samma_dag, is_besvarad_inom_24h
    from samtal
    union all
    select
        period, kostnadsstalle, 'SPEC_' || population_del || '_90D',
        vantande_id, person_pseudonym,
        vantedagar <= 90, false
    from vantetid_populationer
    union all
    select
        period, kostnadsstalle, 'BUP_' || population_del || '_30D',
        vantande_id, person_pseudonym,
        vantedagar <= 30, false
    from vantetid_populationer
    where is_bup
    union all
    select
        period, kostnadsstalle,
        case when aldersgrupp = 'VUXEN' then 'TV_VUXEN_EJ_FORSENAD' else 'TV_BARN_EJ_FORSENAD' end,
        kallelse_id, person_pseudonym,
        kallelsestatus = 'EJ_FORSENAD', kallelsestatus = 'EJ_KALLAD_OVER_6M'
    from forfallna
),

poster as (
    select
        period,
        kostnadsstalle,
        population,
        {{ hash_nyckel('post_id') }} as post_nyckel,
        {{ hash_nyckel('pseudonym') }} as person_nyckel,
        is_inom_grans,
        is_inom_grans_2
    from unionerade
),

final as (
    select
        poster.*,
        leveransnycklar.leverans_nyckel
    from poster
    left join leveransnycklar on poster.period = leveransnycklar.period
)

select * from final
