"""Build the defect corpus and prove every defect's outcome (see segments_tooling.defects).

Usage:
    python -m segments_tooling.defects.run --work DIR [--dbt .venv/bin/dbt] [--only NAME,...] [--skip-scenarios]
        [--part zones|SCENARIO] [--check-parts]

DIR/base/raw is a small clean demo landing zone; DIR/defective/raw and DIR/reference/raw are copies with every
defect planted (resp. its reference form); both are built with `dbt build`, then compared. Scenarios run in
DIR/scenarios/<name>. On the defective build, a leak planted past staging must fail the privacy scans
(defects.privacy.probe_privacy_scans). Exit status 1 with one line per failure.

`make test` runs the corpus in parts side by side (--part: the planted zones, or one scenario), each with a DIR
of its own under one folder; --check-parts then proves every part passed there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb

from segments_tooling.defects import Defect, Scenario, landing, privacy, values
from segments_tooling.defects.zone import is_data_file
from segments_tooling.equivalence import WITHOUT_TESTS

BASE_CUSTOMERS = 300
BASE_DAYS = 400
BASE_SEED = 11

DEFECTS: list[Defect] = [*landing.DEFECTS, *values.DEFECTS, *privacy.DEFECTS]
SCENARIOS: list[Scenario] = [*landing.SCENARIOS, *values.SCENARIOS, *privacy.SCENARIOS]
# The parts of the corpus that can run side by side: the planted zones' two builds, and each scenario.
ZONES = "zones"
PARTS = [ZONES, *(scenario.name for scenario in SCENARIOS)]
# What a part leaves in its work directory when everything in it passed.
PASSED = "passed"

# Schemas past staging: no planted PII string may appear in any of their relations.
PAST_STAGING = ("intermediate", "marts", "audit", "snapshots")
# Landing-zone tables (folders under the root) and the source_table label the audit uses for each.
SOURCE_TABLES = {
    "customers": "crm.customers",
    "events": "tracking.events",
    "orders": "commerce.orders",
    "order_lines": "commerce.order_lines",
    "products": "commerce.products",
    "email_events": "email.email_events",
    "survey_responses": "survey.survey_responses",
}


def rows_on_disk(root: Path) -> dict[str, int]:
    """Rows per source table counted from the Parquet footers of the data files on disk."""
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        for folder, source_table in SOURCE_TABLES.items():
            total = 0
            table_dir = root / folder
            if table_dir.is_dir():
                for path in sorted(table_dir.rglob("*")):
                    if path.is_file() and is_data_file(path.relative_to(table_dir)):
                        escaped = str(path).replace("'", "''")
                        try:
                            total += con.execute(
                                f"select coalesce(sum(row_group_num_rows), 0) from ("
                                f"select distinct row_group_id, row_group_num_rows "
                                f"from parquet_metadata('{escaped}'))"
                            ).fetchone()[0]
                        except duckdb.InvalidInputException as error:
                            # a Parquet file with no columns holds no values: DuckDB cannot open it
                            if "non-root column" not in str(error):
                                raise
            counts[source_table] = int(total)
    finally:
        con.close()
    return counts


def make_dbt(project_dir: Path, dbt: str, tmp_dir: Path):
    def run_dbt(args: list[str], raw_root: Path, db_path: Path, target: str):
        env = dict(os.environ)
        env.update(
            SEGMENTS_RAW_ROOT=str(raw_root),
            SEGMENTS_DUCKDB_PATH=str(db_path),
            SEGMENTS_TEMP_DIRECTORY=str(tmp_dir),
            DBT_PROFILES_DIR=str(project_dir),
            DBT_SEND_ANONYMOUS_USAGE_STATS="False",
        )
        # Unit tests depend on the code only: make dbt-test runs them; the corpus builds run the data tests.
        unit_tests = ["--exclude", "test_type:unit"] if args[:1] == ["build"] else []
        command = [
            dbt, *args, *unit_tests, "--target-path", f"target/{target}", "--log-path", f"logs/{target}",
        ]  # fmt: skip
        return subprocess.run(
            command, cwd=project_dir, env=env, capture_output=True, text=True, check=False
        )

    return run_dbt


def base_zone(work: Path, python: str) -> Path:
    """The small clean landing zone every defect is planted into (made once per work directory)."""
    base = work / "base" / "raw"
    if not base.is_dir():
        subprocess.run(
            [
                python, "-m", "segments_tooling.demo_data",
                "--customers", str(BASE_CUSTOMERS), "--days", str(BASE_DAYS),
                "--seed", str(BASE_SEED), "--out", str(base),
            ],
            check=True,
        )  # fmt: skip
    return base


def planted_zones(work: Path, base: Path, defects: list[Defect]) -> tuple[Path, Path]:
    """Copies of `base` with every defect planted (defective) and with its reference form (reference)."""
    zones = []
    for name in ("defective", "reference"):
        root = work / name / "raw"
        shutil.rmtree(work / name, ignore_errors=True)
        shutil.copytree(base, root)
        zones.append(root)
    defective, reference = zones
    for defect in defects:
        defect.plant(defective)
        if defect.reference is not None:
            defect.reference(reference)
    return defective, reference


def rejected_counts(con: duckdb.DuckDBPyConnection, db: str) -> Counter:
    rows = con.execute(
        f"select source_table, rejection_reason, count(*) from {db}.audit.rejected_rows group by all"
    ).fetchall()
    return Counter({(table, reason): count for table, reason, count in rows})


def check_rejections(con, defects: list[Defect]) -> list[str]:
    expected: Counter = Counter()
    for defect in defects:
        expected.update(defect.rejected)
    found = rejected_counts(con, "defective")
    found.subtract(rejected_counts(con, "reference"))
    failures = []
    for key in sorted(set(expected) | {k for k, v in found.items() if v}):
        if found.get(key, 0) != expected.get(key, 0):
            owners = [d.name for d in defects if key in d.rejected]
            failures.append(
                f"rejected rows {key}: expected {expected.get(key, 0)} more than the reference "
                f"(defects: {', '.join(owners) or 'none'}), found {found.get(key, 0)}"
            )
    return failures


def check_reconciliation(con, db: str, root: Path) -> list[str]:
    on_disk = rows_on_disk(root)
    failures = []
    rows = con.execute(
        f"select source_table, raw_row_count, staged_row_count, rejected_row_count "
        f"from {db}.audit.source_reconciliation"
    ).fetchall()
    reported = {table: (raw, staged, rejected) for table, raw, staged, rejected in rows}
    for table, disk_rows in on_disk.items():
        raw, staged, rejected = reported.get(table, (None, None, None))
        if raw != disk_rows or staged is None or staged + rejected != disk_rows:
            failures.append(
                f"{db}: {table} has {disk_rows} rows in its files on disk; the reconciliation says raw "
                f"{raw}, staged {staged} + rejected {rejected}"
            )
    return failures


def check_labels(con) -> list[str]:
    failures = []
    for relation in ("marts.customer_segments", "marts.segment_history"):
        for left, right in (("defective", "reference"), ("reference", "defective")):
            count = con.execute(
                f"select count(*) from (select * from {left}.{relation} "
                f"except all select * from {right}.{relation})"
            ).fetchone()[0]
            if count:
                failures.append(
                    f"{relation}: {count} rows of the {left} build are not in the {right} build"
                )
    return failures


def check_pii(con, db: str, strings: list[str]) -> list[str]:
    if not strings:
        return []
    columns = con.execute(
        f"""
        select table_schema, table_name, column_name
        from information_schema.columns
        where table_catalog = '{db}' and table_schema in {PAST_STAGING}
          and (data_type = 'VARCHAR' or data_type like '%[]' or data_type like 'STRUCT%')
        """
    ).fetchall()
    failures = []
    for schema, table, column in columns:
        expression = f'lower(cast("{column}" as varchar))'
        conditions = " or ".join(
            f"contains({expression}, '{s.lower().replace(chr(39), chr(39) * 2)}')" for s in strings
        )
        found = con.execute(
            f'select count(*) from {db}."{schema}"."{table}" where {conditions}'
        ).fetchone()[0]
        if found:
            failures.append(f"{db}: planted PII in {schema}.{table}.{column} ({found} rows)")
    return failures


def check_zones(work: Path, defects: list[Defect], run_dbt) -> list[str]:
    """Build the defective and reference zones and prove every defect's outcome on them."""
    base = base_zone(work, sys.executable)
    defective, reference = planted_zones(work, base, defects)
    failures: list[str] = []
    # The data tests run on the defective zone; the reference build is what its labels are compared with.
    for name, root, build_args in (
        ("defective", defective, ["build"]),
        ("reference", reference, ["build", *WITHOUT_TESTS]),
    ):
        db_path = work / name / "warehouse.duckdb"
        db_path.unlink(missing_ok=True)
        result = run_dbt(build_args, root, db_path, f"defects-{name}")
        (work / name / "build.log").write_text(result.stdout + result.stderr)
        if result.returncode != 0:
            failures.append(f"dbt build of the {name} zone failed: see {work / name / 'build.log'}")
    if failures:
        return failures
    con = duckdb.connect()
    for name in ("defective", "reference"):
        con.execute(f"attach '{work / name / 'warehouse.duckdb'}' as {name} (read_only)")
    failures += check_rejections(con, defects)
    for name, root in (("defective", defective), ("reference", reference)):
        failures += check_reconciliation(con, name, root)
    failures += check_labels(con)
    failures += check_pii(con, "defective", [s for d in defects for s in d.pii])
    con.execute("use defective")
    for defect in defects:
        if defect.check is not None:
            failures += [f"{defect.name}: {message}" for message in defect.check(con)]
    con.close()
    if any(defect.name == "kiosk_erasure" for defect in defects):
        failures += privacy.probe_privacy_scans(
            defective, work / "defective" / "warehouse.duckdb", run_dbt
        )
    return failures


def check_scenarios(work: Path, scenarios: list[Scenario], run_dbt) -> list[str]:
    """Run each scenario in a directory of its own on a copy of the clean zone."""
    if not scenarios:
        return []
    base = base_zone(work, sys.executable)
    failures: list[str] = []
    for scenario in scenarios:
        scenario_dir = work / "scenarios" / scenario.name
        shutil.rmtree(scenario_dir, ignore_errors=True)
        scenario_dir.mkdir(parents=True)
        failures += [f"{scenario.name}: {m}" for m in scenario.run(base, scenario_dir, run_dbt)]
    return failures


def check_parts(work: Path) -> list[str]:
    """Every part passed, each in work/<part> (make test runs them side by side)."""
    return [
        f"part {part} did not pass (no {work / part / PASSED})"
        for part in PARTS
        if not (work / part / PASSED).is_file()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--dbt", default=str(Path(".venv") / "bin" / "dbt"))
    parser.add_argument("--only", default="", help="comma-separated defect or scenario names")
    parser.add_argument("--skip-scenarios", action="store_true")
    parser.add_argument(
        "--part", choices=PARTS, help="one part only: the planted zones, or one scenario"
    )
    parser.add_argument(
        "--check-parts", action="store_true", help="every part passed, each in WORK/<part>"
    )
    args = parser.parse_args(argv)

    project_dir = Path(__file__).resolve().parents[3]
    work = args.work.resolve()
    if args.check_parts:
        failures = check_parts(work)
        for failure in failures:
            print(f"FAIL {failure}")
        print(f"defect corpus: {len(PARTS) - len(failures)} of {len(PARTS)} parts passed")
        return 1 if failures else 0
    work.mkdir(parents=True, exist_ok=True)
    (work / PASSED).unlink(missing_ok=True)
    (work / "tmp").mkdir(exist_ok=True)
    dbt = args.dbt if os.path.isabs(args.dbt) else str((project_dir / args.dbt).resolve())
    run_dbt = make_dbt(project_dir, dbt, work / "tmp")
    only = {name for name in args.only.split(",") if name}
    if args.part:
        only = {args.part}
    zones = args.part in (None, ZONES)
    defects = [d for d in DEFECTS if not only - {ZONES} or d.name in only] if zones else []
    scenarios = [] if args.skip_scenarios else [s for s in SCENARIOS if not only or s.name in only]

    failures: list[str] = []
    if zones:
        failures += check_zones(work, defects, run_dbt)
    failures += check_scenarios(work, scenarios, run_dbt)

    for failure in failures:
        print(f"FAIL {failure}")
    print(
        f"defect corpus: {len(defects)} defects, {len(scenarios)} scenarios, {len(failures)} failures"
    )
    if not failures:
        (work / PASSED).touch()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
