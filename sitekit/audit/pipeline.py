"""run_audit(): crawl -> snapshot and checks (a process pool for large crawls) -> score each page
once with its crawl context (in the same pool) -> site scores, competitors, redaction."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitekit.audit.context import likely_common, page_context
from sitekit.audit.page import check_rendered
from sitekit.audit.pool import CompactPages, PageMeta, PagePool
from sitekit.audit.profile import Profile
from sitekit.audit.proof_places import ProofTally
from sitekit.audit.redact import USERINFO, redact, secrets_of
from sitekit.audit.scoring import SiteTally
from sitekit.audit.scoring_version import scoring_version
from sitekit.crawl.crawler import Crawler
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import NothingAuditedError, SitekitError
from sitekit.models import (
    AuditReport,
    CheckIgnore,
    FetchedPage,
    PageContext,
    PageResult,
)


def _rendered(
    pages: Iterable[FetchedPage], browser: str | None
) -> Iterator[tuple[FetchedPage, Any]]:
    """Each fetched page re-read from Chromium (the DOM a visitor sees); the entry page (the
    first) also with its first-screen screenshots, which the HTML report embeds."""
    # Imported here: only a rendered audit needs the Chromium driver (and the thread pool it
    # loads), which a plain audit's start-up should not pay for.
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
    profile = run.profile
    crawler = Crawler(target, run.settings, run.progress)
    pool = PagePool(profile, run.settings.max_pages, run.ignores)
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
                pool.keep(check_rendered(page, shown, profile, is_entry))
            else:
                common = likely_common(page.url, crawler.links_by_url, crawler.status_by_url)
                pool.add(page, is_entry, common)
        pool.finish()
        links = dict(crawler.links_by_url)
        statuses = dict(crawler.status_by_url)
        base = run.paths_relative_to if run.paths_relative_to is not None else os.getcwd()
        site, proof = SiteTally(profile), ProofTally()
        keys: list[tuple[bool, str]] = []
        blobs: list[bytes] = []
        for item in pool.score(_score_order(pool.metas, links, statuses, run.ignores), base):
            site.add(item.summary)  # folded in now: no page's scores are kept to the end
            proof.add(item.summary)
            keys.append(item.key)
            blobs.append(item.blob)
    finally:
        pool.close()
    report_order = sorted(range(len(keys)), key=keys.__getitem__)  # entry first, then by URL
    ordered: CompactPages[PageResult] = CompactPages.from_blobs(
        (blobs[n] for n in report_order), [keys[n] for n in report_order], zdict=pool.zdict
    )
    score, criteria = site.scores()
    return AuditReport(
        target=target,
        score=score,
        criteria=dict(criteria),
        pages=ordered,  # type: ignore[arg-type]  # a Sequence of pages, compressed in memory
        errors=tuple(sorted(errors, key=lambda e: str(e["url"]))),
        crawl=tuple(crawler.decisions),
        notes=tuple(crawler.notes),
        profile=profile.name,
        scoring_version=scoring_version(profile),
        proof_places=proof.places(links),
    )


def _score_order(
    metas: Sequence[PageMeta],
    links: Mapping[str, tuple[str, ...]],
    statuses: Mapping[str, int | None],
    ignores: Sequence[CheckIgnore],
) -> list[tuple[int, PageContext]]:
    """Which checked pages to score, in what order, with what context: every page in crawl
    order, the entry page last with the site's customer-story pages (proof its visitor can
    reach in one click)."""
    order: list[tuple[int, PageContext]] = []
    story_urls: list[str] = []
    entry: int | None = None
    for n, meta in enumerate(metas):
        if meta.is_entry:  # scored last: it needs the site's story pages
            entry = n
            continue
        if meta.auditable and meta.role == "story":
            story_urls.append(meta.url)
        order.append((n, page_context(meta.url, links, statuses, ignores)))
    if entry is not None:
        url = metas[entry].url
        context = page_context(url, links, statuses, ignores)
        if story_urls:
            linked = set(links.get(url, ()))
            stories = tuple(sorted(story_urls))
            context = dataclasses.replace(
                context, stories=stories, linked_stories=tuple(u for u in stories if u in linked)
            )
        order.append((entry, context))
    return order


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
        report = _audit_site(target, run)
        _require_audited(report)  # no page scored: say why, as for the target
        return report
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
    if secrets or USERINFO.search(target):
        report = redact(report, secrets)
    return report
