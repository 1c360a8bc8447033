"""The lxml-built tree gives the same snapshot as BeautifulSoup(html, "lxml") did."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.audit.snapshot import snapshot_from_tree
from sitekit.audit.snapshot.tree import parse_lxml

URL = "http://127.0.0.1/x/"
TRICKY = [
    "",
    " ",
    "\ufeff<p>bom</p>",
    "x",
    "<!-- only a comment -->",
    "\x00",
    "<p class='  a  b '>t<rt>ruby</rt><!--c-->u</p>",
    "<html><head><title>A &amp; <b>b</b></title><noscript><style>x{}</style>Enable JS <b>now"
    '</b></noscript><script type=\'application/ld+json\'>{"@type":"Org"}</script></head>'
    "<body><noscript>no<rt>r</rt>js</noscript><a rel=' nofollow  x' class='' href=/>Home</a>"
    "<td headers=' a b'>x</td></body></html>",
    "<svg><p>x</p></svg></html><p>after the end</p>",
    "<?xml version='1.0'?><!DOCTYPE html><html><body><?pi x?>text</body></html>",
    "<table><tr><td>a<p>b</table>c",
    "<p>a</b>b</i>c</p></div>",
    "<template><p>x</p></template><p>y</p>",
    "<ruby>a<rp>(</rp><rt>b</rt></ruby>",
    "<div hidden id=gone>x</div><nav class='menu'><a href='#gone'>skip</a></nav>",
]
CORPUS = sorted(Path(__file__).parent.joinpath("data").rglob("*.html"))


def reference(html: str) -> object:
    return snapshot_from_tree(BeautifulSoup(html, "lxml"), URL, None)


def ours(html: str) -> object:
    return snapshot_from_tree(parse_lxml(html), URL, None)


@pytest.mark.parametrize("html", TRICKY)
def test_tricky_documents(html: str) -> None:
    assert ours(html) == reference(html)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_real_pages(path: Path) -> None:
    html = path.read_text("utf-8", errors="replace")
    assert ours(html) == reference(html)


PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='a  b'>",
        "</div>",
        "<a href='/x' rel=' next '>",
        "</a>",
        "<h1>",
        "</h1>",
        "<nav>",
        "</nav>",
        "<footer>",
        "<li>",
        "<ul>",
        "</ul>",
        "<script>var a = '<p>';</script>",
        "<style>p{}</style>",
        "<noscript>",
        "</noscript>",
        "<template>",
        "</template>",
        "<rt>",
        "<rp>",
        "<!-- c -->",
        "<!DOCTYPE html>",
        "<?pi x?>",
        "<title>",
        "</title>",
        "<head>",
        "<body>",
        "<button>",
        "<form><input type=email name=e>",
        "<img alt='a picture' src=x.png>",
        "<br>",
        "&amp; &nbsp;",
        "Get 50% off today ",
        "Lorem ipsum ",
        " \n ",
        "日本語",
        "<",
        ">",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_tag_soup(html: str) -> None:
    assert ours(html) == reference(html)


# class tokens and text runs: the walk's shortcuts give what the plain forms give
_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ Σς'.-\t\n\x1c\u00a0\u2028İẞ\u0345é日 ")), max_size=30
)


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_classes_lowercase_each_token(raw: str) -> None:
    from sitekit.audit.snapshot.state import classes
    from sitekit.audit.snapshot.tree import TreeElement

    tokens = raw.split()
    for value in (tokens, raw):
        plain = [c.lower() for c in (value if isinstance(value, list) else str(value).split())]
        assert classes(TreeElement("div", {"class": value})) == (plain if value else [])


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_add_text_as_split_and_joined(raw: str) -> None:
    from sitekit.audit.snapshot.state import Ctx, State, add_text
    from sitekit.text import count_words

    st_ = State()
    add_text(st_, raw, Ctx())
    parts = raw.split()
    text = " ".join(parts)
    assert st_.segments == ([text] if text else [])
    assert st_.words == (count_words(text, parts=len(parts)) if text else 0)
