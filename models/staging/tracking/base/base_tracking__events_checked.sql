{#-
    base_tracking__events_checked: one row per raw track call, typed, with the
    reason it cannot be used (null when it is clean): the first row check it
    fails (base_tracking__events_parsed), else `duplicate` when a clean copy
    of the same message_id was received before it
    (base_tracking__event_copies_ranked). A view: the parsed rows are stored
    once, and the ranking is small.
-#}
with

parsed_events as (

    select
        event_id,
        anonymous_id,
        customer_id,
        tracker_event_name,
        channel,
        device_type,
        page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        product_id,
        product_category,
        search_query,
        feature_name,
        order_id,
        plan_name,
        properties,
        source_file_name,
        source_row_number,
        product_price,
        product_quantity,
        order_revenue,
        event_at,
        received_at,
        row_rejection_reason,
        row_raw_record
    from {{ ref('base_tracking__events_parsed') }}

),

copies_ranked as (

    select
        source_file_name,
        source_row_number,
        copy_number
    from {{ ref('base_tracking__event_copies_ranked') }}

),

copies_judged as (

    {{ copies_judged('parsed_events', 'copies_ranked') }}

),

final as (

    select
        event_id,
        anonymous_id,
        customer_id,
        tracker_event_name,
        channel,
        device_type,
        page_path,
        utm_source,
        utm_medium,
        utm_campaign,
        product_id,
        product_category,
        search_query,
        feature_name,
        order_id,
        plan_name,
        source_file_name,
        product_price,
        product_quantity,
        order_revenue,
        event_at,
        received_at,
        {{ rejection_columns({
            'message_id': 'event_id',
            'anonymous_id': 'anonymous_id',
            'user_id': 'customer_id',
            'event': 'tracker_event_name',
            'timestamp': text_of('event_at'),
            'received_at': text_of('received_at'),
            'properties': 'properties',
        }) }}
    from copies_judged

)

select * from final
