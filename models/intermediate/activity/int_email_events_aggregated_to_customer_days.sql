{#-
    int_email_events_aggregated_to_customer_days: one row per non-erased CRM
    customer and local date (the customer's CRM time zone) with at least one
    email event. The day's opens and clicks, and the customer's running
    values as of that day: ever unsubscribed, bounced or complained, the
    latest open, and the next email day, which ends the day's validity.
    int_email_events_aggregated_to_customers reads it at every as-of date.
    Incremental (delete+insert on customer_id), by comparison rather than by
    watermark: a run recomputes, whole, every customer whose email events or
    time zone differ from the ones their stored rows were built from
    (email_events_fingerprint, a bit_xor of a hash of each of their email
    events; time_zone). The post-hook deletes the customers left without
    email events (erased, or their events gone).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='customer_id',
    on_schema_change='fail',
    post_hook=[
        "{% set without_email_events %}
        {{ key_absent_from(
            'customer_id',
            '(select email_events.customer_id from '
            ~ ref('stg_email__email_events') ~ ' as email_events inner join '
            ~ ref('int_customers_resolved') ~ ' as customers'
            ~ ' on email_events.customer_id = customers.customer_id) as emailed',
            'customer_id',
        ) }}
        {% endset %}
        {{ delete_rows_where(this, without_email_events) }}",
    ],
) }}
with

email_events as (

    {#- Read twice (fingerprints, localized events), so DuckDB materializes
        it; reading the staged view twice instead measured no faster -#}
    select
        customer_id,
        email_event_type,
        occurred_at,
        {{ row_fingerprint(
            ref('stg_email__email_events'),
            only=[
                'email_event_id',
                'customer_id',
                'campaign_id',
                'email_event_type',
                'occurred_at',
            ],
        ) }} as event_hash
    from {{ ref('stg_email__email_events') }}

),

customers as (

    select
        customer_id,
        time_zone
    from {{ ref('int_customers_resolved') }}

),

customer_fingerprints as (

    {#- What a customer's rows are built from: their events, their zone -#}
    select
        email_events.customer_id,
        customers.time_zone,
        bit_xor(email_events.event_hash) as email_events_fingerprint
    from email_events
    inner join customers
        on email_events.customer_id = customers.customer_id
    group by email_events.customer_id, customers.time_zone

),

customers_recomputed as (

    {#- incremental: the customers whose events or time zone changed -#}
    select
        customer_fingerprints.customer_id,
        customer_fingerprints.time_zone,
        customer_fingerprints.email_events_fingerprint
    from customer_fingerprints
    {%- if is_incremental() %}
        left join (
            select distinct
                customer_id,
                time_zone,
                email_events_fingerprint
            from {{ this }}
        ) as stored
            on customer_fingerprints.customer_id = stored.customer_id
        where
            stored.customer_id is null
            or stored.time_zone != customer_fingerprints.time_zone
            or stored.email_events_fingerprint
            != customer_fingerprints.email_events_fingerprint
    {%- endif %}

),

email_events_localized as (

    select
        email_events.customer_id,
        email_events.email_event_type,
        cast(
            {{ to_local_timestamp('email_events.occurred_at',
                'customers_recomputed.time_zone') }}
            as date
        ) as occurred_local_date
    from email_events
    inner join customers_recomputed
        on email_events.customer_id = customers_recomputed.customer_id

),

email_days as (

    select
        customer_id,
        occurred_local_date,
        sum(
            case when email_event_type = 'opened' then 1 else 0 end
        ) as open_count,
        sum(
            case when email_event_type = 'clicked' then 1 else 0 end
        ) as click_count,
        max(
            case when email_event_type = 'unsubscribed' then 1 else 0 end
        ) as unsubscribe_flag,
        max(
            case when email_event_type = 'bounced' then 1 else 0 end
        ) as bounce_flag,
        max(
            case when email_event_type = 'complained' then 1 else 0 end
        ) as complaint_flag
    from email_events_localized
    group by customer_id, occurred_local_date

),

email_days_running as (

    {#- Running values per email day; the next email day ends its validity -#}
    select
        customer_id,
        occurred_local_date,
        open_count,
        click_count,
        max(unsubscribe_flag) over customer_days as unsubscribe_flag,
        max(bounce_flag) over customer_days as bounce_flag,
        max(complaint_flag) over customer_days as complaint_flag,
        max(
            case when open_count > 0 then occurred_local_date end
        ) over customer_days as last_opened_date,
        lead(occurred_local_date) over (
            partition by customer_id
            order by occurred_local_date
        ) as next_email_date
    from email_days
    window customer_days as (
        partition by customer_id
        order by occurred_local_date
        rows between unbounded preceding and current row
    )

),

final as (

    select
        email_days_running.customer_id,
        email_days_running.occurred_local_date,
        cast(email_days_running.open_count as {{ dbt.type_int() }})
            as open_count,
        cast(email_days_running.click_count as {{ dbt.type_int() }})
            as click_count,
        email_days_running.unsubscribe_flag = 1 as has_unsubscribed,
        email_days_running.bounce_flag = 1 as has_bounced,
        email_days_running.complaint_flag = 1 as has_complained,
        email_days_running.last_opened_date,
        email_days_running.next_email_date,
        customers_recomputed.time_zone,
        customers_recomputed.email_events_fingerprint
    from email_days_running
    inner join customers_recomputed
        on email_days_running.customer_id = customers_recomputed.customer_id

)

select * from final
