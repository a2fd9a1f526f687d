{#-
    incremental_watermark(relation, column): the incremental filter bound of
    the event models: the latest value of `column` in `relation` (the model's
    own table, `this`) minus var segments__incremental_lookback_days days.
    Rows received at or after it are re-derived; an empty table gives
    1900-01-01 (everything is new). In a model run each call reads it at run
    time (one small query) and writes it into the SQL as a literal, so the filter reaches the
    scans (zone maps skip the old row groups); a unit test, whose `this` is a
    fixture, gets the scalar subquery.
-#}
{% macro incremental_watermark(relation, column='received_at') -%}
    {%- set watermark_sql -%}
        select
            {{ dbt.dateadd(
                'day',
                -1 * var('segments__incremental_lookback_days') | int,
                'coalesce(max(' ~ column ~ '), cast(\'1900-01-01 00:00:00\' as '
                ~ dbt.type_timestamp() ~ '))',
            ) }}
        from {{ relation }}
    {%- endset -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set watermark = run_query(watermark_sql).columns[0].values()[0] -%}
        cast('{{ watermark }}' as {{ dbt.type_timestamp() }})
    {%- else -%}
        ({{ watermark_sql }})
    {%- endif -%}
{%- endmacro %}
