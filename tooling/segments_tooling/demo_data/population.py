"""The population behind every raw table: persons, their devices and their sessions (no raw table of its own).

``customers`` CRM customers plus as many anonymous-only visitors. Each person has a weighted country and home
time zone, a favourite local hour and category, 1-3 devices (one ``anonymous_id`` each; ~0.4% of customers share
their first device with the previous customer) and a heavy-tailed (log-normal) number of sessions spread over an
active life span; ~35% of customers existed before the window. Some customers also order offline (``n_off``).

Sessions are numbered ``sid = pid * 1024 + k`` and placed at a local date and hour, converted to UTC so that
both dates are <= the end date. Each session follows a funnel (page views > product views > add to cart >
checkout > order) whose flags the events and orders stages read. Customers sign up in one of their first
sessions (before it they are anonymous) and sign in on every new device.
"""

from __future__ import annotations

from segments_tooling.demo_data.constants import UTMS
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement


def _persons(run: RunParams) -> str:
    """``persons``: one row a person, with its propensities and its life span."""
    return f"""
        CREATE TABLE persons0 AS
        SELECT b.pid, b.is_customer, g.country, g.tz, g.currency,
               CASE WHEN b.is_customer THEN
                    CASE WHEN u(b.pid, 2) < 0.03 THEN 0
                         ELSE least(400, 1 + floor(exp(2.1 + 1.25 * zn(b.pid, 3))))::INT END
                    ELSE least(60, 1 + floor(exp(0.2 + 0.9 * zn(b.pid, 3))))::INT END AS n_sess,
               1 + (u(b.pid, 5) < 0.35)::INT + (u(b.pid, 6) < 0.12)::INT AS n_dev,
               b.is_customer AND u(b.pid, 7) < 0.35 AS pre_existing,
               hb.hour AS fav_hour, ui(b.pid, 12, 8) AS fav_cat,
               u(b.pid, 13) < 0.15 AS discount_lover, 0.5 + u(b.pid, 14) AS buy_aff,
               u(b.pid, 15) < 0.65 AS opt_in,
               b.is_customer AND b.pid > 0 AND u(b.pid, 17) < 0.004 AS shared_dev,
               'cus_' || lpad(b.pid::VARCHAR, 8, '0') AS cust_id
        FROM (SELECT i AS pid, i < {run.customers} AS is_customer FROM {run.person_ids_sql}) b
        JOIN geo_bucket g ON g.b = ui(b.pid, 1, 1000)
        JOIN hour_bucket hb ON hb.b = ui(b.pid, 11, 100);

        CREATE TABLE persons AS
        SELECT *,
               CASE WHEN pre_existing THEN 0
                    WHEN u(pid, 16) < 0.5 THEN 0 WHEN u(pid, 16) < 0.8 THEN 1 ELSE 2 END AS r_signup_raw,
               CASE WHEN is_customer AND (u(pid, 40) < 0.1 OR (n_sess = 0 AND u(pid, 41) < 0.8))
                    THEN 1 + floor(pow(u(pid, 42), 2) * 4)::INT ELSE 0 END AS n_off
        FROM (
            -- life span [start_off, end_off] in days since the window start; pre-existing customers started
            -- before the window, sessions/orders outside the window are dropped
            SELECT *, start_off + life - 1 AS end_off
            FROM (SELECT *, CASE WHEN pre_existing THEN -ui(pid, 8, 700) ELSE ui(pid, 8, {run.days}) END AS start_off,
                         60 + ui(pid, 10, 900) AS life
                  FROM persons0)
        );
"""


def _devices() -> str:
    """``devices``: 1-3 a person, device 0 of a sharing customer being the previous customer's."""
    return """
        CREATE TABLE devices AS
        SELECT x.pid, x.d, x.dkey,
               uuid_of(x.dkey, 103) AS anonymous_id,
               CASE WHEN u(x.dkey, 101) < 0.45 THEN 'desktop' WHEN u(x.dkey, 101) < 0.93 THEN 'mobile'
                    ELSE 'tablet' END AS device_type,
               CASE WHEN u(x.dkey, 101) < 0.45 THEN 'web'
                    WHEN u(x.dkey, 101) < 0.93 THEN
                        CASE WHEN u(x.dkey, 102) < 0.4 THEN 'web' WHEN u(x.dkey, 102) < 0.7 THEN 'ios' ELSE 'android' END
                    ELSE CASE WHEN u(x.dkey, 102) < 0.6 THEN 'web' ELSE 'ios' END END AS channel
        FROM (
            SELECT pid, d, (CASE WHEN d = 0 AND shared_dev THEN pid - 1 ELSE pid END) * 4 + d AS dkey
            FROM (SELECT pid, shared_dev, unnest(range(n_dev)) AS d FROM persons)
        ) x;
        """


def person_tables(run: RunParams) -> list[Statement]:
    """``persons`` and ``devices``."""
    return [("persons", _persons(run) + _devices())]


def _session_times(run: RunParams) -> str:
    """``s1``: the sessions inside the window with their device and UTC start."""
    return f"""
        CREATE TABLE s0 AS
        SELECT p.pid, p.k, p.pid * 1024 + p.k AS sid, p.is_customer, p.pre_existing, p.tz, p.fav_cat,
               p.buy_aff, p.cust_id, p.currency, p.country, p.discount_lover,
               p.r_signup_raw, ({run.start_sql} + p.day_off::INT) AS local_date,
               CASE WHEN u(p.pid * 1024 + p.k, 202) < 0.5
                    THEN (p.fav_hour + ui(p.pid * 1024 + p.k, 203, 3) + 23) % 24 ELSE hb.hour END AS hour,
               ui(p.pid * 1024 + p.k, 205, 2700) AS sec,
               CASE WHEN p.n_dev = 1 OR u(p.pid * 1024 + p.k, 206) < 0.55 THEN 0
                    ELSE 1 + ui(p.pid * 1024 + p.k, 207, p.n_dev - 1) END AS d
        FROM (
            SELECT *, CASE WHEN k = 0 AND NOT pre_existing THEN start_off
                           ELSE start_off + ui(pid * 1024 + k, 201, life) END AS day_off
            FROM (SELECT *, unnest(range(n_sess)) AS k FROM persons)
        ) p
        JOIN hour_bucket hb ON hb.b = ui(p.pid * 1024 + p.k, 204, 100)
        WHERE p.day_off BETWEEN 0 AND {run.days - 1};

        CREATE TABLE s1 AS
        SELECT s.*, dv.anonymous_id, dv.device_type, dv.channel,
               CASE WHEN x.utc0 > {run.cutoff_sql} - INTERVAL 700 SECOND THEN x.utc0 - INTERVAL 1 DAY ELSE x.utc0 END
                 AS utc_start
        FROM s0 s
        JOIN tz_off o ON o.tz = s.tz AND o.local_date = s.local_date AND o.hour = s.hour
        JOIN devices dv ON dv.pid = s.pid AND dv.d = s.d,
        LATERAL (SELECT s.local_date + to_hours(s.hour) + secs(s.sec) - secs(o.off_s) AS utc0) x;
"""


def _session_funnel() -> str:
    """``sessions``: sign-in state (``identified``, ``login_event``) and the funnel flags of each session."""
    return f"""
        CREATE TABLE sessions AS
        WITH ranked AS (
            SELECT *, row_number() OVER (PARTITION BY pid ORDER BY utc_start, k) - 1 AS rnk,
                   count(*) OVER (PARTITION BY pid) AS n_ret
            FROM s1
        ), with_identity AS (
            SELECT * EXCLUDE (r_signup_raw, n_ret), least(r_signup_raw, n_ret - 1) AS r_signup,
                   is_customer AND rnk >= least(r_signup_raw, n_ret - 1) AS identified
            FROM ranked
        ), with_first_login AS (
            SELECT with_identity.*, fi.first_ident_rnk
            FROM with_identity
            LEFT JOIN (SELECT pid, d, min(rnk) AS first_ident_rnk FROM with_identity WHERE identified GROUP BY pid, d) fi
                 ON fi.pid = with_identity.pid AND fi.d = with_identity.d
        ), funnel AS (
            SELECT *,
                   CASE WHEN identified AND rnk = r_signup AND NOT pre_existing THEN 'Signed Up'
                        WHEN identified AND (rnk = first_ident_rnk OR u(sid, 208) < 0.08) THEN 'Signed In'
                   END AS login_event,
                   1 + ui(sid, 210, 3) AS n_pages,
                   u(sid, 211) < 0.3 AS searched,
                   CASE WHEN u(sid, 212) < 0.62 THEN 1 + floor(pow(u(sid, 213), 1.5) * 4)::INT ELSE 0 END AS n_views,
                   u(sid, 221) < 0.05 AS pricing,
                   u(sid, 222) < CASE WHEN channel IN ('ios', 'android') THEN 0.35 ELSE 0.06 END AS feature,
                   identified AND u(sid, 223) < 0.02 AS review,
                   u(sid, 224) < 0.015 AS shared_ev,
                   identified AND u(sid, 225) < 0.008 AS referral,
                   CASE WHEN u(sid, 226) < 0.35 THEN 1 + ui(sid, 227, {len(UTMS)}) END AS utm_i
            FROM with_first_login
        ), carts AS (
            SELECT *,
                   CASE WHEN n_views > 0 AND u(sid, 214) < (CASE WHEN identified THEN 0.32 ELSE 0.2 END) * buy_aff
                        THEN 1 + floor(pow(u(sid, 215), 2) * 3)::INT ELSE 0 END AS n_added
            FROM funnel
        )
        SELECT *,
               n_added > 0 AND u(sid, 216) < 0.12 AS removed,
               n_added > 0 AND u(sid, 217) < 0.75 AS cart,
               n_added > 0 AND u(sid, 218) < 0.55 AS checkout,
               n_added > 0 AND u(sid, 218) < 0.55
                 AND u(sid, 219) < CASE WHEN identified THEN 0.8 ELSE 0.15 END AS ordered,
               CASE WHEN u(sid, 401) < 0.11 THEN 'cancelled' WHEN u(sid, 401) < 0.22 THEN 'refunded'
                    ELSE 'completed' END AS order_path
        FROM carts;
        """


def session_tables(run: RunParams) -> list[Statement]:
    """``sessions``: one row a session with its UTC start, device, sign-in state and funnel flags."""
    return [("sessions", _session_times(run) + _session_funnel())]
