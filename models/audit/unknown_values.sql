{#-
    unknown_values: one row per source table, raw column and value outside
    its vocabulary (macro vocabulary_checks: a var's list or a seed), with
    the rows rejected as `unknown_value` for it. One new value (an email
    event type `soft_bounce`, an order status `shipped`) is quarantined and
    counted here instead of failing the warehouse; the warning test
    assert_no_unknown_values_quarantined names every row in the build log.
    A blank value is unknown only where the vocabulary requires one (the
    survey type, as '(missing)').
    Vocabularies: vars segments__order_statuses, segments__email_event_types and
    segments__stated_benefits, seed survey_score_ranges for survey types.
    Unknown tracker event names are not here: they stay in staging as `unknown`
    (audit.unknown_event_names).
-#}
with

unknown_rows as (
    {% for check in vocabulary_checks() %}
        select
            '{{ check.source_table }}' as source_table,
            '{{ check.raw_column }}' as column_name,
            {#- scrubbed: an email typed into a status must not reach audit -#}
            {{ scrub_pii("coalesce(" ~ check.column ~ ", '(missing)')") }}
                as unknown_value,
            source_file_name
        from {{ ref(check.base_model) }}
        where
            {{ check.reason_column }} = 'unknown_value'
            {%- if check.seed %}
                and coalesce({{ check.column }}, '(missing)') not in (
                    select {{ check.seed_column }}
                    from {{ ref(check.seed) }}
                )
            {%- else %}
                and {{ check.column }} not in {{
                    sql_string_list(var(check.var))
                }}
            {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (

    select
        source_table,
        column_name,
        unknown_value,
        count(*) as row_count,
        count(distinct source_file_name) as file_count,
        min(source_file_name) as first_source_file_name
    from unknown_rows
    group by source_table, column_name, unknown_value

)

select * from final
