"""Build the example site, serve it on 127.0.0.1 and print Lighthouse's four category scores.

Usage: python bench/lighthouse.py [SITE_DIR] [--page /pricing/] [--all] [--desktop]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default=str(REPO), type=Path)
    parser.add_argument("--page", default="/", help="site-relative URL (default: /)")
    parser.add_argument("--all", action="store_true", help="every built page")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"no {LIGHTHOUSE}: cd .tools && npm i lighthouse@12.8.2", file=sys.stderr)
        return 2
    chromium = find_browser()

    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    with tempfile.TemporaryDirectory(prefix="sitekit-lh-") as tmp:
        built = build_site(load_config(args.site_dir), out_dir=Path(tmp) / "site")
        mode = "desktop" if args.desktop else "mobile"
        with serve_folder(built.out_dir) as base_url:
            for url in page_urls(built.out_dir, base_url, args.page, args.all):
                result = run_lighthouse(url, chromium, args.desktop, Path(tmp) / "report.json")
                print(f"lighthouse {result['lighthouseVersion']} {url} ({mode})")
                for cat_id in CATEGORIES:
                    score = result["categories"][cat_id]["score"]
                    print(f"  {cat_id:<15} {'n/a' if score is None else round(score * 100)}")
                audits = result["audits"]
                print(
                    "  " + ", ".join(f"{k} {audits[v]['displayValue']}" for k, v in METRICS.items())
                )
                for line in failing_audits(result):
                    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
