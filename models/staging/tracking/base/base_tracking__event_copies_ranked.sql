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
    Only repeated message_ids are ranked, so the window sorts a few rows,
    not the whole event table. A table: every reader of the checked view
    joins it.
-#}
{{ config(materialized='table') }}

with

clean_copies as (

    select
        event_id,
        source_file_name,
        source_row_number,
        received_at,
        event_at
    from {{ ref('base_tracking__events_parsed') }}
    where row_rejection_reason is null

),

repeated_event_ids as (

    {#- read from the table, not the `clean_copies` CTE: a CTE read twice is
        materialized whole -#}
    select event_id
    from {{ ref('base_tracking__events_parsed') }}
    where row_rejection_reason is null
    group by event_id
    having count(*) > 1

),

final as (

    select
        clean_copies.event_id,
        clean_copies.source_file_name,
        clean_copies.source_row_number,
        row_number() over (
            partition by clean_copies.event_id
            order by
                clean_copies.received_at asc,
                clean_copies.source_file_name asc,
                clean_copies.event_at asc,
                clean_copies.source_row_number asc
        ) as copy_number
    from clean_copies
    inner join repeated_event_ids
        on clean_copies.event_id = repeated_event_ids.event_id

)

select * from final
