{#-
    in_segment_vocabulary(model, column_name, family=none): fails with every value of a label column that is not
    a label of its family in the registry (var segments__label_families). The family defaults to the column's
    name. Nulls pass (add not_null where a label is required).
-#}
{% test in_segment_vocabulary(model, column_name, family=none) %}
    select
        {{ column_name }} as unknown_label,
        count(*) as row_count
    from {{ model }}
    where
        {{ column_name }} is not null
        and {{ column_name }} not in {{ sql_string_list(segment_family(family or column_name)['labels']) }}
    group by {{ column_name }}
{% endtest %}
