{#- The columns together identify a row; nulls count as equal values (a level's unused
    organisation columns are null). -#}
{% test unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as antal
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
