{#-
    base_email__email_events_checked: one row per raw email event, typed, with
    the reason it is not staged (null when clean): the first row check it
    fails (base_email__email_events_parsed), else `duplicate` when a clean
    copy of the same email_event_id was kept instead
    (base_email__email_copies_ranked). A view: the parsed rows are stored
    once, and the ranking is small. One branch per outcome (macro
    checked_rows), so a filter on rejection_reason reads only its own.
-#}
with

checked_email_events as (

    {{ checked_rows(
        parsed=ref('base_email__email_events_parsed'),
        ranked=ref('base_email__email_copies_ranked'),
        columns=[
            'email_event_id',
            'customer_id',
            'campaign_id',
            'email_event_type',
            'source_file_name',
            'occurred_at',
        ],
        duplicate_record={
            'email_event_id': 'email_event_id',
            'customer_id': 'customer_id',
            'campaign_id': 'campaign_id',
            'event_type': 'email_event_type',
            'occurred_at': text_of('occurred_at'),
        },
    ) }}

)

select * from checked_email_events
