"""``email_events``: the e-mail funnel of the weekly campaigns.

One campaign a week (``cmp_<yyyymmdd>``, sent between 09:00 and 10:00 UTC). Every opted-in customer created before a campaign
receives it with probability 0.22 (one send = ``key`` pid * 4096 + campaign) and opens it at a personal rate
(5-50%); a quarter of the opens are clicked. ~4.7% of recipients stop at a random time: their last send is
unsubscribed from, bounced or complained about. Every send is ``sent``, then ``delivered`` or ``bounced``; the
personas' e-mail groups are added with a fixed depth (delivered, opened, clicked or unsubscribed).
"""

from __future__ import annotations

from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.planted_personas import group_day_sql
from segments_tooling.demo_data.sql import Statement


def _sends(run: RunParams) -> str:
    """``campaigns`` and ``sends``: who received which campaign, flagging each recipient's last send."""
    campaigns = (run.days - 3) // 7 + 1
    return f"""
        CREATE TABLE campaigns AS
        SELECT c, 'cmp_' || strftime(d, '%Y%m%d') AS campaign_id, d + INTERVAL 9 HOUR AS camp_ts
        FROM (SELECT c, {run.start_sql} + (2 + 7 * c)::INT AS d FROM range({campaigns}) t(c)) WHERE d <= {run.end_sql};

        CREATE TABLE sends AS
        WITH subscribers AS (
            SELECT l.pid, l.cust_id, l.created_at,
                   CASE WHEN u(l.pid, 50) < 0.035 THEN 'unsubscribed' WHEN u(l.pid, 50) < 0.045 THEN 'bounced'
                        WHEN u(l.pid, 50) < 0.047 THEN 'complained' END AS stop_kind,
                   l.created_at + secs(u(l.pid, 51) * date_diff('second', l.created_at, {run.cutoff_sql})) AS stop_ts,
                   0.05 + 0.45 * u(l.pid, 52) AS open_rate
            FROM cust_latest l WHERE l.opt_in
        )
        , received AS (
            SELECT subscribers.*, m.c, m.campaign_id,
                   m.camp_ts + secs(ui(subscribers.pid * 4096 + m.c, 702, 3600)) AS sent_at,
                   subscribers.pid * 4096 + m.c AS key
            FROM subscribers JOIN campaigns m ON m.camp_ts > subscribers.created_at
            WHERE u(subscribers.pid * 4096 + m.c, 701) < 0.22
              AND (subscribers.stop_kind IS NULL OR m.camp_ts <= subscribers.stop_ts)
        )
        SELECT received.*, received.c = lc.last_c AS is_last
        FROM received JOIN (SELECT pid, max(c) AS last_c FROM received GROUP BY pid) lc ON lc.pid = received.pid;
"""


def _population_email_events(run: RunParams) -> str:
    """``email_all``: the events of every send, with ids from (send, event type)."""
    return f"""
        CREATE TABLE email_all AS
        WITH outcomes AS (
            SELECT *, is_last AND stop_kind = 'bounced' AS bounced,
                   u(key, 703) < open_rate AND NOT (is_last AND stop_kind = 'bounced') AS opened,
                   sent_at + secs(1 + ui(key, 704, 30)) AS delivered_at,
                   sent_at + secs(60 + ui(key, 705, 172800)) AS opened_at
            FROM sends
        ), email_rows AS (
            SELECT key, cust_id, campaign_id, 'sent' AS event_type, sent_at AS occurred_at FROM outcomes
            UNION ALL SELECT key, cust_id, campaign_id, 'delivered', delivered_at FROM outcomes WHERE NOT bounced
            UNION ALL SELECT key, cust_id, campaign_id, 'bounced', sent_at + secs(5 + ui(key, 706, 55)) FROM outcomes
                      WHERE bounced
            UNION ALL SELECT key, cust_id, campaign_id, 'opened', opened_at FROM outcomes WHERE opened
            UNION ALL SELECT key, cust_id, campaign_id, 'clicked', opened_at + secs(5 + ui(key, 707, 300))
                      FROM outcomes WHERE opened AND u(key, 708) < 0.25
            UNION ALL SELECT key, cust_id, campaign_id, 'unsubscribed', opened_at + secs(400) FROM outcomes
                      WHERE is_last AND stop_kind = 'unsubscribed'
            UNION ALL SELECT key, cust_id, campaign_id, 'complained', delivered_at + INTERVAL 1 HOUR FROM outcomes
                      WHERE is_last AND stop_kind = 'complained'
        )
        SELECT 'eev_' || printf('%016x', hx(key * 8 + CASE event_type WHEN 'sent' THEN 0 WHEN 'delivered' THEN 1
                   WHEN 'bounced' THEN 2 WHEN 'opened' THEN 3 WHEN 'clicked' THEN 4 WHEN 'unsubscribed' THEN 5
                   ELSE 6 END, 710)) AS email_event_id,
               cust_id AS customer_id, campaign_id, event_type, occurred_at
        FROM email_rows WHERE occurred_at < {run.cutoff_sql};
"""


def _persona_email_events(run: RunParams) -> str:
    """The personas' sends, down to each group's depth (an unsubscribed send is not clicked)."""
    return f"""
        INSERT INTO email_all
        SELECT 'eev_' || printf('%016x', hx(customer_id || ':' || grp || ':' || i || ':' || event_type, 820)),
               customer_id, 'cmp_' || strftime(d, '%Y%m%d'), event_type, ts
        FROM (
            SELECT g.*, i, {group_day_sql(run)} AS d, s.event_type,
                   local_to_utc(c.tz, {group_day_sql(run)} + INTERVAL 9 HOUR)
                     + secs(s.off) AS ts
            FROM (SELECT *, unnest(range(n)) AS i FROM p_email_groups) g
            JOIN p_cust c ON c.customer_id = g.customer_id
            JOIN (VALUES ('sent', 0, 0), ('delivered', 20, 0), ('opened', 7200, 1), ('clicked', 7245, 2),
                         ('unsubscribed', 7320, 3)) s(event_type, off, lvl)
              ON s.lvl <= CASE g.depth WHEN 'delivered' THEN 0 WHEN 'opened' THEN 1 WHEN 'clicked' THEN 2 ELSE 3 END
             AND NOT (g.depth = 'unsubscribed' AND s.event_type = 'clicked')
        );
        """


def email_tables(run: RunParams) -> list[Statement]:
    """``email_all``: the raw ``email_events``."""
    return [("email", _sends(run) + _population_email_events(run) + _persona_email_events(run))]
