-- Every account of the chart (3000–8999) with its report line. Grain: konto.
with

kontoplan as (
    select * from {{ ref('kontoplan') }}
),

siffror as (
    select 0 as siffra union all select 1 union all select 2 union all select 3
    union all select 4 union all select 5 union all select 6 union all select 7
    union all select 8 union all select 9
),

kontonummer as (
    select 1000 * tusen.siffra + 100 * hundra.siffra + 10 * tio.siffra + ett.siffra as konto_nr
    from siffror as tusen
    cross join siffror as hundra
    cross join siffror as tio
    cross join siffror as ett
),

final as (
    select
        cast(kontonummer.konto_nr as {{ dbt.type_string() }}) as konto,
        kontonummer.konto_nr,
        kontoplan.rapportgrupp,
        kontoplan.rapportrad,
        kontoplan.rapportrad_nr,
        kontoplan.avvikelsekategori,
        kontoplan.is_finansiell,
        -- hired staff (hyrpersonal) is booked on 4600–4699
        kontonummer.konto_nr between 4600 and 4699 as is_hyrpersonal
    from kontonummer
    inner join kontoplan
        on kontonummer.konto_nr between kontoplan.konto_fran and kontoplan.konto_till
)

select * from final
