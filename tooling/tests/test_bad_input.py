"""The bad-input corpus: files as planned, expectations consistent, checks that catch a misfiled row."""

from __future__ import annotations

from collections import Counter

import duckdb
import pytest

from segments_tooling import bad_input

REASONS = {
    "missing_key",
    "duplicate",
    "superseded_version",
    "unparseable_timestamp",
    "unparseable_value",
    "missing_identity",
    "malformed_json",
    "negative_amount",
    "future_timestamp",
    "orphan_order_line",
    "invalid_value",
    "invalid_score",
    "implausible_timestamp",
    "unknown_value",
    "missing_exchange_rate",
    "conflicting_version",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("bad_input")
    return bad_input.write_corpus(out)


def test_every_planned_file_is_written_and_one_folder_is_missing(corpus):
    for table, files in bad_input.FILES.items():
        for file_name in files:
            assert (corpus / table / file_name).is_file()
    assert not (corpus / bad_input.MISSING_TABLE).exists()


def test_text_files_differ_in_type_and_empty_files_have_no_rows(corpus):
    con = duckdb.connect()
    text_types = con.execute(
        f"select distinct type from parquet_schema('{corpus}/orders/part-1-text.parquet') where type is not null"
    ).fetchall()
    assert {row[0] for row in text_types} == {"BYTE_ARRAY"}
    empty = con.execute(f"select count(*) from '{corpus}/events/part-2-empty.parquet'").fetchone()[
        0
    ]
    assert empty == 0


def test_expectations_cover_every_raw_row(corpus):
    table_of = {
        "crm.customers": "customers",
        "tracking.events": "events",
        "commerce.orders": "orders",
        "commerce.order_lines": "order_lines",
        "commerce.products": "products",
        "email.email_events": "email_events",
        "survey.survey_responses": "survey_responses",
    }
    for source_table, items in bad_input.EXPECTED_OUTCOMES.items():
        rows = sum(len(rows) for rows in bad_input.FILES.get(table_of[source_table], {}).values())
        assert rows == len(items), source_table


def test_every_rejection_reason_is_planted():
    planted = {outcome for items in bad_input.EXPECTED_OUTCOMES.values() for _, outcome in items}
    assert REASONS <= planted


def _fake_warehouse(path, outcomes):
    """A warehouse holding exactly the given outcomes (no intermediate models)."""
    con = duckdb.connect(str(path))
    con.execute("create schema staging")
    con.execute("create schema audit")
    con.execute(
        "create table audit.rejected_rows (source_table varchar, record_key varchar, rejection_reason varchar)"
    )
    for source_table, (model, key) in bad_input.STAGED_KEYS.items():
        con.execute(f"create table {model} ({key} varchar)")
        for record_key, outcome in outcomes.get(source_table, []):
            if outcome == "staged":
                con.execute(f"insert into {model} values (?)", [record_key])
            else:
                con.execute(
                    "insert into audit.rejected_rows values (?, ?, ?)",
                    [source_table, record_key, outcome],
                )
    con.close()


def _outcome_failures(failures):
    return [failure for failure in failures if "outcome" in failure]


def test_check_accepts_the_expected_outcomes(tmp_path):
    db = tmp_path / "ok.duckdb"
    _fake_warehouse(db, bad_input.EXPECTED_OUTCOMES)
    assert _outcome_failures(bad_input.check(str(db))) == []


def test_check_reports_a_lost_and_a_misfiled_row(tmp_path):
    outcomes = {table: list(items) for table, items in bad_input.EXPECTED_OUTCOMES.items()}
    outcomes["tracking.events"].remove(("evt_no_identity", "missing_identity"))
    outcomes["tracking.events"].append(("evt_future", "staged"))
    outcomes["tracking.events"].remove(("evt_future", "future_timestamp"))
    db = tmp_path / "bad.duckdb"
    _fake_warehouse(db, outcomes)
    failures = _outcome_failures(bad_input.check(str(db)))
    assert any("evt_no_identity" in failure for failure in failures)
    assert Counter("evt_future" in failure for failure in failures)[True] == 2


def test_check_unreadable_needs_a_failed_build_naming_the_file():
    name = "part-9-not-parquet.parquet"
    assert (
        bad_input.check_unreadable(
            f"Invalid Input Error: No magic bytes found at end of file '{name}'", 2
        )
        == []
    )
    assert bad_input.check_unreadable("Completed successfully", 0)
    assert bad_input.check_unreadable("some other error", 2)


def test_write_unreadable_plants_a_non_parquet_file(tmp_path):
    bad = bad_input.write_unreadable(tmp_path)
    assert bad.is_file()
    with pytest.raises(duckdb.Error):
        duckdb.connect().execute(f"select * from '{bad}'").fetchall()
