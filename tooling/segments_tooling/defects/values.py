"""Value defects: rows whose values would pass green with a wrong label. Plausible time (clocks at 1970 or 2200),
values that change meaning when cast (NPS 9.5, quantity 1.5), unknown vocabulary (a new order status or email
event type), money in several currencies (JPY summed with USD, a currency without a rate), versions tied on
updated_at, and values that are right but spelled differently (a time zone in lower case, JSON encoded twice).

Every defect copies or re-keys real rows of the clean zone and aims them at a real customer whose labels would
change if the warehouse read the value wrongly; the customers are picked from the clean zone by what each defect
needs (a prospect, a detractor, a contactable customer, ...), each customer for one defect only. A defect that the
warehouse normalizes writes the same rows, written correctly, into the reference zone.
"""

from __future__ import annotations

import csv
import functools
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from segments_tooling.defects import Defect, Scenario, zone

# The warehouse's exchange-rate seed (read for the expected conversion of the JPY order).
EXCHANGE_RATES_SEED = (
    Path(__file__).resolve().parents[3] / "seeds" / "mappings" / "exchange_rates.csv"
)
REPORTING_CURRENCY = "USD"
CENT = Decimal("0.01")


# ------------------------------------------------------------------------------------------------ the clean zone


def _data_files(root: Path, table: str) -> list[str]:
    """The clean zone's data files of `table` planted so far in `root`, the defects' own files left out (the
    defective and reference zones hold the same clean rows, whatever other defects did to their files)."""
    from segments_tooling.defects.run import is_data_file

    folder = root / table
    return sorted(
        str(path)
        for path in folder.rglob("*.parquet")
        if is_data_file(path.relative_to(folder)) and not path.name.startswith("defect-")
    )


def _connect(root: Path) -> duckdb.DuckDBPyConnection:
    """A connection with one view per clean table, plus its latest versions and the end of the data."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    for table in (
        "customers",
        "events",
        "orders",
        "order_lines",
        "products",
        "email_events",
        "survey_responses",
    ):
        files = _data_files(root, table)
        listed = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
        con.execute(
            f"create view {table} as select * from read_parquet({listed}, union_by_name = true, "
            f"filename = true, file_row_number = true)"
        )
    con.execute(
        """
        create view customers_latest as
        select * from customers
        qualify row_number() over (partition by customer_id order by updated_at desc, filename, file_row_number) = 1
            and max(deleted_at) over (partition by customer_id) is null;
        create view orders_latest as
        select * from orders
        qualify row_number() over (partition by order_id order by updated_at desc, filename, file_row_number) = 1;
        create view end_of_data as select max(received_at) as end_at from events;
        """
    )
    return con


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _clean(row: dict) -> dict:
    """A row read from the zone without the reader's file columns."""
    return {k: v for k, v in row.items() if k not in ("filename", "file_row_number")}


# Candidates per role: SQL over the views of _connect returning customer_id, best first. A customer serves one
# defect only (see _picks).
ROLES: dict[str, str] = {
    # CRM customers without any order, created long ago: one order of theirs is their whole purchase history
    "prospect": """
        select customer_id from customers_latest
        where customer_id not in (select customer_id from orders where customer_id is not null)
          and created_at < (select end_at from end_of_data) - interval 60 days
        order by hash(customer_id), customer_id
    """,
    # the latest NPS answer is 8 or less (a rounded 9.5 would make them a promoter)
    "not_promoter": """
        select customer_id from (
            select customer_id, score, row_number() over (
                partition by customer_id order by submitted_at desc, response_id) as n
            from survey_responses where lower(survey_type) = 'nps'
        ) where n = 1 and score between 0 and 8
          and customer_id in (select customer_id from customers_latest)
        order by hash(customer_id), customer_id
    """,
    # the latest NPS answer is 9 or 10 (a rounded 6.5 would make them a passive)
    "promoter": """
        select customer_id from (
            select customer_id, score, row_number() over (
                partition by customer_id order by submitted_at desc, response_id) as n
            from survey_responses where lower(survey_type) = 'nps'
        ) where n = 1 and score between 9 and 10
          and customer_id in (select customer_id from customers_latest)
        order by hash(customer_id), customer_id
    """,
    # buyers with completed orders only in the reporting currency, none discounted, express or in the app, and
    # no survey: their benefit is inferred from line spend alone; the smallest spenders first (one pricey line
    # would be most of their spend)
    "plain_buyer": """
        select customer_id from orders_latest
        where customer_id in (select customer_id from customers_latest)
          and customer_id not in (select customer_id from survey_responses where customer_id is not null)
        group by customer_id
        having bool_and(status = 'completed' and currency = 'USD' and discount_total = 0
                        and coupon_code is null and shipping_method <> 'express' and sales_channel <> 'app')
        order by sum(total), customer_id
    """,
    # identified visitors with events but no order and no cart event in their last 14 days
    "browser": """
        select user_id as customer_id from events
        where user_id in (select customer_id from customers_latest)
          and user_id not in (select customer_id from orders where customer_id is not null)
        group by user_id
        having max(received_at) > (select end_at from end_of_data) - interval 60 days
           and not bool_or(event in ('Product Added', 'Cart Viewed', 'Checkout Started')
                           and received_at > (select end_at from end_of_data) - interval 14 days)
        order by hash(user_id), user_id
    """,
    # buyers whose latest completed order is recent: a refund of it, or a tie, changes their labels
    "recent_buyer": """
        select customer_id from orders_latest
        where customer_id in (select customer_id from customers_latest) and status = 'completed'
        group by customer_id
        having max(created_at) > (select end_at from end_of_data) - interval 60 days
        order by hash(customer_id), customer_id
    """,
    # opted-in customers engaged by email in their last 30 days (an opt-out makes them unreachable)
    "engaged_opted_in": """
        select customer_id from customers_latest
        where marketing_opt_in
          and customer_id in (
              select customer_id from email_events
              where event_type in ('opened', 'clicked')
                and occurred_at > (select end_at from end_of_data) - interval 30 days)
          and customer_id not in (
              select customer_id from email_events
              where event_type in ('unsubscribed', 'bounced', 'complained') and customer_id is not null)
        order by hash(customer_id), customer_id
    """,
    # customers created inside the data, far from UTC, with completed orders (local dates and dayparts move)
    "far_from_utc": """
        select customer_id from customers_latest
        where timezone in ('Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata', 'America/Los_Angeles')
          and customer_id in (select customer_id from orders_latest where status = 'completed')
          and created_at > (select min(received_at) from events) + interval 30 days
        order by hash(customer_id), customer_id
    """,
    # identified, active customers (their events count for usage and sessions)
    "active": """
        select user_id as customer_id from events
        where user_id in (select customer_id from customers_latest)
        group by user_id
        having count(*) >= 10 and max(received_at) > (select end_at from end_of_data) - interval 28 days
        order by hash(user_id), user_id
    """,
    # any CRM customer with an email address
    "customer": """
        select customer_id from customers_latest order by hash(customer_id), customer_id
    """,
}

# Defect -> the roles of the customers it needs, in order.
NEEDS: dict[str, tuple[str, ...]] = {
    "event_clock_2200": ("active",),
    "events_clock_1970": ("active",),
    "events_after_the_data": ("active",),
    "order_refund_dated_2200": ("recent_buyer",),
    "customer_created_1970": ("far_from_utc",),
    "email_clock_1970": ("engaged_opted_in",),
    "survey_clock_1970": ("plain_buyer",),
    "nps_score_fraction": ("not_promoter", "promoter"),
    "order_line_quantity_fraction": ("plain_buyer",),
    "event_quantity_fraction": ("browser",),
    "email_type_unknown": ("engaged_opted_in", "customer"),
    "order_status_unknown": ("recent_buyer",),
    "survey_benefit_unknown": ("customer",),
    "order_in_jpy": ("prospect",),
    "order_currency_without_rate": ("prospect",),
    "order_versions_tied": ("recent_buyer",),
    "customer_versions_tied": ("engaged_opted_in",),
    "time_zone_lower_case": ("far_from_utc",),
    "properties_double_encoded": ("browser",),
}


@functools.cache
def _picks_cached(files_key: tuple[str, ...], root: str) -> dict[str, tuple[str, ...]]:
    con = _connect(Path(root))
    try:
        candidates = {
            role: [r[0] for r in con.execute(sql).fetchall()] for role, sql in ROLES.items()
        }
    finally:
        con.close()
    taken: set[str] = set()
    picks: dict[str, tuple[str, ...]] = {}
    for name, roles in NEEDS.items():
        chosen = []
        for role in roles:
            found = next((c for c in candidates[role] if c not in taken), None)
            if found is None:
                raise RuntimeError(
                    f"defect {name}: no customer left for role {role} in the clean zone"
                )
            taken.add(found)
            chosen.append(found)
        picks[name] = tuple(chosen)
    return picks


def _picks(root: Path) -> dict[str, tuple[str, ...]]:
    """The customers every defect is aimed at, from the clean rows (the same in both zones). Cached on the
    clean files' names relative to the zone, so the defective and reference zones get the same picks."""
    key = tuple(
        str(Path(f).relative_to(root))
        for table in ("customers", "events")
        for f in _data_files(root, table)
    )
    return _picks_cached(key, str(root))


def _customer(root: Path, name: str, index: int = 0) -> str:
    return _picks(root)[name][index]


def _write(
    root: Path, table: str, name: str, rows: list[dict], types: dict[str, str] | None = None
) -> None:
    zone.write_rows(
        root / table / f"defect-{name}.parquet",
        rows,
        {**zone.contract_types(table), **(types or {})},
    )


def _end_at(con: duckdb.DuckDBPyConnection) -> datetime:
    return con.execute("select end_at from end_of_data").fetchone()[0]


def _events_of(root: Path, customer_id: str, limit: int) -> list[dict]:
    """The customer's latest identified events (page views first: no order or cart meaning of their own)."""
    con = _connect(root)
    try:
        return [
            _clean(r)
            for r in _rows(
                con,
                f"""
                select * from events
                where user_id = '{customer_id}' and anonymous_id is not null
                order by (event = 'Page Viewed') desc, received_at desc, message_id
                limit {limit}
                """,
            )
        ]
    finally:
        con.close()


def _latest_completed_order(root: Path, customer_id: str) -> tuple[dict, list[dict]]:
    """The customer's latest completed order (its latest version) and its lines."""
    con = _connect(root)
    try:
        order = _rows(
            con,
            f"""
            select * from orders_latest
            where customer_id = '{customer_id}' and status = 'completed'
            order by created_at desc, order_id limit 1
            """,
        )[0]
        lines = _rows(
            con,
            f"select * from order_lines where order_id = '{order['order_id']}' order by line_number, filename",
        )
        return _clean(order), [_clean(line) for line in lines]
    finally:
        con.close()


def _latest_version(root: Path, customer_id: str) -> dict:
    con = _connect(root)
    try:
        return _clean(
            _rows(con, f"select * from customers_latest where customer_id = '{customer_id}'")[0]
        )
    finally:
        con.close()


def _message(name: str, number: int) -> str:
    return f"defect-{name}-{number:03d}"


# ------------------------------------------------------------------------------------------------ checks


def _scalar(con: duckdb.DuckDBPyConnection, sql: str):
    row = con.execute(sql).fetchone()
    return None if row is None else row[0]


def _same_in_both(what: str, sql: str):
    """Check: `sql` (with {db} for the warehouse) returns the same value in the defective and reference builds."""

    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        found = _scalar(con, sql.format(db="defective"))
        wanted = _scalar(con, sql.format(db="reference"))
        return [] if found == wanted else [f"{what}: {found!r}, the reference build has {wanted!r}"]

    return check


def _expect(what: str, sql: str, wanted):
    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        found = _scalar(con, sql)
        return [] if found == wanted else [f"{what}: expected {wanted!r}, found {found!r}"]

    return check


def _checks(*checks):
    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        return [message for one in checks for message in one(con)]

    return check


# ------------------------------------------------------------------------------------------------ plausible time


def _plant_event_clock_2200(root: Path) -> None:
    """An active customer's page view whose client and server clocks both say 2200-01-01."""
    event = _events_of(root, _customer(root, "event_clock_2200"), 1)[0]
    late = datetime(2200, 1, 1, 12, 0, 0)
    _write(
        root,
        "events",
        "event_clock_2200",
        [
            {
                **event,
                "message_id": _message("event_clock_2200", 0),
                "timestamp": late,
                "received_at": late,
            }
        ],
    )


def _plant_events_clock_1970(root: Path) -> None:
    """Three page views of an active customer at the epoch (a client that lost its clock)."""
    events = _events_of(root, _customer(root, "events_clock_1970"), 3)
    epoch = datetime(1970, 1, 1, 0, 0, 0)
    rows = [
        {**e, "message_id": _message("events_clock_1970", n), "timestamp": epoch + timedelta(seconds=n),
         "received_at": epoch + timedelta(seconds=n)}
        for n, e in enumerate(events)
    ]  # fmt: skip
    _write(root, "events", "events_clock_1970", rows)


def _plant_events_after_the_data(root: Path) -> None:
    """Three page views of an active customer dated 45 days after the rest of the data (a device whose clock is
    months ahead, server clock included): plausible, staged, but a handful of events is not a day of data."""
    events = _events_of(root, _customer(root, "events_after_the_data"), 3)
    con = _connect(root)
    try:
        end_at = _end_at(con)
    finally:
        con.close()
    later = end_at + timedelta(days=45)
    rows = [
        {**e, "message_id": _message("events_after_the_data", n), "timestamp": later + timedelta(minutes=n),
         "received_at": later + timedelta(minutes=n, seconds=1)}
        for n, e in enumerate(events)
    ]  # fmt: skip
    _write(root, "events", "events_after_the_data", rows)


def _plant_order_refund_dated_2200(root: Path) -> None:
    """A refund version of a customer's latest completed order stamped 2200: read as the latest version, it would
    take the order away from the customer."""
    order, _ = _latest_completed_order(root, _customer(root, "order_refund_dated_2200"))
    _write(
        root,
        "orders",
        "order_refund_dated_2200",
        [{**order, "status": "refunded", "updated_at": datetime(2200, 1, 1)}],
    )


def _plant_customer_created_1970(root: Path) -> None:
    """A newer CRM version of a recent customer whose created_at fell back to the epoch."""
    version = _latest_version(root, _customer(root, "customer_created_1970"))
    _write(
        root,
        "customers",
        "customer_created_1970",
        [
            {
                **version,
                "created_at": datetime(1970, 1, 1),
                "updated_at": version["updated_at"] + timedelta(hours=1),
            }
        ],
    )


def _plant_email_clock_1970(root: Path) -> None:
    """An engaged, opted-in customer's unsubscribe dated 1970: read as is, they would be unreachable."""
    customer_id = _customer(root, "email_clock_1970")
    _write(
        root,
        "email_events",
        "email_clock_1970",
        [{"email_event_id": "defect-email_clock_1970-000", "customer_id": customer_id, "campaign_id": "cmp_19700101",
          "event_type": "unsubscribed", "occurred_at": datetime(1970, 1, 1)}],
    )  # fmt: skip


def _plant_survey_clock_1970(root: Path) -> None:
    """A CSAT answer dated 1970 stating `price` for a buyer who never answered a survey: read as is, it would be
    their stated benefit (benefit_segment price instead of the one their orders show)."""
    _write(
        root,
        "survey_responses",
        "survey_clock_1970",
        [{"response_id": "defect-survey_clock_1970-000", "customer_id": _customer(root, "survey_clock_1970"),
          "submitted_at": datetime(1970, 1, 1), "survey_type": "csat", "score": 4, "primary_benefit": "price",
          "comment": None}],
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------ casts


def _nps_response(root: Path, name: str, index: int, score, days_ago: int = 1) -> dict:
    con = _connect(root)
    try:
        end_at = _end_at(con)
    finally:
        con.close()
    return {
        "response_id": f"defect-{name}-{index:03d}",
        "customer_id": _customer(root, name, index),
        "submitted_at": end_at - timedelta(days=days_ago),
        "survey_type": "nps",
        "score": score,
        "primary_benefit": None,
        "comment": None,
    }


def _plant_nps_score_fraction(root: Path) -> None:
    """A detractor or passive answers 9.5 (a DOUBLE score column: rounded, a promoter) and a promoter answers
    '6.5' (a text column: rounded, a passive)."""
    _write(
        root,
        "survey_responses",
        "nps_score_fraction-double",
        [_nps_response(root, "nps_score_fraction", 0, 9.5)],
        {"score": "DOUBLE"},
    )
    _write(
        root,
        "survey_responses",
        "nps_score_fraction-text",
        [_nps_response(root, "nps_score_fraction", 1, "6.5")],
        {"score": "VARCHAR"},
    )


def _plant_order_line_quantity_fraction(root: Path) -> None:
    """A line of 1.5 units of its category's priciest product added to a plain buyer's latest order (a DOUBLE
    quantity column): rounded to 2 its spend would make them quality seekers."""
    order, lines = _latest_completed_order(root, _customer(root, "order_line_quantity_fraction"))
    con = _connect(root)
    try:
        product = _rows(
            con, "select product_id, list_price from products order by list_price desc limit 1"
        )[0]
    finally:
        con.close()
    line = {
        "order_id": order["order_id"],
        "line_number": max(int(line["line_number"]) for line in lines) + 1,
        "product_id": product["product_id"],
        "quantity": 1.5,
        "unit_price": product["list_price"],
        "line_discount": Decimal("0.00"),
    }
    _write(root, "order_lines", "order_line_quantity_fraction", [line], {"quantity": "DOUBLE"})


def _plant_event_quantity_fraction(root: Path) -> None:
    """A browser adds 1.5 units to the cart yesterday: read as 2, they would be a cart abandoner in desire."""
    customer_id = _customer(root, "event_quantity_fraction")
    event = _events_of(root, customer_id, 1)[0]
    con = _connect(root)
    try:
        end_at = _end_at(con)
        product = _rows(
            con, "select product_id, category, list_price from products order by product_id limit 1"
        )[0]
    finally:
        con.close()
    at = end_at - timedelta(days=1)
    properties = (
        f'{{"product_id": "{product["product_id"]}", "category": "{product["category"]}", '
        f'"price": {product["list_price"]}, "quantity": 1.5}}'
    )
    _write(
        root,
        "events",
        "event_quantity_fraction",
        [{**event, "message_id": _message("event_quantity_fraction", 0), "event": "Product Added",
          "timestamp": at, "received_at": at + timedelta(seconds=1), "page_path": f"/products/{product['product_id']}",
          "properties": properties}],
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------ vocabulary


def _plant_email_type_unknown(root: Path) -> None:
    """A new provider event type, `soft_bounce`, for two customers (one engaged and opted in)."""
    con = _connect(root)
    try:
        end_at = _end_at(con)
    finally:
        con.close()
    rows = [
        {"email_event_id": f"defect-email_type_unknown-{n:03d}", "customer_id": _customer(root, "email_type_unknown", n),
         "campaign_id": "cmp_soft_bounce", "event_type": "soft_bounce", "occurred_at": end_at - timedelta(days=2)}
        for n in range(2)
    ]  # fmt: skip
    _write(root, "email_events", "email_type_unknown", rows)


def _plant_order_status_unknown(root: Path) -> None:
    """A later version of a recent order with a status the vocabulary does not know: `shipped`."""
    order, _ = _latest_completed_order(root, _customer(root, "order_status_unknown"))
    _write(
        root,
        "orders",
        "order_status_unknown",
        [{**order, "status": "Shipped", "updated_at": order["updated_at"] + timedelta(hours=2)}],
    )


def _plant_survey_benefit_unknown(root: Path) -> None:
    """A CSAT answer stating a benefit outside the vocabulary: `value for money`."""
    con = _connect(root)
    try:
        end_at = _end_at(con)
    finally:
        con.close()
    _write(
        root,
        "survey_responses",
        "survey_benefit_unknown",
        [{"response_id": "defect-survey_benefit_unknown-000", "customer_id": _customer(root, "survey_benefit_unknown"),
          "submitted_at": end_at - timedelta(days=3), "survey_type": "csat", "score": 4,
          "primary_benefit": "Value for money", "comment": None}],
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------ money


def _rate(currency: str, on: date) -> Decimal:
    with EXCHANGE_RATES_SEED.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if (
                row["from_currency_code"] == currency
                and row["to_currency_code"] == REPORTING_CURRENCY
                and date.fromisoformat(row["valid_from"])
                <= on
                < date.fromisoformat(row["valid_to"])
            ):
                return Decimal(row["rate"])
    raise LookupError(f"no {currency} rate on {on} in {EXCHANGE_RATES_SEED}")


def _store_order(root: Path, name: str, currency: str, unit_price: Decimal) -> tuple[dict, dict]:
    """A completed store order (no events) of one unit of a mid-priced product, five days before the end of the
    data, for the prospect the defect is aimed at, in `currency`; its single line."""
    con = _connect(root)
    try:
        end_at = _end_at(con)
        product = _rows(
            con, "select product_id from products order by product_id limit 1 offset 10"
        )[0]
    finally:
        con.close()
    at = (end_at - timedelta(days=5)).replace(hour=12, minute=0, second=0, microsecond=0)
    order = {
        "order_id": f"defect-{name}-000",
        "customer_id": _customer(root, name),
        "created_at": at,
        "status": "completed",
        "currency": currency,
        "subtotal": unit_price,
        "discount_total": Decimal("0.00"),
        "shipping_total": Decimal("0.00"),
        "tax_total": Decimal("0.00"),
        "total": unit_price,
        "coupon_code": None,
        "shipping_method": "free",
        "sales_channel": "store",
        "updated_at": at,
    }
    line = {
        "order_id": order["order_id"],
        "line_number": 1,
        "product_id": product["product_id"],
        "quantity": 1,
        "unit_price": unit_price,
        "line_discount": Decimal("0.00"),
    }
    return order, line


JPY_PRICE = Decimal("30000.00")


def _plant_order_in_jpy(root: Path) -> None:
    """A prospect's first order: 30,000 JPY (about 194 USD). Summed as 30,000 it would make them high_value."""
    order, line = _store_order(root, "order_in_jpy", "JPY", JPY_PRICE)
    _write(root, "orders", "order_in_jpy", [order])
    _write(root, "order_lines", "order_in_jpy", [line])


def _jpy_in_usd(root: Path) -> tuple[dict, dict]:
    order, line = _store_order(root, "order_in_jpy", "JPY", JPY_PRICE)
    amount = (JPY_PRICE * _rate("JPY", order["created_at"].date())).quantize(CENT, ROUND_HALF_UP)
    order = {**order, "currency": "USD", "subtotal": amount, "total": amount}
    return order, {**line, "unit_price": amount}


def _reference_order_in_jpy(root: Path) -> None:
    """The same order written in USD at the seed's rate of its month."""
    order, line = _jpy_in_usd(root)
    _write(root, "orders", "order_in_jpy", [order])
    _write(root, "order_lines", "order_in_jpy", [line])


def _check_order_in_jpy(con: duckdb.DuckDBPyConnection) -> list[str]:
    found = con.execute(
        "select currency_code, order_total from intermediate.int_orders_converted "
        "where order_id = 'defect-order_in_jpy-000'"
    ).fetchone()
    wanted = _scalar(
        con,
        "select order_total from reference.intermediate.int_orders_converted "
        "where order_id = 'defect-order_in_jpy-000'",
    )
    if found is None:
        return ["the JPY order is not in int_orders_converted"]
    if found[0] != "JPY" or wanted is None or found[1] != wanted or found[1] >= 300:
        return [
            f"the JPY order converts to {found[1]} {found[0]}, the USD reference order is {wanted}"
        ]
    return []


def _plant_order_currency_without_rate(root: Path) -> None:
    """A prospect's first order in CHF, a currency the rate seed does not hold: it cannot be converted."""
    order, line = _store_order(root, "order_currency_without_rate", "chf", Decimal("500.00"))
    _write(root, "orders", "order_currency_without_rate", [order])
    _write(root, "order_lines", "order_currency_without_rate", [line])


# ------------------------------------------------------------------------------------------------ tied versions


def _plant_order_versions_tied(root: Path) -> None:
    """A refund of a recent order stamped with the same updated_at as its completed version, and an exact copy
    of the refund. Both files sort before the clean one, so a tie won by file position would keep the completed
    version; the lifecycle makes the refund win, and its copy is a duplicate."""
    order, _ = _latest_completed_order(root, _customer(root, "order_versions_tied"))
    refund = {**order, "status": "refunded"}
    _write(root, "orders", "order_versions_tied-refund", [refund])
    _write(root, "orders", "order_versions_tied-copy", [refund])


def _reference_order_versions_tied(root: Path) -> None:
    """The refund one second later: the version a tie-break by content should have kept."""
    order, _ = _latest_completed_order(root, _customer(root, "order_versions_tied"))
    _write(
        root,
        "orders",
        "order_versions_tied-refund",
        [{**order, "status": "refunded", "updated_at": order["updated_at"] + timedelta(seconds=1)}],
    )


def _plant_customer_versions_tied(root: Path) -> None:
    """An opted-out version of an engaged, opted-in customer with the same updated_at as their latest version, and
    an exact copy of it: the opt-out wins (consent is never assumed), its copy is a duplicate."""
    version = _latest_version(root, _customer(root, "customer_versions_tied"))
    opt_out = {**version, "marketing_opt_in": False}
    _write(root, "customers", "customer_versions_tied-opt_out", [opt_out])
    _write(root, "customers", "customer_versions_tied-copy", [opt_out])


def _reference_customer_versions_tied(root: Path) -> None:
    version = _latest_version(root, _customer(root, "customer_versions_tied"))
    _write(
        root,
        "customers",
        "customer_versions_tied-opt_out",
        [
            {
                **version,
                "marketing_opt_in": False,
                "updated_at": version["updated_at"] + timedelta(seconds=1),
            }
        ],
    )


# ------------------------------------------------------------------------------------------------ spelling


def _time_zone_version(root: Path, lower: bool) -> dict:
    version = _latest_version(root, _customer(root, "time_zone_lower_case"))
    zone_name = version["timezone"]
    return {
        **version,
        "timezone": zone_name.lower() if lower else zone_name,
        "updated_at": version["updated_at"] + timedelta(hours=1),
    }


def _plant_time_zone_lower_case(root: Path) -> None:
    """A newer CRM version of a buyer far from UTC with the time zone in lower case (asia/tokyo)."""
    _write(root, "customers", "time_zone_lower_case", [_time_zone_version(root, lower=True)])


def _reference_time_zone_lower_case(root: Path) -> None:
    _write(root, "customers", "time_zone_lower_case", [_time_zone_version(root, lower=False)])


def _double_encoded_events(root: Path, encoded: bool) -> list[dict]:
    """A browser's product view and cart add yesterday, with the properties JSON encoded twice (or once)."""
    import json

    customer_id = _customer(root, "properties_double_encoded")
    event = _events_of(root, customer_id, 1)[0]
    con = _connect(root)
    try:
        end_at = _end_at(con)
        product = _rows(
            con, "select product_id, category, list_price from products order by product_id limit 1"
        )[0]
    finally:
        con.close()
    rows = []
    for n, name in enumerate(("Product Viewed", "Product Added")):
        properties = {"product_id": product["product_id"], "category": product["category"],
                      "price": float(product["list_price"])}  # fmt: skip
        if name == "Product Added":
            properties["quantity"] = 2
        text = json.dumps(properties)
        at = end_at - timedelta(days=1) + timedelta(minutes=n)
        rows.append(
            {**event, "message_id": _message("properties_double_encoded", n), "event": name, "timestamp": at,
             "received_at": at + timedelta(seconds=1), "page_path": f"/products/{product['product_id']}",
             "properties": json.dumps(text) if encoded else text}
        )  # fmt: skip
    return rows


def _plant_properties_double_encoded(root: Path) -> None:
    _write(root, "events", "properties_double_encoded", _double_encoded_events(root, encoded=True))


def _reference_properties_double_encoded(root: Path) -> None:
    _write(root, "events", "properties_double_encoded", _double_encoded_events(root, encoded=False))


# ------------------------------------------------------------------------------------------------ the list

DEFECTS: list[Defect] = [
    Defect(
        name="event_clock_2200",
        defect_class="plausible time",
        outcome="an event whose client and server clocks say 2200 is quarantined (implausible_timestamp); the "
        "as-of date stays the data's last day",
        plant=_plant_event_clock_2200,
        rejected={("tracking.events", "implausible_timestamp"): 1},
        check=_checks(
            _same_in_both(
                "as-of date", "select as_of_date from {db}.intermediate.int_current_as_of_date"
            ),
            _same_in_both(
                "last period end of the history",
                "select max(period_end) from {db}.marts.segment_history",
            ),
        ),
    ),
    Defect(
        name="events_clock_1970",
        defect_class="plausible time",
        outcome="three events at 1970-01-01 are quarantined (implausible_timestamp); the history still starts "
        "with the data",
        plant=_plant_events_clock_1970,
        rejected={("tracking.events", "implausible_timestamp"): 3},
        check=_same_in_both(
            "first as-of date of the spine",
            "select min(as_of_date) from {db}.intermediate.int_as_of_date_spine",
        ),
    ),
    Defect(
        name="events_after_the_data",
        defect_class="plausible time",
        outcome="three plausible events dated 45 days after the data are staged, but fewer than "
        "segments__as_of_min_day_share of a day's events do not make a day of data: the as-of date stays",
        plant=_plant_events_after_the_data,
        check=_checks(
            _same_in_both(
                "as-of date", "select as_of_date from {db}.intermediate.int_current_as_of_date"
            ),
            _expect(
                "staged events dated after the data",
                "select count(*) from staging.stg_tracking__events "
                "where event_id like 'defect-events_after_the_data-%'",
                3,
            ),
        ),
    ),
    Defect(
        name="order_refund_dated_2200",
        defect_class="plausible time",
        outcome="an order version stamped 2200 (a refund) is quarantined (implausible_timestamp); the order's "
        "previous version stays",
        plant=_plant_order_refund_dated_2200,
        rejected={("commerce.orders", "implausible_timestamp"): 1},
    ),
    Defect(
        name="customer_created_1970",
        defect_class="plausible time",
        outcome="a CRM version created at the epoch is quarantined (implausible_timestamp); the previous "
        "version stays",
        plant=_plant_customer_created_1970,
        rejected={("crm.customers", "implausible_timestamp"): 1},
    ),
    Defect(
        name="email_clock_1970",
        defect_class="plausible time",
        outcome="an unsubscribe dated 1970-01-01 is quarantined (implausible_timestamp): the customer stays "
        "contactable",
        plant=_plant_email_clock_1970,
        rejected={("email.email_events", "implausible_timestamp"): 1},
    ),
    Defect(
        name="survey_clock_1970",
        defect_class="plausible time",
        outcome="a survey answer dated 1970 (stating a benefit) is quarantined (implausible_timestamp)",
        plant=_plant_survey_clock_1970,
        rejected={("survey.survey_responses", "implausible_timestamp"): 1},
    ),
    Defect(
        name="nps_score_fraction",
        defect_class="values that change meaning when cast",
        outcome="NPS 9.5 (a DOUBLE column) and '6.5' (text) are quarantined (invalid_value), never rounded to a "
        "promoter or a passive",
        plant=_plant_nps_score_fraction,
        rejected={("survey.survey_responses", "invalid_value"): 2},
    ),
    Defect(
        name="order_line_quantity_fraction",
        defect_class="values that change meaning when cast",
        outcome="an order line of 1.5 units is quarantined (invalid_value), never rounded to 2; the order and "
        "its other lines stay",
        plant=_plant_order_line_quantity_fraction,
        rejected={("commerce.order_lines", "invalid_value"): 1},
    ),
    Defect(
        name="event_quantity_fraction",
        defect_class="values that change meaning when cast",
        outcome="a cart add of quantity 1.5 is quarantined (invalid_value)",
        plant=_plant_event_quantity_fraction,
        rejected={("tracking.events", "invalid_value"): 1},
    ),
    Defect(
        name="email_type_unknown",
        defect_class="unknown vocabulary",
        outcome="email events of a new type (soft_bounce) are quarantined (unknown_value), counted in "
        "audit.unknown_values and named by a warning; the build stays green",
        plant=_plant_email_type_unknown,
        rejected={("email.email_events", "unknown_value"): 2},
        check=_expect(
            "audit.unknown_values row of soft_bounce",
            "select row_count from audit.unknown_values where source_table = 'email.email_events' "
            "and column_name = 'event_type' and unknown_value = 'soft_bounce'",
            2,
        ),
    ),
    Defect(
        name="order_status_unknown",
        defect_class="unknown vocabulary",
        outcome="an order version with a new status (Shipped) is quarantined (unknown_value) and counted; the "
        "previous version stays",
        plant=_plant_order_status_unknown,
        rejected={("commerce.orders", "unknown_value"): 1},
        check=_expect(
            "audit.unknown_values row of shipped",
            "select row_count from audit.unknown_values where source_table = 'commerce.orders' "
            "and column_name = 'status' and unknown_value = 'shipped'",
            1,
        ),
    ),
    Defect(
        name="survey_benefit_unknown",
        defect_class="unknown vocabulary",
        outcome="a survey answer stating a benefit outside the vocabulary is quarantined (unknown_value) and "
        "counted",
        plant=_plant_survey_benefit_unknown,
        rejected={("survey.survey_responses", "unknown_value"): 1},
        check=_expect(
            "audit.unknown_values row of value for money",
            "select row_count from audit.unknown_values where source_table = 'survey.survey_responses' "
            "and column_name = 'primary_benefit' and unknown_value = 'value for money'",
            1,
        ),
    ),
    Defect(
        name="order_in_jpy",
        defect_class="money",
        outcome="an order in JPY is converted to the reporting currency with the rate of its month (30,000 JPY "
        "is about 194 USD: the buyer stays a first_time_buyer, not high_value)",
        plant=_plant_order_in_jpy,
        reference=_reference_order_in_jpy,
        check=_check_order_in_jpy,
    ),
    Defect(
        name="order_currency_without_rate",
        defect_class="money",
        outcome="an order in a currency without a rate (CHF) is quarantined (missing_exchange_rate); its line "
        "follows as orphan_order_line",
        plant=_plant_order_currency_without_rate,
        rejected={
            ("commerce.orders", "missing_exchange_rate"): 1,
            ("commerce.order_lines", "orphan_order_line"): 1,
        },
    ),
    Defect(
        name="order_versions_tied",
        defect_class="tied versions",
        outcome="two differing order versions tied on updated_at: the later status of the lifecycle wins "
        "whatever the files (the other is conflicting_version); an identical copy is a duplicate",
        plant=_plant_order_versions_tied,
        reference=_reference_order_versions_tied,
        # the reference holds the refund one second later: the completed version is superseded there
        rejected={
            ("commerce.orders", "conflicting_version"): 1,
            ("commerce.orders", "duplicate"): 1,
            ("commerce.orders", "superseded_version"): -1,
        },
    ),
    Defect(
        name="customer_versions_tied",
        defect_class="tied versions",
        outcome="two differing CRM versions tied on updated_at: the opted-out one wins whatever the files (the "
        "other is conflicting_version); an identical copy is a duplicate",
        plant=_plant_customer_versions_tied,
        reference=_reference_customer_versions_tied,
        rejected={
            ("crm.customers", "conflicting_version"): 1,
            ("crm.customers", "duplicate"): 1,
            ("crm.customers", "superseded_version"): -1,
        },
    ),
    Defect(
        name="time_zone_lower_case",
        defect_class="spelling",
        outcome="a valid time zone in lower case (asia/tokyo) is spelled as its IANA name, not replaced by UTC",
        plant=_plant_time_zone_lower_case,
        reference=_reference_time_zone_lower_case,
    ),
    Defect(
        name="properties_double_encoded",
        defect_class="spelling",
        outcome="double-encoded JSON properties (a JSON string holding the object) are decoded and staged",
        plant=_plant_properties_double_encoded,
        reference=_reference_properties_double_encoded,
        check=_expect(
            "staged product ids of the double-encoded events",
            "select count(product_id) from staging.stg_tracking__events "
            "where event_id like 'defect-properties_double_encoded-%'",
            2,
        ),
    ),
]
SCENARIOS: list[Scenario] = []
