"""``customers``: the CRM table, one row a customer version.

A customer is created at its first identified event (the Signed Up event, or a parallel session on another
device); one never identified online at 09:00 on the first day of its life span if it orders offline, else
before the window, like the pre-existing customers; and no later than 10 minutes before its first offline
order. Dirt: ~5%
have 2-3 versions (the latest ``updated_at`` wins; older versions differ in country / opt-in), ~0.5% are erased
(``deleted_at`` set, at least 3), ~3% have a lower-case and ~1% a blank country, ~5% a NULL time zone. The
personas' customers are added last (``persona_customer_rows``), clean and in one version.
"""

from __future__ import annotations

from segments_tooling.demo_data.constants import DOMAINS, FIRST_NAMES, GEO, LAST_NAMES
from segments_tooling.demo_data.dirt import rate_with_floor
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement, random_element, weighted_case

ACQUISITION_CHANNELS = [("'organic_search'", 28), ("'paid_search'", 18), ("'social'", 15), ("'email'", 8),
                        ("'referral'", 10), ("'direct'", 16), ("'affiliate'", 5)]  # fmt: skip


def _created_at(run: RunParams) -> str:
    """``cust0``: customers with their creation time."""
    before_window = (
        f"({run.start_sql} - (30 + ui(p.pid, 72, 900))::INT) + secs(ui(p.pid, 73, 86400))"
    )
    return f"""
        CREATE TABLE cust0 AS
        SELECT p.pid, p.cust_id, p.country, p.tz, p.opt_in, p.currency,
               least(
                   coalesce(su.signup_ts,
                            CASE WHEN p.pre_existing
                                 THEN {before_window} END,
                            {run.start_sql} + greatest(p.start_off, 0)::INT + to_hours(9)),
                   coalesce(off.first_off - INTERVAL 10 MINUTE, su.signup_ts,
                            {before_window})
               ) AS created_at
        FROM persons p
        -- sign-up time = first identified event (the Signed Up event, or a parallel session on another device)
        LEFT JOIN (SELECT pid, min(ev_ts(utc_start, sid, CASE WHEN login_event IS NULL THEN 0 ELSE 1 END))
                            AS signup_ts
                   FROM sessions WHERE identified AND NOT pre_existing GROUP BY pid) su ON su.pid = p.pid
        LEFT JOIN (SELECT pid, min(created_at) AS first_off FROM ord_h WHERE NOT online GROUP BY pid) off
               ON off.pid = p.pid
        WHERE p.is_customer;
"""


def _attributes(run: RunParams) -> str:
    """``erased`` (the erasure dirt) and ``cust1``: e-mail, acquisition channel and the dirty columns."""
    erased = rate_with_floor(
        "cust0",
        "pid",
        rate=(80, "0.005"),
        floor=(81, run.dirt_floor(3)),
        floor_condition=f"created_at < {run.cutoff_sql} - INTERVAL 2 DAY",
    )
    first_name = random_element(FIRST_NAMES, "c.pid", 70)
    last_name = random_element(LAST_NAMES, "c.pid", 71)
    return f"""
        CREATE TABLE erased AS
        {erased};

        CREATE TABLE cust1 AS
        SELECT c.*, e.pid IS NOT NULL AS is_erased,
               CASE WHEN e.pid IS NOT NULL THEN
                   c.created_at + secs(0.5 * date_diff('second', c.created_at, {run.cutoff_sql}) * (1 + u(c.pid, 82)))
               END AS deleted_at,
               {first_name} || '.' || {last_name} || (c.pid % 1000)::VARCHAR || '_' || c.pid::VARCHAR || '@'
                 || {random_element(DOMAINS, "c.pid", 83)} AS email,
               {weighted_case("u(c.pid, 74)", ACQUISITION_CHANNELS)} AS acquisition_channel,
               CASE WHEN u(c.pid, 84) < 0.03 THEN lower(c.country) WHEN u(c.pid, 84) < 0.04 THEN ''
                    ELSE c.country END AS country_raw,
               CASE WHEN u(c.pid, 85) < 0.05 THEN NULL ELSE c.tz END AS tz_raw,
               u(c.pid, 86) < 0.05 AS multi, 2 + (u(c.pid, 87) < 0.3)::INT AS n_versions
        FROM cust0 c LEFT JOIN erased e ON e.pid = c.pid;
"""


def _versions(run: RunParams) -> str:
    """``cust_latest`` (the latest version, read by the e-mail and survey stages) and ``customers_out``."""
    older_country = random_element([country for country, _, _, _ in GEO], "pid * 4 + v", 91)
    return f"""
        CREATE TABLE cust_latest AS
        SELECT *,
               CASE WHEN is_erased THEN deleted_at
                    ELSE created_at + secs(pow(u(pid, 88), 2) * date_diff('second', created_at, {run.cutoff_sql} - INTERVAL 1 SECOND))
               END AS updated_at
        FROM cust1;

        CREATE TABLE customers_out AS
        SELECT cust_id AS customer_id, email, created_at, country_raw AS country, tz_raw AS timezone,
               acquisition_channel, opt_in AS marketing_opt_in, deleted_at, updated_at
        FROM cust_latest
        UNION ALL
        SELECT cust_id, email, created_at,
               CASE WHEN u(pid * 4 + v, 90) < 0.6 THEN {older_country}
                    ELSE lower(country) END,
               tz_raw, acquisition_channel,
               CASE WHEN u(pid * 4 + v, 92) < 0.5 THEN NOT opt_in ELSE opt_in END,
               NULL::TIMESTAMP,
               created_at + secs(date_diff('second', created_at, updated_at) * (n_versions - 1 - v) // (n_versions - 1))
        FROM (SELECT *, unnest(range(1, n_versions)) AS v FROM cust_latest
              WHERE multi AND updated_at > created_at + INTERVAL 1 HOUR);
        """


def customer_tables(run: RunParams) -> list[Statement]:
    """The population's customers: ``cust_latest`` and ``customers_out``."""
    return [("customers", _created_at(run) + _attributes(run) + _versions(run))]


def persona_customer_rows(run: RunParams) -> list[Statement]:
    """Adds the personas' customers (``p_cust``, see ``planted_personas``) to ``customers_out``."""
    return [
        (
            "finalize",
            """
        INSERT INTO customers_out
        SELECT customer_id, 'persona.' || replace(substr(customer_id, 13), '_', '.') || '@example.com', created_at,
               country, tz, acq, opt_in, NULL::TIMESTAMP, created_at
        FROM p_cust;
        """,
        )
    ]
