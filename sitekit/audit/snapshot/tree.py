"""The document tree: lxml's parser events into a small bs4-shaped tree, or bs4 for lines."""

from __future__ import annotations

import itertools
import sys
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Union

from lxml import etree

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

Node = Union["Tag", "TreeElement"]  # an element of either tree


def parse(html: str, want_lines: bool) -> TreeElement | BeautifulSoup:
    """The document tree: BeautifulSoup's html.parser when source lines are wanted (local
    files), else a small tree built straight from lxml's parser events, node for node the
    tree BeautifulSoup(html, "lxml") builds from the same events, without loading bs4."""
    if want_lines:
        return _parse_with_lines(html)
    return parse_lxml(html)


def _parse_with_lines(html: str) -> BeautifulSoup:
    # imported here: bs4 costs ~85 ms to import and only local files (source lines) need it
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def import_bs4_lean() -> None:
    """Import bs4 without soupsieve (CSS selectors) and html5lib (a tree builder), which it
    loads when they are installed: ~75 ms of a one-file audit's start-up, for two parts of
    bs4 sitekit never uses. For a process sitekit owns (the command line): afterwards that
    process's bs4 has no select() and no "html5lib" builder. Does nothing once bs4 is loaded.
    """
    if "bs4" in sys.modules:
        return
    left_out = [name for name in ("soupsieve", "html5lib") if name not in sys.modules]
    for name in left_out:
        sys.modules[name] = None  # type: ignore[assignment]  # import fails: bs4 goes without
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "soupsieve is not installed": on purpose
            import bs4  # noqa: F401
    finally:
        for name in left_out:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


def is_preformatted(node: str) -> bool:
    """A bs4 comment, doctype, CDATA or instruction (only bs4 trees hold such strings)."""
    # imported here: only reached while walking a bs4 tree, which has loaded bs4 already
    from bs4.element import PreformattedString

    return isinstance(node, PreformattedString)


class TreeText(str):
    """Text outside script, style, template, rt and rp (what get_text() returns)."""


class _ContainerText(TreeText):
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


class TreeElement:
    """An element of the lxml-built tree, with the part of bs4's Tag API the walk uses."""

    __slots__ = ("attrs", "contents", "name")
    sourceline = None  # lxml's parser events carry no line numbers (nor does bs4's lxml)

    def __init__(self, name: str, attrs: dict[str, Any]) -> None:
        self.name = name
        self.attrs = attrs
        self.contents: list[TreeElement | TreeText] = []

    def descendants(self) -> Iterator[TreeElement | TreeText]:
        stack: list[TreeElement | TreeText] = list(reversed(self.contents))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, TreeElement):
                stack.extend(reversed(node.contents))

    def get_text(self, separator: str = "") -> str:
        """bs4's get_text: the strings of this element's own kind (script text for a script,
        plain text otherwise), joined."""
        kind = _CONTAINER_TEXT.get(self.name, TreeText)
        return separator.join(
            n for n in self.descendants() if isinstance(n, TreeText) and type(n) is kind
        )

    def find(self, name: str, recursive: bool = True) -> TreeElement | None:
        nodes = self.contents if not recursive else self.descendants()
        return next((n for n in nodes if isinstance(n, TreeElement) and n.name == name), None)

    def find_all(self, name: str, limit: int) -> list[TreeElement]:
        found = (n for n in self.descendants() if isinstance(n, TreeElement) and n.name == name)
        return list(itertools.islice(found, limit))


class _TreeTarget:
    """lxml parser target building TreeElement/TreeText nodes the way bs4's lxml builder
    does: text runs end at every tag, comment, doctype and processing instruction; comments,
    doctypes and instructions themselves are left out (the walk skips them anyway)."""

    def __init__(self) -> None:
        self.root = TreeElement("[document]", {})
        self.stack = [self.root]
        self.containers: list[str] = []
        self.pending: list[str] = []

    def _flush(self) -> None:
        if self.pending:
            text = "".join(self.pending)
            self.pending = []
            kind = _CONTAINER_TEXT[self.containers[-1]] if self.containers else TreeText
            self.stack[-1].contents.append(kind(text))

    # (the handlers test `pending` before calling _flush: most events have no text before
    # them, and a Python call per parser event is a good part of the parse)

    def start(self, tag: str, attrib: dict[str, str], nsmap: Any = None) -> None:
        if self.pending:
            self._flush()
        # lxml hands a new dict for each element with attributes (and one shared read-only
        # mapping for every element without): the dict is kept as it is, not copied
        attrs: dict[str, Any] = attrib if type(attrib) is dict else dict(attrib)
        if attrs:
            listed = _LIST_ATTRS.get(tag)
            for key in attrs:
                if key in _LIST_ATTRS_ANY or (listed is not None and key in listed):
                    # bs4 splits them with re.findall(r"\S+"): the same list as str.split(),
                    # whose whitespace is Unicode \s exactly, without the regex call
                    attrs[key] = attrs[key].split()
        element = TreeElement(tag, attrs)
        stack = self.stack
        stack[-1].contents.append(element)
        stack.append(element)
        if tag in _CONTAINER_TEXT:
            self.containers.append(tag)

    def end(self, tag: str) -> None:
        if self.pending:
            self._flush()
        stack = self.stack
        if len(stack) > 1 and stack[-1].name == tag:  # the usual case: the open element
            if tag in _CONTAINER_TEXT:
                self.containers.pop()
            stack.pop()
            return
        for i in range(len(stack) - 1, 0, -1):  # bs4's _popToTag
            if stack[i].name == tag:
                for popped in stack[i:]:
                    if popped.name in _CONTAINER_TEXT:
                        self.containers.pop()
                del stack[i:]
                break

    def data(self, text: str) -> None:
        self.pending.append(text)

    def comment(self, text: str) -> None:
        if self.pending:
            self._flush()

    def doctype(self, *args: Any) -> None:
        if self.pending:
            self._flush()

    def pi(self, *args: Any) -> None:
        if self.pending:
            self._flush()

    def close(self) -> TreeElement:
        self._flush()
        return self.root


def parse_lxml(html: str) -> TreeElement:
    """As BeautifulSoup(html, "lxml"): the text as is, then as UTF-8 bytes if lxml refuses."""
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
