with

source as (
    select * from {{ source('gate', 'leveranser') }}
),

renamed as (
    select
        -- keys
        extract as extrakt,
        period as leverans_period,
        -- attributes
        checksum,
        cast(rows as bigint) as antal_rader,
        cast(belopp_summa as decimal(18, 2)) as belopp_summa_bokfort,
        accepted_at
    from source
)

select * from renamed
