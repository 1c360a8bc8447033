"""The HTTP source: a site read over the network, politely (robots.txt, Crawl-delay, rate limit)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from urllib.parse import urlsplit

from sitekit.crawl.decode import looks_binary, looks_like_html
from sitekit.crawl.fetch import BodyError, Fetcher, describe_error, http_status_text, read_body
from sitekit.crawl.linkcheck import link_status, unchecked_links
from sitekit.crawl.links import extract_links
from sitekit.crawl.netsafe import AddressGuard
from sitekit.crawl.polite import ROBOTS_MAX_BYTES, HostRateLimiter, RobotsCache, RobotsResponse
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.sitemaps import read_sitemaps
from sitekit.crawl.source import OFF_SITE, CrawlRecord, Outcome, Task
from sitekit.crawl.urls import is_ip_or_localhost, normalize_url, url_netloc, url_origin
from sitekit.errors import TargetError
from sitekit.models import FetchedPage

HTML_TYPES = ("text/html", "application/xhtml+xml")
_UNREACHABLE = (
    "failed: connect timeout",
    "failed: connection refused",
    "failed: host name not found",
    "failed: TLS error",
)

HopCheck = Callable[[str], str | None]


class HttpSource:
    """A web site: scope hosts, address guard, robots.txt, Crawl-delay, sitemaps, redirects."""

    def __init__(self, target: str, settings: CrawlSettings, record: CrawlRecord) -> None:
        self.settings = settings
        self._record = record
        self.start_url = normalize_url(target)
        self.origin = url_origin(self.start_url)
        self._site_origin = self.origin  # where the start URL redirects to, once known
        self._scope_hosts = {urlsplit(self.start_url).netloc}
        self._unreachable: dict[str, str] = {}  # origin -> why robots.txt could not be fetched
        self._limiter = HostRateLimiter(1.0 / settings.rate if settings.rate else 0.0)
        self._guard = AddressGuard(urlsplit(self.start_url).hostname or "", settings.allow_private)
        self._fetcher = Fetcher(settings, self._guard, self._limiter, self._scope_hosts)
        self._robots = RobotsCache(self._fetch_robots, settings.user_agent)
        if not settings.respect_robots:
            record.note("robots.txt ignored (--ignore-robots)")
        if not settings.verify_tls:
            record.note("TLS certificates not verified (--insecure)")
        if settings.allow_private:
            record.note("private network addresses allowed (--allow-private)")

    def entry(self) -> Outcome | None:
        """robots.txt, then the entry page; its redirect target becomes part of the site."""
        settings, start_url = self.settings, self.start_url
        if settings.respect_robots:
            rules = self._robots.rules(start_url)
            if self.origin in self._unreachable:  # no second wait for the entry page
                raise TargetError(f"cannot reach {start_url}: {self._unreachable[self.origin]}")
            self._apply_crawl_delay(start_url)
            if not rules.allowed(start_url, settings.user_agent):
                self._record.decide(start_url, "robots.txt", None)
                self._record.note(
                    f"robots.txt disallows the start URL {start_url} for "
                    f"{settings.user_agent!r}; use --ignore-robots to audit it anyway"
                )
                return None
        outcome = fetch_page(self._fetcher, settings, Task(start_url, 0, None), self.refusal)
        page = outcome.page
        if page is not None and page.status is None and page.error:
            raise TargetError(f"cannot reach {start_url}: {page.error}")
        if page is None and outcome.decision.startswith(("private address", "unsafe scheme")):
            raise TargetError(f"cannot audit {start_url}: {outcome.decision}")
        if page is not None and page.final_url:
            self._scope_hosts.add(urlsplit(page.final_url).netloc)
            self._site_origin = url_origin(page.final_url)
            if settings.respect_robots and url_origin(page.final_url) != self.origin:
                self._apply_crawl_delay(page.final_url)
        return outcome

    def seeds(self) -> Sequence[tuple[str, str]]:
        """Page URLs from sitemaps (robots.txt's, else /sitemap.xml)."""
        if not self.settings.use_sitemaps:
            return []
        listed: list[str] = []
        if self.settings.respect_robots:
            for origin in dict.fromkeys([self.origin, self._site_origin]):
                robots_url = f"{origin}/robots.txt"
                listed.extend(
                    normalize_url(u, robots_url) for u in self._robots.rules(robots_url).sitemaps()
                )
        urls = read_sitemaps(
            listed,
            f"{self._site_origin}/sitemap.xml",
            self._fetcher.fetch_resource,
            self.in_scope,
            self._record.note,
            max(1000, 4 * self.settings.max_pages),
            2 * self.settings.max_page_seconds,
        )
        return [(url, "(sitemap)") for url in urls]

    def fetch(self, task: Task) -> Outcome:
        return fetch_page(self._fetcher, self.settings, task, self._page_hop_check)

    def display(self, url: str) -> str:
        return url

    def local(self, url: str) -> str:
        return url

    def in_scope(self, url: str) -> bool:
        return url_netloc(url) in self._scope_hosts

    def off_site(self, url: str) -> str:
        """Another site; a private or local address is named as such."""
        host = urlsplit(url).hostname or ""
        if is_ip_or_localhost(host):
            verdict = self._guard.check(host)
            if verdict:
                return verdict
        return OFF_SITE

    def link_status(self, url: str) -> int | None:
        return None  # known once fetched or checked

    def withheld(self, url: str) -> str | None:
        return None

    def refusal(self, url: str) -> str | None:
        """robots.txt, unless ignored."""
        if self.settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def check_links(self, record: CrawlRecord, pool: Executor) -> None:
        """HEAD internal link targets that got no status (page limit, files)."""
        targets = unchecked_links(record, self.settings.max_pages)
        for status in pool.map(self._check_link, targets):
            record.status_by_url.update(status)

    def close(self) -> None:
        """Close every HTTP session and stop the watchdog."""
        self._fetcher.close()

    def _check_link(self, url: str) -> dict[str, int | None]:
        if self.refusal(url):
            return {}
        return link_status(self._fetcher, url, self._page_hop_check)

    def _page_hop_check(self, url: str) -> str | None:
        """Why a redirect of a site page may not be followed (scope, robots), or None."""
        if not self.in_scope(url):
            return "out of scope"
        return self.refusal(url)

    def _fetch_robots(self, url: str) -> RobotsResponse:
        """Fetch a robots.txt, remembering origins that could not be reached."""
        response = self._fetcher.fetch_resource(url, ROBOTS_MAX_BYTES, truncate=True)
        error = response.error or ""
        if response.status is None and error.startswith(_UNREACHABLE):
            self._unreachable[url_origin(url)] = error.removeprefix("failed: ")
        return response

    def _apply_crawl_delay(self, url: str) -> None:
        """Use an origin's robots.txt Crawl-delay (capped) as its request interval."""
        rules = self._robots.rules(url)
        if rules.note:
            self._record.note(rules.note)
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay and delay > 0:
            cap = self.settings.max_retry_after
            if delay > cap:
                self._record.note(f"robots.txt Crawl-delay {delay:g} s capped at {cap:g} s")
            self._limiter.set_interval(urlsplit(url).netloc, min(delay, cap))


def fetch_page(
    fetcher: Fetcher, settings: CrawlSettings, task: Task, hop_check: HopCheck
) -> Outcome:
    """Fetch one page: redirects, status, type, bounded body, links."""
    started = time.perf_counter()
    opened = fetcher.open(task.url, hop_check)
    hops = tuple(opened.hops)

    def failed(error: str, status: int | None, ctype: str = "") -> Outcome:
        page = FetchedPage(
            task.url,
            opened.final_url,
            status,
            ctype,
            error=error,
            depth=task.depth,
            elapsed=time.perf_counter() - started,
        )
        return Outcome(task, page, f"failed: {error}", hops)

    response = opened.response
    if response is None:
        decision = opened.decision or "failed"
        if decision.startswith("failed: "):
            return failed(decision[len("failed: ") :], hops[-1][1] if hops else None)
        return Outcome(task, None, decision, hops)
    try:
        status = response.status_code
        ctype_header = response.headers.get("Content-Type", "")
        media_type = ctype_header.split(";", 1)[0].strip().lower()
        if status >= 400:
            return failed(http_status_text(status), status, media_type)
        if not 200 <= status < 300:
            return failed(f"HTTP {status} without a page", status, media_type)
        if media_type and media_type not in HTML_TYPES:
            return Outcome(task, None, f"not HTML: {media_type}", hops)
        length = response.headers.get("Content-Length", "")
        encoded = response.headers.get("Content-Encoding", "")
        if length.isdigit() and int(length) > settings.max_bytes and not encoded:
            return failed(f"too large: over {settings.max_bytes:,} bytes", status)
        deadline = time.monotonic() + settings.max_page_seconds
        try:
            body, _ = read_body(response.raw, encoded, settings.max_bytes, deadline)
        except BodyError as exc:
            return failed(str(exc), status, media_type)
        except Exception as exc:  # a broken connection mid-body, whatever its type
            return failed(describe_error(exc, settings.timeout), status, media_type)
    finally:
        response.close()
    if looks_binary(body):
        return Outcome(
            task, None, f"not HTML: binary content served as {media_type or 'HTML'}", hops
        )
    if not media_type and not looks_like_html(body):
        return Outcome(task, None, "not HTML: no Content-Type and not HTML-like", hops)
    encoding = response.encoding if "charset" in ctype_header.lower() else None
    page = FetchedPage(
        task.url, opened.final_url, status, media_type or "text/html", body, encoding,
        task.depth, elapsed=time.perf_counter() - started,
    )  # fmt: skip
    return Outcome(task, page, "audited", hops, extract_links(body, opened.final_url, encoding))
