"""A segment family added through the registry alone appears everywhere families are listed.

Usage::

    python -m segments_tooling.fixture_family_check --raw-root DIR --work DIR --dbt PATH

Copies the project to ``WORK/project`` and adds a fixture family the way an analyst would: one entry in var
``segments__label_families`` and a folder holding its label model and YAML. It then runs the registry tool (as
``make build`` does) and ``dbt build`` on the landing zone, and checks that, with no other file edited:

* ``customer_segments`` carries the label and its metric, equal to the rule recomputed from the mart;
* ``segment_summary`` has a row per label of the family, counting the customers of ``customer_segments``;
* ``segment_history`` tracks the family at every as-of date, its current rows equal to ``customer_segments``;
* the snapshot versions the new column;
* the one-label, every-customer and vocabulary tests ran over it, and the catalog check warns that its two
  labels have no definition in ``segment_catalog`` yet.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

PROJECT_PARTS = (
    "models",
    "macros",
    "tests",
    "seeds",
    "snapshots",
    "analyses",
    "dbt_project.yml",
    "profiles.yml",
)


def copy_project(source: Path, project: Path) -> None:
    """Copies the dbt project's parts from ``source`` to ``project`` (a fresh folder)."""
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        copy = shutil.copytree if (source / part).is_dir() else shutil.copy2
        copy(source / part, project / part)


FAMILY = "fixture_buyer_status"
MODEL = "int_customers_fixture_buyer_status_segmented"
REGISTRY_ENTRY = f"""    - name: {FAMILY}
      grain: customer
      model: {MODEL}
      labels: [buyer, browser]
      metrics: [fixture_order_count]
"""
LABEL_MODEL = f"""{{#- A fixture family: buyer when the customer has a completed order as of the date, else browser. -#}}
with

customers as (

    select
        as_of_date,
        customer_id,
        is_current
    from {{{{ ref_restated('int_customers_as_of_dates') }}}}

),

customer_orders as (

    select
        as_of_date,
        customer_id,
        order_count
    from {{{{ ref_restated('int_orders_aggregated_to_customers') }}}}

),

final as (

    select
        customers.as_of_date,
        customers.customer_id,
        case
            when coalesce(customer_orders.order_count, 0) > 0 then 'buyer'
            else 'browser'
        end as {FAMILY},
        cast(coalesce(customer_orders.order_count, 0) as {{{{ dbt.type_int() }}}}) as fixture_order_count,
        customers.is_current
    from customers
    left join customer_orders
        on
            customers.as_of_date = customer_orders.as_of_date
            and customers.customer_id = customer_orders.customer_id

)

select * from final
"""
LABEL_YAML = f"""version: 2

models:
  - name: {MODEL}
    description: One row per as-of date and CRM customer. A fixture family for the registry check.
    columns:
      - name: fixture_order_count
        data_type: integer
        description: Completed orders on or before the as-of date.
"""


def add_fixture_family(project: Path) -> list[Path]:
    """Write the registry entry and the family folder; return the files written."""
    config = project / "dbt_project.yml"
    lines = config.read_text().splitlines(keepends=True)
    start = next(
        i for i, line in enumerate(lines) if line.startswith("  segments__label_families:")
    )
    end = next(
        i
        for i in range(start + 1, len(lines))
        if lines[i].strip() and not lines[i].startswith("    ")
    )
    lines.insert(end, REGISTRY_ENTRY)
    config.write_text("".join(lines))
    folder = project / "models/intermediate/segments/fixture"
    folder.mkdir(parents=True)
    (folder / f"{MODEL}.sql").write_text(LABEL_MODEL)
    (folder / "_fixture__models.yml").write_text(LABEL_YAML)
    return [config, folder / f"{MODEL}.sql", folder / "_fixture__models.yml"]


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def check_warehouse(con: duckdb.DuckDBPyConnection) -> list[str]:
    problems = []
    wrong = _rows(
        con,
        f"""select count(*) from marts.customer_segments
        where {FAMILY} is distinct from case when order_count > 0 then 'buyer' else 'browser' end
           or fixture_order_count is distinct from order_count""",
    )[0][0]
    if wrong:
        problems.append(
            f"customer_segments: {wrong} customers whose {FAMILY} or fixture_order_count is wrong"
        )
    summary = dict(
        _rows(
            con,
            f"select segment, customer_count from marts.segment_summary where segment_family = '{FAMILY}'",
        )
    )
    detail = dict(_rows(con, f"select {FAMILY}, count(*) from marts.customer_segments group by 1"))
    expected = {label: detail.get(label, 0) for label in ("buyer", "browser")}
    if summary != expected:
        problems.append(f"segment_summary has {summary} for {FAMILY}, customer_segments {expected}")
    dates, spine = _rows(
        con,
        f"""select
            (select count(distinct period_end) from marts.segment_history where segment_family = '{FAMILY}'),
            (select count(*) from intermediate.int_as_of_date_spine)""",
    )[0]
    if dates != spine or dates < 2:
        problems.append(
            f"segment_history tracks {FAMILY} at {dates} as-of dates, the spine has {spine}"
        )
    current_mismatch = _rows(
        con,
        f"""select count(*) from marts.segment_history as history
        join marts.customer_segments as mart using (customer_id)
        where history.segment_family = '{FAMILY}' and history.is_current and history.segment <> mart.{FAMILY}""",
    )[0][0]
    if current_mismatch:
        problems.append(
            f"segment_history: {current_mismatch} current {FAMILY} rows differ from customer_segments"
        )
    snapshot_columns = {
        row[0]
        for row in _rows(
            con,
            "select column_name from information_schema.columns "
            "where table_schema = 'snapshots' and table_name = 'customer_segments_snapshot'",
        )
    }
    if FAMILY not in snapshot_columns:
        problems.append(f"customer_segments_snapshot has no column {FAMILY}")
    return problems


def check_tests(target: Path) -> list[str]:
    """The generated tests ran over the fixture family; the catalog check named its two undefined labels."""
    problems = []
    results = {
        r["unique_id"]: r for r in json.loads((target / "run_results.json").read_text())["results"]
    }
    compiled = target / "compiled/segments/tests/singular/marts"
    for test in (
        "assert_one_label_per_customer_per_family",
        "assert_every_crm_customer_once_in_every_customer_mart",
    ):
        result = results.get(f"test.segments.{test}")
        if not result or result["status"] != "pass":
            problems.append(f"{test}: {result and result['status']}")
        elif MODEL not in (compiled / f"{test}.sql").read_text():
            problems.append(f"{test} does not read {MODEL}")
    catalog = results.get("test.segments.assert_segment_catalog_matches_registry")
    if not catalog or catalog["status"] != "warn" or catalog["failures"] != 2:
        problems.append(
            "assert_segment_catalog_matches_registry should warn about the 2 undefined fixture labels, got "
            f"{catalog and (catalog['status'], catalog['failures'])}"
        )
    vocabulary = [
        r
        for uid, r in results.items()
        if uid.startswith(f"test.segments.in_segment_vocabulary_customer_segments_{FAMILY}")
    ]
    if len(vocabulary) != 1 or vocabulary[0]["status"] != "pass":
        problems.append(f"no passing vocabulary test on customer_segments.{FAMILY}: {vocabulary}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-root", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--dbt", default="dbt")
    args = parser.parse_args(argv)
    dbt = str(Path(args.dbt).resolve()) if "/" in args.dbt else shutil.which(args.dbt) or args.dbt
    source = Path(__file__).resolve().parents[2]
    project = args.work / "project"
    shutil.rmtree(args.work, ignore_errors=True)
    copy_project(source, project)
    written = add_fixture_family(project)
    subprocess.run(
        [sys.executable, "-m", "segments_tooling.registry", "--project", str(project)], check=True
    )
    written.append(project / "models/marts/segments/_segments__models.yml")
    files = [path.relative_to(project) for path in project.rglob("*") if path.is_file()]
    added = sorted(str(f) for f in files if not (source / f).exists())
    changed = sorted(
        str(f)
        for f in files
        if (source / f).exists() and (source / f).read_bytes() != (project / f).read_bytes()
    )
    print("fixture family: files added:", added)
    print(
        "fixture family: files edited:",
        changed,
        "(the registry entry, and the contract the registry tool wrote)",
    )
    warehouse = args.work / "warehouse.duckdb"
    env = {
        **os.environ,
        "SEGMENTS_RAW_ROOT": str(args.raw_root.resolve()),
        "SEGMENTS_DUCKDB_PATH": str(warehouse),
        "SEGMENTS_TEMP_DIRECTORY": str(args.work / "tmp"),
        "DBT_PROFILES_DIR": str(project),
    }
    build = subprocess.run(
        [
            dbt,
            "build",
            "--exclude",
            "test_type:unit",
            "--target-path",
            "target",
            "--log-path",
            "logs",
        ],
        cwd=project,
        env=env,
        check=False,
    )
    problems = [] if build.returncode == 0 else [f"dbt build failed ({build.returncode})"]
    if changed != ["dbt_project.yml", "models/marts/segments/_segments__models.yml"]:
        problems.append(
            f"files other than the registry and the generated contract changed: {changed}"
        )
    if warehouse.exists():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            problems += check_warehouse(con)
        problems += check_tests(project / "target")
    for problem in problems:
        print("fixture family:", problem)
    if problems:
        return 1
    print(
        f"fixture family: {FAMILY} appears in customer_segments, segment_summary, the history, the snapshot "
        "and the generated tests with only the registry entry and its label model added"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
