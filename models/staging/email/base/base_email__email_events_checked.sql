{#-
    base_email__email_events_checked: one row per raw email event, typed, with
    the reason it is not staged (null when clean): the first row check it
    fails (base_email__email_events_parsed), else `duplicate` when a clean
    copy of the same email_event_id was kept instead
    (base_email__email_copies_ranked). A view: the parsed rows are stored
    once, and the ranking is small.
-#}
with

parsed_email_events as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        email_event_type,
        source_file_name,
        source_row_number,
        occurred_at,
        row_rejection_reason,
        row_raw_record
    from {{ ref('base_email__email_events_parsed') }}

),

copies_ranked as (

    select
        source_file_name,
        source_row_number,
        copy_number
    from {{ ref('base_email__email_copies_ranked') }}

),

copies_judged as (

    {{ copies_judged('parsed_email_events', 'copies_ranked') }}

),

final as (

    select
        email_event_id,
        customer_id,
        campaign_id,
        email_event_type,
        source_file_name,
        occurred_at,
        {{ rejection_columns({
            'email_event_id': 'email_event_id',
            'customer_id': 'customer_id',
            'campaign_id': 'campaign_id',
            'event_type': 'email_event_type',
            'occurred_at': text_of('occurred_at'),
        }) }}
    from copies_judged

)

select * from final
