{#-
    A double as decimal(18, 2) SEK, rounded the same way on every engine: half away from zero
    on the double's exact value (DuckDB's cast). Spark's plain cast rounds the double's
    shortest decimal text instead, so -17913223.275 (a double just above it) became .28 there
    and .27 on DuckDB; rounding the double times 100 first gives DuckDB's cent on Spark.
-#}
{% macro double_till_belopp(expression) -%}
    {{ return(adapter.dispatch('double_till_belopp')(expression)) }}
{%- endmacro %}

{% macro default__double_till_belopp(expression) -%}
    cast({{ expression }} as decimal(18, 2))
{%- endmacro %}

{% macro spark__double_till_belopp(expression) -%}
    cast(cast(round(({{ expression }}) * 100) as decimal(38, 0)) / 100 as decimal(18, 2))
{%- endmacro %}
