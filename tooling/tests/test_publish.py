"""The publication: every mart and audit table copied with its comments and row counts, replaced atomically."""

from __future__ import annotations

from pathlib import Path

import duckdb

from segments_tooling.publish import publish


def _warehouse(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    con.execute(
        "create schema marts; create schema audit; create schema raw; create schema intermediate"
    )
    con.execute(
        f"create table marts.customer_segments as select range as customer_id from range({rows})"
    )
    con.execute("comment on table marts.customer_segments is 'One row per customer.'")
    con.execute("comment on column marts.customer_segments.customer_id is 'CRM customer id.'")
    con.execute("create view marts.seg_view as select customer_id from marts.customer_segments")
    con.execute("create table audit.rejected_rows as select 'x' as reason")
    con.execute(
        "create table raw.landing_zone_status as select 'events' as table_name, true as is_present"
    )
    con.execute("create table intermediate.int_private as select 1 as secret")
    con.close()


def test_publish_copies_marts_audit_and_comments(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    _warehouse(warehouse, 5)
    out = tmp_path / "serving" / "segments.duckdb"
    counts = publish(warehouse, out)
    assert counts == {
        "audit.rejected_rows": 1,
        "marts.customer_segments": 5,
        "marts.seg_view": 5,
        "raw.landing_zone_status": 1,
    }
    con = duckdb.connect(str(out), read_only=True)
    tables = con.execute(
        "select schema_name || '.' || table_name, comment from duckdb_tables() order by 1"
    ).fetchall()
    assert ("marts.customer_segments", "One row per customer.") in tables
    assert not any(name.startswith("intermediate.") for name, _ in tables)
    assert con.execute(
        "select comment from duckdb_columns() where table_name = 'customer_segments'"
    ).fetchone() == ("CRM customer id.",)
    assert con.execute(
        "select row_count from main.publication_tables where table_name = 'customer_segments'"
    ).fetchone() == (5,)
    con.close()
    assert not list(out.parent.glob(".*.tmp")), "the staging file is renamed, not left behind"


def test_a_reader_keeps_its_publication_while_the_next_one_replaces_it(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    out = tmp_path / "segments.duckdb"
    _warehouse(warehouse, 5)
    publish(warehouse, out)
    reader = duckdb.connect(str(out), read_only=True)
    warehouse.unlink()
    _warehouse(warehouse, 7)
    publish(warehouse, out)
    assert reader.execute("select count(*) from marts.customer_segments").fetchone() == (5,)
    reader.close()
    fresh = duckdb.connect(str(out), read_only=True)
    assert fresh.execute("select count(*) from marts.customer_segments").fetchone() == (7,)
    fresh.close()


def test_parquet_publication_is_a_link_swapped_whole(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    _warehouse(warehouse, 3)
    parquet = tmp_path / "parquet"
    publish(warehouse, tmp_path / "segments.duckdb", parquet)
    first = parquet.resolve()
    publish(warehouse, tmp_path / "segments.duckdb", parquet)
    assert parquet.is_symlink() and parquet.resolve() != first
    con = duckdb.connect()
    assert con.execute(
        f"select count(*) from '{parquet}/marts/customer_segments.parquet'"
    ).fetchone() == (3,)
