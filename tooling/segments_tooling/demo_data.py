"""Deterministic demo data for the behavioral-segmentation warehouse, generated entirely in DuckDB SQL.

Usage::

    python -m segments_tooling.demo_data --customers 20000 --days 540 --seed 42 --out data/raw [--end-date 2026-06-30]

Writes ``OUT/<table>/part-0.parquet`` for the raw tables ``customers``, ``events``, ``orders``, ``order_lines``,
``products``, ``email_events`` and ``survey_responses`` plus ``OUT/ground_truth.csv`` / ``ground_truth.json`` (the
planted personas, see :mod:`segments_tooling.personas`; checked by :mod:`segments_tooling.verify`). Events are
split into one file per 100,000 customers (``part-0`` .. ``part-<k>``, persons ``pid % k``), each sorted by
received_at. Sizes: 20,000 customers x 540 days ~ 1.0M events (~6 s), 200,000 ~ 9.9M events (~35 s, 5.6 GB RAM).

Large sizes (more than 250,000 customers, or ``--chunk-customers K``) are generated in chunks: chunk c holds the
customers ``c*K <= pid < (c+1)*K`` and the anonymous visitors with the same offset, is run in a fresh DuckDB
connection and writes ``OUT/<table>/part-<c:05d>.parquet`` (events ``part-<c:05d>-<k>`` if a chunk has more than
100,000 customers; products once). Memory stays that of one chunk (K = 100,000: peak ~5 GB, ~17 s per chunk;
2,000,000 customers: 98M events in ~6 min); ``--memory-limit`` caps DuckDB's buffers further (e.g. 3GB: peak ~3 GB,
~10% slower; sorts spill to the temp directory, 2GB is too little).
Every draw and id is a function of the person id, so a person's rows do not depend on the chunking (a device
shared with customer pid - 1 also works across chunks), and one chunk covering everyone writes the same bytes as one
run. The personas and the "at least k" dirt floors (negative quantities, orphan lines, erased customers, bad
survey scores) are planted in the first chunk only; the rate-based dirt is per row, so the same in every chunk.

Randomness: every draw is ``hash(xor(hash(seed, entity_id), draw_no))`` (DuckDB's multi-argument ``hash`` combines
its arguments too weakly, the outer hash re-mixes them), so the output is a pure function of
(customers, days, seed, end date). Every COPY is ORDER BY a total order, so files are byte-for-byte reproducible.

Model (population): ``customers`` CRM customers plus as many anonymous-only visitors. Each person has 1-3 devices
(one ``anonymous_id`` each), a heavy-tailed (log-normal) number of sessions spread over an active life span, a home
time zone, a favourite hour and category. Sessions follow a funnel (page views > product views > add to cart >
checkout > order); customers sign up in one of their first sessions (events before carry ``user_id`` NULL) and sign
in on every new device. Orders placed before identification (and all orders of anonymous visitors) are guest
orders; every online order that reaches ``completed`` (also later refunded ones, not cancelled ones) emits an
``Order Completed`` event (properties order_id, revenue = total), with user_id NULL for guests. Some customers also
order in stores / on marketplaces (no events). Product list prices are in USD (the reporting currency); an order in
EUR or GBP is priced in its own currency, each line's unit price being the USD list price converted at the rate of
the order's month in the warehouse's seed ``seeds/mappings/exchange_rates.csv`` (rounded to cents), so the
warehouse converts it back to the list price within a cent (shipping fees and tax are per currency; product event
prices stay the USD list price, ``Order Completed`` revenue is the order total in its currency). ~80% of orders end
``completed``, ~10% cancelled, ~10% refunded, a few still pending at the snapshot. The snapshot is taken at the end of the
end date (UTC): nothing with ``received_at`` / ``updated_at`` / ``occurred_at`` after it is included, and every
session is placed so that its local date (home time zone) and its UTC date are both <= the end date.

Dirt (population only, never persona rows), rates are per row of the named table:
* events: ~1% duplicated message_id (half exact copies, half with a later received_at); ~0.2% malformed JSON
  properties (truncated, only events that have properties); ~0.2% client clock in the future (timestamp 1 h - 10
  days after received_at); ~2% late arrivals (received 1-5 days after timestamp, normal delay is 0.05-3 s);
  ~0.2% unknown event names (Wishlist Opened, Video Played, Newsletter Popup Closed, Store Locator Opened);
  ~0.05% with neither anonymous_id nor user_id; ~0.4% of customers share a device with another customer (one
  anonymous_id identified as two user_ids).
* customers: ~5% have 2-3 versions (latest updated_at wins; older versions differ in country / opt-in); ~0.5%
  erased (deleted_at set, at least 3); ~3% lower-case and ~1% blank country; ~5% NULL timezone.
* orders: 2-3 versions per order (pending -> completed/cancelled, -> refunded); ~3% guest orders (customer_id
  ``gst_...`` not in customers); ~0.05% orders with a negative line quantity (at least 2, negative subtotal/total).
* order_lines: ~0.1% orphans whose order_id has no order (at least 2).
* survey_responses: ~0.4% scores out of range (nps 11 / -1, csat 0 / 6; at least 2).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

import duckdb

from segments_tooling import personas as persona_mod

TABLES = (
    "customers",
    "events",
    "orders",
    "order_lines",
    "products",
    "email_events",
    "survey_responses",
)
DEFAULT_END_DATE = date(2026, 6, 30)
# customers per events file (one COPY sort each)
EVENTS_FILE_CUSTOMERS = 100_000
# above this many customers the persons are generated in chunks (see generate)
CHUNK_THRESHOLD = 250_000
DEFAULT_CHUNK_CUSTOMERS = 100_000

# The warehouse's exchange-rate seed: an order's local prices are its USD list prices converted at these rates.
EXCHANGE_RATES_SEED = (
    Path(__file__).resolve().parents[2] / "seeds" / "mappings" / "exchange_rates.csv"
)
# Orders are placed at most this many days before the end date (personas included).
MAX_ORDER_DAYS_AGO = 600

# (country, IANA time zone, weight per mille, order currency)
GEO = [
    ("US", "America/New_York", 140, "USD"),
    ("US", "America/Chicago", 80, "USD"),
    ("US", "America/Denver", 30, "USD"),
    ("US", "America/Los_Angeles", 100, "USD"),
    ("CA", "America/Toronto", 40, "USD"),
    ("GB", "Europe/London", 100, "GBP"),
    ("DE", "Europe/Berlin", 90, "EUR"),
    ("FR", "Europe/Paris", 60, "EUR"),
    ("ES", "Europe/Madrid", 30, "EUR"),
    ("NL", "Europe/Amsterdam", 30, "EUR"),
    ("SE", "Europe/Stockholm", 20, "EUR"),
    ("IT", "Europe/Rome", 30, "EUR"),
    ("AU", "Australia/Sydney", 50, "USD"),
    ("JP", "Asia/Tokyo", 50, "USD"),
    ("IN", "Asia/Kolkata", 60, "USD"),
    ("SG", "Asia/Singapore", 20, "USD"),
    ("BR", "America/Sao_Paulo", 40, "USD"),
    ("MX", "America/Mexico_City", 20, "USD"),
    ("ZA", "Africa/Johannesburg", 10, "USD"),
]
# local hour of day -> weight (sums to 100): daytime and evening heavy
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 9, 7, 4, 2]
# (category, base price, subcategories, item nouns)
CATEGORIES = [
    (
        "Apparel",
        45.0,
        ["Tops", "Bottoms", "Dresses", "Outerwear"],
        ["Tee", "Chinos", "Dress", "Jacket"],
    ),
    (
        "Footwear",
        85.0,
        ["Sneakers", "Boots", "Sandals", "Running"],
        ["Sneaker", "Boot", "Sandal", "Runner"],
    ),
    (
        "Accessories",
        35.0,
        ["Bags", "Hats", "Belts", "Jewelry"],
        ["Tote", "Cap", "Belt", "Necklace"],
    ),
    ("Home", 60.0, ["Kitchen", "Bedding", "Decor", "Bath"], ["Pan", "Duvet", "Vase", "Towel Set"]),
    (
        "Beauty",
        25.0,
        ["Skincare", "Makeup", "Fragrance", "Hair"],
        ["Serum", "Lipstick", "Eau de Parfum", "Shampoo"],
    ),
    (
        "Electronics",
        180.0,
        ["Audio", "Wearables", "Cameras", "Accessories"],
        ["Headphones", "Watch", "Camera", "Charger"],
    ),
    (
        "Sports",
        70.0,
        ["Fitness", "Outdoor", "Cycling", "Yoga"],
        ["Dumbbell", "Tent", "Helmet", "Yoga Mat"],
    ),
    (
        "Kids",
        30.0,
        ["Toys", "Clothing", "Books", "Baby"],
        ["Puzzle", "Onesie", "Picture Book", "Rattle"],
    ),
]
BRANDS = ["Northwind", "Acme", "Bluebird", "Cedar & Co", "Evergreen", "Fjord", "Helix", "Lumen", "Maple", "Nimbus",
          "Orbit", "Zephyr"]  # fmt: skip
ADJECTIVES = [
    "Classic",
    "Essential",
    "Premium",
    "Everyday",
    "Urban",
    "Vintage",
    "Eco",
    "Pro",
    "Lite",
    "Signature",
]
COUPONS = [
    ("WELCOME10", "0.10"),
    ("SPRING15", "0.15"),
    ("SUMMER20", "0.20"),
    ("VIP25", "0.25"),
    ("FREESHIP", "0.00"),
]
UTMS = [
    ("google", "cpc", "brand_search"),
    ("google", "cpc", "generic_search"),
    ("facebook", "paid_social", "summer_sale"),
    ("instagram", "social", "new_arrivals"),
    ("newsletter", "email", "weekly_digest"),
    ("partner_blog", "affiliate", "gift_guide"),
    ("bing", "cpc", "generic_search"),
    ("tiktok", "paid_social", "creator_collab"),
]
QUERIES = ["sneakers", "black dress", "running shoes", "headphones", "gift for dad", "yoga mat", "linen shirt",
           "kids toys", "face serum", "tote bag", "rain jacket", "smart watch", "duvet", "sale", "sandals", "tent"]  # fmt: skip
FEATURES = [
    "wishlist",
    "size_guide",
    "store_locator",
    "compare",
    "saved_searches",
    "order_tracking",
]
UNKNOWN_EVENTS = [
    "Wishlist Opened",
    "Video Played",
    "Newsletter Popup Closed",
    "Store Locator Opened",
]
FIRST_NAMES = ["alex", "sam", "maria", "li", "noah", "emma", "liam", "olivia", "yuki", "arjun", "sofia", "lucas",
               "mia", "ben", "chloe", "omar", "hana", "leo", "nina", "raj"]  # fmt: skip
LAST_NAMES = ["smith", "garcia", "muller", "tanaka", "patel", "brown", "rossi", "dubois", "silva", "kim", "jones",
              "novak", "lopez", "wong", "berg", "khan", "meyer", "ito", "walsh", "costa"]  # fmt: skip
DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "inbox.example"]
COMMENTS_GOOD = ["Great quality", "Fast delivery", "Love it", "Will buy again", "Excellent service"]
COMMENTS_MID = ["It was ok", "Shipping took a while", "Decent value", "Sizing runs small"]
COMMENTS_BAD = [
    "Item arrived damaged",
    "Too expensive",
    "Support never answered",
    "Refund took weeks",
]

SCHEMA = {
    "customers": [
        ("customer_id", "VARCHAR"),
        ("email", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("country", "VARCHAR"),
        ("timezone", "VARCHAR"),
        ("acquisition_channel", "VARCHAR"),
        ("marketing_opt_in", "BOOLEAN"),
        ("deleted_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"),
    ],
    "events": [
        ("message_id", "VARCHAR"),
        ("anonymous_id", "VARCHAR"),
        ("user_id", "VARCHAR"),
        ("event", "VARCHAR"),
        ("timestamp", "TIMESTAMP"),
        ("received_at", "TIMESTAMP"),
        ("channel", "VARCHAR"),
        ("device_type", "VARCHAR"),
        ("page_path", "VARCHAR"),
        ("utm_source", "VARCHAR"),
        ("utm_medium", "VARCHAR"),
        ("utm_campaign", "VARCHAR"),
        ("properties", "VARCHAR"),
    ],
    "orders": [
        ("order_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("status", "VARCHAR"),
        ("currency", "VARCHAR"),
        ("subtotal", "DECIMAL(18,2)"),
        ("discount_total", "DECIMAL(18,2)"),
        ("shipping_total", "DECIMAL(18,2)"),
        ("tax_total", "DECIMAL(18,2)"),
        ("total", "DECIMAL(18,2)"),
        ("coupon_code", "VARCHAR"),
        ("shipping_method", "VARCHAR"),
        ("sales_channel", "VARCHAR"),
        ("updated_at", "TIMESTAMP"),
    ],
    "order_lines": [
        ("order_id", "VARCHAR"),
        ("line_number", "INTEGER"),
        ("product_id", "VARCHAR"),
        ("quantity", "INTEGER"),
        ("unit_price", "DECIMAL(18,2)"),
        ("line_discount", "DECIMAL(18,2)"),
    ],
    "products": [
        ("product_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("category", "VARCHAR"),
        ("subcategory", "VARCHAR"),
        ("brand", "VARCHAR"),
        ("list_price", "DECIMAL(18,2)"),
    ],
    "email_events": [
        ("email_event_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("campaign_id", "VARCHAR"),
        ("event_type", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"),
    ],
    "survey_responses": [
        ("response_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("submitted_at", "TIMESTAMP"),
        ("survey_type", "VARCHAR"),
        ("score", "INTEGER"),
        ("primary_benefit", "VARCHAR"),
        ("comment", "VARCHAR"),
    ],
}

# sort keys of the output files (total orders; see _copy)
SORT_KEYS = {
    "customers": "customer_id, updated_at",
    "events": "received_at, eid, dup_no",
    "orders": "order_id, updated_at",
    "order_lines": "order_id, line_number",
    "products": "product_id",
    "email_events": "occurred_at, email_event_id",
    "survey_responses": "submitted_at, response_id",
}


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _weighted(draw: str, pairs: list[tuple[str, float]]) -> str:
    """CASE expression picking a SQL literal with the given weights from a uniform draw in [0, 1)."""
    total = sum(w for _, w in pairs)
    acc, parts = 0.0, []
    for value, w in pairs[:-1]:
        acc += w / total
        parts.append(f"WHEN {draw} < {acc:.6f} THEN {value}")
    return f"(CASE {' '.join(parts)} ELSE {pairs[-1][0]} END)"


def _values(rows: list[tuple], cols: str) -> str:
    body = ", ".join(
        "(" + ", ".join(_q(v) if isinstance(v, str) else repr(v) for v in r) + ")" for r in rows
    )
    return f"(VALUES {body}) t({cols})"


def exchange_rate_rows(first_day: date, last_day: date, currencies: set[str]) -> list[tuple]:
    """(currency, valid_from, valid_to, USD per unit) from the warehouse's exchange-rate seed for every currency
    but USD (USD: rate 1), after checking the seed covers every day from ``first_day`` to ``last_day``."""
    rows: list[tuple] = [("USD", "1900-01-01", "2200-01-01", "1")]
    with EXCHANGE_RATES_SEED.open(newline="") as handle:
        seed = [r for r in csv.DictReader(handle) if r["to_currency_code"] == "USD"]
    for currency in sorted(currencies - {"USD"}):
        ranges = sorted(
            (date.fromisoformat(r["valid_from"]), date.fromisoformat(r["valid_to"]), r["rate"])
            for r in seed
            if r["from_currency_code"] == currency
        )
        covered_to = first_day
        for valid_from, valid_to, _rate in ranges:
            if valid_from <= covered_to < valid_to:
                covered_to = valid_to
        if covered_to <= last_day:
            raise SystemExit(
                f"demo_data: {EXCHANGE_RATES_SEED} has no {currency} -> USD rate for {covered_to}; the data set "
                f"needs rates from {first_day} to {last_day}"
            )
        rows += [(currency, str(f), str(t), rate) for f, t, rate in ranges]
    return rows


def _statements(
    customers: int,
    days: int,
    seed: int,
    end_date: date,
    pid_range: tuple[int, int] | None = None,
    first: bool = True,
) -> list[tuple[str, str]]:
    """The SQL of one generation run: all persons, or (``pid_range`` = (lo, hi)) the customers ``lo <= pid < hi``
    plus the anonymous visitors ``N + lo <= pid < N + hi``. Only the ``first`` run plants the personas and the
    "at least k" dirt floors (the rate-based dirt is per row, so it does not depend on the split)."""
    N, W, S = customers, days, seed
    if pid_range is None:
        pid_source = f"range({2 * N}) t(i)"
    else:
        lo, hi = pid_range
        pid_source = f"(SELECT * FROM range({lo}, {hi}) UNION ALL SELECT * FROM range({N + lo}, {N + hi})) t(i)"
    p_where = "" if first else " WHERE FALSE"
    k2, k3 = (2, 3) if first else (0, 0)
    start = end_date - timedelta(days=W - 1)
    E = f"DATE '{end_date.isoformat()}'"
    START = f"DATE '{start.isoformat()}'"
    END_X = f"TIMESTAMP '{(end_date + timedelta(days=1)).isoformat()} 00:00:00'"  # exclusive snapshot bound

    geo_rows, lo = [], 0
    for i, (country, tz, w, cur) in enumerate(GEO):
        geo_rows.append((i, country, tz, cur, lo, lo + w))
        lo += w
    assert lo == 1000
    hour_rows, lo = [], 0
    for h, w in enumerate(HOUR_WEIGHTS):
        hour_rows.append((h, lo, lo + w))
        lo += w
    assert lo == 100
    cat_rows = [
        (i, c, base, "|".join(subs), "|".join(items))
        for i, (c, base, subs, items) in enumerate(CATEGORIES)
    ]
    p_tables = persona_mod.persona_tables(end_date)
    fx_rows = exchange_rate_rows(
        min(start, end_date - timedelta(days=MAX_ORDER_DAYS_AGO)),
        end_date,
        {g[3] for g in GEO},
    )

    s: list[tuple[str, str]] = []

    def add(name: str, sql: str) -> None:
        s.append((name, sql))

    add(
        "macros",
        f"""
        SET TimeZone = 'UTC';
        CREATE OR REPLACE TEMP MACRO hx(id, k) AS hash(xor(hash({S}::BIGINT, id), (k)::UBIGINT));
        CREATE OR REPLACE TEMP MACRO u(id, k) AS ((hx(id, k) >> 11)::DOUBLE / 9007199254740992.0);
        CREATE OR REPLACE TEMP MACRO ui(id, k, n) AS ((hx(id, k) % greatest((n), 1)::UBIGINT)::BIGINT);
        CREATE OR REPLACE TEMP MACRO zn(id, k) AS (sqrt(-2.0 * ln(((hx(id, k) >> 11)::DOUBLE + 0.5)
            / 9007199254740992.0)) * cos(2.0 * pi() * u(id, (k) + 7777)));
        -- version-4 style UUID text from two 64-bit draws (UHUGEINT -> UUID cast is much faster than printf)
        CREATE OR REPLACE TEMP MACRO uuid_of(id, k) AS
            ((((hx(id, k) & 18446744073709490175::UBIGINT) | 16384::UBIGINT)::UHUGEINT
              * 18446744073709551616::UHUGEINT
              + ((hx(id, (k) + 1) & 4611686018427387903::UBIGINT) | 9223372036854775808::UBIGINT)::UHUGEINT
             )::UUID::VARCHAR);
        CREATE OR REPLACE TEMP MACRO secs(x) AS to_seconds((x)::BIGINT);
        CREATE OR REPLACE TEMP MACRO pick(x, j, fav) AS
            (floor(pow(u((x) * 16 + (j), 501), 1.7) * 63)::BIGINT * 8
             + CASE WHEN u((x) * 16 + (j), 502) < 0.6 THEN (fav) ELSE ui((x) * 16 + (j), 503, 8) END);
        CREATE OR REPLACE TEMP MACRO qty(x, j) AS
            (1 + (u((x) * 16 + (j), 504) < 0.18)::INT + (u((x) * 16 + (j), 505) < 0.05)::INT);
        CREATE OR REPLACE TEMP MACRO ev_ts(utc_start, sid, slot) AS
            (utc_start + secs((slot) * 28 + ui((sid) * 32 + (slot), 302, 28))
             + to_milliseconds(ui((sid) * 32 + (slot), 306, 1000)));
        CREATE OR REPLACE TEMP MACRO local_to_utc(tz, ts) AS timezone('UTC', timezone(tz, ts));
        """,
    )
    add(
        "lookups",
        f"""
        CREATE TABLE geo AS SELECT * FROM {_values(geo_rows, "gi, country, tz, currency, lo, hi")};
        CREATE TABLE geo_bucket AS SELECT unnest(range(lo, hi)) AS b, gi, country, tz, currency FROM geo;
        CREATE TABLE hour_bucket AS SELECT unnest(range(lo, hi)) AS b, h AS hour
            FROM {_values(hour_rows, "h, lo, hi")};
        CREATE TABLE cats AS SELECT * FROM {_values(cat_rows, "ci, category, base, subs, items")};
        -- USD per unit of each order currency, per validity range (USD itself: 1)
        CREATE TABLE fx AS
        SELECT currency, valid_from::DATE AS valid_from, valid_to::DATE AS valid_to, rate::DECIMAL(18, 10) AS rate
        FROM {_values(fx_rows, "currency, valid_from, valid_to, rate")};
        -- UTC offset (seconds) of every (time zone, local date, local hour) that sessions can use
        CREATE TABLE tz_off AS
        SELECT tz, d::DATE AS local_date, h AS hour,
               date_diff('second', local_to_utc(tz, d + to_hours(h)), d + to_hours(h)) AS off_s
        FROM (SELECT DISTINCT tz FROM geo), range({START} - 2, {E} + 1, INTERVAL 1 DAY) r(d), range(24) hh(h);
        """,
    )
    add(
        "products",
        f"""
        CREATE TABLE products_t AS
        SELECT i AS pidx, 'prd_' || lpad((i + 1)::VARCHAR, 4, '0') AS product_id,
               {_list(BRANDS)}[1 + ui(i, 601, {len(BRANDS)})] || ' '
                 || {_list(ADJECTIVES)}[1 + ui(i, 603, {len(ADJECTIVES)})] || ' '
                 || string_split(c.items, '|')[1 + (i // 8) % 4] AS name,
               c.category, string_split(c.subs, '|')[1 + (i // 8) % 4] AS subcategory,
               {_list(BRANDS)}[1 + ui(i, 601, {len(BRANDS)})] AS brand,
               greatest(2.99, round(c.base * exp(0.6 * zn(i, 602))) - 0.01)::DECIMAL(18, 2) AS list_price
        FROM range(504) t(i) JOIN cats c ON c.ci = i % 8;
        CREATE TABLE persona_products AS
        SELECT category, pidx, product_id, list_price,
               row_number() OVER (PARTITION BY category ORDER BY list_price DESC, pidx) AS rank_desc,
               row_number() OVER (PARTITION BY category ORDER BY list_price, pidx) AS rank_asc,
               count(*) OVER (PARTITION BY category) AS n_cat
        FROM products_t;
        """,
    )
    add(
        "persons",
        f"""
        CREATE TABLE persons0 AS
        SELECT b.pid, b.is_customer, g.country, g.tz, g.currency,
               CASE WHEN b.is_customer THEN
                    CASE WHEN u(b.pid, 2) < 0.03 THEN 0
                         ELSE least(400, 1 + floor(exp(2.1 + 1.25 * zn(b.pid, 3))))::INT END
                    ELSE least(60, 1 + floor(exp(0.2 + 0.9 * zn(b.pid, 3))))::INT END AS n_sess,
               1 + (u(b.pid, 5) < 0.35)::INT + (u(b.pid, 6) < 0.12)::INT AS n_dev,
               b.is_customer AND u(b.pid, 7) < 0.35 AS pre_existing,
               hb.hour AS fav_hour, ui(b.pid, 12, 8) AS fav_cat,
               u(b.pid, 13) < 0.15 AS discount_lover, 0.5 + u(b.pid, 14) AS buy_aff,
               u(b.pid, 15) < 0.65 AS opt_in,
               b.is_customer AND b.pid > 0 AND u(b.pid, 17) < 0.004 AS shared_dev,
               'cus_' || lpad(b.pid::VARCHAR, 8, '0') AS cust_id
        FROM (SELECT i AS pid, i < {N} AS is_customer FROM {pid_source}) b
        JOIN geo_bucket g ON g.b = ui(b.pid, 1, 1000)
        JOIN hour_bucket hb ON hb.b = ui(b.pid, 11, 100);

        CREATE TABLE persons AS
        SELECT *,
               CASE WHEN pre_existing THEN 0
                    WHEN u(pid, 16) < 0.5 THEN 0 WHEN u(pid, 16) < 0.8 THEN 1 ELSE 2 END AS r_signup_raw,
               CASE WHEN is_customer AND (u(pid, 40) < 0.1 OR (n_sess = 0 AND u(pid, 41) < 0.8))
                    THEN 1 + floor(pow(u(pid, 42), 2) * 4)::INT ELSE 0 END AS n_off
        FROM (
            -- life span [start_off, end_off] in days since the window start; pre-existing customers started
            -- before the window, sessions/orders outside the window are dropped
            SELECT *, start_off + life - 1 AS end_off
            FROM (SELECT *, CASE WHEN pre_existing THEN -ui(pid, 8, 700) ELSE ui(pid, 8, {W}) END AS start_off,
                         60 + ui(pid, 10, 900) AS life
                  FROM persons0)
        );

        CREATE TABLE devices AS
        SELECT x.pid, x.d, x.dkey,
               uuid_of(x.dkey, 103) AS anonymous_id,
               CASE WHEN u(x.dkey, 101) < 0.45 THEN 'desktop' WHEN u(x.dkey, 101) < 0.93 THEN 'mobile'
                    ELSE 'tablet' END AS device_type,
               CASE WHEN u(x.dkey, 101) < 0.45 THEN 'web'
                    WHEN u(x.dkey, 101) < 0.93 THEN
                        CASE WHEN u(x.dkey, 102) < 0.4 THEN 'web' WHEN u(x.dkey, 102) < 0.7 THEN 'ios' ELSE 'android' END
                    ELSE CASE WHEN u(x.dkey, 102) < 0.6 THEN 'web' ELSE 'ios' END END AS channel
        FROM (
            SELECT pid, d, (CASE WHEN d = 0 AND shared_dev THEN pid - 1 ELSE pid END) * 4 + d AS dkey
            FROM (SELECT pid, shared_dev, unnest(range(n_dev)) AS d FROM persons)
        ) x;
        """,
    )
    add(
        "sessions",
        f"""
        CREATE TABLE s0 AS
        SELECT p.pid, p.k, p.pid * 1024 + p.k AS sid, p.is_customer, p.pre_existing, p.tz, p.fav_cat,
               p.buy_aff, p.cust_id, p.currency, p.country, p.discount_lover,
               p.r_signup_raw, ({START} + p.day_off::INT) AS local_date,
               CASE WHEN u(p.pid * 1024 + p.k, 202) < 0.5
                    THEN (p.fav_hour + ui(p.pid * 1024 + p.k, 203, 3) + 23) % 24 ELSE hb.hour END AS hour,
               ui(p.pid * 1024 + p.k, 205, 2700) AS sec,
               CASE WHEN p.n_dev = 1 OR u(p.pid * 1024 + p.k, 206) < 0.55 THEN 0
                    ELSE 1 + ui(p.pid * 1024 + p.k, 207, p.n_dev - 1) END AS d
        FROM (
            SELECT *, CASE WHEN k = 0 AND NOT pre_existing THEN start_off
                           ELSE start_off + ui(pid * 1024 + k, 201, life) END AS day_off
            FROM (SELECT *, unnest(range(n_sess)) AS k FROM persons)
        ) p
        JOIN hour_bucket hb ON hb.b = ui(p.pid * 1024 + p.k, 204, 100)
        WHERE p.day_off BETWEEN 0 AND {W - 1};

        CREATE TABLE s1 AS
        SELECT s.*, dv.anonymous_id, dv.device_type, dv.channel,
               CASE WHEN x.utc0 > {END_X} - INTERVAL 700 SECOND THEN x.utc0 - INTERVAL 1 DAY ELSE x.utc0 END
                 AS utc_start
        FROM s0 s
        JOIN tz_off o ON o.tz = s.tz AND o.local_date = s.local_date AND o.hour = s.hour
        JOIN devices dv ON dv.pid = s.pid AND dv.d = s.d,
        LATERAL (SELECT s.local_date + to_hours(s.hour) + secs(s.sec) - secs(o.off_s) AS utc0) x;

        CREATE TABLE sessions AS
        WITH a AS (
            SELECT *, row_number() OVER (PARTITION BY pid ORDER BY utc_start, k) - 1 AS rnk,
                   count(*) OVER (PARTITION BY pid) AS n_ret
            FROM s1
        ), b AS (
            SELECT * EXCLUDE (r_signup_raw, n_ret), least(r_signup_raw, n_ret - 1) AS r_signup,
                   is_customer AND rnk >= least(r_signup_raw, n_ret - 1) AS identified
            FROM a
        ), c AS (
            SELECT b.*, fi.first_ident_rnk
            FROM b LEFT JOIN (SELECT pid, d, min(rnk) AS first_ident_rnk FROM b WHERE identified GROUP BY pid, d) fi
                 ON fi.pid = b.pid AND fi.d = b.d
        ), f AS (
            SELECT *,
                   CASE WHEN identified AND rnk = r_signup AND NOT pre_existing THEN 'Signed Up'
                        WHEN identified AND (rnk = first_ident_rnk OR u(sid, 208) < 0.08) THEN 'Signed In'
                   END AS login_event,
                   1 + ui(sid, 210, 3) AS n_pages,
                   u(sid, 211) < 0.3 AS searched,
                   CASE WHEN u(sid, 212) < 0.62 THEN 1 + floor(pow(u(sid, 213), 1.5) * 4)::INT ELSE 0 END AS n_views,
                   u(sid, 221) < 0.05 AS pricing,
                   u(sid, 222) < CASE WHEN channel IN ('ios', 'android') THEN 0.35 ELSE 0.06 END AS feature,
                   identified AND u(sid, 223) < 0.02 AS review,
                   u(sid, 224) < 0.015 AS shared_ev,
                   identified AND u(sid, 225) < 0.008 AS referral,
                   CASE WHEN u(sid, 226) < 0.35 THEN 1 + ui(sid, 227, {len(UTMS)}) END AS utm_i
            FROM c
        ), g AS (
            SELECT *,
                   CASE WHEN n_views > 0 AND u(sid, 214) < (CASE WHEN identified THEN 0.32 ELSE 0.2 END) * buy_aff
                        THEN 1 + floor(pow(u(sid, 215), 2) * 3)::INT ELSE 0 END AS n_added
            FROM f
        )
        SELECT *,
               n_added > 0 AND u(sid, 216) < 0.12 AS removed,
               n_added > 0 AND u(sid, 217) < 0.75 AS cart,
               n_added > 0 AND u(sid, 218) < 0.55 AS checkout,
               n_added > 0 AND u(sid, 218) < 0.55
                 AND u(sid, 219) < CASE WHEN identified THEN 0.8 ELSE 0.15 END AS ordered,
               CASE WHEN u(sid, 401) < 0.11 THEN 'cancelled' WHEN u(sid, 401) < 0.22 THEN 'refunded'
                    ELSE 'completed' END AS order_path
        FROM g;
        """,
    )
    coupon_case = (
        "CASE ui(h.oid, 412, 5) "
        + " ".join(f"WHEN {i} THEN {_q(c)}" for i, (c, _) in enumerate(COUPONS[:-1]))
        + f" ELSE {_q(COUPONS[-1][0])} END"
    )
    coupon_pct_case = (
        "CASE ui(oid, 412, 5) "
        + " ".join(f"WHEN {i} THEN {p}" for i, (_, p) in enumerate(COUPONS[:-1]))
        + f" ELSE {COUPONS[-1][1]} END"
    )
    add(
        "orders",
        f"""
        CREATE TABLE ord_h0 AS
        SELECT sid AS oid, pid, CASE WHEN identified THEN cust_id ELSE 'gst_' || lpad(pid::VARCHAR, 8, '0') END
                 AS customer_id,
               NOT identified AS is_guest, ev_ts(utc_start, sid, 15) AS created_at, currency,
               CASE WHEN channel = 'web' THEN 'web' ELSE 'app' END AS sales_channel,
               u(sid, 402) < 0.15 AS express, order_path AS path, TRUE AS pending_first, n_added AS n_lines, fav_cat,
               TRUE AS online, discount_lover
        FROM sessions WHERE ordered
        UNION ALL
        SELECT oid, pid, cust_id, FALSE, created_at, currency, sales_channel, NOT is_store AND u(oid, 402) < 0.2,
               CASE WHEN is_store THEN (CASE WHEN u(oid, 401) < 0.06 THEN 'refunded' ELSE 'completed' END)
                    ELSE (CASE WHEN u(oid, 401) < 0.08 THEN 'cancelled' WHEN u(oid, 401) < 0.16 THEN 'refunded'
                               ELSE 'completed' END) END,
               NOT is_store, 1 + ui(oid, 430, 3), fav_cat, FALSE, discount_lover
        FROM (
            SELECT x.*, CASE WHEN x.utc0 > {END_X} - INTERVAL 1 HOUR THEN x.utc0 - INTERVAL 1 DAY ELSE x.utc0 END
                     AS created_at,
                   x.sales_channel = 'store' AS is_store
            FROM (
                SELECT q.*, q.local_date + to_hours(q.hour) + secs(ui(q.oid, 443, 3600)) - secs(o.off_s) AS utc0,
                       CASE WHEN u(q.oid, 440) < 0.6 THEN 'store' ELSE 'marketplace' END AS sales_channel
                FROM (
                    SELECT p.*, 10000000000 + p.pid * 8 + p.j AS oid,
                           ({START} + (p.start_off + ui(10000000000 + p.pid * 8 + p.j, 441, p.life))::INT)
                             AS local_date,
                           10 + ui(10000000000 + p.pid * 8 + p.j, 442, 10) AS hour
                    FROM (SELECT *, unnest(range(n_off)) AS j FROM persons WHERE n_off > 0) p
                ) q
                JOIN tz_off o ON o.tz = q.tz AND o.local_date = q.local_date AND o.hour = q.hour
                WHERE q.local_date BETWEEN {START} AND {E}
            ) x
        );

        CREATE TABLE ord_h AS
        SELECT *, 'ord_' || lpad(oid::VARCHAR, 11, '0') AS order_id,
               u(oid, 410) < 0.16 + 0.45 * discount_lover::INT AS discounted,
               u(oid, 411) < 0.6 AS use_coupon
        FROM ord_h0;

        -- negative-quantity dirt: ~0.05% of orders, at least 2
        CREATE TABLE neg_orders AS
        SELECT oid FROM ord_h WHERE u(oid, 450) < 0.0005
        UNION
        SELECT oid FROM (SELECT oid FROM ord_h ORDER BY hx(oid, 451), oid LIMIT {k2});

        CREATE TABLE lines AS
        SELECT *, CASE WHEN pct > 0 THEN round(quantity * unit_price * pct, 2) ELSE 0 END::DECIMAL(18, 2)
                    AS line_discount
        FROM (
        SELECT l.oid, l.order_id, l.j + 1 AS line_number, p.product_id, l.quantity, l.pct,
               round(p.list_price / fx.rate, 2)::DECIMAL(18, 2) AS unit_price
        FROM (
            SELECT o.oid, o.order_id, o.j, o.currency, o.created_at, pick(o.oid, o.j, o.fav_cat) AS pidx,
                   (CASE WHEN o.j = 0 AND o.oid IN (SELECT oid FROM neg_orders) THEN -1 ELSE 1 END)
                     * qty(o.oid, o.j) AS quantity,
                   CASE WHEN NOT o.discounted THEN 0.00
                        WHEN o.use_coupon THEN {coupon_pct_case}
                        ELSE (0.10 + 0.05 * ui(o.oid, 413, 5))::DECIMAL(4, 2) END::DECIMAL(4, 2) AS pct
            FROM (SELECT *, unnest(range(n_lines)) AS j FROM ord_h) o
        ) l
        JOIN products_t p ON p.pidx = l.pidx
        JOIN fx ON fx.currency = l.currency AND l.created_at::DATE >= fx.valid_from
                   AND l.created_at::DATE < fx.valid_to
        );

        CREATE TABLE ord_t AS
        SELECT *, (subtotal - discount_total + shipping_total + tax_total)::DECIMAL(18, 2) AS total
        FROM (
            SELECT *,
                   CASE shipping_method WHEN 'express' THEN 14.99 WHEN 'standard' THEN 5.99 ELSE 0 END::DECIMAL(18, 2)
                     AS shipping_total,
                   round((subtotal - discount_total)
                         * CASE currency WHEN 'EUR' THEN 0.19 WHEN 'GBP' THEN 0.20 ELSE 0.0725 END::DECIMAL(6, 4), 2
                   )::DECIMAL(18, 2) AS tax_total
            FROM (
                SELECT h.*, l.subtotal, l.discount_total,
                       CASE WHEN h.discounted AND h.use_coupon THEN {coupon_case} END AS coupon_code,
                       CASE WHEN h.sales_channel = 'store' THEN 'free'
                            WHEN h.express THEN 'express'
                            WHEN (h.discounted AND h.use_coupon AND ui(h.oid, 412, 5) = 4) OR l.subtotal >= 75 THEN 'free'
                            ELSE 'standard' END AS shipping_method
                FROM ord_h h
                JOIN (SELECT oid, sum(quantity * unit_price)::DECIMAL(18, 2) AS subtotal,
                             sum(line_discount)::DECIMAL(18, 2) AS discount_total
                      FROM lines GROUP BY oid) l ON l.oid = h.oid
            )
        );
        """,
    )
    # ---------------------------------------------------------------- customers (population)
    first_case = f"{_list(FIRST_NAMES)}[1 + ui(c.pid, 70, {len(FIRST_NAMES)})]"
    last_case = f"{_list(LAST_NAMES)}[1 + ui(c.pid, 71, {len(LAST_NAMES)})]"
    acq = _weighted(
        "u(c.pid, 74)",
        [("'organic_search'", 28), ("'paid_search'", 18), ("'social'", 15), ("'email'", 8), ("'referral'", 10),
         ("'direct'", 16), ("'affiliate'", 5)],
    )  # fmt: skip
    add(
        "customers",
        f"""
        CREATE TABLE cust0 AS
        SELECT p.pid, p.cust_id, p.country, p.tz, p.opt_in, p.currency,
               least(
                   coalesce(su.signup_ts,
                            CASE WHEN p.pre_existing
                                 THEN ({START} - (30 + ui(p.pid, 72, 900))::INT) + secs(ui(p.pid, 73, 86400)) END,
                            {START} + greatest(p.start_off, 0)::INT + to_hours(9)),
                   coalesce(off.first_off - INTERVAL 10 MINUTE, su.signup_ts,
                            ({START} - (30 + ui(p.pid, 72, 900))::INT) + secs(ui(p.pid, 73, 86400)))
               ) AS created_at
        FROM persons p
        -- sign-up time = first identified event (the Signed Up event, or a parallel session on another device)
        LEFT JOIN (SELECT pid, min(ev_ts(utc_start, sid, CASE WHEN login_event IS NULL THEN 0 ELSE 1 END))
                            AS signup_ts
                   FROM sessions WHERE identified AND NOT pre_existing GROUP BY pid) su ON su.pid = p.pid
        LEFT JOIN (SELECT pid, min(created_at) AS first_off FROM ord_h WHERE NOT online GROUP BY pid) off
               ON off.pid = p.pid
        WHERE p.is_customer;

        CREATE TABLE erased AS
        SELECT pid FROM cust0 WHERE u(pid, 80) < 0.005
        UNION
        SELECT pid FROM (SELECT pid FROM cust0 WHERE created_at < {END_X} - INTERVAL 2 DAY
                         ORDER BY hx(pid, 81), pid LIMIT {k3});

        CREATE TABLE cust1 AS
        SELECT c.*, e.pid IS NOT NULL AS is_erased,
               CASE WHEN e.pid IS NOT NULL THEN
                   c.created_at + secs(0.5 * date_diff('second', c.created_at, {END_X}) * (1 + u(c.pid, 82)))
               END AS deleted_at,
               {first_case} || '.' || {last_case} || (c.pid % 1000)::VARCHAR || '_' || c.pid::VARCHAR || '@'
                 || {_list(DOMAINS)}[1 + ui(c.pid, 83, {len(DOMAINS)})] AS email,
               {acq} AS acquisition_channel,
               CASE WHEN u(c.pid, 84) < 0.03 THEN lower(c.country) WHEN u(c.pid, 84) < 0.04 THEN ''
                    ELSE c.country END AS country_raw,
               CASE WHEN u(c.pid, 85) < 0.05 THEN NULL ELSE c.tz END AS tz_raw,
               u(c.pid, 86) < 0.05 AS multi, 2 + (u(c.pid, 87) < 0.3)::INT AS n_versions
        FROM cust0 c LEFT JOIN erased e ON e.pid = c.pid;

        CREATE TABLE cust_latest AS
        SELECT *,
               CASE WHEN is_erased THEN deleted_at
                    ELSE created_at + secs(pow(u(pid, 88), 2) * date_diff('second', created_at, {END_X} - INTERVAL 1 SECOND))
               END AS updated_at
        FROM cust1;

        CREATE TABLE customers_out AS
        SELECT cust_id AS customer_id, email, created_at, country_raw AS country, tz_raw AS timezone,
               acquisition_channel, opt_in AS marketing_opt_in, deleted_at, updated_at
        FROM cust_latest
        UNION ALL
        SELECT cust_id, email, created_at,
               CASE WHEN u(pid * 4 + v, 90) < 0.6 THEN {_list([g[0] for g in GEO])}[1 + ui(pid * 4 + v, 91, {len(GEO)})]
                    ELSE lower(country) END,
               tz_raw, acquisition_channel,
               CASE WHEN u(pid * 4 + v, 92) < 0.5 THEN NOT opt_in ELSE opt_in END,
               NULL::TIMESTAMP,
               created_at + secs(date_diff('second', created_at, updated_at) * (n_versions - 1 - v) // (n_versions - 1))
        FROM (SELECT *, unnest(range(1, n_versions)) AS v FROM cust_latest
              WHERE multi AND updated_at > created_at + INTERVAL 1 HOUR);
        """,
    )
    # ---------------------------------------------------------------- personas
    add(
        "personas",
        f"""
        CREATE TABLE p_customers AS SELECT * FROM {p_tables["p_customers"]}{p_where};
        CREATE TABLE p_order_groups AS SELECT * FROM {p_tables["p_order_groups"]}{p_where};
        CREATE TABLE p_session_groups AS SELECT * FROM {p_tables["p_session_groups"]}{p_where};
        CREATE TABLE p_email_groups AS SELECT * FROM {p_tables["p_email_groups"]}{p_where};
        CREATE TABLE p_surveys AS SELECT * FROM {p_tables["p_surveys"]}{p_where};

        CREATE TABLE p_cust AS
        SELECT c.*, uuid_of(c.customer_id, 800) AS anonymous_id,
               local_to_utc(c.tz, ({E} - c.created_days_ago::INT) + INTERVAL 12 HOUR) AS created_at,
               CASE WHEN c.country IN ('DE', 'FR', 'ES', 'NL', 'IT', 'SE') THEN 'EUR' WHEN c.country = 'GB' THEN 'GBP'
                    ELSE 'USD' END AS currency
        FROM p_customers c;

        -- quantities from USD list prices (min_subtotal is in USD), unit prices in the order currency
        CREATE TABLE p_orders AS
        SELECT x.*, pp.product_id, pp.list_price, round(pp.list_price / fx.rate, 2)::DECIMAL(18, 2) AS unit_price,
               greatest(1, ceil(x.min_subtotal / pp.list_price))::INT AS quantity,
               'ord_persona_' || substr(x.customer_id, 13) || '_' || x.grp || '_' || x.i AS order_id
        FROM (
            SELECT g.*, c.tz, c.currency, c.n AS cn, i, g.last_days_ago + i * g.step_days AS days_ago,
                   local_to_utc(c.tz, ({E} - (g.last_days_ago + i * g.step_days)::INT) + to_hours(g.hour)
                                       + to_minutes((c.n * 7 + i * 11) % 50 + 5)) AS created_at
            FROM (SELECT *, unnest(range(n)) AS i FROM p_order_groups) g
            JOIN p_cust c ON c.customer_id = g.customer_id
        ) x
        JOIN persona_products pp ON pp.category = x.category
             AND CASE x.tier WHEN 'top' THEN pp.rank_desc = 1 WHEN 'cheap' THEN pp.rank_asc = 1
                             ELSE pp.rank_asc = (pp.n_cat + 1) // 2 END
        JOIN fx ON fx.currency = x.currency AND x.created_at::DATE >= fx.valid_from
                   AND x.created_at::DATE < fx.valid_to;

        CREATE TABLE p_ord_t AS
        SELECT *, (subtotal - discount_total + shipping_total + tax_total)::DECIMAL(18, 2) AS total
        FROM (
            SELECT *,
                   round((subtotal - discount_total)
                         * CASE currency WHEN 'EUR' THEN 0.19 WHEN 'GBP' THEN 0.20 ELSE 0.0725 END::DECIMAL(6, 4), 2
                   )::DECIMAL(18, 2) AS tax_total
            FROM (
                SELECT *, (quantity * unit_price)::DECIMAL(18, 2) AS subtotal,
                       round(quantity * unit_price * discount_pct::DECIMAL(4, 2), 2)::DECIMAL(18, 2) AS discount_total,
                       CASE shipping_method WHEN 'express' THEN 14.99 WHEN 'standard' THEN 5.99 ELSE 0 END::DECIMAL(18, 2)
                         AS shipping_total
                FROM p_orders
            )
        );

        CREATE TABLE p_kinds AS SELECT * FROM (VALUES
            ('browse', 0, 'Page Viewed', NULL, 60), ('browse', 1, 'Page Viewed', NULL, 60),
            ('view', 0, 'Page Viewed', NULL, 60), ('view', 1, 'Product Viewed', 0, 60),
            ('view', 2, 'Product Viewed', 1, 60), ('view', 3, 'Product Viewed', 2, 60),
            ('cart', 0, 'Page Viewed', NULL, 60), ('cart', 1, 'Product Viewed', 0, 60),
            ('cart', 2, 'Product Added', 0, 60), ('cart', 3, 'Cart Viewed', NULL, 60),
            ('cart', 4, 'Checkout Started', NULL, 60),
            ('engaged', 0, 'Page Viewed', NULL, 120), ('engaged', 1, 'Products Searched', NULL, 120),
            ('engaged', 2, 'Product Viewed', 0, 120), ('engaged', 3, 'Product Viewed', 1, 120),
            ('engaged', 4, 'Page Viewed', NULL, 120), ('engaged', 5, 'Product Viewed', 2, 120),
            ('engaged', 6, 'Page Viewed', NULL, 120), ('engaged', 7, 'Product Viewed', 3, 120),
            ('review', 0, 'Page Viewed', NULL, 60), ('review', 1, 'Product Viewed', 0, 60),
            ('review', 2, 'Review Submitted', 0, 60)
        ) t(kind, pos, event, prod_j, spacing);

        CREATE TABLE p_events0 AS
        SELECT 'sess' AS src, s.customer_id, s.grp, s.i, k.pos, k.event, s.anonymous_id,
               s.start_ts + secs(k.pos * k.spacing) AS ts,
               pp.product_id, pp.category AS prod_category, pp.list_price AS price,
               CASE WHEN k.event = 'Product Added' THEN 1 END AS quantity, NULL AS order_id, NULL::DECIMAL(18, 2) AS revenue,
               CASE WHEN k.pos = 0 THEN s.campaign END AS campaign
        FROM (
            SELECT g.*, c.anonymous_id, c.n AS cn,
                   local_to_utc(c.tz, ({E} - (g.last_days_ago + i * g.step_days)::INT) + to_hours(g.hour)
                                       + to_minutes((c.n * 7 + i * 3) % 40)) AS start_ts
            FROM (SELECT *, unnest(range(n)) AS i FROM p_session_groups) g
            JOIN p_cust c ON c.customer_id = g.customer_id
        ) s
        JOIN p_kinds k ON k.kind = s.kind
        LEFT JOIN persona_products pp ON pp.category = s.category AND pp.rank_asc = 2 + 3 * k.prod_j + s.cn
        UNION ALL
        SELECT 'ord', o.customer_id, o.grp, o.i, k.pos, k.event, c.anonymous_id,
               o.created_at - secs((4 - k.pos) * 60),
               CASE WHEN k.event IN ('Product Viewed', 'Product Added') THEN o.product_id END,
               CASE WHEN k.event IN ('Product Viewed', 'Product Added') THEN o.category END,
               CASE WHEN k.event IN ('Product Viewed', 'Product Added') THEN o.list_price END,
               CASE WHEN k.event = 'Product Added' THEN o.quantity END,
               CASE WHEN k.event = 'Order Completed' THEN o.order_id END,
               CASE WHEN k.event = 'Order Completed' THEN o.total END,
               NULL AS campaign
        FROM p_ord_t o
        JOIN p_cust c ON c.customer_id = o.customer_id
        JOIN (VALUES (0, 'Page Viewed'), (1, 'Product Viewed'), (2, 'Product Added'), (3, 'Checkout Started'),
                     (4, 'Order Completed')) k(pos, event) ON TRUE
        WHERE o.sales_channel IN ('web', 'app');
        """,
    )
    # ---------------------------------------------------------------- events
    utm_src = _list([x[0] for x in UTMS])
    utm_med = _list([x[1] for x in UTMS])
    utm_cmp = _list([x[2] for x in UTMS])
    landing = _list(
        [
            "/",
            "/",
            "/",
            "/sale",
            "/new-arrivals",
            "/blog/style-guide",
            "/blog/gift-ideas",
            "/stores",
        ]
    )
    cat_slugs = _list([c[0].lower() for c in CATEGORIES])
    path_case = f"""CASE e.ev
                 WHEN 'Page Viewed' THEN CASE WHEN e.slot = 0 THEN {landing}[1 + ui(e.sid, 230, 8)]
                                              ELSE '/collections/' || {cat_slugs}[1 + ui(e.eid, 321, 8)] END
                 WHEN 'Products Searched' THEN '/search'
                 WHEN 'Cart Viewed' THEN '/cart' WHEN 'Checkout Started' THEN '/checkout'
                 WHEN 'Order Completed' THEN '/checkout/thank-you'
                 WHEN 'Signed Up' THEN '/signup' WHEN 'Signed In' THEN '/login'
                 WHEN 'Feature Used' THEN '/account' WHEN 'Pricing Viewed' THEN '/membership'
                 WHEN 'Referral Sent' THEN '/account/referrals'
                 ELSE '/products/' || e.product_id END"""
    prod_json = """('{"product_id": "' || e.product_id || '", "category": "' || e.category || '", "price": '
                   || e.list_price::VARCHAR)"""
    props_case = f"""CASE e.ev
                 WHEN 'Product Viewed' THEN {prod_json} || '}}'
                 WHEN 'Product Shared' THEN {prod_json} || '}}'
                 WHEN 'Review Submitted' THEN {prod_json} || '}}'
                 WHEN 'Product Added' THEN {prod_json} || ', "quantity": ' || qty(e.sid, e.slot - 9) || '}}'
                 WHEN 'Product Removed' THEN {prod_json} || ', "quantity": 1}}'
                 WHEN 'Products Searched' THEN '{{"query": "' || {_list(QUERIES)}[1 + ui(e.eid, 320, {len(QUERIES)})] || '"}}'
                 WHEN 'Order Completed' THEN '{{"order_id": "' || e.order_id || '", "revenue": ' || e.total::VARCHAR || '}}'
                 WHEN 'Feature Used' THEN '{{"feature_name": "' || {_list(FEATURES)}[1 + ui(e.eid, 322, {len(FEATURES)})] || '"}}'
                 WHEN 'Pricing Viewed' THEN '{{"plan": "' || ['basic', 'plus', 'premium'][1 + ui(e.eid, 323, 3)] || '"}}'
                 WHEN 'Signed Up' THEN '{{"plan": "free"}}'
                 ELSE '{{}}' END"""
    # one UNION ALL branch per event slot of a session: (slot, event name, condition, product pick)
    pick0 = "pick(s.sid, 0, s.fav_cat)"
    slot_defs = [
        (0, "'Page Viewed'", "TRUE", None),
        (1, "s.login_event", "s.login_event IS NOT NULL", None),
        (2, "'Page Viewed'", "s.n_pages >= 2", None),
        (3, "'Products Searched'", "s.searched", None),
        *[
            (4 + j, "'Product Viewed'", f"s.n_views >= {j + 1}",
             f"pick(s.sid, CASE WHEN {j} < s.n_added THEN {j} ELSE {j + 10} END, s.fav_cat)")
            for j in range(4)
        ],
        (8, "'Pricing Viewed'", "s.pricing", None),
        *[(9 + j, "'Product Added'", f"s.n_added >= {j + 1}", f"pick(s.sid, {j}, s.fav_cat)") for j in range(3)],
        (12, "'Product Removed'", "s.removed", pick0),
        (13, "'Cart Viewed'", "s.cart", None),
        (14, "'Checkout Started'", "s.checkout", None),
        (15, "'Order Completed'", "s.ordered AND s.order_path <> 'cancelled'", None),
        (16, "'Feature Used'", "s.feature", None),
        (17, "'Review Submitted'", "s.review", pick0),
        (18, "'Product Shared'", "s.shared_ev", pick0),
        (19, "'Referral Sent'", "s.referral", None),
        (20, "'Page Viewed'", "s.n_pages >= 3", None),
    ]  # fmt: skip

    def event_rows(dup: bool) -> str:
        """All population events (dup=False) or the ~1% duplicated ones (dup=True), final columns + eid."""
        branches = []
        for slot, ev, cond, pidx in slot_defs:
            user = (
                "CASE WHEN s.identified AND s.login_event IS NULL THEN s.cust_id END"
                if slot == 0
                else "CASE WHEN s.identified THEN s.cust_id END"
            )
            utm = "s.utm_i" if slot == 0 else "NULL::BIGINT"
            prod = (
                "p.product_id, p.category, p.list_price"
                if pidx
                else "NULL, NULL, NULL::DECIMAL(18, 2)"
            )
            order = "o.order_id, o.total" if slot == 15 else "NULL, NULL::DECIMAL(18, 2)"
            joins = f" JOIN products_t p ON p.pidx = {pidx}" if pidx else ""
            joins += " JOIN ord_t o ON o.oid = s.sid" if slot == 15 else ""
            where = f"({cond}) AND s.pid % getvariable('n_chunks') = getvariable('chunk')"
            if dup:
                where += f" AND u(s.sid * 32 + {slot}, 315) < 0.01"
            branches.append(
                f"SELECT s.sid * 32 + {slot} AS eid, s.sid, {slot} AS slot, {ev} AS ev,"
                f" ev_ts(s.utc_start, s.sid, {slot}) AS ts, s.anonymous_id, s.channel, s.device_type,"
                f" {utm} AS utm_i, {user} AS user_id, {prod}, {order}"
                f" FROM sessions s{joins} WHERE {where}"
            )
        ev_union = "\n                UNION ALL ".join(branches)
        recv = (
            "CASE WHEN u(eid, 316) < 0.5 THEN received_at ELSE received_at + secs(1 + ui(eid, 318, 21600)) END"
            if dup
            else "received_at"
        )
        return f"""
        SELECT eid, {int(dup)} AS dup_no, message_id, anonymous_id, user_id, event, "timestamp",
               {recv} AS received_at, channel, device_type, page_path, utm_source, utm_medium, utm_campaign,
               properties
        FROM (
            SELECT eid, uuid_of(eid, 300) AS message_id,
                   CASE WHEN u(eid, 314) < 0.0005 THEN NULL ELSE anonymous_id END AS anonymous_id,
                   CASE WHEN u(eid, 314) < 0.0005 THEN NULL ELSE user_id END AS user_id,
                   event,
                   CASE WHEN u(eid, 313) < 0.002 THEN received_at + secs(3600 + ui(eid, 309, 860400)) ELSE ts END
                     AS "timestamp",
                   received_at, channel, device_type, page_path, utm_source, utm_medium, utm_campaign,
                   CASE WHEN props <> '{{}}' AND u(eid, 311) < 0.004
                        THEN left(props, 4 + ui(eid, 312, length(props) - 5)::INT) ELSE props END AS properties
            FROM (
                SELECT e.eid, e.sid, e.slot, e.ts, e.anonymous_id, e.user_id, e.channel, e.device_type,
                       CASE WHEN e.ev = 'Page Viewed' AND e.slot > 0 AND u(e.eid, 310) < 0.01
                            THEN {_list(UNKNOWN_EVENTS)}[1 + ui(e.eid, 317, {len(UNKNOWN_EVENTS)})] ELSE e.ev END
                         AS event,
                       {path_case} AS page_path,
                       CASE WHEN e.slot = 0 AND e.utm_i IS NOT NULL THEN {utm_src}[e.utm_i] END AS utm_source,
                       CASE WHEN e.slot = 0 AND e.utm_i IS NOT NULL THEN {utm_med}[e.utm_i] END AS utm_medium,
                       CASE WHEN e.slot = 0 AND e.utm_i IS NOT NULL THEN {utm_cmp}[e.utm_i] END AS utm_campaign,
                       {props_case} AS props,
                       e.ts + to_milliseconds(50 + ui(e.eid, 307, 2950))
                         + CASE WHEN u(e.eid, 303) < 0.02 THEN secs(86400 + ui(e.eid, 308, 345600))
                                ELSE INTERVAL 0 SECOND END AS received_at
                FROM (
                {ev_union}
                ) e(eid, sid, slot, ev, ts, anonymous_id, channel, device_type, utm_i, user_id, product_id, category,
                    list_price, order_id, total)
            )
        )
        WHERE {recv} < {END_X}"""

    add(
        "events",
        f"""
        CREATE TABLE p_events_out AS
        SELECT -row_number() OVER (ORDER BY ts, message_id) AS eid, 0 AS dup_no, message_id, anonymous_id,
               customer_id AS user_id, event, ts AS "timestamp", ts + INTERVAL 500 MILLISECOND AS received_at,
               'web' AS channel, 'desktop' AS device_type,
               CASE event WHEN 'Page Viewed' THEN '/' WHEN 'Products Searched' THEN '/search'
                          WHEN 'Cart Viewed' THEN '/cart' WHEN 'Checkout Started' THEN '/checkout'
                          WHEN 'Order Completed' THEN '/checkout/thank-you' ELSE '/products/' || product_id END
                 AS page_path,
               CASE WHEN campaign IS NOT NULL THEN 'launch_partner' END AS utm_source,
               CASE WHEN campaign IS NOT NULL THEN 'referral' END AS utm_medium, campaign AS utm_campaign,
               CASE WHEN event = 'Order Completed'
                        THEN '{{"order_id": "' || order_id || '", "revenue": ' || revenue::VARCHAR || '}}'
                    WHEN event = 'Products Searched' THEN '{{"query": "sneakers"}}'
                    WHEN product_id IS NOT NULL THEN '{{"product_id": "' || product_id || '", "category": "'
                        || prod_category || '", "price": ' || price::VARCHAR
                        || CASE WHEN quantity IS NOT NULL THEN ', "quantity": ' || quantity ELSE '' END || '}}'
                    ELSE '{{}}' END AS properties
        FROM (SELECT *, uuid_of(src || ':' || customer_id || ':' || grp || ':' || i || ':' || pos, 810)
                          AS message_id FROM p_events0);

        -- the (large) event table is never materialized: COPY streams this view through its ORDER BY, one
        -- chunk of persons (pid % n_chunks = chunk) per output file; persona events go to the first file
        CREATE VIEW events_all AS
        {event_rows(False)}
        UNION ALL
        {event_rows(True)}
        UNION ALL
        SELECT * FROM p_events_out WHERE getvariable('chunk') = 0;
        """,
    )
    add(
        "orders_out",
        f"""
        CREATE TABLE orders_all AS
        WITH o AS (
            SELECT order_id, customer_id, created_at, currency, subtotal, discount_total, shipping_total, tax_total,
                   total, coupon_code, shipping_method, sales_channel, path, pending_first,
                   created_at + secs(CASE WHEN path = 'cancelled' THEN 3600 + ui(oid, 460, 255600)
                                          ELSE 60 + ui(oid, 461, 7140) END) AS done_at,
                   oid
            FROM ord_t
        ), v AS (
            SELECT o.*, x.v FROM o, range(3) x(v)
        )
        SELECT order_id, customer_id, created_at,
               CASE WHEN v = 0 AND pending_first THEN 'pending'
                    WHEN v = 0 THEN 'completed'
                    WHEN v = 1 AND pending_first THEN CASE WHEN path = 'cancelled' THEN 'cancelled' ELSE 'completed' END
                    ELSE 'refunded' END AS status,
               currency, subtotal, discount_total, shipping_total, tax_total, total, coupon_code, shipping_method,
               sales_channel,
               CASE WHEN v = 0 THEN created_at
                    WHEN v = 1 AND pending_first THEN done_at
                    ELSE (CASE WHEN pending_first THEN done_at ELSE created_at END)
                         + secs(172800 + ui(oid, 462, 2419200)) END AS updated_at
        FROM v
        WHERE (v = 0)
           OR (v = 1 AND (pending_first OR path = 'refunded'))
           OR (v = 2 AND pending_first AND path = 'refunded');
        DELETE FROM orders_all WHERE updated_at >= {END_X};

        INSERT INTO orders_all
        SELECT order_id, customer_id, created_at, s.status, currency, subtotal, discount_total, shipping_total,
               tax_total, total, coupon_code, shipping_method, sales_channel,
               created_at + CASE WHEN s.status = 'pending' THEN INTERVAL 0 MINUTE ELSE INTERVAL 10 MINUTE END
        FROM p_ord_t, (VALUES ('pending'), ('completed')) s(status)
        WHERE s.status = 'completed' OR sales_channel <> 'store';

        CREATE TABLE lines_all AS
        SELECT order_id, line_number::INTEGER AS line_number, product_id, quantity::INTEGER AS quantity, unit_price,
               line_discount
        FROM lines
        UNION ALL
        -- orphans: ~0.1% of lines (at least 2) copied under an order_id that does not exist
        SELECT 'ord_9' || lpad(oid::VARCHAR, 11, '0'), line_number::INTEGER, product_id,
               quantity::INTEGER, unit_price, line_discount
        FROM (SELECT * FROM lines WHERE u(oid * 16 + line_number, 470) < 0.001
              UNION
              SELECT * FROM (SELECT * FROM lines ORDER BY hx(oid * 16 + line_number, 471), oid, line_number LIMIT {k2}))
        UNION ALL
        SELECT order_id, 1, product_id, quantity, unit_price, discount_total FROM p_ord_t;
        """,
    )
    # ---------------------------------------------------------------- e-mail
    add(
        "email",
        f"""
        CREATE TABLE campaigns AS
        SELECT c, 'cmp_' || strftime(d, '%Y%m%d') AS campaign_id, d + INTERVAL 9 HOUR AS camp_ts
        FROM (SELECT c, {START} + (2 + 7 * c)::INT AS d FROM range({(W - 3) // 7 + 1}) t(c)) WHERE d <= {E};

        CREATE TABLE sends AS
        WITH r AS (
            SELECT l.pid, l.cust_id, l.created_at,
                   CASE WHEN u(l.pid, 50) < 0.035 THEN 'unsubscribed' WHEN u(l.pid, 50) < 0.045 THEN 'bounced'
                        WHEN u(l.pid, 50) < 0.047 THEN 'complained' END AS stop_kind,
                   l.created_at + secs(u(l.pid, 51) * date_diff('second', l.created_at, {END_X})) AS stop_ts,
                   0.05 + 0.45 * u(l.pid, 52) AS open_rate
            FROM cust_latest l WHERE l.opt_in
        )
        , q AS (
            SELECT r.*, m.c, m.campaign_id, m.camp_ts + secs(ui(r.pid * 4096 + m.c, 702, 3600)) AS sent_at,
                   r.pid * 4096 + m.c AS key
            FROM r JOIN campaigns m ON m.camp_ts > r.created_at
            WHERE u(r.pid * 4096 + m.c, 701) < 0.22 AND (r.stop_kind IS NULL OR m.camp_ts <= r.stop_ts)
        )
        SELECT q.*, q.c = lc.last_c AS is_last
        FROM q JOIN (SELECT pid, max(c) AS last_c FROM q GROUP BY pid) lc ON lc.pid = q.pid;

        CREATE TABLE email_all AS
        WITH x AS (
            SELECT *, is_last AND stop_kind = 'bounced' AS bounced,
                   u(key, 703) < open_rate AND NOT (is_last AND stop_kind = 'bounced') AS opened,
                   sent_at + secs(1 + ui(key, 704, 30)) AS delivered_at,
                   sent_at + secs(60 + ui(key, 705, 172800)) AS opened_at
            FROM sends
        ), e AS (
            SELECT key, cust_id, campaign_id, 'sent' AS event_type, sent_at AS occurred_at FROM x
            UNION ALL SELECT key, cust_id, campaign_id, 'delivered', delivered_at FROM x WHERE NOT bounced
            UNION ALL SELECT key, cust_id, campaign_id, 'bounced', sent_at + secs(5 + ui(key, 706, 55)) FROM x WHERE bounced
            UNION ALL SELECT key, cust_id, campaign_id, 'opened', opened_at FROM x WHERE opened
            UNION ALL SELECT key, cust_id, campaign_id, 'clicked', opened_at + secs(5 + ui(key, 707, 300))
                      FROM x WHERE opened AND u(key, 708) < 0.25
            UNION ALL SELECT key, cust_id, campaign_id, 'unsubscribed', opened_at + secs(400) FROM x
                      WHERE is_last AND stop_kind = 'unsubscribed'
            UNION ALL SELECT key, cust_id, campaign_id, 'complained', delivered_at + INTERVAL 1 HOUR FROM x
                      WHERE is_last AND stop_kind = 'complained'
        )
        SELECT 'eev_' || printf('%016x', hx(key * 8 + CASE event_type WHEN 'sent' THEN 0 WHEN 'delivered' THEN 1
                   WHEN 'bounced' THEN 2 WHEN 'opened' THEN 3 WHEN 'clicked' THEN 4 WHEN 'unsubscribed' THEN 5
                   ELSE 6 END, 710)) AS email_event_id,
               cust_id AS customer_id, campaign_id, event_type, occurred_at
        FROM e WHERE occurred_at < {END_X};

        INSERT INTO email_all
        SELECT 'eev_' || printf('%016x', hx(customer_id || ':' || grp || ':' || i || ':' || event_type, 820)),
               customer_id, 'cmp_' || strftime(d, '%Y%m%d'), event_type, ts
        FROM (
            SELECT g.*, i, ({E} - (g.last_days_ago + i * g.step_days)::INT) AS d, s.event_type,
                   local_to_utc(c.tz, ({E} - (g.last_days_ago + i * g.step_days)::INT) + INTERVAL 9 HOUR)
                     + secs(s.off) AS ts
            FROM (SELECT *, unnest(range(n)) AS i FROM p_email_groups) g
            JOIN p_cust c ON c.customer_id = g.customer_id
            JOIN (VALUES ('sent', 0, 0), ('delivered', 20, 0), ('opened', 7200, 1), ('clicked', 7245, 2),
                         ('unsubscribed', 7320, 3)) s(event_type, off, lvl)
              ON s.lvl <= CASE g.depth WHEN 'delivered' THEN 0 WHEN 'opened' THEN 1 WHEN 'clicked' THEN 2 ELSE 3 END
             AND NOT (g.depth = 'unsubscribed' AND s.event_type = 'clicked')
        );
        """,
    )
    # ---------------------------------------------------------------- surveys
    nps_score = _weighted(
        "u(rkey, 641)",
        [("0", 2), ("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 6), ("6", 7), ("7", 12), ("8", 18), ("9", 22),
         ("10", 23)],
    )  # fmt: skip
    csat_score = _weighted("u(rkey, 641)", [("1", 5), ("2", 7), ("3", 15), ("4", 35), ("5", 38)])
    benefit = _weighted(
        "u(rkey, 642)",
        [("NULL", 55), ("'price'", 13), ("'quality'", 11), ("'convenience'", 11), ("'style'", 6),
         ("'sustainability'", 4)],
    )  # fmt: skip
    add(
        "surveys",
        f"""
        CREATE TABLE survey0 AS
        SELECT rkey, customer_id, submitted_at, survey_type, raw_score, {benefit} AS primary_benefit,
               CASE WHEN u(rkey, 643) < 0.6 THEN NULL
                    WHEN raw_score >= (CASE survey_type WHEN 'nps' THEN 9 ELSE 5 END)
                        THEN {_list(COMMENTS_GOOD)}[1 + ui(rkey, 644, {len(COMMENTS_GOOD)})]
                    WHEN raw_score >= (CASE survey_type WHEN 'nps' THEN 7 ELSE 4 END)
                        THEN {_list(COMMENTS_MID)}[1 + ui(rkey, 644, {len(COMMENTS_MID)})]
                    ELSE {_list(COMMENTS_BAD)}[1 + ui(rkey, 644, {len(COMMENTS_BAD)})] END AS comment
        FROM (
            SELECT rkey, customer_id, submitted_at, survey_type,
                   CASE survey_type WHEN 'nps' THEN {nps_score} ELSE {csat_score} END AS raw_score
            FROM (
                SELECT pid * 4 + j AS rkey, cust_id AS customer_id, 'nps' AS survey_type,
                       created_at + secs(u(pid * 4 + j, 645) * date_diff('second', created_at, {END_X})) AS submitted_at
                FROM (SELECT *, unnest(range(1 + (u(pid, 61) < 0.3)::INT)) AS j FROM cust_latest
                      WHERE u(pid, 60) < 0.12)
                UNION ALL
                SELECT 50000000000 + oid, customer_id, 'csat',
                       created_at + secs(86400 + ui(oid, 646, 259200))
                FROM ord_t WHERE NOT is_guest AND path = 'completed' AND u(oid, 620) < 0.06
            )
        )
        WHERE submitted_at < {END_X};

        CREATE TABLE bad_surveys AS
        SELECT rkey FROM survey0 WHERE u(rkey, 650) < 0.004
        UNION
        SELECT rkey FROM (SELECT rkey FROM survey0 ORDER BY hx(rkey, 651), rkey LIMIT {k2});

        CREATE TABLE surveys_all AS
        SELECT 'rsp_' || printf('%016x', hx(s.rkey, 630)) AS response_id, s.customer_id, s.submitted_at,
               s.survey_type,
               (CASE WHEN b.rkey IS NULL THEN s.raw_score
                     WHEN s.survey_type = 'nps' THEN (CASE WHEN u(s.rkey, 652) < 0.7 THEN 11 ELSE -1 END)
                     ELSE (CASE WHEN u(s.rkey, 652) < 0.7 THEN 0 ELSE 6 END) END)::INTEGER AS score,
               s.primary_benefit, s.comment
        FROM survey0 s LEFT JOIN bad_surveys b ON b.rkey = s.rkey
        UNION ALL
        SELECT 'rsp_' || printf('%016x', hx(v.customer_id || ':' || v.grp, 830)), v.customer_id,
               local_to_utc(c.tz, ({E} - v.days_ago::INT) + INTERVAL 18 HOUR), v.survey_type, v.score::INTEGER,
               v.benefit, v.comment
        FROM p_surveys v JOIN p_cust c ON c.customer_id = v.customer_id;
        """,
    )
    add(
        "finalize",
        """
        INSERT INTO customers_out
        SELECT customer_id, 'persona.' || replace(substr(customer_id, 13), '_', '.') || '@example.com', created_at,
               country, tz, acq, opt_in, NULL::TIMESTAMP, created_at
        FROM p_cust;
        CREATE TABLE products_out AS SELECT product_id, name, category, subcategory, brand, list_price FROM products_t;
        """,
    )
    return s


OUT_RELATIONS = {
    "customers": "customers_out",
    "events": "events_all",
    "orders": "orders_all",
    "order_lines": "lines_all",
    "products": "products_out",
    "email_events": "email_all",
    "survey_responses": "surveys_all",
}


def _copy(
    con: duckdb.DuckDBPyConnection,
    table: str,
    out: Path,
    n_chunks: int = 1,
    stem: str | None = None,
) -> int:
    """Write one table as ORDER BY-sorted Parquet; events as ``n_chunks`` files (one per person chunk).

    Files are ``part-<k>.parquet`` (k = 0 .. n_chunks - 1), or with a ``stem`` (chunked generation, e.g.
    ``part-00003``) ``<stem>.parquet`` for a single file and ``<stem>-<k>.parquet`` for several."""
    cols = ", ".join(f'"{c}"::{t} AS "{c}"' for c, t in SCHEMA[table])
    target = out / table
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    n_files = n_chunks if table == "events" else 1
    for chunk in range(n_files):
        con.execute(f"SET VARIABLE n_chunks = {n_chunks}")
        con.execute(f"SET VARIABLE chunk = {chunk}")
        if stem is None:
            name = f"part-{chunk}"
        else:
            name = stem if n_files == 1 else f"{stem}-{chunk}"
        path = target / f"{name}.parquet"
        row = con.execute(
            f"COPY (SELECT {cols} FROM {OUT_RELATIONS[table]} ORDER BY {SORT_KEYS[table]}) "
            f"TO '{path.as_posix()}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000)"
        ).fetchone()
        total += int(row[0])
    return total


def _write_ground_truth(out: Path, end_date: date, seed: int, customers: int, days: int) -> None:
    rows = persona_mod.ground_truth_rows(end_date)
    with open(out / "ground_truth.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["persona", "customer_id", "segment_family", "expected_label"])
        w.writerows(rows)
    doc = {
        "end_date": end_date.isoformat(),
        "seed": seed,
        "customers": customers,
        "days": days,
        "personas": [
            {
                **{k: v for k, v in asdict(p).items() if k != "notes"},
                "customer_ids": [persona_mod.customer_id(p, n) for n in range(1, p.count + 1)],
            }
            for p in persona_mod.personas(end_date)
        ],
    }
    (out / "ground_truth.json").write_text(
        json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _connect(tmp: Path, threads: int | None, memory_limit: str | None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET VARIABLE n_chunks = 1")
    con.execute("SET VARIABLE chunk = 0")
    con.execute(f"SET temp_directory = '{tmp.as_posix()}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    return con


def _run(
    con: duckdb.DuckDBPyConnection,
    statements: list[tuple[str, str]],
    end_date: date,
    verbose: bool,
    label: str = "",
) -> None:
    for name, sql in statements:
        t0 = time.perf_counter()
        con.execute(sql)
        if verbose:
            print(f"  {label}{name}: {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    _check_personas(con, end_date)


def _clear(out: Path) -> None:
    for table in TABLES:
        for old in (out / table).glob("*.parquet"):
            old.unlink()


def generate(
    customers: int,
    days: int,
    seed: int,
    out: str | os.PathLike,
    end_date: date = DEFAULT_END_DATE,
    threads: int | None = None,
    verbose: bool = False,
    chunk_customers: int | None = None,
    memory_limit: str | None = None,
) -> dict[str, int]:
    """Generate the raw tables into ``out``; returns {table: row count}.

    Up to ``CHUNK_THRESHOLD`` customers everything is one run (the files of earlier versions, byte for byte).
    Above it, or when ``chunk_customers`` is given, the persons are generated in chunks of ``chunk_customers``
    (default ``DEFAULT_CHUNK_CUSTOMERS``) customers plus as many anonymous visitors, each chunk in a fresh DuckDB
    connection writing its own files ``<table>/part-<chunk:05d>.parquet``: memory does not grow with the size.
    ``memory_limit`` (e.g. ``'6GB'``) caps DuckDB's buffer memory; sorts beyond it spill to the temp directory.
    """
    if customers < 1 or days < 28:
        raise ValueError("need customers >= 1 and days >= 28")
    if chunk_customers is not None and chunk_customers < 1:
        raise ValueError("need chunk_customers >= 1")
    if isinstance(end_date, str):
        end_date = date.fromisoformat(end_date)
    if chunk_customers is None and customers > CHUNK_THRESHOLD:
        chunk_customers = DEFAULT_CHUNK_CUSTOMERS
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tmp_env = os.environ.get("SEGMENTS_TEMP_DIRECTORY")
    tmp = Path(tmp_env) if tmp_env else Path(tempfile.mkdtemp(prefix="demo_data_"))
    tmp.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(TABLES, 0)
    _clear(out)
    try:
        if chunk_customers is None:
            # ~5M events per events file: bounds the memory of the sort behind each COPY
            n_chunks = max(1, -(-customers // EVENTS_FILE_CUSTOMERS))
            con = _connect(tmp, threads, memory_limit)
            try:
                _run(con, _statements(customers, days, seed, end_date), end_date, verbose)
                for table in TABLES:
                    t0 = time.perf_counter()
                    counts[table] = _copy(con, table, out, n_chunks)
                    if verbose:
                        print(f"  copy {table}: {time.perf_counter() - t0:.2f}s", file=sys.stderr)
            finally:
                con.close()
        else:
            starts = range(0, customers, chunk_customers)
            for c, lo in enumerate(starts):
                hi = min(lo + chunk_customers, customers)
                t_chunk = time.perf_counter()
                label = f"chunk {c + 1}/{len(starts)} "
                statements = _statements(customers, days, seed, end_date, (lo, hi), first=c == 0)
                con = _connect(tmp, threads, memory_limit)
                try:
                    _run(con, statements, end_date, verbose, label)
                    n_files = max(1, -(-(hi - lo) // EVENTS_FILE_CUSTOMERS))
                    for table in TABLES:
                        if table == "products" and c > 0:
                            continue  # the catalogue is the same in every chunk
                        t0 = time.perf_counter()
                        counts[table] += _copy(con, table, out, n_files, f"part-{c:05d}")
                        if verbose:
                            print(
                                f"  {label}copy {table}: {time.perf_counter() - t0:.2f}s",
                                file=sys.stderr,
                            )
                finally:
                    con.close()
                if verbose:
                    print(
                        f"  {label}customers {lo}..{hi - 1}: {time.perf_counter() - t_chunk:.1f}s",
                        file=sys.stderr,
                    )
    finally:
        if not tmp_env:
            shutil.rmtree(tmp, ignore_errors=True)
    _write_ground_truth(out, end_date, seed, customers, days)
    return counts


def _check_personas(con: duckdb.DuckDBPyConnection, end_date: date) -> None:
    """Persona rows must lie inside the snapshot, in UTC and in the persona's local time."""
    end_x = f"TIMESTAMP '{(end_date + timedelta(days=1)).isoformat()}'"
    bad = con.execute(
        f"""SELECT count(*) FROM p_events_out e JOIN p_cust c ON c.customer_id = e.user_id
            WHERE e.received_at >= {end_x} OR local_to_utc('UTC', e."timestamp") IS NULL
               OR timezone(c.tz, timezone('UTC', e."timestamp"))::DATE > DATE '{end_date.isoformat()}'"""
    ).fetchone()[0]
    bad += con.execute(
        f"SELECT count(*) FROM p_ord_t WHERE created_at + INTERVAL 10 MINUTE >= {end_x}"
    ).fetchone()[0]
    if bad:
        raise RuntimeError(f"{bad} persona rows fall after the end date; fix the persona recipes")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m segments_tooling.demo_data", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--customers", type=int, default=20000)
    ap.add_argument("--days", type=int, default=540)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--end-date", type=date.fromisoformat, default=DEFAULT_END_DATE)
    ap.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    ap.add_argument("--verbose", action="store_true", help="print per-step timings to stderr")
    ap.add_argument(
        "--chunk-customers",
        type=int,
        default=None,
        help=f"generate in chunks of this many customers, one file per table and chunk (default: "
        f"{DEFAULT_CHUNK_CUSTOMERS:,} above {CHUNK_THRESHOLD:,} customers, else one run)",
    )
    ap.add_argument(
        "--memory-limit", default=None, help="DuckDB memory_limit, e.g. 6GB (default: DuckDB's)"
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = generate(
        args.customers,
        args.days,
        args.seed,
        args.out,
        args.end_date,
        args.threads,
        args.verbose,
        args.chunk_customers,
        args.memory_limit,
    )
    secs = time.perf_counter() - t0
    summary = " ".join(f"{t}={n}" for t, n in counts.items())
    print(f"demo_data: {summary} seconds={secs:.1f} out={args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
