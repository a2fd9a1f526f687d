"""Open the segment report in headless Chromium and check it renders: no console errors, no network requests, every
chart drawn with data.

Usage:
    python -m segments_tooling.report_check --report data/report/index.html [--screenshot PATH]
        [--chromium /usr/bin/chromium]

Chromium is Debian's (`apt-get install chromium`), driven through Playwright's Python package without the browser
download it would otherwise make. Exit status 1 with one line per failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

# The flags a closed network needs: no background connections, no component updates.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# For every chart div: how many traces it has and how many of them carry a positive value.
CHART_STATE = """
() => Array.from(document.querySelectorAll('div.chart')).map(div => {
  const traces = div.data || [];
  const positive = traces.filter(t => {
    const values = [].concat(t.y || [], (t.link && t.link.value) || [], (t.z || []).flat());
    return values.some(v => Number(v) > 0);
  }).length;
  return {id: div.id, traces: traces.length, positive: positive,
          drawn: div.querySelector('svg.main-svg') !== null};
})
"""


def check_report(report: Path, chromium: str, screenshot: Path | None) -> list[str]:
    failures: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on(
            "console",
            lambda message: (
                failures.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda error: failures.append(f"page error: {error}"))
        page.on(
            "request",
            lambda request: (
                failures.append(f"network request: {request.url}")
                if not request.url.startswith(("file:", "data:", "blob:", "about:"))
                else None
            ),
        )
        page.goto(report.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        charts = page.evaluate(CHART_STATE)
        if not charts:
            failures.append("no chart on the page")
        for chart in charts:
            if not chart["drawn"] or chart["traces"] == 0 or chart["positive"] == 0:
                failures.append(f"chart {chart['id']} is empty: {chart}")
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--screenshot", type=Path, default=None)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    failures = check_report(args.report, args.chromium, args.screenshot)
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"report check: {args.report}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
