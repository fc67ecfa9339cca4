with

kontoplan as (
    select * from {{ ref('int_kontoplan') }}
),

final as (
    select
        konto,
        rapportgrupp,
        rapportrad,
        rapportrad_nr,
        avvikelsekategori,
        is_finansiell,
        is_hyrpersonal
    from kontoplan
)

select * from final
