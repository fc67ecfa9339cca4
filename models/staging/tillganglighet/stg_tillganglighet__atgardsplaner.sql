with

source as (
    select * from {{ source('tillganglighet', 'atgardsplaner') }}
),

renamed as (
    select
        -- keys
        {{ period_from_text('period') }} as period,
        omrade,
        -- amounts, SEK
        cast(plan_helar as decimal(18, 2)) as plan_helar,
        cast(plan_ack as decimal(18, 2)) as plan_ack,
        cast(uppnatt_ack as decimal(18, 2)) as uppnatt_ack
    from source
)

select * from renamed
