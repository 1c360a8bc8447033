"""Sitemaps: reading them within bounds (indexes, .xml.gz files) into a list of page URLs."""

from __future__ import annotations

import time
import zlib
from collections import deque
from collections.abc import Callable

from lxml import etree

from sitekit.crawl.fetch import BodyError
from sitekit.crawl.polite import RobotsResponse
from sitekit.crawl.urls import is_web_url, normalize_url

SITEMAP_MAX_BYTES = 10_000_000  # decoded, per sitemap file
SITEMAP_MAX_FILES = 10


def decompress_bounded(data: bytes, max_bytes: int) -> bytes:
    """Gunzip `data` (a .xml.gz sitemap) without letting it grow past `max_bytes`."""
    decoder = zlib.decompressobj(wbits=47)
    try:
        out = decoder.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise BodyError(f"corrupt gzip data ({exc})") from None
    if len(out) > max_bytes:
        raise BodyError(f"too large: over {max_bytes:,} bytes once decompressed")
    return out


def parse_sitemap(data: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index; entities never resolved."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return [], []
    if root is None:
        return [], []
    children: list[str] = []
    pages: list[str] = []
    for loc in root.iter("{*}loc"):
        text = (loc.text or "").strip()
        if not text:
            continue
        parent = loc.getparent()
        tag = etree.QName(parent).localname if parent is not None else ""
        (children if tag == "sitemap" else pages).append(text)
    return children, pages


def read_sitemaps(
    listed: list[str],
    fallback: str,
    fetch: Callable[[str, int, bool], RobotsResponse],
    in_scope: Callable[[str], bool],
    note: Callable[[str], None],
    limit: int,
    seconds: float,
) -> list[str]:
    """Page URLs from the sitemaps robots.txt `listed` (else `fallback`), indexes followed.

    At most SITEMAP_MAX_FILES files, `limit` URLs and `seconds` of wall time; sitemaps on
    other hosts are skipped. Whatever is cut or unusable is said through `note`.
    """
    queue = deque(listed)
    explicit = bool(queue)
    queue = queue or deque([fallback])
    seen: set[str] = set()
    pages: list[str] = []
    budget = time.monotonic() + seconds
    while queue and len(seen) < SITEMAP_MAX_FILES and len(pages) < limit:
        if time.monotonic() > budget:
            note(f"sitemaps: stopped after {seconds:g} s")
            break
        sitemap = queue.popleft()
        if sitemap in seen or not is_web_url(sitemap):
            continue
        if not in_scope(sitemap):
            note(f"sitemap {sitemap} is on another site; not read")
            continue
        seen.add(sitemap)
        response = fetch(sitemap, SITEMAP_MAX_BYTES, False)
        if response.status != 200 or response.error:
            if explicit or response.status not in (404, 410):
                why = response.error or f"HTTP {response.status}"
                note(f"sitemap {sitemap} not used: {why}")
            continue
        try:
            data = response.body
            if data.startswith(b"\x1f\x8b"):
                data = decompress_bounded(data, SITEMAP_MAX_BYTES)
            children, urls = parse_sitemap(data)
        except BodyError as exc:
            note(f"sitemap {sitemap} not used: {exc}")
            continue
        queue.extend(normalize_url(u, sitemap) for u in children)
        pages.extend(normalize_url(u, sitemap) for u in urls)
    if queue and len(seen) >= SITEMAP_MAX_FILES:
        note(f"only the first {SITEMAP_MAX_FILES} sitemap files were read")
    if len(pages) > limit:
        note(f"only the first {limit:,} sitemap URLs were considered")
    return pages[:limit]
