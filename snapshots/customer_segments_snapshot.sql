{#-
    The labels of customer_segments, versioned between production runs. check_cols are the registry's label
    and flag columns and its versioned metrics (macro segment_snapshot_columns). Not built on engines without
    snapshots (macro snapshots_enabled: Spark with plain Parquet).
-#}
{% snapshot customer_segments_snapshot %}
    {{
        config(
            enabled=snapshots_enabled(),
            schema='snapshots',
            unique_key='customer_id',
            strategy='check',
            check_cols=segment_snapshot_columns(),
            hard_deletes='invalidate',
            post_hook=[
                "delete from {{ this }} where customer_id in (select customer_id from"
                ~ " {{ ref('stg_crm__customers') }} where is_erased)",
            ],
        )
    }}
    select * from {{ ref('customer_segments') }}
{% endsnapshot %}
