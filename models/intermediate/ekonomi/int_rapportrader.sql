-- The report lines of the operating result, in report order. Grain: rapportrad_nr.
with

kontoplan as (
    select * from {{ ref('kontoplan') }}
),

final as (
    select distinct
        rapportrad_nr,
        rapportgrupp,
        rapportrad,
        avvikelsekategori
    from kontoplan
    where not is_finansiell
)

select * from final
