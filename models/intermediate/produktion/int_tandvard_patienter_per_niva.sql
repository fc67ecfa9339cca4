-- Distinct tandvård patients per level, window and vardniva: persons with a contact at a
-- TANDVARD unit in production statistics, counted once per level unit over the whole window
-- (month, January to the month, twelve months), never summed from months or units.
-- Without expanding every visit into every window: per level unit and person, a visit month
-- starts a person's R12 coverage, which ends twelve months later or at the next visit
-- (+1/−1 markers, summed cumulatively), and the first visit of a year counts in ack from
-- that month on. Rows for the months with vardkontakter or vardplatser loaded. Grain: period × niva/unit × vardniva × fonster.
with

kontakter as (
    select * from {{ ref('stg_produktion__vardkontakter') }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

perioder as (
    select * from {{ ref('int_perioder') }}
),

patient_manader as (
    select distinct
        kontakter.period,
        kontakter.kostnadsstalle,
        kontakter.person_pseudonym
    from kontakter
    inner join organisation
        on kontakter.kostnadsstalle = organisation.kostnadsstalle
    where organisation.ingar_i_produktion and organisation.vardniva = 'TANDVARD'
),

personer as (
    -- a small integer per person: grouping on integers, not 64-character strings
    select
        person_pseudonym,
        row_number() over (order by person_pseudonym) as person_nr
    from (select distinct person_pseudonym from patient_manader) as distinkta
),

besok as (
    select
        patient_manader.period,
        personer.person_nr,
        organisation.vardniva,
        organisation.forvaltning,
        organisation.omrade,
        organisation.omrade_namn,
        organisation.basenhet,
        organisation.basenhet_namn,
        organisation.kostnadsstalle,
        organisation.kostnadsstalle_namn
    from patient_manader
    inner join personer on patient_manader.person_pseudonym = personer.person_pseudonym
    inner join organisation on patient_manader.kostnadsstalle = organisation.kostnadsstalle
),

besok_per_niva as (
    -- one row per level unit, person and month with a visit
    {{ rulla_upp_per_niva('besok', ['period', 'vardniva', 'person_nr'], {'antal': 'count(*)'}) }}
),

med_nasta as (
    select
        *,
        lead(period) over (
            partition by enhet_nyckel, vardniva, person_nr order by period
        ) as nasta_period,
        lag(period) over (
            partition by enhet_nyckel, vardniva, person_nr order by period
        ) as forra_period
    from besok_per_niva
),

markorer as (
    select
        enhet_nyckel,
        vardniva,
        period,
        1 as r12_andring,
        case
            when forra_period is null
                or extract(year from forra_period) <> extract(year from period) then 1
            else 0
        end as ack_andring
    from med_nasta
    union all
    select
        enhet_nyckel,
        vardniva,
        case
            when nasta_period is null
                or nasta_period > cast({{ dbt.dateadd('month', 12, 'period') }} as date)
                then cast({{ dbt.dateadd('month', 12, 'period') }} as date)
            else nasta_period
        end as period,
        -1 as r12_andring,
        0 as ack_andring
    from med_nasta
),

manad as (
    select
        enhet_nyckel,
        vardniva,
        period,
        count(*) as patienter
    from med_nasta
    group by enhet_nyckel, vardniva, period
),

enheter as (
    select distinct
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        vardniva
    from besok_per_niva
),

andringar as (
    select
        enhet_nyckel,
        vardniva,
        period,
        sum(r12_andring) as r12_andring,
        sum(ack_andring) as ack_andring
    from markorer
    group by enhet_nyckel, vardniva, period
),

kalender as (
    -- every unit for every month of the spine, with the month's changes
    select
        enheter.*,
        perioder.period,
        perioder.ar,
        perioder.is_vardkontakter_laddad or perioder.is_vardplatser_laddad as is_laddad,
        coalesce(andringar.r12_andring, 0) as r12_andring,
        coalesce(andringar.ack_andring, 0) as ack_andring,
        coalesce(manad.patienter, 0) as manad_patienter
    from enheter
    cross join perioder
    left join andringar
        on enheter.enhet_nyckel = andringar.enhet_nyckel
        and enheter.vardniva = andringar.vardniva
        and perioder.period = andringar.period
    left join manad
        on enheter.enhet_nyckel = manad.enhet_nyckel
        and enheter.vardniva = manad.vardniva
        and perioder.period = manad.period
),

lopande as (
    select
        *,
        sum(r12_andring) over (
            partition by enhet_nyckel, vardniva order by period
            rows between unbounded preceding and current row
        ) as r12_patienter,
        sum(ack_andring) over (
            partition by enhet_nyckel, vardniva, ar order by period
            rows between unbounded preceding and current row
        ) as ack_patienter
    from kalender
),

final as (
    {%- for fonster in ['manad', 'ack', 'r12'] %}
    select
        period,
        niva,
        enhet_nyckel,
        forvaltning,
        omrade,
        omrade_namn,
        basenhet,
        basenhet_namn,
        kostnadsstalle,
        kostnadsstalle_namn,
        vardniva,
        '{{ fonster }}' as fonster,
        {{ fonster }}_patienter as tandvard_patienter
    from lopande
    where is_laddad
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select * from final
