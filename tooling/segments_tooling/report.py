"""Write the segment report: one self-contained HTML page a marketer reads at a glance.

Usage:
    python -m segments_tooling.report [--db data/serving/segments.duckdb] [--out data/report/index.html]

It reads the published serving file (segments_tooling.publish), never the build warehouse, and shows: the headline
(as-of date, customers, sources absent, rows quarantined), each family's segment sizes over time, the moves between
segments in the last period, the RFM grid (recency x frequency score: customers and revenue), the summary with each
segment's suggested action, and the data quality of the build. Charts are drawn by plotly.js, inlined from the
`plotly` package: the page opens without network.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
from importlib import resources
from pathlib import Path

import duckdb

# Families drawn over time and as flows; the others are in the summary table.
CHART_FAMILIES = (
    "rfm_segment",
    "purchase_segment",
    "usage_tier",
    "loyalty_tier",
    "journey_stage",
    "aida_stage",
    "engagement_level",
    "nps_category",
    "benefit_segment",
    "occasion_segment",
)
SUMMARY_FAMILIES = (*CHART_FAMILIES, "usage_intensity", "usage_trend", "purchase_flag")


def _plotly_js() -> str:
    return resources.files("plotly").joinpath("package_data/plotly.min.js").read_text()


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _has(con, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def sizes_over_time(con, family: str) -> dict:
    rows = _rows(
        con,
        "select period_end, segment, customer_count from marts.segment_sizes "
        "where segment_family = ? order by segment, period_end",
        [family],
    )
    traces: dict[str, dict] = {}
    for row in rows:
        trace = traces.setdefault(
            row["segment"],
            {"type": "scatter", "mode": "lines", "stackgroup": "one", "name": row["segment"],
             "x": [], "y": []},
        )  # fmt: skip
        trace["x"].append(str(row["period_end"]))
        trace["y"].append(row["customer_count"])
    return {
        "data": list(traces.values()),
        "layout": {"title": {"text": family}, "height": 320, "margin": {"t": 40, "b": 30},
                   "yaxis": {"title": {"text": "customers"}}, "legend": {"font": {"size": 10}}},
    }  # fmt: skip


def last_period_flow(con, family: str) -> dict:
    """The moves between segments in the last period (the stays, only when nobody moved)."""
    rows = _rows(
        con,
        "select from_segment, to_segment, transition_type, customer_count "
        "from marts.segment_transitions "
        "where segment_family = ? and from_segment is not null "
        "and period_end = (select max(period_end) from marts.segment_transitions) "
        "order by from_segment, to_segment",
        [family],
    )
    moves = [r for r in rows if r["transition_type"] == "move"]
    rows = moves or rows
    sources = sorted({r["from_segment"] for r in rows})
    targets = sorted({r["to_segment"] for r in rows})
    labels = [f"{s} (before)" for s in sources] + targets
    return {
        "data": [
            {
                "type": "sankey",
                "node": {"label": labels, "pad": 12},
                "link": {
                    "source": [sources.index(r["from_segment"]) for r in rows],
                    "target": [len(sources) + targets.index(r["to_segment"]) for r in rows],
                    "value": [r["customer_count"] for r in rows],
                },
            }
        ],
        "layout": {
            "title": {"text": f"{family}: " + ("moves" if moves else "no moves, stays")},
            "height": 360,
            "margin": {"t": 40, "b": 10},
        },
    }


def rfm_grid(con) -> dict:
    rows = _rows(
        con,
        "select r_score, f_score, count(*) as customers, sum(total_revenue) as revenue "
        "from marts.seg_rfm where r_score is not null and f_score is not null group by 1, 2",
    )
    scores = sorted({r["r_score"] for r in rows} | {r["f_score"] for r in rows}) or [1]
    top = max(scores)
    customers = [[0] * top for _ in range(top)]
    text = [[""] * top for _ in range(top)]
    for r in rows:
        customers[r["f_score"] - 1][r["r_score"] - 1] = r["customers"]
        text[r["f_score"] - 1][r["r_score"] - 1] = (
            f"{r['customers']:,} customers<br>{float(r['revenue'] or 0):,.0f} revenue"
        )
    axis = list(range(1, top + 1))
    return {
        "data": [
            {
                "type": "heatmap",
                "x": axis,
                "y": axis,
                "z": customers,
                "text": text,
                "texttemplate": "%{text}",
                "colorscale": "Blues",
                "hovertemplate": "R %{x}, F %{y}: %{text}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": "RFM grid: customers and revenue per recency x frequency score"},
            "height": 520,
            "xaxis": {"title": {"text": "recency score (5 = most recent)"}, "dtick": 1},
            "yaxis": {"title": {"text": "frequency score (5 = most frequent)"}, "dtick": 1},
        },
    }


def _table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{html.escape(title)}</th>" for _, title in columns)
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            if isinstance(value, float):
                value = f"{value:.1%}" if key.endswith(("share", "_rate")) else f"{value:,.2f}"
            elif value is None:
                value = ""
            elif isinstance(value, int) and not isinstance(value, bool):
                value = f"{value:,}"
            cells.append(f"<td>{html.escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def build_report(db_path: Path) -> str:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        as_of = con.execute("select max(as_of_date) from marts.customer_segments").fetchone()[0]
        customers = con.execute("select count(*) from marts.customer_segments").fetchone()[0]
        published = con.execute("select max(published_at) from main.publication_tables").fetchone()[
            0
        ]
        absent = (
            [r["table_name"] for r in _rows(con, "select table_name from raw.landing_zone_status "
                                                 "where not is_present order by 1")]
            if _has(con, "raw", "landing_zone_status") else []
        )  # fmt: skip
        quarantined = _rows(
            con,
            "select source_table, rejection_reason, count(*) as row_count from audit.rejected_rows "
            "group by 1, 2 order by 1, 3 desc",
        )
        reconciliation = _rows(con, "select * from audit.source_reconciliation order by 1")
        summary = _rows(
            con,
            "select s.segment_family, s.segment, s.customer_count, s.customer_share, s.revenue_365d, "
            "s.avg_order_value_365d, s.contactable_customer_count, s.nps, c.suggested_action "
            "from marts.segment_summary as s left join marts.segment_catalog as c "
            "using (segment_family, segment) order by s.segment_family, s.customer_count desc",
        )
        top_pairs = (
            _rows(
                con,
                "select basket_kind, product_name, associated_product_name, pair_basket_count, "
                "confidence, lift from marts.product_affinity where product_id < associated_product_id "
                "order by lift desc, pair_basket_count desc, product_id, associated_product_id limit 10",
            )
            if _has(con, "marts", "product_affinity")
            else []
        )
        sources = (
            _rows(
                con,
                "select first_touch_source, first_touch_medium, visitor_count, sign_up_count, "
                "converted_customer_count, conversion_rate, median_days_to_first_order, "
                "revenue_365d_per_customer, revenue_365d_per_visitor, source_rank "
                "from marts.best_traffic_sources order by source_rank nulls last, visitor_count desc "
                "limit 12",
            )
            if _has(con, "marts", "best_traffic_sources")
            else []
        )
        families = [
            f
            for f in CHART_FAMILIES
            if con.execute(
                "select count(*) from marts.segment_sizes where segment_family = ?", [f]
            ).fetchone()[0]
        ]
        charts = {f"sizes-{f}": sizes_over_time(con, f) for f in families}
        charts |= {f"flow-{f}": last_period_flow(con, f) for f in families}
        charts["rfm-grid"] = rfm_grid(con)
    finally:
        con.close()

    def chart_divs(prefix: str) -> str:
        return "".join(
            f'<div class="chart" id="{key}"></div>' for key in charts if key.startswith(prefix)
        )

    summary_columns = [
        ("segment", "segment"),
        ("customer_count", "customers"),
        ("customer_share", "share"),
        ("revenue_365d", "revenue 365d"),
        ("avg_order_value_365d", "AOV 365d"),
        ("contactable_customer_count", "contactable"),
        ("nps", "NPS"),
        ("suggested_action", "suggested action"),
    ]
    summary_html = "".join(
        f"<h3>{html.escape(family)}</h3>"
        + _table([r for r in summary if r["segment_family"] == family], summary_columns)
        for family in SUMMARY_FAMILIES
        if any(r["segment_family"] == family for r in summary)
    )
    total_quarantined = sum(r["row_count"] for r in quarantined)
    absent_text = ", ".join(absent) if absent else "none"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Segment report as of {as_of}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; color: #222; }}
.headline {{ display: flex; gap: 24px; flex-wrap: wrap; }}
.headline div {{ background: #f3f6fa; padding: 12px 18px; border-radius: 6px; }}
.headline b {{ display: block; font-size: 1.6em; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 12px; }}
table {{ border-collapse: collapse; margin-bottom: 12px; font-size: 0.9em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }}
</style>
<script>{_plotly_js()}</script></head>
<body>
<h1>Customer segments as of {as_of}</h1>
<div class="headline">
<div><b>{customers:,}</b>customers</div>
<div><b>{html.escape(absent_text)}</b>sources absent (their segments say unknown)</div>
<div><b>{total_quarantined:,}</b>raw rows quarantined</div>
<div><b>{published:%Y-%m-%d %H:%M}</b>published (UTC)</div>
</div>
<h2>Segment sizes over time</h2><div class="grid">{chart_divs("sizes-")}</div>
<h2>Who moved where in the last period</h2><div class="grid">{chart_divs("flow-")}</div>
<h2>RFM grid</h2>{chart_divs("rfm-")}
<h2>Segments and what to do</h2>{summary_html}
<h2>Bought and viewed together: the strongest pairs</h2>
{_table(top_pairs, [("basket_kind", "together in"), ("product_name", "product"),
                    ("associated_product_name", "with"), ("pair_basket_count", "baskets"),
                    ("confidence", "confidence"), ("lift", "lift")])}
<h2>Best traffic sources (first touch)</h2>
{_table(sources, [("source_rank", "rank"), ("first_touch_source", "source"), ("first_touch_medium", "medium"),
                  ("visitor_count", "visitors"), ("sign_up_count", "sign-ups"),
                  ("converted_customer_count", "customers"), ("conversion_rate", "conversion"),
                  ("median_days_to_first_order", "median days to 1st order"),
                  ("revenue_365d_per_customer", "revenue 365d / customer"),
                  ("revenue_365d_per_visitor", "revenue 365d / visitor")])}
<h2>Data quality</h2>
<h3>Rows quarantined, by source and reason</h3>
{_table(quarantined, [("source_table", "source"), ("rejection_reason", "reason"), ("row_count", "rows")])}
<h3>Raw rows reconciled</h3>
{_table(reconciliation, [("source_table", "source"), ("raw_row_count", "raw"),
                         ("staged_row_count", "staged"), ("rejected_row_count", "quarantined"),
                         ("is_reconciled", "raw = staged + quarantined")])}
<script>
const charts = {json.dumps(charts, default=str)};
for (const [id, spec] of Object.entries(charts)) {{
  Plotly.newPlot(id, spec.data, spec.layout, {{displaylogo: false, responsive: true}});
}}
</script>
</body></html>
"""  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(os.environ.get("SEGMENTS_SERVING_PATH", "data/serving/segments.duckdb")),
    )
    parser.add_argument("--out", type=Path, default=Path("data/report/index.html"))
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"report: no published file at {args.db}: run make build first", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(build_report(args.db))
    print(f"Report written to {args.out} (self-contained: open it in any browser, offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
