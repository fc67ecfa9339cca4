{#-
    Incremental monthly loads: a model built from some extracts rebuilds only the months whose
    accepted deliveries changed since it was last built, and drops months no longer delivered.

    Each row of such a model carries `leverans_nyckel`: a hash of the checksums of the
    deliveries its month is built from (the extract's month; a yearly extract's year), from
    the gate's manifest (stg_gate__leveranser). On an incremental run the months whose key is
    new or differs, and the months no longer delivered, are deleted (pre-hook) and rebuilt
    (the model filters its sources to them); a month that now gives no rows is then simply
    gone. A full build (first run, --full-refresh, another adapter) builds every month.

    Use in a model (extrakt: the gate's extract names the model reads), as its first line:
        {% set inkrementell = hsn_inkrementell(['huvudbok', 'budget']) %}
        ... from {{ ref('stg_ekonomi__huvudbok') }}
            where {{ hsn_leveransfilter(inkrementell.perioder) }}
        ... join ({{ inkrementell.leveransnycklar }}) on period

    Keep such models at the source's own grain (no join to today's organisation: a
    reorganisation restates every month, which an incremental model would not see), or pass
    organisation=true (see hsn_organisationsversion).
-#}


{#-
    Configures the calling model as incremental (materialization, append, the pre-hook that
    deletes the months to rebuild) and returns what its SQL needs:
      perioder: the months ('YYYY-MM') to rebuild, none on a full build (hsn_leveransfilter,
        hsn_periodfilter);
      leveransnycklar: a select of every delivered month's key (period, leverans_nyckel).
    organisation: the model places rows in today's organisation, whose hash goes into every key.
    fonster: a month's rows come from a window of that many months (see hsn_leveransnycklar).
    config() from a macro works: dbt renders the model, and this macro in the model's context,
    at parse time and records the call (at execution config() does nothing). The pre-hook is
    a template rendered at execution in a context of its own, so it asks for the months again
    (the same answer: nothing writes the model in between).
-#}
{% macro hsn_inkrementell(extrakt, organisation=false, fonster=1) -%}
    {%- if organisation -%}
        {#- the dependency at parse time (hsn_organisationsversion refs it only when executing) -#}
        {%- do ref('int_organisation_aktuell') -%}
    {%- endif -%}
    {#- the same arguments, written out for the pre-hook's template -#}
    {%- set argument = ["['" ~ (extrakt | join("', '")) ~ "']"] -%}
    {%- if organisation %}{% do argument.append('hsn_organisationsversion()') %}{% endif -%}
    {%- if fonster > 1 %}{% do argument.append('fonster=' ~ fonster) %}{% endif -%}
    {%- do config(
        materialized=hsn_inkrementell_materialisering(),
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook='{{ hsn_radera_perioder(' ~ (argument | join(', ')) ~ ') }}'
    ) -%}
    {%- set tillstand = hsn_organisationsversion() if organisation else '' -%}
    {{ return({
        'perioder': hsn_perioder_att_bygga(extrakt, tillstand, fonster),
        'leveransnycklar': hsn_leveransnycklar(extrakt, tillstand, fonster),
    }) }}
{%- endmacro %}

{#- 'incremental' on DuckDB; a plain table elsewhere (Spark builds everything each run). -#}
{% macro hsn_inkrementell_materialisering() -%}
    {{ return(adapter.dispatch('hsn_inkrementell_materialisering')()) }}
{%- endmacro %}

{% macro duckdb__hsn_inkrementell_materialisering() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro default__hsn_inkrementell_materialisering() -%}
    {{ return('table') }}
{%- endmacro %}


{#-
    One row per month the extracts' deliveries cover: period (date), leverans_nyckel.
    fonster > 1: a month's rows come from the months of a window ending in it (e.g. 12 for
    R12), so its key covers the keys of every delivered month of that window.
-#}
{% macro hsn_leveransnycklar(extrakt, tillstand='', fonster=1) -%}
    {%- if fonster > 1 -%}
    select
        slut.period,
        {{ dbt.hash(dbt.listagg(dbt.concat([dbt.cast('manad.period', dbt.type_string()), "':'", 'manad.leverans_nyckel']), "','", 'order by manad.period')) }}
            as leverans_nyckel
    from ({{ hsn_leveransnycklar(extrakt, tillstand) }}) as slut
    inner join ({{ hsn_leveransnycklar(extrakt, tillstand) }}) as manad
        on manad.period <= slut.period
        and manad.period > cast({{ dbt.dateadd('month', -fonster, 'slut.period') }} as date)
    group by slut.period
    {%- else -%}
    {%- set namn = "'" ~ (extrakt | join("', '")) ~ "'" -%}
    select
        {{ period_from_text('period_text') }} as period,
        {{ dbt.hash(dbt.concat(hsn_checksummor_per_extrakt(extrakt) + ["'" ~ tillstand ~ "'"])) }}
            as leverans_nyckel
    from (
        -- a monthly delivery covers its month
        select leverans_period as period_text, extrakt, checksum
        from {{ ref('stg_gate__leveranser') }}
        where extrakt in ({{ namn }}) and {{ dbt.length('leverans_period') }} = 7
        union all
        -- a yearly delivery (the budget) covers the twelve months of its year
        select leveranser.leverans_period || '-' || manader.manad, leveranser.extrakt,
            leveranser.checksum
        from {{ ref('stg_gate__leveranser') }} as leveranser
        cross join (
            {%- for manad in range(1, 13) %}
            select '{{ "%02d" % manad }}' as manad{% if not loop.last %} union all{% endif %}
            {%- endfor %}
        ) as manader
        where leveranser.extrakt in ({{ namn }}) and {{ dbt.length('leveranser.leverans_period') }} = 4
    ) as leveranser_per_manad
    group by period_text
    {%- endif -%}
{%- endmacro %}

{% macro hsn_checksummor_per_extrakt(extrakt) -%}
    {%- set delar = [] -%}
    {%- for namn in extrakt -%}
        {%- do delar.append(
            "coalesce(max(case when extrakt = '" ~ namn ~ "' then checksum end), '-')") -%}
        {%- do delar.append("':'") -%}
    {%- endfor -%}
    {{ return(delar) }}
{%- endmacro %}


{#- The months ('YYYY-MM') to rebuild on an incremental run; none on a full build. -#}
{% macro hsn_perioder_att_bygga(extrakt, tillstand='', fonster=1) -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set fraga -%}
        with nycklar as (
            {{ hsn_leveransnycklar(extrakt, tillstand, fonster) }}
        ),
        byggda as (
            select distinct period, leverans_nyckel from {{ this }}
        ),
        andrade as (
            select nycklar.period
            from nycklar
            left join byggda
                on nycklar.period = byggda.period
                and nycklar.leverans_nyckel = byggda.leverans_nyckel
            where byggda.period is null
            union
            select period from byggda
            where period not in (select period from nycklar)
        )
        select cast(period as {{ dbt.type_string() }}) as period from andrade order by period
    {%- endset -%}
    {%- set perioder = [] -%}
    {%- for rad in run_query(fraga).rows -%}
        {%- do perioder.append(rad[0][:7]) -%}
    {%- endfor -%}
    {{ return(perioder) }}
{%- endmacro %}


{#-
    A where-condition on a staging model's leverans_period (the accepted folder's name, so
    DuckDB reads only those folders): true on a full build. yearly: the source is delivered
    per year (the budget), so take the years of the months and then the months themselves.
-#}
{% macro hsn_leveransfilter(perioder, arsvis=false) -%}
    {%- if perioder is none -%}
        1 = 1
    {%- elif perioder | length == 0 -%}
        1 = 0
    {%- elif arsvis -%}
        {%- set ar = [] -%}
        {%- for p in perioder %}{% if p[:4] not in ar %}{% do ar.append(p[:4]) %}{% endif %}{% endfor -%}
        leverans_period in ('{{ ar | join("', '") }}')
        and period in ({% for p in perioder %}{{ period_from_text("'" ~ p ~ "'") }}{% if not loop.last %}, {% endif %}{% endfor %})
    {%- else -%}
        leverans_period in ('{{ perioder | join("', '") }}')
    {%- endif -%}
{%- endmacro %}


{#- Pre-hook: delete the months about to be rebuilt (and those no longer delivered). -#}
{% macro hsn_radera_perioder(extrakt, tillstand='', fonster=1) -%}
    {%- set perioder = hsn_perioder_att_bygga(extrakt, tillstand, fonster) -%}
    {%- if perioder is not none -%}
        {{ log(this.identifier ~ ": months to rebuild: " ~ (perioder | join(', ') or 'none'), info=true) }}
    {%- endif -%}
    {%- if perioder -%}
        delete from {{ this }} where period in (
            {%- for p in perioder %}{{ period_from_text("'" ~ p ~ "'") }}{% if not loop.last %}, {% endif %}{% endfor -%}
        )
    {%- endif -%}
{%- endmacro %}


{#- A where-condition on a date column `period` (a table or a view): true on a full build. -#}
{% macro hsn_periodfilter(perioder, kolumn='period') -%}
    {%- if perioder is none -%}
        1 = 1
    {%- elif perioder | length == 0 -%}
        1 = 0
    {%- else -%}
        {{ kolumn }} in ({% for p in perioder %}{{ period_from_text("'" ~ p ~ "'") }}{% if not loop.last %}, {% endif %}{% endfor %})
    {%- endif -%}
{%- endmacro %}


{#-
    For models that place rows in today's organisation (per level, distinct persons): a hash of
    the organisation as int_organisation_aktuell places every kostnadsställe, given as
    `tillstand` above (hsn_inkrementell(..., organisation=true)). When a new month moves,
    renames or adds a unit, every month's key changes and the whole model is rebuilt (a
    reorganisation restates history); otherwise only the months whose deliveries changed. The
    model must depend on int_organisation_aktuell (hsn_inkrementell refs it): the query below
    runs only at execution.
-#}
{% macro hsn_organisationsversion() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set fraga -%}
        select kostnadsstalle, kostnadsstalle_namn, basenhet, basenhet_namn, omrade, omrade_namn,
            forvaltning, forvaltning_namn, vardniva, ingar_i_produktion, ar_bup
        from {{ ref('int_organisation_aktuell') }}
        order by kostnadsstalle
    {%- endset -%}
    {%- set rader = [] -%}
    {%- for rad in run_query(fraga).rows -%}
        {%- do rader.append(rad | join('|')) -%}
    {%- endfor -%}
    {{ return(local_md5(rader | join('\n'))) }}
{%- endmacro %}


{#-
    The months ('YYYY-MM') the windows of `fonster` months ending in perioder cover (for a
    model whose month reads that many months back); none (a full build) stays none.
-#}
{% macro hsn_manader_i_fonster(perioder, fonster) -%}
    {%- if perioder is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set manader = [] -%}
    {%- for p in perioder -%}
        {%- set index = (p[:4] | int) * 12 + (p[5:7] | int) - 1 -%}
        {%- for bakat in range(fonster) -%}
            {%- set m = index - bakat -%}
            {%- set text = '%04d-%02d' % (m // 12, m % 12 + 1) -%}
            {%- if text not in manader %}{% do manader.append(text) %}{% endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(manader | sort) }}
{%- endmacro %}
