"""A page's menu, read for the findability and next-step checks: its items, the links that lead
nowhere, menu toggles, and items that lead to another item's section."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitekit.audit.checks import Options
from sitekit.audit.checks.text import last_page
from sitekit.models import Element, PageSnapshot
from sitekit.phrases import has_phrase
from sitekit.text import norm, word_len

DEAD_HREFS = ("#", "#!", "javascript:", "javascript:void(0)", "javascript:;", "")
MENU_GAP_WORDS = 30  # this much text between two navigation links ends the first menu


def primary_menu(links: list[Element]) -> list[Element]:
    """The first run of navigation links: the menu a visitor reads first. Navigation further
    down (a sidebar of recent posts, tabs, a second menu in the content) is another menu,
    not more items of this one."""
    for i in range(1, len(links)):
        prev = links[i - 1]
        if links[i].position - prev.position - word_len(prev.text) > MENU_GAP_WORDS:
            return links[:i]
    return links


# a language switcher's labels: the ISO 639-1 codes ('EN', 'de-CH') and each language's name
# for itself ('Deutsch', 'Français', '日本語'); the same in every language, so no word list
LANGUAGE_CODES = frozenset(
    [
        "en", "de", "fr", "es", "it", "nl", "pt", "ja", "zh", "ko", "ru", "pl", "eu", "ca", "gl",
        "sv", "da", "no", "nb", "fi", "tr", "ar", "he", "el", "cs", "hu", "ro", "uk", "vi", "th",
        "id", "hr", "sl", "sk", "bg", "sr", "lt", "lv", "et", "ga", "cy", "mt", "is", "sq", "mk",
        "hi", "bn",
    ]
)  # fmt: skip
LANGUAGE_NAMES = frozenset(
    [
        "english", "deutsch", "français", "francais", "español", "espanol", "castellano",
        "italiano", "nederlands", "vlaams", "português", "portugues", "日本語", "中文",
        "简体中文", "繁體中文", "한국어", "русский", "polski", "català", "catala", "euskara",
        "galego", "svenska", "dansk", "norsk", "suomi", "türkçe", "turkce", "العربية",
        "עברית", "ελληνικά", "čeština", "magyar", "română", "українська", "tiếng việt",
        "ไทย", "bahasa indonesia", "hrvatski", "slovenščina", "slovenčina", "български",
    ]
)  # fmt: skip


def language_links(links: Iterable[Element]) -> list[Element]:
    """A language switcher's entries among `links`: two or more of them ('EN | IT'), or any
    link with an hreflang. A lone 'IT' or 'ES' is a label ('IT' services), not a switcher."""
    found = [e for e in links if is_language_link(e)]
    return found if len(found) >= 2 or any("hreflang" in e.attrs for e in found) else []


def is_language_link(link: Element) -> bool:
    """Does `link` read as a language switcher's entry ('EN', 'FR', 'Deutsch', 'English 🇬🇧',
    a link with an hreflang)? It changes the language the page is read in: no path to the
    offer, and on '#' it is the language the visitor is reading, not a link that goes
    nowhere. (language_links: only when the page has a switcher.)"""
    if "hreflang" in link.attrs:
        return True
    words = re.sub(r"[^\w\s-]", " ", link.text.lower()).split()
    if not words or len(words) > 2:
        return False
    text = " ".join(words)
    if text in LANGUAGE_NAMES:
        return True
    code = re.fullmatch(r"([a-z]{2})(?:[-_][a-z]{2})?", text)
    return code is not None and code.group(1) in LANGUAGE_CODES


def nav_items(page: PageSnapshot, opts: Options) -> list[Element]:
    """Navigation entries a visitor reads: the first menu's top-level items, brand/home links
    and a language switcher's entries left out."""
    return list(_nav_items(page, opts.words))  # (four checks ask; their options differ)


@last_page
def _nav_items(page: PageSnapshot, words: dict[str, tuple[str, ...]]) -> list[Element]:
    """nav_items with the page language's word lists."""
    # a link whose text has no word ('.', '»', an icon's glyph) is no label a visitor reads
    links = primary_menu([e for e in page.nav_links if any(c.isalnum() for c in e.text)])
    depths = [int(e.attrs.get("in-list", "0")) for e in links]
    top = min((d for d in depths if d > 0), default=0)
    skip = words.get("home_labels", ())
    controls = words.get("ui_controls", ())
    switcher = language_links(page.nav_links)
    # a dropdown opened by a <button> ('Services ▾' over Wellness, Surgery...): the button is
    # the menu's item, as a link that opens its dropdown is
    triggers = [b for b in page.buttons if b.in_nav and any(c.isalnum() for c in b.text)]
    opened: set[int] = set()
    items: list[Element] = []
    # a dropdown built of <div>s, not nested lists ('navbar-dropdown'): its entries are no
    # top-level items either, when the menu has links outside dropdowns
    dropped = [_in_dropdown(e) for e in links]
    if all(dropped):
        dropped = [False] * len(links)
    # the link that opens a dropdown ('dropdown-toggle', or a link with the entries nested under
    # it) sits in the dropdown's <li class="dropdown">: it is the menu's item, not an entry
    nxt: list[Element | None] = [*links[1:], None][: len(links)]
    dropped = [
        d and not opens(e) and not is_toggle(e, f)
        for e, f, d in zip(links, nxt, dropped, strict=True)
    ]
    for e, f, depth, drop in zip(links, nxt, depths, dropped, strict=True):
        if drop:
            continue  # an entry of a dropdown
        if top and depth > top:
            trigger = _trigger_of(e, links, triggers)
            if trigger is not None and trigger.position not in opened:
                opened.add(trigger.position)
                items.append(trigger)
            continue  # a dropdown entry
        if has_phrase(e.text, skip) and word_len(e.text) <= 2:
            continue
        if e in switcher:
            continue  # 'EN | FR | DE': the page in another language, not a path on this site
        if (
            is_dead(e)
            and not is_toggle(e, f)
            and has_phrase(e.text, controls)
            and word_len(e.text) <= 3
        ):
            continue  # 'Menu', 'Search' on '#', no dropdown under it: a script's control
        if _marks_brand(e.attrs.get("class", "")) or "logo" in norm(e.text):
            continue
        items.append(e)
    return items


# utility classes that only colour or size an element ('hover:text-brand-brown', 'bg-brand'):
# a site's colour named 'brand' does not make every menu link its logo
COLOUR_UTILITIES = (
    "text-", "bg-", "border-", "from-", "via-", "to-", "ring-", "fill-", "stroke-",
    "decoration-", "shadow-", "outline-", "accent-", "caret-", "divide-", "placeholder-",
)  # fmt: skip


def _marks_brand(classes: str) -> bool:
    """Does a class name the link as the site's logo or brand ('navbar-brand', 'logo',
    'site-logo')? A colour utility ('hover:text-brand-brown') does not."""
    for token in classes.lower().split():
        token = token.rsplit(":", 1)[-1]  # the variant ('hover:', 'md:') aside
        if ("brand" in token or "logo" in token) and not token.startswith(COLOUR_UTILITIES):
            return True
    return False


DROPDOWN_TOKENS = frozenset(
    [
        "navbar-dropdown",
        "dropdown-menu",
        "dropdown-content",
        "sub-menu",
        "submenu",
        "dropdown",
        "nav-dropdown",
        "mega-menu",
        "megamenu",
    ]
)


def _in_dropdown(link: Element) -> bool:
    """Is `link` inside a dropdown, by a class ('navbar-dropdown', 'dropdown')? The link that
    opens the dropdown can sit in it too ('<li class="dropdown"><a class="dropdown-toggle">'):
    nav_items keeps that one as the menu's item."""
    zone = link.attrs.get("zone", "")
    return bool(zone) and not DROPDOWN_TOKENS.isdisjoint(zone.split())


def _trigger_of(entry: Element, links: list[Element], triggers: list[Element]) -> Element | None:
    """The nav button that opens the dropdown `entry` is in: the last one before it, when no
    higher menu link stands between them."""
    before = [b for b in triggers if b.position <= entry.position]
    if not before:
        return None
    trigger = before[-1]
    between = (e for e in links if trigger.position < e.position < entry.position)
    if any(
        int(e.attrs.get("in-list", "0")) < int(entry.attrs.get("in-list", "0")) for e in between
    ):
        return None  # a top-level link between: it opens this dropdown
    return trigger


def is_dead(link: Element) -> bool:
    """A link that goes nowhere: '#', 'javascript:', an in-page anchor with no target."""
    href = link.href.strip().lower()
    return href in DEAD_HREFS or href.startswith("javascript:") or "anchor-missing" in link.attrs


OPENER_ARIA = ("aria-haspopup", "aria-expanded", "aria-controls")
OPENS = frozenset(["dropdown", "modal", "collapse", "offcanvas", "tab", "pill"])
OPENER_PARTS = frozenset(["toggle", "toggler", "trigger"])


def opens(link: Element) -> bool:
    """Does the markup say that a link on '#' opens something by script, a dropdown or a modal
    ('data-toggle="dropdown"', 'aria-haspopup', class 'dropdown-toggle', id 'x-dropdown-trigger')?
    An entry of a dropdown ('dropdown-item') opens nothing, nor does a missing #anchor."""
    a = link.attrs
    if "anchor-missing" in a:
        return False
    if any(k in a for k in OPENER_ARIA):
        return True
    if a.get("data-toggle", a.get("data-bs-toggle", "")).lower() in OPENS:
        return True
    names = f"{a.get('class', '')} {a.get('id', '')}".lower().split()
    return any(not OPENER_PARTS.isdisjoint(re.split(r"[_-]+", n)) for n in names)


def is_toggle(link: Element, following: Element | None) -> bool:
    if following is None:
        return False
    depth = int(link.attrs.get("in-list", "0"))
    return int(following.attrs.get("in-list", "0")) > depth


def href_fragment(href: str) -> str:
    return "#" + href.split("#", 1)[1] if "#" in href else ""


def stems(text: str) -> set[str]:
    """Words of 3+ letters cut to 5 letters ('services' and 'service' meet)."""
    return {w[:5] for w in re.findall(r"[^\W\d_]{3,}", norm(text).replace("-", " "))}


def mislabelled(items: list[Element]) -> tuple[Element, Element] | None:
    """A menu item whose #anchor names another item's label while that item leads elsewhere
    ('Process' -> #services, 'Services' -> #why-us): the labels do not match the sections."""
    for item in items:
        target = stems(href_fragment(item.href)[1:])
        if not target or target & stems(item.text):
            continue
        for owner in items:
            label = stems(owner.text)
            if owner is item or not label or not label <= target:
                continue
            if not stems(href_fragment(owner.href)[1:]) & label:
                return item, owner
    return None
