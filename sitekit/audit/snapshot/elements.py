"""Records -> Elements: text, position, landmarks, first screen; in-page anchors; the nav."""

from __future__ import annotations

from typing import Any

from sitekit.audit.snapshot.state import Record, State, attr
from sitekit.models import Element
from sitekit.models_audit import fills_like_init

# to_element makes ~100 Elements a realistic page. Element is a frozen dataclass, whose
# __init__ sets each of its 11 fields through object.__setattr__ (~1.7 us an element);
# filling a new object's __dict__ in field order makes the same object (equality, hash, repr
# and pickle included) in ~0.4 us. tests/test_snapshot.py compares the two; a field added to
# Element turns this off.
_ELEMENT_FIELDS = (
    *("kind", "text", "position", "line", "href", "attrs"),
    *("in_nav", "in_header", "in_footer", "in_first_screen", "in_viewport"),
)
FAST_ELEMENTS = fills_like_init(Element, _ELEMENT_FIELDS)


def to_element(
    rec: Record, st: State, first_screen_end: int, viewports: tuple[str, ...]
) -> Element:
    """The Element a record stands for; `first_screen_end` is the first screen's last word."""
    text, ctx = rec.text, rec.ctx
    if not text and rec.kind != "img":
        end = rec.end_seg if rec.end_seg >= 0 else len(st.segments)
        text = " ".join(st.segments[rec.start_seg : end])
        if not text:
            # the accessible name (accname): a label, then the content (an image's alt), and
            # the title attribute only when there is neither
            alts = " ".join(rec.alts)
            text = rec.attrs.get("aria-label") or alts or rec.attrs.get("title") or ""
    attrs = dict(rec.attrs)
    if ctx.src:
        attrs["sitekit-src"] = ctx.src
    if ctx.in_list:
        attrs["in-list"] = str(ctx.in_list)
    if ctx.zone:
        attrs["zone"] = ctx.zone
    if len(text) > 2000:
        attrs["words"] = str(len(text.split()))  # the text below is cut at 2,000 characters
    in_viewport: dict[str, bool] = {}
    if viewports:  # a rendered audit's
        shown = set(ctx.vp.split()) if ctx.vp else set()
        in_viewport = {vp: vp in shown for vp in viewports}
    made: Element = _new(Element)
    made.__dict__.update(  # in field order: what __init__ would set
        kind=rec.kind,
        text=text[:2000],
        position=rec.position,
        line=rec.line,
        href=rec.href,
        attrs=attrs,
        in_nav=ctx.nav,
        in_header=ctx.header,
        in_footer=ctx.footer,
        in_first_screen=rec.position < first_screen_end and not ctx.footer,
        in_viewport=in_viewport,
    )
    return made if FAST_ELEMENTS else Element(**made.__dict__)


_new = object.__new__


def mark_missing_anchors(links: tuple[Element, ...], ids: dict[str, int]) -> None:
    """An in-page link's target: 'anchor-missing' when the page has no such id, else
    'anchor-at', the word position where the target starts."""
    for link in links:
        href = link.href
        in_page = href.startswith("#") and len(href) > 1 and not href.startswith("#!")
        if in_page:
            at = ids.get(href[1:])
            if at is None:
                link.attrs["anchor-missing"] = "1"
            else:
                link.attrs["anchor-at"] = str(at)


def nav_links(links: tuple[Element, ...]) -> tuple[Element, ...]:
    """Links in nav landmarks; else link lists in the header, else a header's links (a row
    of links in <header> is its menu: 'Demo Docs FAQ GitHub'); duplicates (mobile menus)
    once."""
    found = [e for e in links if e.in_nav and not e.in_footer]
    if not found:
        found = [e for e in links if e.in_header and "in-list" in e.attrs]
    if not found:
        found = [e for e in links if e.in_header and not e.in_footer]
    seen: set[tuple[str, str]] = set()
    out = []
    for e in found:
        key = (e.text.lower(), e.href)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return tuple(out)


MIN_DRAWER_LINKS = 3


def drawer_links(
    menus: list[tuple[Any, int, bool]], visible: tuple[Element, ...], first_screen_end: int
) -> tuple[Element, ...]:
    """The links of a hidden menu drawer a button opens ('<aside class="menu-drawer"
    aria-hidden="true">' with Diensten, Werkwijze, Projecten ...) when the visible menu has
    fewer than MIN_DRAWER_LINKS: on such a page the drawer is the menu, as a visitor who taps
    the menu button sees it. A drawer beside a full visible menu is its mobile copy."""
    if len(visible) >= MIN_DRAWER_LINKS:
        return ()
    for node, position, header in menus:
        found: list[Element] = []
        stack: list[tuple[Any, int]] = [(c, 0) for c in reversed(node.contents)]
        while stack:
            child, depth = stack.pop()
            name = getattr(child, "name", None)
            if name is None:
                continue
            if name == "a" and "href" in child.attrs:
                # its accessible name: a label, its text, an image's alt
                text = attr(child, "aria-label") or " ".join(child.get_text(" ").split())
                if not text:
                    alts = [attr(i, "alt") for i in child.find_all("img", limit=3)]
                    text = " ".join(a for a in alts if a)
                if text:
                    attrs = {"in-list": str(depth), "drawer": "1"} if depth else {"drawer": "1"}
                    found.append(
                        Element(
                            kind="a",
                            text=text[:2000],
                            position=position,
                            line=child.sourceline,
                            href=attr(child, "href").strip(),
                            attrs=attrs,
                            in_nav=True,
                            in_header=header,
                            in_first_screen=position < first_screen_end,
                        )
                    )
                continue
            inner = depth + (name in ("ul", "ol", "menu"))
            stack.extend((c, inner) for c in reversed(child.contents))
        if len(found) >= MIN_DRAWER_LINKS:
            return tuple(found)
    return ()
