"""URL hygiene tests: normalisation, dedupe keys, scope patterns and trap shapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.urls import dedupe_key, normalize_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM:80/a#frag", "http://example.com/a"),
        ("https://example.com:443/", "https://example.com/"),
        ("https://example.com:8443", "https://example.com:8443/"),
        ("https://example.com/a/./b/../c/", "https://example.com/a/c/"),
        ("https://example.com/docs/index.html", "https://example.com/docs/"),
        (
            "https://example.com/?b=2&a=1&utm_source=x&gclid=y&fbclid=z",
            "https://example.com/?a=1&b=2",
        ),
        ("https://example.com/p?mc_cid=1&mc_eid=2", "https://example.com/p"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        (" https://example.com/\n", "https://example.com/"),
    ],
)
def test_normalize_url_applies_url_hygiene(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_normalize_url_resolves_relative_and_leaves_other_schemes() -> None:
    assert normalize_url("../x?utm_medium=a", "https://e.com/a/b/") == "https://e.com/a/x"
    assert normalize_url("javascript:alert(1)", "https://e.com/") == "javascript:alert(1)"
    assert normalize_url("mailto:a@b.c", "https://e.com/") == "mailto:a@b.c"


def test_trailing_slash_variants_share_a_dedupe_key() -> None:
    assert dedupe_key(normalize_url("https://e.com/pricing")) == dedupe_key(
        normalize_url("https://e.com/pricing/")
    )
    assert dedupe_key("https://e.com/a") != dedupe_key("https://e.com/b")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["https://e.com/a/b", "http://E.com:80/x?y=1"]))
def test_normalize_url_never_raises_and_is_idempotent(href: str, base: str) -> None:
    once = normalize_url(href, base)
    if once.startswith(("http://", "https://")):
        assert normalize_url(once) == once
        assert "#" not in once
