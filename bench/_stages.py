"""CPU per page by stage, in one process: fetch, parse + snapshot, checks, scoring; and each
check's CPU, so the hot spots on large pages show.

Fetch is the crawler alone (its threads included: process CPU over the whole crawl); the other
stages run one page at a time in this thread (thread CPU), on the pages that crawl fetched.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any


def stage_cpu(url: str, pages: int, per_check_pages: int = 200) -> dict[str, Any]:
    """{'fetch', 'snapshot', 'checks', 'scoring': ms of CPU a page, 'pages': n,
    'per_check': {check id: ms a page}}."""
    from sitekit.audit.context import page_context
    from sitekit.audit.profile import load_profile
    from sitekit.audit.scoring import _enabled, check_page, run_check, score_page
    from sitekit.audit.snapshot import make_snapshot
    from sitekit.crawl.crawler import Crawler
    from sitekit.crawl.settings import CrawlSettings

    profile = load_profile()
    started = time.process_time()
    crawler = Crawler(url, CrawlSettings(max_pages=pages))
    fetched = [page for page in crawler if page.body]
    crawler.close()
    fetch = time.process_time() - started
    links, statuses = dict(crawler.links_by_url), dict(crawler.status_by_url)
    cpu = defaultdict(float)
    per_check: dict[str, float] = defaultdict(float)
    specs = [s for s in _enabled(profile) if not s.needs_crawl]
    for n, page in enumerate(fetched):
        t0 = time.thread_time()
        snapshot = make_snapshot(page)
        t1 = time.thread_time()
        checked = check_page(snapshot, profile, is_entry=n == 0)
        t2 = time.thread_time()
        score_page(checked, page_context(page.url, links, statuses, ()), profile)
        t3 = time.thread_time()
        cpu["snapshot"] += t1 - t0
        cpu["checks"] += t2 - t1
        cpu["scoring"] += t3 - t2
        if n < per_check_pages:
            for spec in specs:
                t0 = time.thread_time()
                run_check(spec, snapshot, profile, "en")
                per_check[spec.id] += time.thread_time() - t0
    count = max(1, len(fetched))
    sampled = max(1, min(per_check_pages, len(fetched)))
    out: dict[str, Any] = {k: v * 1000 / count for k, v in cpu.items()}
    out["fetch"] = fetch * 1000 / count
    out["pages"] = len(fetched)
    out["per_check"] = {k: v * 1000 / sampled for k, v in per_check.items()}
    return out


__all__ = ["stage_cpu"]
