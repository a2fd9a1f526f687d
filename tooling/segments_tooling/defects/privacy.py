"""Privacy defects: personal data in free text and URL fields, personal data used as an id, and erasure of one
customer of a shared device.

Each defect copies real events of the clean zone and re-keys them, so the reference zone can hold the same events
in the form the warehouse must end up with: free text already scrubbed (what staging writes), or without the
erased customer's events.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import duckdb

from segments_tooling.defects import Defect, Scenario, landing, zone

TOKEN = "[redacted]"
# Planted personal data: a name and a mail domain no demo row uses, so any trace of them past staging is a leak.
FIRST_NAME = "Zebulon"
LAST_NAME = "Quackenbush"
DOMAIN = "planted-mail.example"
PLANTED_STRINGS = ("zebulon", "quackenbush", "planted-mail")
PLANTED_PHONES = ("7700 900123", "7700%20900123", "447700900123", "123-4567", "7946 0958")
SCHEMAS_PAST_STAGING = ("intermediate", "marts", "audit", "snapshots")


def _write(root: Path, table: str, name: str, rows: list[dict]) -> None:
    zone.write_rows(root / table / f"defect-{name}.parquet", rows, zone.contract_types(table))


def _events_of(root: Path, event: str, count: int, extra: str = "true") -> list[dict]:
    rows = zone.base_rows_contract(
        root,
        "events",
        f"event = '{event}' and user_id is not null and properties is not null and {extra}",
        "message_id",
    )
    return rows[:count]


def _query(con: duckdb.DuckDBPyConnection, sql: str, parameters=None) -> list[tuple]:
    return con.execute(sql, parameters or []).fetchall()


# --- PII in free text and URL fields ---------------------------------------------------------------------------

# (raw value as landed, value as staging writes it); the reference zone lands the second.
URL_PAGE_PATHS = [
    (
        (
            f"/account?email={FIRST_NAME.lower()}.{LAST_NAME.lower()}%40{DOMAIN}"
            f"&first_name={FIRST_NAME}&last_name={LAST_NAME}&ref=spring"
        ),
        f"/account?email={TOKEN}&first_name={TOKEN}&last_name={TOKEN}&ref=spring",
    ),
    (f"/welcome/{FIRST_NAME.lower()}%2Bnews%40{DOMAIN}", f"/welcome/{TOKEN}"),
    (
        f"/checkout/thank-you?Name={FIRST_NAME}%20{LAST_NAME}&order=100234567890",
        f"/checkout/thank-you?Name={TOKEN}&order=100234567890",
    ),
    (
        f"/r?next=%2Faccount%3Ffirst-name%3D{FIRST_NAME}%26step%3D2",
        f"/r?next=%2Faccount%3Ffirst-name%3D{TOKEN}%26step%3D2",
    ),
]
URL_SEARCH_QUERIES = [
    (f"{FIRST_NAME.lower()}.{LAST_NAME.lower()}@{DOMAIN}", TOKEN),
    (f"gift for {FIRST_NAME.lower()}+gifts@{DOMAIN}", f"gift for {TOKEN}"),
    (f"{LAST_NAME.upper()}%40{DOMAIN.upper()}", TOKEN),
]
# (utm_source, utm_medium, utm_campaign) landed -> staged (staging lower-cases UTM fields, then scrubs them)
URL_UTM_FIELDS = [
    (
        ("Newsletter", "email", f"welcome_{FIRST_NAME}.{LAST_NAME}%40{DOMAIN}"),
        ("newsletter", "email", TOKEN),
    ),
    (
        ("partner", "referral", f"invite?email={FIRST_NAME}%40{DOMAIN}&name={FIRST_NAME}"),
        ("partner", "referral", f"invite?email={TOKEN}&name={TOKEN}"),
    ),
]

PHONE_PAGE_PATHS = [
    ("/contact?phone=%2B44%207700%20900123&topic=returns", f"/contact?phone={TOKEN}&topic=returns"),
    ("/call/+44 7700 900123", f"/call/{TOKEN}"),
    # what must stay: an unbroken order number, a dashed order number, dates, a product id
    ("/orders/100234567890/track", "/orders/100234567890/track"),
    ("/orders/2026-000123", "/orders/2026-000123"),
    ("/blog/2026-01-05/events/05-01-2026", "/blog/2026-01-05/events/05-01-2026"),
]
PHONE_SEARCH_QUERIES = [
    ("call me on 07700 900123", f"call me on {TOKEN}"),
    ("(555) 123-4567", TOKEN),
    ("tel 020 7946 0958, ask for returns", f"tel {TOKEN}, ask for returns"),
    ("prd_0271 size 10-12", "prd_0271 size 10-12"),
    ("order 2026-000123", "order 2026-000123"),
]
PHONE_UTM_FIELDS = [
    (("sms", "sms", "sms_+447700900123"), ("sms", "sms", f"sms_{TOKEN}")),
]


def _free_text_rows(root: Path, name: str, paths, queries, utm_fields, staged: bool) -> list[dict]:
    """Copies of real identified events (page views for paths and UTM fields, searches for queries), re-keyed,
    carrying the planted values as landed (staged=False) or as staging writes them (staged=True)."""
    index = 1 if staged else 0
    rows = []
    page_views = _events_of(root, "Page Viewed", len(paths) + len(utm_fields))
    for number, (row, values) in enumerate(zip(page_views, paths, strict=False)):
        rows.append(
            {**row, "message_id": f"defect-{name}-path-{number}", "page_path": values[index]}
        )
    for number, (row, values) in enumerate(zip(page_views[len(paths) :], utm_fields, strict=False)):
        source, medium, campaign = values[index]
        rows.append(
            {
                **row,
                "message_id": f"defect-{name}-utm-{number}",
                "utm_source": source,
                "utm_medium": medium,
                "utm_campaign": campaign,
            }
        )
    for number, (row, values) in enumerate(
        zip(_events_of(root, "Products Searched", len(queries)), queries, strict=True)
    ):
        query = values[index].replace('"', '\\"')
        rows.append(
            {
                **row,
                "message_id": f"defect-{name}-query-{number}",
                "properties": f'{{"query": "{query}"}}',
            }
        )
    return rows


def _expected_free_text(name: str, paths, queries, utm_fields) -> dict[str, tuple]:
    """event_id -> (page_path, search_query, utm_source, utm_medium, utm_campaign) as staged; None = as copied."""
    expected = {}
    for number, (_, staged) in enumerate(paths):
        expected[f"defect-{name}-path-{number}"] = (staged, None, None, None, None)
    for number, (_, staged) in enumerate(utm_fields):
        expected[f"defect-{name}-utm-{number}"] = (None, None, *staged)
    for number, (_, staged) in enumerate(queries):
        expected[f"defect-{name}-query-{number}"] = (None, staged, None, None, None)
    return expected


def _check_free_text(name: str, paths, queries, utm_fields):
    expected = _expected_free_text(name, paths, queries, utm_fields)

    def check(con: duckdb.DuckDBPyConnection) -> list[str]:
        found = {
            row[0]: row[1:]
            for row in _query(
                con,
                "select event_id, page_path, search_query, utm_source, utm_medium, utm_campaign "
                "from intermediate.int_events_stitched where event_id like ?",
                [f"defect-{name}-%"],
            )
        }
        failures = []
        for event_id, values in expected.items():
            if event_id not in found:
                failures.append(f"{event_id} is not in int_events_stitched")
                continue
            for column, want, got in zip(
                ("page_path", "search_query", "utm_source", "utm_medium", "utm_campaign"),
                values,
                found[event_id],
                strict=True,
            ):
                if want is not None and want != got:
                    failures.append(f"{event_id}.{column}: staged {got!r}, expected {want!r}")
        return failures

    return check


def _plant_pii_in_urls(root: Path) -> None:
    name = "pii_in_urls"
    rows = _free_text_rows(root, name, URL_PAGE_PATHS, URL_SEARCH_QUERIES, URL_UTM_FIELDS, False)
    _write(root, "events", name, rows)
    # the audit's raw records: a copy with malformed JSON, and a later copy of a planted event (a duplicate)
    email = f"{FIRST_NAME}.{LAST_NAME}@{DOMAIN}"
    malformed = {
        **rows[0],
        "message_id": f"defect-{name}-malformed",
        "properties": f'{{"query": "{email}"',
    }
    duplicate = {
        **rows[0],
        "received_at": rows[0]["received_at"] + timedelta(minutes=5),
        "properties": f'{{"query": "{email}", "note": "call +44 7700 900123"}}',
    }
    _write(root, "events", f"{name}-audit", [malformed, duplicate])


def _reference_pii_in_urls(root: Path) -> None:
    name = "pii_in_urls"
    rows = _free_text_rows(root, name, URL_PAGE_PATHS, URL_SEARCH_QUERIES, URL_UTM_FIELDS, True)
    _write(root, "events", name, rows)


def _check_audit_scrubbed(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = _query(
        con,
        "select record_key, rejection_reason, raw_record from audit.rejected_rows where record_key like ?",
        ["defect-pii_in_urls-%"],
    )
    if sorted(r[1] for r in rows) != ["duplicate", "malformed_json"]:
        return [
            f"audit.rejected_rows holds {[(r[0], r[1]) for r in rows]} for the planted audit rows"
        ]
    return [
        f"audit.rejected_rows {key} ({reason}): raw record not scrubbed: {record}"
        for key, reason, record in rows
        if TOKEN not in record or "7700" in record
    ]


def _plant_phone_numbers(root: Path) -> None:
    name = "phone_numbers"
    rows = _free_text_rows(
        root, name, PHONE_PAGE_PATHS, PHONE_SEARCH_QUERIES, PHONE_UTM_FIELDS, False
    )
    _write(root, "events", name, rows)


def _reference_phone_numbers(root: Path) -> None:
    name = "phone_numbers"
    rows = _free_text_rows(
        root, name, PHONE_PAGE_PATHS, PHONE_SEARCH_QUERIES, PHONE_UTM_FIELDS, True
    )
    _write(root, "events", name, rows)


# --- erasure on a shared device --------------------------------------------------------------------------------

KIOSK_LAST_ERASED = "defect-kiosk-a"
KIOSK_ERASED_BEFORE = "defect-kiosk-b"
KIOSK_A_CUSTOMERS = 50
KIOSK_B_CUSTOMERS = 10


def _kiosk_plan(root: Path) -> dict:
    """The kiosk events, as landed: kiosk A is used by 50 customers, the erased one last, with anonymous events
    between the sign-ins; kiosk B by 10 others and the erased customer, one of them last, with anonymous events
    after. Each sign-in is a copy of the customer's earliest identified page view (its real time); the copies
    only the defective zone holds are never the earliest or the latest events of the zone (the as-of spine and
    date stay)."""
    customers = zone.base_rows_contract(
        root,
        "customers",
        "customer_id not like 'cus_persona%' and customer_id not in "
        "(select customer_id from rows where deleted_at is not null)",
        "customer_id, updated_at",
    )
    customer_ids = sorted({row["customer_id"] for row in customers})
    listed = ", ".join(f"'{c}'" for c in customer_ids)
    first_events = {}
    for row in zone.base_rows_contract(
        root,
        "events",
        f"user_id in ({listed}) and anonymous_id is not null and event = 'Page Viewed'",
        "user_id, timestamp, message_id",
    ):
        first_events.setdefault(row["user_id"], row)
    chosen = sorted(first_events)[: KIOSK_A_CUSTOMERS + KIOSK_B_CUSTOMERS]
    kiosk_a = sorted(
        (first_events[c] for c in chosen[:KIOSK_A_CUSTOMERS]),
        key=lambda r: (r["timestamp"], r["message_id"]),
    )
    kiosk_b = sorted(
        (first_events[c] for c in chosen[KIOSK_A_CUSTOMERS:]),
        key=lambda r: (r["timestamp"], r["message_id"]),
    )
    erased = kiosk_a[-1]["user_id"]

    def copy(row: dict, key: str, device: str, shift: timedelta = timedelta(0), user=...) -> dict:
        return {
            **row,
            "message_id": f"defect-kiosk_erasure-{key}",
            "anonymous_id": device,
            "user_id": row["user_id"] if user is ... else user,
            "timestamp": row["timestamp"] + shift,
            "received_at": row["received_at"] + shift,
        }

    own_a = [copy(row, f"a-{n:02d}", KIOSK_LAST_ERASED) for n, row in enumerate(kiosk_a)]
    anonymous_a = [
        copy(kiosk_a[0], "a-anon-0", KIOSK_LAST_ERASED, timedelta(minutes=1), None),
        copy(kiosk_a[len(kiosk_a) // 2], "a-anon-1", KIOSK_LAST_ERASED, timedelta(minutes=1), None),
        copy(kiosk_a[-1], "a-anon-2", KIOSK_LAST_ERASED, timedelta(minutes=1), None),
        copy(kiosk_a[-1], "a-anon-3", KIOSK_LAST_ERASED, timedelta(minutes=2), None),
    ]
    own_b = [copy(row, f"b-{n:02d}", KIOSK_ERASED_BEFORE) for n, row in enumerate(kiosk_b)]
    erased_on_b = copy(
        kiosk_a[-1],
        "b-erased",
        KIOSK_ERASED_BEFORE,
        kiosk_b[-1]["timestamp"] - kiosk_a[-1]["timestamp"] - timedelta(minutes=1),
    )
    anonymous_b = [
        copy(kiosk_b[-1], "b-anon-0", KIOSK_ERASED_BEFORE, timedelta(minutes=1), None),
        copy(kiosk_b[-1], "b-anon-1", KIOSK_ERASED_BEFORE, timedelta(minutes=2), None),
    ]
    latest_version = max(
        (row for row in customers if row["customer_id"] == erased), key=lambda r: r["updated_at"]
    )
    erasure = {
        **latest_version,
        "deleted_at": latest_version["updated_at"] + timedelta(days=1),
        "updated_at": latest_version["updated_at"] + timedelta(days=1),
    }
    # a later sign-in on kiosk A by another of its customers, received after every event of the zone
    latest = max(
        row["received_at"] for row in zone.base_rows_contract(root, "events", "true", "message_id")
    )
    later = kiosk_a[0]
    later_signin = copy(
        later, "a-later", KIOSK_LAST_ERASED, latest + timedelta(minutes=1) - later["received_at"]
    )
    return {
        "erased": erased,
        "later_signin": later_signin,
        "kept": own_a[:-1] + own_b + anonymous_b,
        "gone": [own_a[-1], *anonymous_a, erased_on_b],
        "kiosk_a_others": [row["user_id"] for row in own_a[:-1]],
        "kiosk_b_last": kiosk_b[-1]["user_id"],
        "erasure": erasure,
    }


def _plant_kiosk_erasure(root: Path) -> None:
    plan = _kiosk_plan(root)
    _write(root, "events", "kiosk_erasure", plan["kept"] + plan["gone"])
    _write(root, "customers", "kiosk_erasure", [plan["erasure"]])


def _reference_kiosk_erasure(root: Path) -> None:
    plan = _kiosk_plan(root)
    _write(root, "events", "kiosk_erasure", plan["kept"])
    _write(root, "customers", "kiosk_erasure", [plan["erasure"]])


def _check_kiosk_erasure(con: duckdb.DuckDBPyConnection) -> list[str]:
    stitched = {
        row[0]: row[1:]
        for row in _query(
            con,
            "select event_id, customer_id, anonymous_id from intermediate.int_events_stitched "
            "where event_id like 'defect-kiosk_erasure-%'",
        )
    }
    erased = _query(
        con,
        "select customer_id from staging.stg_crm__customers where is_erased and customer_id in "
        "(select customer_id from staging.stg_tracking__events where event_id = 'defect-kiosk_erasure-b-erased')",
    )
    if len(erased) != 1:
        return ["the erased kiosk customer is not erased in stg_crm__customers"]
    erased_id = erased[0][0]
    failures = []
    own_a = {
        k: v
        for k, v in stitched.items()
        if k.startswith("defect-kiosk_erasure-a-") and "anon" not in k
    }
    if len(own_a) != KIOSK_A_CUSTOMERS - 1:
        failures.append(
            f"kiosk A: {len(own_a)} of the other {KIOSK_A_CUSTOMERS - 1} customers' own events kept"
        )
    failures += [
        f"kiosk A: {event_id} kept as {values}, expected its own customer without the device id"
        for event_id, values in own_a.items()
        if values[0] is None or values[0] == erased_id or values[1] is not None
    ]
    gone = [
        k
        for k in stitched
        if k.startswith("defect-kiosk_erasure-a-anon") or k == "defect-kiosk_erasure-b-erased"
    ]
    if gone:
        failures.append(f"the erased customer's kiosk events are still stitched: {sorted(gone)}")
    last_b = _query(
        con,
        "select customer_id from staging.stg_tracking__events where event_id = ?",
        [f"defect-kiosk_erasure-b-{KIOSK_B_CUSTOMERS - 1:02d}"],
    )[0][0]
    for key in ("defect-kiosk_erasure-b-anon-0", "defect-kiosk_erasure-b-anon-1"):
        if stitched.get(key) != (last_b, KIOSK_ERASED_BEFORE):
            failures.append(f"kiosk B: {key} is {stitched.get(key)}, expected ({last_b}, kiosk B)")
    own_b = [k for k in stitched if k.startswith("defect-kiosk_erasure-b-") and k[-2:].isdigit()]
    if len(own_b) != KIOSK_B_CUSTOMERS:
        failures.append(f"kiosk B: {len(own_b)} of {KIOSK_B_CUSTOMERS} customers' own events kept")
    leftovers = _query(
        con,
        "select count(*) from intermediate.int_events_stitched where customer_id = ? "
        "or anonymous_id = ? or person_id = ?",
        [erased_id, KIOSK_LAST_ERASED, f"anon:{KIOSK_LAST_ERASED}"],
    )[0][0]
    if leftovers:
        failures.append(f"{leftovers} stitched events of the erased customer or of kiosk A remain")
    for relation in ("marts.customer_segments", "intermediate.int_identities_stitched"):
        count = _query(con, f"select count(*) from {relation} where customer_id = ?", [erased_id])[
            0
        ][0]
        if count:
            failures.append(f"{relation} still holds the erased customer ({count} rows)")
    return failures


DEFECTS: list[Defect] = [
    Defect(
        name="pii_in_urls",
        defect_class="PII in free text and URL fields",
        outcome=(
            "emails (in clear, %40-encoded, with + or %2B) and names in personal URL parameters of page paths, "
            "search queries and UTM fields are replaced by [redacted] in staging (order numbers and other "
            "parameters stay); the audit's raw records are scrubbed the same way"
        ),
        plant=_plant_pii_in_urls,
        reference=_reference_pii_in_urls,
        rejected={("tracking.events", "malformed_json"): 1, ("tracking.events", "duplicate"): 1},
        pii=PLANTED_STRINGS,
        check=lambda con: (
            _check_free_text("pii_in_urls", URL_PAGE_PATHS, URL_SEARCH_QUERIES, URL_UTM_FIELDS)(con)
            + _check_audit_scrubbed(con)
        ),
    ),
    Defect(
        name="phone_numbers",
        defect_class="PII in free text and URL fields",
        outcome=(
            "phone numbers (+44, %2B-encoded, (555) 123-4567, 0 trunk prefix) in page paths, search queries and "
            "UTM fields are replaced by [redacted]; order numbers, dashed ids, product ids and dates stay"
        ),
        plant=_plant_phone_numbers,
        reference=_reference_phone_numbers,
        pii=PLANTED_PHONES,
        check=_check_free_text(
            "phone_numbers", PHONE_PAGE_PATHS, PHONE_SEARCH_QUERIES, PHONE_UTM_FIELDS
        ),
    ),
    Defect(
        name="kiosk_erasure",
        defect_class="erasure of one customer of a shared device",
        outcome=(
            "of a kiosk used by 50 customers, erasing the one who signed in last removes their events and the "
            "kiosk's anonymous events (the stitching's, so theirs); the 49 others keep their own events, without "
            "the kiosk's id; on a kiosk another customer used last, the anonymous events stay that customer's"
        ),
        plant=_plant_kiosk_erasure,
        reference=_reference_kiosk_erasure,
        check=_check_kiosk_erasure,
    ),
]


# --- personal data used as an id: the build stops at staging ---------------------------------------------------

EMAIL_ID = f"{FIRST_NAME.lower()}.{LAST_NAME.lower()}@{DOMAIN}"
EMAIL_ID_TARGET = "defects-scenario-email-id"


def _downstream_relations(manifest_path: Path, models: tuple[str, ...]) -> set[tuple[str, str]]:
    """(schema, relation) of every model and snapshot downstream of `models` in dbt's manifest."""
    manifest = json.loads(manifest_path.read_text())
    nodes = manifest["nodes"]
    queue = [
        uid
        for uid, node in nodes.items()
        if node["resource_type"] == "model" and node["name"] in models
    ]
    seen: set[str] = set()
    while queue:
        for child in manifest["child_map"].get(queue.pop(), []):
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return {
        (nodes[uid]["schema"], nodes[uid]["alias"] or nodes[uid]["name"])
        for uid in seen
        if uid in nodes and nodes[uid]["resource_type"] in ("model", "snapshot")
    }


def _run_email_as_customer_id(base_root: Path, work_dir: Path, dbt) -> list[str]:
    root = work_dir / "zone" / "raw"
    shutil.copytree(base_root, root)
    # a customer with identified events: their CRM row and five of their events, under the email
    identified = zone.base_rows_contract(
        root, "events", "user_id like 'cus_0%'", "user_id, timestamp"
    )
    customer_id = identified[0]["user_id"]
    events = [row for row in identified if row["user_id"] == customer_id][:5]
    template = zone.base_rows_contract(
        root, "customers", f"customer_id = '{customer_id}'", "updated_at"
    )[-1]
    _write(
        root,
        "customers",
        "email_as_customer_id",
        [{**template, "customer_id": EMAIL_ID, "email": EMAIL_ID}],
    )
    _write(
        root,
        "events",
        "email_as_customer_id",
        [
            {**row, "message_id": f"defect-email_as_customer_id-{n}", "user_id": EMAIL_ID}
            for n, row in enumerate(events)
        ],
    )
    db = work_dir / "warehouse.duckdb"
    result = dbt(["build"], root, db, EMAIL_ID_TARGET)
    log = result.stdout + result.stderr
    (work_dir / "build.log").write_text(log)
    failures = []
    if result.returncode == 0:
        return ["dbt build passed with an email as a customer id"]
    failed = sorted(
        line.split("Failure in test ")[1].split()[0]
        for line in log.splitlines()
        if "Failure in test " in line
    )
    expected = ["no_pii_stg_crm__customers_customer_id", "no_pii_stg_tracking__events_customer_id"]
    if failed != expected:
        failures.append(f"failed tests {failed}, expected exactly {expected}")
    if "Error in" in log or not db.exists():
        failures.append(
            f"the build has errors besides the staging test failures: see {work_dir / 'build.log'}"
        )
        return failures
    project_dir = Path(__file__).resolve().parents[3]
    downstream = _downstream_relations(
        project_dir / "target" / EMAIL_ID_TARGET / "manifest.json",
        ("stg_crm__customers", "stg_tracking__events"),
    )
    if ("snapshots", "customer_segments_snapshot") not in downstream:
        failures.append("the manifest does not put the snapshot downstream of the staging models")
    con = duckdb.connect(str(db), read_only=True)
    try:
        built = set(_query(con, "select table_schema, table_name from information_schema.tables"))
        failures += [
            f"{schema}.{name} was built: the build did not stop at staging"
            for schema, name in sorted(downstream & built)
        ]
        columns = _query(
            con,
            "select table_schema, table_name, column_name from information_schema.columns "
            f"where table_schema in {SCHEMAS_PAST_STAGING} and data_type = 'VARCHAR'",
        )
        for schema, table, column in columns:
            found = _query(
                con,
                f'select count(*) from "{schema}"."{table}" where contains(lower("{column}"), ?) '
                f'or contains(lower("{column}"), ?)',
                [DOMAIN, FIRST_NAME.lower()],
            )[0][0]
            if found:
                failures.append(f"{schema}.{table}.{column} holds the email ({found} rows)")
    finally:
        con.close()
    return failures


# --- erasure of one customer of a shared device, run by run -----------------------------------------------------

# Relations an incremental run must leave equal to a fresh build of the same landing zone.
ERASURE_RELATIONS = (
    "intermediate.int_identities_stitched",
    "intermediate.int_events_stitched",
    "intermediate.int_sessions",
    "marts.customer_segments",
    "marts.segment_history",
    "audit.rejected_rows",
)


def _build(dbt, root: Path, db: Path, work_dir: Path, label: str, args=("build",)) -> list[str]:
    result = dbt([*args], root, db, f"defects-scenario-kiosk-{label.split('-')[0]}")
    log = work_dir / f"{label}.log"
    log.write_text(result.stdout + result.stderr)
    return [] if result.returncode == 0 else [f"dbt build ({label}) failed: see {log}"]


def _equal_to_fresh(db: Path, fresh: Path, label: str) -> list[str]:
    con = duckdb.connect()
    try:
        con.execute(f"attach {zone.sql_path(db)} as built (read_only)")
        con.execute(f"attach {zone.sql_path(fresh)} as fresh (read_only)")
        failures = []
        for relation in ERASURE_RELATIONS:
            for left, right in (("built", "fresh"), ("fresh", "built")):
                count = con.execute(
                    f"select count(*) from (select * from {left}.{relation} "
                    f"except all select * from {right}.{relation})"
                ).fetchone()[0]
                if count:
                    failures.append(f"{label}: {relation}: {count} rows of the {left} build only")
        return failures
    finally:
        con.close()


def _run_kiosk_erasure_incremental(base_root: Path, work_dir: Path, dbt) -> list[str]:
    """The kiosk defect, run by run: the kiosk events land first; then the erasure of the customer who signed in
    last on kiosk A; then another customer signs in on kiosk A, which moves its anonymous events to them. After
    each incremental run the stitched events, sessions, labels and audit equal a fresh build."""
    root = work_dir / "zone" / "raw"
    shutil.copytree(base_root, root)
    plan = _kiosk_plan(root)
    _write(root, "events", "kiosk_erasure", plan["kept"] + plan["gone"])
    db = work_dir / "warehouse.duckdb"
    failures = _build(dbt, root, db, work_dir, "1-kiosk", landing.UNTESTED)
    if failures:
        return failures
    steps = [
        ("2-erasure", "customers", [plan["erasure"]]),
        ("3-signin", "events", [plan["later_signin"]]),
    ]
    for label, table, rows in steps:
        _write(root, table, f"kiosk_erasure-{label}", rows)
        failures += _build(dbt, root, db, work_dir, label)
        fresh = work_dir / f"fresh-{label}.duckdb"
        failures += _build(dbt, root, fresh, work_dir, f"fresh-{label}", landing.UNTESTED)
        if failures:
            return failures
        failures += _equal_to_fresh(db, fresh, label)
    # after the later sign-in, kiosk A's anonymous events are the new customer's; the erased one's stay gone
    con = duckdb.connect(str(db), read_only=True)
    try:
        anonymous = _query(
            con,
            "select customer_id, count(*) from intermediate.int_events_stitched "
            "where event_id like 'defect-kiosk_erasure-a-anon-%' group by 1",
        )
        erased = _query(
            con,
            "select count(*) from intermediate.int_events_stitched where customer_id = ?",
            [plan["erased"]],
        )[0][0]
    finally:
        con.close()
    if anonymous != [(plan["later_signin"]["user_id"], 4)]:
        failures.append(f"kiosk A's anonymous events after the later sign-in: {anonymous}")
    if erased:
        failures.append(f"{erased} events of the erased customer are stitched")
    return failures


SCENARIOS: list[Scenario] = [
    Scenario(
        name="kiosk_erasure_incremental",
        defect_class="erasure of one customer of a shared device",
        outcome=(
            "the erasure arrives in a later run, then another customer signs in on the kiosk: each incremental "
            "run re-derives the kiosk and equals a fresh build (stitched events, sessions, labels, history, audit)"
        ),
        run=_run_kiosk_erasure_incremental,
    ),
    Scenario(
        name="email_as_customer_id",
        defect_class="PII used as an id",
        outcome=(
            "an email as a customer id (CRM and events) fails `dbt build` on the staging tests "
            "no_pii_stg_crm__customers_customer_id and no_pii_stg_tracking__events_customer_id, before any "
            "intermediate model, mart, audit table past staging or the snapshot holds it"
        ),
        run=_run_email_as_customer_id,
    ),
]


# --- the privacy scans past staging themselves ----------------------------------------------------------------

# tests/singular/privacy: every relation past staging, found at run time. A scan that no longer reads a relation,
# or a column, would pass on every clean build; this probe plants a leak they must both report.
PRIVACY_SCANS = ("assert_no_pii_past_staging", "assert_no_erased_identities_past_staging")
PROBE_RELATION = "marts.defect_privacy_probe"


def probe_privacy_scans(root: Path, db_path: Path, dbt) -> list[str]:
    """On the built defective zone: a table past staging holding the erased kiosk customer's id and an email
    address fails both scans, each naming it; the table is dropped again."""
    erased = _kiosk_plan(root)["erased"]
    con = duckdb.connect(str(db_path))
    con.execute(
        f"create table {PROBE_RELATION} as select ? as customer_id, ? as contact_note",
        [erased, f"write to {EMAIL_ID}"],
    )
    con.close()
    try:
        result = dbt(["test", "--select", *PRIVACY_SCANS], root, db_path, "defects-privacy-probe")
    finally:
        con = duckdb.connect(str(db_path))
        con.execute(f"drop table {PROBE_RELATION}")
        con.close()
    output = result.stdout + result.stderr
    failures = [
        f"{test} did not fail on {PROBE_RELATION}, which holds an erased customer's id and an email address"
        for test in PRIVACY_SCANS
        if f"Failure in test {test} " not in output
    ]
    if failures:
        failures.append(
            "dbt's output of the privacy scans with the leak planted: logs/defects-privacy-probe"
        )
    return failures
