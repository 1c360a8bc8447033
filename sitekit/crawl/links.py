"""Fast link extraction with lxml: a page's links and canonical, absolute and normalised."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from sitekit.crawl.decode import decode_html
from sitekit.crawl.urls import link_resolver, normalize_url

MAX_LINKS_PER_PAGE = 5_000  # links past this on one page are not followed (noted)


@dataclass(frozen=True)
class PageLinks:
    """What a page links to: absolute normalised URLs in document order, and its canonical."""

    links: tuple[str, ...]
    canonical: str | None = None
    truncated: bool = False


def extract_links(body: bytes, url: str, encoding: str | None = None) -> PageLinks:
    """Links of an HTML page (a, area, meta refresh), resolved against <base href>."""
    root = _parse_html(body, encoding)
    if root is None:
        return PageLinks(())
    base = url
    raw: list[str] = []
    canonical_href: str | None = None
    for element in root.iter("a", "area", "base", "link", "meta"):
        tag = element.tag
        if tag == "base":
            href = element.get("href")
            if href and base is url:
                base = normalize_url(href, url)
        elif tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if "canonical" in rel and canonical_href is None:
                canonical_href = element.get("href")
        elif tag == "meta":
            if (element.get("http-equiv") or "").lower() == "refresh":
                target = _refresh_target(element.get("content") or "")
                if target:
                    raw.append(target)
        else:
            href = element.get("href")
            if href is not None:
                raw.append(href)
        if len(raw) > MAX_LINKS_PER_PAGE * 4:
            break
    resolve = link_resolver(base)
    links = tuple(dict.fromkeys(resolve(href) for href in raw if href.strip()))
    canonical = normalize_url(canonical_href, base) if canonical_href else None
    truncated = len(links) > MAX_LINKS_PER_PAGE
    return PageLinks(links[:MAX_LINKS_PER_PAGE], canonical, truncated)


def _refresh_target(content: str) -> str | None:
    """The URL in a <meta http-equiv=refresh> content attribute, if any."""
    match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", content, re.I)
    return match.group(1).strip() if match else None


def _parse_html(body: bytes, encoding: str | None) -> Any:
    """An lxml tree of the page (None for an empty document), always parsed from UTF-8."""
    data = body
    if not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            data = decode_html(body, encoding).encode("utf-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, encoding="utf-8")
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
