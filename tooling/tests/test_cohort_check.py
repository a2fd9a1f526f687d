"""The holdout assignment the cohort check recomputes, and the cohort personas of the generator."""

from __future__ import annotations

import hashlib
from datetime import date

from segments_tooling import cohort_check, personas


def test_bucket_is_the_first_four_hex_digits_of_md5():
    assert cohort_check.bucket("a", "b") == int(hashlib.md5(b"a:b").hexdigest()[:4], 16) == 0xD816


def test_holdout_share_boundary():
    experiment, customer = "a", "b"
    share_at_bucket = cohort_check.bucket(experiment, customer) / cohort_check.BUCKETS
    assert not cohort_check.is_holdout(experiment, customer, share_at_bucket)
    assert cohort_check.is_holdout(experiment, customer, share_at_bucket + 1 / cohort_check.BUCKETS)


def test_every_default_cohort_has_a_planted_persona():
    project = cohort_check.Path(__file__).resolve().parents[2]
    meta = cohort_check.yaml.safe_load((project / cohort_check.COHORTS_YML).read_text())
    cohorts = {c["name"] for c in meta["models"][0]["config"]["meta"]["cohorts"]}
    planted = {
        p.expected["cohort"] for p in personas.personas(date(2026, 6, 30)) if "cohort" in p.expected
    }
    # trial_users is the parent of potential_power_users: its personas are members too
    assert cohorts - planted == {"trial_users"}
