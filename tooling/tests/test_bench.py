"""The benchmark report states the ratios against the baseline and the incremental share it measured."""

from __future__ import annotations

import json

from segments_tooling.bench import Measure, render, slowest_models


def test_render_reports_ratios_and_incremental_share():
    result = {
        "size": "10m",
        "customers": 200_000,
        "events": 9_900_000,
        "measures": [Measure("dbt seed", 2.0, 300.0)],
        "dbt_run_seconds": 200.0,
        "dbt_run_peak_mib": 3500.0,
        "dbt_overhead_seconds": 5.0,
        "current_only_seconds": 60.0,
        "current_only_peak_mib": 3000.0,
        "baseline_seconds": 20.0,
        "events_stored_seconds": 9.0,
        "events_write_alone_seconds": 4.0,
        "incremental_seconds": 30.0,
        "incremental_capped_seconds": 16.0,
        "incremental_idle_seconds": 10.0,
        "agreement": {"rfm_segment": 1.0},
        "slowest": {"full run, history off": [("int_sessions", 17.04), ("rejected_rows", 5.7)]},
    }
    text = render([result])
    assert "- full run, history off: int_sessions 17.0, rejected_rows 5.7" in text
    assert "| dbt seed | 2.0 | 300 |" in text
    assert "**dbt / baseline = 3.00x with history off, 10.00x with weekly history**" in text
    assert "**15% of the full run** with exact history" in text
    assert "16.0 s = **8%** with the history restated at most 28 days back" in text
    assert "no new data at all: 10.0 s = **5% of the full run**" in text
    assert "rfm_segment 100.0%" in text
    assert (
        "takes 9.0 s: the baseline plus that one write is already **1.45x the baseline**: about the"
        in text
    )
    assert (
        "the disk write alone takes 4.0 s (0.20x the baseline); with dbt's own overhead (5.0 s), a dbt run "
        "that stores its events starts at **1.45x the baseline**" in text
    )


def test_render_reports_only_the_steps_that_ran():
    result = {
        "size": "100m",
        "customers": 2_000_000,
        "events": 98_000_000,
        "measures": [Measure("hand-written baseline", 200.0, 3000.0)],
        "current_only_seconds": 900.0,
        "current_only_peak_mib": 3900.0,
        "baseline_seconds": 200.0,
        "agreement": {"usage_tier": 0.5},
    }
    text = render([result])
    assert "**dbt / baseline = 4.50x with history off**" in text
    assert "weekly history" not in text and "incremental" not in text
    assert "writing the raw events once" not in text
    assert "the disk write alone" not in text
    assert "usage_tier 50.0%" in text


def test_render_reports_scaling_between_sizes():
    def sized(size: str, events: int, seconds: float) -> dict:
        return {
            "size": size,
            "customers": events // 50,
            "events": events,
            "measures": [],
            "current_only_seconds": seconds,
            "current_only_peak_mib": 1000.0,
        }

    text = render([sized("10m", 10_000_000, 100.0), sized("100m", 100_000_000, 1250.0)])
    assert "- 10m to 100m: 10.0x the events, **12.5x the time** with history off" in text
    assert "## Scaling" not in render([sized("10m", 10_000_000, 100.0)])


def test_slowest_models_are_the_models_that_took_longest(tmp_path):
    results = [
        {"unique_id": "model.segments.int_sessions", "execution_time": 3.0},
        {"unique_id": "operation.segments.segments-on-run-end-0", "execution_time": 9.0},
        {"unique_id": "model.segments.seg_rfm", "execution_time": 1.0},
        {"unique_id": "model.segments.int_events_stitched", "execution_time": 5.0},
    ]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": results}))
    assert slowest_models(tmp_path, count=2) == [
        ("int_events_stitched", 5.0),
        ("int_sessions", 3.0),
    ]


def test_render_reports_the_write_alone_without_a_floor_when_no_full_run_was_timed():
    result = {
        "size": "10m",
        "customers": 200_000,
        "events": 9_900_000,
        "measures": [],
        "baseline_seconds": 10.0,
        "agreement": {},
        "events_stored_seconds": 6.0,
        "events_write_alone_seconds": 3.0,
    }
    text = render([result])
    assert "the disk write alone takes 3.0 s (0.30x the baseline)" in text
    assert "starts at" not in text
