{#-
    Data tests of the big staging views on a monthly run: only the deliveries that changed.

    `hsn run` sets HSN_TESTPERIODER to the periods of the deliveries that changed since the
    last publication ('YYYY-MM', a budget year 'YYYY'; comma-separated), and only when the dbt
    project is the one that publication was built and tested with: the other months passed
    these same tests then, and the gate proves the keys unique across months. A model whose
    rows of a month come from that month's deliveries alone (no other month, no organisation)
    opts in with `meta: {hsn_testfilter: {<column>: text}}` (the delivery's folder name,
    e.g. leverans_period) or `{<column>: date}` (the month's first day, e.g. period).
    Without the variable (a plain `dbt build`, a full refresh) every row is tested, as usual.

    dbt wraps the model of every generic test in get_where_subquery (with the test's own
    `where` config); this is dbt's default plus the delivery condition.
-#}
{% macro default__get_where_subquery(relation) -%}
    {%- set villkor = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do villkor.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set leveranser = hsn_testade_leveranser() -%}
    {%- if leveranser -%}
        {%- do villkor.append(leveranser) -%}
    {%- endif -%}
    {%- if villkor -%}
        {%- set filtrerad -%}
            (select * from {{ relation }} where {{ villkor | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtrerad) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}


{#- The condition on the tested model's delivery period, or '' to test every row. -#}
{% macro hsn_testade_leveranser() -%}
    {%- if not execute or not model.attached_node -%}
        {{ return('') }}
    {%- endif -%}
    {%- set modell = graph.nodes.get(model.attached_node) -%}
    {%- set filter = (modell.config.meta or {}).get('hsn_testfilter') if modell else none -%}
    {%- if not filter -%}
        {{ return('') }}
    {%- endif -%}
    {%- set kolumn, typ = (filter.items() | list)[0] -%}
    {{ return(hsn_andrade_perioder(kolumn, typ)) }}
{%- endmacro %}


{#-
    `<kolumn> in (<the changed periods>)` when `hsn run` set HSN_TESTPERIODER, else '' (every
    row). typ: 'text' for a delivery's folder name ('YYYY-MM', 'YYYY'), 'date' for a month's
    first day. Singular tests use it directly for the part of a reconciliation that reads one
    month's deliveries alone.
-#}
{% macro hsn_andrade_perioder(kolumn, typ='text') -%}
    {%- set perioder = env_var('HSN_TESTPERIODER', 'alla') -%}
    {%- if not execute or perioder == 'alla' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set lista = perioder.split(',') | map('trim') | select | list -%}
    {%- if typ == 'date' -%}
        {#- a month column: the changed months' first days (a budget year is not a month) -#}
        {%- set varden = [] -%}
        {%- for p in lista if p | length == 7 -%}
            {%- do varden.append(period_from_text("'" ~ p ~ "'")) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set varden = [] -%}
        {%- for p in lista %}{% do varden.append("'" ~ p ~ "'") %}{% endfor -%}
    {%- endif -%}
    {%- if not varden -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {{ return(kolumn ~ ' in (' ~ (varden | join(', ')) ~ ')') }}
{%- endmacro %}
