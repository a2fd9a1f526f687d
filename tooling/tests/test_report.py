"""The report's charts from small tables: the RFM grid cells, the flow of the last period, sizes over time."""

from __future__ import annotations

import duckdb

from segments_tooling.report import last_period_flow, rfm_grid, sizes_over_time


def _con():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        """
        create table marts.segment_transitions as select * from (values
            (date '2026-01-04', 'loyalty_tier', null, 'new', 'new', 3),
            (date '2026-01-11', 'loyalty_tier', 'new', 'new', 'stay', 2),
            (date '2026-01-11', 'loyalty_tier', 'new', 'loyal', 'move', 1),
            (date '2026-01-11', 'rfm_segment', 'champions', 'champions', 'stay', 4)
        ) as t (period_end, segment_family, from_segment, to_segment, transition_type, customer_count)
        """
    )
    con.execute(
        """
        create table marts.seg_rfm as select * from (values
            ('a', 5, 1, 100.0), ('b', 5, 1, 50.0), ('c', 1, 5, 10.0), ('d', null, null, null)
        ) as t (customer_id, r_score, f_score, total_revenue)
        """
    )
    con.execute(
        """
        create table marts.segment_sizes as select * from (values
            (date '2026-01-04', 'loyalty_tier', 'new', 3), (date '2026-01-04', 'loyalty_tier', 'loyal', 0),
            (date '2026-01-11', 'loyalty_tier', 'new', 2), (date '2026-01-11', 'loyalty_tier', 'loyal', 1)
        ) as t (period_end, segment_family, segment, customer_count)
        """
    )
    return con


def test_flow_shows_the_moves_of_the_last_period_only():
    spec = last_period_flow(_con(), "loyalty_tier")
    link = spec["data"][0]["link"]
    labels = spec["data"][0]["node"]["label"]
    assert [
        (labels[s], labels[t], v) for s, t, v in zip(link["source"], link["target"], link["value"])
    ] == [("new (before)", "loyal", 1)]


def test_flow_falls_back_to_stays_when_nobody_moved():
    spec = last_period_flow(_con(), "rfm_segment")
    assert spec["data"][0]["link"]["value"] == [4]
    assert "no moves" in spec["layout"]["title"]["text"]


def test_rfm_grid_counts_customers_and_revenue_per_cell():
    spec = rfm_grid(_con())
    z = spec["data"][0]["z"]
    assert z[0][4] == 2, "recency 5, frequency 1: two customers"
    assert z[4][0] == 1
    assert sum(map(sum, z)) == 3, "customers without scores are left out"
    assert "150 revenue" in spec["data"][0]["text"][0][4]


def test_sizes_over_time_keep_zero_points():
    spec = sizes_over_time(_con(), "loyalty_tier")
    traces = {trace["name"]: trace["y"] for trace in spec["data"]}
    assert traces == {"loyal": [0, 1], "new": [3, 2]}
