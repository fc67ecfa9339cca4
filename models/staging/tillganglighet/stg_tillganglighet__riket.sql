with

source as (
    select * from {{ source('tillganglighet', 'riket') }}
),

renamed as (
    select
        -- keys
        {{ period_from_text('period') }} as period,
        matt,
        -- figures
        cast(andel as double) as riket_andel,
        kalla
    from source
)

select * from renamed
