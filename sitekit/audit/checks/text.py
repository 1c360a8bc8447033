"""Shared helpers for checks: phrase matching, the hero, first-screen views, evidence."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from sitekit.audit.checks import Outcome
from sitekit.errors import Location
from sitekit.figures import number_claims as number_claims  # re-exported for the checks
from sitekit.models import Element, Evidence, PageSnapshot
from sitekit.models_audit import fills_like_init
from sitekit.phrases import may_occur, words_of_all
from sitekit.text import FIRST_SCREEN_WORDS, norm, remembers_texts, word_len

# --------------------------------------------------------------------------- page regions


View = Callable[[Element], bool]
P = ParamSpec("P")
R = TypeVar("R")


def last_page(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn(page, *args)` remembered for the last page and arguments it was asked about, the
    arguments compared by identity: several checks read the same hero, main heading, menu and
    labels of a page, each working them out again (~90 us a realistic page). Pure functions
    of the snapshot (frozen) and arguments that are its elements, views or small ints only;
    the value must not be changed by its callers."""
    last: list[tuple[Any, tuple[Any, ...], Any] | None] = [None]

    @functools.wraps(fn)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        hit = last[0]  # (read once: another thread may set it meanwhile)
        if (
            hit is not None
            and not kwargs
            and hit[0] is args[0]
            and len(hit[1]) == len(args) - 1
            and all(map(operator.is_, hit[1], args[1:]))
        ):
            value: R = hit[2]
            return value
        value = fn(*args, **kwargs)
        if not kwargs:
            last[0] = (args[0], args[1:], value)
        return value

    remembers_texts(lambda: last.__setitem__(0, None))  # (it holds the page)
    return remembered


def near_top(page: PageSnapshot, words: int) -> View:
    """Elements in the header or within `words` words of content after it."""
    header_end = page.first_screen_words - FIRST_SCREEN_WORDS
    return lambda el: el.in_header or (el.position < header_end + words and not el.in_footer)


def first_screen_views_within(page: PageSnapshot, words: int) -> list[tuple[str, View]]:
    """Like first_screen_views, but the estimate looks only `words` words deep."""
    if page.rendered:
        return first_screen_views(page)
    return [("first screen", near_top(page, words))]


def first_screen_views(page: PageSnapshot) -> list[tuple[str, View]]:
    """One 'first screen' predicate per viewport when rendered, else the word-offset estimate."""
    if page.rendered:
        sizes: dict[str, None] = {}
        for el in (*page.headings, *page.links, *page.buttons, *page.blocks):
            for size in el.in_viewport:
                sizes.setdefault(size, None)
        if sizes:
            return [(s, _viewport_view(s)) for s in sizes]
    return [("first screen", _in_first_screen)]


def _in_first_screen(el: Element) -> bool:
    """The estimate's first screen (one function: `last_page` memos compare views by
    identity)."""
    return el.in_first_screen


def per_viewport(
    page: PageSnapshot, judge: Callable[[str, View], tuple[float, Evidence] | None]
) -> Outcome:
    """Judge the first screen of each viewport (one estimate when not rendered) and average.

    `judge(label, view)` returns (score, evidence), or None when the view has nothing to judge;
    when no view counts, the check does not apply (score None)."""
    judged = [j for j in (judge(label, view) for label, view in first_screen_views(page)) if j]
    if not judged:
        return Outcome(None, ())
    return Outcome(sum(s for s, _ in judged) / len(judged), tuple(e for _, e in judged))


def _viewport_view(size: str) -> View:
    return lambda el: el.in_viewport.get(size, False)


def content(elements: Iterable[Element]) -> list[Element]:
    """Elements outside navigation, header and footer."""
    return [e for e in elements if not (e.in_nav or e.in_footer or e.in_header)]


def in_menu(page: PageSnapshot, el: Element) -> bool:
    """Is `el` part of the navigation? A <nav> left unclosed swallows the whole page (every
    heading inside it, none in the header); a browser closes it with the header, so there its
    headings and text are content, not menu."""
    return el.in_nav and not _nav_unclosed(page)


def _nav_unclosed(page: PageSnapshot) -> bool:
    body = [h for h in page.headings if not h.in_footer and not h.in_header]
    return len(body) >= 3 and all(h.in_nav for h in body)


@last_page
def main_heading(page: PageSnapshot, view: View) -> Element | None:
    """The first h1 of 2+ words in view; else the first h2; else any heading in view (a hero
    set as an h4 or h5 is still the first prominent heading)."""
    brand = {(e.position, e.text) for e in page.links if _is_home_link(e)}
    visible = [
        h
        for h in page.headings
        if view(h)
        and h.text.strip()
        and not h.in_footer
        and (h.kind == "h1" or not in_menu(page, h))
        and (h.position, h.text) not in brand  # <h1><a href="/">Logo</a></h1>
    ]
    for kinds in (("h1",), ("h2", "h3", "h4")):
        for h in visible:
            if h.kind in kinds and word_len(h.text) >= 2:
                return h
    for kinds in (("h1", "h2", "h3"), ("h4", "h5", "h6")):
        for h in visible:
            if h.kind in kinds:
                return h
    return None


HOME_HREFS = ("/", "#", "#top", "./", "index.html", "./index.html", "/index.html")


def _is_home_link(link: Element) -> bool:
    return _is_home_href(link.href)


@lru_cache(maxsize=4096)
def _is_home_href(href: str) -> bool:
    """`_is_home_link` by the link's href, remembered (several checks ask about every link)."""
    href = href.strip().lower()
    if href.startswith(("http://", "https://")):
        return urlsplit(href).path in ("", "/", "/index.html") and not urlsplit(href).query
    return href in HOME_HREFS


remembers_texts(_is_home_href.cache_clear)


# the last page's blocks (the tuple held here, so no other object can take its id), their
# normal forms joined by spaces, and their words together
_last_blocks_text: tuple[tuple[Element, ...] | None, str, frozenset[str]] = (None, "", frozenset())


def _forget_blocks_text() -> None:
    global _last_blocks_text
    _last_blocks_text = (None, "", frozenset())


remembers_texts(_forget_blocks_text)


def blocks_may_hold(page: PageSnapshot, phrases: tuple[str, ...]) -> bool:
    """False when none of the page's blocks can hold a listed phrase (`has_phrase` and
    `find_phrases` find nothing in any of them): one test of the list against all the blocks'
    words, where a list absent from the page costs a lookup a block otherwise."""
    global _last_blocks_text
    if _last_blocks_text[0] is not page.blocks:
        normed = [norm(b.text) for b in page.blocks]
        _last_blocks_text = (page.blocks, " ".join(normed), words_of_all(normed))
    return may_occur(_last_blocks_text[1], _last_blocks_text[2], phrases)


@last_page
def brand_words(page: PageSnapshot) -> frozenset[str]:
    """Words of the site's name, read from short home links ('Streamline' is a brand, not
    an imperative, in 'Streamline connects your data')."""
    words: set[str] = set()
    for link in page.links:
        if _is_home_link(link) and 0 < word_len(link.text) <= 3:
            words.update(t.strip(".,:;!?") for t in norm(link.text).split())
    return frozenset(words)


@last_page
def hero_lead(
    page: PageSnapshot, view: View, head: Element | None, window: int = 15, min_words: int = 4
) -> Element | None:
    """The line right under the main heading: the first running text (or a long sub-heading)
    within `window` words of it, before the next section heading; link labels (and a row of
    them, 'Get Started Our Services') are skipped."""
    after = head.position + word_len(head.text) if head else -1
    labels = link_labels(page)
    for block in page.blocks:
        # (a heading's word count may run a word past where the snapshot starts the next
        # block: CJK text split by <br> is counted apart; a block before `after` whose text
        # is not the heading's own is the next block)
        if head and (
            block.position <= head.position or (block.position < after and block.text in head.text)
        ):
            continue
        if head is None and after < 0 and view(block) and not block.in_footer:
            if _menu_like(page, block, labels):
                continue  # no heading: the window opens at the first content, not in a menu
            after = block.position  # ... and counts from there
        if block.position > max(after, 0) + window or block.in_footer or not view(block):
            return None
        if block.kind in HEADINGS and word_len(block.text) < min_words:
            if head is not None:
                return None
            continue
        if head is not None and block.kind == head.kind:
            return None  # a heading of the main one's level opens the next section or slide
        if (block.in_nav and in_menu(page, block)) or labels.only_labels(block.text):
            continue
        if word_len(block.text) >= min_words:
            return block
    return None


def _menu_like(page: PageSnapshot, block: Element, labels: LinkLabels) -> bool:
    """Is the block a menu's entry or a row of link labels (no content of its own)?"""
    return (block.in_nav and in_menu(page, block)) or labels.only_labels(block.text)


@last_page
def link_labels(page: PageSnapshot) -> LinkLabels:
    """The page's LinkLabels (made once a page)."""
    return LinkLabels(page)


class LinkLabels:
    """The page's link and button labels: is a block's text one of them, or a row of them
    ('Home De Praktijk Tarieven Contact', 'Get Started Our Services') outside a <nav>?"""

    __slots__ = ("labels", "words")

    def __init__(self, page: PageSnapshot) -> None:
        self.labels = {e.text for e in (*page.links, *page.buttons) if e.text}
        self.words = {t for text in self.labels for t in norm(text).split()}

    def only_labels(self, text: str) -> bool:
        if text in self.labels:
            return True
        words = norm(text).split()
        return len(words) >= 3 and all(t in self.words for t in words)


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])\s+")


def opening_lines(
    page: PageSnapshot,
    view: View,
    head: Element,
    window: int = 30,
    sentence_words: int = 30,
    max_lines: int = 3,
) -> list[str]:
    """What is read at once after the main heading: the first sentence of each of the first
    `max_lines` running-text blocks within `window` words of it (link labels, menus and the
    footer skipped)."""
    after = head.position + word_len(head.text)
    labels = {e.text for e in (*page.links, *page.buttons) if e.text}
    lines: list[str] = []
    for block in page.blocks:
        if block.position < after or block.position == head.position:
            continue
        if block.position > after + window or block.in_footer or not view(block):
            break
        if in_menu(page, block) or block.text in labels or not block.text.strip():
            continue
        first = SENTENCE_END_RE.split(block.text.strip(), maxsplit=1)[0]
        lines.append(" ".join(first.split()[:sentence_words]))
        if len(lines) >= max_lines:
            break
    return lines


@last_page
def hero_text(page: PageSnapshot, view: View, max_words: int = 60) -> tuple[str, int]:
    """The opening words of content in view (after navigation): (text, start position)."""
    parts: list[str] = []
    start = -1
    count = 0
    for block in page.blocks:
        if in_menu(page, block) or block.in_footer or not view(block):
            continue
        if start < 0:
            start = block.position
        parts.append(block.text)
        count += word_len(block.text)
        if count >= max_words:
            break
    words = " ".join(parts).split()[:max_words]
    return " ".join(words), max(start, 0)


# --------------------------------------------------------------------------- evidence


def locate(page: PageSnapshot, el: Element | None) -> Location:
    """Markdown source line (built by sitekit), else HTML file:line, else the URL."""
    if el is not None:
        src = el.attrs.get("sitekit-src")
        if src and src in page.source_map:
            return page.source_map[src]
        if page.source_path and el.line is not None:
            return _location(page.source_path, el.line)
    path = page.source_path or page.url
    last = _page_location[0]  # (read once: another thread may set it meanwhile)
    if last is not None and last.path == path:
        return last
    made = _page_location[0] = _location(path, None)
    return made


# the last page's own Location (its URL or file), which most of its evidence names: one
# object for all of them, so a pickled page result holds it once (~30 fewer objects to pack
# and unpack, each page twice in the pool and once for the report)
_page_location: list[Location | None] = [None]


# Every check's evidence is made here, ~31 Evidence and Location a page: frozen dataclasses,
# whose __init__ sets each field through object.__setattr__. Filling a new object's __dict__
# in field order makes the same object (equal, same repr and pickle) in about a third of the
# time; tests/checks/test_evidence.py compares the two. A field added to either turns this off.
FAST_EVIDENCE = fills_like_init(
    Evidence, ("element", "text", "position", "location", "note")
) and fills_like_init(Location, ("path", "line", "col"))


def _location(path: str, line: int | None) -> Location:
    """Location(path, line)."""
    if not FAST_EVIDENCE:
        return Location(path, line)
    made: Location = _new(Location)
    made.__dict__.update(path=path, line=line, col=None)
    return made


def _evidence(
    element: str, text: str, position: int | None, location: Location | None, note: str
) -> Evidence:
    """Evidence(element, text, position, location, note)."""
    if not FAST_EVIDENCE:
        return Evidence(element, text, position, location, note)
    made: Evidence = _new(Evidence)
    made.__dict__.update(
        element=element, text=text, position=position, location=location, note=note
    )
    return made


_new = object.__new__


BUTTON_CLASS_HINTS = ("btn", "button", "cta")


def looks_like_button(e: Element) -> bool:
    """A <button>, or a link styled or marked as one (class btn/button/cta, role=button)."""
    return (
        e.kind == "button"
        or any(map(e.attrs.get("class", "").lower().__contains__, BUTTON_CLASS_HINTS))
        or e.attrs.get("role") == "button"
    )


def quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def evidence(page: PageSnapshot, el: Element | None, note: str = "", text: str = "") -> Evidence:
    """Evidence naming the element, its quoted text and where it is."""
    if el is None:
        return _evidence("page", quote(text), None, locate(page, None), note)
    return _evidence(
        f"<{el.kind}>" if el.kind.isalnum() else el.kind,
        quote(text or el.text),
        el.position,
        locate(page, el),
        note,
    )


# --------------------------------------------------------------------------- what is offered


def first_heading(page: PageSnapshot, view: View) -> Element | None:
    """The first heading read in view, of any length and level ('Nieuws', 'Hours of
    Operation'): menus, the footer and the logo's home link left out."""
    brand = {(e.position, e.text) for e in page.links if _is_home_link(e)}
    for h in page.headings:
        if (
            view(h)
            and h.text.strip()
            and not h.in_footer
            and not in_menu(page, h)
            and (h.position, h.text) not in brand
        ):
            return h
    return None


def opening_text(
    page: PageSnapshot, view: View, max_words: int, skip: Element | None = None
) -> str:
    """The running text read first in view (menus, footer, link and button labels left out,
    and a row of links outside a <nav>, 'Home De Praktijk Tarieven Contact'; `skip`, e.g. the
    main heading, too), up to `max_words` words."""
    labels = link_labels(page)
    parts: list[str] = []
    count = 0
    for block in page.blocks:
        if in_menu(page, block) or block.in_footer or not view(block):
            continue
        if labels.only_labels(block.text):
            continue  # a link, or a menu not marked as one: every word is a link's
        if skip is not None and block.position == skip.position and block.text == skip.text:
            continue
        parts.append(block.text)
        count += word_len(block.text)
        if count >= max_words:
            break
    return " ".join(" ".join(parts).split()[:max_words])


@lru_cache(maxsize=64)
def _label_set(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(norm(label) for label in labels)


def is_label(text: str, labels: tuple[str, ...]) -> bool:
    """Is the whole text one of `labels` ('Hours of Operation', 'Our Story', 'Nieuws')?"""
    return norm(text).strip(" .:!?…-–—|·•()") in _label_set(labels)
