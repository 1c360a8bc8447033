"""Link extraction tests: base href, canonical, meta refresh, garbage in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.crawl.decode import decode_html
from sitekit.crawl.links import extract_links


def test_extract_links_uses_base_href_canonical_and_meta_refresh() -> None:
    html = b"""<html><head><base href="https://e.com/docs/">
    <link rel="canonical" href="/guide/#top"><meta http-equiv="refresh" content="5; url=/moved">
    </head><body><a href="intro">i</a><a href="#x">self</a><area href="/map">
    <a href="intro">dup</a><a>no href</a><a href="mailto:x@e.com">m</a></body></html>"""
    links = extract_links(html, "https://e.com/start")
    assert links.canonical == "https://e.com/guide/"
    assert links.links == (
        "https://e.com/moved",
        "https://e.com/docs/intro",
        "https://e.com/docs/",
        "https://e.com/map",
        "mailto:x@e.com",
    )


def test_extract_links_survives_garbage() -> None:
    assert extract_links(b"", "https://e.com/").links == ()
    assert extract_links(b"\x00\x01\x02", "https://e.com/").links == ()
    assert extract_links(b"<a href='/x'>unclosed <div><p", "https://e.com/").links == (
        "https://e.com/x",
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "latin-1", "bogus", "utf-16"]))
def test_decoding_and_link_extraction_never_raise(body: bytes, encoding: str | None) -> None:
    assert isinstance(decode_html(body, encoding), str)
    links = extract_links(b"<a href='/x'>" + body, "https://e.com/", encoding)
    assert len(links.links) <= 5_000
