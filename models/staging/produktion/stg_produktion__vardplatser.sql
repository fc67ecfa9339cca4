with

source as (
    select * from {{ source('produktion', 'vardplatser') }}
),

renamed as (
    select
        -- keys
        cast(datum as date) as datum,
        kostnadsstalle,
        -- the delivery's month; the gate guarantees datum lies inside it
        {{ period_from_text('period') }} as period,
        -- the accepted folder's name: filtering on it reads only that folder
        period as leverans_period,
        -- counts
        cast(disponibla_vardplatser as integer) as disponibla_vardplatser,
        cast(belagda_vardplatser as integer) as belagda_vardplatser
    from source
)

select * from renamed
