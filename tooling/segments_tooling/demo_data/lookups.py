"""Lookup tables the stages join to (no raw table of their own).

``geo_bucket`` and ``hour_bucket`` turn a draw in [0, 1000) / [0, 100) into a weighted country + time zone / a
local hour; ``cats`` holds the product categories; ``fx`` the USD value of each order currency per validity
range, from the warehouse's exchange-rate seed; ``tz_off`` the UTC offset of every (time zone, local date, local
hour) a session can fall on, so local times convert to UTC with a join instead of per-row time-zone arithmetic.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta

from segments_tooling.demo_data.constants import (
    CATEGORIES,
    EXCHANGE_RATES_SEED,
    GEO,
    HOUR_WEIGHTS,
    MAX_ORDER_DAYS_AGO,
)
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement, values_table


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
        rows += [
            (currency, str(valid_from), str(valid_to), rate)
            for valid_from, valid_to, rate in ranges
        ]
    return rows


def _buckets(weights: list[int], total: int) -> list[tuple[int, int]]:
    """(first, stop) of each weight's range of buckets; the weights must sum to ``total``."""
    ranges, first = [], 0
    for weight in weights:
        ranges.append((first, first + weight))
        first += weight
    assert first == total
    return ranges


def _geo_rows() -> list[tuple]:
    buckets = _buckets([weight for _, _, weight, _ in GEO], 1000)
    return [
        (index, country, tz, currency, first, stop)
        for index, ((country, tz, _, currency), (first, stop)) in enumerate(zip(GEO, buckets))
    ]


def _hour_rows() -> list[tuple]:
    return [(hour, first, stop) for hour, (first, stop) in enumerate(_buckets(HOUR_WEIGHTS, 100))]


def _category_rows() -> list[tuple]:
    return [
        (index, category, base_price, "|".join(subcategories), "|".join(items))
        for index, (category, base_price, subcategories, items) in enumerate(CATEGORIES)
    ]


def lookup_tables(run: RunParams) -> list[Statement]:
    fx_rows = exchange_rate_rows(
        min(run.start_date, run.end_date - timedelta(days=MAX_ORDER_DAYS_AGO)),
        run.end_date,
        {currency for _, _, _, currency in GEO},
    )
    return [
        (
            "lookups",
            f"""
        CREATE TABLE geo AS SELECT * FROM {values_table(_geo_rows(), "gi, country, tz, currency, lo, hi")};
        CREATE TABLE geo_bucket AS SELECT unnest(range(lo, hi)) AS b, gi, country, tz, currency FROM geo;
        CREATE TABLE hour_bucket AS SELECT unnest(range(lo, hi)) AS b, h AS hour
            FROM {values_table(_hour_rows(), "h, lo, hi")};
        CREATE TABLE cats AS SELECT * FROM {values_table(_category_rows(), "ci, category, base, subs, items")};
        -- USD per unit of each order currency, per validity range (USD itself: 1)
        CREATE TABLE fx AS
        SELECT currency, valid_from::DATE AS valid_from, valid_to::DATE AS valid_to, rate::DECIMAL(18, 10) AS rate
        FROM {values_table(fx_rows, "currency, valid_from, valid_to, rate")};
        -- UTC offset (seconds) of every (time zone, local date, local hour) that sessions can use
        CREATE TABLE tz_off AS
        SELECT tz, d::DATE AS local_date, h AS hour,
               date_diff('second', local_to_utc(tz, d + to_hours(h)), d + to_hours(h)) AS off_s
        FROM (SELECT DISTINCT tz FROM geo), range({run.start_sql} - 2, {run.end_sql} + 1, INTERVAL 1 DAY) r(d),
             range(24) hh(h);
        """,
        )
    ]
