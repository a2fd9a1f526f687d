"""Planted personas: customers whose segment labels are known in advance.

Every persona is a small, extreme recipe written against ``docs/segment_rules.md`` with the default thresholds.
All dates are relative to the end date ``E`` of the generated data set (the warehouse's as-of date ``D``):
``days_ago = 0`` is ``E`` itself, in the persona's own (CRM) time zone. Persona rows are generated separately from
the random population and never receive dirt (no duplicates, no malformed JSON, no clock skew, no late arrival,
single CRM version, not erased, non-null time zone, opted in unless planted as unreachable, devices not shared).
Persona events carry both ``user_id`` and a persona-only ``anonymous_id``; they contain no ``Signed Up`` /
``Signed In`` events (these customers were identified through the CRM / e-mail links), so journey stages depend only
on the events listed below. Each persona is planted 2-3 times as ``cus_persona_<name>_<n>``.

Session kinds (events, one minute apart unless noted):
``browse`` = 2 x Page Viewed; ``view`` = Page Viewed + 3 x Product Viewed; ``cart`` = Page Viewed, Product Viewed,
Product Added, Cart Viewed, Checkout Started; ``engaged`` = 8 events over ~16 minutes (pages, search, product views);
``review`` = Page Viewed, Product Viewed, Review Submitted; ``focus`` = Page Viewed + 2 x Product Viewed of one product;
``trial`` / ``subscribe`` = Page Viewed + Trial Started / Subscription Started of the group's plan; ``advanced`` = Page
Viewed + Feature Used of compare and of saved_searches (seed advanced_features); ``limit`` = 20 x Feature Used
(wishlist), 30 seconds apart. Online orders additionally emit their own session
(Page Viewed, Product Viewed, Product Added, Checkout Started, Order Completed) at the order time; store orders emit
no events. Every order is completed (a ``pending`` version, then a ``completed`` version 10 minutes later).

| persona | recipe (days ago) | expected labels |
|---|---|---|
| champion (x3) | 36 online orders every 10 days, last 2 days ago, >= 150 each | rfm champions, loyalty vip, purchase repeat_buyer, aida action |
| hibernating | 1 online order 450 days ago, nothing since | rfm hibernating, purchase lapsed_buyer, loyalty lapsed |
| cannot_lose | 16 store orders every 3 days, 535..490 days ago | rfm cannot_lose |
| new_buyer | 1 cheap online order 3 days ago | rfm new, purchase first_time_buyer, loyalty new |
| one_time_buyer | 1 online order 90 days ago | purchase one_time_buyer, loyalty new |
| loyal | 4 orders 200, 140, 80, 20 days ago, ~100 each | purchase repeat_buyer, loyalty loyal |
| high_value | 2 orders (15, 75 days ago) of the priciest Electronics product, >= 600 each | purchase high_value |
| bargain_hunter | 4 couponed orders (20%) every 30 days, last 10 days ago | purchase bargain_hunter, benefit price |
| window_shopper | 5 ``view`` sessions (15 product views) in the last 50 days, no order | purchase window_shopper, rfm/loyalty/occasion no_purchases |
| cart_abandoner | ``view`` 20 days ago, ``cart`` 3 days ago, no order ever | is_cart_abandoner true, journey consideration, aida desire |
| power_user | ``browse`` on 20 of the last 28 days (days 0-9 and 14-23) | usage power |
| regular_user | ``browse`` on 6 days (1, 5, ..., 21) | usage regular |
| casual_user | ``browse`` on 2 days (5, 15) | usage casual |
| at_risk_user | ``browse`` 60, 80, 100, 120 days ago | usage at_risk |
| dormant_user | ``browse`` 200, 230, 260 days ago; unopened e-mails every 14 days | usage dormant, engagement disengaged |
| never_active | CRM record only: no events, no orders | usage never_active, rfm/loyalty/occasion no_purchases, purchase prospect |
| holiday_shopper | 3 orders: last Black Friday, Cyber Monday, 23 December | occasion holiday_shopper |
| year_round | 10 orders spread over ~14 months on ordinary dates | occasion year_round |
| evening_shopper | 5 orders at 19:00-19:59 local (Europe/Berlin) | preferred_daypart evening |
| quality_seeker | 3 orders of the priciest Footwear product at list price | benefit quality |
| convenience_seeker | 4 express-shipped orders of the cheapest Home product | benefit convenience |
| sustainability | 2 couponed orders (inferred price) but CSAT surveys: price (200d), sustainability (100d), none (20d) | benefit sustainability |
| awareness | ``browse`` 10, 25, 40 days ago (page views only) | journey awareness |
| promoter | NPS 5 (200d) then NPS 10 (15d), ``review`` 30 days ago | nps promoter, journey advocacy |
| detractor | NPS 10 (150d) then NPS 3 (10d) | nps detractor |
| passive | NPS 2 (120d) then NPS 8 (12d) | nps passive |
| highly_engaged | 8 ``engaged`` sessions (days 1..22), 3 clicked e-mails (3, 10, 17 days ago) | engagement highly_engaged |
| unreachable | not opted in; 5 ``engaged`` sessions; unsubscribed 120 days ago | engagement unreachable |
| bundle_buyer (x3) | orders of the mid Electronics product (40 days ago) and the mid Accessories product (38) | loyalty developing (and the pair) |
| cross_sell | 1 order of the mid Electronics product 12 days ago | recommended_product Accessories/mid |
| campaign_acquired | first ``browse`` session 60 days ago from utm_campaign persona_spring_launch, 2 direct later | first_touch_campaign persona_spring_launch |
| high_intent_shopper | ``focus`` 3 and 1 days ago (4 views of one Footwear product), no order | cohort high_intent_shoppers |
| engaged_new_subscriber | created 20 days ago; 4 opened e-mails (14, 10, 6, 2 days ago) | cohort engaged_new_subscribers |
| trial_starter / trial_expiring / trial_lapsed | ``trial`` (basic) 2 / 12 / 40 days ago (trials last 14 days) | cohort trial_started / trial_expiring / trial_lapsed |
| trial_converted | ``trial`` (plus) 30 days ago, ``subscribe`` (plus) 20 days ago | cohort trial_converted |
| potential_power_user | ``trial`` (plus) 5 days ago; ``advanced`` 3 and 1 days ago | cohort potential_power_users |
| upgrade_candidate | ``subscribe`` (basic, limit 20) 60 days ago; ``limit`` on 4 days (10, 7, 4, 1) | cohort upgrade_candidates |

Quintile-based RFM labels depend on the population; the recipes are extreme enough for the generated population
(checked by ``segments_tooling.verify`` in the tests): champions have the smallest recency and the largest
number of purchase days; new buyers share the top recency and have one purchase day; hibernating and
cannot_lose personas have recencies older than ~85% of buyers (the population only orders inside the window).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class OrderGroup:
    """``n`` orders, the most recent ``last_days_ago`` days before the end date, then every ``step_days`` back."""

    n: int
    last_days_ago: int
    step_days: int = 1
    hour: int = 12
    category: str = "Apparel"
    tier: str = "mid"  # top = priciest product of the category, cheap = cheapest, mid = median
    min_subtotal: float = 1.0  # quantity = ceil(min_subtotal / unit price)
    coupon_code: str | None = None
    discount_pct: float = 0.0
    shipping_method: str = "standard"
    sales_channel: str = "web"  # web / app emit events, store does not


@dataclass(frozen=True)
class SessionGroup:
    n: int
    last_days_ago: int
    step_days: int = 1
    hour: int = 10
    kind: str = "browse"
    category: str = "Apparel"
    campaign: str | None = (
        None  # utm_campaign of the session's first event (source launch_partner, medium referral)
    )
    plan: str | None = None  # properties.plan of the plan events (kinds trial, subscribe)


@dataclass(frozen=True)
class EmailGroup:
    n: int
    last_days_ago: int
    step_days: int = 7
    depth: str = "delivered"  # delivered / opened / clicked / unsubscribed


@dataclass(frozen=True)
class Survey:
    days_ago: int
    survey_type: str
    score: int
    benefit: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Persona:
    name: str
    expected: dict[str, str]
    timezone: str = "America/New_York"
    country: str = "US"
    count: int = 2
    opt_in: bool = True
    created_days_ago: int = 700
    acquisition_channel: str = "organic_search"
    orders: tuple[OrderGroup, ...] = ()
    sessions: tuple[SessionGroup, ...] = ()
    emails: tuple[EmailGroup, ...] = ()
    surveys: tuple[Survey, ...] = ()
    notes: str = field(default="", compare=False)


def _holiday_days_ago(end_date: date) -> tuple[int, int, int]:
    """Days before ``end_date`` of the latest Black Friday, Cyber Monday and 23 December (all <= end_date - 7)."""
    year = end_date.year
    while True:
        nov1 = date(year, 11, 1)
        thanksgiving = nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
        black_friday = thanksgiving + timedelta(days=1)
        cyber_monday = thanksgiving + timedelta(days=4)
        dec23 = date(year, 12, 23)
        if dec23 <= end_date - timedelta(days=7):
            return tuple((end_date - d).days for d in (black_friday, cyber_monday, dec23))  # type: ignore[return-value]
        year -= 1


# Ordinary dates (for the default end date 2026-06-30): 2026-06-05, 04-21, 03-04, 01-28, 2025-10-08, 09-03,
# 07-30, 06-18, 05-13, 2025-04-01 -- no Nov/Dec, no Valentine's, Easter, Mother's/Father's Day or 4 July windows.
YEAR_ROUND_DAYS_AGO = (25, 70, 118, 153, 265, 300, 335, 377, 413, 455)


# The campaign that acquired the campaign_acquired personas (their first session's utm_campaign).
CAMPAIGN = "persona_spring_launch"


def personas(end_date: date) -> list[Persona]:
    bf, cm, xmas = _holiday_days_ago(end_date)
    return [
        Persona(
            "champion",
            {
                "rfm_segment": "champions",
                "loyalty_tier": "vip",
                "purchase_segment": "repeat_buyer",
                "aida_stage": "action",
            },
            count=3,
            orders=(OrderGroup(36, 2, 10, hour=12, category="Sports", min_subtotal=150.0),),
        ),
        Persona(
            "hibernating",
            {
                "rfm_segment": "hibernating",
                "purchase_segment": "lapsed_buyer",
                "loyalty_tier": "lapsed",
            },
            timezone="Europe/London",
            country="GB",
            orders=(OrderGroup(1, 450, hour=11, min_subtotal=40.0),),
        ),
        Persona(
            "cannot_lose",
            {"rfm_segment": "cannot_lose"},
            timezone="Europe/Berlin",
            country="DE",
            orders=(
                OrderGroup(
                    16,
                    490,
                    3,
                    hour=15,
                    category="Home",
                    min_subtotal=80.0,
                    shipping_method="free",
                    sales_channel="store",
                ),
            ),
        ),
        Persona(
            "new_buyer",
            {"rfm_segment": "new", "purchase_segment": "first_time_buyer", "loyalty_tier": "new"},
            timezone="Asia/Tokyo",
            country="JP",
            created_days_ago=20,
            orders=(OrderGroup(1, 3, hour=12, category="Beauty", tier="cheap", min_subtotal=30.0),),
        ),
        Persona(
            "one_time_buyer",
            {"purchase_segment": "one_time_buyer", "loyalty_tier": "new"},
            timezone="Australia/Sydney",
            country="AU",
            orders=(OrderGroup(1, 90, hour=13, min_subtotal=60.0),),
        ),
        Persona(
            "loyal",
            {"purchase_segment": "repeat_buyer", "loyalty_tier": "loyal"},
            timezone="Asia/Kolkata",
            country="IN",
            orders=(OrderGroup(4, 20, 60, hour=14, min_subtotal=100.0),),
        ),
        Persona(
            "high_value",
            {"purchase_segment": "high_value"},
            timezone="America/Los_Angeles",
            country="US",
            orders=(
                OrderGroup(
                    2, 15, 60, hour=11, category="Electronics", tier="top", min_subtotal=600.0
                ),
            ),
        ),
        Persona(
            "bargain_hunter",
            {"purchase_segment": "bargain_hunter", "benefit_segment": "price"},
            orders=(
                OrderGroup(
                    4,
                    10,
                    30,
                    hour=13,
                    tier="cheap",
                    min_subtotal=40.0,
                    coupon_code="SAVE20",
                    discount_pct=0.20,
                ),
            ),
        ),
        Persona(
            "window_shopper",
            {
                "purchase_segment": "window_shopper",
                "rfm_segment": "no_purchases",
                "loyalty_tier": "no_purchases",
                "occasion_segment": "no_purchases",
            },
            timezone="Europe/Berlin",
            country="DE",
            sessions=(SessionGroup(5, 2, 12, hour=11, kind="view", category="Footwear"),),
        ),
        Persona(
            "cart_abandoner",
            {"is_cart_abandoner": "true", "journey_stage": "consideration", "aida_stage": "desire"},
            timezone="Europe/London",
            country="GB",
            sessions=(
                SessionGroup(1, 20, hour=12, kind="view", category="Accessories"),
                SessionGroup(1, 3, hour=12, kind="cart", category="Accessories"),
            ),
        ),
        Persona(
            "power_user",
            {"usage_tier": "power"},
            timezone="America/Los_Angeles",
            country="US",
            sessions=(SessionGroup(10, 0, 1, hour=10), SessionGroup(10, 14, 1, hour=10)),
        ),
        Persona(
            "regular_user",
            {"usage_tier": "regular"},
            timezone="Asia/Tokyo",
            country="JP",
            sessions=(SessionGroup(6, 1, 4, hour=12),),
        ),
        Persona(
            "casual_user",
            {"usage_tier": "casual"},
            timezone="Australia/Sydney",
            country="AU",
            sessions=(SessionGroup(2, 5, 10, hour=12),),
        ),
        Persona(
            "at_risk_user",
            {"usage_tier": "at_risk"},
            timezone="Asia/Kolkata",
            country="IN",
            sessions=(SessionGroup(4, 60, 20, hour=12),),
        ),
        Persona(
            "dormant_user",
            {"usage_tier": "dormant", "engagement_level": "disengaged"},
            sessions=(SessionGroup(3, 200, 30, hour=12),),
            emails=(EmailGroup(6, 5, 14, depth="delivered"),),
        ),
        Persona(
            "never_active",
            {
                "usage_tier": "never_active",
                "rfm_segment": "no_purchases",
                "purchase_segment": "prospect",
                "loyalty_tier": "no_purchases",
                "occasion_segment": "no_purchases",
            },
            timezone="Europe/Berlin",
            country="DE",
            created_days_ago=300,
            acquisition_channel="referral",
        ),
        Persona(
            "holiday_shopper",
            {"occasion_segment": "holiday_shopper"},
            orders=(
                OrderGroup(1, bf, hour=10, category="Electronics", min_subtotal=100.0),
                OrderGroup(1, cm, hour=13, category="Kids", min_subtotal=50.0),
                OrderGroup(1, xmas, hour=16, category="Accessories", min_subtotal=50.0),
            ),
        ),
        Persona(
            "year_round",
            {"occasion_segment": "year_round"},
            timezone="America/Chicago",
            country="US",
            orders=tuple(OrderGroup(1, d, hour=12, min_subtotal=50.0) for d in YEAR_ROUND_DAYS_AGO),
        ),
        Persona(
            "evening_shopper",
            {"preferred_daypart": "evening"},
            timezone="Europe/Berlin",
            country="DE",
            orders=(OrderGroup(5, 8, 21, hour=19, min_subtotal=50.0),),
        ),
        Persona(
            "quality_seeker",
            {"benefit_segment": "quality"},
            timezone="Europe/London",
            country="GB",
            orders=(OrderGroup(3, 12, 40, hour=12, category="Footwear", tier="top"),),
        ),
        Persona(
            "convenience_seeker",
            {"benefit_segment": "convenience"},
            timezone="Asia/Tokyo",
            country="JP",
            orders=(
                OrderGroup(
                    4,
                    6,
                    25,
                    hour=12,
                    category="Home",
                    tier="cheap",
                    min_subtotal=30.0,
                    shipping_method="express",
                ),
            ),
        ),
        Persona(
            "sustainability",
            {"benefit_segment": "sustainability"},
            timezone="Australia/Sydney",
            country="AU",
            orders=(
                OrderGroup(
                    2,
                    30,
                    60,
                    hour=12,
                    tier="cheap",
                    min_subtotal=40.0,
                    coupon_code="SAVE20",
                    discount_pct=0.20,
                ),
            ),
            surveys=(
                Survey(200, "csat", 4, "price", "Good value"),
                Survey(100, "csat", 5, "sustainability", "Love the recycled packaging"),
                Survey(20, "csat", 4, None, None),
            ),
        ),
        Persona(
            "awareness",
            {"journey_stage": "awareness"},
            timezone="America/Los_Angeles",
            country="US",
            sessions=(SessionGroup(3, 10, 15, hour=12),),
        ),
        Persona(
            "promoter",
            {"nps_category": "promoter", "journey_stage": "advocacy"},
            sessions=(SessionGroup(1, 30, hour=12, kind="review"),),
            surveys=(
                Survey(200, "nps", 5, None, None),
                Survey(15, "nps", 10, "quality", "Fantastic quality"),
            ),
        ),
        Persona(
            "detractor",
            {"nps_category": "detractor"},
            timezone="Europe/Berlin",
            country="DE",
            surveys=(
                Survey(150, "nps", 10, None, None),
                Survey(10, "nps", 3, None, "Delivery was late twice"),
            ),
        ),
        Persona(
            "passive",
            {"nps_category": "passive"},
            timezone="Europe/London",
            country="GB",
            surveys=(Survey(120, "nps", 2, None, None), Survey(12, "nps", 8, "convenience", None)),
        ),
        Persona(
            "highly_engaged",
            {"engagement_level": "highly_engaged"},
            sessions=(SessionGroup(8, 1, 3, hour=13, kind="engaged"),),
            emails=(EmailGroup(3, 3, 7, depth="clicked"),),
        ),
        Persona(
            "unreachable",
            {"engagement_level": "unreachable"},
            timezone="Asia/Kolkata",
            country="IN",
            opt_in=False,
            sessions=(SessionGroup(5, 2, 4, hour=13, kind="engaged"),),
            emails=(EmailGroup(1, 120, depth="unsubscribed"),),
        ),
        # Cross-sell: bundle buyers bought the mid Electronics product and the mid Accessories product (two
        # orders), so the pair has a strong customer-basket lift; a cross_sell customer who only bought the
        # first must be offered the second (expected label: "<category>/<tier>" of the recommended product).
        Persona(
            "bundle_buyer",
            {"loyalty_tier": "developing"},
            count=3,
            orders=(
                OrderGroup(1, 40, category="Electronics", tier="mid"),
                OrderGroup(1, 38, category="Accessories", tier="mid"),
            ),
        ),
        Persona(
            "cross_sell",
            {"recommended_product": "Accessories/mid"},
            orders=(OrderGroup(1, 12, category="Electronics", tier="mid"),),
        ),
        Persona(
            "campaign_acquired",
            {"first_touch_campaign": CAMPAIGN},
            sessions=(
                SessionGroup(1, 60, kind="browse", campaign=CAMPAIGN),
                SessionGroup(2, 20, 7, kind="browse"),
            ),
        ),
        # Cohort personas (default cohorts of models/intermediate/segments/cohorts/_cohorts.yml); expected
        # family `cohort` is recovered when the customer is a member of that cohort in marts.cohort_members.
        Persona(
            "high_intent_shopper",
            {"cohort": "high_intent_shoppers"},
            sessions=(SessionGroup(2, 1, 2, hour=18, kind="focus", category="Footwear"),),
        ),
        Persona(
            "engaged_new_subscriber",
            {"cohort": "engaged_new_subscribers"},
            created_days_ago=20,
            emails=(EmailGroup(4, 2, 4, depth="opened"),),
        ),
        Persona(
            "trial_starter",
            {"cohort": "trial_started"},
            sessions=(SessionGroup(1, 2, hour=11, kind="trial", plan="basic"),),
        ),
        Persona(
            "trial_expiring",
            {"cohort": "trial_expiring"},
            sessions=(SessionGroup(1, 12, hour=11, kind="trial", plan="basic"),),
        ),
        Persona(
            "trial_converted",
            {"cohort": "trial_converted"},
            sessions=(
                SessionGroup(1, 30, hour=11, kind="trial", plan="plus"),
                SessionGroup(1, 20, hour=11, kind="subscribe", plan="plus"),
            ),
        ),
        Persona(
            "trial_lapsed",
            {"cohort": "trial_lapsed"},
            sessions=(SessionGroup(1, 40, hour=11, kind="trial", plan="basic"),),
        ),
        Persona(
            "potential_power_user",
            {"cohort": "potential_power_users"},
            sessions=(
                SessionGroup(1, 5, hour=11, kind="trial", plan="plus"),
                SessionGroup(2, 1, 2, hour=15, kind="advanced"),
            ),
        ),
        Persona(
            "upgrade_candidate",
            {"cohort": "upgrade_candidates"},
            sessions=(
                SessionGroup(1, 60, hour=9, kind="subscribe", plan="basic"),
                SessionGroup(4, 1, 3, hour=14, kind="limit"),
            ),
        ),
    ]


def customer_id(persona: Persona, n: int) -> str:
    return f"cus_persona_{persona.name}_{n}"


def _sql_str(v: object) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def _values(rows: list[tuple], columns: list[str]) -> str:
    """One SQL ``(VALUES ...) t(columns)`` expression; an empty list gives an empty typed relation."""
    if not rows:
        nulls = ", ".join("NULL" for _ in columns)
        return f"(SELECT * FROM (VALUES ({nulls})) t({', '.join(columns)}) WHERE false)"
    body = ",\n".join("(" + ", ".join(_sql_str(v) for v in r) + ")" for r in rows)
    return f"(VALUES {body}) t({', '.join(columns)})"


def persona_tables(end_date: date) -> dict[str, str]:
    """SQL relations (VALUES lists) describing the personas; expanded into rows by demo_data in SQL."""
    cust, orders, sessions, emails, surveys = [], [], [], [], []
    for p in personas(end_date):
        for n in range(1, p.count + 1):
            cid = customer_id(p, n)
            cust.append(
                (
                    cid,
                    p.name,
                    n,
                    p.timezone,
                    p.country,
                    p.opt_in,
                    p.created_days_ago,
                    p.acquisition_channel,
                )
            )
            for g, o in enumerate(p.orders):
                orders.append(
                    (
                        cid,
                        g,
                        o.n,
                        o.last_days_ago,
                        o.step_days,
                        o.hour,
                        o.category,
                        o.tier,
                        float(o.min_subtotal),
                        o.coupon_code,
                        float(o.discount_pct),
                        o.shipping_method,
                        o.sales_channel,
                    )
                )
            for g, s in enumerate(p.sessions):
                sessions.append(
                    (
                        cid,
                        g,
                        s.n,
                        s.last_days_ago,
                        s.step_days,
                        s.hour,
                        s.kind,
                        s.category,
                        s.campaign,
                        s.plan,
                    )
                )
            for g, e in enumerate(p.emails):
                emails.append((cid, g, e.n, e.last_days_ago, e.step_days, e.depth))
            for g, s in enumerate(p.surveys):
                surveys.append((cid, g, s.days_ago, s.survey_type, s.score, s.benefit, s.comment))
    return {
        "p_customers": _values(
            cust,
            ["customer_id", "persona", "n", "tz", "country", "opt_in", "created_days_ago", "acq"],
        ),
        "p_order_groups": _values(
            orders,
            [
                "customer_id",
                "grp",
                "n",
                "last_days_ago",
                "step_days",
                "hour",
                "category",
                "tier",
                "min_subtotal",
                "coupon_code",
                "discount_pct",
                "shipping_method",
                "sales_channel",
            ],
        ),
        "p_session_groups": _values(
            sessions,
            [
                "customer_id",
                "grp",
                "n",
                "last_days_ago",
                "step_days",
                "hour",
                "kind",
                "category",
                "campaign",
                "plan",
            ],
        ),
        "p_email_groups": _values(
            emails, ["customer_id", "grp", "n", "last_days_ago", "step_days", "depth"]
        ),
        "p_surveys": _values(
            surveys,
            ["customer_id", "grp", "days_ago", "survey_type", "score", "benefit", "comment"],
        ),
    }


def ground_truth_rows(end_date: date) -> list[tuple[str, str, str, str]]:
    """(persona, customer_id, segment_family, expected_label), sorted."""
    rows = [
        (p.name, customer_id(p, n), family, label)
        for p in personas(end_date)
        for n in range(1, p.count + 1)
        for family, label in p.expected.items()
    ]
    return sorted(rows)
