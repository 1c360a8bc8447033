"""Sitemaps: bounded gunzip of .xml.gz files and parsing sitemaps and sitemap indexes."""

from __future__ import annotations

import zlib

from lxml import etree

from sitekit.crawl.fetch import BodyError

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
