-- Hand-written single-script baseline for `make bench`: RFM segment, usage tier and journey stage straight from
-- the Parquet landing zone, in one DuckDB script, with the same rules as the dbt models (docs/segment_rules.md).
-- The benchmark times it against the dbt build and reports how often both agree. {raw} is the landing-zone root.
create or replace temp table customers as
select
    customer_id,
    coalesce(nullif(trim(timezone), ''), 'UTC') as time_zone
from (
    select
        *,
        row_number() over (partition by customer_id order by updated_at desc) as version_rank
    from read_parquet('{raw}/customers/*.parquet', union_by_name = true)
)
where version_rank = 1 and deleted_at is null and customer_id is not null;

create or replace temp table clean_events as
select *
from (
    select
        trim(message_id) as event_id,
        nullif(trim(anonymous_id), '') as anonymous_id,
        nullif(trim(user_id), '') as user_id,
        event,
        "timestamp" as event_at,
        received_at,
        row_number() over (partition by trim(message_id) order by received_at, "timestamp") as copy_rank
    from read_parquet('{raw}/events/*.parquet', union_by_name = true)
    where message_id is not null
        and "timestamp" is not null
        and received_at is not null
        and (nullif(trim(anonymous_id), '') is not null or nullif(trim(user_id), '') is not null)
        and (properties is null or json_valid(properties))
        and "timestamp" <= received_at + interval 60 minute
)
where copy_rank = 1;

-- A device follows the customer it was last identified as; events without a user_id take it retroactively.
create or replace temp table devices as
select anonymous_id, arg_max(user_id, event_at) as customer_id
from clean_events
where user_id is not null and anonymous_id is not null
group by anonymous_id;

create or replace temp table person_events as
select
    coalesce(clean_events.user_id, devices.customer_id, 'anon:' || clean_events.anonymous_id) as person_id,
    case
        when lower(clean_events.event) in ('product viewed', 'products searched', 'pricing viewed', 'signed up',
            'signed in') then 2
        when lower(clean_events.event) in ('product added', 'cart viewed', 'checkout started') then 3
        when lower(clean_events.event) = 'order completed' then 4
        else 1
    end as funnel_step,
    lower(clean_events.event) in ('review submitted', 'product shared', 'referral sent') as is_advocacy,
    lower(clean_events.event) = 'feature used' as is_feature_use,
    cast(timezone(coalesce(customers.time_zone, 'UTC'), cast(clean_events.event_at as timestamptz)) as date)
        as event_local_date
from clean_events
left join devices on clean_events.anonymous_id = devices.anonymous_id
left join customers
    on coalesce(clean_events.user_id, devices.customer_id) = customers.customer_id
where coalesce(clean_events.user_id, devices.customer_id) is null or customers.customer_id is not null;

create or replace temp table as_of as select max(event_local_date) as as_of_date from person_events;

create or replace temp table orders as
select
    orders.customer_id,
    orders.total,
    cast(timezone(customers.time_zone, cast(orders.created_at as timestamptz)) as date) as order_local_date
from (
    select
        *,
        row_number() over (partition by order_id order by updated_at desc) as version_rank
    from read_parquet('{raw}/orders/*.parquet', union_by_name = true)
) as orders
inner join customers on orders.customer_id = customers.customer_id
where orders.version_rank = 1 and orders.status = 'completed' and orders.total >= 0
    and cast(timezone(customers.time_zone, cast(orders.created_at as timestamptz)) as date)
        <= (select as_of_date from as_of);

create or replace temp table rfm_inputs as
select
    customer_id,
    (select as_of_date from as_of) - max(order_local_date) as recency_days,
    count(distinct order_local_date) as purchase_days,
    count(*) as order_count,
    sum(total) as total_revenue
from orders
group by customer_id;

create or replace temp table baseline_rfm as
select
    customer_id,
    1 + floor(5 * (rank() over (order by recency_days desc) - 1) / count(*) over ()) as r_score,
    1 + floor(5 * (rank() over (order by purchase_days) - 1) / count(*) over ()) as f_score,
    1 + floor(5 * (rank() over (order by total_revenue) - 1) / count(*) over ()) as m_score
from rfm_inputs;

create or replace temp table rfm_grid as
select * from (values
    (5, 1, 'new'), (5, 2, 'potential_loyalist'), (5, 3, 'potential_loyalist'), (5, 4, 'champions'),
    (5, 5, 'champions'), (4, 1, 'promising'), (4, 2, 'potential_loyalist'), (4, 3, 'potential_loyalist'),
    (4, 4, 'loyal'), (4, 5, 'champions'), (3, 1, 'about_to_sleep'), (3, 2, 'about_to_sleep'),
    (3, 3, 'need_attention'), (3, 4, 'loyal'), (3, 5, 'loyal'), (2, 1, 'hibernating'), (2, 2, 'hibernating'),
    (2, 3, 'at_risk'), (2, 4, 'at_risk'), (2, 5, 'cannot_lose'), (1, 1, 'hibernating'), (1, 2, 'hibernating'),
    (1, 3, 'at_risk'), (1, 4, 'cannot_lose'), (1, 5, 'cannot_lose')
) as grid (r_score, f_score, rfm_segment);

create or replace temp table person_days as
select person_id, event_local_date, max(funnel_step) as funnel_step, bool_or(is_advocacy) as has_advocacy,
    bool_or(is_feature_use) as has_feature_use
from person_events
where event_local_date <= (select as_of_date from as_of)
group by person_id, event_local_date;

create or replace temp table person_usage as
select
    person_id,
    count(*) filter (where event_local_date > (select as_of_date from as_of) - 28) as usage_active_days,
    (select as_of_date from as_of) - max(event_local_date) as days_since_last_active,
    max(funnel_step) filter (where event_local_date > (select as_of_date from as_of) - 90) as funnel_step_90d,
    max(funnel_step) as funnel_step_ever,
    bool_or(has_advocacy) as has_advocacy,
    bool_or(has_feature_use) as has_feature_use
from person_days
group by person_id;

create or replace temp table promoters as
select customer_id
from (
    select
        customer_id,
        score,
        row_number() over (partition by customer_id order by submitted_at desc, response_id desc) as response_rank
    from read_parquet('{raw}/survey_responses/*.parquet', union_by_name = true)
    where survey_type = 'nps' and score between 0 and 10
        and cast(timezone('UTC', cast(submitted_at as timestamptz)) as date) <= (select as_of_date from as_of)
)
where response_rank = 1 and score >= 9;

create or replace temp table baseline_result as
select
    customers.customer_id,
    coalesce(rfm_grid.rfm_segment, 'no_purchases') as rfm_segment,
    case
        when person_usage.person_id is null then 'never_active'
        when person_usage.usage_active_days >= 12 then 'power'
        when person_usage.usage_active_days >= 4 then 'regular'
        when person_usage.usage_active_days >= 1 then 'casual'
        when person_usage.days_since_last_active < 30 then 'casual'
        when person_usage.days_since_last_active < 120 then 'at_risk'
        else 'dormant'
    end as usage_tier,
    case
        when person_usage.has_advocacy or promoters.customer_id is not null then 'advocacy'
        when rfm_inputs.order_count >= 2 or (rfm_inputs.order_count = 1 and person_usage.has_feature_use)
            then 'adoption'
        when rfm_inputs.order_count = 1 then 'purchase'
        when person_usage.funnel_step_ever >= 3 then 'consideration'
        when person_usage.funnel_step_ever = 2 then 'education'
        else 'awareness'
    end as journey_stage
from customers
left join rfm_inputs on customers.customer_id = rfm_inputs.customer_id
left join baseline_rfm on customers.customer_id = baseline_rfm.customer_id
left join rfm_grid
    on baseline_rfm.r_score = rfm_grid.r_score and baseline_rfm.f_score = rfm_grid.f_score
left join person_usage on customers.customer_id = person_usage.person_id
left join promoters on customers.customer_id = promoters.customer_id;
