{{ config(severity='warn') }}
{#-
    Report (warning, not error): raw values rejected as unknown_value, one row per source table, column and
    value of audit.unknown_values. The build stays green; the log names each value (macro log_unknown_values)
    so a new order status or email event type is seen the day it arrives.
-#}
{{ log_unknown_values(ref('unknown_values')) }}
select
    source_table,
    column_name,
    unknown_value,
    row_count
from {{ ref('unknown_values') }}
