{#-
    customer_segments: one wide row per non-erased CRM customer with every segment label, flag and metric of
    the registry (var segments__label_families) as of the as-of date: the current rows of each label model,
    joined to the customers. A join over the generated list of label models, so it has one parent per model.
-#}
{%- set label_models = segment_model_columns() %}
with

customers as (

    select customer_id
    from {{ ref('int_customers_resolved') }}

),

as_of_dates as (

    select as_of_date
    from {{ ref('int_current_as_of_date') }}

),

{%- for model_name, model in label_models.items() %}

    {{ model_name }} as (

        select
            customer_id,
            {%- for column in model['columns'] %}
                {{ column }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        from {{ ref(model_name) }}
        where
            is_current
            {%- if model['grain'] == 'person' %}
                and customer_id is not null
            {%- endif %}

    ),
{%- endfor %}

final as (

    select
        customers.customer_id,
        {%- for model_name, model in label_models.items() %}
            {%- for column in model['columns'] %}
                {{ model_name }}.{{ column }},
            {%- endfor %}
        {%- endfor %}
        as_of_dates.as_of_date
    from
        customers
    {%- for model_name in label_models %}
    left join {{ model_name }}
        on customers.customer_id = {{ model_name }}.customer_id
    {%- endfor %}
    cross join as_of_dates

)

select * from final
