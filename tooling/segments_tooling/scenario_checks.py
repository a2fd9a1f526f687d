"""Checks run by `make test` on a warehouse built from a partial landing zone.

Usage: python -m segments_tooling.scenario_checks orders-only --db PATH

orders-only: a shop that lands only `orders` and `customers` still gets every segment that orders alone can give,
and the segments that need the other sources come out as an explicit label, never null:
  * raw.landing_zone_status lists exactly customers and orders as present;
  * every CRM customer is in marts.customer_segments, and no label column is null;
  * the order-based families are computed (some customers have a real RFM, purchase and loyalty label);
  * the families that need events, email or surveys are all `unknown` (never a behavior read into no data).
"""

from __future__ import annotations

import argparse
import sys

import duckdb

ORDER_FAMILIES = {
    "rfm_segment": {"no_purchases", "unknown"},
    "purchase_segment": {"prospect", "window_shopper"},
    "loyalty_tier": {"no_purchases"},
    "occasion_segment": {"no_purchases"},
}
NO_DATA_LABELS = {
    "usage_tier": "unknown",
    "aida_stage": "unknown",
    "journey_stage": "unknown",
    "engagement_level": "unknown",
    "nps_category": "unknown",
}
LABEL_COLUMNS = [
    "rfm_segment",
    "purchase_segment",
    "usage_tier",
    "occasion_segment",
    "benefit_segment",
    "loyalty_tier",
    "aida_stage",
    "journey_stage",
    "engagement_level",
    "nps_category",
]


def check_orders_only(con: duckdb.DuckDBPyConnection) -> list[str]:
    problems: list[str] = []
    present = {
        row[0]
        for row in con.execute(
            "select table_name from raw.landing_zone_status where is_present"
        ).fetchall()
    }
    if present != {"customers", "orders"}:
        problems.append(f"present sources are {sorted(present)}, expected customers and orders")
    crm = con.execute(
        "select count(*) from staging.stg_crm__customers where not is_erased"
    ).fetchone()[0]
    wide = con.execute("select count(*) from marts.customer_segments").fetchone()[0]
    if crm == 0 or crm != wide:
        problems.append(f"customer_segments has {wide} rows for {crm} non-erased CRM customers")
    for column in LABEL_COLUMNS:
        nulls = con.execute(
            f"select count(*) from marts.customer_segments where {column} is null"
        ).fetchone()[0]
        if nulls:
            problems.append(f"{column} is null for {nulls} customers")
    for column, no_order_labels in ORDER_FAMILIES.items():
        labels = {
            row[0]
            for row in con.execute(
                f"select distinct {column} from marts.customer_segments"
            ).fetchall()
        }
        if not labels - no_order_labels:
            problems.append(f"{column} has only {sorted(labels, key=str)}: orders were not used")
    for column, label in NO_DATA_LABELS.items():
        labels = {
            row[0]
            for row in con.execute(
                f"select distinct {column} from marts.customer_segments"
            ).fetchall()
        }
        if labels != {label}:
            problems.append(
                f"{column} is {sorted(labels, key=str)} without its source, expected only {label}"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=["orders-only"])
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    con = duckdb.connect(args.db, read_only=True)
    try:
        problems = check_orders_only(con)
    finally:
        con.close()
    for problem in problems:
        print(f"scenario_checks {args.scenario}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"scenario_checks {args.scenario}: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
