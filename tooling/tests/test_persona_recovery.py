"""persona_recovery against a tiny hand-made DuckDB warehouse and ground truth (no dbt needed)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from segments_tooling import persona_recovery


def _warehouse(path: Path, rows: list[tuple]) -> str:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.customer_segments "
        "(customer_id varchar, usage_tier varchar, nps_category varchar, is_cart_abandoner boolean)"
    )
    con.executemany("insert into marts.customer_segments values (?, ?, ?, ?)", rows)
    con.close()
    return str(path)


def _ground_truth(raw_root: Path, rows: list[tuple[str, str, str, str]]) -> None:
    raw_root.mkdir(parents=True, exist_ok=True)
    with (raw_root / "ground_truth.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(persona_recovery.GROUND_TRUTH_COLUMNS)
        writer.writerows(rows)


TRUTH = [
    ("power_user", "cus_1", "usage_tier", "power"),
    ("promoter", "cus_2", "nps_category", "promoter"),
    ("cart_abandoner", "cus_3", "is_cart_abandoner", "true"),
]


def test_all_recovered_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _warehouse(
        tmp_path / "wh.duckdb",
        [
            ("cus_1", "power", "unknown", False),
            ("cus_2", "casual", "promoter", False),
            ("cus_3", "casual", "unknown", True),
        ],
    )
    _ground_truth(tmp_path / "raw", TRUTH)
    assert persona_recovery.main(["--raw-root", str(tmp_path / "raw"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "usage_tier" in out and "100.0%" in out
    assert "Misses" not in out


def test_miss_missing_customer_and_unknown_family_exit_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _warehouse(tmp_path / "wh.duckdb", [("cus_1", "regular", "promoter", False)])
    _ground_truth(
        tmp_path / "raw",
        [*TRUTH, ("evening_shopper", "cus_1", "preferred_daypart", "evening")],
    )
    assert persona_recovery.main(["--raw-root", str(tmp_path / "raw"), "--db", db]) == 1
    out = capsys.readouterr().out
    assert "power_user cus_1 usage_tier: power -> regular" in out
    assert "customer missing from customer_segments" in out
    assert "family preferred_daypart is not a column" in out
    assert "preferred_daypart         0 / 1       0.0%" in out


def test_ground_truth_beside_raw_root_and_missing_inputs(tmp_path: Path) -> None:
    db = _warehouse(tmp_path / "wh.duckdb", [("cus_1", "power", "unknown", False)])
    _ground_truth(tmp_path / "demo", [TRUTH[0]])
    raw_root = tmp_path / "demo" / "raw"
    raw_root.mkdir()
    assert persona_recovery.find_ground_truth(raw_root) == tmp_path / "demo" / "ground_truth.csv"
    assert persona_recovery.main(["--raw-root", str(raw_root), "--db", db]) == 0
    assert persona_recovery.main(["--raw-root", str(tmp_path / "nowhere"), "--db", db]) == 2
    assert (
        persona_recovery.main(
            ["--raw-root", str(raw_root), "--db", str(tmp_path / "absent.duckdb")]
        )
        == 2
    )
