"""The orders-only scenario check accepts a correct warehouse and names what is wrong in a bad one."""

from __future__ import annotations

import duckdb
import pytest

from segments_tooling.scenario_checks import check_orders_only

GOOD_ROWS = [
    ("c1", "champions", "repeat_buyer", "unknown", "year_round", "price", "vip", "unknown",
     "unknown", "unknown", "unknown"),
    ("c2", "no_purchases", "prospect", "unknown", "no_purchases", "unknown", "no_purchases",
     "unknown", "unknown", "unknown", "unknown"),
]  # fmt: skip


def _warehouse(rows, present=("customers", "orders")) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema raw; create schema staging; create schema marts")
    con.execute("create table raw.landing_zone_status (table_name varchar, is_present boolean)")
    for name in ("customers", "orders", "events", "email_events"):
        con.execute("insert into raw.landing_zone_status values (?, ?)", [name, name in present])
    con.execute("create table staging.stg_crm__customers (customer_id varchar, is_erased boolean)")
    con.execute(
        "insert into staging.stg_crm__customers values ('c1', false), ('c2', false), ('c3', true)"
    )
    con.execute(
        "create table marts.customer_segments (customer_id varchar, rfm_segment varchar, "
        "purchase_segment varchar, usage_tier varchar, occasion_segment varchar, "
        "benefit_segment varchar, loyalty_tier varchar, aida_stage varchar, journey_stage varchar, "
        "engagement_level varchar, nps_category varchar)"
    )
    con.executemany("insert into marts.customer_segments values (?,?,?,?,?,?,?,?,?,?,?)", rows)
    return con


def test_correct_orders_only_warehouse_passes():
    assert check_orders_only(_warehouse(GOOD_ROWS)) == []


@pytest.mark.parametrize(
    ("rows", "present", "expected"),
    [
        (GOOD_ROWS, ("customers", "orders", "events"), "present sources"),
        (GOOD_ROWS[:1], ("customers", "orders"), "customer_segments has 1 rows for 2"),
        ([GOOD_ROWS[0][:3] + ("power",) + GOOD_ROWS[0][4:], GOOD_ROWS[1]], ("customers", "orders"),
         "usage_tier is ['power', 'unknown']"),
        ([GOOD_ROWS[1], ("c1",) + GOOD_ROWS[1][1:]], ("customers", "orders"),
         "rfm_segment has only ['no_purchases']"),
        ([GOOD_ROWS[0][:9] + (None,) + GOOD_ROWS[0][10:], GOOD_ROWS[1]], ("customers", "orders"),
         "engagement_level is null for 1 customers"),
    ],
)  # fmt: skip
def test_bad_orders_only_warehouse_is_reported(rows, present, expected):
    problems = check_orders_only(_warehouse(rows, present))
    assert any(expected in problem for problem in problems), problems
