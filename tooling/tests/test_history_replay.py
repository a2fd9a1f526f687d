"""The history replay check passes equal warehouses and reports every way segment_history and a replay differ."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from segments_tooling.history_replay import ReplayResult, connect, format_report, main

D = date(2026, 2, 1)  # a Sunday: a weekly period end
FAMILIES = ("rfm_segment", "loyalty_tier")

# customer_id -> created_local_date, rfm_segment, loyalty_tier as of D
CUSTOMERS = {
    "c1": (date(2025, 6, 1), "champions", "vip"),
    "c2": (date(2026, 2, 1), "new_customers", "new"),  # created on D: counted
    "c3": (date(2026, 2, 2), "no_purchases", "no_purchases"),  # created after D: not counted at D
}


def _replay_db(path, customers=CUSTOMERS, as_of=D):
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema intermediate")
    con.execute(
        "create table marts.customer_segments (customer_id varchar, as_of_date date, "
        "rfm_segment varchar, loyalty_tier varchar, usage_tier varchar)"
    )
    con.execute(
        "create table intermediate.int_customers_resolved "
        "(customer_id varchar, created_local_date date)"
    )
    for customer_id, (created, rfm, loyalty) in customers.items():
        con.execute(
            "insert into marts.customer_segments values (?, ?, ?, ?, 'never_active')",
            [customer_id, as_of, rfm, loyalty],
        )
        con.execute(
            "insert into intermediate.int_customers_resolved values (?, ?)", [customer_id, created]
        )
    con.close()
    return path


def _history_db(path, rows_at_d, current_at_d=False):
    """segment_history with rows_at_d at D, an earlier and a later period end around them."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.segment_history (customer_id varchar, segment_family varchar, "
        "period_end date, segment varchar, is_current boolean)"
    )
    for customer_id, family, segment in rows_at_d:
        con.execute(
            "insert into marts.segment_history values (?, ?, ?, ?, ?)",
            [customer_id, family, D, segment, current_at_d],
        )
        # other period ends carry other labels: only the rows at D may be compared
        con.execute(
            "insert into marts.segment_history values (?, ?, date '2026-01-25', 'older', false)",
            [customer_id, family],
        )
        if not current_at_d:
            con.execute(
                "insert into marts.segment_history values (?, ?, date '2026-02-08', 'newer', true)",
                [customer_id, family],
            )
    con.close()
    return path


def _rows_at_d(customer_ids=("c1", "c2")):
    return [
        (customer_id, family, CUSTOMERS[customer_id][1 + FAMILIES.index(family)])
        for customer_id in customer_ids
        for family in FAMILIES
    ]


def _run(tmp_path, capsys, history_rows, replay_customers=CUSTOMERS, as_of=D, current=False):
    history = _history_db(tmp_path / "warehouse.duckdb", history_rows, current)
    replay = _replay_db(tmp_path / "asof.duckdb", replay_customers, as_of)
    code = main(["--history-db", str(history), "--replay-db", str(replay)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _family_line(out, family):
    return next(line.split() for line in out.splitlines() if line.strip().startswith(family + " "))


def test_equal_history_and_replay_pass(tmp_path, capsys):
    code, out, err = _run(tmp_path, capsys, _rows_at_d())
    assert code == 0, out + err
    assert "OK: segment_history at 2026-02-01 equals the replay" in out
    # only the families segment_history holds are compared (usage_tier of the replay is not)
    assert _family_line(out, "rfm_segment") == ["rfm_segment", "2", "0"]
    assert _family_line(out, "loyalty_tier") == ["loyalty_tier", "2", "0"]
    assert "usage_tier" not in out
    assert "rows: 8 compared, 0 only in the replay, 0 only in segment_history" in out


def test_changed_label_fails_and_is_reported(tmp_path, capsys):
    rows = [
        (customer_id, family, "at_risk" if (customer_id, family) == ("c1", "rfm_segment") else seg)
        for customer_id, family, seg in _rows_at_d()
    ]
    code, out, _ = _run(tmp_path, capsys, rows)
    assert code == 1
    assert _family_line(out, "rfm_segment") == ["rfm_segment", "2", "1"]
    assert _family_line(out, "loyalty_tier") == ["loyalty_tier", "2", "0"]
    assert "c1  rfm_segment  champions -> at_risk" in out
    assert "rows: 8 compared, 1 only in the replay, 1 only in segment_history" in out
    assert (
        "FAIL: segment_history at 2026-02-01 differs from the replay in 1 customer-family pairs"
        in out
    )


def test_customer_missing_from_history_is_reported(tmp_path, capsys):
    code, out, _ = _run(tmp_path, capsys, _rows_at_d(("c1",)))
    assert code == 1
    assert "c2  loyalty_tier  new -> (absent)" in out
    assert "c2  rfm_segment  new_customers -> (absent)" in out


def test_customer_created_after_d_is_ignored(tmp_path, capsys):
    # c3 is in the replay's customer_segments but created the day after D: history has no row for it at D
    code, out, err = _run(tmp_path, capsys, _rows_at_d())
    assert code == 0, out + err
    assert "c3" not in out
    # while a customer created on D itself is compared: dropping c2 from history is caught
    (tmp_path / "again").mkdir()
    code, out, _ = _run(tmp_path / "again", capsys, _rows_at_d(("c1",)))
    assert code == 1 and "c2  rfm_segment" in out


def test_history_current_at_d_counts_every_customer(tmp_path, capsys):
    # at the history's own as-of date every customer is counted (as in customer_segments), c3 included
    code, out, err = _run(tmp_path, capsys, _rows_at_d(("c1", "c2", "c3")), current=True)
    assert code == 0, out + err
    assert "every customer counted" in out
    assert _family_line(out, "rfm_segment") == ["rfm_segment", "3", "0"]


def test_d_not_a_period_end_errors_clearly(tmp_path, capsys):
    code, out, err = _run(tmp_path, capsys, _rows_at_d(), as_of=date(2026, 1, 31))
    assert code == 2
    assert out == ""
    assert "replay as_of_date 2026-01-31 is not a period end of segment_history" in err
    assert "period ends run from 2026-01-25 to 2026-02-08; nearest: 2026-01-25, 2026-02-01" in err


def test_family_missing_from_replay_errors_clearly(tmp_path, capsys):
    rows = [*_rows_at_d(), ("c1", "nps_category", "promoter")]
    code, _out, err = _run(tmp_path, capsys, rows)
    assert code == 2
    assert "customer_segments has no column for segment_history family nps_category" in err


def test_zero_rows_compared_is_a_failure():
    # unreachable through the CLI once D is a period end (segment_history then has rows at D), kept as a guard
    result = ReplayResult(
        as_of_date=D,
        history_is_current=False,
        families=[],
        rows_compared=0,
        only_in_replay=0,
        only_in_history=0,
    )
    assert not result.ok
    assert "FAIL: no rows compared" in format_report(result)


def test_both_warehouses_are_read_only(tmp_path):
    history = _history_db(tmp_path / "warehouse.duckdb", _rows_at_d())
    replay = _replay_db(tmp_path / "asof.duckdb")
    con = connect(history, replay)
    for alias in ("history_wh", "replay_wh"):
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute(f"create table {alias}.main.scratch (x integer)")


def test_missing_warehouse_errors_clearly(tmp_path, capsys):
    replay = _replay_db(tmp_path / "asof.duckdb")
    assert main(["--history-db", str(tmp_path / "nope.duckdb"), "--replay-db", str(replay)]) == 2
    assert f"history warehouse {tmp_path / 'nope.duckdb'} does not exist" in capsys.readouterr().err
