{#-
    int_fact_dates_fingerprinted: one row per fact source and local date, with the number of rows and a
    fingerprint (bit_xor of a hash of every column) of the facts the segment history reads for that date.
    int_history_restate_from compares them with the fingerprints of the last complete build: the earliest date
    whose fingerprint changed is the first as-of date the incremental history recomputes.
      - events, sessions, orders and order lines carry the customer's local date already;
      - email events and survey responses are in UTC, so they count one day early (a local date is at most
        one day before the UTC date), which can only restate more, never less;
      - a CRM customer counts on the earliest of their created date and their first email or survey date (the
        time zone, consent and creation date shape every row of theirs from then on);
      - the as-of date D counts on itself, so moving D restates from the earlier of the old and new D;
      - rule seeds read by the history models and the history grain have no date (fact_date null): a change
        restates everything.
-#}
with

current_as_of as (

    select as_of_date
    from {{ ref('int_as_of_date') }}

),

events as (

    select
        event_local_date as fact_date,
        {{ row_fingerprint(
            ref('int_events_stitched'), exclude=['received_at']
        ) }} as row_hash
    from {{ ref('int_events_stitched') }}

),

sessions as (

    select
        session_start_local_date as fact_date,
        {{ row_fingerprint(
            ref('int_sessions'), exclude=['last_received_at']
        ) }} as row_hash
    from {{ ref('int_sessions') }}

),

orders as (

    select
        ordered_local_date as fact_date,
        {{ row_fingerprint(ref('int_orders_completed')) }} as row_hash
    from {{ ref('int_orders_completed') }}

),

order_lines as (

    select
        ordered_local_date as fact_date,
        {{ row_fingerprint(ref('int_order_lines_completed')) }} as row_hash
    from {{ ref('int_order_lines_completed') }}

),

email_events as (

    select
        customer_id,
        cast(
            {{ dbt.dateadd('day', -1, 'cast(occurred_at as date)') }} as date
        ) as fact_date,
        {{ row_fingerprint(ref('stg_email__email_events')) }} as row_hash
    from {{ ref('stg_email__email_events') }}

),

survey_responses as (

    select
        customer_id,
        cast(
            {{ dbt.dateadd('day', -1, 'cast(submitted_at as date)') }} as date
        ) as fact_date,
        {{ row_fingerprint(ref('stg_survey__survey_responses')) }} as row_hash
    from {{ ref('stg_survey__survey_responses') }}

),

customers as (

    select
        customer_id,
        created_local_date,
        {{ row_fingerprint(ref('int_customers_resolved')) }} as row_hash
    from {{ ref('int_customers_resolved') }}

),

rfm_segment_grid as (

    select {{ row_fingerprint(ref('rfm_segment_grid')) }} as row_hash
    from {{ ref('rfm_segment_grid') }}

),

rfm_fixed_cut_points as (

    select {{ row_fingerprint(ref('rfm_fixed_cut_points')) }} as row_hash
    from {{ ref('rfm_fixed_cut_points') }}

),

seasons as (

    select {{ row_fingerprint(ref('seasons')) }} as row_hash
    from {{ ref('seasons') }}

),

customer_first_contacts as (

    select
        customer_id,
        min(fact_date) as first_contact_date
    from (
        select
            customer_id,
            fact_date
        from email_events
        union all
        select
            customer_id,
            fact_date
        from survey_responses
    ) as contacts
    group by customer_id

),

customers_dated as (

    select
        customers.row_hash,
        case
            when
                customer_first_contacts.first_contact_date
                < customers.created_local_date
                then customer_first_contacts.first_contact_date
            else customers.created_local_date
        end as fact_date
    from customers
    left join customer_first_contacts
        on customers.customer_id = customer_first_contacts.customer_id

),

facts as (

    select
        'events' as fact_source,
        fact_date,
        row_hash
    from events
    union all
    select
        'sessions' as fact_source,
        fact_date,
        row_hash
    from sessions
    union all
    select
        'orders' as fact_source,
        fact_date,
        row_hash
    from orders
    union all
    select
        'order_lines' as fact_source,
        fact_date,
        row_hash
    from order_lines
    union all
    select
        'email_events' as fact_source,
        fact_date,
        row_hash
    from email_events
    union all
    select
        'survey_responses' as fact_source,
        fact_date,
        row_hash
    from survey_responses
    union all
    select
        'customers' as fact_source,
        fact_date,
        row_hash
    from customers_dated
    union all
    select
        'seed_rfm_segment_grid' as fact_source,
        cast(null as date) as fact_date,
        row_hash
    from rfm_segment_grid
    union all
    select
        'seed_rfm_fixed_cut_points' as fact_source,
        cast(null as date) as fact_date,
        row_hash
    from rfm_fixed_cut_points
    union all
    select
        'seed_seasons' as fact_source,
        cast(null as date) as fact_date,
        row_hash
    from seasons

),

fingerprints as (

    select
        fact_source,
        fact_date,
        cast(count(*) as {{ dbt.type_bigint() }}) as row_count,
        cast(bit_xor(row_hash) as {{ dbt.type_string() }}) as fingerprint
    from facts
    group by fact_source, fact_date

),

final as (

    select
        fact_source,
        fact_date,
        row_count,
        fingerprint
    from fingerprints

    union all

    {#- A new as-of date D restates from the earlier of the old and new D #}
    select
        'as_of_date' as fact_source,
        as_of_date as fact_date,
        cast(1 as {{ dbt.type_bigint() }}) as row_count,
        cast(as_of_date as {{ dbt.type_string() }}) as fingerprint
    from current_as_of

    union all

    {#- The history grain shapes every period end: no date, restates all #}
    select
        'var_segments__history_grain' as fact_source,
        cast(null as date) as fact_date,
        cast(1 as {{ dbt.type_bigint() }}) as row_count,
        '{{ var("segments__history_grain") }}' as fingerprint

)

select * from final
