"""FetchedPage -> PageSnapshot: decode, parse once (lxml; BeautifulSoup for file lines), extract.

The gatherer, in one concern per module: `tree` (parsing), `walk` (the one pass over the
tree, gathering into `state`), `forms`, `structured` (JSON-LD, microdata), `elements`
(records into Elements), `contact`, `auditable` (is this HTML the page?) and `preloader`
(is the page hidden until a script shows it?).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from sitekit.audit.snapshot.auditable import not_auditable_reason
from sitekit.audit.snapshot.contact import contacts
from sitekit.audit.snapshot.elements import (
    drawer_links,
    mark_missing_anchors,
    nav_links,
    to_element,
)
from sitekit.audit.snapshot.forms import form_info
from sitekit.audit.snapshot.preloader import describe, script_revealed
from sitekit.audit.snapshot.state import WS_RE, State, attr
from sitekit.audit.snapshot.structured import read_jsonld
from sitekit.audit.snapshot.tree import Node, TreeElement, parse
from sitekit.audit.snapshot.walk import HEADING_TAGS, body_in_head, walk
from sitekit.crawl.decode import decode_html
from sitekit.models import FetchedPage, PageSnapshot
from sitekit.text import FIRST_SCREEN_WORDS

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

MAX_HTML_CHARS = 2_000_000  # bigger documents are cut here (bounded time and memory)


def make_snapshot(page: FetchedPage) -> PageSnapshot:
    """Decode and parse the page once; fill every field of PageSnapshot."""
    url = page.final_url or page.url
    html = decode_html(page.body or b"", page.encoding)[:MAX_HTML_CHARS]
    tree = parse(html, page.source_path is not None)
    try:
        return snapshot_from_tree(tree, url, page.source_path)
    finally:
        if not isinstance(tree, TreeElement):
            tree.decompose()  # bs4's tree is full of reference cycles: free it now


def snapshot_from_tree(
    soup: TreeElement | BeautifulSoup, url: str, source_path: str | None
) -> PageSnapshot:
    """The snapshot of a parsed document (either tree)."""
    st = State()
    html_tag = cast(
        "Node | None",
        next((c for c in soup.contents if getattr(c, "name", None) == "html"), None),
    )
    rendered = html_tag is not None and attr(html_tag, "data-sitekit-rendered") == "1"
    lang = attr(html_tag, "lang").strip() if html_tag is not None else ""
    head = (html_tag or soup).find("head", recursive=False)
    scope = head if head is not None else soup  # the head only, when there is one
    title_tag = scope.find("title")
    title = WS_RE.sub(" ", title_tag.get_text(" ")).strip() if title_tag else ""
    description = ""
    role_mark = ""
    for meta in scope.find_all("meta", limit=200):
        key = (attr(meta, "name") or attr(meta, "property")).lower()
        if key in ("description", "og:description") and not description:
            description = WS_RE.sub(" ", attr(meta, "content")).strip()
        elif key == "sitekit:role":
            role_mark = attr(meta, "content").strip().lower()
    # the head a browser reads ends where html.parser left the page in it (body_in_head):
    # the scripts after that point are the body's, counted by the walk
    at = body_in_head(head) if head is not None else None
    if head is not None:
        scripts = (
            head.find_all("script", limit=100)
            if at is None
            else [
                cast("Node", c)
                for c in head.contents[:at]
                if not isinstance(c, str) and getattr(c, "name", None) == "script"
            ]
        )
        for script in scripts:
            if "ld+json" in attr(script, "type").lower():
                read_jsonld(script.get_text(), st)
            else:
                st.scripts += 1
    walk(soup, st, head, at)
    hidden = None if rendered else script_revealed(st)
    first_screen_end = st.header_end + FIRST_SCREEN_WORDS
    viewports = tuple(st.viewports) if rendered else ()
    elements = [to_element(r, st, first_screen_end, viewports) for r in st.records]
    links = tuple(e for e in elements if e.kind == "a")
    mark_missing_anchors(links, st.ids)
    headings = tuple(e for e in elements if e.kind in HEADING_TAGS)
    menu = nav_links(links)
    if st.hidden_menus:
        menu += drawer_links(st.hidden_menus, menu, first_screen_end)
    text = " ".join(st.segments)
    reach, placeholder_contacts = contacts(elements, st, first_screen_end, viewports)
    snapshot = PageSnapshot(
        url=url,
        title=title,
        meta_description=description,
        lang=lang,
        headings=headings,
        nav_links=menu,
        links=links,
        buttons=tuple(e for e in elements if e.kind == "button"),
        forms=tuple(form_info(f) for f in st.forms),
        images=tuple(e for e in elements if e.kind == "img"),
        structured_types=tuple(dict.fromkeys(st.types)),
        structured_data=tuple(st.data),
        contacts=reach,
        placeholder_contacts=placeholder_contacts,
        text=text,
        word_count=st.words,
        first_screen_words=first_screen_end,
        blocks=tuple(to_element(b, st, first_screen_end, viewports) for b in st.blocks),
        source_path=source_path,
        source_map=st.source_map,
        rendered=rendered,
        scripts=st.scripts,
        mount_root=st.mount_roots[0] if st.mount_roots else "",
        role_mark=role_mark,
        hidden_by_script=describe(hidden[0]) if hidden else "",
        hidden_words=hidden[1] if hidden else 0,
        embedded_forms=tuple(st.embedded_forms),
    )
    reason = not_auditable_reason(snapshot, st)
    if reason:
        snapshot = replace(snapshot, auditable=False, not_auditable_reason=reason)
    return snapshot


__all__ = ["MAX_HTML_CHARS", "make_snapshot", "snapshot_from_tree"]
