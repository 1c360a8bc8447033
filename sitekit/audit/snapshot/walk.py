"""The walk: one iterative pass over the tree recording text, blocks, elements and context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitekit.audit.snapshot.auditable import MOUNT_IDS, first_marker
from sitekit.audit.snapshot.forms import add_field, is_form_address, open_form, open_input
from sitekit.audit.snapshot.state import (
    WS_RE,
    Ctx,
    State,
    add_text,
    attr,
    classes,
    flush_block,
    record,
)
from sitekit.audit.snapshot.structured import read_itemtype, read_jsonld
from sitekit.audit.snapshot.tree import Node, TreeText, is_preformatted
from sitekit.errors import Location

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

HEADER_SLACK_WORDS = 12  # a top bar this short before the header still counts as header

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
VISIBLE, HIDDEN, BY_STYLE = 0, 1, 2
# elements that may wrap a whole page a script shows on load (a preloader's page)
WRAPPER_TAGS = frozenset(["div", "main", "section", "article"])
# elements that hold the whole page or its content: a class on them ('has-sticky-nav',
# 'above-header-nav-padding-support') styles the page, it does not make it a menu
PAGE_TAGS = frozenset(["html", "body", "main", "article"])
NAV_CLASS_TOKENS = frozenset(
    ["menu", "main-menu", "primary-menu", "site-menu", "menubar", "topnav"]
)
FOOTER_CLASS_TOKENS = frozenset(["footer", "site-footer", "page-footer"])
MODIFIER_PREFIXES = ("is-", "has-")
SECTIONING_TAGS = frozenset(["article", "aside", "main", "nav", "section"])


# what a document's head holds; any other element there (or text) ends the head for a browser,
# which shows it, and what follows, as the body
HEAD_CONTENT_TAGS = frozenset(
    ["title", "meta", "link", "base", "script", "style", "noscript", "template"]
)


def body_in_head(head: Node) -> int | None:
    """The index of the first of the head's children a browser would show as the body (a
    <nav>, an <h1>, text), or None when the head holds only what a head holds. Only
    html.parser's tree (local files) can have one: it does not end the head where a browser
    does when a malformed tag swallows <body> ('<link href=""\n<body>')."""
    for i, child in enumerate(head.contents):
        if isinstance(child, str):
            if child.strip() and (isinstance(child, TreeText) or not is_preformatted(child)):
                return i  # text, not a comment or a doctype
        elif getattr(child, "name", None) not in HEAD_CONTENT_TAGS:
            return i
    return None


def walk(
    root: Node | BeautifulSoup, st: State, head: Node | None = None, body_at: int | None = None
) -> None:
    """Iterative depth-first walk (no recursion: a DOM 100,000 levels deep is fine). `head` is
    the document's own head (read apart, by the caller): any other <head> is a tag a browser
    ignores, so what it wraps is walked as the page; `body_at` is where a browser ends that
    head (`body_in_head`), its children from there walked as the page."""
    stack: list[tuple[Any, Ctx, int]] = [(c, Ctx(), -2) for c in reversed(root.contents)]
    pop, push, records = stack.pop, stack.append, st.records  # (looked up once, not per node)
    while stack:
        node, ctx, marker = pop()
        if marker >= -1:  # a close marker carrying the element's record index
            _close(node, marker, ctx, st)
            continue
        if not isinstance(node, str):  # an element (text nodes are str subclasses)
            name = node.name
            if name in SKIP_TAGS:
                if name == "head" and (node.find("body") is not None or node is not head):
                    # '<head><head prefix=...>...</head><body>': html.parser (local files)
                    # never closes the first head, so the body sits inside it; a browser
                    # ignores the second <head> and shows the body. Walk what it holds; the
                    # same for a <head> tag inside the body ('<body><head><nav>...').
                    stack.extend([(c, ctx, -2) for c in reversed(node.contents)])
                    continue
                if body_at is not None and head is not None and node is head:
                    # '<link href=""\n<body>' (a tag left open swallows <body>): html.parser
                    # keeps the page in the head; a browser ends the head at the first element
                    # that is not the head's own and shows the rest as the body
                    stack.extend([(c, ctx, -2) for c in reversed(node.contents[body_at:])])
                    continue
                _handle_skipped(node, st)
                continue
            attrs = node.attrs
            tokens = classes(node) if attrs.get("class") else []  # once per element
            hidden = _is_hidden(node, tokens) if attrs or name == "dialog" else VISIBLE
            if hidden:
                if hidden == BY_STYLE and name in WRAPPER_TAGS:
                    st.styled_hidden.append(node)  # a candidate preloader wrapper
                if len(st.hidden_menus) < MAX_HIDDEN_MENUS and _is_drawer(node, tokens):
                    st.hidden_menus.append((node, st.words, ctx.header))
                if "id" in attrs:
                    st.ids.setdefault(attr(node, "id"), st.words)
                continue
            before = len(records)
            child = _open(node, ctx, st, tokens)
            push((node, ctx, before if len(records) > before else -1))
            contents = node.contents
            if contents:
                stack.extend([(c, child, -2) for c in reversed(contents)])
        elif isinstance(node, TreeText) or not is_preformatted(node):  # not a comment...
            add_text(st, str(node), ctx)
    flush_block(st)
    st.interstitial = first_marker(st.marked)


MAX_HIDDEN_MENUS = 3
DRAWER_MARKS = ("menu", "drawer", "offcanvas", "off-canvas", "nav")
DRAWER_TAGS = frozenset(["aside", "div", "ul", "section"])


def _is_drawer(tag: Node, tokens: list[str]) -> bool:
    """A hidden menu a button opens ('<aside class="menu-drawer" aria-hidden="true">'): a
    <nav>, or a block whose class names a menu or a drawer."""
    if tag.name == "nav":
        return True
    return tag.name in DRAWER_TAGS and any(m in t for t in tokens for m in DRAWER_MARKS)


def _is_hidden(tag: Node, tokens: list[str]) -> int:
    """VISIBLE, HIDDEN, or BY_STYLE: hidden by its inline style alone (what a script that
    shows the page on load changes). (Without attributes, only a <dialog> is hidden.)"""
    attrs = tag.attrs  # (`in attrs` first: most elements have none of these attributes)
    if "hidden" in attrs or ("aria-hidden" in attrs and attr(tag, "aria-hidden").lower() == "true"):
        return HIDDEN
    if tag.name == "input" and attr(tag, "type").lower() == "hidden":
        return HIDDEN
    if tag.name == "dialog" and "open" not in attrs:
        return HIDDEN
    if tokens and not HIDDEN_CLASSES.isdisjoint(tokens):
        return HIDDEN
    style = attr(tag, "style") if "style" in attrs else ""
    if style:
        compact = style.replace(" ", "").lower()
        if "display:none" in compact or "visibility:hidden" in compact:
            return BY_STYLE
    return VISIBLE


def _child_ctx(tag: Node, ctx: Ctx, st: State, tokens: list[str], role: str) -> Ctx:
    name = tag.name
    attrs = tag.attrs
    # the parent's fields unpacked once (each `ctx.field` is a lookup), the child's tuple made
    # with tuple.__new__ (what Ctx(...) does, through a Python-level __new__): once an element
    nav, header, footer, in_list, block, vp, src, link, form, zone, scoped = ctx
    parent_footer = footer
    nav = nav or name == "nav" or role in ("navigation", "menubar")
    if not nav and tokens and name not in PAGE_TAGS:
        # a token holds no space: 'nav' is in one of them when it is in them joined
        named = ("nav" in " ".join(tokens) and _names_nav(tokens)) or not (
            NAV_CLASS_TOKENS.isdisjoint(tokens)
        )
        nav = named and not parent_footer
    if not nav and "id" in attrs and name in ID_NAV_TAGS and not parent_footer:
        # an id names the menu as well as a class does ('<div id="menu">', 'cssmenu')
        nav = _id_names_nav(attr(tag, "id").lower()) and _mostly_links(tag)
    header = header or name == "header" or role == "banner"
    footer = footer or (name == "footer" and not scoped) or role == "contentinfo"
    scoped = scoped or name in SECTIONING_TAGS
    if not footer and tokens and name in ("div", "section"):
        footer = not FOOTER_CLASS_TOKENS.isdisjoint(tokens)
    if "data-sitekit-vp" in attrs:
        vp = attr(tag, "data-sitekit-vp")
    if "data-sitekit-src" in attrs:
        src = attr(tag, "data-sitekit-src")
        path, _, line = src.rpartition(":")
        if path and line.isdigit():
            st.source_map[src] = Location(path, int(line))
    if vp:
        for size in vp.split():
            st.viewports.setdefault(size, None)
    if name in BLOCK_TAGS:
        block = name
    if tokens or "id" in attrs:
        words = " ".join([*tokens, attr(tag, "id").lower()]).strip()
        zone = f"{zone} {words}"[-240:] if words else zone
    if name in ("blockquote", "q"):  # the markup itself says "quoted words"
        zone = f"{zone} quote"[-240:]
    in_list += name in ("ul", "ol", "menu")
    return tuple.__new__(
        Ctx, (nav, header, footer, in_list, block, vp, src, link, form, zone, scoped)
    )


MAX_MENU_LINKS = 200  # a block of more links than this is read by its first 200
# the blocks an id makes a menu: not a <section id="menu"> (a restaurant's food menu)
ID_NAV_TAGS = frozenset(["div", "ul"])


def _id_names_nav(ident: str) -> bool:
    """An id naming navigation ('menu', 'cssmenu', 'main-nav', 'dropdownMenu')."""
    return ("menu" in ident or "nav" in ident) and not ident.startswith(MODIFIER_PREFIXES)


def _mostly_links(tag: Node) -> bool:
    """Is most of the block's text the text of links to the site's own pages: a list of
    paths, not a food menu's dishes and prices, nor its 'Order on DoorDash' buttons, under an
    id 'menu'?"""
    words = len(tag.get_text(" ").split())
    links = tag.find_all("a", limit=MAX_MENU_LINKS)
    linked = sum(len(a.get_text(" ").split()) for a in links)
    own = [a for a in links if not attr(a, "href").lower().startswith(("http:", "https:", "//"))]
    return words > 0 and linked >= 0.6 * words and len(own) >= 2 and 2 * len(own) > len(links)


def _names_nav(tokens: list[str]) -> bool:
    """A class naming navigation ('navbar', 'main-nav'), not a modifier that says where a
    navigation bar is ('is-fullheight-with-navbar', 'has-navbar-fixed-top': Bulma's and BEM's
    'is-' and 'has-' classes style the element, they do not make it a menu)."""
    return any("nav" in t and not t.startswith(MODIFIER_PREFIXES) for t in tokens)


MAX_EMBEDDED_FORMS = 5


def _handle_skipped(tag: Node, st: State) -> None:
    name = tag.name
    if name == "script" and "ld+json" in attr(tag, "type").lower():
        read_jsonld(tag.get_text(), st)
    elif name == "script":
        st.scripts += 1
    elif name == "noscript":
        st.noscript.append(WS_RE.sub(" ", tag.get_text(" ")).strip()[:300])
    elif name == "iframe" and len(st.embedded_forms) < MAX_EMBEDDED_FORMS:
        src = attr(tag, "src").strip()
        if is_form_address(src):
            st.embedded_forms.append(src[:300])


def _open(tag: Node, ctx: Ctx, st: State, tokens: list[str]) -> Ctx:
    """Record what an element contributes when it opens; return the context for its children."""
    name = tag.name
    attrs = tag.attrs
    st.last_line = tag.sourceline
    if attrs:  # (most elements have none)
        if "id" in attrs:
            st.ids.setdefault(attr(tag, "id"), st.words)
            if name == "div" and attr(tag, "id").lower() in MOUNT_IDS:
                st.mount_roots.append(attr(tag, "id"))
        if "name" in attrs and name == "a":
            st.ids.setdefault(attr(tag, "name"), st.words)
        if "itemtype" in attrs:
            read_itemtype(tag, st)
        if tokens or "id" in attrs:  # (no class or id: nothing a marker could be in)
            st.marked.append(attr(tag, "id") + " " + " ".join(tokens))
    block = name in BLOCK_TAGS
    if block:
        flush_block(st)
    role = attr(tag, "role").lower() if "role" in attrs else ""
    child = _child_ctx(tag, ctx, st, tokens, role)
    if block:
        st.block_kind = name
        st.block_ctx = child
    if name == "a" and "href" in attrs:
        idx = record(st, "a", tag, child, attr(tag, "href").strip())
        child = _with_link(child, idx)
    elif name in HEADING_TAGS or role == "heading":
        kind = name if name in HEADING_TAGS else f"h{attr(tag, 'aria-level') or '2'}"
        record(st, kind if kind in HEADING_TAGS else "h2", tag, child)
    elif name == "button" or role == "button" or (name == "a" and _scripted_button(tag, tokens)):
        record(st, "button", tag, child)
    elif name == "input":
        open_input(tag, child, st)
    elif name == "textarea" and child.form >= 0:
        add_field(st.forms[child.form], tag, "textarea")
    elif name == "form":
        child = child._replace(form=open_form(tag, st))
    elif name == "img":
        alt = attr(tag, "alt").strip()
        idx = record(st, "img", tag, child, attr(tag, "src"))
        if idx >= 0:
            st.records[idx].text = alt
        if ctx.link >= 0 and alt:
            st.records[ctx.link].alts.append(alt)
    elif name == "address":
        record(st, "address", tag, child)
    elif name in ("blockquote", "q"):
        record(st, name, tag, child)
    elif name in ("header", "nav") or role in ("banner", "navigation"):
        record(st, "header-zone", tag, child)
    return child


def _with_link(ctx: Ctx, link: int) -> Ctx:
    """`ctx._replace(link=link)`, made as _child_ctx makes a Ctx (a link's children: ~30 a
    page; namedtuple's _replace goes through a map and _make, ~4x slower)."""
    nav, header, footer, in_list, block, vp, src, _, form, zone, scoped = ctx
    return tuple.__new__(
        Ctx, (nav, header, footer, in_list, block, vp, src, link, form, zone, scoped)
    )


def _scripted_button(tag: Node, tokens: list[str]) -> bool:
    """An <a> without href that scripts turn into a button (class 'btn', onclick)."""
    if "onclick" in tag.attrs:
        return True
    return any(h in c for c in tokens for h in ("btn", "button", "cta"))


def _close(tag: Node, rec_index: int, parent: Ctx, st: State) -> None:
    name = tag.name
    if name in BLOCK_TAGS:
        flush_block(st)
        st.block_kind = parent.block
        st.block_ctx = parent
    if rec_index < 0:
        return
    rec = st.records[rec_index]
    rec.end_seg = len(st.segments)
    near_top = rec.position <= st.header_end + HEADER_SLACK_WORDS
    if rec.kind == "header-zone" and not rec.ctx.footer and near_top:
        st.header_end = max(st.header_end, st.words)
