"""seg_rfm matches lifetimes on the CDNOW sample (runs dbt build -s +seg_rfm, ~30 s)."""

from __future__ import annotations

from pathlib import Path

try:
    import lifetimes  # noqa: F401
    import pandas  # noqa: F401
except ImportError as error:  # never skip silently: the reference check is a promise of make test
    raise ImportError(
        "the RFM reference check needs the test extras: pip install -r requirements-test.txt "
        "(make test installs them)"
    ) from error

from segments_tooling import rfm_reference


def test_cdnow_ships_with_lifetimes() -> None:
    transactions = rfm_reference.load_transactions("sample")
    assert rfm_reference.cdnow_path("sample").exists()
    assert transactions["customer_id"].nunique() == 2357
    assert len(transactions) == 6919
    assert str(transactions["purchased_on"].max().date()) == rfm_reference.AS_OF_DATE


def test_compare_flags_every_kind_of_difference() -> None:
    transactions = rfm_reference.load_transactions("sample")
    reference = rfm_reference.reference_summary(transactions)
    warehouse = reference.copy()
    assert rfm_reference.compare(warehouse, reference) == []
    first, second, third = reference.index[:3]
    warehouse.loc[first, "recency_days"] += 1
    warehouse.loc[second, "avg_revenue_per_purchase_day"] += 0.02
    warehouse.loc[third, "avg_revenue_per_purchase_day"] += 0.005  # rounding to cents is tolerated
    warehouse = warehouse.drop(index=reference.index[3])
    found = {(m.customer_id, m.column) for m in rfm_reference.compare(warehouse, reference)}
    assert found == {
        (first, "recency_days"),
        (second, "avg_revenue_per_purchase_day"),
        (reference.index[3], "customer_id"),
    }


def test_seg_rfm_matches_lifetimes_for_every_cdnow_customer(tmp_path: Path) -> None:
    customers, mismatches = rfm_reference.run("sample", tmp_path)
    assert customers == 2357
    assert mismatches == [], mismatches[:10]
