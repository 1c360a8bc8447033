"""Role detection against the hand-labelled sites in bench/roles/: accuracy per role and per
language, and every miss.

Each site's pages are assembled into whole HTML documents (the site's navigation in a
header, its legal links in a footer, the page's JSON-LD in the head), snapshot by the
auditor's gatherer and given a role by `sitekit.audit.roles.detect_role`, as in an audit;
the page at "/" is the entry page. Sites marked `held_out = true` were written after the
detector and its word lists, and nothing was tuned on them: their figure is the honest one.

    python bench/roles.py
"""

from __future__ import annotations

import html
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from sitekit.audit.profile import load_profile
from sitekit.audit.roles import detect_role
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage

SITES = Path(__file__).parent / "roles"
BASE = "https://example.test"


def page_html(site: dict[str, Any], page: dict[str, Any]) -> str:
    """One whole document: head (title, JSON-LD), nav, main body, footer."""

    def links(items: list[list[str]]) -> str:
        return "".join(f'<a href="{u}">{html.escape(label)}</a> ' for label, u in items)

    jsonld = "".join(
        f'<script type="application/ld+json">{json.dumps({"@type": t})}</script>'
        for t in page.get("jsonld", [])
    )
    return (
        f'<!doctype html><html lang="{site["lang"]}"><head><meta charset="utf-8">'
        f"<title>{html.escape(page['title'])}</title>{jsonld}</head><body>"
        f"<header><a href='/'>{html.escape(site['name'])}</a><nav>{links(site['nav'])}</nav>"
        f"</header><main>{page['body']}</main><footer>{links(site['footer'])}</footer>"
        "</body></html>"
    )


def run() -> list[tuple[str, str, str, str, str, str, str]]:
    """(site, lang, path, labelled role, detected role, reason, set) for every page."""
    rules = load_profile().roles
    rows = []
    for file in sorted(SITES.glob("*.toml")):
        site = tomllib.loads(file.read_text(encoding="utf-8"))
        for page in site["page"]:
            url = BASE + page["path"]
            body = page_html(site, page).encode()
            snapshot = make_snapshot(FetchedPage(url, url, 200, "text/html", body, "utf-8"))
            role, why = detect_role(snapshot, page["path"] == "/", rules, site["lang"])
            kind = "held out" if site.get("held_out") else "tuned on"
            rows.append((file.stem, site["lang"], page["path"], page["role"], role, why, kind))
    return rows


def main() -> int:
    rows = run()
    hits = sum(1 for r in rows if r[3] == r[4])
    print(f"role detection: {hits}/{len(rows)} pages right ({100 * hits / len(rows):.0f}%)")
    for title, key in (("per set", 6), ("per role (labelled)", 3), ("per language", 1)):
        total, right = Counter(r[key] for r in rows), Counter(r[key] for r in rows if r[3] == r[4])
        print(f"\n{title}:")
        for name in sorted(total):
            share = 100 * right[name] / total[name]
            print(f"  {name:10} {right[name]:3}/{total[name]:<3} {share:5.0f}%")
    misses = [r for r in rows if r[3] != r[4]]
    print(f"\nmisses ({len(misses)}):")
    for site, _lang, path, want, got, why, _set in misses:
        print(f"  {site:14} {path:32} labelled {want:9} detected {got:9} ({why})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
