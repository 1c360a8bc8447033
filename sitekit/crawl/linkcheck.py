"""Link-status checking: which link targets still need a status, and asking a server for one."""

from __future__ import annotations

from collections.abc import Callable

from sitekit.crawl.fetch import Fetcher
from sitekit.crawl.source import CrawlRecord


def unchecked_links(record: CrawlRecord, max_pages: int) -> list[str]:
    """Internal link targets on audited pages that got no status (page limit, files)."""
    checkable = {
        d.url
        for d in record.decisions
        if d.reason in ("page limit", "depth limit") or d.reason.startswith("not HTML: .")
    }
    unchecked = [
        link
        for links in record.links_by_url.values()
        for link in links
        if link in checkable and link not in record.status_by_url
    ]
    return list(dict.fromkeys(unchecked))[: max(50, 2 * max_pages)]


def link_status(
    fetcher: Fetcher, url: str, hop_check: Callable[[str], str | None]
) -> dict[str, int | None]:
    """HEAD one link target (GET when HEAD is refused): its status and its redirects' statuses."""
    statuses: dict[str, int | None] = {}
    for method in ("HEAD", "GET"):
        opened = fetcher.open(url, hop_check, method)
        if opened.response is not None:
            opened.response.close()
        if not opened.hops:
            return statuses
        statuses.update(opened.hops)
        statuses[url] = opened.hops[-1][1]  # where the link really ends up
        if statuses[url] not in (405, 501):
            break
    return statuses
