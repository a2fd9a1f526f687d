"""The proof on PostgreSQL or Spark: incremental runs equal a full build there, and both equal DuckDB's.

Usage:
    python -m segments_tooling.engines.engine_check --target postgres|spark --equivalence-dir DIR
        --raw-root DIR --work DIR [--dbt PATH]

It reuses what `make dbt-test-incremental` (segments_tooling.equivalence) left in --equivalence-dir: the test
landing zone split into five increments (increments/<k>/<table>.parquet, hand-made duplicates, late copies and
a time-zone change included) and full.duckdb, DuckDB's full build of the final landing zone. On the engine:

  1. Increments 1-3 land (one Parquet file per table and increment, as the DuckDB check lands them), the raw
     tables are loaded (segments_tooling.engines.load_raw) and dbt builds seeds and models from nothing;
     increment 4 lands, load, build (incremental); increment 5 lands, load, build (incremental, restating
     only the last weeks of history). Tests run in step 2. The warehouse is exported (staging, intermediate, marts, audit).
  2. `dbt build --full-refresh` on the same raw tables, with every data test and unit test; exported again.
  3. Incremental == full: every table of the four schemas equal row for row (compare_marts; only
     intermediate.int_history_restate_from, per-run bookkeeping, is left out, as in the DuckDB check).
  4. Engine == DuckDB: every table of marts and audit of the full build equal to full.duckdb's (floats within
     compare_marts' tolerance: max(1e-6 absolute, 1e-9 relative)).
  5. Persona recovery on the full build (ground truth from --raw-root, the zone the increments were cut from).

Connection and warehouse location come from the environment as in profiles.yml (the Makefile points Postgres
at its own database and Spark at its own folder, so the demo warehouse of `make build` is left alone).
Exits 1 on the first failed step, naming it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from segments_tooling.engines import compare_marts
from segments_tooling.equivalence import WITHOUT_TESTS, land_increment

FIRST_RUN_INCREMENTS = 3
COMPARED_SCHEMAS = ["staging", "intermediate", "marts", "audit"]
NOT_COMPARED = "intermediate.int_history_restate_from"


def run_dbt(dbt: Path, target: str, work: Path, name: str, arguments: list[str]) -> float:
    """One dbt invocation on the engine with its own target and log paths; raises when it fails."""
    log_file = work / f"dbt-{name}.log"
    env = dict(os.environ, SEGMENTS_TARGET=target, PGTZ="UTC")
    started = time.monotonic()
    with log_file.open("w") as log:
        result = subprocess.run(
            [
                str(dbt),
                *arguments,
                "--target-path",
                str(work / "target"),
                "--log-path",
                str(work / "logs"),
            ],
            check=False,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    seconds = time.monotonic() - started
    lines = log_file.read_text().splitlines()
    summary = next((line for line in reversed(lines) if "Done. PASS=" in line), "")
    print(f"engine_check: dbt {name}: {seconds:.0f}s {summary.split('Done. ')[-1]}", flush=True)
    if result.returncode != 0:
        print("\n".join(lines[-60:]))
        raise RuntimeError(f"dbt {name} failed (exit {result.returncode}); log: {log_file}")
    return seconds


def tool(module: str, arguments: list[str]) -> None:
    """A tooling step in its own process: Spark's embedded metastore admits one JVM at a time, so the loader's
    and the exporter's Spark sessions must end before dbt starts its own."""
    result = subprocess.run([sys.executable, "-m", module, *arguments], check=False)
    if result.returncode:
        raise RuntimeError(f"{module} {' '.join(arguments[:2])} failed (exit {result.returncode})")


def load(target: str, landing_dir: Path, work: Path, dbt_duckdb: Path) -> None:
    tool(
        "segments_tooling.engines.load_raw",
        ["--target", target, "--raw-root", str(landing_dir), "--work-dir", str(work / "loader"),
         "--dbt", str(dbt_duckdb)],
    )  # fmt: skip


def export(target: str, schemas: list[str], out: Path) -> Path:
    tool(
        "segments_tooling.engines.compare_marts",
        ["export", target, "--out", str(out), "--schemas", ",".join(schemas)],
    )
    return out


def differences(left: Path, right: Path, schemas: list[str], skip: str | None = None) -> list[str]:
    """compare_marts over every table of `schemas` on either side but `skip`; the differing tables."""
    names: set[str] = set()
    for path in (left, right):
        con = duckdb.connect(str(path), read_only=True)
        names |= {
            f"{schema}.{table}"
            for schema, table in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where list_contains(?, table_schema)",
                [schemas],
            ).fetchall()
        }
        con.close()
    compared = sorted(names - {skip})
    found = compare_marts.compare(left, right, schemas, 1e-6, 1e-9, compared)
    print(f"engine_check: {len(compared) - len(found)} of {len(compared)} tables equal")
    return [str(item) for item in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--target", choices=["postgres", "spark"], required=True)
    parser.add_argument("--equivalence-dir", type=Path, required=True)
    parser.add_argument("--raw-root", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--dbt", type=Path, default=Path(sys.executable).parent / "dbt")
    args = parser.parse_args(argv)

    started = time.monotonic()
    increments_dir = args.equivalence_dir.resolve() / "increments"
    reference = args.equivalence_dir.resolve() / "full.duckdb"
    if not reference.is_file() or not increments_dir.is_dir():
        sys.exit(f"engine_check: run make dbt-test-incremental first ({reference} is missing)")
    increments = sorted(int(path.name) for path in increments_dir.iterdir() if path.name.isdigit())
    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "logs").mkdir(parents=True)
    landing_dir = work / "landing"
    target = args.target

    try:
        for increment in increments[:FIRST_RUN_INCREMENTS]:
            land_increment(increments_dir, landing_dir, increment)
        load(target, landing_dir, work, args.dbt)
        run_dbt(
            args.dbt, target, work, "increments-1-3", ["build", "--full-refresh", *WITHOUT_TESTS]
        )
        for increment in increments[FIRST_RUN_INCREMENTS:]:
            land_increment(increments_dir, landing_dir, increment)
            load(target, landing_dir, work, args.dbt)
            run_dbt(args.dbt, target, work, f"increment-{increment}", ["build", *WITHOUT_TESTS])
        incremental = export(target, COMPARED_SCHEMAS, work / "incremental.duckdb")
        run_dbt(args.dbt, target, work, "full-refresh", ["build", "--full-refresh"])
        full = export(target, COMPARED_SCHEMAS, work / "full.duckdb")
    except RuntimeError as error:
        print(f"engine_check: FAILED on {target}: {error}")
        return 1

    problems = []
    print(f"engine_check: {target} incremental runs against its full build")
    problems += differences(full, incremental, COMPARED_SCHEMAS, skip=NOT_COMPARED)
    print(f"engine_check: {target} full build against DuckDB's ({reference})")
    problems += differences(reference, full, list(compare_marts.DEFAULT_SCHEMAS))
    personas = subprocess.run(
        [
            sys.executable,
            "-m",
            "segments_tooling.persona_recovery",
            "--raw-root",
            str(args.raw_root),
            "--db",
            str(full),
        ],
        check=False,
    )
    if personas.returncode:
        problems.append("persona recovery failed on the full build")
    minutes = (time.monotonic() - started) / 60
    if problems:
        print(f"engine_check: FAILED on {target} ({minutes:.1f} min)\n  " + "\n  ".join(problems))
        return 1
    print(
        f"engine_check: {target} passed ({minutes:.1f} min): incremental runs equal the full build, "
        "which equals DuckDB's in every mart and audit table, and recovers every persona"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
