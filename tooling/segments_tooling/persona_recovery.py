"""Check that the warehouse recovers the generator's planted personas.

Reads ``ground_truth.csv`` (persona, customer_id, segment_family, expected_label) written by the demo-data
generator beside the raw tables, and the warehouse table ``marts.customer_segments``, whose columns are named
after the segment families (``rfm_segment``, ``usage_tier``, ``is_cart_abandoner``...). A planted row is
recovered when the customer's value in that column equals the expected label (booleans compare as
``true`` / ``false``). Prints the recovery rate per family and every miss; exits 0 only when every planted row
is recovered (100%), 1 otherwise, 2 when an input is missing.

Usage: python -m segments_tooling.persona_recovery [--raw-root DIR] [--db PATH] [--ground-truth CSV]
Defaults: $SEGMENTS_RAW_ROOT (else data/raw), $SEGMENTS_DUCKDB_PATH (else data/warehouse.duckdb), and the
first of <raw root>/ground_truth.csv, <raw root>/../ground_truth.csv that exists.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb

TABLE_SCHEMA = "marts"
TABLE_NAME = "customer_segments"
KEY_COLUMN = "customer_id"
GROUND_TRUTH_FILE = "ground_truth.csv"
GROUND_TRUTH_COLUMNS = ("persona", "customer_id", "segment_family", "expected_label")


@dataclass(frozen=True)
class Planted:
    persona: str
    customer_id: str
    segment_family: str
    expected_label: str


@dataclass(frozen=True)
class Outcome:
    planted: Planted
    actual: str | None
    note: str = ""

    @property
    def recovered(self) -> bool:
        return self.actual is not None and self.actual == _normalize(self.planted.expected_label)


def _normalize(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def find_ground_truth(raw_root: Path) -> Path | None:
    for candidate in (raw_root / GROUND_TRUTH_FILE, raw_root.parent / GROUND_TRUTH_FILE):
        if candidate.is_file():
            return candidate
    return None


def read_ground_truth(path: Path) -> list[Planted]:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in GROUND_TRUTH_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        return [Planted(*(row[c].strip() for c in GROUND_TRUTH_COLUMNS)) for row in reader]


# Planted expectations read from other marts than customer_segments: first_touch_campaign is a column of
# customer_traffic_sources; recommended_product names a product as "<category>/<tier>" (top = priciest of the
# category, cheap = cheapest, mid = the median by list price, as the generator picks them) and is recovered when
# that product is among the customer's rows of customer_recommendations; cohort names a cohort and is recovered
# when the customer is among its current members (cohort_members).
EXTRA_FAMILIES = {
    "cohort": """
        select customer_id, string_agg(cohort_name, '|' order by cohort_name)
        from marts.cohort_members
        group by customer_id
    """,
    "first_touch_campaign": "select customer_id, first_touch_campaign from marts.customer_traffic_sources",
    "recommended_product": """
        with ranked as (
            select
                product_id,
                product_category,
                row_number() over (partition by product_category order by list_price desc, product_id)
                    as rank_desc,
                row_number() over (partition by product_category order by list_price, product_id) as rank_asc,
                count(*) over (partition by product_category) as n_category
            from staging.stg_commerce__products
        ),
        named as (
            select product_id, product_category || '/top' as product_label from ranked where rank_desc = 1
            union all
            select product_id, product_category || '/cheap' from ranked where rank_asc = 1
            union all
            select product_id, product_category || '/mid' from ranked where rank_asc = (n_category + 1) // 2
        )
        select recommendations.customer_id, string_agg(named.product_label, '|' order by named.product_label)
        from marts.customer_recommendations as recommendations
        inner join named on recommendations.product_id = named.product_id
        group by recommendations.customer_id
    """,
}


# Families whose value lists several labels separated by "|": recovered when the expected one is among them.
MULTI_VALUED_FAMILIES = {"recommended_product", "cohort"}


def read_extra_families(db_path: str, families: set[str]) -> dict[str, dict[str, object]]:
    """customer_id -> {family: value} for the planted families read from other marts."""
    found: dict[str, dict[str, object]] = defaultdict(dict)
    con = duckdb.connect(db_path, read_only=True)
    try:
        for family in sorted(families & set(EXTRA_FAMILIES)):
            for customer, value in con.execute(EXTRA_FAMILIES[family]).fetchall():
                found[customer][family] = value
    finally:
        con.close()
    return found


def read_segments(
    db_path: str, families: set[str]
) -> tuple[dict[str, dict[str, object]], set[str]]:
    """customer_id -> {family: value} for the families present as columns, and the set of those columns."""
    con = duckdb.connect(db_path, read_only=True)
    try:
        columns = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [TABLE_SCHEMA, TABLE_NAME],
            ).fetchall()
        }
        if KEY_COLUMN not in columns:
            raise LookupError(
                f"{TABLE_SCHEMA}.{TABLE_NAME} with column {KEY_COLUMN} not found in {db_path}"
            )
        wanted = sorted(families & columns)
        select_list = ", ".join(f'"{c}"' for c in [KEY_COLUMN, *wanted])
        rows = con.execute(f"select {select_list} from {TABLE_SCHEMA}.{TABLE_NAME}").fetchall()
    finally:
        con.close()
    segments = {row[0]: dict(zip(wanted, row[1:], strict=True)) for row in rows}
    extra = set(families) & set(EXTRA_FAMILIES)
    for customer, values in read_extra_families(db_path, extra).items():
        segments.setdefault(customer, {}).update(values)
    for values in segments.values():
        for family in extra:
            values.setdefault(family, None)
    return segments, set(wanted) | extra


def evaluate(
    planted: list[Planted], segments: dict[str, dict[str, object]], columns: set[str]
) -> list[Outcome]:
    outcomes = []
    for row in planted:
        if row.segment_family not in columns:
            outcomes.append(
                Outcome(row, None, f"family {row.segment_family} is not a column of {TABLE_NAME}")
            )
        elif row.customer_id not in segments:
            outcomes.append(Outcome(row, None, f"customer missing from {TABLE_NAME}"))
        else:
            actual = _normalize(segments[row.customer_id][row.segment_family])
            if row.segment_family in MULTI_VALUED_FAMILIES and actual is not None:
                labels = actual.split("|")
                expected = _normalize(row.expected_label)
                actual = expected if expected in labels else actual
            outcomes.append(Outcome(row, actual))
    return outcomes


def report(outcomes: list[Outcome]) -> tuple[str, bool]:
    by_family: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_family[outcome.planted.segment_family].append(outcome)
    lines = ["Persona recovery per segment family"]
    for family in sorted(by_family):
        rows = by_family[family]
        hits = sum(o.recovered for o in rows)
        lines.append(f"  {family:<22} {hits:>4} / {len(rows):<4} {100.0 * hits / len(rows):6.1f}%")
    total_hits = sum(o.recovered for o in outcomes)
    rate = 100.0 * total_hits / len(outcomes) if outcomes else 0.0
    lines.append(f"  {'all families':<22} {total_hits:>4} / {len(outcomes):<4} {rate:6.1f}%")
    misses = [o for o in outcomes if not o.recovered]
    if misses:
        lines.append("Misses (persona, customer, family: expected -> actual)")
        for o in sorted(misses, key=lambda o: (o.planted.segment_family, o.planted.customer_id)):
            p = o.planted
            actual = o.actual if o.actual is not None else "(none)"
            note = f"  [{o.note}]" if o.note else ""
            lines.append(
                f"  {p.persona} {p.customer_id} {p.segment_family}: {p.expected_label} -> {actual}{note}"
            )
    ok = bool(outcomes) and not misses
    if not outcomes:
        lines.append("No planted personas in the ground truth.")
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-root", default=os.environ.get("SEGMENTS_RAW_ROOT", "data/raw"))
    parser.add_argument(
        "--db", default=os.environ.get("SEGMENTS_DUCKDB_PATH", "data/warehouse.duckdb")
    )
    parser.add_argument(
        "--ground-truth", default=None, help="path of ground_truth.csv (default: beside raw root)"
    )
    args = parser.parse_args(argv)

    truth_path = (
        Path(args.ground_truth) if args.ground_truth else find_ground_truth(Path(args.raw_root))
    )
    if truth_path is None or not truth_path.is_file():
        print(
            f"persona_recovery: no {GROUND_TRUTH_FILE} in or beside {args.raw_root}",
            file=sys.stderr,
        )
        return 2
    if not Path(args.db).is_file():
        print(f"persona_recovery: warehouse {args.db} not found", file=sys.stderr)
        return 2
    planted = read_ground_truth(truth_path)
    try:
        segments, columns = read_segments(args.db, {p.segment_family for p in planted})
    except LookupError as error:
        print(f"persona_recovery: {error}", file=sys.stderr)
        return 2
    text, ok = report(evaluate(planted, segments, columns))
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
