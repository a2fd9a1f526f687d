{{ config(severity='warn') }}
{#-
    Report (warning, not error): RFM score bins no customer falls in. Tie-safe quantiles leave a bin empty
    when a tie spans it (typically F=2..3 when most customers bought on one day only); the bins are kept
    and listed here, never merged. Returns one row per empty (dimension, score) of rfm_score_bins.
-#}
select
    rfm_dimension,
    rfm_scoring_method,
    score,
    customer_count
from {{ ref('rfm_score_bins') }}
where is_empty
