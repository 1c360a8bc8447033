"""What the walk gathers: records of elements and text blocks, their context, the text itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sitekit.audit.snapshot.tree import Node
from sitekit.errors import Location
from sitekit.text import count_words, single_spaced

MAX_ELEMENTS = 5_000  # per kind (links, blocks, images ...)
MAX_TEXT_CHARS = 400_000
ATTR_KEEP = (
    *("class", "id", "role", "type", "aria-label", "title", "name", "target", "rel"),
    "data-sitekit-cta",  # the theme's mark: "primary" is the page's primary call to action
    # a link that opens something by script says so ('<a href="#" data-toggle="dropdown">')
    *("aria-haspopup", "aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle"),
)
WS_RE = re.compile(r"\s+")


@dataclass
class Record:
    kind: str
    start_seg: int
    position: int
    line: int | None
    ctx: Ctx
    href: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    end_seg: int = -1
    alts: list[str] = field(default_factory=list)
    text: str = ""


class Ctx(NamedTuple):
    nav: bool = False
    header: bool = False
    footer: bool = False
    in_list: int = 0  # depth of enclosing ul/ol/menu lists
    block: str = "body"
    vp: str | None = None
    src: str | None = None
    link: int = -1  # index of the enclosing link record
    form: int = -1  # index of the enclosing form record
    zone: str = ""  # class/id tokens of the ancestors (testimonials, faq, pricing ...)
    # inside sectioning content (article, aside, main, nav, section): a <footer> there closes
    # that section, not the page (HTML-AAM maps only a page-level footer to contentinfo)
    scoped: bool = False


@dataclass
class Form:
    action: str
    method: str
    position: int
    line: int | None
    fields: list[str] = field(default_factory=list)
    submit: str = ""
    has_email: bool = False


@dataclass
class State:
    segments: list[str] = field(default_factory=list)
    words: int = 0
    chars: int = 0
    block_start: int = 0
    block_pos: int = 0
    block_line: int | None = None  # source line where the current block's text starts
    last_line: int | None = None  # source line of the most recently opened tag
    block_kind: str = "body"
    block_ctx: Ctx = field(default_factory=Ctx)
    records: list[Record] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    blocks: list[Record] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # id -> word position (first)
    types: list[str] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)
    noscript: list[str] = field(default_factory=list)
    embedded_forms: list[str] = field(default_factory=list)  # iframe addresses naming a form
    mount_roots: list[str] = field(default_factory=list)
    scripts: int = 0  # <script> elements, JSON-LD left out
    header_end: int = 0
    viewports: dict[str, None] = field(default_factory=dict)
    source_map: dict[str, Location] = field(default_factory=dict)
    interstitial: str = ""
    marked: list[str] = field(default_factory=list)  # each shown element's id and classes
    styled_hidden: list[Any] = field(default_factory=list)  # elements hidden by inline style
    # hidden menu drawers a button opens (node, word position, in the header), the first few
    hidden_menus: list[tuple[Any, int, bool]] = field(default_factory=list)


def attr(tag: Node, name: str) -> str:
    value = tag.attrs.get(name)
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def classes(tag: Node) -> list[str]:
    """The class tokens, lowercased: each token's lower() is the joined tokens' lower() split
    again (a character is whitespace exactly when its lowercase is, and a space ends a final
    sigma's context as the token's end does), with three calls instead of one a token."""
    value = tag.attrs.get("class")
    if not value:
        return []
    return (" ".join(value) if isinstance(value, list) else str(value)).lower().split()


def flush_block(st: State) -> None:
    if st.block_start < len(st.segments) and len(st.blocks) < MAX_ELEMENTS:
        text = " ".join(st.segments[st.block_start :])
        st.blocks.append(
            Record(
                st.block_kind, st.block_start, st.block_pos, st.block_line, st.block_ctx, text=text
            )
        )
    st.block_start = len(st.segments)
    st.block_pos = st.words


def add_text(st: State, raw: str, ctx: Ctx) -> None:
    # a line of plain text is its own normal form (the first test passes over the line breaks
    # between tags, which make up about half the text runs)
    if raw[:1] > " " and single_spaced(raw):
        text, count = raw, raw.count(" ") + 1
    else:
        parts = raw.split()
        text = " ".join(parts)  # = WS_RE.sub(" ", raw).strip(): \s is str.isspace, faster
        count = len(parts)
    if not text or st.chars > MAX_TEXT_CHARS:
        return
    if st.block_start == len(st.segments):
        st.block_pos = st.words
        st.block_ctx = ctx
        st.block_line = st.last_line
    st.segments.append(text)
    # one definition of a "word" for snapshot and checks (`text` splits into `count` parts)
    st.words += count_words(text, parts=count)
    st.chars += len(text) + 1


def record(st: State, kind: str, tag: Node, ctx: Ctx, href: str = "") -> int:
    count = st.counts.get(kind, 0)
    if count >= MAX_ELEMENTS:
        return -1
    st.counts[kind] = count + 1
    attrs = {k: attr(tag, k) for k in ATTR_KEEP if k in tag.attrs}
    st.records.append(Record(kind, len(st.segments), st.words, tag.sourceline, ctx, href, attrs))
    return len(st.records) - 1
