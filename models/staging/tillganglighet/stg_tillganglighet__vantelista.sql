with

source as (
    select * from {{ source('tillganglighet', 'vantelista') }}
),

renamed as (
    select
        -- keys
        {{ period_from_text('period') }} as period,
        vantande_id,
        kostnadsstalle,
        personnummer as person_pseudonym,
        -- attributes
        vardatgard,
        cast(referensdatum as date) as referensdatum,
        cast(genomford_datum as date) as genomford_datum,
        cast(patientvald_vantan as boolean) as is_patientvald_vantan,
        cast(medicinskt_orsakad_vantan as boolean) as is_medicinskt_orsakad_vantan
    from source
)

select * from renamed
