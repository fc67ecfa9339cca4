{#- A 'YYYY-MM' text to the first day of that month, as a date. -#}
{% macro period_from_text(expression) -%}
    cast({{ expression }} || '-01' as date)
{%- endmacro %}
