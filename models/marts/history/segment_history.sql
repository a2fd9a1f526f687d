{#-
    segment_history: one row per customer, segment family and period end: the customer's label as of that date.
    Period ends come from the as-of spine int_as_of_date_spine (var segments__history_grain, weekly by default) over
    the data's whole range; the last row of every customer is the as-of date D itself (is_current), equal to
    customer_segments. A customer appears from the first period end on or after their creation. Families: var
    segments__history_families (default every label family of customer_segments).
    Labels are restated from the data on every run (a late event or an order cancelled later changes the past
    periods it belongs to), so the history always equals a from-scratch build; the first build backfills the data's
    whole range, every later run extends it to the new D. The is_current rows equal customer_segments (test
    assert_segment_history_current_equals_customer_segments). A view over the wide
    int_customers_labeled_as_of_dates, so the long shape costs no storage.
-#}
with

labels as (

    select *
    from {{ ref('int_customers_labeled_as_of_dates') }}

),

labels_unpivoted as (

    {%- for family in segment_history_families() %}
        select
            customer_id,
            '{{ family }}' as segment_family,
            as_of_date as period_end,
            {{ family }} as segment,
            is_current
        from labels
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
    from labels_unpivoted

)

select * from final
