"""``survey_responses``: NPS and CSAT answers.

~12% of customers answer the NPS survey once or twice at a random time after their creation; ~6% of the
customers' completed orders get a CSAT answer 1-4 days later. Scores are skewed positive (NPS 0-10, CSAT 1-5),
~45% name a primary benefit and ~40% leave a comment matching the score. Dirt: ~0.4% of the scores are out of
range (NPS 11 / -1, CSAT 0 / 6; at least 2). The personas' answers are added as given.
"""

from __future__ import annotations

from segments_tooling.demo_data.constants import COMMENTS_BAD, COMMENTS_GOOD, COMMENTS_MID
from segments_tooling.demo_data.dirt import rate_with_floor
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement, random_element, weighted_case

# CSAT responses are keyed from here (NPS responses by pid * 4 + j)
CSAT_KEY_BASE = 50000000000
NPS_WEIGHTS = [("0", 2), ("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 6), ("6", 7), ("7", 12), ("8", 18),
               ("9", 22), ("10", 23)]  # fmt: skip
CSAT_WEIGHTS = [("1", 5), ("2", 7), ("3", 15), ("4", 35), ("5", 38)]
BENEFIT_WEIGHTS = [("NULL", 55), ("'price'", 13), ("'quality'", 11), ("'convenience'", 11), ("'style'", 6),
                   ("'sustainability'", 4)]  # fmt: skip


def _answers(run: RunParams) -> str:
    """``survey0``: the population's responses (key ``rkey``) with their raw score."""
    nps_score = weighted_case("u(rkey, 641)", NPS_WEIGHTS)
    csat_score = weighted_case("u(rkey, 641)", CSAT_WEIGHTS)
    return f"""
        CREATE TABLE survey0 AS
        SELECT rkey, customer_id, submitted_at, survey_type, raw_score,
               {weighted_case("u(rkey, 642)", BENEFIT_WEIGHTS)} AS primary_benefit,
               CASE WHEN u(rkey, 643) < 0.6 THEN NULL
                    WHEN raw_score >= (CASE survey_type WHEN 'nps' THEN 9 ELSE 5 END)
                        THEN {random_element(COMMENTS_GOOD, "rkey", 644)}
                    WHEN raw_score >= (CASE survey_type WHEN 'nps' THEN 7 ELSE 4 END)
                        THEN {random_element(COMMENTS_MID, "rkey", 644)}
                    ELSE {random_element(COMMENTS_BAD, "rkey", 644)} END AS comment
        FROM (
            SELECT rkey, customer_id, submitted_at, survey_type,
                   CASE survey_type WHEN 'nps' THEN {nps_score} ELSE {csat_score} END AS raw_score
            FROM (
                SELECT pid * 4 + j AS rkey, cust_id AS customer_id, 'nps' AS survey_type,
                       created_at + secs(u(pid * 4 + j, 645) * date_diff('second', created_at, {run.cutoff_sql}))
                         AS submitted_at
                FROM (SELECT *, unnest(range(1 + (u(pid, 61) < 0.3)::INT)) AS j FROM cust_latest
                      WHERE u(pid, 60) < 0.12)
                UNION ALL
                SELECT {CSAT_KEY_BASE} + oid, customer_id, 'csat',
                       created_at + secs(86400 + ui(oid, 646, 259200))
                FROM ord_t WHERE NOT is_guest AND path = 'completed' AND u(oid, 620) < 0.06
            )
        )
        WHERE submitted_at < {run.cutoff_sql};
"""


def _scores(run: RunParams) -> str:
    """``surveys_all``: the responses with the out-of-range dirt, and the personas' responses."""
    bad_scores = rate_with_floor(
        "survey0", "rkey", rate=(650, "0.004"), floor=(651, run.dirt_floor(2))
    )
    return f"""
        CREATE TABLE bad_surveys AS
        {bad_scores};

        CREATE TABLE surveys_all AS
        SELECT 'rsp_' || printf('%016x', hx(s.rkey, 630)) AS response_id, s.customer_id, s.submitted_at,
               s.survey_type,
               (CASE WHEN b.rkey IS NULL THEN s.raw_score
                     WHEN s.survey_type = 'nps' THEN (CASE WHEN u(s.rkey, 652) < 0.7 THEN 11 ELSE -1 END)
                     ELSE (CASE WHEN u(s.rkey, 652) < 0.7 THEN 0 ELSE 6 END) END)::INTEGER AS score,
               s.primary_benefit, s.comment
        FROM survey0 s LEFT JOIN bad_surveys b ON b.rkey = s.rkey
        UNION ALL
        SELECT 'rsp_' || printf('%016x', hx(v.customer_id || ':' || v.grp, 830)), v.customer_id,
               local_to_utc(c.tz, ({run.end_sql} - v.days_ago::INT) + INTERVAL 18 HOUR), v.survey_type, v.score::INTEGER,
               v.benefit, v.comment
        FROM p_surveys v JOIN p_cust c ON c.customer_id = v.customer_id;
        """


def survey_tables(run: RunParams) -> list[Statement]:
    """``surveys_all``: the raw ``survey_responses``."""
    return [("surveys", _answers(run) + _scores(run))]
