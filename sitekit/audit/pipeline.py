"""run_audit(): crawl -> snapshot and checks (a process pool for large crawls) -> score each page
once with its crawl context -> site scores, competitors, redaction."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sitekit.audit.context import page_context
from sitekit.audit.page import check_rendered
from sitekit.audit.pool import CompactPages, PagePool
from sitekit.audit.profile import Profile
from sitekit.audit.proof_places import proof_places
from sitekit.audit.redact import USERINFO, redact, relative_paths, secrets_of
from sitekit.audit.scoring import score_page, site_scores
from sitekit.audit.scoring_version import scoring_version
from sitekit.crawl.crawler import Crawler
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import NothingAuditedError, SitekitError
from sitekit.models import (
    AuditReport,
    CheckedPage,
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
    pool = PagePool(profile, run.settings.max_pages)
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
                pool.add(page, is_entry)
        checked_pages = pool.finish()
    finally:
        pool.close()
    links = dict(crawler.links_by_url)
    statuses = dict(crawler.status_by_url)
    base = run.paths_relative_to if run.paths_relative_to is not None else os.getcwd()
    keyed: list[tuple[tuple[bool, str], bytes]] = []
    summaries: list[PageResult] = []  # scores only, for the site score

    def _score_into(checked: CheckedPage, context: PageContext) -> None:
        result = score_page(checked, context, profile)
        if result.source_path:  # folder mode: local paths relative to the working folder
            result = relative_paths(result, base)
        keyed.append(((not result.is_entry, result.url), CompactPages.pack(result)))
        summaries.append(_scores_only(result))

    story_urls: list[str] = []
    entry_page: CheckedPage | None = None
    for checked in checked_pages:
        if checked.page.is_entry:  # scored last: it needs the site's story pages
            entry_page = checked
            continue
        if checked.page.auditable and checked.page.role == "story":
            story_urls.append(checked.page.url)
        _score_into(checked, page_context(checked.page.url, links, statuses, run.ignores))
    if entry_page is not None:
        context = page_context(entry_page.page.url, links, statuses, run.ignores)
        if story_urls:  # proof the entry page's visitor can reach in one click
            linked = set(links.get(entry_page.page.url, ()))
            stories = tuple(sorted(story_urls))
            context = dataclasses.replace(
                context, stories=stories, linked_stories=tuple(u for u in stories if u in linked)
            )
        _score_into(entry_page, context)
    keyed.sort(key=lambda item: item[0])
    ordered: CompactPages[PageResult] = CompactPages.from_blobs(
        (blob for _key, blob in keyed), [k for k, _ in keyed]
    )
    score, criteria = site_scores(summaries, profile)
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
        proof_places=proof_places(summaries, links),
    )


def _scores_only(result: PageResult) -> PageResult:
    """A page result without its checks: what the site score needs."""
    criteria = {cid: dataclasses.replace(c, checks=()) for cid, c in result.criteria.items()}
    return dataclasses.replace(result, criteria=criteria, screenshots={})


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
