{#-
    Seed exchange_rates: every range is non-empty (valid_to after valid_from), converts between two different
    currencies, and no two ranges of a currency pair overlap (an order would be converted twice). Gaps are
    allowed: an order dated in one is rejected as missing_exchange_rate. Fails with each offending row.
-#}
with

exchange_rates as (

    select
        from_currency_code,
        to_currency_code,
        valid_from,
        valid_to
    from {{ ref('exchange_rates') }}

),

rates_ordered as (

    select
        from_currency_code,
        to_currency_code,
        valid_from,
        valid_to,
        lead(valid_from) over (
            partition by from_currency_code, to_currency_code
            order by valid_from
        ) as next_valid_from
    from exchange_rates

),

final as (

    select
        from_currency_code,
        to_currency_code,
        valid_from,
        valid_to,
        case
            when valid_to <= valid_from then 'empty_range'
            when from_currency_code = to_currency_code then 'same_currency'
            when next_valid_from < valid_to then 'overlaps_next_range'
        end as failure_reason
    from rates_ordered

)

select * from final
where failure_reason is not null
