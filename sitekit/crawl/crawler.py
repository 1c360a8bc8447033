"""The crawler: a source (folder or HTTP) and a frontier, run with a pool of fetch threads."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from sitekit.crawl.folder import FolderSource
from sitekit.crawl.frontier import Frontier
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.source import CrawlRecord, Outcome, Source
from sitekit.crawl.urls import is_web_url
from sitekit.models import CrawlDecision, FetchedPage

__all__ = ["Crawler"]

Progress = Callable[[int, int, str], None]


def open_source(target: str, settings: CrawlSettings, record: CrawlRecord) -> Source:
    """An HTTP source for a URL, a folder source for a folder or one .html file."""
    if is_web_url(target):
        # imported here: requests and urllib3 cost ~50 ms of a local audit's start-up
        # (-X importtime), and only a URL needs them
        from sitekit.crawl.web import HttpSource

        return HttpSource(target, settings, record)
    return FolderSource(target, settings)


class Crawler:
    """Crawl a URL, a folder of HTML or one .html file; iterate to get FetchedPage objects.

    The entry page comes first. `decisions`, `notes`, `status_by_url` and `links_by_url`
    are complete once iteration ends. Decision reasons start with a fixed label ("audited",
    "out of scope", "robots.txt", "page limit", "depth limit", "duplicate", "not HTML",
    "unsafe scheme", "private address", "trap suspected", "failed") and may add ": detail".
    """

    def __init__(self, target: str, settings: CrawlSettings, progress: Progress | None = None):
        self.target = target
        self.settings = settings
        self.progress = progress
        self.record = CrawlRecord()
        self._source = open_source(target, settings, self.record)
        try:
            self._frontier = Frontier(settings, self._source, self.record)
            self._entry = self._source.entry()
        except BaseException:
            self.close()
            raise

    @property
    def decisions(self) -> list[CrawlDecision]:
        return self.record.decisions

    @property
    def notes(self) -> list[str]:
        return self.record.notes

    @property
    def status_by_url(self) -> dict[str, int | None]:
        return self.record.status_by_url

    @property
    def links_by_url(self) -> dict[str, tuple[str, ...]]:
        return self.record.links_by_url

    def __iter__(self) -> Iterator[FetchedPage]:
        """Yield the entry page, then every other audited page (failed ones with .error)."""
        entry, self._entry = self._entry, None
        if entry is None:
            return
        frontier, source = self._frontier, self._source
        workers = max(1, self.settings.concurrency)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sitekit-crawl")
        inflight: deque[Future[Outcome]] = deque()
        done = 0
        try:
            page = frontier.accept(entry, is_entry=True)
            if page is not None:
                done += 1
                self._report_progress(done, page.url, len(inflight))
                yield page
            frontier.seed(source.seeds())
            while True:
                while (
                    frontier
                    and len(inflight) < workers * 2
                    and (done + len(inflight) < self.settings.max_pages)
                ):
                    inflight.append(pool.submit(source.fetch, frontier.take()))
                if not inflight:
                    break
                page = frontier.accept(inflight.popleft().result(), is_entry=False)
                if page is not None:
                    done += 1
                    self._report_progress(done, page.url, len(inflight))
                    yield page
            frontier.give_up("page limit")
            source.check_links(self.record, pool)
        finally:
            for future in inflight:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            self.close()

    def close(self) -> None:
        """Close every HTTP session and stop the watchdog (done when iteration ends)."""
        self._source.close()

    def _report_progress(self, done: int, url: str, inflight: int) -> None:
        """Tell the progress callback how far the crawl is: pages done, and how many more will
        be fetched (the queue beyond --max-pages never will)."""
        if self.progress is not None:
            queued = min(len(self._frontier) + inflight, self.settings.max_pages - done)
            self.progress(done, max(0, queued), self._source.display(url))
