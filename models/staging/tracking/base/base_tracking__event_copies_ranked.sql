{#-
    base_tracking__event_copies_ranked: one row per copy of a message_id
    that landed more than once and passed every row check, ranked: the
    first received copy is copy 1 (ties: the earlier file, the earlier
    client clock, the earlier row), every later one is a duplicate
    (base_tracking__events_checked). A copy that failed a row check keeps
    that reason and is not ranked. Rebuilt on every run from every parsed
    row, so a copy landing in a later file re-ranks the copies loaded
    before it: dedupe stays exact across incremental runs, and a late copy
    received earlier takes the place of the one staged before.
    Only repeated message_ids are ranked (macro repeated_copies_ranked), so
    the window sorts a few rows, not the whole event table. A table: every
    reader of the checked view joins it.
    Repeated ids are found by an integer hash of the id: on a rare hash
    collision a lone copy appears too, as copy 1, never a duplicate.
-#}
{{ config(materialized='table') }}

{{ repeated_copies_ranked(
    parsed=ref('base_tracking__events_parsed'),
    key='event_id',
    order_columns=['received_at', 'source_file_name', 'event_at'],
) }}
