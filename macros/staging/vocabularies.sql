{#-
    Vocabularies of staged labels. A raw value outside its vocabulary is quarantined (`unknown_value`), counted
    in audit.unknown_values and named by the warning test assert_no_unknown_values_quarantined, so one new
    value never fails the warehouse: add it to its var (or seed) when it is legitimate.

    vocabulary_checks(): the one list of checked columns: source_table label, raw column, base model, the staged
    column, the column holding the base model's rejection reason, and the vocabulary (a var's values, or a
    seed and its column). A new vocabulary is one more entry here plus the check in its base model.
    vocabulary_position(expression, values): the 1-based position of a value in a list var (null when absent):
    the lifecycle order of order statuses, which breaks ties between versions.
    log_unknown_values(relation): logs one line per row of audit.unknown_values (if built), for the warning test.
-#}
{% macro vocabulary_checks() %}
    {{ return([
        {'source_table': 'commerce.orders', 'raw_column': 'status',
         'base_model': 'base_commerce__orders_checked', 'column': 'order_status',
         'reason_column': 'rejection_reason', 'var': 'segments__order_statuses'},
        {'source_table': 'email.email_events', 'raw_column': 'event_type',
         'base_model': 'base_email__email_events_parsed', 'column': 'email_event_type',
         'reason_column': 'row_rejection_reason', 'var': 'segments__email_event_types'},
        {'source_table': 'survey.survey_responses', 'raw_column': 'survey_type',
         'base_model': 'base_survey__survey_responses_checked', 'column': 'survey_type',
         'reason_column': 'rejection_reason', 'seed': 'survey_score_ranges', 'seed_column': 'survey_type'},
        {'source_table': 'survey.survey_responses', 'raw_column': 'primary_benefit',
         'base_model': 'base_survey__survey_responses_checked', 'column': 'primary_benefit',
         'reason_column': 'rejection_reason', 'var': 'segments__stated_benefits'},
    ]) }}
{% endmacro %}


{% macro vocabulary_position(expression, values) -%}
    case {{ expression }}
    {%- for value in values %}
        when '{{ value | string | replace("'", "''") }}' then {{ loop.index }}
    {%- endfor %}
    end
{%- endmacro %}


{% macro log_unknown_values(relation) %}
    {%- if execute and load_relation(relation) is not none -%}
        {%- set found = run_query(
            'select source_table, column_name, unknown_value, row_count from ' ~ relation
            ~ ' order by source_table, column_name, unknown_value'
        ) -%}
        {%- for row in found.rows -%}
            {{ log(
                'Unknown value quarantined (unknown_value): ' ~ row[0] ~ '.' ~ row[1] ~ " = '" ~ row[2]
                ~ "' in " ~ row[3] ~ ' row' ~ ('' if row[3] == 1 else 's')
                ~ '; add it to its vocabulary if it is legitimate',
                info=true,
            ) }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
