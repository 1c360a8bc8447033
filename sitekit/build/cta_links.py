"""Where a page's calls to action lead: the primary CTA and next steps must go somewhere.

An internal URL that no built page, static file or generated file answers is an error at its
front-matter line (the visitor's first step would be a 404); `javascript:` is refused; a URL
with a scheme other than http(s), mailto:, tel: or sms: is a warning (it may open nothing).
The check runs on the whole site's index, so a cached page is checked again when the page
it points at goes away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

from sitekit.errors import Diagnostic, Location

SAFE_SCHEMES = ("http", "https", "mailto", "tel", "sms")
GENERATED = ("/sitemap.xml", "/robots.txt", "/404.html")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and newlines inside a URL


def page_links(page: Any) -> list[list[Any]]:
    """[field, url, line] of a page's primary CTA and next steps (stored in the build index)."""
    links: list[tuple[str, Any]] = [("cta", page.cta)] if page.cta else []
    links += [(f"next_steps.{i}", step) for i, step in enumerate(page.next_steps)]
    lines = page.field_lines
    return [
        [name, link.url, lines.get(f"{name}.url") or lines.get(name) or lines.get("next_steps")]
        for name, link in links
    ]


def site_paths(pages: Iterable[tuple[str, str]], files: Iterable[str]) -> set[str]:
    """Every site path a request can be answered at: pages (by URL and file) and files."""
    pages = list(pages)
    paths = set(GENERATED)
    paths.update([url for url, _ in pages])
    paths.update(["/" + output_path for _, output_path in pages])
    paths.update("/" + name.lstrip("/") for name in files)
    return paths


def link_problems(
    sources: Mapping[str, tuple[str, Sequence[Sequence[Any]]]], paths: set[str]
) -> list[Diagnostic]:
    """Problems of each source's links: {content path: (page URL, [[field, url, line]])}."""
    found = []
    # a site-absolute URL resolves the same from every page: judged once per build (most
    # pages share their CTAs, and urljoin costs ~30 us)
    absolute: dict[str, tuple[str, str] | None] = {}
    # the ids of link lists found all site-absolute and sound: the build index stores equal
    # lists once, so many pages hold the same one (alive, in `sources`, during this call)
    sound: set[int] = set()
    for rel, (page_url, links) in sources.items():
        if id(links) in sound:
            continue
        all_sound = True
        for name, url, line in links:
            url = str(url)
            if url in absolute:  # only site-absolute URLs are kept: looked up first
                problem = absolute[url]
            elif url[:1] == "/" and url[:2] != "//":
                problem = absolute[url] = _problem(url, page_url, paths)
            else:
                problem = _problem(url, page_url, paths)
                all_sound = False  # a relative URL depends on the page's own URL
            if problem:
                level, message = problem
                found.append(Diagnostic(level, f"{name}: {message}", Location(rel, line), name))
                all_sound = False
        if all_sound:
            sound.add(id(links))
    return found


def _problem(url: str, page_url: str, paths: set[str]) -> tuple[str, str] | None:
    plain = _IGNORED.sub("", url)
    scheme = _SCHEME.match(plain)
    if scheme:
        name = scheme.group(1).lower()
        if name == "javascript":
            return "error", f"'{url}' runs a script instead of leading anywhere; link to a page"
        if name not in SAFE_SCHEMES:
            return (
                "warning",
                f"'{url}' uses the {name}: scheme, which many visitors' browsers cannot open; "
                "use http(s), mailto:, tel: or sms:",
            )
        return None
    if plain.startswith("//"):
        return None  # another host, scheme-relative
    path = urlsplit(urljoin(page_url, plain)).path or page_url
    if _exists(path, paths):
        return None
    return "error", f"'{url}' leads to {path}, which is not in the built site"


def _exists(path: str, paths: set[str]) -> bool:
    if path in paths:
        return True
    if path.endswith("/"):
        return path + "index.html" in paths
    return path + "/" in paths or path + ".html" in paths
