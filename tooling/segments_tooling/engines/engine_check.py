"""The proof on PostgreSQL or Spark: incremental runs equal a full build there, and both equal DuckDB's.

Usage:
    python -m segments_tooling.engines.engine_check --target postgres|spark --equivalence-dir DIR
        --raw-root DIR --work DIR [--step build|compare|all]

It reuses what segments_tooling.equivalence leaves in --equivalence-dir: the test landing zone split into five
increments (increments/<k>/<table>.parquet, hand-made duplicates, late copies and a time-zone change
included; --split-only makes them) and full.duckdb, DuckDB's full build of the final landing zone (made by
`make dbt-test-incremental`). On the engine:

  1. Increments 1-3 land (one Parquet file per table and increment, as the DuckDB check lands them), the raw
     tables are loaded (segments_tooling.engines.load_raw) and dbt builds the incremental models and every
     model and seed they read (INCREMENTAL_SELECTION) from nothing; increments 4 and 5 land, load, one
     incremental run of the same selection (restating the history from the first date they change). The
     warehouse is exported (staging, intermediate, marts, audit), and the tables the run built are listed in
     incremental_tables.txt. The DuckDB check runs one build per increment; a Spark run costs minutes, so the
     engines get one incremental run over two, and leave out the models downstream of every incremental one:
     tables rebuilt whole from the compared ones on every run, which the DuckDB check compares.
  2. `dbt build --full-refresh` on the same raw tables, with every data test and unit test; exported again.
  3. Incremental == full: every table the incremental run built, equal row for row (compare_marts; only
     intermediate.int_history_restate_from, per-run bookkeeping, is left out, as in the DuckDB check).
  4. Engine == DuckDB: every table of marts and audit of the full build equal to full.duckdb's (floats within
     compare_marts' tolerance: max(1e-6 absolute, 1e-9 relative)).
  5. Persona recovery on the full build (ground truth from --raw-root, the zone the increments were cut from).

--step build runs steps 1-2 (the increments are all it needs, so it can run beside the DuckDB check),
--step compare steps 3-5. Everything runs in this process (dbt through dbtRunner, with the engine's venv),
so on Spark one JVM and one session serve every step. Connection and warehouse location come from the
environment as in profiles.yml (the Makefile points Postgres at its own database and Spark at its own folder,
so the demo warehouse of `make build` is left alone).
Exits 1 on the first failed step, naming it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from segments_tooling.engines import compare_marts, load_raw
from segments_tooling.equivalence import WITHOUT_TESTS, land_increment

FIRST_RUN_INCREMENTS = 3
INCREMENTAL_SELECTION = ["--select", "+config.materialized:incremental", *WITHOUT_TESTS]
INCREMENTAL_TABLES = "incremental_tables.txt"
COMPARED_SCHEMAS = ["staging", "intermediate", "marts", "audit"]
NOT_COMPARED = "intermediate.int_history_restate_from"


@contextlib.contextmanager
def environment(overrides: dict[str, str]):
    """os.environ with `overrides` for the duration (profiles.yml reads its settings from it)."""
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class InProcessDbt:
    """dbt invoked in this process (dbtRunner), each invocation's console output in its own log file. On
    Spark, every dbt invocation, the raw-table loader and the exporter then share one JVM and its session:
    the embedded metastore admits one JVM at a time, and each new JVM costs seconds."""

    def __init__(self, work: Path):
        self.work = work

    def __call__(self, arguments: list[str], env: dict[str, str], name: str | None = None) -> float:
        from dbt.cli.main import dbtRunner

        name = name or arguments[0]
        log_file = self.work / f"dbt-{name}.log"
        started = time.monotonic()
        with (
            log_file.open("w") as log,
            environment(env),
            contextlib.redirect_stdout(log),
            contextlib.redirect_stderr(log),
        ):
            result = dbtRunner().invoke([*arguments, "--log-path", str(self.work / "logs")])
        seconds = time.monotonic() - started
        lines = log_file.read_text().splitlines()
        summary = next((line for line in reversed(lines) if "Done. PASS=" in line), "")
        print(f"engine_check: dbt {name}: {seconds:.0f}s {summary.split('Done. ')[-1]}", flush=True)
        if not result.success:
            print("\n".join(lines[-60:]))
            raise RuntimeError(
                f"dbt {name} failed ({result.exception or 'see the log'}); log: {log_file}"
            )
        return seconds

    def build(self, target: str, name: str, arguments: list[str]) -> float:
        """dbt build on the engine with its own target path."""
        return self(
            ["build", *arguments, "--target-path", str(self.work / "target")],
            {"SEGMENTS_TARGET": target, "PGTZ": "UTC"},
            name,
        )


def differences(
    left: Path,
    right: Path,
    schemas: list[str],
    skip: str | None = None,
    only: set[str] | None = None,
) -> list[str]:
    """compare_marts over the tables `only` names, or else every table of `schemas` on either side, but
    `skip`; the differing tables."""
    names: set[str] = set(only or ())
    for path in (left, right) if only is None else ():
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


def built_tables(target_dir: Path, schemas: list[str]) -> list[str]:
    """schema.table of every model and seed the last dbt invocation in `target_dir` built in `schemas`."""
    manifest = json.loads((target_dir / "manifest.json").read_text())
    results = json.loads((target_dir / "run_results.json").read_text())["results"]
    nodes = [manifest["nodes"][result["unique_id"]] for result in results]
    return sorted(
        f"{node['schema']}.{node['alias']}"
        for node in nodes
        if node["resource_type"] in ("model", "seed") and node["schema"] in schemas
    )


def build(target: str, increments_dir: Path, work: Path) -> bool:
    """Steps 1 and 2: the incremental runs and the full build on the engine, exported to
    work/incremental.duckdb and work/full.duckdb."""
    increments = sorted(int(path.name) for path in increments_dir.iterdir() if path.name.isdigit())
    shutil.rmtree(work, ignore_errors=True)
    (work / "logs").mkdir(parents=True)
    landing_dir = work / "landing"
    dbt = InProcessDbt(work)
    spark = load_raw.spark_session() if target == "spark" else None
    if spark is not None:
        # Spark's warnings (a window over the whole date spine, a reused session) would bury the check's output
        spark.sparkContext.setLogLevel("ERROR")
    # The landing-zone macro runs with dbt-duckdb in a process of its own: in this one, dbt-duckdb would keep
    # its connection to the scratch file the loader then reads.
    register = load_raw.dbt_subprocess(Path(sys.executable).parent / "dbt")

    def load() -> None:
        load_raw.load(target, landing_dir, work / "loader", register, spark)

    def export(name: str) -> None:
        compare_marts.export(target, COMPARED_SCHEMAS, work / f"{name}.duckdb", spark)

    try:
        for increment in increments[:FIRST_RUN_INCREMENTS]:
            land_increment(increments_dir, landing_dir, increment)
        load()
        dbt.build(target, "increments-1-3", ["--full-refresh", *INCREMENTAL_SELECTION])
        for increment in increments[FIRST_RUN_INCREMENTS:]:
            land_increment(increments_dir, landing_dir, increment)
        load()
        dbt.build(target, "increments-4-5", INCREMENTAL_SELECTION)
        tables = built_tables(work / "target", COMPARED_SCHEMAS)
        (work / INCREMENTAL_TABLES).write_text("\n".join(tables) + "\n")
        export("incremental")
        dbt.build(target, "full-refresh", ["--full-refresh"])
        export("full")
    except RuntimeError as error:
        print(f"engine_check: FAILED on {target}: {error}")
        return False
    finally:
        if spark is not None:
            spark.stop()
    return True


def compare(target: str, reference: Path, raw_root: Path, work: Path) -> list[str]:
    """Steps 3 to 5 on what build() exported; the problems found."""
    full, incremental = work / "full.duckdb", work / "incremental.duckdb"
    listed = work / INCREMENTAL_TABLES
    if not full.is_file() or not incremental.is_file() or not listed.is_file():
        return [f"no exported builds in {work} (run --step build first)"]
    problems = []
    tables = set(listed.read_text().split())
    print(
        f"engine_check: {target} incremental runs against its full build ({len(tables)} tables built)"
    )
    problems += differences(full, incremental, COMPARED_SCHEMAS, skip=NOT_COMPARED, only=tables)
    print(f"engine_check: {target} full build against DuckDB's ({reference})")
    problems += differences(reference, full, list(compare_marts.DEFAULT_SCHEMAS))
    personas = subprocess.run(
        [sys.executable, "-m", "segments_tooling.persona_recovery", "--raw-root", str(raw_root),
         "--db", str(full)],
        check=False,
    )  # fmt: skip
    if personas.returncode:
        problems.append("persona recovery failed on the full build")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--target", choices=["postgres", "spark"], required=True)
    parser.add_argument("--equivalence-dir", type=Path, required=True)
    parser.add_argument("--raw-root", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument(
        "--step",
        choices=["build", "compare", "all"],
        default="all",
        help="build: steps 1-2 (needs the increments only); compare: steps 3-5 (needs full.duckdb too)",
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    increments_dir = args.equivalence_dir.resolve() / "increments"
    reference = args.equivalence_dir.resolve() / "full.duckdb"
    work = args.work.resolve()
    target = args.target
    if args.step in ("build", "all"):
        if not increments_dir.is_dir():
            sys.exit(f"engine_check: no increments in {increments_dir} (make test-increments)")
        if not build(target, increments_dir, work):
            return 1
        if args.step == "build":
            print(
                f"engine_check: {target} builds done ({(time.monotonic() - started) / 60:.1f} min)"
            )
            return 0
    if not reference.is_file():
        sys.exit(f"engine_check: run make dbt-test-incremental first ({reference} is missing)")
    problems = compare(target, reference, args.raw_root, work)
    minutes = (time.monotonic() - started) / 60
    if problems:
        print(f"engine_check: FAILED on {target} ({minutes:.1f} min)\n  " + "\n  ".join(problems))
        return 1
    print(
        f"engine_check: {target} passed: incremental runs equal the full build, which equals DuckDB's in "
        "every mart and audit table, and recovers every persona"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
