"""Frontier and sitemap-reader tests on hand-made outcomes: no files, no network."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor

from sitekit.crawl.frontier import Frontier
from sitekit.crawl.links import PageLinks
from sitekit.crawl.polite import RobotsResponse
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.sitemaps import read_sitemaps
from sitekit.crawl.source import OFF_SITE, CrawlRecord, Outcome, Task
from sitekit.crawl.urls import TRAP_QUERY_VARIANTS
from sitekit.models import FetchedPage

SITE = "https://shop.example"


class StubSource:
    """A source that answers from fixed rules: robots refuses /private/, statuses are known."""

    start_url = SITE + "/"

    def __init__(self, withhold: bool = False) -> None:
        self.withhold = withhold

    def entry(self) -> Outcome | None:
        return None

    def seeds(self) -> Sequence[tuple[str, str]]:
        return []

    def fetch(self, task: Task) -> Outcome:
        raise AssertionError("the frontier never fetches")

    def display(self, url: str) -> str:
        return url.removeprefix(SITE) or "/"

    def local(self, url: str) -> str:
        return url

    def in_scope(self, url: str) -> bool:
        return url.startswith(SITE + "/")

    def off_site(self, url: str) -> str:
        return OFF_SITE

    def link_status(self, url: str) -> int | None:
        return 200

    def withheld(self, url: str) -> str | None:
        return "withheld" if self.withhold else None

    def refusal(self, url: str) -> str | None:
        return "robots.txt" if "/private/" in url else None

    def check_links(self, record: CrawlRecord, pool: Executor) -> None:
        pass

    def close(self) -> None:
        pass


def entry_outcome(*links: str, canonical: str | None = None) -> Outcome:
    url = SITE + "/"
    page = FetchedPage(url, url, 200, "text/html", b"<html></html>", None, 0)
    return Outcome(Task(url, 0, None), page, "audited", ((url, 200),), PageLinks(links, canonical))


def test_the_frontier_queues_internal_links_and_records_why_others_are_not_followed() -> None:
    record = CrawlRecord()
    frontier = Frontier(CrawlSettings(max_depth=5), StubSource(), record)
    links = (SITE + "/a", SITE + "/private/x", "https://other.example/", "mailto:hi@e.com")
    page = frontier.accept(entry_outcome(*links, SITE + "/a"), is_entry=True)  # /a twice
    assert page is not None and page.url == "/"
    assert [frontier.take().url for _ in range(len(frontier))] == [SITE + "/a"]
    why = {d.url: d.reason for d in record.decisions}
    assert why["/"] == "audited" and why["/private/x"] == "robots.txt"
    assert why["https://other.example/"] == OFF_SITE
    assert why["mailto:hi@e.com"] == "not HTML: mailto: link, not crawled"
    assert record.links_by_url["/"] == ("/a", "/private/x")  # deduplicated, internal only
    assert record.status_by_url["/a"] == 200  # the source knew it without a fetch


def test_a_withheld_url_is_recorded_before_any_scope_rule() -> None:
    record = CrawlRecord()
    frontier = Frontier(CrawlSettings(max_depth=0), StubSource(withhold=True), record)
    frontier.accept(entry_outcome(SITE + "/private/x"), is_entry=True)
    assert not frontier
    assert {d.url: d.reason for d in record.decisions}["/private/x"] == "withheld"


def test_endless_query_variants_are_called_a_trap_once_with_a_note() -> None:
    record = CrawlRecord()
    frontier = Frontier(CrawlSettings(), StubSource(), record)
    variants = [f"{SITE}/list?session={n}" for n in range(TRAP_QUERY_VARIANTS + 3)]
    frontier.accept(entry_outcome(*variants), is_entry=True)
    assert len(frontier) == TRAP_QUERY_VARIANTS
    traps = [d for d in record.decisions if d.reason.startswith("trap suspected")]
    assert len(traps) == 3
    assert sum("possible crawler trap" in note for note in record.notes) == 1
    frontier.give_up("page limit")
    assert not frontier and record.decisions[-1].reason == "page limit"


def test_read_sitemaps_follows_an_index_and_skips_other_hosts() -> None:
    files = {
        SITE + "/index.xml": b"<sitemapindex><sitemap><loc>/a.xml</loc></sitemap>"
        b"<sitemap><loc>https://other.example/b.xml</loc></sitemap></sitemapindex>",
        SITE + "/a.xml": b"<urlset><url><loc>/one</loc></url><url><loc>/two</loc></url></urlset>",
    }

    def fetch(url: str, max_bytes: int, truncate: bool) -> RobotsResponse:
        return RobotsResponse(200, "text/xml", files[url]) if url in files else RobotsResponse(404)

    notes: list[str] = []
    urls = read_sitemaps(
        [SITE + "/index.xml"], SITE + "/sitemap.xml", fetch,
        lambda url: url.startswith(SITE), notes.append, 1000, 10.0,
    )  # fmt: skip
    assert urls == [SITE + "/one", SITE + "/two"]
    assert notes == ["sitemap https://other.example/b.xml is on another site; not read"]
