{#- The organisation columns follow the level: filled down to the row's niva, null below. -#}
{% test organisation_follows_niva(model) %}

select *
from {{ model }}
where not (
    (niva = 'region'
        and forvaltning is null and omrade is null and basenhet is null
        and kostnadsstalle is null)
    or (niva = 'omrade'
        and forvaltning is not null and omrade is not null and omrade_namn is not null
        and basenhet is null and kostnadsstalle is null)
    or (niva = 'basenhet'
        and omrade is not null and basenhet is not null and basenhet_namn is not null
        and kostnadsstalle is null)
    or (niva = 'kostnadsstalle'
        and basenhet is not null and kostnadsstalle is not null
        and kostnadsstalle_namn is not null)
)

{% endtest %}
