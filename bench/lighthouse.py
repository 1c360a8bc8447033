"""Build the example site, serve it on 127.0.0.1 and print Lighthouse's four category scores.

Usage: python bench/lighthouse.py [SITE_DIR] [--page /pricing/] [--all] [--desktop | --both]
--both measures every page with the mobile and the desktop preset and ends with one table:
page x preset x the four categories (and whether the page is noindex, where SEO < 100 is
expected).
Needs Lighthouse in .tools (see README, section "browser"; or $SITEKIT_LIGHTHOUSE, the path of
another install's lighthouse script) and Chromium (/usr/bin/chromium or $SITEKIT_CHROMIUM).
Each run takes ~15 s; scores depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path(
    os.environ.get("SITEKIT_LIGHTHOUSE", REPO / ".tools" / "node_modules" / ".bin" / "lighthouse")
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
}
sys.path.insert(0, str(REPO))

from sitekit.browser.chromium import CHROMIUM_FLAGS, find_browser  # noqa: E402
from sitekit.shot import serve_folder  # noqa: E402


def run_lighthouse(url: str, chromium: str, desktop: bool, report: Path) -> dict:
    """One Lighthouse run on `url`; the parsed JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=180)
    return json.loads(report.read_text())


def failing_audits(result: dict) -> list[str]:
    """'category: audit id (score) title' for every scored audit below 1 in the four categories."""
    lines = []
    for cat_id in CATEGORIES:
        for ref in result["categories"][cat_id]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                lines.append(f"  {cat_id}: {audit['id']} ({score:.2f}) {audit['title']}")
    return lines


def page_urls(out_dir: Path, base_url: str, page: str, all_pages: bool) -> list[str]:
    """The built pages to measure: one (`page`) or every index.html."""
    if not all_pages:
        return [base_url + page.lstrip("/")]
    rels = sorted(p.relative_to(out_dir).parent.as_posix() for p in out_dir.rglob("index.html"))
    return [base_url + ("" if rel == "." else rel + "/") for rel in rels]


def table(rows: list[tuple[str, str, bool, list[str]]]) -> str:
    """The Markdown table of every page and preset: perf, a11y, best practices, SEO."""
    lines = [
        "| page | preset | performance | accessibility | best practices | SEO |",
        "|---|---|---|---|---|---|",
    ]
    for path, mode, noindex, scores in rows:
        name = f"`{path}`" + (" (noindex)" if noindex else "")
        lines.append(f"| {name} | {mode} | " + " | ".join(scores) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default=str(REPO), type=Path)
    parser.add_argument("--page", default="/", help="site-relative URL (default: /)")
    parser.add_argument("--all", action="store_true", help="every built page")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset")
    parser.add_argument("--both", action="store_true", help="mobile and desktop, then a table")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"no {LIGHTHOUSE}: cd .tools && npm i lighthouse@12.8.2", file=sys.stderr)
        return 2
    chromium = find_browser()

    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    presets = (False, True) if args.both else (args.desktop,)
    rows: list[tuple[str, str, bool, list[str]]] = []
    with tempfile.TemporaryDirectory(prefix="sitekit-lh-") as tmp:
        built = build_site(load_config(args.site_dir), out_dir=Path(tmp) / "site")
        with serve_folder(built.out_dir) as base_url:
            for url in page_urls(built.out_dir, base_url, args.page, args.all):
                for desktop in presets:
                    mode = "desktop" if desktop else "mobile"
                    result = run_lighthouse(url, chromium, desktop, Path(tmp) / "report.json")
                    print(f"lighthouse {result['lighthouseVersion']} {url} ({mode})")
                    scores = []
                    for cat_id in CATEGORIES:
                        score = result["categories"][cat_id]["score"]
                        scores.append("n/a" if score is None else str(round(score * 100)))
                        print(f"  {cat_id:<15} {scores[-1]}")
                    audits = result["audits"]
                    print(
                        "  "
                        + ", ".join(f"{k} {audits[v]['displayValue']}" for k, v in METRICS.items())
                    )
                    for line in failing_audits(result):
                        print(line)
                    noindex = audits.get("is-crawlable", {}).get("score") == 0
                    rows.append((url.removeprefix(base_url.rstrip("/")), mode, noindex, scores))
    if len(rows) > 1:
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
