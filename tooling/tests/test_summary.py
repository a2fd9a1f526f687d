"""The build summary reads whatever marts exist and reports rows and segment sizes."""

from __future__ import annotations

import duckdb

from segments_tooling import summary


def _warehouse(path: str) -> None:
    con = duckdb.connect(path)
    con.execute("create schema raw; create schema marts; create schema audit")
    con.execute(
        "create table raw.landing_zone_status as select * from (values "
        "('customers', 'x', 1, true), ('events', 'y', 0, false)) "
        "as t(table_name, file_glob, file_count, is_present)"
    )
    con.execute(
        "create table marts.customer_segments as select * from (values "
        "('c1', 'champions', 'power'), ('c2', 'champions', 'dormant'), ('c3', 'new', null)) "
        "as t(customer_id, rfm_segment, usage_tier)"
    )
    con.execute(
        "create table audit.rejected_rows as select * from (values "
        "('events', 'duplicate'), ('events', 'duplicate'), ('orders', 'superseded_version')) "
        "as t(source_table, rejection_reason)"
    )
    con.close()


def test_summary_reports_rows_sizes_and_absent_sources(tmp_path):
    db = str(tmp_path / "w.duckdb")
    _warehouse(db)
    text = summary.summarize(db)
    assert "1 of 2 sources present; absent: events" in text
    assert "marts.customer_segments" in text and " 3\n" in text + "\n"
    assert "rfm_segment: champions 2 (67%), new 1 (33%)" in text
    assert "usage_tier: (null) 1 (33%), dormant 1 (33%), power 1 (33%)" in text
    assert "duplicate" in text and "superseded_version" in text


def test_summary_missing_warehouse_is_a_clear_error(tmp_path, capsys):
    assert summary.main(["--db", str(tmp_path / "absent.duckdb")]) == 1
    assert "run `make build` first" in capsys.readouterr().err


def test_summary_reports_history_range_and_latest_moves(tmp_path):
    db = str(tmp_path / "w.duckdb")
    _warehouse(db)
    con = duckdb.connect(db)
    con.execute(
        "create table marts.segment_transitions as select * from (values "
        "(date '2026-01-04', 'rfm_segment', 'new', 3), "
        "(date '2026-01-11', 'rfm_segment', 'stay', 2), (date '2026-01-11', 'rfm_segment', 'move', 1), "
        "(date '2026-01-11', 'loyalty_tier', 'stay', 3)) "
        "as t(period_end, segment_family, transition_type, customer_count)"
    )
    con.close()
    text = summary.summarize(db)
    assert "Segment history: 2 period ends from 2026-01-04 to 2026-01-11" in text
    assert "  rfm_segment                 1 of 3" in text
    assert "  loyalty_tier                0 of 3" in text
