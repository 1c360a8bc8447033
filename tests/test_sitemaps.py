"""Sitemap tests: urlsets, indexes, entities never resolved, bounded gunzip."""

from __future__ import annotations

from sitekit.sitemaps import parse_sitemap


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
