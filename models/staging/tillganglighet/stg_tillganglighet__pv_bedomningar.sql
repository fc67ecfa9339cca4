with

source as (
    select * from {{ source('tillganglighet', 'pv_bedomningar') }}
),

renamed as (
    select
        -- keys
        bedomning_id,
        {{ period_from_text('period') }} as period,
        kostnadsstalle,
        personnummer as person_pseudonym,
        -- dates
        cast(beslutsdatum as date) as beslutsdatum,
        cast(bedomningsdatum as date) as bedomningsdatum,
        -- attributes
        yrkeskategori,
        cast(patientvald_vantan as boolean) as is_patientvald_vantan
    from source
)

select * from renamed
