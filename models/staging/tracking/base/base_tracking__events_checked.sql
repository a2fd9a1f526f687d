{#-
    base_tracking__events_checked: one row per raw track call, typed, with the
    reason it cannot be used (null when it is clean): the first row check it
    fails (base_tracking__events_parsed), else `duplicate` when a clean copy
    of the same message_id was received before it
    (base_tracking__event_copies_ranked). A view: the parsed rows are stored
    once, and the ranking is small. One branch per outcome (macro
    checked_rows), so a filter on rejection_reason reads only its own.
-#}
{%- set columns = [
    'event_id',
    'anonymous_id',
    'customer_id',
    'tracker_event_name',
    'channel',
    'device_type',
    'page_path',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'product_id',
    'product_category',
    'search_query',
    'feature_name',
    'order_id',
    'plan_name',
    'source_file_name',
    'product_price',
    'product_quantity',
    'order_revenue',
    'event_at',
    'received_at',
] %}
with

checked_events as (

    {{ checked_rows(
        parsed=ref('base_tracking__events_parsed'),
        ranked=ref('base_tracking__event_copies_ranked'),
        columns=columns,
        duplicate_record={
            'message_id': 'event_id',
            'anonymous_id': 'anonymous_id',
            'user_id': 'customer_id',
            'event': 'tracker_event_name',
            'timestamp': text_of('event_at'),
            'received_at': text_of('received_at'),
            'properties': 'properties',
        },
    ) }}

)

select * from checked_events
