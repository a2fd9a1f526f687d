"""Benchmark: dbt build time and peak memory per model group against a hand-written DuckDB baseline.

Usage: python -m segments_tooling.bench [--sizes 1m,10m] [--out bench/results.md] [--work bench/work]

Sizes (raw events): 100k, 1m, 10m and 100m (2,000,000 customers; the generator works in chunks of 100,000
customers there, so its memory stays ~5 GB; ~6 min and 6.3 GB of Parquet).

For each size it generates the demo landing zone (timed), then in a fresh DuckDB warehouse times:
  * dbt's own overhead: `dbt parse` without and with partial parsing;
  * `dbt seed`, then `dbt run` per model group (staging, intermediate, audit, marts), each in its own process,
    recording wall time and the process's peak resident memory;
  * the same full run with segment history off (`segments__history_grain: none`): the like-for-like
    comparison with the baseline, which computes today's labels only;
  * an incremental `dbt run` adding the last day of events to a warehouse built on all the days before, with
    exact history (restated from the oldest changed fact) and with segments__history_restate_max_days = 28,
    then that run again with nothing new landed (the fixed cost of a run);
  * at 100k and 1m events, the same full run on Spark (local mode, .venv-spark) and on PostgreSQL (the private
    cluster, .venv-postgres), after loading the landing zone into their raw tables (timed apart);
  * the hand-written single-script baseline (bench/baseline.sql) computing RFM segment, usage tier and journey
    stage from the same Parquet, and how often its labels agree with the marts;
  * the raw events written once into a DuckDB table, unparsed: the least any warehouse that keeps its events
    (as incremental models must) writes and the baseline does not, so baseline + that write is a floor for the
    ratio; and, up to 20M events, the write alone (the same rows from memory to disk, less the same copy into
    memory), which with dbt's own overhead gives the floor of a dbt run that stores its events.
It writes a Markdown results table. Targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from segments_tooling.equivalence import land_increment

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"100k": 2_000, "1m": 20_000, "10m": 200_000, "100m": 2_000_000}
GROUPS = ["staging", "intermediate", "audit", "marts"]
# How many of the slowest models the report names per timed run.
SLOWEST_MODELS = 8
# Steps of one size, in order; --steps picks some (e.g. only `current,baseline` for 100M events).
STEPS = ("parse", "groups", "full", "current", "incremental", "baseline", "engines")
# The `engines` step (the full run on Spark in local mode and on the private PostgreSQL cluster) runs at these
# sizes only: one machine's Spark and Postgres are there to compare, not to scale.
ENGINE_SIZES = ("100k", "1m")
# The profile's default DuckDB memory_limit (profiles.yml); the baseline gets the same.
MEMORY_LIMIT = os.environ.get("SEGMENTS_MEMORY_LIMIT", "3GB")
# The incremental day is also timed with var segments__history_restate_max_days at this many days.
CAPPED_RESTATE_DAYS = 28
# The write-alone probe holds every raw event in memory: a limit of its own, and only up to this many events.
WRITE_PROBE_MEMORY_LIMIT = "12GB"
WRITE_PROBE_MAX_EVENTS = 20_000_000


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mib: float


def _run(
    label: str, command: list[str], env: dict[str, str], stdin: bytes | None = None
) -> Measure:
    """Run a command in its own process: wall time and that process's peak resident memory (wait4)."""
    with tempfile.TemporaryFile() as log, tempfile.TemporaryFile() as feed:
        if stdin is not None:
            feed.write(stdin)
            feed.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdin=feed, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            sys.stdout.write(log.read().decode(errors="replace")[-4000:])
            raise SystemExit(f"bench: {label} failed ({' '.join(command)})")
    return Measure(label, seconds, usage.ru_maxrss / 1024)


def _dbt_paths(size: str, target_suffix: str = "", dbt_vars: str | None = None) -> list[str]:
    """Target and log paths of one benchmark run (and its --vars): each run parses into its own target."""
    vars_args = ["--vars", dbt_vars] if dbt_vars else []
    return [
        *vars_args,
        "--target-path",
        f"target/bench-{size}{target_suffix}",
        "--log-path",
        f"logs/bench-{size}",
    ]


def _dbt(args: list[str]) -> list[str]:
    return [str(ROOT / ".venv" / "bin" / "dbt"), *args]


def _baseline(raw: Path, db: Path) -> tuple[Measure, dict[str, float]]:
    sql = (ROOT / "bench" / "baseline.sql").read_text().replace("{raw}", str(raw))
    script = (
        "import duckdb, sys\n"
        f"con = duckdb.connect({str(db)!r})\n"
        f"con.execute(\"set memory_limit = '{MEMORY_LIMIT}'; set threads = 2\")\n"
        "con.execute(sys.stdin.read())\n"
        "con.execute('create or replace table main.baseline_result as select * from baseline_result')\n"
    )
    measure = _run(
        "hand-written baseline", [sys.executable, "-c", script], dict(os.environ), sql.encode()
    )
    con = duckdb.connect(str(db), read_only=True)
    agreement = {}
    for column in ("rfm_segment", "usage_tier", "journey_stage"):
        agreement[column] = con.execute(
            f"select avg(case when b.{column} = m.{column} then 1.0 else 0.0 end) "
            "from main.baseline_result as b inner join marts.customer_segments as m using (customer_id)"
        ).fetchone()[0]
    con.close()
    return measure, agreement


def _raw_events_script(memory_limit: str, load: str, then: str = "") -> str:
    """A child script: open the DuckDB file sys.argv[1], `load` ("create table x as" or the like) the raw
    events of the landing zone sys.argv[2] as they land (no parsing), then run the Python `then`."""
    return (
        "import duckdb, json, sys, time\n"
        "con = duckdb.connect(sys.argv[1])\n"
        f"con.execute(\"set memory_limit = '{memory_limit}'; set threads = 2\")\n"
        f"con.execute(f\"{load} select * from read_parquet('{{sys.argv[2]}}/events/*.parquet', "
        'union_by_name = true)")\n'
        f"{then}"
        "con.close()\n"
    )


def _removed(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _events_stored_once(raw: Path, db: Path) -> Measure:
    """Write the raw events, as they land, into a fresh DuckDB table: no parsing, no other table."""
    wal = Path(str(db) + ".wal")
    _removed(db, wal)
    measure = _run(
        "raw events written once to a DuckDB table (unparsed; not part of any run)",
        [
            sys.executable,
            "-c",
            _raw_events_script(MEMORY_LIMIT, "create table raw_events as"),
            str(db),
            str(raw),
        ],
        dict(os.environ),
    )
    _removed(db, wal)
    return measure


def _events_write_alone(raw: Path, db: Path) -> tuple[Measure, float]:
    """The disk write alone: the raw events, already in memory, copied into a table on disk (checkpoint
    included) and into an in-memory temporary table, twice each; the best disk copy minus the best memory
    copy. Reading the Parquet, which the baseline does too, is outside both. Holds every raw event in memory
    (WRITE_PROBE_MEMORY_LIMIT), so it runs up to WRITE_PROBE_MAX_EVENTS only."""
    copies = (
        "best = {'memory': float('inf'), 'disk': float('inf')}\n"
        "for attempt in range(2):\n"
        "    start = time.perf_counter()\n"
        "    con.execute('create or replace temp table copied as select * from landed')\n"
        "    best['memory'] = min(best['memory'], time.perf_counter() - start)\n"
        "    start = time.perf_counter()\n"
        "    con.execute('create or replace table main.copied as select * from landed')\n"
        "    con.execute('checkpoint')\n"
        "    best['disk'] = min(best['disk'], time.perf_counter() - start)\n"
        "open(sys.argv[3], 'w').write(json.dumps(best))\n"
    )
    script = _raw_events_script(WRITE_PROBE_MEMORY_LIMIT, "create temp table landed as", copies)
    wal, timings = Path(str(db) + ".wal"), db.with_suffix(".json")
    _removed(db, wal, timings)
    measure = _run(
        "raw events in memory copied to a disk table and to memory, twice each (the write alone: "
        "best disk copy minus best memory copy; not part of any run)",
        [sys.executable, "-c", script, str(db), str(raw), str(timings)],
        dict(os.environ),
    )
    best = json.loads(timings.read_text())
    _removed(db, wal, timings)
    return measure, best["disk"] - best["memory"]


def _incremental_day(raw: Path, base: Path, env: dict[str, str], size: str) -> list[Measure]:
    """A warehouse built on every event but the last day's, then an incremental `dbt run` adding that day."""
    work = base / "incremental"
    shutil.rmtree(work, ignore_errors=True)
    # Split in a child process: the benchmark process stays small, so the peak memory measured for the
    # processes it starts is theirs (a forked child's peak RSS starts at its parent's).
    script = (
        "import sys, duckdb, datetime, pathlib\n"
        "from segments_tooling.equivalence import split_landing_zone\n"
        "raw, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])\n"
        "with duckdb.connect() as con:\n"
        "    last = con.execute(f\"select max(received_at) from read_parquet('{raw}/events/*.parquet')\")"
        ".fetchone()[0]\n"
        "split_landing_zone(raw, out, hand_made=False, boundaries=[last - datetime.timedelta(days=1)])\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(raw), str(work / "increments")],
        env=env,
        check=True,
        capture_output=True,
    )
    landing = work / "landing"
    env = dict(
        env, SEGMENTS_RAW_ROOT=str(landing), SEGMENTS_DUCKDB_PATH=str(work / "warehouse.duckdb")
    )
    common = _dbt_paths(size, "-incremental")
    land_increment(work / "increments", landing, 1)
    _run("incremental setup: dbt seed", _dbt(["seed", *common]), env)
    setup = _run("incremental setup: dbt run, all but the last day", _dbt(["run", *common]), env)
    # The same warehouse, for the run whose history restatement is capped.
    capped_db = work / "warehouse-capped.duckdb"
    shutil.copyfile(work / "warehouse.duckdb", capped_db)
    land_increment(work / "increments", landing, 2)
    added = _run(
        "incremental dbt run adding the last day (exact history)", _dbt(["run", *common]), env
    )
    added.label += f"; {_restatement(work / 'warehouse.duckdb')}"
    capped_env = dict(env, SEGMENTS_DUCKDB_PATH=str(capped_db))
    capped = _capped_run(
        size,
        "-incremental-capped",
        "incremental dbt run adding the last day "
        f"(history restated at most {CAPPED_RESTATE_DAYS} days back)",
        capped_env,
    )
    capped.label += f"; {_restatement(capped_db)}"
    # The same run again with nothing new landed: what any run costs before the day's data (its own target
    # path keeps the capped run's run_results).
    idle = _capped_run(
        size,
        "-incremental-idle",
        "the same dbt run again with no new data (nothing to restate)",
        capped_env,
    )
    return [setup, added, capped, idle]


def _capped_run(size: str, target_suffix: str, label: str, env: dict[str, str]) -> Measure:
    """A timed `dbt run` with the history restatement capped, into its own target path. Other vars invalidate
    partial parsing, so it is parsed first, untimed, and the run is timed like the default one."""
    common = _dbt_paths(
        size, target_suffix, f"{{segments__history_restate_max_days: {CAPPED_RESTATE_DAYS}}}"
    )
    _run(f"dbt parse: {label}", _dbt(["parse", *common]), env)
    return _run(label, _dbt(["run", *common]), env)


def _engine_full_run(
    engine: str, raw: Path, base: Path, env: dict[str, str], size: str
) -> tuple[Measure, Measure]:
    """Load the raw tables of `engine`, then time seeds and models built from nothing there."""
    venv = ROOT / f".venv-{engine}" / "bin"
    engine_env = dict(
        env,
        SEGMENTS_TARGET=engine,
        PGTZ="UTC",
        SEGMENTS_PG_DATABASE="segments_bench",
        SEGMENTS_SPARK_DIR=str(base / "spark"),
    )
    cluster_dir = str(ROOT / "data" / "postgres" / "cluster")

    def cluster(action: str) -> list[str]:
        module = "segments_tooling.engines.postgres_cluster"
        return [str(venv / "python"), "-m", module, action, "--dir", cluster_dir]

    # The cluster is stopped again after the run when the bench started it: a cluster left on its port would
    # stop `make test` from starting its own.
    started = False
    if engine == "postgres":
        started = subprocess.run(cluster("status"), env=engine_env, check=False).returncode != 0
        _run("postgres cluster", cluster("start"), engine_env)
    try:
        return _engine_load_and_build(engine, venv, raw, base, engine_env, size)
    finally:
        if started:
            subprocess.run(cluster("stop"), env=engine_env, check=False)


def _engine_load_and_build(
    engine: str, venv: Path, raw: Path, base: Path, engine_env: dict[str, str], size: str
) -> tuple[Measure, Measure]:
    """The timed raw-table load and full build of seeds and models on `engine`."""
    shutil.rmtree(base / "spark", ignore_errors=True)
    load = _run(
        f"{engine}: load the landing zone into the raw tables",
        [
            str(venv / "python"),
            "-m",
            "segments_tooling.engines.load_raw",
            "--target",
            engine,
            "--raw-root",
            str(raw),
            "--work-dir",
            str(base / f"load-{engine}"),
        ],
        engine_env,
    )
    run = _run(
        f"{engine}: dbt build --full-refresh of seeds and models (no tests)",
        [
            str(venv / "dbt"),
            "build",
            "--full-refresh",
            "--resource-type",
            "seed",
            "--resource-type",
            "model",
            *_dbt_paths(size, f"-{engine}"),
        ],
        engine_env,
    )
    return load, run


def slowest_models(target: Path, count: int = SLOWEST_MODELS) -> list[tuple[str, float]]:
    """The models of the last dbt run into the target path `target` that took longest, slowest first."""
    run_results = json.loads((target / "run_results.json").read_text())
    timed = [
        (node["unique_id"].split(".")[-1], node["execution_time"])
        for node in run_results["results"]
        if node["unique_id"].startswith("model.")
    ]
    return sorted(timed, key=lambda pair: pair[1], reverse=True)[:count]


def _restatement(db: Path) -> str:
    """How far back the run recomputed the segment history (int_history_restate_from)."""
    with duckdb.connect(str(db), read_only=True) as con:
        restate_from, first_source = con.execute(
            "select restate_from, first_changed_fact_source "
            "from intermediate.int_history_restate_from"
        ).fetchone()
        restated, total = con.execute(
            "select count(*) filter (where as_of_date >= ?), count(*) from intermediate.int_as_of_date_spine",
            [restate_from],
        ).fetchone()
    return (
        f"restated from {restate_from} (first change in {first_source}): "
        f"{restated} of {total} as-of dates"
    )


def bench_size(size: str, work: Path, steps: set[str] = frozenset(STEPS)) -> dict:
    customers = SIZES[size]
    base = work / size
    raw, db = base / "raw", base / "warehouse.duckdb"
    base.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        DBT_PROFILES_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
        PYTHONPATH=str(ROOT / "tooling"),
        SEGMENTS_RAW_ROOT=str(raw),
        SEGMENTS_DUCKDB_PATH=str(db),
        SEGMENTS_TEMP_DIRECTORY=str(base / "tmp"),
    )
    result: dict = {"size": size, "customers": customers, "measures": [], "slowest": {}}
    if not raw.exists():
        gen = _run(
            "generate demo data",
            [
                sys.executable,
                "-m",
                "segments_tooling.demo_data",
                "--customers",
                str(customers),
                "--days",
                "540",
                "--seed",
                "42",
                "--out",
                str(raw),
            ],
            env,
        )
        result["measures"].append(gen)
    with duckdb.connect() as con:  # Parquet footers only: the process stays small
        events = con.execute(
            f"select sum(num_rows) from parquet_file_metadata('{raw}/events/*.parquet')"
        ).fetchone()[0]
    result["events"] = int(events)
    for path in (db, Path(str(db) + ".wal")):
        path.unlink(missing_ok=True)
    target = f"target/bench-{size}"
    shutil.rmtree(ROOT / target, ignore_errors=True)
    common = _dbt_paths(size)
    if "parse" in steps:
        result["measures"].append(
            _run(
                "dbt parse (no partial parse)",
                _dbt(["parse", "--no-partial-parse", *common]),
                env,
            )
        )
        result["measures"].append(_run("dbt parse (partial parse)", _dbt(["parse", *common]), env))
    result["measures"].append(_run("dbt seed", _dbt(["seed", *common]), env))
    # Per model group: wall time and peak memory, each group in its own process.
    for group in GROUPS if "groups" in steps else []:
        measure = _run(
            f"dbt run: {group}", _dbt(["run", "-s", f"path:models/{group}", *common]), env
        )
        result["measures"].append(measure)
    # The full run in one invocation. dbt's own overhead: its wall time minus the time dbt spent
    # executing nodes (run_results elapsed_time).
    if "full" in steps:
        full = _run(
            "dbt run --full-refresh: all models, one invocation",
            _dbt(["run", "--full-refresh", *common]),
            env,
        )
        result["measures"].append(full)
        run_results = json.loads((ROOT / target / "run_results.json").read_text())
        result["dbt_run_seconds"] = full.seconds
        result["dbt_run_peak_mib"] = full.peak_mib
        result["dbt_overhead_seconds"] = full.seconds - run_results["elapsed_time"]
        result["slowest"]["full run, weekly history"] = slowest_models(ROOT / target)
    if "current" in steps:
        # Other vars invalidate partial parsing: parse once first (untimed), so the run is timed like the
        # default one.
        current_common = _dbt_paths(size, "-current", "{segments__history_grain: none}")
        _run("dbt parse, history off", _dbt(["parse", *current_common]), env)
        current_only = _run(
            "dbt run --full-refresh: all models, history off (current labels only)",
            _dbt(["run", "--full-refresh", *current_common]),
            env,
        )
        result["measures"].append(current_only)
        result["current_only_seconds"] = current_only.seconds
        result["current_only_peak_mib"] = current_only.peak_mib
        result["slowest"]["full run, history off"] = slowest_models(ROOT / f"{target}-current")
    if "incremental" in steps:
        incremental = _incremental_day(raw, base, env, size)
        result["measures"] += incremental
        result["incremental_seconds"] = incremental[1].seconds
        result["incremental_capped_seconds"] = incremental[2].seconds
        result["incremental_idle_seconds"] = incremental[3].seconds
        result["slowest"]["incremental day, exact history"] = slowest_models(
            ROOT / f"{target}-incremental"
        )
        result["slowest"][f"incremental day, history capped at {CAPPED_RESTATE_DAYS} days"] = (
            slowest_models(ROOT / f"{target}-incremental-capped")
        )
    if "engines" in steps and size in ENGINE_SIZES:
        result["engines"] = {}
        for engine in ("spark", "postgres"):
            load, run = _engine_full_run(engine, raw, base, env, size)
            result["measures"] += [load, run]
            result["engines"][engine] = (load.seconds, run.seconds)
    # customer_segments is the same with history on or off: the baseline is compared with it.
    if "baseline" in steps:
        baseline, agreement = _baseline(raw, db)
        result["measures"].append(baseline)
        result["baseline_seconds"] = baseline.seconds
        result["agreement"] = agreement
        stored = _events_stored_once(raw, db.with_name("events-stored-once.duckdb"))
        result["measures"].append(stored)
        result["events_stored_seconds"] = stored.seconds
        if result["events"] <= WRITE_PROBE_MAX_EVENTS:
            probe, write_alone = _events_write_alone(raw, db.with_name("events-write-alone.duckdb"))
            result["measures"].append(probe)
            result["events_write_alone_seconds"] = write_alone
    return result


def _summary_lines(result: dict) -> list[str]:
    """The figures against their targets, for the steps that ran."""
    lines = []
    baseline = result.get("baseline_seconds")
    if "dbt_run_seconds" in result:
        lines.append(
            f"- full `dbt run` of all models: {result['dbt_run_seconds']:.1f} s, "
            f"peak {result['dbt_run_peak_mib']:.0f} MiB; dbt's own overhead (startup, parse, "
            f"compile, between models): {result['dbt_overhead_seconds']:.1f} s"
        )
    if "current_only_seconds" in result:
        lines.append(
            f"- full `dbt run` with history off (today's labels only, like the baseline): "
            f"{result['current_only_seconds']:.1f} s, peak {result['current_only_peak_mib']:.0f} MiB"
        )
    if baseline:
        ratios = []
        if "current_only_seconds" in result:
            ratios.append(f"{result['current_only_seconds'] / baseline:.2f}x with history off")
        if "dbt_run_seconds" in result:
            ratios.append(f"{result['dbt_run_seconds'] / baseline:.2f}x with weekly history")
        lines.append(
            f"- hand-written baseline: {baseline:.1f} s; **dbt / baseline = {', '.join(ratios)}** "
            "(target <= 1.5x at 10M)"
        )
        agreement = ", ".join(f"{k} {v:.1%}" for k, v in result["agreement"].items())
        lines.append(f"- labels agreeing with the baseline: {agreement}")
    if baseline and "events_stored_seconds" in result:
        stored = result["events_stored_seconds"]
        lines.append(
            f"- writing the raw events once into a DuckDB table, unparsed, takes {stored:.1f} s: the baseline "
            f"plus that one write is already **{(baseline + stored) / baseline:.2f}x the baseline**: about the "
            "least any run that stores its events (as the incremental event models must) can take"
        )
    if baseline and "events_write_alone_seconds" in result:
        write = result["events_write_alone_seconds"]
        line = (
            f"- that time also reads the Parquet, as the baseline does: the disk write alone takes {write:.1f} s "
            f"({write / baseline:.2f}x the baseline)"
        )
        if "dbt_overhead_seconds" in result:
            overhead = result["dbt_overhead_seconds"]
            line += (
                f"; with dbt's own overhead ({overhead:.1f} s), a dbt run that stores its events starts at "
                f"**{(baseline + write + overhead) / baseline:.2f}x the baseline** before any parsing, "
                "stitching or sessions"
            )
        lines.append(line)
    if "engines" in result:
        duckdb_run = result.get("dbt_run_seconds")
        figures = [
            f"{engine} {run:.1f} s"
            + (f" = {run / duckdb_run:.1f}x DuckDB's" if duckdb_run else "")
            + f" (raw tables loaded in {load:.1f} s)"
            for engine, (load, run) in result["engines"].items()
        ]
        lines.append(
            "- the same full build of seeds and models on the other engines, this machine: "
            + "; ".join(figures)
            + " (Spark in local mode, plain Parquet; Postgres the private cluster, fsync off)"
        )
    if "incremental_seconds" in result and "dbt_run_seconds" in result:
        full = result["dbt_run_seconds"]
        lines.append(
            f"- incremental `dbt run` adding the last day of events: {result['incremental_seconds']:.1f} s "
            f"= **{result['incremental_seconds'] / full:.0%} of the full run** with exact history, "
            f"{result['incremental_capped_seconds']:.1f} s = "
            f"**{result['incremental_capped_seconds'] / full:.0%}** with the history restated at most "
            f"{CAPPED_RESTATE_DAYS} days back (target < 10%)"
        )
        if "incremental_idle_seconds" in result:
            idle = result["incremental_idle_seconds"]
            lines.append(
                f"- the same run with no new data at all: {idle:.1f} s = **{idle / full:.0%} of the full run**, "
                "the fixed cost of a run (dbt itself, the tables rebuilt whole, the lookback re-derived)"
            )
    return lines


def render(results: list[dict]) -> str:
    lines = [
        "# Benchmark results",
        "",
        (
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
            f"Python {platform.python_version()}, duckdb {duckdb.__version__}, "
            f"DuckDB memory_limit {MEMORY_LIMIT} for dbt and the baseline, "
            f"{os.environ.get('SEGMENTS_THREADS', '2')} dbt thread(s). "
            f"Generated by `make bench` on {time.strftime('%Y-%m-%d')}."
        ),
        "",
    ]
    for result in results:
        lines += [
            f"## {result['size']}: {result['customers']:,} CRM customers, {result['events']:,} raw events",
            "",
            "| step | wall time (s) | peak memory (MiB) |",
            "|---|---:|---:|",
        ]
        lines += [f"| {m.label} | {m.seconds:.1f} | {m.peak_mib:.0f} |" for m in result["measures"]]
        lines += ["", *_summary_lines(result), "", *_slowest_lines(result)]
    lines += _scaling_lines(results)
    return "\n".join(lines)


def _slowest_lines(result: dict) -> list[str]:
    """Per timed run, its slowest models (with two dbt threads, models overlap and share the cores)."""
    if not result.get("slowest"):
        return []
    lines = [f"Slowest models (execution time in s, {result['size']}):", ""]
    for run, models in result["slowest"].items():
        named = ", ".join(f"{name} {seconds:.1f}" for name, seconds in models)
        lines.append(f"- {run}: {named}")
    return [*lines, ""]


def _scaling_lines(results: list[dict]) -> list[str]:
    """How the history-off run grows from one size to the next, against linear (the events' growth)."""
    sized = [r for r in results if "current_only_seconds" in r]
    lines = [
        f"- {smaller['size']} to {larger['size']}: {larger['events'] / smaller['events']:.1f}x the events, "
        f"**{larger['current_only_seconds'] / smaller['current_only_seconds']:.1f}x the time** with history "
        "off (target: no worse than linear)"
        for smaller, larger in itertools.pairwise(sized)
    ]
    return ["## Scaling", "", *lines, ""] if lines else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1m,10m", help=f"comma list of {', '.join(SIZES)}")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    parser.add_argument("--work", default=str(ROOT / "bench" / "work"))
    parser.add_argument(
        "--steps", default=",".join(STEPS), help=f"comma list of {', '.join(STEPS)} (default: all)"
    )
    args = parser.parse_args(argv)
    steps = {step.strip() for step in args.steps.split(",")}
    if unknown := steps - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    results = []
    for size in args.sizes.split(","):
        print(f"bench: {size} ...", flush=True)
        results.append(bench_size(size.strip(), Path(args.work), steps))
        Path(args.out).write_text(render(results))
    text = render(results)
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
