"""Bad-input corpus: a landing zone with one row per defect staging must handle, and the check that each defect
ended up in the right place with the right reason.

Usage:
    python -m segments_tooling.bad_input write --out DIR        corpus landing zone in DIR/raw
    python -m segments_tooling.bad_input check --db WAREHOUSE   after `dbt build` against DIR/raw
    python -m segments_tooling.bad_input write-unreadable --out DIR
        a landing zone holding a file that is not Parquet: `dbt build` must fail naming it
    python -m segments_tooling.bad_input check-unreadable --log FILE [--returncode N]
        the build log of that run names the unreadable file (and the build failed)

The corpus (all timestamps UTC unless the row says otherwise):
  - every rejection reason of every source (see EXPECTED_OUTCOMES);
  - duplicates, superseded CRM and order versions, guest orders, erased customers and their devices;
  - nulls in every nullable column of every source (rows `*_nulls`), which must stage;
  - a decimal with too many digits: too many decimals are rounded to cents (staged), too many integer digits
    do not fit decimal(18, 2) (unparseable_value);
  - timestamp text with an offset (converted to UTC);
  - Parquet files whose column types differ from the contract (every column as text);
  - empty Parquet files (zero rows) and a missing source folder (products).
EXPECTED_OUTCOMES lists, per raw table, the outcome of every raw row: `staged` or its rejection reason; the check
compares that multiset with the warehouse exactly, so a row lost, duplicated or misfiled fails it. VALUE_CHECKS
pin typed values and downstream effects (retroactive stitching, erasure, unknown event names).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import duckdb

# Contract types of the raw tables (models/staging/<system>/_<system>__sources.yml).
SCHEMAS: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "varchar",
        "email": "varchar",
        "created_at": "timestamp",
        "country": "varchar",
        "timezone": "varchar",
        "acquisition_channel": "varchar",
        "marketing_opt_in": "boolean",
        "deleted_at": "timestamp",
        "updated_at": "timestamp",
    },
    "events": {
        "message_id": "varchar",
        "anonymous_id": "varchar",
        "user_id": "varchar",
        "event": "varchar",
        "timestamp": "timestamp",
        "received_at": "timestamp",
        "channel": "varchar",
        "device_type": "varchar",
        "page_path": "varchar",
        "utm_source": "varchar",
        "utm_medium": "varchar",
        "utm_campaign": "varchar",
        "properties": "varchar",
    },
    "orders": {
        "order_id": "varchar",
        "customer_id": "varchar",
        "created_at": "timestamp",
        "status": "varchar",
        "currency": "varchar",
        "subtotal": "decimal(18,2)",
        "discount_total": "decimal(18,2)",
        "shipping_total": "decimal(18,2)",
        "tax_total": "decimal(18,2)",
        "total": "decimal(18,2)",
        "coupon_code": "varchar",
        "shipping_method": "varchar",
        "sales_channel": "varchar",
        "updated_at": "timestamp",
    },
    "order_lines": {
        "order_id": "varchar",
        "line_number": "integer",
        "product_id": "varchar",
        "quantity": "integer",
        "unit_price": "decimal(18,2)",
        "line_discount": "decimal(18,2)",
    },
    "email_events": {
        "email_event_id": "varchar",
        "customer_id": "varchar",
        "campaign_id": "varchar",
        "event_type": "varchar",
        "occurred_at": "timestamp",
    },
    "survey_responses": {
        "response_id": "varchar",
        "customer_id": "varchar",
        "submitted_at": "timestamp",
        "survey_type": "varchar",
        "score": "integer",
        "primary_benefit": "varchar",
        "comment": "varchar",
    },
}

# The source folder deliberately left out of the corpus.
MISSING_TABLE = "products"

T0 = "2026-03-01 12:00:00"


def _customer(customer_id, **overrides):
    row = {
        "customer_id": customer_id,
        "email": f"{customer_id}@example.com" if customer_id else None,
        "created_at": "2025-01-01 09:00:00",
        "country": "us",
        "timezone": "America/New_York",
        "acquisition_channel": "Organic",
        "marketing_opt_in": True,
        "deleted_at": None,
        "updated_at": "2025-01-01 09:00:00",
    }
    row.update(overrides)
    return row


def _event(message_id, **overrides):
    row = {
        "message_id": message_id,
        "anonymous_id": "dev_ok",
        "user_id": "cus_ok",
        "event": "Page Viewed",
        "timestamp": T0,
        "received_at": "2026-03-01 12:00:02",
        "channel": "web",
        "device_type": "desktop",
        "page_path": "/",
        "utm_source": "google",
        "utm_medium": "cpc",
        "utm_campaign": "spring",
        "properties": "{}",
    }
    row.update(overrides)
    return row


def _order(order_id, **overrides):
    row = {
        "order_id": order_id,
        "customer_id": "cus_ok",
        "created_at": "2026-02-01 10:00:00",
        "status": "completed",
        "currency": "usd",
        "subtotal": "100.00",
        "discount_total": "0.00",
        "shipping_total": "5.00",
        "tax_total": "8.00",
        "total": "113.00",
        "coupon_code": None,
        "shipping_method": "standard",
        "sales_channel": "web",
        "updated_at": "2026-02-01 10:00:00",
    }
    row.update(overrides)
    return row


def _line(order_id, line_number, **overrides):
    row = {
        "order_id": order_id,
        "line_number": line_number,
        "product_id": "prd_1",
        "quantity": 2,
        "unit_price": "50.00",
        "line_discount": "0.00",
    }
    row.update(overrides)
    return row


def _email(email_event_id, **overrides):
    row = {
        "email_event_id": email_event_id,
        "customer_id": "cus_ok",
        "campaign_id": "cmp_1",
        "event_type": "opened",
        "occurred_at": "2026-02-10 08:00:00",
    }
    row.update(overrides)
    return row


def _response(response_id, **overrides):
    row = {
        "response_id": response_id,
        "customer_id": "cus_ok",
        "submitted_at": "2026-02-15 08:00:00",
        "survey_type": "nps",
        "score": 9,
        "primary_benefit": "quality",
        "comment": "Great shoes, fast delivery",
    }
    row.update(overrides)
    return row


# File name -> rows. Files named `*typed*` use the contract types; `*text*` files store every column as text
# (a Parquet file whose column types differ from the contract); `*empty*` files have no rows.
FILES: dict[str, dict[str, list[dict]]] = {
    "customers": {
        "part-0-typed.parquet": [
            _customer("cus_ok", country=" de "),
            _customer(
                "cus_nulls",
                email=None,
                country=None,
                timezone=None,
                acquisition_channel=None,
                marketing_opt_in=None,
                deleted_at=None,
            ),
            _customer("cus_versions", country="fr", updated_at="2025-01-01 09:00:00"),
            _customer("cus_versions", country="it", updated_at="2025-06-01 09:00:00"),
            _customer(
                "cus_erased", deleted_at="2026-01-15 00:00:00", updated_at="2026-01-15 00:00:00"
            ),
            _customer("cus_bad_zone", timezone="Mars/Olympus_Mons"),
            # two differing versions tied on updated_at: the opted-out one wins, whatever the file order
            _customer("cus_tied", marketing_opt_in=True, updated_at="2025-06-01 09:00:00"),
            _customer("cus_tied", marketing_opt_in=False, updated_at="2025-06-01 09:00:00"),
            _customer(None),
            _customer("cus_no_updated_at", updated_at=None),
        ],
        "part-1-text.parquet": [
            _customer(
                "cus_offset",
                updated_at="2026-03-08T10:00:00+02:00",
                created_at="2025-01-01T00:30:00+01:00",
                marketing_opt_in="false",
            ),
            _customer("cus_bad_boolean", marketing_opt_in="maybe"),
            _customer("cus_bad_created_at", created_at="not a date"),
        ],
    },
    "events": {
        "part-0-typed.parquet": [
            _event("evt_ok"),
            _event("evt_dup", received_at="2026-03-01 12:00:05", page_path="/second-copy"),
            _event("evt_dup", received_at="2026-03-01 12:00:01", page_path="/first-copy"),
            _event("evt_no_identity", anonymous_id=None, user_id=None),
            _event("evt_malformed_json", properties='{"price": 1'),
            _event(
                "evt_future", timestamp="2026-03-01 14:00:03", received_at="2026-03-01 12:00:02"
            ),
            _event("evt_unknown_name", event="Hologram Beamed"),
            _event(
                "evt_ga4_name", event="view_item", properties='{"product_id": "prd_1", "price": 20}'
            ),
            _event("evt_negative_price", event="Product Viewed", properties='{"price": -5}'),
            _event(
                "evt_price_too_many_digits", event="Product Viewed", properties='{"price": 1e20}'
            ),
            _event(
                "evt_price_many_decimals", event="Product Viewed", properties='{"price": "12.345"}'
            ),
            _event("evt_text_quantity", event="Product Added", properties='{"quantity": "two"}'),
            _event(None),
            _event(
                "evt_nulls",
                user_id=None,
                anonymous_id="dev_nulls",
                channel=None,
                device_type=None,
                page_path=None,
                utm_source=None,
                utm_medium=None,
                utm_campaign=None,
                properties=None,
            ),
            # retroactive stitching: dev_retro browses anonymously, then signs in as cus_ok
            _event(
                "evt_retro_anonymous",
                anonymous_id="dev_retro",
                user_id=None,
                timestamp="2026-02-01 10:00:00",
                received_at="2026-02-01 10:00:01",
            ),
            _event(
                "evt_retro_sign_in",
                anonymous_id="dev_retro",
                user_id="cus_ok",
                event="Signed In",
                timestamp="2026-02-01 10:05:00",
                received_at="2026-02-01 10:05:01",
            ),
            # erasure: dev_erased belongs to erased cus_erased; both events must vanish past staging
            _event("evt_erased_anonymous", anonymous_id="dev_erased", user_id=None),
            _event(
                "evt_erased_identified",
                anonymous_id="dev_erased",
                user_id="cus_erased",
                event="Signed In",
            ),
            # a later copy of it: rejected as a duplicate, its raw record redacted in the audit
            _event(
                "evt_erased_identified",
                anonymous_id="dev_erased",
                user_id="cus_erased",
                event="Signed In",
                received_at="2026-03-01 12:00:09",
            ),
            # local time across the New York DST change (2026-03-08 07:00 UTC)
            _event("evt_dst", timestamp="2026-03-08 07:01:00", received_at="2026-03-08 07:01:01"),
        ],
        "part-1-text.parquet": [
            _event(
                "evt_offset_timestamp",
                timestamp="2026-03-08T10:00:00+02:00",
                received_at="2026-03-08 08:00:05",
            ),
            _event("evt_bad_timestamp", timestamp="yesterday"),
            _event("evt_epoch", timestamp="1970-01-01 00:00:00", received_at="1970-01-01 00:00:01"),
            _event("evt_text_columns", received_at="2026-03-01 12:00:03"),
        ],
        "part-2-empty.parquet": [],
    },
    "orders": {
        "part-0-typed.parquet": [
            _order("ord_ok"),
            _order("ord_versions", status="pending", updated_at="2026-02-01 10:00:00"),
            _order("ord_versions", status="completed", updated_at="2026-02-01 10:10:00"),
            _order("ord_negative", total="-5.00"),
            _order("ord_guest", customer_id="guest_42"),
            _order(None),
            # currency is not nullable: an order without one cannot be converted (ord_no_currency)
            _order(
                "ord_nulls",
                customer_id=None,
                status=None,
                subtotal=None,
                discount_total=None,
                shipping_total=None,
                tax_total=None,
                total=None,
                coupon_code=None,
                shipping_method=None,
                sales_channel=None,
            ),
            _order("ord_no_created_at", created_at=None),
            _order("ord_no_currency", currency=None),
        ],
        "part-1-text.parquet": [
            _order("ord_text_amounts", total="113.00", subtotal=" 100.00 "),
            _order("ord_bad_total", total="abc"),
            _order("ord_total_too_many_digits", total="123456789012345678901.00"),
            _order(
                "ord_offset",
                created_at="2026-02-01T12:00:00+02:00",
                updated_at="2026-02-01T12:00:00+02:00",
            ),
        ],
    },
    "order_lines": {
        "part-0-typed.parquet": [
            _line("ord_ok", 1),
            _line("ord_ok", 2, product_id=None, line_discount=None),
            _line("ord_ok", 3, quantity=-1),
            _line("ord_unknown", 1),
            _line("ord_negative", 1),
            _line("ord_ok", None),
        ],
        "part-1-text.parquet": [
            _line("ord_ok", 1),
            _line("ord_text_amounts", "1", quantity="3", unit_price="10.005"),
            _line("ord_text_amounts", "2", quantity="lots"),
        ],
    },
    "email_events": {
        "part-0-typed.parquet": [
            _email("eml_ok"),
            _email("eml_dup", occurred_at="2026-02-10 08:00:00"),
            _email("eml_dup", occurred_at="2026-02-10 08:00:00"),
            _email("eml_no_customer", customer_id=None),
            _email(None),
            _email("eml_nulls", campaign_id=None, event_type=None),
        ],
        "part-1-text.parquet": [
            _email("eml_bad_timestamp", occurred_at="31/02/2026"),
        ],
        "part-2-empty.parquet": [],
    },
    "survey_responses": {
        "part-0-typed.parquet": [
            _response("srv_ok"),
            _response("srv_nps_11", score=11),
            _response("srv_csat_0", survey_type="csat", score=0),
            _response("srv_csat_5", survey_type="CSAT", score=5),
            _response("srv_unknown_type", survey_type="ces", score=3),
            _response("srv_nulls", primary_benefit=None, comment=None),
            _response("srv_no_customer", customer_id=None),
            _response(None),
        ],
        "part-1-text.parquet": [
            _response("srv_text_score", score="ten"),
            _response("srv_text_ok", score=" 7 "),
            _response("srv_fractional_score", score="9.5"),
        ],
    },
}

# Per raw table, the outcome of every raw row: (record_key, "staged" or the rejection reason).
# Keys are as staged: order lines are "<order_id>-<line_number>"; blank keys are None.
EXPECTED_OUTCOMES: dict[str, list[tuple[str | None, str]]] = {
    "crm.customers": [
        ("cus_ok", "staged"),
        ("cus_nulls", "staged"),
        ("cus_versions", "superseded_version"),
        ("cus_versions", "staged"),
        ("cus_erased", "staged"),
        ("cus_bad_zone", "staged"),
        ("cus_tied", "conflicting_version"),
        ("cus_tied", "staged"),
        (None, "missing_key"),
        ("cus_no_updated_at", "unparseable_timestamp"),
        ("cus_offset", "staged"),
        ("cus_bad_boolean", "unparseable_value"),
        ("cus_bad_created_at", "unparseable_timestamp"),
    ],
    "tracking.events": [
        ("evt_ok", "staged"),
        ("evt_dup", "staged"),
        ("evt_dup", "duplicate"),
        ("evt_no_identity", "missing_identity"),
        ("evt_malformed_json", "malformed_json"),
        ("evt_future", "future_timestamp"),
        ("evt_unknown_name", "staged"),
        ("evt_ga4_name", "staged"),
        ("evt_negative_price", "negative_amount"),
        ("evt_price_too_many_digits", "unparseable_value"),
        ("evt_price_many_decimals", "staged"),
        ("evt_text_quantity", "unparseable_value"),
        (None, "missing_key"),
        ("evt_nulls", "staged"),
        ("evt_retro_anonymous", "staged"),
        ("evt_retro_sign_in", "staged"),
        ("evt_erased_anonymous", "staged"),
        ("evt_erased_identified", "staged"),
        ("evt_erased_identified", "duplicate"),
        ("evt_dst", "staged"),
        ("evt_offset_timestamp", "staged"),
        ("evt_bad_timestamp", "unparseable_timestamp"),
        ("evt_epoch", "implausible_timestamp"),
        ("evt_text_columns", "staged"),
    ],
    "commerce.orders": [
        ("ord_ok", "staged"),
        ("ord_versions", "superseded_version"),
        ("ord_versions", "staged"),
        ("ord_negative", "negative_amount"),
        ("ord_guest", "staged"),
        (None, "missing_key"),
        ("ord_nulls", "staged"),
        ("ord_no_created_at", "unparseable_timestamp"),
        ("ord_no_currency", "missing_exchange_rate"),
        ("ord_text_amounts", "staged"),
        ("ord_bad_total", "unparseable_value"),
        ("ord_total_too_many_digits", "unparseable_value"),
        ("ord_offset", "staged"),
    ],
    "commerce.order_lines": [
        ("ord_ok-1", "staged"),
        ("ord_ok-2", "staged"),
        ("ord_ok-3", "negative_amount"),
        ("ord_unknown-1", "orphan_order_line"),
        ("ord_negative-1", "orphan_order_line"),
        (None, "missing_key"),
        ("ord_ok-1", "duplicate"),
        ("ord_text_amounts-1", "staged"),
        ("ord_text_amounts-2", "unparseable_value"),
    ],
    "commerce.products": [],
    "email.email_events": [
        ("eml_ok", "staged"),
        ("eml_dup", "staged"),
        ("eml_dup", "duplicate"),
        ("eml_no_customer", "missing_identity"),
        (None, "missing_key"),
        ("eml_nulls", "staged"),
        ("eml_bad_timestamp", "unparseable_timestamp"),
    ],
    "survey.survey_responses": [
        ("srv_ok", "staged"),
        ("srv_nps_11", "invalid_score"),
        ("srv_csat_0", "invalid_score"),
        ("srv_csat_5", "staged"),
        ("srv_unknown_type", "unknown_value"),
        ("srv_nulls", "staged"),
        ("srv_no_customer", "missing_identity"),
        (None, "missing_key"),
        ("srv_text_score", "unparseable_value"),
        ("srv_text_ok", "staged"),
        ("srv_fractional_score", "invalid_value"),
    ],
}

# Staging model and key column per raw table.
STAGED_KEYS: dict[str, tuple[str, str]] = {
    "crm.customers": ("staging.stg_crm__customers", "customer_id"),
    "tracking.events": ("staging.stg_tracking__events", "event_id"),
    "commerce.orders": ("staging.stg_commerce__orders", "order_id"),
    "commerce.order_lines": ("staging.stg_commerce__order_lines", "order_line_id"),
    "commerce.products": ("staging.stg_commerce__products", "product_id"),
    "email.email_events": ("staging.stg_email__email_events", "email_event_id"),
    "survey.survey_responses": ("staging.stg_survey__survey_responses", "response_id"),
}

# (what it proves, SQL returning one value, expected value as text).
VALUE_CHECKS: list[tuple[str, str, str]] = [
    (
        "first received copy of a duplicate wins",
        "select page_path from staging.stg_tracking__events where event_id = 'evt_dup'",
        "/first-copy",
    ),
    (
        "timestamp text with an offset is converted to UTC",
        "select cast(event_at as varchar) from staging.stg_tracking__events where event_id = 'evt_offset_timestamp'",
        "2026-03-08 08:00:00",
    ),
    (
        "offset timestamps in a text-typed CRM file are converted to UTC",
        "select cast(updated_at as varchar) from staging.stg_crm__customers where customer_id = 'cus_offset'",
        "2026-03-08 08:00:00",
    ),
    (
        "a decimal with too many decimals is rounded to cents",
        (
            "select cast(product_price as varchar) from staging.stg_tracking__events "
            "where event_id = 'evt_price_many_decimals'"
        ),
        "12.35",
    ),
    (
        "text amounts in a Parquet file typed differently are parsed",
        (
            "select cast(order_total as varchar) || '/' || cast(subtotal_amount as varchar) "
            "from staging.stg_commerce__orders where order_id = 'ord_text_amounts'"
        ),
        "113.00/100.00",
    ),
    (
        "the latest order version wins",
        "select order_status from staging.stg_commerce__orders where order_id = 'ord_versions'",
        "completed",
    ),
    (
        "of two CRM versions tied on updated_at the opted-out one wins",
        (
            "select cast(is_marketing_opted_in as varchar) from staging.stg_crm__customers "
            "where customer_id = 'cus_tied'"
        ),
        "false",
    ),
    (
        "the latest CRM version wins",
        "select country_code from staging.stg_crm__customers where customer_id = 'cus_versions'",
        "IT",
    ),
    (
        "country codes are trimmed and upper-cased",
        "select country_code from staging.stg_crm__customers where customer_id = 'cus_ok'",
        "DE",
    ),
    (
        "GA4 names map to the canonical taxonomy",
        "select event_name from staging.stg_tracking__events where event_id = 'evt_ga4_name'",
        "product_viewed",
    ),
    (
        "unknown event names stay as unknown and are counted",
        (
            "select cast(event_count as varchar) from audit.unknown_event_names "
            "where tracker_event_name = 'Hologram Beamed'"
        ),
        "1",
    ),
    (
        "email is hashed, never in clear, in staging",
        (
            "select cast(count(*) as varchar) from staging.stg_crm__customers "
            "where email_hash like '%@%' or email_hash is null and customer_id = 'cus_ok'"
        ),
        "0",
    ),
    (
        "survey comments reduce to has_comment",
        (
            "select cast(has_comment as varchar) || '/' || cast("
            "(select has_comment from staging.stg_survey__survey_responses where response_id = 'srv_nulls') "
            "as varchar) from staging.stg_survey__survey_responses where response_id = 'srv_ok'"
        ),
        "true/false",
    ),
    (
        "anonymous events before sign-in get the customer retroactively",
        "select person_id from intermediate.int_events_stitched where event_id = 'evt_retro_anonymous'",
        "cus_ok",
    ),
    (
        "never-identified devices stay persons of their own",
        "select person_id from intermediate.int_events_stitched where event_id = 'evt_nulls'",
        "anon:dev_nulls",
    ),
    (
        "erased customers and their devices vanish past staging",
        (
            "select cast(count(*) as varchar) from intermediate.int_events_stitched "
            "where event_id in ('evt_erased_anonymous', 'evt_erased_identified')"
        ),
        "0",
    ),
    (
        "rejected rows of erased customers keep no raw record",
        (
            "select raw_record from audit.rejected_rows "
            "where source_table = 'tracking.events' and record_key = 'evt_erased_identified'"
        ),
        '{"redacted": "erased customer"}',
    ),
    (
        "erased customers are not resolved",
        "select cast(count(*) as varchar) from intermediate.int_customers_resolved where customer_id = 'cus_erased'",
        "0",
    ),
    (
        "missing and unknown time zones resolve to UTC",
        (
            "select string_agg(time_zone, ',' order by customer_id) from intermediate.int_customers_resolved "
            "where customer_id in ('cus_bad_zone', 'cus_nulls')"
        ),
        "UTC,UTC",
    ),
    (
        "missing consent means not opted in",
        (
            "select cast(is_marketing_opted_in as varchar) from intermediate.int_customers_resolved "
            "where customer_id = 'cus_nulls'"
        ),
        "false",
    ),
    (
        "local time follows the New York DST change",
        "select cast(event_local_at as varchar) from intermediate.int_events_stitched where event_id = 'evt_dst'",
        "2026-03-08 03:01:00",
    ),
    (
        "every source reconciles: raw = staged + rejected",
        "select cast(count(*) as varchar) from audit.source_reconciliation where not is_reconciled",
        "0",
    ),
    (
        "the missing source folder is reported absent",
        f"select cast(is_present as varchar) from raw.landing_zone_status where table_name = '{MISSING_TABLE}'",
        "false",
    ),
    (
        "line amounts are computed from parsed text",
        (
            "select cast(line_amount as varchar) from staging.stg_commerce__order_lines "
            "where order_line_id = 'ord_text_amounts-1'"
        ),
        "30.03",
    ),
]


def _sql_literal(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _write_parquet(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    schema: dict[str, str],
    rows: list[dict],
    as_text: bool,
) -> None:
    columns = list(schema)
    types = {column: ("varchar" if as_text else schema[column]) for column in columns}
    quoted = ", ".join(f'"{column}"' for column in columns)
    if rows:
        values = ",\n".join(
            "("
            + ", ".join(
                f"cast({_sql_literal(row[column])} as {types[column]})" for column in columns
            )
            + ")"
            for row in rows
        )
        relation = f"select * from (values {values}) as t({quoted})"
    else:
        relation = (
            "select "
            + ", ".join(f'cast(null as {types[c]}) as "{c}"' for c in columns)
            + " where 1 = 0"
        )
    con.execute(f"copy ({relation}) to '{path}' (format parquet)")


def write_corpus(out: Path) -> Path:
    """Write the corpus landing zone to out/raw (replacing it) and return that path."""
    raw = out / "raw"
    if raw.exists():
        for file in sorted(raw.rglob("*"), reverse=True):
            file.unlink() if file.is_file() else file.rmdir()
    raw.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        for table, files in FILES.items():
            folder = raw / table
            folder.mkdir(parents=True, exist_ok=True)
            for file_name, rows in files.items():
                _write_parquet(
                    con, folder / file_name, SCHEMAS[table], rows, as_text="text" in file_name
                )
    finally:
        con.close()
    assert not (raw / MISSING_TABLE).exists()
    (out / "expected_outcomes.json").write_text(
        json.dumps(
            {table: [list(item) for item in items] for table, items in EXPECTED_OUTCOMES.items()},
            indent=1,
        )
    )
    return raw


def write_unreadable(out: Path) -> Path:
    """A landing zone with one clean customer file and an events file that is not Parquet; returns the bad file."""
    raw = out / "raw"
    write_corpus(out)
    bad = raw / "events" / "part-9-not-parquet.parquet"
    bad.write_bytes(b"this is not a parquet file\n" * 8)
    return bad


def check(db_path: str) -> list[str]:
    """Compare the warehouse built from the corpus with the expectations; return the failures."""
    failures: list[str] = []
    con = duckdb.connect(db_path, read_only=True)
    try:
        for source_table, expected_items in EXPECTED_OUTCOMES.items():
            model, key = STAGED_KEYS[source_table]
            try:
                staged = con.execute(f"select {key} from {model}").fetchall()
            except duckdb.Error as error:
                failures.append(f"{source_table}: cannot read {model}: {error}")
                continue
            actual = Counter((row[0], "staged") for row in staged)
            actual.update(
                (row[0], row[1])
                for row in con.execute(
                    "select record_key, rejection_reason from audit.rejected_rows where source_table = ?",
                    [source_table],
                ).fetchall()
            )
            expected = Counter(tuple(item) for item in expected_items)
            for item in sorted(set(expected) | set(actual), key=str):
                if expected[item] != actual[item]:
                    failures.append(
                        f"{source_table}: key {item[0]!r} outcome {item[1]!r}: "
                        f"expected {expected[item]} row(s), found {actual[item]}"
                    )
        for label, sql, want in VALUE_CHECKS:
            try:
                row = con.execute(sql).fetchone()
            except duckdb.Error as error:
                failures.append(f"{label}: query failed: {error}")
                continue
            got = None if row is None or row[0] is None else str(row[0])
            if got != want:
                failures.append(f"{label}: expected {want!r}, got {got!r}")
    finally:
        con.close()
    return failures


def check_unreadable(
    log_text: str, returncode: int, bad_file_name: str = "part-9-not-parquet.parquet"
) -> list[str]:
    failures = []
    if returncode == 0:
        failures.append("the build succeeded although a landing-zone file is not Parquet")
    if bad_file_name not in log_text:
        failures.append(f"the build output does not name the unreadable file {bad_file_name}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("write", "write-unreadable"):
        sub = commands.add_parser(name)
        sub.add_argument("--out", required=True, type=Path)
    sub = commands.add_parser("check")
    sub.add_argument("--db", default=os.environ.get("SEGMENTS_DUCKDB_PATH"))
    sub = commands.add_parser("check-unreadable")
    sub.add_argument("--log", required=True, type=Path)
    sub.add_argument("--returncode", type=int, default=1)
    args = parser.parse_args(argv)

    if args.command == "write":
        print(f"bad_input: corpus landing zone written to {write_corpus(args.out)}")
        return 0
    if args.command == "write-unreadable":
        print(f"bad_input: unreadable file planted at {write_unreadable(args.out)}")
        return 0
    if args.command == "check":
        failures = check(args.db)
        label = "corpus"
    else:
        failures = check_unreadable(args.log.read_text(errors="replace"), args.returncode)
        label = "unreadable file"
    for failure in failures:
        print(f"bad_input FAIL: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"bad_input: {label} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
