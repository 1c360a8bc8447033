"""URL hygiene tests: normalisation, dedupe keys, scope patterns and trap shapes."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.crawl.urls import (
    chain_step,
    dedupe_key,
    is_ip_or_localhost,
    is_web_url,
    link_resolver,
    matches_pattern,
    normalize_url,
    path_shape,
    trap_area,
    trap_pattern,
    url_extension,
    url_netloc,
    url_origin,
)


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


_HREF_PARTS = [
    "/",
    "//",
    "a",
    "..",
    ".",
    "?",
    "#",
    ";",
    ":",
    "%",
    "@",
    "\\",
    " ",
    "\t",
    "\n",
    "é",
    "x=1&b=2",
]
_BASES = [
    "https://e.com/a/b",
    "http://E.com:80/x/?y=1",
    "https://e.com:8443/a/b/index.html;p?q#f",
    "http://[::1]:8080/dir/",
    "https://user:pw@e.com/",
    "http://e.com",
    "http:/no-host",
    "mailto:a@e.com",
    "http://[::1/broken",
    "",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_HREF_PARTS) | st.text(max_size=4), max_size=8).map("".join),
    st.sampled_from(_BASES),
)
def test_link_resolver_equals_normalize_url(href: str, base: str) -> None:
    """The resolver remembers root-relative hrefs per origin: the same forms as
    normalize_url against the page's own base, for every base (and twice, from memory)."""
    resolve = link_resolver(base)
    for candidate in (href, "/" + href, " /" + href, "//" + href):
        assert resolve(candidate) == normalize_url(candidate, base)
        assert resolve(candidate) == normalize_url(candidate, base)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["p1", "A-b_c~", "index", "index.html", "", ".", "..", "é", "x.y"]),
        max_size=5,
    ).map("/".join),
    st.sampled_from(["", "/"]),
    st.sampled_from(
        ["http://E.com:80", "https://e.com:443", "http://[::1]:8080", "https://u:p@e.com",
         "http://e.com.", "http://e.com:99999", "http://:80", "HTTPS://e.com:8443"]
    ),
)  # fmt: skip
def test_plain_rooted_hrefs_keep_their_path_after_the_origins_form(
    path: str, slash: str, origin: str
) -> None:
    """A root-relative href of plain segments skips urljoin: the same form as normalize_url
    against any base on the origin, odd hosts and ports included."""
    href = "/" + path + slash
    if href.startswith("//"):
        return
    for base in (origin + "/", origin + "/a/b?q#f"):
        assert link_resolver(base)(href) == normalize_url(href, base)


@settings(max_examples=1000, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTP://", "http:/", "http:", " http://", ""]),
    st.text(alphabet="aZ09_.:@~%!$&'()*+,;=-/?#[]\\ \t\né\x00", max_size=16),
)
def test_url_netloc_is_urlsplits_netloc(prefix: str, rest: str) -> None:
    """The netloc read without a split is urlsplit's, and where urlsplit raises, so does it."""
    url = prefix + rest
    try:
        want = urlsplit(url).netloc
    except ValueError:
        with pytest.raises(ValueError):
            url_netloc(url)
        return
    assert url_netloc(url) == want


def test_patterns_match_globs_on_url_or_path_and_plain_text_as_prefix() -> None:
    url = "https://e.com/blog/2024/post?page=2"
    assert matches_pattern(url, "/blog/")
    assert matches_pattern(url, "https://e.com/blog")
    assert matches_pattern(url, "*/2024/*")
    assert matches_pattern(url, "/blog/*?page=*")
    assert not matches_pattern(url, "/docs/")
    assert not matches_pattern(url, "*.pdf")


def test_trap_shapes_deep_repeated_and_chained_paths() -> None:
    assert trap_pattern("https://e.com/a/b/c/") is None
    assert trap_pattern("https://e.com/a/x/a/y/a/") == "repeated path segments"
    deep = "https://e.com/" + "/".join(f"s{i}" for i in range(25)) + "/"
    assert trap_pattern(deep) == "ever-longer paths"
    day1, day2 = "https://e.com/cal/2024-01-01", "https://e.com/cal/2024-01-02"
    assert path_shape(day1) == path_shape(day2) == "/cal/0-0-0"
    assert chain_step(day2, day1)
    assert chain_step("https://e.com/a/b/", "https://e.com/a/")
    assert not chain_step("https://e.com/about", "https://e.com/pricing")
    assert not chain_step("https://e.com/a/", "https://e.com/")  # the home page is no chain
    assert not chain_step(day1, None)
    assert trap_area(day1) == "/cal/" and trap_area("https://e.com/") == "/"


def test_small_url_helpers() -> None:
    assert url_extension("https://e.com/files/Report.PDF?x=1") == ".pdf"
    assert url_extension("https://e.com/v1.2/") == ""
    assert url_origin("https://e.com:8443/a?b") == "https://e.com:8443"
    assert is_web_url("HTTPS://e.com") and not is_web_url("ftp://e.com")
    assert all(map(is_ip_or_localhost, ["127.0.0.1", "[::1]", "localhost", "app.localhost"]))
    assert not is_ip_or_localhost("example.com")
