{#-
    segment_history: one row per customer, segment family and period end: the customer's label as of that date.
    Period ends come from the as-of spine int_as_of_dates (var segments__history_grain, weekly by default) over
    the data's whole range; the last row of every customer is the as-of date D itself (is_current), equal to
    customer_segments. A customer appears from the first period end on or after their creation. Families: var
    segments__history_families (default every label family of customer_segments).
-#}
{%- set label_models = segment_label_models() %}
with

labels as (

    {%- for family in segment_history_families() %}
        select
            as_of_date as period_end,
            customer_id,
            '{{ family }}' as segment_family,
            {{ family }} as segment,
            is_current
        from {{ ref(label_models[family]) }}
        where customer_id is not null
        {%- if not loop.last %}
        union all
        {%- endif %}
    {%- endfor %}

),

final as (

    select
        customer_id,
        segment_family,
        period_end,
        segment,
        is_current
    from labels

)

select * from final
