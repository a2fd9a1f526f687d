"""The cross-engine tooling that runs without a server: the DuckDB path of compare_marts, the type maps and
the engine check's list of the tables an incremental run built."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from segments_tooling.engines import compare_marts, engine_check, load_raw


def _warehouse(path: Path, rows: str, extra_sql: str = "") -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create schema audit")
    con.execute(
        "create table marts.seg_demo (customer_id varchar, label varchar, share double, "
        "amount decimal(18, 2), as_of timestamp)"
    )
    con.execute(f"insert into marts.seg_demo values {rows}")
    con.execute("create table audit.counts as select 1 as n")
    if extra_sql:
        con.execute(extra_sql)
    con.close()
    return path


ROWS = (
    "('a', 'x', 0.1, 10.00, timestamp '2026-01-01 10:00:00'), "
    "('b', 'y', 0.2, 12.50, null), ('b', 'y', 0.2, 12.50, null)"
)


def test_equal_warehouses_in_another_row_order(tmp_path: Path) -> None:
    left = _warehouse(tmp_path / "left.duckdb", ROWS)
    right = _warehouse(
        tmp_path / "right.duckdb",
        "('b', 'y', 0.2, 12.50, null), ('a', 'x', 0.1 + 1e-12, 10.00, "
        "timestamp '2026-01-01 10:00:00'), ('b', 'y', 0.2, 12.50, null)",
    )
    assert compare_marts.main([str(left), str(right)]) == 0


def test_a_changed_label_names_the_table(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    left = _warehouse(tmp_path / "left.duckdb", ROWS)
    right = _warehouse(tmp_path / "right.duckdb", ROWS.replace("'x'", "'z'"))
    assert compare_marts.main([str(left), str(right)]) == 1
    err = capsys.readouterr().err
    assert "marts.seg_demo" in err and "label" in err


def test_a_float_beyond_tolerance_and_a_missing_duplicate_differ(tmp_path: Path) -> None:
    left = _warehouse(tmp_path / "left.duckdb", ROWS)
    floats = _warehouse(tmp_path / "floats.duckdb", ROWS.replace("0.1,", "0.1001,"))
    assert compare_marts.main([str(left), str(floats)]) == 1
    fewer = _warehouse(tmp_path / "fewer.duckdb", ROWS.rsplit(", ('b'", 1)[0])
    assert compare_marts.main([str(left), str(fewer)]) == 1


def test_missing_table_and_column(tmp_path: Path) -> None:
    left = _warehouse(tmp_path / "left.duckdb", ROWS, "create table marts.extra as select 1 as n")
    right = _warehouse(tmp_path / "right.duckdb", ROWS)
    assert compare_marts.main([str(left), str(right)]) == 1
    renamed = _warehouse(
        tmp_path / "renamed.duckdb", ROWS, "alter table marts.seg_demo rename label to segment"
    )
    assert compare_marts.main([str(right), str(renamed)]) == 1


def test_listed_tables_only_and_a_listed_table_absent(tmp_path: Path) -> None:
    left = _warehouse(tmp_path / "left.duckdb", ROWS, "create table marts.extra as select 1 as n")
    right = _warehouse(tmp_path / "right.duckdb", ROWS, "create table marts.extra as select 2 as n")
    schemas = ["marts", "audit"]
    found = engine_check.differences(left, right, schemas)
    assert len(found) == 1 and found[0].startswith("marts.extra: rows differ")
    assert engine_check.differences(left, right, schemas, only={"marts.seg_demo"}) == []
    assert engine_check.differences(left, right, schemas, only={"marts.gone", "audit.counts"}) == [
        "marts.gone: missing on both sides"
    ]


def test_built_tables_from_the_last_run(tmp_path: Path) -> None:
    nodes = {
        "model.p.a": {"resource_type": "model", "schema": "marts", "alias": "a"},
        "model.p.b": {"resource_type": "model", "schema": "intermediate", "alias": "b_table"},
        "seed.p.s": {"resource_type": "seed", "schema": "seeds", "alias": "s"},
        "model.p.not_run": {"resource_type": "model", "schema": "marts", "alias": "not_run"},
    }
    (tmp_path / "manifest.json").write_text(json.dumps({"nodes": nodes}))
    ran = [{"unique_id": unique_id} for unique_id in ("model.p.a", "model.p.b", "seed.p.s")]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": ran}))
    assert engine_check.built_tables(tmp_path, ["intermediate", "marts"]) == [
        "intermediate.b_table",
        "marts.a",
    ]


def test_timestamps_with_time_zone_compare_in_utc(tmp_path: Path) -> None:
    left = _warehouse(tmp_path / "left.duckdb", ROWS)
    right = _warehouse(tmp_path / "right.duckdb", ROWS)
    con = duckdb.connect(str(right))
    con.execute("set TimeZone = 'UTC'")
    con.execute("alter table marts.seg_demo alter as_of type timestamptz")
    con.close()
    assert compare_marts.main([str(left), str(right)]) == 0


def test_type_spellings() -> None:
    assert load_raw.postgres_type("VARCHAR") == "text"
    assert load_raw.postgres_type("DECIMAL(18,2)") == "numeric(18,2)"
    assert load_raw.spark_type("VARCHAR") == "string"
    assert load_raw.spark_type("TIMESTAMP") == "timestamp"
    assert compare_marts._pg_to_duckdb_type("double precision") == "DOUBLE"
    assert compare_marts._pg_to_duckdb_type("timestamp with time zone") == "TIMESTAMPTZ"
    assert compare_marts._pg_to_duckdb_type("numeric(18,2)") == "DECIMAL(18,2)"
