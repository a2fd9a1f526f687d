"""Cohorts: a bad definition fails the compile with a clear message; holdouts are stable and at their share.

Usage::

    python -m segments_tooling.cohort_check --raw-root DIR --warehouse PATH --share-raw-root DIR --work DIR
        --dbt PATH

Copies the project to ``WORK/project`` and checks:

* definitions: ``dbt compile`` of int_customers_cohorts_evaluated with each bad fixture cohort (var
  ``segments__cohorts``, and once written into ``_cohorts.yml`` as an analyst would) fails with a message naming
  the cohort and the field; the shipped definitions compile;
* holdouts: every row of ``marts.campaign_audiences`` in WAREHOUSE has the bucket and group recomputed here in
  Python from md5(experiment || ':' || customer_id); over the CRM customer ids of SHARE_RAW_ROOT (the
  ``make build`` demo zone) each declared experiment holds out its configured share within 2 points;
* stability: two runs of the cohort models on copies of WAREHOUSE with different definitions of one cohort
  (so different other members) put every customer the two audiences share in the same group.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import yaml

from segments_tooling.fixture_family_check import copy_project

COHORTS_YML = Path("models/intermediate/segments/cohorts/_cohorts.yml")
MODEL = "int_customers_cohorts_evaluated"
BUCKETS = 65536
SHARE_TOLERANCE = 0.02

# (fixture cohort, the text the compile error must contain)
BAD_DEFINITIONS = [
    (
        {
            "name": "bad_event",
            "where": {"events": {"name": "prodcut_viewed", "window_days": 7, "at_least": 1}},
        },
        "cohort 'bad_event', field where.events.name: unknown event name 'prodcut_viewed'",
    ),
    (
        {
            "name": "bad_label",
            "where": {"segment": {"family": "loyalty_tier", "label": "platinum"}},
        },
        "cohort 'bad_label', field where.segment.label: unknown label 'platinum' of family loyalty_tier",
    ),
    (
        {
            "name": "bad_window",
            "where": {"emails": {"measure": "opened", "window_days": 0, "at_least": 1}},
        },
        "cohort 'bad_window', field where.emails.window_days: the window must be a positive whole number",
    ),
    (
        {
            "name": "half_day",
            "where": {"events": {"name": "page_viewed", "window_days": 2.5, "at_least": 1}},
        },
        "cohort 'half_day', field where.events.window_days: the window must be a positive whole number",
    ),
    (
        {"name": "bad_field", "where": {"customer": {"field": "shoe_size", "at_least": 40}}},
        "cohort 'bad_field', field where.customer.field: unknown field 'shoe_size'",
    ),
    (
        {
            "name": "bad_key",
            "where": {"all": [{"orders": {"measure": "revenue", "windw_days": 30, "at_least": 1}}]},
        },
        "cohort 'bad_key', field where.all[0].orders.windw_days: unknown field",
    ),
    (
        {
            "name": "bad_operator",
            "where": {"events": {"name": "page_viewed", "window_days": 7, "more_than": 3}},
        },
        "cohort 'bad_operator', field where.events.more_than: unknown field",
    ),
    (
        {
            "name": "bad_parent",
            "extends": "no_such_cohort",
            "where": {"customer": {"field": "plan", "equals": "x"}},
        },
        "cohort 'bad_parent', field extends: unknown cohort 'no_such_cohort'",
    ),
]
# Appended to _cohorts.yml's meta.cohorts, as an analyst would write it
YAML_FIXTURE = """          - name: fixture_bad_yaml
            description: A fixture with a misspelled condition.
            where:
              emails: {measure: opened, window_days: 30, at_leest: 3}
"""
YAML_FIXTURE_MESSAGE = "cohort 'fixture_bad_yaml', field where.emails.at_leest: unknown field"

STABILITY_EXPERIMENT = "stability_check"
STABILITY_RUNS = {
    "narrow": {
        "name": "page_visitors",
        "where": {"events": {"name": "page_viewed", "window_days": 30, "at_least": 3}},
    },
    "broad": {
        "name": "page_visitors",
        "where": {"events": {"name": "page_viewed", "window_days": 90, "at_least": 1}},
    },
}


def bucket(experiment: str, customer_id: str) -> int:
    """The holdout bucket of macro holdout_bucket: the first four hex digits of md5(experiment:customer_id)."""
    return int(hashlib.md5(f"{experiment}:{customer_id}".encode()).hexdigest()[:4], 16)


def is_holdout(experiment: str, customer_id: str, share: float) -> bool:
    return bucket(experiment, customer_id) < share * BUCKETS


def declared_experiments(project: Path) -> list[tuple[str, str, float]]:
    """(campaign, experiment, share) of every holdout declared in _cohorts.yml."""
    meta = yaml.safe_load((project / COHORTS_YML).read_text())["models"][0]["config"]["meta"]
    found = [
        (c["name"], c["holdout"].get("experiment") or c["name"], float(c["holdout"]["share"]))
        for c in meta.get("cohorts") or []
        if c.get("holdout")
    ]
    found += [
        (c["name"], c.get("experiment") or c["name"], float(c["holdout_share"]))
        for c in meta.get("campaigns") or []
    ]
    return found


class Dbt:
    def __init__(self, dbt: str, project: Path, raw_root: Path, work: Path) -> None:
        self.dbt, self.project, self.raw_root, self.work = dbt, project, raw_root, work

    def run(self, args: list[str], warehouse: Path) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "SEGMENTS_RAW_ROOT": str(self.raw_root.resolve()),
            "SEGMENTS_DUCKDB_PATH": str(warehouse),
            "SEGMENTS_TEMP_DIRECTORY": str(self.work / "tmp"),
            "DBT_PROFILES_DIR": str(self.project),
        }
        return subprocess.run(
            [self.dbt, *args, "--target-path", "target", "--log-path", "logs"],
            cwd=self.project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )


def check_definitions(dbt: Dbt) -> list[str]:
    problems = []
    scratch = dbt.work / "compile.duckdb"
    compile_model = ["compile", "--select", MODEL]
    shipped = dbt.run(compile_model, scratch)
    if shipped.returncode != 0:
        problems.append(f"the shipped cohorts do not compile:\n{shipped.stdout[-2000:]}")
    for cohort, message in BAD_DEFINITIONS:
        result = dbt.run(
            [*compile_model, "--vars", json.dumps({"segments__cohorts": [cohort]})], scratch
        )
        output = result.stdout + result.stderr
        if result.returncode == 0 or message not in output:
            problems.append(f"{cohort['name']}: expected a failed compile saying {message!r}")
        else:
            print(f"cohort check: {cohort['name']} fails the compile: {message}")
    cohorts_yml = dbt.project / COHORTS_YML
    original = cohorts_yml.read_text()
    marker = "        campaigns:\n"
    cohorts_yml.write_text(original.replace(marker, YAML_FIXTURE + marker))
    try:
        result = dbt.run(compile_model, scratch)
    finally:
        cohorts_yml.write_text(original)
    if result.returncode == 0 or YAML_FIXTURE_MESSAGE not in result.stdout + result.stderr:
        problems.append(
            f"_cohorts.yml fixture: expected a failed compile saying {YAML_FIXTURE_MESSAGE!r}"
        )
    else:
        print(
            f"cohort check: a bad cohort in _cohorts.yml fails the compile: {YAML_FIXTURE_MESSAGE}"
        )
    return problems


def audience_rows(warehouse: Path) -> list[tuple[str, str, str, str, float, int]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select campaign_name, experiment_name, customer_id, audience_group, holdout_share,"
            " holdout_bucket from marts.campaign_audiences"
        ).fetchall()


def check_assignment(rows: list[tuple[str, str, str, str, float, int]], where: str) -> list[str]:
    problems = []
    for campaign, experiment, customer, group, share, stored in rows:
        expected = "holdout" if is_holdout(experiment, customer, share) else "treatment"
        if stored != bucket(experiment, customer) or group != expected:
            problems.append(
                f"{where}: {campaign} {customer}: {group} / {stored}, recomputed {expected}"
            )
    print(f"cohort check: {len(rows)} audience rows of {where} equal the Python recomputation")
    return problems


def check_shares(project: Path, share_raw_root: Path) -> list[str]:
    with duckdb.connect() as con:
        customers = [
            row[0]
            for row in con.execute(
                "select distinct customer_id from read_parquet(?) where customer_id is not null",
                [str(share_raw_root / "customers" / "**" / "*.parquet")],
            ).fetchall()
        ]
    problems = []
    for campaign, experiment, share in declared_experiments(project):
        held = sum(is_holdout(experiment, customer, share) for customer in customers) / len(
            customers
        )
        print(
            f"cohort check: {campaign} ({experiment}) holds out {held:.2%} of {len(customers)} customers,"
            f" configured {share:.0%}"
        )
        if abs(held - share) > SHARE_TOLERANCE:
            problems.append(f"{campaign}: holdout share {held:.2%}, configured {share:.0%}")
    return problems


def check_stability(dbt: Dbt, warehouse: Path) -> list[str]:
    groups = {}
    for run, cohort in STABILITY_RUNS.items():
        copy = dbt.work / f"{run}.duckdb"
        shutil.copy2(warehouse, copy)
        cohort = {**cohort, "holdout": {"share": 0.3, "experiment": STABILITY_EXPERIMENT}}
        result = dbt.run(
            [
                "run",
                "--select",
                f"{MODEL}+",
                "--vars",
                json.dumps({"segments__cohorts": [cohort], "segments__campaigns": []}),
            ],
            copy,
        )
        if result.returncode != 0:
            return [f"the {run} run failed:\n{result.stdout[-2000:]}"]
        rows = audience_rows(copy)
        problems = check_assignment(rows, f"the {run} run")
        if problems:
            return problems
        groups[run] = {customer: group for _, _, customer, group, _, _ in rows}
    shared = groups["narrow"].keys() & groups["broad"].keys()
    moved = sorted(c for c in shared if groups["narrow"][c] != groups["broad"][c])
    print(
        f"cohort check: {len(groups['narrow'])} and {len(groups['broad'])} members in two runs,"
        f" {len(shared)} in both, {len(moved)} changed group"
    )
    if not shared or len(groups["broad"]) <= len(shared):
        return ["the two runs share no member, or have the same members: nothing compared"]
    return [f"{c} changed group between the runs" for c in moved]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-root", type=Path, required=True)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--share-raw-root", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--dbt", default="dbt")
    args = parser.parse_args(argv)
    dbt_path = (
        str(Path(args.dbt).resolve()) if "/" in args.dbt else shutil.which(args.dbt) or args.dbt
    )
    source = Path(__file__).resolve().parents[2]
    work = args.work.resolve()
    project = work / "project"
    shutil.rmtree(work, ignore_errors=True)
    copy_project(source, project)
    (work / "tmp").mkdir()
    dbt = Dbt(dbt_path, project, args.raw_root, work)
    problems = check_definitions(dbt)
    problems += check_assignment(audience_rows(args.warehouse), str(args.warehouse))
    problems += check_shares(project, args.share_raw_root)
    problems += check_stability(dbt, args.warehouse)
    for problem in problems:
        print("cohort check:", problem)
    if problems:
        return 1
    print("cohort check: bad definitions fail clearly; holdouts are stable and at their share")
    return 0


if __name__ == "__main__":
    sys.exit(main())
