with

source as (
    select * from {{ source('produktion', 'vardkontakter') }}
),

renamed as (
    select
        -- keys
        kontakt_id,
        personnummer as person_pseudonym,
        kostnadsstalle,
        -- dates
        cast(kontaktdatum as date) as kontaktdatum,
        cast(inskrivningsdatum as date) as inskrivningsdatum,
        -- the delivery's month; the gate guarantees kontaktdatum lies inside it
        {{ period_from_text('period') }} as period,
        -- the accepted folder's name: filtering on it reads only that folder
        period as leverans_period,
        -- attributes
        vardform,
        yrkeskategori,
        kontakttyp,
        drg,
        cast(drg_vikt as decimal(8, 4)) as drg_vikt
    from source
)

select * from renamed
