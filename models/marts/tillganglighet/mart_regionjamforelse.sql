with

varden as (
    select * from {{ ref('kolada_region_kpi_values') }}
),

kpier as (
    select * from {{ ref('kolada_kpi') }}
),

regioner as (
    select * from varden where region_id <> '0000'
),

riket as (
    select kpi, ar, varde as riket_varde from varden where region_id = '0000'
),

rankade as (
    -- rank 1 = best: highest share, or lowest where Kolada says lower is better
    select
        regioner.*,
        kpier.namn as kpi_namn,
        kpier.matt,
        kpier.inverterad,
        rank() over (
            partition by regioner.kpi, regioner.ar
            order by case when kpier.inverterad then regioner.varde else -regioner.varde end
        ) as rang,
        count(*) over (partition by regioner.kpi, regioner.ar) as antal_regioner
    from regioner
    inner join kpier on regioner.kpi = kpier.kpi
    -- a share outside 0–100 % is a publishing error (Kolada has N79221 2025 = 146.1 for
    -- Västra Götaland): left out rather than ranked
    where kpier.enhet <> 'procent' or regioner.varde between 0 and 100
),

final as (
    select
        rankade.ar,
        rankade.kpi,
        rankade.kpi_namn,
        nullif(rankade.matt, '') as matt,
        rankade.region_id,
        rankade.region,
        rankade.region_id = '0024' as is_vasterbotten,
        cast(rankade.varde / 100 as double) as andel,
        cast(riket.riket_varde / 100 as double) as riket_andel,
        cast((rankade.varde - riket.riket_varde) / 100 as double) as skillnad_mot_riket,
        cast(rankade.rang as integer) as rang,
        cast(rankade.antal_regioner as integer) as antal_regioner,
        rankade.inverterad as is_lagre_battre
    from rankade
    left join riket
        on rankade.kpi = riket.kpi
        and rankade.ar = riket.ar
)

select * from final
