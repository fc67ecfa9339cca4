with

source as (
    select * from {{ source('ekonomi', 'organisation') }}
),

renamed as (
    select
        -- keys
        {{ period_from_text('period') }} as period,
        kostnadsstalle,
        -- the tree
        kostnadsstalle_namn,
        basenhet,
        basenhet_namn,
        omrade,
        omrade_namn,
        forvaltning,
        forvaltning_namn,
        -- attributes
        vardniva,
        cast(ingar_i_produktion as boolean) as ingar_i_produktion,
        cast(ar_bup as boolean) as ar_bup
    from source
)

select * from renamed
