"""The frontier: each found URL is deduplicated, scoped and trap-checked, then queued or decided."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace

from sitekit.crawl.links import MAX_LINKS_PER_PAGE, PageLinks
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.source import CrawlRecord, Outcome, Source, Task
from sitekit.crawl.urls import (
    NOT_HTML_EXTENSIONS,
    NOT_PAGE_SCHEMES,
    TRAP_CHAIN,
    TRAP_QUERY_VARIANTS,
    WEB_SCHEMES,
    chain_step,
    dedupe_key,
    is_web_url,
    matches_pattern,
    split_url,
    trap_area,
    trap_pattern,
    url_extension,
)
from sitekit.models import FetchedPage


class TrapWatch:
    """Spots crawler traps: known patterns, ever-growing URL chains, endless query variants."""

    def __init__(self, note: Callable[[str], None]) -> None:
        self._note = note
        self._query_variants: dict[str, int] = {}
        self._areas: set[str] = set()

    def reason(self, url: str, parent: str | None, parent_chain: int) -> tuple[str | None, int]:
        """Why `url` looks like a crawler trap (or None), and its chain length."""
        pattern = trap_pattern(url)
        chain = parent_chain + 1 if chain_step(url, parent) else 0
        if pattern is None and chain > TRAP_CHAIN:
            pattern = "ever-growing URLs"
        parts = split_url(url)
        if pattern is None and parts.query:
            variants = self._query_variants.get(parts.path, 0) + 1
            self._query_variants[parts.path] = variants
            if variants > TRAP_QUERY_VARIANTS:
                pattern = "the same page under ever-new query strings (session ids?)"
        if pattern is None:
            return None, chain
        area = trap_area(url)
        if area not in self._areas:
            self._areas.add(area)
            self._note(f"possible crawler trap at {area} ({pattern}); not followed further")
        return f"trap suspected: {pattern}", chain


class Frontier:
    """The crawl's queue and its decisions; the source answers what depends on the target."""

    def __init__(self, settings: CrawlSettings, source: Source, record: CrawlRecord) -> None:
        self.settings = settings
        self._source = source
        self._record = record
        self._known: dict[str, str] = {}  # dedupe key -> first-seen URL form
        self._audited_keys: set[str] = set()
        self._queue: deque[Task] = deque()
        self._traps = TrapWatch(record.note)
        self._known[dedupe_key(source.start_url)] = source.start_url

    def __len__(self) -> int:
        return len(self._queue)

    def take(self) -> Task:
        """The next URL to fetch (breadth first)."""
        return self._queue.popleft()

    def give_up(self, reason: str) -> None:
        """Decide every URL still queued with `reason` ("page limit") and empty the queue."""
        for task in self._queue:
            self._decide(task.url, reason, task.found_on)
        self._queue.clear()

    def seed(self, seeds: Iterable[tuple[str, str]]) -> None:
        """Consider URLs found outside any page (folder files, sitemaps) at depth 0."""
        for url, found_on in seeds:
            self._discover(url, found_on, 0, 0)

    def accept(self, outcome: Outcome, is_entry: bool) -> FetchedPage | None:
        """Record an outcome; return the page to yield (None: not HTML, duplicate, ...)."""
        show = self._source.display
        for url, status in outcome.hops:
            self._record.status_by_url[show(url)] = status
        if outcome.hops:  # a link is as good as where its redirects end
            self._record.status_by_url[show(outcome.task.url)] = outcome.hops[-1][1]
        task, page = outcome.task, outcome.page
        if page is None:
            self._decide(task.url, outcome.decision, task.found_on)
            return None
        final_key = dedupe_key(page.final_url)
        task_key = dedupe_key(task.url)
        if not is_entry and (final_key in self._audited_keys or task_key in self._audited_keys):
            self._decide(task.url, f"duplicate: redirects to {show(page.final_url)}", task.found_on)
            return None
        canonical = outcome.links.canonical
        if not is_entry and canonical and is_web_url(canonical):
            canonical = self._source.local(canonical)
            canonical_key = dedupe_key(canonical)
            if canonical_key not in (final_key, task_key):
                if canonical_key in self._audited_keys or canonical_key in self._known:
                    self._decide(
                        task.url, f"duplicate: canonical is {show(canonical)}", task.found_on
                    )
                    return None
                self._known[canonical_key] = canonical
        self._audited_keys.update({task_key, final_key})
        self._known.setdefault(final_key, page.final_url)
        self._decide(task.url, outcome.decision, task.found_on, audited=page.body is not None)
        if page.body is not None:
            self._follow(page, task, outcome.links)
        return replace(page, url=show(page.url), final_url=show(page.final_url))

    def _follow(self, page: FetchedPage, task: Task, links: PageLinks) -> None:
        """Discover a page's links and record its internal ones."""
        show = self._source.display
        if links.truncated:
            self._record.note(
                f"{show(page.url)} has over {MAX_LINKS_PER_PAGE:,} links; "
                f"only the first {MAX_LINKS_PER_PAGE:,} were considered"
            )
        internal: list[str] = []
        for link in links.links:
            link = self._source.local(link)
            target = self._discover(link, page.final_url, task.depth + 1, task.chain, page.url)
            if target is not None:
                internal.append(show(target))
        self._record.links_by_url[show(page.url)] = tuple(dict.fromkeys(internal))

    def _discover(
        self, url: str, found_on: str, depth: int, parent_chain: int, parent: str | None = None
    ) -> str | None:
        """Consider one found URL: dedupe, scope, robots, traps, limits; queue it or record why.

        Returns the URL's known form when it is internal (for links_by_url), else None.
        """
        source = self._source
        if url.startswith(("http://", "https://")):  # as urlsplit reads it: a web scheme
            scheme = "http"
        else:
            scheme = split_url(url).scheme.lower() if ":" in url else ""
        if scheme not in WEB_SCHEMES:
            if scheme in NOT_PAGE_SCHEMES:  # contact links: recorded, read by the snapshot
                self._decide_once(url, f"not HTML: {scheme}: link, not crawled", found_on)
                return None
            label = f"{scheme}:" if scheme else url[:40]
            self._decide_once(url, f"unsafe scheme: {label} not followed", found_on)
            return None
        key = dedupe_key(url)
        if key in self._known:
            known = self._known[key]
            return known if source.in_scope(known) else None
        self._known[key] = url
        if not source.in_scope(url):
            self._decide(url, source.off_site(url), found_on)
            return None
        status = source.link_status(url)
        if status is not None:
            self._record.status_by_url[source.display(url)] = status
        withheld = source.withheld(url)
        if withheld is not None:
            self._decide(url, withheld, found_on)
            return url
        parent_url = None if found_on.startswith("(") else parent
        reason = self._scope_reason(url, depth)
        if reason is None:
            reason, chain = self._traps.reason(url, parent_url, parent_chain)
        else:
            chain = 0
        if reason is not None:
            self._decide(url, reason, found_on)
            return url
        self._queue.append(Task(url, depth, found_on, chain))
        return url

    def _scope_reason(self, url: str, depth: int) -> str | None:
        """Why `url` is not crawled (patterns, file type, depth, robots), or None."""
        settings = self.settings
        for pattern in settings.exclude:
            if matches_pattern(url, pattern):
                return f"out of scope: excluded by {pattern}"
        if settings.include and not any(matches_pattern(url, p) for p in settings.include):
            return "out of scope: not matched by --include"
        if url_extension(url) in NOT_HTML_EXTENSIONS:
            return f"not HTML: {url_extension(url)} file"
        if settings.max_depth is not None and depth > settings.max_depth:
            return "depth limit"
        return self._source.refusal(url)

    def _decide(self, url: str, reason: str, found_on: str | None, audited: bool = False) -> None:
        """Record a crawl decision with URLs as reported."""
        show = self._source.display
        self._record.decide(show(url), reason, show(found_on) if found_on else None, audited)

    def _decide_once(self, url: str, reason: str, found_on: str) -> None:
        """Record a decision for a non-web link only the first time it is seen."""
        key = "unsafe:" + url[:200]
        if key not in self._known:
            self._known[key] = url
            self._decide(url[:200], reason, found_on)
