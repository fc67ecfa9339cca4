{#-
    One row set per level of the organisation: region, omrade, basenhet, kostnadsstalle.
    The organisation columns below a level are null, and `enhet_nyckel` names the unit
    ('omrade:24', 'kostnadsstalle:240101', 'region'). Each measure is an aggregate
    expression evaluated at every level from the rows themselves, so distinct counts and
    ratios are never summed or averaged from the level below.

    relation: a CTE or relation with the organisation columns of int_organisation_aktuell
    keys:     columns kept in the grain besides the unit (e.g. ['period', 'rapportrad_nr'])
    measures: {output column: aggregate expression}
-#}
{% macro rulla_upp_per_niva(relation, keys, measures) -%}
{%- set org_columns = ['forvaltning', 'omrade', 'omrade_namn', 'basenhet', 'basenhet_namn',
                       'kostnadsstalle', 'kostnadsstalle_namn'] -%}
{%- set levels = [
    ('region', [], "'region'"),
    ('omrade', org_columns[:3], "'omrade:' || omrade"),
    ('basenhet', org_columns[:5], "'basenhet:' || basenhet"),
    ('kostnadsstalle', org_columns, "'kostnadsstalle:' || kostnadsstalle"),
] -%}
{%- for niva, columns, nyckel in levels %}
    select
        '{{ niva }}' as niva,
        {{ nyckel }} as enhet_nyckel,
        {%- for column in org_columns %}
        {% if column in columns %}{{ column }}{% else %}cast(null as {{ dbt.type_string() }}){% endif %} as {{ column }},
        {%- endfor %}
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        {%- for name, expression in measures.items() %}
        {{ expression }} as {{ name }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}
    group by {{ (columns + keys) | join(', ') }}
    {% if not loop.last %}union all{% endif %}
{%- endfor %}
{%- endmacro %}
