"""CPU per page by stage, in one process: fetch, parse + snapshot, checks, scoring; and each
check's CPU, so the hot spots on large pages show.

Fetch is the crawler alone (its threads included: process CPU over the whole crawl); the other
stages run one page at a time in this thread (thread CPU), on the pages that crawl fetched.
Each check's CPU is taken after that pass, in a second one over the first pages, repeating
check_page's steps (language, role, the checks, confidence): by then the bounded caches of
phrase answers hold the last pages' texts, so each check pays for a page's texts what a
worker pays the first time (running a check twice on one page would hide that cost).
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
    from sitekit.audit.scoring import _enabled, check_page, score_page
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
    for n, page in enumerate(fetched[:per_check_pages]):
        for key, spent in _per_check(page, profile, specs, n == 0).items():
            per_check[key] += spent
    count = max(1, len(fetched))
    sampled = max(1, min(per_check_pages, len(fetched)))
    out: dict[str, Any] = {k: v * 1000 / count for k, v in cpu.items()}
    out["fetch"] = fetch * 1000 / count
    out["pages"] = len(fetched)
    out["per_check"] = {k: v * 1000 / sampled for k, v in per_check.items()}
    return out


def _per_check(page: Any, profile: Any, specs: list[Any], is_entry: bool) -> dict[str, float]:
    """CPU seconds of each step of check_page on the page's snapshot."""
    from sitekit.audit.confidence import page_confidence
    from sitekit.audit.language import page_language
    from sitekit.audit.roles import detect_role
    from sitekit.audit.scoring import run_check
    from sitekit.audit.snapshot import make_snapshot

    snapshot = make_snapshot(page)
    out: dict[str, float] = {}
    t0 = time.thread_time()
    body = f"{snapshot.title}\n{snapshot.text}"
    lang, how = page_language(snapshot.lang, body, profile.word_lists.function_words)
    t1 = time.thread_time()
    detect_role(snapshot, is_entry, profile.roles, lang or "")
    t2 = time.thread_time()
    out["(language)"], out["(role)"] = t1 - t0, t2 - t1
    results = []
    for spec in specs:
        t0 = time.thread_time()
        results.append(run_check(spec, snapshot, profile, lang))
        out[spec.id] = time.thread_time() - t0
    t0 = time.thread_time()
    page_confidence(snapshot, tuple(results), lang, how)
    out["(confidence)"] = time.thread_time() - t0
    return out


__all__ = ["stage_cpu"]
