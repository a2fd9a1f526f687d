{#-
    incremental_watermark(relation, column): a scalar subquery for the
    incremental filter of the event models: the latest value of `column` in
    `relation` (the model's own table, `this`) minus var
    segments__incremental_lookback_days days. Rows received at or after it are
    re-derived; an empty table gives 1900-01-01 (everything is new).
-#}
{% macro incremental_watermark(relation, column='received_at') -%}
    (
        select
            {{ dbt.dateadd(
                'day',
                -1 * var('segments__incremental_lookback_days') | int,
                'coalesce(max(' ~ column ~ '), cast(\'1900-01-01 00:00:00\' as '
                ~ dbt.type_timestamp() ~ '))',
            ) }}
        from {{ relation }}
    )
{%- endmacro %}
