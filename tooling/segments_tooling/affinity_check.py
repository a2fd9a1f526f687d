"""Check product_affinity against an independent computation in pandas.

Usage: python -m segments_tooling.affinity_check --db WAREHOUSE [--project-dir .]

From the completed order lines, the stitched events and the sessions of the warehouse, pandas rebuilds the three
kinds of basket of the affinity window (orders, customers' purchases, products viewed per session), counts every
product pair, and computes support, confidence and lift with the thresholds of dbt_project.yml. Every pair above
the minimum must be in marts.product_affinity with the same counts and measures (to 1e-9), and nothing else.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
import yaml


def _vars(project_dir: Path) -> dict:
    return yaml.safe_load((project_dir / "dbt_project.yml").read_text())["vars"]


def baskets(con: duckdb.DuckDBPyConnection, settings: dict) -> pd.DataFrame:
    as_of = pd.Timestamp(
        con.execute("select as_of_date from intermediate.int_current_as_of_date").fetchone()[0]
    )
    start = as_of - timedelta(days=settings["segments__affinity_window_days"])
    lines = con.execute(
        "select order_id, customer_id, product_id, ordered_local_date "
        "from intermediate.int_order_lines_completed where product_id is not null"
    ).df()
    lines = lines[(lines.ordered_local_date > start) & (lines.ordered_local_date <= as_of)]
    events = con.execute(
        "select person_id, product_id, event_name, event_at, event_local_date "
        "from intermediate.int_events_stitched where product_id is not null"
    ).df()
    views = events[
        events.event_name.isin(settings["segments__product_view_event_names"])
        & (events.event_local_date > start)
        & (events.event_local_date <= as_of)
    ]
    sessions = con.execute(
        "select session_id, person_id, session_started_at, session_ended_at from intermediate.int_sessions"
    ).df()
    viewed = views.merge(sessions, on="person_id")
    viewed = viewed[
        (viewed.event_at >= viewed.session_started_at)
        & (viewed.event_at <= viewed.session_ended_at)
    ]
    frames = [
        lines.assign(basket_kind="order", basket_id=lines.order_id),
        lines[lines.customer_id.notna()].assign(
            basket_kind="customer", basket_id=lambda f: f.customer_id
        ),
        viewed.assign(basket_kind="session", basket_id=viewed.session_id),
    ]
    return pd.concat(
        [f[["basket_kind", "basket_id", "product_id"]] for f in frames]
    ).drop_duplicates()


def expected_pairs(all_baskets: pd.DataFrame, settings: dict) -> pd.DataFrame:
    totals = all_baskets.groupby("basket_kind").basket_id.nunique().rename("basket_count")
    products = (
        all_baskets.groupby(["basket_kind", "product_id"]).size().rename("product_basket_count")
    )
    pairs = all_baskets.merge(all_baskets, on=["basket_kind", "basket_id"], suffixes=("", "_b"))
    pairs = pairs[pairs.product_id != pairs.product_id_b]
    pairs = (
        pairs.groupby(["basket_kind", "product_id", "product_id_b"])
        .size()
        .rename("pair_basket_count")
        .reset_index()
        .rename(columns={"product_id_b": "associated_product_id"})
    )
    pairs = pairs.join(totals, on="basket_kind").join(products, on=["basket_kind", "product_id"])
    pairs = pairs.join(
        products.rename("associated_product_basket_count"),
        on=["basket_kind", "associated_product_id"],
    )
    pairs["support"] = pairs.pair_basket_count / pairs.basket_count
    pairs["confidence"] = pairs.pair_basket_count / pairs.product_basket_count
    pairs["lift"] = pairs.confidence / (pairs.associated_product_basket_count / pairs.basket_count)
    return pairs[
        (pairs.pair_basket_count >= settings["segments__affinity_min_pair_count"])
        & (pairs.support >= settings["segments__affinity_min_support"])
    ]


def check(db: Path, project_dir: Path) -> list[str]:
    settings = _vars(project_dir)
    con = duckdb.connect(str(db), read_only=True)
    try:
        expected = expected_pairs(baskets(con, settings), settings)
        found = con.execute("select * from marts.product_affinity").df()
    finally:
        con.close()
    key = ["basket_kind", "product_id", "associated_product_id"]
    merged = expected.merge(
        found, on=key, how="outer", suffixes=("_expected", "_found"), indicator=True
    )
    failures = []
    for side, label in (("left_only", "missing from"), ("right_only", "not expected in")):
        extra = merged[merged._merge == side]
        if len(extra):
            failures.append(
                f"{len(extra)} pairs {label} product_affinity, e.g. {extra[key].head(3).values.tolist()}"
            )
    both = merged[merged._merge == "both"]
    for column in ("pair_basket_count", "basket_count", "support", "confidence", "lift"):
        differs = (both[f"{column}_expected"] - both[f"{column}_found"]).abs() > 1e-9
        if differs.any():
            failures.append(f"{int(differs.sum())} pairs differ in {column}")
    kinds = both.groupby("basket_kind").size().to_dict()
    print(f"affinity check: {len(both)} pairs equal to pandas ({kinds}), {len(failures)} failures")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--project-dir", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    failures = check(args.db, args.project_dir)
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
