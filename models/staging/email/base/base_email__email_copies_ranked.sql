{#-
    base_email__email_copies_ranked: one row per copy of an email_event_id
    that landed more than once and passed every row check, ranked: the
    earliest occurred_at is copy 1 (ties: the earlier file, then the earlier
    row), every later one is a duplicate (base_email__email_events_checked).
    Rebuilt on every run from every parsed row, so dedupe stays exact across
    incremental runs. Only repeated ids are ranked (macro
    repeated_copies_ranked).
    Repeated ids are found by an integer hash of the id: on a rare hash
    collision a lone copy appears too, as copy 1, never a duplicate.
-#}
{{ config(materialized='table') }}

{{ repeated_copies_ranked(
    parsed=ref('base_email__email_events_parsed'),
    key='email_event_id',
    order_columns=['occurred_at', 'source_file_name'],
) }}
