-- Distinct tandvård patients per level, window and vardniva: persons with a contact at a
-- TANDVARD unit in production statistics, counted once per level unit over the whole window
-- (month, January to the month, twelve months), never summed from months or units.
-- Without expanding every visit into every window: per level unit and person, a visit month
-- starts a person's R12 coverage, which ends twelve months later or at the next visit
-- (+1/−1 markers, summed cumulatively), and the first visit of a year counts in ack from
-- that month on. Rows for the months with vardkontakter delivered, where the window has
-- patients (the mart reads a missing row as 0).
-- Grain: period × niva/unit × vardniva × fonster.
-- Incremental (macros/inkrementell.sql): a month is rebuilt when a vardkontakter delivery of
-- its twelve-month window changed, from those twelve months only (a window needs no earlier
-- visit: one before it has ended its coverage inside it), and every month when today's
-- organisation changed.
{% set inkrementell = hsn_inkrementell(['vardkontakter'], organisation=true, fonster=12) %}

with

kontakter as (
    select * from {{ ref('stg_produktion__vardkontakter') }}
    where {{ hsn_leveransfilter(hsn_manader_i_fonster(inkrementell.perioder, 12)) }}
),

organisation as (
    select * from {{ ref('int_organisation_aktuell') }}
),

leveransnycklar as (
    -- the months to write: those with vardkontakter delivered (and to rebuild)
    select * from ({{ inkrementell.leveransnycklar }}) as nycklar
    where {{ hsn_periodfilter(inkrementell.perioder) }}
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
    -- every unit with visits in the months read, for every month to write
    select
        enheter.enhet_nyckel,
        enheter.vardniva,
        leveransnycklar.period
    from enheter
    cross join leveransnycklar
),

fonstersummor as (
    -- the markers up to the month: covered persons (R12) and first visits of its year (ack)
    select
        kalender.enhet_nyckel,
        kalender.vardniva,
        kalender.period,
        sum(andringar.r12_andring) as r12_patienter,
        sum(
            case
                when extract(year from andringar.period) = extract(year from kalender.period)
                    then andringar.ack_andring
                else 0
            end
        ) as ack_patienter
    from kalender
    inner join andringar
        on kalender.enhet_nyckel = andringar.enhet_nyckel
        and kalender.vardniva = andringar.vardniva
        and andringar.period <= kalender.period
    group by kalender.enhet_nyckel, kalender.vardniva, kalender.period
),

per_manad as (
    select
        enheter.*,
        fonstersummor.period,
        coalesce(manad.patienter, 0) as manad_patienter,
        fonstersummor.ack_patienter,
        fonstersummor.r12_patienter,
        leveransnycklar.leverans_nyckel
    from fonstersummor
    inner join enheter
        on fonstersummor.enhet_nyckel = enheter.enhet_nyckel
        and fonstersummor.vardniva = enheter.vardniva
    inner join leveransnycklar on fonstersummor.period = leveransnycklar.period
    left join manad
        on fonstersummor.enhet_nyckel = manad.enhet_nyckel
        and fonstersummor.vardniva = manad.vardniva
        and fonstersummor.period = manad.period
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
        {{ fonster }}_patienter as tandvard_patienter,
        leverans_nyckel
    from per_manad
    where {{ fonster }}_patienter > 0
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select * from final
