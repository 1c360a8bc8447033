"""One fetched page -> snapshot (parsed once) -> the page checks: a CheckedPage, never a crash."""

from __future__ import annotations

from typing import Any

from sitekit.audit.profile import Profile
from sitekit.audit.scoring import check_page
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import CheckedPage, FetchedPage, PageResult, PageSnapshot
from sitekit.models_audit import fast_replace


def check_fetched(page: FetchedPage, profile: Profile, is_entry: bool) -> CheckedPage:
    """Snapshot one fetched page and run the profile's checks; a crash becomes a reason."""
    try:
        snapshot = make_snapshot(page)
    except Exception as exc:  # a page that breaks the parser is reported, not fatal
        return CheckedPage(
            PageResult(
                page.url,
                page.status,
                None,
                auditable=False,
                is_entry=is_entry,
                reason=f"could not be read: {type(exc).__name__}: {exc}"[:300],
                source_path=page.source_path,
            )
        )
    return _checked(snapshot, page, profile, is_entry)


def check_rendered(page: FetchedPage, shown: Any, profile: Profile, is_entry: bool) -> CheckedPage:
    """The same for a page Chromium rendered (`shown`), with its screenshots."""
    # Imported here: only a rendered audit needs the Chromium driver (and the thread pool it
    # loads), which a plain audit's start-up should not pay for.
    from sitekit.browser.chromium import attach_screenshots

    return _checked(attach_screenshots(make_snapshot(page), shown), page, profile, is_entry)


def _checked(
    snapshot: PageSnapshot, page: FetchedPage, profile: Profile, is_entry: bool
) -> CheckedPage:
    """Check the snapshot, keyed by the crawled URL and keeping the crawl's facts."""
    checked = check_page(snapshot, profile, is_entry=is_entry)
    result = checked.page
    result = fast_replace(
        result,
        url=page.url,
        status=page.status if result.status is None else result.status,
        is_entry=is_entry,
        source_path=result.source_path or page.source_path,
        screenshots=result.screenshots or dict(snapshot.screenshots),
    )
    return fast_replace(checked, page=result)
