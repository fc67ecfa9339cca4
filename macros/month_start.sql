{#- The first day of the month of a date or timestamp, as a date on every engine. -#}
{% macro month_start(expression) -%}
    cast({{ dbt.date_trunc('month', expression) }} as date)
{%- endmacro %}
