{#-
    A compact 64-bit key for a long text key (a 64-hex pseudonym, a composite id), so that
    distinct counts over millions of rows hash integers instead of strings. Collisions are
    negligible at the warehouse's volumes (about 1e-8 for 400 000 distinct values a month).
    Spark uses its 64-bit xxhash64; other adapters keep the text itself.
-#}
{% macro hash_nyckel(expression) -%}
    {{ return(adapter.dispatch('hash_nyckel')(expression)) }}
{%- endmacro %}

{% macro duckdb__hash_nyckel(expression) -%}
    hash({{ expression }})
{%- endmacro %}

{% macro spark__hash_nyckel(expression) -%}
    xxhash64({{ expression }})
{%- endmacro %}

{% macro default__hash_nyckel(expression) -%}
    {{ expression }}
{%- endmacro %}
