"""RFM reference check: seg_rfm against the ``lifetimes`` library on the CDNOW transactions.

The CDNOW sample (2,357 customers, 6,919 transactions, 1997-01-01 .. 1998-06-30) ships inside the ``lifetimes``
wheel (``lifetimes/datasets/CDNOW_sample.txt``: customer id, sample customer id, date YYYYMMDD, number of CDs,
dollar value). The check

1. writes it as a landing zone: ``orders`` (one completed order per transaction, UTC noon of its date, total =
   dollar value) and ``customers`` (one CRM customer per buyer, time zone UTC); every other source is absent;
2. runs ``dbt build -s +seg_rfm`` with ``as_of_date`` 1998-06-30 into a temporary DuckDB;
3. compares, for every customer, seg_rfm with
   ``lifetimes.utils.summary_data_from_transaction_data(freq='D', observation_period_end='1998-06-30')``:

   - ``recency_days`` == ``T - recency`` (days from the last purchase to the end of the observation period);
   - ``purchase_days`` == ``frequency`` with ``include_first_transaction=True`` (lifetimes counts distinct
     purchase days, the first included) and ``purchase_days - 1`` == ``frequency`` with the default
     ``include_first_transaction=False`` (repeat purchase days);
   - ``avg_revenue_per_purchase_day`` == ``monetary_value`` with ``include_first_transaction=True`` (mean spend
     per purchase day), within 0.01;
   - ``order_count`` and ``total_revenue`` equal the raw transaction count and sum.

Usage: python -m segments_tooling.rfm_reference [--dataset sample|master] [--work-dir DIR]
Exit code 0 when every customer matches, 1 otherwise. Needs ``requirements-test.txt`` (lifetimes, pandas).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

AS_OF_DATE = "1998-06-30"
MONEY_TOLERANCE = 0.01
PROJECT_DIR = Path(__file__).resolve().parents[2]
DATASET_FILES = {"sample": "CDNOW_sample.txt", "master": "CDNOW_master.txt"}
COMPARED_COLUMNS = (
    "recency_days",
    "purchase_days",
    "repeat_purchase_days",
    "avg_revenue_per_purchase_day",
    "order_count",
    "total_revenue",
)


@dataclass(frozen=True)
class Mismatch:
    customer_id: str
    column: str
    warehouse: object
    reference: object


def cdnow_path(dataset: str = "sample") -> Path:
    """Path of a CDNOW file shipped in the lifetimes wheel."""
    return Path(str(resources.files("lifetimes") / "datasets" / DATASET_FILES[dataset]))


def load_transactions(dataset: str = "sample"):
    """CDNOW transactions: customer_id (str), purchased_on (datetime64), amount (float)."""
    import pandas as pd

    frame = pd.read_csv(
        cdnow_path(dataset),
        sep=r"\s+",
        header=None,
        names=["master_customer_id", "customer_id", "purchased_on", "cd_count", "amount"],
        dtype={"master_customer_id": str, "customer_id": str, "purchased_on": str},
    )
    if dataset == "master":
        frame["customer_id"] = frame["master_customer_id"]
    frame["purchased_on"] = pd.to_datetime(frame["purchased_on"], format="%Y%m%d")
    return frame[["customer_id", "purchased_on", "amount"]]


def write_landing_zone(transactions, raw_root: Path) -> None:
    """Orders and customers Parquet files in the landing-zone layout <raw_root>/<table>/*.parquet."""
    for table in ("orders", "customers"):
        (raw_root / table).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.register("transactions", transactions)
    con.execute(
        f"""
        copy (
            select
                'cdnow-' || row_number() over (order by customer_id, purchased_on, amount) as order_id,
                customer_id,
                cast(purchased_on as timestamp) + interval 12 hour as created_at,
                'completed' as status,
                'USD' as currency,
                cast(amount as decimal(18, 2)) as subtotal,
                cast(0 as decimal(18, 2)) as discount_total,
                cast(0 as decimal(18, 2)) as shipping_total,
                cast(0 as decimal(18, 2)) as tax_total,
                cast(amount as decimal(18, 2)) as total,
                cast(null as varchar) as coupon_code,
                'standard' as shipping_method,
                'web' as sales_channel,
                cast(purchased_on as timestamp) + interval 12 hour as updated_at
            from transactions
        ) to '{raw_root / "orders" / "orders.parquet"}' (format parquet)
        """
    )
    con.execute(
        f"""
        copy (
            select
                customer_id,
                'cdnow-' || customer_id || '@example.com' as email,
                cast(min(purchased_on) as timestamp) as created_at,
                'US' as country,
                'UTC' as timezone,
                'cdnow' as acquisition_channel,
                false as marketing_opt_in,
                cast(null as timestamp) as deleted_at,
                cast(min(purchased_on) as timestamp) as updated_at
            from transactions
            group by customer_id
        ) to '{raw_root / "customers" / "customers.parquet"}' (format parquet)
        """
    )
    con.close()


def run_dbt(work_dir: Path) -> Path:
    """dbt build -s +seg_rfm on the landing zone under work_dir; returns the DuckDB path."""
    database = work_dir / "warehouse.duckdb"
    (work_dir / "tmp").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "SEGMENTS_RAW_ROOT": str(work_dir / "raw"),
        "SEGMENTS_DUCKDB_PATH": str(database),
        "SEGMENTS_TEMP_DIRECTORY": str(work_dir / "tmp"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    dbt = Path(sys.executable).parent / "dbt"
    command = [
        str(dbt) if dbt.exists() else "dbt",
        "build",
        "--select",
        "+seg_rfm",
        "--indirect-selection",
        "buildable",
        "--vars",
        f"{{as_of_date: '{AS_OF_DATE}'}}",
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    result = subprocess.run(
        command, check=False, cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(
            "dbt build -s +seg_rfm failed:\n" + result.stdout[-4000:] + result.stderr[-2000:]
        )
    return database


def reference_summary(transactions):
    """lifetimes summaries per customer, with and without the first transaction."""
    from lifetimes.utils import summary_data_from_transaction_data

    common = {
        "customer_id_col": "customer_id",
        "datetime_col": "purchased_on",
        "monetary_value_col": "amount",
        "freq": "D",
        "observation_period_end": AS_OF_DATE,
    }
    with_first = summary_data_from_transaction_data(
        transactions, include_first_transaction=True, **common
    )
    repeat_only = summary_data_from_transaction_data(
        transactions, include_first_transaction=False, **common
    )
    totals = transactions.groupby("customer_id")["amount"].agg(["count", "sum"])
    summary = with_first.assign(
        recency_days=(with_first["T"] - with_first["recency"]).round().astype(int),
        purchase_days=with_first["frequency"].round().astype(int),
        repeat_purchase_days=repeat_only["frequency"].round().astype(int),
        avg_revenue_per_purchase_day=with_first["monetary_value"],
        order_count=totals["count"],
        total_revenue=totals["sum"],
    )
    return summary[list(COMPARED_COLUMNS)]


def warehouse_rfm(database: Path):
    con = duckdb.connect(str(database), read_only=True)
    frame = con.execute(
        """
        select
            customer_id,
            rfm_segment,
            recency_days,
            purchase_days,
            purchase_days - 1 as repeat_purchase_days,
            cast(avg_revenue_per_purchase_day as double) as avg_revenue_per_purchase_day,
            order_count,
            cast(total_revenue as double) as total_revenue
        from marts.seg_rfm
        """
    ).df()
    con.close()
    return frame.set_index("customer_id")


def compare(warehouse, reference) -> list[Mismatch]:
    """Every reference customer must be in the warehouse with equal ints and money within 0.01."""
    mismatches: list[Mismatch] = []
    for customer_id in sorted(set(reference.index) - set(warehouse.index)):
        mismatches.append(Mismatch(customer_id, "customer_id", None, customer_id))
    for customer_id in sorted(set(warehouse.index) - set(reference.index)):
        mismatches.append(Mismatch(customer_id, "customer_id", customer_id, None))
    joined = reference.add_suffix("_reference").join(
        warehouse.add_suffix("_warehouse"), how="inner"
    )
    for column in COMPARED_COLUMNS:
        left, right = joined[f"{column}_warehouse"], joined[f"{column}_reference"]
        if column in ("avg_revenue_per_purchase_day", "total_revenue"):
            bad = (left.astype(float) - right.astype(float)).abs() > MONEY_TOLERANCE + 1e-9
        else:
            bad = left.astype("Int64") != right.astype("Int64")
        for customer_id in joined.index[bad.fillna(True).to_numpy(dtype=bool)]:
            mismatches.append(
                Mismatch(
                    customer_id,
                    column,
                    joined.at[customer_id, f"{column}_warehouse"],
                    right[customer_id],
                )
            )
    return mismatches


def run(dataset: str = "sample", work_dir: Path | None = None):
    """Build seg_rfm on CDNOW and compare it with lifetimes; returns (customer count, mismatches)."""
    transactions = load_transactions(dataset)
    with tempfile.TemporaryDirectory(prefix="rfm_reference_") as temporary:
        root = work_dir or Path(temporary)
        write_landing_zone(transactions, root / "raw")
        database = run_dbt(root)
        warehouse = warehouse_rfm(database)
    reference = reference_summary(transactions)
    return len(reference), compare(warehouse, reference)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASET_FILES), default="sample")
    parser.add_argument("--work-dir", type=Path, help="keep the landing zone and warehouse here")
    args = parser.parse_args(argv)
    customers, mismatches = run(args.dataset, args.work_dir)
    for mismatch in mismatches[:50]:
        print(
            f"{mismatch.customer_id} {mismatch.column}: warehouse {mismatch.warehouse} "
            f"!= lifetimes {mismatch.reference}"
        )
    print(
        f"rfm_reference: {customers} CDNOW customers ({args.dataset}), {len(mismatches)} mismatches "
        f"on {', '.join(COMPARED_COLUMNS)}"
    )
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
