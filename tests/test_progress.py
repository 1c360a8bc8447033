"""The progress line counts only what will be fetched: never past --max-pages."""

from __future__ import annotations

from pathlib import Path

from test_audit import many_pages

from sitekit.crawl.crawler import Crawler
from sitekit.crawl.settings import CrawlSettings


def test_queued_never_counts_past_max_pages(tmp_path: Path) -> None:
    site = many_pages(tmp_path / "site", 40)
    calls: list[tuple[int, int]] = []
    crawler = Crawler(str(site), CrawlSettings(max_pages=15), lambda d, q, u: calls.append((d, q)))
    pages = list(crawler)
    assert len(pages) == 15
    assert calls[0] == (1, 14)  # 40 pages are waiting, 14 of them will be fetched
    assert all(done + queued <= 15 for done, queued in calls), calls
    assert calls[-1] == (15, 0)
