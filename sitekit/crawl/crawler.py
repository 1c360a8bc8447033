"""The crawler: frontier, scheduling in threads, scope and trap decisions, and folder mode."""

from __future__ import annotations

import mimetypes
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from sitekit.crawl.decode import looks_binary, looks_like_html
from sitekit.crawl.fetch import BodyError, Fetcher, describe_error, http_status_text, read_body
from sitekit.crawl.links import MAX_LINKS_PER_PAGE, PageLinks, extract_links
from sitekit.crawl.netsafe import AddressGuard
from sitekit.crawl.polite import ROBOTS_MAX_BYTES, HostRateLimiter, RobotsCache, RobotsResponse
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.sitemaps import (
    SITEMAP_MAX_BYTES,
    SITEMAP_MAX_FILES,
    decompress_bounded,
    parse_sitemap,
)
from sitekit.crawl.urls import (
    INDEX_FILES,
    NOT_HTML_EXTENSIONS,
    NOT_PAGE_SCHEMES,
    TRAP_CHAIN,
    TRAP_QUERY_VARIANTS,
    WEB_SCHEMES,
    chain_step,
    dedupe_key,
    is_ip_or_localhost,
    is_web_url,
    matches_pattern,
    normalize_url,
    trap_area,
    trap_pattern,
    url_extension,
    url_origin,
)
from sitekit.errors import TargetError
from sitekit.models import CrawlDecision, FetchedPage

__all__ = ["CrawlSettings", "Crawler"]  # CrawlSettings: still importable from here

Progress = Callable[[int, int, str], None]

HTML_TYPES = ("text/html", "application/xhtml+xml")
ERROR_PAGES = ("404", "500", "50x")  # a folder's error pages are not seeded as site pages
_UNREACHABLE = (
    "failed: connect timeout",
    "failed: connection refused",
    "failed: host name not found",
    "failed: TLS error",
)
FOLDER_ORIGIN = "http://folder.sitekit.invalid"  # internal stand-in origin in folder mode
FOLDER_MAX_FILES = 100_000


@dataclass(frozen=True)
class _Task:
    """A URL waiting in the frontier, with how it was found."""

    url: str
    depth: int
    found_on: str | None
    chain: int = 0


_NO_LINKS = PageLinks(())


@dataclass(frozen=True)
class _Outcome:
    """What fetching one task gave, before the crawler records it."""

    task: _Task
    page: FetchedPage | None  # None when nothing page-like came back (see `decision`)
    decision: str  # "audited", "not HTML: ...", "failed: ...", ...
    hops: tuple[tuple[str, int | None], ...] = ()
    links: PageLinks = _NO_LINKS


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
        self.decisions: list[CrawlDecision] = []
        self.notes: list[str] = []
        self.status_by_url: dict[str, int | None] = {}
        self.links_by_url: dict[str, tuple[str, ...]] = {}
        self._known: dict[str, str] = {}  # dedupe key -> first-seen URL form
        self._audited_keys: set[str] = set()
        self._frontier: deque[_Task] = deque()
        self._query_variants: dict[str, int] = {}
        self._trap_areas: set[str] = set()
        self._notes_lock = threading.Lock()
        self._root: Path | None = None
        self._single_file = False
        self._aliases: set[str] = set()
        self._entry: _Outcome | None = None
        self._scope_hosts: set[str] = set()
        self._fetcher: Fetcher | None = None  # web mode only
        self._unreachable: dict[str, str] = {}  # origin -> why robots.txt could not be fetched
        self._limiter = HostRateLimiter(1.0 / settings.rate if settings.rate else 0.0)
        try:
            if is_web_url(target):
                self._init_web(target)
            else:
                self._init_folder(target)
        except BaseException:
            self.close()
            raise

    # ---------------------------------------------------------------- set-up

    def _init_web(self, target: str) -> None:
        """Set up a URL crawl: scope, guard, robots.txt, then fetch the entry page."""
        self.start_url = normalize_url(target)
        host = urlsplit(self.start_url).hostname or ""
        self.origin = url_origin(self.start_url)
        self._site_origin = self.origin  # where the start URL redirects to, once known
        self._scope_hosts = {urlsplit(self.start_url).netloc}
        self._guard = AddressGuard(host, self.settings.allow_private)
        self._fetcher = Fetcher(self.settings, self._guard, self._limiter, self._scope_hosts)
        self._robots = RobotsCache(self._fetch_robots, self.settings.user_agent)
        if not self.settings.respect_robots:
            self.notes.append("robots.txt ignored (--ignore-robots)")
        if not self.settings.verify_tls:
            self.notes.append("TLS certificates not verified (--insecure)")
        if self.settings.allow_private:
            self.notes.append("private network addresses allowed (--allow-private)")
        entry = _Task(self.start_url, 0, None)
        self._known[dedupe_key(self.start_url)] = self.start_url
        if self.settings.respect_robots:
            rules = self._robots.rules(self.start_url)
            if self.origin in self._unreachable:  # no second wait for the entry page
                raise TargetError(
                    f"cannot reach {self.start_url}: {self._unreachable[self.origin]}"
                )
            self._apply_crawl_delay(self.start_url)
            if not rules.allowed(self.start_url, self.settings.user_agent):
                self._decide(self.start_url, "robots.txt", None)
                self.notes.append(
                    f"robots.txt disallows the start URL {self.start_url} for "
                    f"{self.settings.user_agent!r}; use --ignore-robots to audit it anyway"
                )
                return
        outcome = self._fetch_web(entry, self._entry_hop_check)
        page = outcome.page
        if page is not None and page.status is None and page.error:
            raise TargetError(f"cannot reach {self.start_url}: {page.error}")
        if page is None and outcome.decision.startswith(("private address", "unsafe scheme")):
            raise TargetError(f"cannot audit {self.start_url}: {outcome.decision}")
        if page is not None and page.final_url:
            self._scope_hosts.add(urlsplit(page.final_url).netloc)
            self._site_origin = url_origin(page.final_url)
            if self.settings.respect_robots and url_origin(page.final_url) != self.origin:
                self._apply_crawl_delay(page.final_url)
        self._entry = outcome

    def _init_folder(self, target: str) -> None:
        """Set up a folder or single-file crawl and read the entry page."""
        path = Path(target).expanduser()
        if not path.exists():
            hint = ""
            if "." in target and "/" not in target.rstrip("/"):
                hint = f" (did you mean https://{target.rstrip('/')}/ ?)"
            raise TargetError(f"no such URL, folder or file: {target}{hint}")
        if path.is_file():
            if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
                raise TargetError(f"{target} is not an .html file")
            self._root = path.resolve().parent
            self._single_file = True
            entry_file = path.resolve()
        else:
            self._root = path.resolve()
            entry_file = self._folder_entry()
        rel = entry_file.relative_to(self._root).as_posix()
        self.start_url = normalize_url("/" + quote(rel), FOLDER_ORIGIN)
        self.origin = FOLDER_ORIGIN
        self._scope_hosts = {urlsplit(FOLDER_ORIGIN).netloc}
        self._known[dedupe_key(self.start_url)] = self.start_url
        self._entry = self._fetch_file(_Task(self.start_url, 0, None))
        canonical = self._entry.links.canonical
        if canonical and is_web_url(canonical) and url_origin(canonical) != FOLDER_ORIGIN:
            self._aliases.add(url_origin(canonical))  # the site's public origin maps to the folder

    def _folder_entry(self) -> Path:
        """The folder's index.html, else its first .html file."""
        assert self._root is not None
        for name in INDEX_FILES:
            if (self._root / name).is_file():
                return self._root / name
        pages = self._folder_pages(limit=1)
        if not pages:
            raise TargetError(f"no .html files in folder {self._root}")
        return pages[0]

    def _folder_pages(self, limit: int = FOLDER_MAX_FILES) -> list[Path]:
        """The folder's .html files in name order, without its top-level error pages."""
        assert self._root is not None
        found: list[Path] = []
        for path in sorted(self._root.rglob("*")):
            error_page = path.stem in ERROR_PAGES and path.parent == self._root
            if path.suffix.lower() in (".html", ".htm") and path.is_file() and not error_page:
                found.append(path)
                if len(found) >= limit:
                    break
        return found

    # ---------------------------------------------------------------- the loop

    def __iter__(self) -> Iterator[FetchedPage]:
        """Yield the entry page, then every other audited page (failed ones with .error)."""
        entry, self._entry = self._entry, None
        if entry is None:
            return
        workers = max(1, self.settings.concurrency)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sitekit-crawl")
        inflight: deque[Future[_Outcome]] = deque()
        done = 0
        try:
            page = self._accept(entry, is_entry=True)
            if page is not None:
                done += 1
                self._report_progress(done, page.url, len(inflight))
                yield page
            self._seed()
            while True:
                while (
                    self._frontier
                    and len(inflight) < workers * 2
                    and (done + len(inflight) < self.settings.max_pages)
                ):
                    task = self._frontier.popleft()
                    inflight.append(pool.submit(self._fetch, task))
                if not inflight:
                    break
                outcome = inflight.popleft().result()
                page = self._accept(outcome, is_entry=False)
                if page is not None:
                    done += 1
                    self._report_progress(done, page.url, len(inflight))
                    yield page
            for task in self._frontier:
                self._decide(task.url, "page limit", task.found_on)
            self._frontier.clear()
            for status in pool.map(self._check_link, self._unchecked_links()):
                self.status_by_url.update(status)
        finally:
            for future in inflight:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            self.close()

    def close(self) -> None:
        """Close every HTTP session and stop the watchdog (done when iteration ends)."""
        if self._fetcher is not None:
            self._fetcher.close()

    def _unchecked_links(self) -> list[str]:
        """Internal link targets on audited pages that got no status (page limit, files)."""
        if self._root is not None:
            return []  # folder mode checks every link target's file as it finds it
        checkable = {
            d.url
            for d in self.decisions
            if d.reason in ("page limit", "depth limit") or d.reason.startswith("not HTML: .")
        }
        unchecked = [
            link
            for links in self.links_by_url.values()
            for link in links
            if link in checkable and link not in self.status_by_url
        ]
        return list(dict.fromkeys(unchecked))[: max(50, 2 * self.settings.max_pages)]

    def _check_link(self, url: str) -> dict[str, int | None]:
        """HEAD one link target (GET when HEAD is refused) for the broken-links check."""
        statuses: dict[str, int | None] = {}
        if self.settings.respect_robots and not self._robots.allowed(url):
            return statuses
        for method in ("HEAD", "GET"):
            opened = self._web().open(url, self._page_hop_check, method)
            if opened.response is not None:
                opened.response.close()
            if not opened.hops:
                return statuses
            statuses.update(opened.hops)
            statuses[url] = opened.hops[-1][1]  # where the link really ends up
            if statuses[url] not in (405, 501):
                break
        return statuses

    def _report_progress(self, done: int, url: str, inflight: int) -> None:
        """Tell the progress callback how far the crawl is."""
        if self.progress is not None:
            self.progress(done, len(self._frontier) + inflight, self._display(url))

    def _seed(self) -> None:
        """After the entry page: the folder's other pages, or the sitemaps' URLs."""
        if self._single_file:
            return
        if self._root is not None:
            for path in self._folder_pages():
                rel = path.relative_to(self._root).as_posix()
                self._discover(normalize_url("/" + quote(rel), FOLDER_ORIGIN), "(folder)", 0, 0)
            return
        if self.settings.use_sitemaps:
            for url in self._sitemap_urls():
                self._discover(url, "(sitemap)", 0, 0)

    def _accept(self, outcome: _Outcome, is_entry: bool) -> FetchedPage | None:
        """Record an outcome; return the page to yield (None: not HTML, duplicate, ...)."""
        for url, status in outcome.hops:
            self.status_by_url[self._display(url)] = status
        if outcome.hops:  # a link is as good as where its redirects end
            self.status_by_url[self._display(outcome.task.url)] = outcome.hops[-1][1]
        task, page = outcome.task, outcome.page
        if page is None:
            self._decide(task.url, outcome.decision, task.found_on)
            return None
        final_key = dedupe_key(page.final_url)
        task_key = dedupe_key(task.url)
        if not is_entry and (final_key in self._audited_keys or task_key in self._audited_keys):
            self._decide(
                task.url, f"duplicate: redirects to {self._display(page.final_url)}", task.found_on
            )
            return None
        canonical = outcome.links.canonical
        if not is_entry and canonical and is_web_url(canonical):
            canonical = self._in_folder(canonical)
            canonical_key = dedupe_key(canonical)
            if canonical_key not in (final_key, task_key):
                if canonical_key in self._audited_keys or canonical_key in self._known:
                    self._decide(
                        task.url,
                        f"duplicate: canonical is {self._display(canonical)}",
                        task.found_on,
                    )
                    return None
                self._known[canonical_key] = canonical
        self._audited_keys.update({task_key, final_key})
        self._known.setdefault(final_key, page.final_url)
        self._decide(task.url, outcome.decision, task.found_on, audited=page.body is not None)
        if page.body is not None:
            self._follow(page, task, outcome.links)
        return replace(page, url=self._display(page.url), final_url=self._display(page.final_url))

    def _follow(self, page: FetchedPage, task: _Task, links: PageLinks) -> None:
        """Discover a page's links and record its internal ones."""
        if links.truncated:
            self._note(
                f"{self._display(page.url)} has over {MAX_LINKS_PER_PAGE:,} links; "
                f"only the first {MAX_LINKS_PER_PAGE:,} were considered"
            )
        internal: list[str] = []
        for link in links.links:
            link = self._in_folder(link)
            target = self._discover(link, page.final_url, task.depth + 1, task.chain, page.url)
            if target is not None:
                internal.append(self._display(target))
        self.links_by_url[self._display(page.url)] = tuple(dict.fromkeys(internal))

    def _discover(
        self, url: str, found_on: str, depth: int, parent_chain: int, parent: str | None = None
    ) -> str | None:
        """Consider one found URL: dedupe, scope, robots, traps, limits; queue it or record why.

        Returns the URL's known form when it is internal (for links_by_url), else None.
        """
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
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
            return known if self._in_scope_host(known) else None
        self._known[key] = url
        if not self._in_scope_host(url):
            host = urlsplit(url).hostname or ""
            if self._root is None and is_ip_or_localhost(host):
                verdict = self._guard.check(host)
                if verdict:
                    self._decide(url, verdict, found_on)
                    return None
            self._decide(url, "out of scope: another site", found_on)
            return None
        self._check_status_in_folder(url)
        if self._single_file:
            self._decide(url, "out of scope: only the given file is audited", found_on)
            return url
        parent_url = None if found_on.startswith("(") else parent
        reason = self._scope_reason(url, depth)
        if reason is None:
            reason, chain = self._trap_reason(url, parent_url, parent_chain)
        else:
            chain = 0
        if reason is not None:
            self._decide(url, reason, found_on)
            return url
        self._frontier.append(_Task(url, depth, found_on, chain))
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
        if self._root is None and settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def _trap_reason(
        self, url: str, parent: str | None, parent_chain: int
    ) -> tuple[str | None, int]:
        """Why `url` looks like a crawler trap (or None), and its chain length."""
        pattern = trap_pattern(url)
        chain = parent_chain + 1 if chain_step(url, parent) else 0
        if pattern is None and chain > TRAP_CHAIN:
            pattern = "ever-growing URLs"
        parts = urlsplit(url)
        if pattern is None and parts.query:
            variants = self._query_variants.get(parts.path, 0) + 1
            self._query_variants[parts.path] = variants
            if variants > TRAP_QUERY_VARIANTS:
                pattern = "the same page under ever-new query strings (session ids?)"
        if pattern is None:
            return None, chain
        area = trap_area(url)
        if area not in self._trap_areas:
            self._trap_areas.add(area)
            self._note(f"possible crawler trap at {area} ({pattern}); not followed further")
        return f"trap suspected: {pattern}", chain

    def _in_scope_host(self, url: str) -> bool:
        """True when `url` is on one of the site's hosts."""
        return urlsplit(url).netloc in self._scope_hosts

    def _in_folder(self, url: str) -> str:
        """In folder mode, map a link to the site's public origin onto the folder."""
        if self._aliases and url_origin(url) in self._aliases:
            parts = urlsplit(url)
            return normalize_url(urlunsplit(("", "", parts.path, parts.query, "")), FOLDER_ORIGIN)
        return url

    def _display(self, url: str) -> str:
        """URLs as reported: folder pages as site paths ("/pricing/")."""
        if self._root is not None and url.startswith(FOLDER_ORIGIN):
            return url[len(FOLDER_ORIGIN) :] or "/"
        return url

    def _decide(self, url: str, reason: str, found_on: str | None, audited: bool = False) -> None:
        """Record a crawl decision with URLs as reported."""
        shown_found_on = self._display(found_on) if found_on else None
        self.decisions.append(CrawlDecision(self._display(url), audited, reason, shown_found_on))

    def _decide_once(self, url: str, reason: str, found_on: str) -> None:
        """Record a decision for a non-web link only the first time it is seen."""
        key = "unsafe:" + url[:200]
        if key not in self._known:
            self._known[key] = url
            self._decide(url[:200], reason, found_on)

    def _note(self, note: str) -> None:
        """Add a note once (thread-safe)."""
        with self._notes_lock:
            if note not in self.notes:
                self.notes.append(note)

    # ---------------------------------------------------------------- fetching

    def _fetch(self, task: _Task) -> _Outcome:
        """Fetch a task from the folder or over HTTP."""
        return self._fetch_file(task) if self._root is not None else self._fetch_web(task)

    def _fetch_file(self, task: _Task) -> _Outcome:
        """Folder mode: read the file a site URL maps to."""
        started = time.perf_counter()
        file, problem = self._file_for(task.url)
        if file is None:
            status = 404 if problem is None else 403
            error = problem or f"not found in the folder ({self._display(task.url)})"
            page = FetchedPage(task.url, task.url, status, error=error, depth=task.depth)
            return _Outcome(task, page, f"failed: {error}", ((task.url, status),))
        hops = ((task.url, 200),)
        if file.suffix.lower() not in (".html", ".htm", ".xhtml"):
            kind = mimetypes.guess_type(file.name)[0] or "unknown type"
            return _Outcome(task, None, f"not HTML: {kind}", hops)
        size = file.stat().st_size
        if size > self.settings.max_bytes:
            error = f"too large: over {self.settings.max_bytes:,} bytes"
            page = FetchedPage(task.url, task.url, 200, "text/html", error=error, depth=task.depth)
            return _Outcome(task, page, f"failed: {error}", hops)
        body = file.read_bytes()
        page = FetchedPage(
            task.url, task.url, 200, "text/html", body, None, task.depth,
            elapsed=time.perf_counter() - started, source_path=str(file),
        )  # fmt: skip
        return _Outcome(task, page, "audited", hops, extract_links(body, task.url))

    def _file_for(self, url: str) -> tuple[Path | None, str | None]:
        """The file a folder URL maps to, or (None, why it is refused / None if missing)."""
        assert self._root is not None
        rel = unquote(urlsplit(url).path).lstrip("/")
        base = (self._root / rel).resolve()
        try:
            base.relative_to(self._root)
        except ValueError:
            return None, "outside the audited folder"
        candidates = [base / n for n in INDEX_FILES] if url.endswith("/") or not rel else []
        candidates += [base, *(base / n for n in INDEX_FILES), base.with_name(base.name + ".html")]
        for candidate in candidates:
            if candidate.is_file():
                resolved = candidate.resolve()
                try:
                    resolved.relative_to(self._root)
                except ValueError:
                    return None, "outside the audited folder (symlink)"
                return resolved, None
        return None, None

    def _check_status_in_folder(self, url: str) -> None:
        """Folder mode: every internal link target gets a status (200/404) without reading it."""
        if self._root is None:
            return
        file, problem = self._file_for(url)
        if file is None and not problem and self._single_file:
            return  # a one-file audit cannot tell a missing page from one not given: unknown
        self.status_by_url[self._display(url)] = 200 if file else (403 if problem else 404)

    def _web(self) -> Fetcher:
        """The HTTP side of the crawl; web mode only."""
        assert self._fetcher is not None
        return self._fetcher

    def _page_hop_check(self, url: str) -> str | None:
        """Why a redirect of a site page may not be followed (scope, robots), or None."""
        if not self._in_scope_host(url):
            return "out of scope"
        if self.settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def _entry_hop_check(self, url: str) -> str | None:
        """The start URL may redirect to another host (example.com -> www.example.com)."""
        if self.settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def _fetch_web(
        self, task: _Task, hop_check: Callable[[str], str | None] | None = None
    ) -> _Outcome:
        """Fetch one page: redirects, status, type, bounded body, links."""
        started = time.perf_counter()
        opened = self._web().open(task.url, hop_check or self._page_hop_check)
        hops = tuple(opened.hops)

        def failed(error: str, status: int | None, ctype: str = "") -> _Outcome:
            page = FetchedPage(
                task.url,
                opened.final_url,
                status,
                ctype,
                error=error,
                depth=task.depth,
                elapsed=time.perf_counter() - started,
            )
            return _Outcome(task, page, f"failed: {error}", hops)

        response = opened.response
        if response is None:
            decision = opened.decision or "failed"
            if decision.startswith("failed: "):
                return failed(decision[len("failed: ") :], hops[-1][1] if hops else None)
            return _Outcome(task, None, decision, hops)
        try:
            status = response.status_code
            ctype_header = response.headers.get("Content-Type", "")
            media_type = ctype_header.split(";", 1)[0].strip().lower()
            if status >= 400:
                return failed(http_status_text(status), status, media_type)
            if not 200 <= status < 300:
                return failed(f"HTTP {status} without a page", status, media_type)
            if media_type and media_type not in HTML_TYPES:
                return _Outcome(task, None, f"not HTML: {media_type}", hops)
            length = response.headers.get("Content-Length", "")
            encoded = response.headers.get("Content-Encoding", "")
            if length.isdigit() and int(length) > self.settings.max_bytes and not encoded:
                return failed(f"too large: over {self.settings.max_bytes:,} bytes", status)
            deadline = time.monotonic() + self.settings.max_page_seconds
            try:
                body, _ = read_body(response.raw, encoded, self.settings.max_bytes, deadline)
            except BodyError as exc:
                return failed(str(exc), status, media_type)
            except Exception as exc:  # a broken connection mid-body, whatever its type
                return failed(describe_error(exc, self.settings.timeout), status, media_type)
        finally:
            response.close()
        if looks_binary(body):
            return _Outcome(
                task, None, f"not HTML: binary content served as {media_type or 'HTML'}", hops
            )
        if not media_type and not looks_like_html(body):
            return _Outcome(task, None, "not HTML: no Content-Type and not HTML-like", hops)
        encoding = response.encoding if "charset" in ctype_header.lower() else None
        page = FetchedPage(
            task.url, opened.final_url, status, media_type or "text/html", body, encoding,
            task.depth, elapsed=time.perf_counter() - started,
        )  # fmt: skip
        return _Outcome(
            task, page, "audited", hops, extract_links(body, opened.final_url, encoding)
        )

    def _fetch_robots(self, url: str) -> RobotsResponse:
        """Fetch a robots.txt, remembering origins that could not be reached."""
        response = self._web().fetch_resource(url, ROBOTS_MAX_BYTES, truncate=True)
        error = response.error or ""
        if response.status is None and error.startswith(_UNREACHABLE):
            self._unreachable[url_origin(url)] = error.removeprefix("failed: ")
        return response

    def _apply_crawl_delay(self, url: str) -> None:
        """Use an origin's robots.txt Crawl-delay (capped) as its request interval."""
        rules = self._robots.rules(url)
        if rules.note:
            self._note(rules.note)
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay and delay > 0:
            cap = self.settings.max_retry_after
            if delay > cap:
                self._note(f"robots.txt Crawl-delay {delay:g} s capped at {cap:g} s")
            self._limiter.set_interval(urlsplit(url).netloc, min(delay, cap))

    # ---------------------------------------------------------------- sitemaps

    def _sitemap_urls(self) -> list[str]:
        """Page URLs from sitemaps (robots.txt's, else /sitemap.xml), indexes and .gz included."""
        origins = list(dict.fromkeys([self.origin, self._site_origin]))
        queue: deque[str] = deque()
        if self.settings.respect_robots:
            for origin in origins:
                robots_url = f"{origin}/robots.txt"
                listed = self._robots.rules(robots_url).sitemaps()
                queue.extend(normalize_url(u, robots_url) for u in listed)
        explicit = bool(queue)
        queue = queue or deque([f"{self._site_origin}/sitemap.xml"])
        limit = max(1000, 4 * self.settings.max_pages)
        seen: set[str] = set()
        pages: list[str] = []
        budget = time.monotonic() + 2 * self.settings.max_page_seconds
        while queue and len(seen) < SITEMAP_MAX_FILES and len(pages) < limit:
            if time.monotonic() > budget:
                self._note(f"sitemaps: stopped after {2 * self.settings.max_page_seconds:g} s")
                break
            sitemap = queue.popleft()
            if sitemap in seen or not is_web_url(sitemap):
                continue
            if not self._in_scope_host(sitemap):
                self._note(f"sitemap {sitemap} is on another site; not read")
                continue
            seen.add(sitemap)
            response = self._web().fetch_resource(sitemap, SITEMAP_MAX_BYTES, truncate=False)
            if response.status != 200 or response.error:
                if explicit or response.status not in (404, 410):
                    why = response.error or f"HTTP {response.status}"
                    self._note(f"sitemap {sitemap} not used: {why}")
                continue
            try:
                data = response.body
                if data.startswith(b"\x1f\x8b"):
                    data = decompress_bounded(data, SITEMAP_MAX_BYTES)
                children, urls = parse_sitemap(data)
            except BodyError as exc:
                self._note(f"sitemap {sitemap} not used: {exc}")
                continue
            queue.extend(normalize_url(u, sitemap) for u in children)
            pages.extend(normalize_url(u, sitemap) for u in urls)
        if queue and len(seen) >= SITEMAP_MAX_FILES:
            self._note(f"only the first {SITEMAP_MAX_FILES} sitemap files were read")
        if len(pages) > limit:
            self._note(f"only the first {limit:,} sitemap URLs were considered")
        return pages[:limit]
