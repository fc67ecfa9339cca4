with

source as (
    select * from {{ source('tillganglighet', 'telefoni') }}
),

renamed as (
    select
        -- keys
        samtal_id,
        {{ period_from_text('period') }} as period,
        kostnadsstalle,
        telefonnummer as telefon_pseudonym,
        -- timestamps
        cast(inkommande as timestamp) as inkommande_tid,
        cast(besvarad as timestamp) as besvarad_tid
    from source
)

select * from renamed
