with

source as (
    select * from {{ source('ekonomi', 'huvudbok') }}
),

renamed as (
    select
        -- keys
        verifikation || '-' || cast(rad as {{ dbt.type_string() }}) as huvudbok_rad_id,
        verifikation,
        cast(rad as integer) as rad,
        kostnadsstalle,
        konto,
        -- dates
        cast(bokforingsdatum as date) as bokforingsdatum,
        -- the delivery's month; the gate guarantees bokforingsdatum lies inside it
        {{ period_from_text('period') }} as period,
        -- the accepted folder's name: filtering on it reads only that folder
        period as leverans_period,
        -- attributes
        motpart,
        motpart = 'I' as is_intern,
        personalkategori,
        -- amounts: the ledger books debet positive; reports show revenue positive
        cast(belopp as decimal(18, 2)) as belopp_bokfort,
        cast(-belopp as decimal(18, 2)) as belopp
    from source
)

select * from renamed
