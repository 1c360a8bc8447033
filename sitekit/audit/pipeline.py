"""run_audit(): crawl -> snapshot -> checks -> scoring, in a process pool for large crawls."""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import os
import pickle
import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

from sitekit.audit.profile import Profile
from sitekit.errors import NothingAuditedError, SitekitError
from sitekit.models import AuditReport, CheckIgnore, FetchedPage, PageResult

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from sitekit.crawl.crawler import CrawlSettings


class CompactPages(Sequence[PageResult]):
    """Page results kept as compressed pickles (~3 KB a page instead of ~30 KB as objects)
    and rebuilt one at a time when read, so a 5,000-page audit stays small in memory."""

    def __init__(self, pages: Iterable[PageResult] = ()) -> None:
        self._blobs: list[bytes] = [self.pack(page) for page in pages]
        self.sort_keys: list[tuple[bool, str]] | None = None  # (not is_entry, url) per page

    @staticmethod
    def pack(page: PageResult) -> bytes:
        """One page result as a compressed pickle."""
        return zlib.compress(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL), 1)

    @classmethod
    def from_blobs(
        cls, blobs: Iterable[bytes], sort_keys: list[tuple[bool, str]] | None = None
    ) -> CompactPages:
        out = cls()
        out._blobs = list(blobs)
        out.sort_keys = sort_keys
        return out

    def append(self, page: PageResult) -> None:
        self._blobs.append(self.pack(page))

    def append_packed(self, blob: bytes) -> None:
        """A page result already packed (by a pool worker, so the main process need not)."""
        self._blobs.append(blob)

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> PageResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[PageResult]: ...

    def __getitem__(self, index: int | slice) -> PageResult | list[PageResult]:
        if isinstance(index, slice):
            return [pickle.loads(zlib.decompress(b)) for b in self._blobs[index]]
        page: PageResult = pickle.loads(zlib.decompress(self._blobs[index]))
        return page

    def __iter__(self) -> Iterator[PageResult]:
        for blob in self._blobs:
            yield pickle.loads(zlib.decompress(blob))

    def __repr__(self) -> str:
        return f"CompactPages({len(self)} pages)"


IN_PROCESS_PAGES = 8  # audit this many pages in-process before starting the pool
POOL_WORKERS = 2
BATCH_PAGES = 16  # pages per task sent to a worker
MAX_IN_FLIGHT = 6  # batches queued in the pool at once: memory stays flat
REDACTED = "[redacted]"
_USERINFO = re.compile(r"(?<=//)[^/@\s]+@")
_MIN_SECRET = 3

_worker_profile: Profile | None = None


def ignore_matches(url: str, pattern: str) -> bool:
    """`[[check.ignore]] url`: a glob on the URL or its path, else the exact page path."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path or "/"
    if pattern in ("", "*"):
        return True
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(url, pattern) or fnmatch.fnmatchcase(path, pattern)
    return url == pattern or (path.rstrip("/") or "/") == (pattern.rstrip("/") or "/")


def _ignored_here(url: str, ignores: Sequence[CheckIgnore]) -> dict[str, str]:
    """Check id -> reason for the ignores that apply to `url` ("*" = every check)."""
    return {ig.check: ig.reason for ig in ignores if ignore_matches(url, ig.url)}


def apply_ignores(result: PageResult, ignored: dict[str, str], profile: Profile) -> PageResult:
    """Mark ignored checks (kept in the report with their reason) and re-score without them."""
    from sitekit.audit.scoring import criterion_score

    if not ignored or not result.auditable or result.score is None:
        return result
    if "*" in ignored:
        return dataclasses.replace(
            result, score=None, auditable=False, reason=f"ignored: {ignored['*']}"
        )
    criteria = {}
    for cid, crit in result.criteria.items():
        checks = tuple(
            dataclasses.replace(c, ignored=ignored[c.id]) if c.id in ignored else c
            for c in crit.checks
        )
        criteria[cid] = dataclasses.replace(
            crit, checks=checks, score=criterion_score(cid, checks, profile)
        )
    score = round(sum(c.score for c in criteria.values()) / len(criteria), 1)
    return dataclasses.replace(result, criteria=criteria, score=score)


def audit_fetched(page: FetchedPage, profile: Profile, is_entry: bool) -> PageResult:
    """Snapshot one fetched page and run the profile's checks; a crash becomes a reason."""
    from sitekit.audit.scoring import audit_page
    from sitekit.audit.snapshot import make_snapshot

    try:
        snapshot = make_snapshot(page)
    except Exception as exc:  # a page that breaks the parser is reported, not fatal
        return PageResult(
            page.url,
            page.status,
            None,
            auditable=False,
            is_entry=is_entry,
            reason=f"could not be read: {type(exc).__name__}: {exc}"[:300],
            source_path=page.source_path,
        )
    result = audit_page(snapshot, profile, is_entry=is_entry)
    return _same_page(result, page, is_entry, snapshot.screenshots)


def _same_page(
    result: PageResult, page: FetchedPage, is_entry: bool, screenshots: dict[str, str]
) -> PageResult:
    """Key the result by the crawled URL and keep the crawl's facts on it."""
    return dataclasses.replace(
        result,
        url=page.url,
        status=page.status if result.status is None else result.status,
        is_entry=is_entry,
        source_path=result.source_path or page.source_path,
        screenshots=result.screenshots or dict(screenshots),
    )


def _init_worker(profile: Profile) -> None:
    global _worker_profile
    _worker_profile = profile


def _audit_batch(batch: list[tuple[FetchedPage, bool]]) -> list[bytes]:
    """Audit a batch in a pool worker; results come back packed, ready to keep."""
    assert _worker_profile is not None
    return [
        CompactPages.pack(audit_fetched(page, _worker_profile, is_entry))
        for page, is_entry in batch
    ]


class _PagePipeline:
    """Audits pages as they arrive: in-process first, then in a bounded process pool."""

    def __init__(self, profile: Profile, use_pool: bool) -> None:
        self.profile = profile
        self.use_pool = use_pool
        self.results = CompactPages()
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None
        self._batch: list[tuple[FetchedPage, bool]] = []
        self._pending: deque[tuple[Future[list[bytes]], list[FetchedPage]]] = deque()

    def add(self, page: FetchedPage, is_entry: bool) -> None:
        self._seen += 1
        if not self.use_pool or self._seen <= IN_PROCESS_PAGES:
            self.results.append(audit_fetched(page, self.profile, is_entry))  # compressed
            return
        self._batch.append((page, is_entry))
        if len(self._batch) >= BATCH_PAGES:
            self._submit()

    def _submit(self) -> None:
        if not self._batch:
            return  # (a one-page audit ends here: no pool, no multiprocessing import)
        from concurrent.futures.process import BrokenProcessPool

        batch, self._batch = self._batch, []
        try:
            future = self._ensure_pool().submit(_audit_batch, batch)
        except BrokenProcessPool:  # found broken while idle: recover, then run this batch
            self._recover(None)
            future = self._ensure_pool().submit(_audit_batch, batch)
        self._pending.append((future, [page for page, _is_entry in batch]))
        while len(self._pending) > MAX_IN_FLIGHT:
            self._collect()

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(
                ["sitekit.audit.pipeline", "sitekit.audit.snapshot", "sitekit.audit.scoring"]
            )
            self._pool = ProcessPoolExecutor(
                POOL_WORKERS,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.profile,),
            )
        return self._pool

    def _collect(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        future, pages = self._pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:  # a worker died (out of memory, a crash in a C parser...)
            self._recover(pages)
            return
        for blob in results:
            self.results.append_packed(blob)

    def _recover(self, lost: list[FetchedPage] | None) -> None:
        """After a worker died: `lost` pages are reported not scored, a fresh pool redoes the
        other queued batches (each crash costs at most one batch, never the audit)."""
        broken, self._pool = self._pool, None
        if broken is not None:
            broken.shutdown(wait=True, cancel_futures=True)
        queued = [pages for _future, pages in self._pending]
        self._pending.clear()
        if lost is None and queued:
            lost = queued.pop(0)
        reason = "not scored: the worker process reading it died; the audit went on"
        for page in lost or ():
            self.results.append(
                PageResult(
                    page.url,
                    page.status,
                    None,
                    auditable=False,
                    reason=reason,
                    source_path=page.source_path,
                )
            )
        for pages in queued:
            self._batch = [(page, False) for page in pages]
            self._submit()

    def finish(self) -> CompactPages:
        self._submit()
        while self._pending:
            self._collect()
        self.close()
        return self.results

    def close(self) -> None:
        if self._pool is not None:
            for future, _pages in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _rendered(
    pages: Iterable[FetchedPage], browser: str | None
) -> Iterator[tuple[FetchedPage, Any]]:
    """Each fetched page re-read from Chromium (the DOM a visitor sees); the entry page (the
    first) also with its first-screen screenshots, which the HTML report embeds."""
    from sitekit.browser.chromium import Renderer, to_fetched

    with Renderer(browser) as renderer:
        for n, page in enumerate(pages):
            if page.error is not None or page.body is None:
                yield page, None
                continue
            shown = renderer.render(page.final_url or page.url, screenshots=n == 0)
            fetched = dataclasses.replace(
                to_fetched(shown, page.depth), url=page.url, source_path=page.source_path
            )
            yield fetched, shown


def _audit_rendered(page: FetchedPage, shown: Any, profile: Profile, is_entry: bool) -> PageResult:
    from sitekit.audit.scoring import audit_page
    from sitekit.audit.snapshot import make_snapshot
    from sitekit.browser.chromium import attach_screenshots

    snapshot = attach_screenshots(make_snapshot(page), shown)
    result = audit_page(snapshot, profile, is_entry=is_entry)
    return _same_page(result, page, is_entry, snapshot.screenshots)


def broken_links(
    links_by_url: dict[str, tuple[str, ...]], status_by_url: dict[str, int | None], url: str
) -> list[tuple[str, int | None]]:
    """The internal links on `url` that the crawl found broken (failed or HTTP >= 400)."""
    broken = set()
    for link in links_by_url.get(url, ()):
        if link in status_by_url:
            status = status_by_url[link]
            if status is None or status >= 400:
                broken.add((link, status))
    return sorted(broken, key=lambda item: item[0])


def links_checked(
    links_by_url: dict[str, tuple[str, ...]], status_by_url: dict[str, int | None], url: str
) -> bool:
    """True when the crawl knows a status for the page's internal links, or found one broken."""
    links = links_by_url.get(url, ())
    if any(link in status_by_url for link in links):
        return all(link in status_by_url for link in links) or bool(
            broken_links(links_by_url, status_by_url, url)
        )
    return False


def secrets_of(settings: Any) -> tuple[str, ...]:
    """Header values, cookie values and the basic-auth password given on the command line."""
    found: list[str] = []
    headers = getattr(settings, "headers", None) or {}
    pairs = headers.items() if isinstance(headers, dict) else headers
    found += [str(value) for _name, value in pairs]
    cookies = getattr(settings, "cookies", None) or {}
    pairs = cookies.items() if isinstance(cookies, dict) else cookies
    found += [str(value) for _name, value in pairs]
    auth = getattr(settings, "auth", None)
    if auth:
        found += [str(part) for part in (auth if isinstance(auth, tuple) else (auth,))][1:]
        if not isinstance(auth, tuple) and ":" in str(auth):
            found.append(str(auth).split(":", 1)[1])
    return tuple(sorted({s for s in found if len(s) >= _MIN_SECRET}, key=len, reverse=True))


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """`value` (a report, or any nesting of dataclasses, tuples, lists and dicts) with `fn`
    applied to every string; objects in which nothing changed are returned as they are."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, CompactPages):
        return CompactPages(map_strings(page, fn) for page in value)
    if isinstance(value, tuple | list):
        items = [map_strings(v, fn) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(map_strings(k, fn), map_strings(v, fn)) for k, v in value.items()]
        old_pairs = list(value.items())
        if all(n[0] is o[0] and n[1] is o[1] for n, o in zip(pairs, old_pairs, strict=True)):
            return value
        return dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _field_names(type(value)):
            old = getattr(value, name)
            new = map_strings(old, fn)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def redact(value: Any, secrets: Sequence[str]) -> Any:
    """`value` with every secret, and any user:password@ in URLs, replaced by [redacted]."""

    def scrub(text: str) -> str:
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if "@" in text and _USERINFO.search(text):
            text = _USERINFO.sub(REDACTED + "@", text)
        return text

    return map_strings(value, scrub)


@dataclass(frozen=True)
class _Run:
    """What every site of one audit shares."""

    profile: Profile
    settings: CrawlSettings
    progress: Callable[[int, int, str], None] | None = None
    render: bool = False
    browser: str | None = None
    ignores: tuple[CheckIgnore, ...] = ()
    paths_relative_to: str | None = None


def _audit_site(target: str, run: _Run) -> AuditReport:
    from sitekit.audit.scoring import add_broken_links, site_scores
    from sitekit.crawl.crawler import Crawler

    profile = run.profile
    crawler = Crawler(target, run.settings, run.progress)
    use_pool = not run.render and run.settings.max_pages > IN_PROCESS_PAGES
    pipeline = _PagePipeline(profile, use_pool)
    errors: list[dict[str, Any]] = []
    pages: Iterable[tuple[FetchedPage, Any]] = (
        _rendered(crawler, run.browser) if run.render else ((page, None) for page in crawler)
    )
    try:
        for n, (page, shown) in enumerate(pages):
            is_entry = n == 0
            if page.error is not None or page.body is None:
                errors.append(
                    {"url": page.url, "status": page.status, "reason": page.error or "no body"}
                )
                continue
            if run.render:
                pipeline.results.append(_audit_rendered(page, shown, profile, is_entry))  # packed
            else:
                pipeline.add(page, is_entry)
        results = pipeline.finish()
    finally:
        pipeline.close()
    links = dict(crawler.links_by_url)
    statuses = dict(crawler.status_by_url)
    base = run.paths_relative_to if run.paths_relative_to is not None else os.getcwd()
    keyed: list[tuple[tuple[bool, str], bytes]] = []
    summaries: list[PageResult] = []  # scores only, for the site score
    for result in results:
        if (
            result.auditable
            and result.score is not None
            and links_checked(links, statuses, result.url)
        ):
            result = add_broken_links(result, broken_links(links, statuses, result.url), profile)
        result = apply_ignores(result, _ignored_here(result.url, run.ignores), profile)
        result = with_impacts(result, profile)
        if result.source_path:  # folder mode: local paths relative to the working folder
            result = relative_paths(result, base)
        keyed.append(((not result.is_entry, result.url), CompactPages.pack(result)))
        summaries.append(_scores_only(result))
    keyed.sort(key=lambda item: item[0])
    ordered = CompactPages.from_blobs((blob for _key, blob in keyed), [k for k, _ in keyed])
    score, criteria = site_scores(summaries, profile)
    report = AuditReport(
        target=target,
        score=score,
        criteria=dict(criteria),
        pages=ordered,  # type: ignore[arg-type]  # a Sequence of pages, compressed in memory
        errors=tuple(sorted(errors, key=lambda e: str(e["url"]))),
        crawl=tuple(crawler.decisions),
        notes=tuple(crawler.notes),
        profile=profile.name,
    )
    return report


def with_impacts(result: PageResult, profile: Profile) -> PageResult:
    """Each failing check's impact: the page-score points a perfect score on it would gain,
    re-scored the way scoring does (weights, groups counted once, caps)."""
    from sitekit.audit.scoring import criterion_score

    if not result.auditable or result.score is None:
        return result
    criteria = {}
    for cid, crit in result.criteria.items():
        checks = []
        for check in crit.checks:
            impact = 0.0
            if check.score is not None and not check.ignored and check.score < 1.0:
                fixed = tuple(
                    dataclasses.replace(c, score=1.0) if c is check else c for c in crit.checks
                )
                gain = criterion_score(cid, fixed, profile) - crit.score
                impact = max(0.0, gain) / max(1, len(result.criteria))
            checks.append(dataclasses.replace(check, impact=round(impact, 1)))
        criteria[cid] = dataclasses.replace(crit, checks=tuple(checks))
    return dataclasses.replace(result, criteria=criteria)


def _scores_only(result: PageResult) -> PageResult:
    """A page result without its checks: what the site score needs."""
    criteria = {cid: dataclasses.replace(c, checks=()) for cid, c in result.criteria.items()}
    return dataclasses.replace(result, criteria=criteria, screenshots={})


def relative_paths(value: Any, base: str) -> Any:
    """Local file paths (page sources, evidence locations) shown relative to `base`."""
    prefix = os.path.join(os.path.abspath(base), "")

    def shorten(text: str) -> str:
        return text[len(prefix) :] if text.startswith(prefix) else text

    return map_strings(value, shorten)


def _require_audited(report: AuditReport) -> None:
    if any(p.auditable and p.score is not None for p in report.pages):
        return
    reasons = [f"{p.url}: {p.reason}" for p in report.pages]
    reasons += [f"{e['url']}: {e['reason']}" for e in report.errors]
    detail = "; ".join(reasons[:3]) or "no page was found"
    raise NothingAuditedError(f"nothing audited at {report.target} ({detail})")


def _audit_competitor(target: str, run: _Run) -> AuditReport:
    """A competitor, audited without the target's credentials; a failure is reported in it."""
    run = dataclasses.replace(run, settings=without_credentials(run.settings), ignores=())
    try:
        return _audit_site(target, run)
    except SitekitError as exc:
        return AuditReport(
            target=target,
            score=None,
            criteria={},
            pages=(),
            errors=({"url": target, "reason": exc.message},),
            profile=run.profile.name,
        )


def without_credentials(settings: CrawlSettings) -> CrawlSettings:
    """The crawl settings minus headers, cookies and auth (never sent to another site)."""
    return dataclasses.replace(settings, headers=(), cookies=(), auth=None)


def run_audit(
    target: str,
    *,
    profile: Profile,
    settings: CrawlSettings,
    progress: Callable[[int, int, str], None] | None = None,
    render: bool = False,
    browser: str | None = None,
    vs: Sequence[str] = (),
    ignores: Sequence[CheckIgnore] = (),
    paths_relative_to: str | None = None,
) -> AuditReport:
    """Audit `target` (URL, folder or .html file), and each `vs` competitor the same way.

    `ignores` silence checks on matching URLs (shown as ignored, outside the scores); local
    paths in the report are relative to `paths_relative_to` (default: the working folder).
    Raises NothingAuditedError when no page of the target could be scored (fail closed),
    TargetError when the start cannot be reached. Secrets are redacted from the report.
    """
    run = _Run(profile, settings, progress, render, browser, tuple(ignores), paths_relative_to)
    report = _audit_site(target, run)
    _require_audited(report)
    competitors = tuple(_audit_competitor(other, run) for other in vs)
    report = dataclasses.replace(report, competitors=competitors)
    secrets = secrets_of(settings)
    if secrets or _USERINFO.search(target):
        report = redact(report, secrets)
    return report
