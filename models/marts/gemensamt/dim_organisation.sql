with

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

final as (
    select
        kostnadsstalle,
        kostnadsstalle_namn,
        basenhet,
        basenhet_namn,
        omrade,
        omrade_namn,
        forvaltning,
        forvaltning_namn,
        vardniva,
        ingar_i_produktion,
        ar_bup,
        forsta_period,
        senaste_period,
        is_aktiv
    from organisation
)

select * from final
