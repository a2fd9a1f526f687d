{#-
    Every raw row has exactly one row in its base model, and the staging model
    holds exactly the base rows without a rejection reason: no row is lost or
    duplicated by a join between raw and staging. Raw rows are counted from the
    landing-zone files on disk; rows kept from files deleted since they were
    loaded (retained) count with them. Fails with each source whose counts
    differ (counts from audit.source_reconciliation, one row per source of
    macro staged_sources()).
-#}
with

source_reconciliation as (

    select
        source_table,
        raw_row_count,
        retained_row_count,
        base_row_count,
        clean_row_count,
        staged_row_count
    from {{ ref('source_reconciliation') }}

)

select * from source_reconciliation
where
    raw_row_count + retained_row_count != base_row_count
    or clean_row_count != staged_row_count
