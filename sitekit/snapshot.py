"""FetchedPage -> PageSnapshot: decode, parse once (lxml; BeautifulSoup for file lines), extract."""

from __future__ import annotations

import codecs
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Union, cast

from sitekit.checks.text import FIRST_SCREEN_WORDS, word_len
from sitekit.errors import Location
from sitekit.models import Element, FetchedPage, FormInfo, PageSnapshot

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

Node = Union["Tag", "_Element"]  # an element of either tree

HEADER_SLACK_WORDS = 12  # a top bar this short before the header still counts as header
MAX_HTML_CHARS = 2_000_000  # bigger documents are cut here (bounded time and memory)
MAX_ELEMENTS = 5_000  # per kind (links, blocks, images ...)
MAX_TEXT_CHARS = 400_000
MAX_JSONLD_CHARS = 200_000

SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "noscript",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "datalist",
        "audio",
        "video",
        "map",
        "meta",
        "link",
        "base",
    ]
)
BLOCK_TAGS = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "blockquote",
        "figcaption",
        "td",
        "th",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "fieldset",
        "legend",
        "address",
        "pre",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "figure",
        "details",
        "summary",
        "label",
        "body",
        "html",
    ]
)
HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
# screen-reader-only text, and dialogs that scripts open later (hidden by CSS at load)
HIDDEN_CLASSES = frozenset(
    ["sr-only", "visually-hidden", "screen-reader-text", "modal", "lightbox"]
)
NAV_CLASS_TOKENS = frozenset(
    ["menu", "main-menu", "primary-menu", "site-menu", "menubar", "topnav"]
)
MOUNT_IDS = frozenset(
    ["root", "app", "__next", "__nuxt", "___gatsby", "svelte", "main-app", "react-root"]
)
ATTR_KEEP = ("class", "id", "role", "type", "aria-label", "title", "name", "target", "rel")
BUTTON_INPUT_TYPES = frozenset(("submit", "button", "image"))
NON_FIELD_INPUT_TYPES = frozenset(("hidden", "submit", "button", "image", "reset"))

JS_HINT = "try --render to audit the page as a browser shows it"
SHELL_NOSCRIPT = re.compile(
    r"enable javascript|javascript (is )?(required|disabled)|javascript", re.I
)
INTERSTITIAL_TITLE = re.compile(
    r"^(just a moment|attention required|access denied|checking your browser|"
    r"please wait|security check|ddos protection|are you a (human|robot)|captcha)",
    re.I,
)
INTERSTITIAL_MARKERS = re.compile(
    r"cf-challenge|cf-browser-verification|challenge-form|challenge-platform|ddos-guard|"
    r"g-recaptcha|h-captcha|cf-turnstile",
    re.I,
)
CAPTCHA_ONLY_MARKERS = re.compile(r"^(g-recaptcha|h-captcha|cf-turnstile)$", re.I)
CAPTCHA_PHRASES = re.compile(
    r"verify you are (a )?human|are you (a )?(human|robot)|not a robot|security check|"
    r"checking (if the site connection is secure|your browser)|complete the captcha",
    re.I,
)
PHONE_RE = re.compile(r"(?<![\w.,/])(?:\+|00)?\(?\d[\d\s().\-/]{6,}\d(?![\w/])")
YEAR_RANGE_RE = re.compile(r"^(19|20)\d\d\s*[-–/]\s*(19|20)?\d\d$")
# shaped like a phone number but a date (05.07.2022), a ZIP+4 postcode (62704-1234) or opening
# hours (08.00 - 18.00)
NOT_PHONE_RE = re.compile(
    r"^(\d{1,2}[./]\d{1,2}[./](19|20)\d\d|\d{5}-\d{4}|\d{1,2}[.:]\d\d\s*[-–]\s*\d{1,2}[.:]\d\d)$"
)
WS_RE = re.compile(r"\s+")
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


# --------------------------------------------------------------------------- decoding


def decode_body(body: bytes, header_encoding: str | None) -> str:
    """Bytes -> text: the crawler's decode_html when present, else BOM, header, meta, UTF-8."""
    try:
        from sitekit.decode import decode_html  # the crawler's canonical rules
    except ImportError:
        return _decode_fallback(body, header_encoding)
    return str(decode_html(body, header_encoding))


def _decode_fallback(body: bytes, header_encoding: str | None) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if body.startswith(bom):
            return body.decode(enc, errors="replace")
    if body.startswith(codecs.BOM_UTF16_BE):
        return body.decode("utf-16", errors="replace")
    candidates = [header_encoding] if header_encoding else []
    meta = META_CHARSET_RE.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return body.decode(_canonical(enc))
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def _canonical(enc: str) -> str:
    name = codecs.lookup(enc).name
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


# --------------------------------------------------------------------------- walking


count_words = word_len  # one definition of a "word" for snapshot and checks


@dataclass
class _Record:
    kind: str
    start_seg: int
    position: int
    line: int | None
    ctx: _Ctx
    href: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    end_seg: int = -1
    alts: list[str] = field(default_factory=list)
    text: str = ""


class _Ctx(NamedTuple):
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


@dataclass
class _Form:
    action: str
    method: str
    position: int
    line: int | None
    fields: list[str] = field(default_factory=list)
    submit: str = ""
    has_email: bool = False


@dataclass
class _State:
    segments: list[str] = field(default_factory=list)
    words: int = 0
    chars: int = 0
    block_start: int = 0
    block_pos: int = 0
    block_line: int | None = None  # source line where the current block's text starts
    last_line: int | None = None  # source line of the most recently opened tag
    block_kind: str = "body"
    block_ctx: _Ctx = field(default_factory=_Ctx)
    records: list[_Record] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    blocks: list[_Record] = field(default_factory=list)
    forms: list[_Form] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    types: list[str] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)
    noscript: list[str] = field(default_factory=list)
    mount_roots: list[str] = field(default_factory=list)
    header_end: int = 0
    viewports: dict[str, None] = field(default_factory=dict)
    source_map: dict[str, Location] = field(default_factory=dict)
    interstitial: str = ""


def _attr(tag: Node, name: str) -> str:
    value = tag.attrs.get(name)
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def _classes(tag: Node) -> list[str]:
    value = tag.attrs.get("class")
    if not value:
        return []
    return [c.lower() for c in (value if isinstance(value, list) else str(value).split())]


def _is_hidden(tag: Node) -> bool:
    attrs = tag.attrs
    if "hidden" in attrs or _attr(tag, "aria-hidden").lower() == "true":
        return True
    if tag.name == "input" and _attr(tag, "type").lower() == "hidden":
        return True
    if tag.name == "dialog" and "open" not in attrs:
        return True
    style = _attr(tag, "style")
    if style:
        compact = style.replace(" ", "").lower()
        if "display:none" in compact or "visibility:hidden" in compact:
            return True
    return bool(attrs.get("class")) and any(c in HIDDEN_CLASSES for c in _classes(tag))


def _flush_block(st: _State) -> None:
    if st.block_start < len(st.segments) and len(st.blocks) < MAX_ELEMENTS:
        text = " ".join(st.segments[st.block_start :])
        st.blocks.append(
            _Record(
                st.block_kind, st.block_start, st.block_pos, st.block_line, st.block_ctx, text=text
            )
        )
    st.block_start = len(st.segments)
    st.block_pos = st.words


def _add_text(st: _State, raw: str, ctx: _Ctx) -> None:
    text = WS_RE.sub(" ", raw).strip()
    if not text or st.chars > MAX_TEXT_CHARS:
        return
    if st.block_start == len(st.segments):
        st.block_pos = st.words
        st.block_ctx = ctx
        st.block_line = st.last_line
    st.segments.append(text)
    st.words += count_words(text)
    st.chars += len(text) + 1


def _record(st: _State, kind: str, tag: Node, ctx: _Ctx, href: str = "") -> int:
    count = st.counts.get(kind, 0)
    if count >= MAX_ELEMENTS:
        return -1
    st.counts[kind] = count + 1
    attrs = {k: _attr(tag, k) for k in ATTR_KEEP if k in tag.attrs}
    st.records.append(_Record(kind, len(st.segments), st.words, tag.sourceline, ctx, href, attrs))
    return len(st.records) - 1


def _child_ctx(tag: Node, ctx: _Ctx, st: _State) -> _Ctx:
    name = tag.name
    role = _attr(tag, "role").lower()
    classes = _classes(tag) if tag.attrs.get("class") else []
    nav = ctx.nav or name == "nav" or role in ("navigation", "menubar")
    if not nav and classes:
        nav = any("nav" in c or c in NAV_CLASS_TOKENS for c in classes) and not ctx.footer
    header = ctx.header or name == "header" or role == "banner"
    footer = ctx.footer or name == "footer" or role == "contentinfo"
    if not footer and classes and name in ("div", "section"):
        footer = any(c in ("footer", "site-footer", "page-footer") for c in classes)
    vp = _attr(tag, "data-sitekit-vp") if "data-sitekit-vp" in tag.attrs else ctx.vp
    src = ctx.src
    if "data-sitekit-src" in tag.attrs:
        src = _attr(tag, "data-sitekit-src")
        path, _, line = src.rpartition(":")
        if path and line.isdigit():
            st.source_map[src] = Location(path, int(line))
    if vp:
        for size in vp.split():
            st.viewports.setdefault(size, None)
    block = name if name in BLOCK_TAGS else ctx.block
    zone = ctx.zone
    if classes or "id" in tag.attrs:
        tokens = " ".join([*classes, _attr(tag, "id").lower()]).strip()
        zone = f"{zone} {tokens}"[-240:] if tokens else zone
    if name in ("blockquote", "q"):  # the markup itself says "quoted words"
        zone = f"{zone} quote"[-240:]
    in_list = ctx.in_list + (name in ("ul", "ol", "menu"))
    return _Ctx(nav, header, footer, in_list, block, vp, src, ctx.link, ctx.form, zone)


def _handle_skipped(tag: Node, st: _State) -> None:
    name = tag.name
    if name == "script" and "ld+json" in _attr(tag, "type").lower():
        _read_jsonld(tag.get_text(), st)
    elif name == "noscript":
        st.noscript.append(WS_RE.sub(" ", tag.get_text(" ")).strip()[:300])


def _read_jsonld(raw: str, st: _State) -> None:
    if len(raw) > MAX_JSONLD_CHARS:
        return
    try:
        data = json.loads(raw)
    except ValueError:
        return
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack and seen < 2_000:
        item, depth = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in item[:200])
        elif isinstance(item, dict):
            kind = item.get("@type")
            for t in kind if isinstance(kind, list) else [kind]:
                if isinstance(t, str):
                    st.types.append(t.rsplit("/", 1)[-1])
            if depth <= 1 and len(st.data) < 20:
                st.data.append(item)
            if depth < 12:
                stack.extend((v, depth + 1) for v in item.values() if isinstance(v, (dict, list)))


def _open(tag: Node, ctx: _Ctx, st: _State) -> _Ctx:
    """Record what an element contributes when it opens; return the context for its children."""
    name = tag.name
    st.last_line = tag.sourceline
    if "id" in tag.attrs:
        st.ids.add(_attr(tag, "id"))
        if name == "div" and _attr(tag, "id").lower() in MOUNT_IDS:
            st.mount_roots.append(_attr(tag, "id"))
    if "name" in tag.attrs and name == "a":
        st.ids.add(_attr(tag, "name"))
    if "itemtype" in tag.attrs:
        for t in _attr(tag, "itemtype").split():
            st.types.append(t.rstrip("/").rsplit("/", 1)[-1])
    if not st.interstitial and tag.attrs:
        marker = _attr(tag, "id") + " " + " ".join(_classes(tag))
        found = INTERSTITIAL_MARKERS.search(marker)
        if found:
            st.interstitial = found.group(0)
    if name in BLOCK_TAGS:
        _flush_block(st)
    child = _child_ctx(tag, ctx, st)
    if name in BLOCK_TAGS:
        st.block_kind = name
        st.block_ctx = child
    role = _attr(tag, "role").lower()
    if name == "a" and "href" in tag.attrs:
        idx = _record(st, "a", tag, child, _attr(tag, "href").strip())
        child = child._replace(link=idx)
    elif name in HEADING_TAGS or role == "heading":
        kind = name if name in HEADING_TAGS else f"h{_attr(tag, 'aria-level') or '2'}"
        _record(st, kind if kind in HEADING_TAGS else "h2", tag, child)
    elif name == "button" or role == "button" or (name == "a" and _scripted_button(tag)):
        _record(st, "button", tag, child)
    elif name == "input":
        _open_input(tag, child, st)
    elif name == "textarea" and child.form >= 0:
        _add_field(st.forms[child.form], tag, "textarea")
    elif name == "form":
        st.forms.append(
            _Form(
                _attr(tag, "action"),
                _attr(tag, "method").lower() or "get",
                st.words,
                tag.sourceline,
            )
        )
        child = child._replace(form=len(st.forms) - 1)
    elif name == "img":
        alt = _attr(tag, "alt").strip()
        idx = _record(st, "img", tag, child, _attr(tag, "src"))
        if idx >= 0:
            st.records[idx].text = alt
        if ctx.link >= 0 and alt:
            st.records[ctx.link].alts.append(alt)
    elif name == "address":
        _record(st, "address", tag, child)
    elif name in ("blockquote", "q"):
        _record(st, name, tag, child)
    elif name in ("header", "nav") or role in ("banner", "navigation"):
        _record(st, "header-zone", tag, child)
    return child


def _scripted_button(tag: Node) -> bool:
    """An <a> without href that scripts turn into a button (class 'btn', onclick)."""
    if "onclick" in tag.attrs:
        return True
    return any(h in c for c in _classes(tag) for h in ("btn", "button", "cta"))


def _open_input(tag: Node, ctx: _Ctx, st: _State) -> None:
    kind = _attr(tag, "type").lower() or "text"
    if kind in BUTTON_INPUT_TYPES:
        idx = _record(st, "button", tag, ctx)
        if idx >= 0:
            st.records[idx].text = _attr(tag, "value") or _attr(tag, "alt") or kind
        if ctx.form >= 0 and not st.forms[ctx.form].submit:
            st.forms[ctx.form].submit = st.records[idx].text if idx >= 0 else kind
    elif kind not in NON_FIELD_INPUT_TYPES and ctx.form >= 0:
        _add_field(st.forms[ctx.form], tag, kind)


def _add_field(form: _Form, tag: Node, kind: str) -> None:
    label = _attr(tag, "name") or _attr(tag, "id") or _attr(tag, "placeholder") or kind
    form.fields.append(f"{label}:{kind}")
    hint = f"{kind} {label} {_attr(tag, 'placeholder')} {_attr(tag, 'autocomplete')}".lower()
    if kind == "email" or "mail" in hint:
        form.has_email = True


def _close(tag: Node, rec_index: int, parent: _Ctx, st: _State) -> None:
    name = tag.name
    if name in BLOCK_TAGS:
        _flush_block(st)
        st.block_kind = parent.block
        st.block_ctx = parent
    if rec_index < 0:
        return
    rec = st.records[rec_index]
    rec.end_seg = len(st.segments)
    near_top = rec.position <= st.header_end + HEADER_SLACK_WORDS
    if rec.kind == "header-zone" and not rec.ctx.footer and near_top:
        st.header_end = max(st.header_end, st.words)


def _walk(root: Node | BeautifulSoup, st: _State) -> None:
    """Iterative depth-first walk (no recursion: a DOM 100,000 levels deep is fine)."""
    stack: list[tuple[Any, _Ctx, int]] = [(c, _Ctx(), -2) for c in reversed(root.contents)]
    while stack:
        node, ctx, marker = stack.pop()
        if marker >= -1:  # a close marker carrying the element's record index
            _close(node, marker, ctx, st)
            continue
        if not isinstance(node, str):  # an element (text nodes are str subclasses)
            if node.name in SKIP_TAGS:
                _handle_skipped(node, st)
                continue
            if _is_hidden(node):
                if "id" in node.attrs:
                    st.ids.add(_attr(node, "id"))
                continue
            before = len(st.records)
            child = _open(node, ctx, st)
            rec_index = before if len(st.records) > before else -1
            stack.append((node, ctx, rec_index))
            stack.extend((c, child, -2) for c in reversed(node.contents))
        elif isinstance(node, _Text) or not _is_preformatted(node):  # not a comment...
            _add_text(st, str(node), ctx)
    _flush_block(st)


# --------------------------------------------------------------------------- assembling


def _parse(html: str, want_lines: bool) -> _Element | BeautifulSoup:
    """The document tree: BeautifulSoup's html.parser when source lines are wanted (local
    files), else a small tree built straight from lxml's parser events, node for node the
    tree BeautifulSoup(html, "lxml") builds from the same events, without loading bs4."""
    if want_lines:
        return _parse_with_lines(html)
    return _parse_lxml(html)


def _parse_with_lines(html: str) -> BeautifulSoup:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def _is_preformatted(node: str) -> bool:
    """A bs4 comment, doctype, CDATA or instruction (only bs4 trees hold such strings)."""
    from bs4.element import PreformattedString

    return isinstance(node, PreformattedString)


# --------------------------------------------------------------------------- lxml tree


class _Text(str):
    """Text outside script, style, template, rt and rp (what get_text() returns)."""


class _ContainerText(_Text):
    """Text inside one of bs4's string containers; `container` names it."""

    container = ""


_CONTAINER_TEXT = {
    name: type(f"_{name.title()}Text", (_ContainerText,), {"container": name})
    for name in ("rt", "rp", "style", "script", "template")
}
# bs4's multi-valued attributes (HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES): split on
# whitespace into lists, as the walk's helpers expect
_LIST_ATTRS_ANY = frozenset(("class", "accesskey", "dropzone"))
_LIST_ATTRS = {
    "a": frozenset(("rel", "rev")),
    "link": frozenset(("rel", "rev")),
    "td": frozenset(("headers",)),
    "th": frozenset(("headers",)),
    "form": frozenset(("accept-charset",)),
    "object": frozenset(("archive",)),
    "area": frozenset(("rel",)),
    "icon": frozenset(("sizes",)),
    "iframe": frozenset(("sandbox",)),
    "output": frozenset(("for",)),
}
NONWHITESPACE_RE = re.compile(r"\S+")


class _Element:
    """An element of the lxml-built tree, with the part of bs4's Tag API the walk uses."""

    __slots__ = ("attrs", "contents", "name")
    sourceline = None  # lxml's parser events carry no line numbers (nor does bs4's lxml)

    def __init__(self, name: str, attrs: dict[str, Any]) -> None:
        self.name = name
        self.attrs = attrs
        self.contents: list[_Element | _Text] = []

    def descendants(self) -> Iterator[_Element | _Text]:
        stack: list[_Element | _Text] = list(reversed(self.contents))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, _Element):
                stack.extend(reversed(node.contents))

    def get_text(self, separator: str = "") -> str:
        """bs4's get_text: the strings of this element's own kind (script text for a script,
        plain text otherwise), joined."""
        kind = _CONTAINER_TEXT.get(self.name, _Text)
        return separator.join(
            n for n in self.descendants() if isinstance(n, _Text) and type(n) is kind
        )

    def find(self, name: str, recursive: bool = True) -> _Element | None:
        nodes = self.contents if not recursive else self.descendants()
        return next((n for n in nodes if isinstance(n, _Element) and n.name == name), None)

    def find_all(self, name: str, limit: int) -> list[_Element]:
        found = (n for n in self.descendants() if isinstance(n, _Element) and n.name == name)
        return list(itertools.islice(found, limit))


class _TreeTarget:
    """lxml parser target building _Element/_Text nodes the way bs4's lxml builder does:
    text runs end at every tag, comment, doctype and processing instruction; comments,
    doctypes and instructions themselves are left out (the walk skips them anyway)."""

    def __init__(self) -> None:
        self.root = _Element("[document]", {})
        self.stack = [self.root]
        self.containers: list[str] = []
        self.pending: list[str] = []

    def _flush(self) -> None:
        if self.pending:
            text = "".join(self.pending)
            self.pending = []
            kind = _CONTAINER_TEXT[self.containers[-1]] if self.containers else _Text
            self.stack[-1].contents.append(kind(text))

    def start(self, tag: str, attrib: dict[str, str], nsmap: Any = None) -> None:
        self._flush()
        attrs: dict[str, Any] = dict(attrib)
        listed = _LIST_ATTRS.get(tag)
        for key in attrs:
            if key in _LIST_ATTRS_ANY or (listed is not None and key in listed):
                attrs[key] = NONWHITESPACE_RE.findall(attrs[key])
        element = _Element(tag, attrs)
        self.stack[-1].contents.append(element)
        self.stack.append(element)
        if tag in _CONTAINER_TEXT:
            self.containers.append(tag)

    def end(self, tag: str) -> None:
        self._flush()
        for i in range(len(self.stack) - 1, 0, -1):  # bs4's _popToTag
            if self.stack[i].name == tag:
                for popped in self.stack[i:]:
                    if popped.name in _CONTAINER_TEXT:
                        self.containers.pop()
                del self.stack[i:]
                break

    def data(self, text: str) -> None:
        self.pending.append(text)

    def comment(self, text: str) -> None:
        self._flush()

    def doctype(self, *args: Any) -> None:
        self._flush()

    def pi(self, *args: Any) -> None:
        self._flush()

    def close(self) -> _Element:
        self._flush()
        return self.root


def _parse_lxml(html: str) -> _Element:
    """As BeautifulSoup(html, "lxml"): the text as is, then as UTF-8 bytes if lxml refuses."""
    from lxml import etree

    if html[:1] == "\ufeff":
        html = html[1:]
    attempts: list[tuple[str | bytes, str | None]] = [(html, None), (html.encode("utf8"), "utf8")]
    errors = []
    for markup, encoding in attempts:
        target = _TreeTarget()
        parser = etree.HTMLParser(target=target, recover=True, encoding=encoding)
        try:
            parser.feed(markup)
            return parser.close()
        except (UnicodeDecodeError, LookupError, etree.ParserError) as exc:
            errors.append(exc)
    raise ValueError(
        "The markup you provided was rejected by the parser. Trying a different parser or a "
        "different encoding may help.\n\nOriginal exception(s) from parser:\n "
        + "\n ".join(str(e) for e in errors)
    )


def make_snapshot(page: FetchedPage) -> PageSnapshot:
    """Decode and parse the page once; fill every field of PageSnapshot."""
    url = page.final_url or page.url
    html = decode_body(page.body or b"", page.encoding)[:MAX_HTML_CHARS]
    soup = _parse(html, page.source_path is not None)
    try:
        return _snapshot_from_soup(soup, url, page.source_path)
    finally:
        if not isinstance(soup, _Element):
            soup.decompose()  # bs4's tree is full of reference cycles: free it now


def _snapshot_from_soup(
    soup: _Element | BeautifulSoup, url: str, source_path: str | None
) -> PageSnapshot:
    st = _State()
    html_tag = cast(
        "Node | None",
        next((c for c in soup.contents if getattr(c, "name", None) == "html"), None),
    )
    rendered = html_tag is not None and _attr(html_tag, "data-sitekit-rendered") == "1"
    lang = _attr(html_tag, "lang").strip() if html_tag is not None else ""
    head = (html_tag or soup).find("head", recursive=False)
    scope = head if head is not None else soup  # the head only, when there is one
    title_tag = scope.find("title")
    title = WS_RE.sub(" ", title_tag.get_text(" ")).strip() if title_tag else ""
    description = ""
    for meta in scope.find_all("meta", limit=200):
        key = (_attr(meta, "name") or _attr(meta, "property")).lower()
        if key in ("description", "og:description") and not description:
            description = WS_RE.sub(" ", _attr(meta, "content")).strip()
    if head is not None:
        for script in head.find_all("script", limit=100):
            if "ld+json" in _attr(script, "type").lower():
                _read_jsonld(script.get_text(), st)
    _walk(soup, st)
    first_screen_end = st.header_end + FIRST_SCREEN_WORDS
    viewports = tuple(st.viewports) if rendered else ()
    elements = [_element(r, st, first_screen_end, viewports) for r in st.records]
    links = tuple(e for e in elements if e.kind == "a")
    _mark_missing_anchors(links, st.ids)
    headings = tuple(e for e in elements if e.kind in HEADING_TAGS)
    text = " ".join(st.segments)
    snapshot = PageSnapshot(
        url=url,
        title=title,
        meta_description=description,
        lang=lang,
        headings=headings,
        nav_links=_nav_links(links),
        links=links,
        buttons=tuple(e for e in elements if e.kind == "button"),
        forms=tuple(_form_info(f) for f in st.forms),
        images=tuple(e for e in elements if e.kind == "img"),
        structured_types=tuple(dict.fromkeys(st.types)),
        structured_data=tuple(st.data),
        contacts=_contacts(elements, st, first_screen_end, viewports),
        text=text,
        word_count=st.words,
        first_screen_words=first_screen_end,
        blocks=tuple(_element(b, st, first_screen_end, viewports) for b in st.blocks),
        source_path=source_path,
        source_map=st.source_map,
        rendered=rendered,
    )
    reason = _not_auditable_reason(snapshot, st)
    if reason:
        from dataclasses import replace

        snapshot = replace(snapshot, auditable=False, not_auditable_reason=reason)
    return snapshot


def _element(
    rec: _Record, st: _State, first_screen_end: int, viewports: tuple[str, ...]
) -> Element:
    text = rec.text
    if not text and rec.kind not in ("img",):
        end = rec.end_seg if rec.end_seg >= 0 else len(st.segments)
        text = " ".join(st.segments[rec.start_seg : end])
        if not text:
            text = rec.attrs.get("aria-label") or rec.attrs.get("title") or " ".join(rec.alts)
    attrs = dict(rec.attrs)
    if rec.ctx.src:
        attrs["sitekit-src"] = rec.ctx.src
    if rec.ctx.in_list:
        attrs["in-list"] = str(rec.ctx.in_list)
    if rec.ctx.zone:
        attrs["zone"] = rec.ctx.zone
    if len(text) > 2000:
        attrs["words"] = str(len(text.split()))  # the text below is cut at 2,000 characters
    shown = set(rec.ctx.vp.split()) if rec.ctx.vp else set()
    return Element(
        kind=rec.kind,
        text=text[:2000],
        position=rec.position,
        line=rec.line,
        href=rec.href,
        attrs=attrs,
        in_nav=rec.ctx.nav,
        in_header=rec.ctx.header,
        in_footer=rec.ctx.footer,
        in_first_screen=rec.position < first_screen_end and not rec.ctx.footer,
        in_viewport={vp: vp in shown for vp in viewports},
    )


def _mark_missing_anchors(links: tuple[Element, ...], ids: set[str]) -> None:
    for link in links:
        href = link.href
        in_page = href.startswith("#") and len(href) > 1 and not href.startswith("#!")
        if in_page and href[1:] not in ids:
            link.attrs["anchor-missing"] = "1"


def _nav_links(links: tuple[Element, ...]) -> tuple[Element, ...]:
    """Links in nav landmarks; else link lists in the header; duplicates (mobile menus) once."""
    found = [e for e in links if e.in_nav and not e.in_footer]
    if not found:
        found = [e for e in links if e.in_header and "in-list" in e.attrs]
    seen: set[tuple[str, str]] = set()
    out = []
    for e in found:
        key = (e.text.lower(), e.href)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return tuple(out)


def _form_info(form: _Form) -> FormInfo:
    return FormInfo(
        action=form.action,
        method=form.method,
        fields=tuple(form.fields),
        submit_text=form.submit,
        position=form.position,
        line=form.line,
        has_email=form.has_email,
    )


def _contacts(
    elements: list[Element], st: _State, first_screen_end: int, viewports: tuple[str, ...]
) -> tuple[Element, ...]:
    out: list[Element] = []
    for e in elements:
        href = e.href.lower()
        if e.kind == "a" and href.startswith(("tel:", "mailto:", "sms:")):
            out.append(_as_contact(e, href.split(":", 1)[0]))
        elif e.kind == "a" and any(h in href for h in ("wa.me/", "whatsapp.com/", "m.me/")):
            out.append(_as_contact(e, "chat"))
        elif e.kind == "address":
            out.append(_as_contact(e, "address"))
    for block in st.blocks[:MAX_ELEMENTS]:
        for match in PHONE_RE.finditer(block.text):
            number = match.group(0).strip()
            digits = sum(ch.isdigit() for ch in number)
            if 8 <= digits <= 15 and not YEAR_RANGE_RE.match(number) and _phone_shaped(number):
                el = _element(block, st, first_screen_end, viewports)
                out.append(_as_contact(el, "phone-text", number))
                break
    return tuple(out)


def _phone_shaped(number: str) -> bool:
    if NOT_PHONE_RE.match(number):
        return False
    if number.startswith(("+", "(", "00")):
        return True
    groups = re.split(r"[\s().\-/]+", number)
    return 2 <= len(groups) <= 6 and not all(len(g) == 4 for g in groups if g)


def _as_contact(e: Element, kind: str, text: str = "") -> Element:
    from dataclasses import replace

    return replace(e, kind=kind, text=text or e.text or e.href.split(":", 1)[-1])


def _not_auditable_reason(snap: PageSnapshot, st: _State) -> str:
    words = snap.word_count
    if INTERSTITIAL_TITLE.match(snap.title) and words < 300:
        return (
            f"bot-protection interstitial, not the page (title {snap.title!r}); "
            f"{JS_HINT}, or audit from an allowed network"
        )
    captcha_only = CAPTCHA_ONLY_MARKERS.match(st.interstitial or "-")
    if st.interstitial and words < 300 and (not captcha_only or CAPTCHA_PHRASES.search(snap.text)):
        return (
            f"captcha or firewall interstitial ({st.interstitial!r}), not the page; "
            f"{JS_HINT}, or audit from an allowed network"
        )
    major_headings = [h for h in snap.headings if h.kind in ("h1", "h2", "h3")]
    if words < 40 and not major_headings:
        noscript = next((n for n in st.noscript if SHELL_NOSCRIPT.search(n)), "")
        if st.mount_roots or noscript:
            what = (
                f'a script-mounted root <div id="{st.mount_roots[0]}">'
                if st.mount_roots
                else (f"<noscript>{noscript[:80]}</noscript>")
            )
            return (
                f"JavaScript-only page: the HTML shows {words} words, no headings, and "
                f"{what}; {JS_HINT}"
            )
    return ""
