"""A page's context once the crawl is done: its broken internal links and its ignored checks."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from sitekit.models import CheckIgnore, PageContext


def page_context(
    url: str,
    links_by_url: Mapping[str, tuple[str, ...]],
    status_by_url: Mapping[str, int | None],
    ignores: Sequence[CheckIgnore] = (),
) -> PageContext:
    """What scoring needs to know about `url` from the crawl and `[[check.ignore]]`."""
    checked = links_checked(links_by_url, status_by_url, url)
    return PageContext(
        links_checked=checked,
        broken_links=tuple(broken_links(links_by_url, status_by_url, url)) if checked else (),
        ignored=ignored_here(url, ignores),
    )


def broken_links(
    links_by_url: Mapping[str, tuple[str, ...]], status_by_url: Mapping[str, int | None], url: str
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
    links_by_url: Mapping[str, tuple[str, ...]], status_by_url: Mapping[str, int | None], url: str
) -> bool:
    """True when the crawl knows a status for the page's internal links, or found one broken.

    (A one-file audit knows none: its links to absent pages are unknown, not broken.)
    """
    links = links_by_url.get(url, ())
    if any(link in status_by_url for link in links):
        return all(link in status_by_url for link in links) or bool(
            broken_links(links_by_url, status_by_url, url)
        )
    return False


def ignore_matches(url: str, pattern: str) -> bool:
    """`[[check.ignore]] url`: a glob on the URL or its path, else the exact page path."""
    path = urlsplit(url).path or "/"
    if pattern in ("", "*"):
        return True
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(url, pattern) or fnmatch.fnmatchcase(path, pattern)
    return url == pattern or (path.rstrip("/") or "/") == (pattern.rstrip("/") or "/")


def ignored_here(url: str, ignores: Sequence[CheckIgnore]) -> dict[str, str]:
    """Check id -> reason for the ignores that apply to `url` ("*" = every check)."""
    return {ig.check: ig.reason for ig in ignores if ignore_matches(url, ig.url)}


def common_context(url: str, ignores: Sequence[CheckIgnore] = ()) -> PageContext:
    """The context most pages of a fully crawled site get, known before the crawl ends: every
    internal link answered, none broken, the ignores that apply (not the entry page's)."""
    return PageContext(links_checked=True, ignored=ignored_here(url, ignores))


def is_common(context: PageContext) -> bool:
    """Is `context` (a page's, after the crawl) what `common_context` gave for its page? Its
    ignores are by construction: both read `ignored_here` of the same URL and rules."""
    return (
        context.links_checked
        and not context.broken_links
        and not context.stories
        and not context.linked_stories
    )


def likely_common(
    url: str, links_by_url: Mapping[str, tuple[str, ...]], status_by_url: Mapping[str, int | None]
) -> bool:
    """Will `url` likely get the common context, as far as the crawl knows so far? It has
    internal links and none is known broken yet (a broken menu link, found early, breaks
    every page's; scoring such pages while checking them would be work done twice)."""
    links = links_by_url.get(url)
    if not links:
        return False
    for link in links:
        status = status_by_url.get(link, 200)
        if status is None or status >= 400:
            return False
    return True
