{#-
    int_customers_labeled_as_of_dates: one row per as-of date of the spine and customer counted at that date
    (int_customers_as_of_dates), with the label of every family segment_history tracks (macro
    segment_history_families), one column per family, read from each family's label model. The wide shape lets
    segment_history, segment_memberships and segment_transitions order one row per customer and date instead
    of one per family.
    history_batch_column: on DuckDB the rows are written in batches of as-of dates (macro
    duckdb__create_table_as), since joining every date at once spills past memory_limit.
    A batch is var segments__history_batch_dates as-of dates.
-#}
{{ config(history_batch_column='as_of_date') }}
{%- set label_models = segment_label_models() %}
{%- set families = segment_history_families() %}
{%- set models_read = [] %}
{%- set aliases = [] %}
{%- for family in families %}
    {%- if label_models[family] not in models_read %}
        {%- do models_read.append(label_models[family]) %}
        {%- do aliases.append(label_models[family] | replace('int_', '', 1)) %}
    {%- endif %}
{%- endfor %}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{ ref_restated('int_customers_as_of_dates') }}

),
{%- for model_name in models_read %}

    {{ model_name | replace('int_', '', 1) }} as (

        select
            as_of_date,
            customer_id,
            {%- for family in families if label_models[family] == model_name %}
                {{ family }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        from {{ ref(model_name) }}
        where
            customer_id is not null
            and {{ history_restate_where() }}

    ),
{%- endfor %}

final as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.is_current,
        {%- for family in families %}
            {{ label_models[family] | replace('int_', '', 1) }}.{{ family }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from
        customers
    {%- for alias in aliases %}
    left join {{ alias }}
        on
            customers.as_of_date = {{ alias }}.as_of_date
            and customers.customer_id = {{ alias }}.customer_id
    {%- endfor %}

)

select * from final
