with

source as (
    select * from {{ source('tillganglighet', 'tandvard_kallelser') }}
),

renamed as (
    select
        -- keys
        {{ period_from_text('period') }} as period,
        kostnadsstalle,
        personnummer as person_pseudonym,
        -- attributes
        aldersgrupp,
        cast(planerad_undersokning as date) as planerad_undersokning,
        cast(kallad_datum as date) as kallad_datum
    from source
)

select * from renamed
