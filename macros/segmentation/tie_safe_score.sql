{#-
    tie_safe_score(value_expression, bin_count, higher_is_better=true): a window expression scoring every row
    1..bin_count by quantile so that equal values always get equal scores:

        score = 1 + floor(bin_count * (rows with a strictly worse value) / rows)

    Rows with a strictly worse value = rank() - 1 over the values ordered from worst to best. Ties share the
    lowest rank, so a large tie (e.g. the one-order majority) stays in one bin and the bins it would have
    spread over stay empty (report them, never merge them). Null values are not scored (null).
    `partition_by` (optional) scores within groups.
-#}
{% macro tie_safe_score(value_expression, bin_count, higher_is_better=true, partition_by=none) -%}
    {%- set direction = 'asc' if higher_is_better else 'desc' -%}
    {%- set partition_clause = 'partition by ' ~ partition_by ~ ' ' if partition_by else '' -%}
    case
        when {{ value_expression }} is not null
            then cast(
                1 + floor(
                    cast({{ bin_count }} as {{ type_double() }})
                    * (
                        rank() over (
                            {{ partition_clause }}order by
                                case when {{ value_expression }} is null then 1 else 0 end,
                                {{ value_expression }} {{ direction }}
                        ) - 1
                    )
                    / count({{ value_expression }}) over ({{ partition_clause }})
                ) as {{ dbt.type_int() }}
            )
    end
{%- endmacro %}
