"""The one interface a crawl's pages come from (a folder or a web site), and what it hands back."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Protocol

from sitekit.crawl.links import PageLinks
from sitekit.models import CrawlDecision, FetchedPage

OFF_SITE = "out of scope: another site"


@dataclass(frozen=True)
class Task:
    """A URL waiting in the frontier, with how it was found."""

    url: str
    depth: int
    found_on: str | None
    chain: int = 0


_NO_LINKS = PageLinks(())


@dataclass(frozen=True)
class Outcome:
    """What fetching one task gave, before the frontier records it."""

    task: Task
    page: FetchedPage | None  # None when nothing page-like came back (see `decision`)
    decision: str  # "audited", "not HTML: ...", "failed: ...", ...
    hops: tuple[tuple[str, int | None], ...] = ()
    links: PageLinks = _NO_LINKS


@dataclass
class CrawlRecord:
    """What a crawl found out: decisions, notes, link statuses and each page's internal links."""

    decisions: list[CrawlDecision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    status_by_url: dict[str, int | None] = field(default_factory=dict)
    links_by_url: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self, note: str) -> None:
        """Add a note once (thread-safe)."""
        with self._lock:
            if note not in self.notes:
                self.notes.append(note)

    def decide(self, url: str, reason: str, found_on: str | None, audited: bool = False) -> None:
        """Record a decision about a URL, both URLs already as reported."""
        self.decisions.append(CrawlDecision(url, audited, reason, found_on))


class Source(Protocol):
    """Where pages come from; the frontier asks, the source answers for its kind of target."""

    start_url: str

    def entry(self) -> Outcome | None:
        """Read the entry page; None when there is nothing to crawl (the source said why)."""

    def seeds(self) -> Sequence[tuple[str, str]]:
        """(URL, found on) pairs to consider after the entry page (folder files, sitemaps)."""

    def fetch(self, task: Task) -> Outcome:
        """Read one page (called from worker threads)."""

    def display(self, url: str) -> str:
        """A URL as reported."""

    def local(self, url: str) -> str:
        """A found URL in the source's own terms (a site's public origin onto the folder)."""

    def in_scope(self, url: str) -> bool:
        """True when `url` is on the site."""

    def off_site(self, url: str) -> str:
        """The decision for a URL on another host."""

    def link_status(self, url: str) -> int | None:
        """A link target's status known without reading the page (folder files), or None."""

    def withheld(self, url: str) -> str | None:
        """Why an internal URL is recorded but never queued (a one-file audit), or None."""

    def refusal(self, url: str) -> str | None:
        """Why the source will not read an in-scope URL (robots.txt), or None."""

    def check_links(self, record: CrawlRecord, pool: Executor) -> None:
        """After the crawl: give link targets that were not read a status."""

    def close(self) -> None:
        """Release connections and threads."""
