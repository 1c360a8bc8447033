"""Sitemap tests: urlsets, indexes, entities never resolved, bounded gunzip."""

from __future__ import annotations

import gzip

import pytest

from sitekit.crawl.fetch import BodyError
from sitekit.crawl.sitemaps import decompress_bounded, parse_sitemap


def test_parse_sitemap_reads_urlsets_and_indexes_without_entities() -> None:
    urlset = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc> https://e.com/a </loc></url><url><loc>https://e.com/b</loc></url></urlset>"""
    assert parse_sitemap(urlset) == ([], ["https://e.com/a", "https://e.com/b"])
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://e.com/s1.xml.gz</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index) == (["https://e.com/s1.xml.gz"], [])
    xxe = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset><url><loc>https://e.com/&x;</loc></url></urlset>"""
    _, urls = parse_sitemap(xxe)
    assert all("root:" not in u for u in urls)


def test_gzip_sitemaps_are_unpacked_within_the_cap() -> None:
    data = b"<urlset><url><loc>https://e.com/a</loc></url></urlset>"
    assert decompress_bounded(gzip.compress(data), 1_000) == data
    bomb = gzip.compress(b" " * 5_000_000)  # ~5 KB that would grow to 5 MB
    with pytest.raises(BodyError, match="too large: over 1,000 bytes once decompressed"):
        decompress_bounded(bomb, 1_000)
    with pytest.raises(BodyError, match="corrupt gzip data"):
        decompress_bounded(b"\x1f\x8b not really gzip", 1_000)
