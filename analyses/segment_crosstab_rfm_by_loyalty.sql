{#-
    Example analysis (compile with `dbt compile -s segment_crosstab_rfm_by_loyalty`
    and run in your SQL client): how the RFM segments split across loyalty tiers,
    with customers and 365-day revenue per cell. Copy it as a starting point for
    your own cross-family questions.
-#}
with

customer_segments as (

    select
        customer_id,
        rfm_segment,
        loyalty_tier,
        spend_365d
    from {{ ref('customer_segments') }}

),

final as (

    select
        rfm_segment,
        loyalty_tier,
        count(*) as customer_count,
        sum(spend_365d) as revenue_365d
    from customer_segments
    group by rfm_segment, loyalty_tier

)

select * from final
order by rfm_segment, loyalty_tier
