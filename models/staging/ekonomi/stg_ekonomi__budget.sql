with

source as (
    select * from {{ source('ekonomi', 'budget') }}
),

renamed as (
    select
        -- keys
        {{ period_from_text('period') }} as period,
        -- the accepted folder's name (the year): filtering on it reads only that folder
        ar as leverans_period,
        kostnadsstalle,
        konto,
        personalkategori,
        -- amounts: booked debet positive like the ledger; reports show revenue positive
        cast(belopp as decimal(18, 2)) as belopp_bokfort,
        cast(-belopp as decimal(18, 2)) as belopp
    from source
)

select * from renamed
