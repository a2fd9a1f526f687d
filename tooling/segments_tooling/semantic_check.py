"""Check the semantic layer: `mf validate-configs` passes, and `mf query` gives the numbers of segment_summary.

Usage:
    python -m segments_tooling.semantic_check --db WAREHOUSE [--mf .venv/bin/mf] [--dbt .venv/bin/dbt]

MetricFlow reads the semantic manifest from the project's default target path, so this runs `dbt parse` there
first. For a few families it queries customers, revenue, contactable customers, average order value and NPS per
segment, and customers and share per family and segment over segment_sizes, and compares each with
marts.segment_summary (money to the cent, shares and NPS to 1e-9). Exit status 1 with one line per failure.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

FAMILIES = ("rfm_segment", "loyalty_tier", "engagement_level", "nps_category")
TOLERANCE = {"revenue_365d": 0.005, "average_order_value_365d": 0.005}


def _mf_query(
    mf: str, metrics: list[str], group_by: list[str], where: str | None = None
) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".csv") as out:
        command = [mf, "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
                   "--csv", out.name]  # fmt: skip
        if where:
            command += ["--where", where]
        result = subprocess.run(command, check=False, capture_output=True, text=True)
        if result.returncode != 0 or "ERROR" in result.stdout:
            raise RuntimeError(
                f"mf query failed: {' '.join(command)}\n{result.stdout}{result.stderr}"
            )
        with open(out.name, newline="") as handle:
            return list(csv.DictReader(handle))


def _differs(name: str, found: str, expected) -> bool:
    if expected is None:
        return found not in ("", None)
    if found in ("", None):
        return True
    return abs(float(found) - float(expected)) > TOLERANCE.get(name, 1e-9)


def check(db: Path, mf: str, dbt: str) -> list[str]:
    failures: list[str] = []
    parsed = subprocess.run([dbt, "parse", "--quiet"], check=False, capture_output=True, text=True)
    if parsed.returncode != 0:
        return [f"dbt parse failed: {parsed.stdout[-2000:]}"]
    validated = subprocess.run(
        [mf, "validate-configs"], check=False, capture_output=True, text=True
    )
    if validated.returncode != 0 or "ERRORS: 0" not in validated.stdout:
        failures.append(f"mf validate-configs failed:\n{validated.stdout[-3000:]}")
    con = duckdb.connect(str(db), read_only=True)
    try:
        summary = {
            (family, segment): dict(zip(("customers", "revenue_365d", "contactable_customers",
                                         "average_order_value_365d", "nps", "share"), rest, strict=True))
            for family, segment, *rest in con.execute(
                "select segment_family, segment, customer_count, revenue_365d, contactable_customer_count, "
                "avg_order_value_365d, nps, customer_share from marts.segment_summary"
            ).fetchall()
        }  # fmt: skip
    finally:
        con.close()
    metrics = [
        "customers",
        "revenue_365d",
        "contactable_customers",
        "average_order_value_365d",
        "nps",
    ]
    compared = 0
    for family in FAMILIES:
        for row in _mf_query(mf, metrics, [f"customer__{family}"]):
            expected = summary.get((family, row[f"customer__{family}"]))
            if expected is None:
                failures.append(f"{family} {row}: not in segment_summary")
                continue
            for metric in metrics:
                compared += 1
                if _differs(metric, row[metric], expected[metric]):
                    failures.append(
                        f"{family}/{row[f'customer__{family}']} {metric}: mf {row[metric]}, "
                        f"segment_summary {expected[metric]}"
                    )
    sized = _mf_query(
        mf,
        ["segment_customers", "segment_share"],
        ["segment_size__segment_family", "segment_size__segment"],
    )
    for row in sized:
        key = (row["segment_size__segment_family"], row["segment_size__segment"])
        expected = summary.get(key)
        if expected is None:
            failures.append(f"segment_sizes {key}: not in segment_summary")
            continue
        compared += 2
        if _differs("customers", row["segment_customers"], expected["customers"]) or _differs(
            "share", row["segment_share"], expected["share"]
        ):
            failures.append(f"segment_sizes {key}: mf {row}, segment_summary {expected}")
    if not sized:
        failures.append("mf query over segment_sizes returned nothing")
    print(f"semantic check: {compared} values compared with segment_summary")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--mf", default=".venv/bin/mf")
    parser.add_argument("--dbt", default=".venv/bin/dbt")
    args = parser.parse_args(argv)
    failures = check(args.db, args.mf, args.dbt)
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"semantic check: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
