-- The personnel budget (accounts 4000–4699) per personalkategori. Hired staff (4600–4699)
-- is its own category 'HYR'. Budget rows on 4000–4599 that carry a personalkategori keep it;
-- rows without one are distributed over LAK/OMV/PAR/OVR/EJD by outcome shares, in this
-- order of preference:
--   1. the kostnadsställe's own outcome shares of the previous calendar year,
--   2. the region's outcome shares of the previous calendar year (the kostnadsställe had no
--      own-staff outcome that year, e.g. it is new),
--   3. the region's outcome shares of the budget year itself (no outcome at all the year
--      before, i.e. the first loaded year),
--   4. none of these (no own-staff outcome ever): the whole amount as OVR.
-- Shares use whatever months of that year were loaded. The distributed amounts are rounded
-- to öre and the rounding remainder goes to the category with the largest share, so the
-- categories sum exactly to the budget. Grain: period × kostnadsstalle × personalkategori.
with

budget as (
    select * from {{ ref('stg_ekonomi__budget') }}
),

utfall_per_kategori as (
    select * from {{ ref('int_personalkostnad_utfall_per_manad') }}
),

kontoplan as (
    select * from {{ ref('int_kontoplan') }}
),

personalbudget as (
    select
        budget.period,
        cast(extract(year from budget.period) as integer) as ar,
        budget.kostnadsstalle,
        case
            when kontoplan.is_hyrpersonal then 'HYR'
            else budget.personalkategori
        end as personalkategori,
        budget.belopp
    from budget
    inner join kontoplan on budget.konto = kontoplan.konto
    where kontoplan.konto_nr between 4000 and 4699
),

egen_personal_utfall as (
    -- own staff: accounts 4000–4599
    select
        cast(extract(year from period) as integer) as ar,
        kostnadsstalle,
        personalkategori,
        sum(utfall) as utfall
    from utfall_per_kategori
    where not is_hyrpersonal
    group by
        cast(extract(year from period) as integer),
        kostnadsstalle,
        personalkategori
),

andelar_kostnadsstalle as (
    -- shares of the previous year, keyed by the budget year they serve
    select
        ar + 1 as ar,
        kostnadsstalle,
        personalkategori,
        cast(utfall as double)
        / nullif(cast(sum(utfall) over (partition by ar, kostnadsstalle) as double), 0) as andel
    from egen_personal_utfall
),

region_utfall as (
    select ar, personalkategori, sum(utfall) as utfall
    from egen_personal_utfall
    group by ar, personalkategori
),

andelar_region as (
    select
        ar,
        personalkategori,
        cast(utfall as double)
        / nullif(cast(sum(utfall) over (partition by ar) as double), 0) as andel
    from region_utfall
),

ofordelad as (
    select period, ar, kostnadsstalle, sum(belopp) as belopp
    from personalbudget
    where personalkategori is null
    group by period, ar, kostnadsstalle
),

kandidater as (
    select
        ofordelad_ks.ar,
        ofordelad_ks.kostnadsstalle,
        andelar.personalkategori,
        andelar.andel,
        andelar.prioritet,
        andelar.kalla
    from (select distinct ar, kostnadsstalle from ofordelad) as ofordelad_ks
    inner join (
        select
            ar, kostnadsstalle, personalkategori, andel,
            1 as prioritet, 'kostnadsstalle_foreg_ar' as kalla
        from andelar_kostnadsstalle
        where andel is not null
        union all
        select
            region.ar + 1 as ar, ks.kostnadsstalle, region.personalkategori, region.andel,
            2 as prioritet, 'region_foreg_ar' as kalla
        from andelar_region as region
        cross join (select distinct kostnadsstalle from ofordelad) as ks
        where region.andel is not null
        union all
        select
            region.ar, ks.kostnadsstalle, region.personalkategori, region.andel,
            3 as prioritet, 'region_samma_ar' as kalla
        from andelar_region as region
        cross join (select distinct kostnadsstalle from ofordelad) as ks
        where region.andel is not null
    ) as andelar
        on ofordelad_ks.ar = andelar.ar
        and ofordelad_ks.kostnadsstalle = andelar.kostnadsstalle
),

basta_kalla as (
    select
        *,
        min(prioritet) over (partition by ar, kostnadsstalle) as basta_prioritet
    from kandidater
),

valda_andelar as (
    select
        ar,
        kostnadsstalle,
        personalkategori,
        andel,
        kalla,
        row_number() over (
            partition by ar, kostnadsstalle order by andel desc, personalkategori
        ) as rang
    from basta_kalla
    where prioritet = basta_prioritet
),

fordelad_avrundad as (
    -- no outcome anywhere to take shares from: the budget stays whole, as OVR
    select
        ofordelad.period,
        ofordelad.kostnadsstalle,
        coalesce(valda_andelar.personalkategori, 'OVR') as personalkategori,
        coalesce(valda_andelar.kalla, 'ingen_andel') as kalla,
        coalesce(valda_andelar.rang, 1) as rang,
        ofordelad.belopp,
        cast(
            round(ofordelad.belopp * coalesce(valda_andelar.andel, 1.0), 2) as decimal(18, 2)
        ) as avrundat
    from ofordelad
    left join valda_andelar
        on ofordelad.ar = valda_andelar.ar
        and ofordelad.kostnadsstalle = valda_andelar.kostnadsstalle
),

fordelad as (
    -- the largest share takes the rounding remainder, so the parts sum to the budget
    select
        period,
        kostnadsstalle,
        personalkategori,
        kalla,
        case
            when rang = 1
                then belopp - (
                    sum(avrundat) over (partition by period, kostnadsstalle) - avrundat
                )
            else avrundat
        end as belopp
    from fordelad_avrundad
),

satt_per_kategori as (
    select
        period,
        kostnadsstalle,
        personalkategori,
        sum(belopp) as belopp
    from personalbudget
    where personalkategori is not null
    group by period, kostnadsstalle, personalkategori
),

final as (
    select
        coalesce(satt.period, fordelad.period) as period,
        coalesce(satt.kostnadsstalle, fordelad.kostnadsstalle) as kostnadsstalle,
        coalesce(satt.personalkategori, fordelad.personalkategori) as personalkategori,
        cast(coalesce(satt.belopp, 0) + coalesce(fordelad.belopp, 0) as decimal(18, 2))
            as budget,
        cast(coalesce(satt.belopp, 0) as decimal(18, 2)) as budget_satt_per_kategori,
        cast(coalesce(fordelad.belopp, 0) as decimal(18, 2)) as budget_fordelad,
        fordelad.kalla as fordelning_kalla
    from satt_per_kategori as satt
    full outer join fordelad
        on satt.period = fordelad.period
        and satt.kostnadsstalle = fordelad.kostnadsstalle
        and satt.personalkategori = fordelad.personalkategori
)

select * from final
