-- The ledger's personnel costs (accounts 4000–4699) per month, kostnadsställe and
-- personalkategori as booked, in report convention (costs negative), hired staff
-- (4600–4699) apart. The personnel models read this instead of every ledger row.
-- Grain: period × kostnadsstalle × is_hyrpersonal × personalkategori.
-- Incremental (macros/inkrementell.sql): a run rebuilds only the months whose ledger
-- delivery changed.
{% set inkrementell = hsn_inkrementell(['huvudbok']) %}

with

huvudbok as (
    select * from {{ ref('stg_ekonomi__huvudbok') }}
    where {{ hsn_leveransfilter(inkrementell.perioder) }}
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
        kontoplan.is_hyrpersonal,
        huvudbok.personalkategori,
        cast(sum(huvudbok.belopp) as decimal(18, 2)) as utfall
    from huvudbok
    inner join kontoplan on huvudbok.konto = kontoplan.konto
    where kontoplan.konto_nr between 4000 and 4699
    group by
        huvudbok.period,
        huvudbok.kostnadsstalle,
        kontoplan.is_hyrpersonal,
        huvudbok.personalkategori
),

final as (
    select
        utfall.*,
        leveransnycklar.leverans_nyckel
    from utfall
    left join leveransnycklar on utfall.period = leveransnycklar.period
)

select * from final
