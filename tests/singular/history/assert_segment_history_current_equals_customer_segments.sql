{#-
    The current rows of segment_history (the as-of date D) are exactly the labels of customer_segments, for
    every tracked family: same customers, same labels, same date. Fails with each row on one side only.
-#}
with

history_current as (

    select
        customer_id,
        segment_family,
        period_end,
        segment
    from {{ ref('segment_history') }}
    where is_current

),

published as (

    {%- for family in segment_history_families() %}
        select
            customer_id,
            '{{ family }}' as segment_family,
            as_of_date as period_end,
            {{ family }} as segment
        from {{ ref('customer_segments') }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

only_in_history as (

    select * from history_current
    except
    select * from published

),

only_published as (

    select * from published
    except
    select * from history_current

),

final as (

    select
        'only_in_segment_history' as side,
        customer_id,
        segment_family,
        period_end,
        segment
    from only_in_history
    union all
    select
        'only_in_customer_segments' as side,
        customer_id,
        segment_family,
        period_end,
        segment
    from only_published

)

select * from final
