"""A page a script reveals: the whole page in a wrapper hidden by its inline style
(`<div id="content" style="display:none">`) that a script shows on load, with a loader
("Loading...", the site's name, a spinner) visible meanwhile. A browser shows the wrapper once
the script has run, and the raters judge that. The snapshot reads what shows before the
script runs (the loader) and records the wrapper, so that the report says plainly that the
scores rest on the loader and that `--render` judges the page the browser shows.

The test costs nothing on ordinary pages: it only looks further when the visible text is a
loader's few words and the walk met an element hidden by inline style."""

from __future__ import annotations

from sitekit.audit.snapshot.state import WS_RE, State, attr, classes
from sitekit.audit.snapshot.tree import Node

LOADER_MAX_WORDS = 30  # visible text no longer than a loader's ("Loading...", a site's name)
WRAPPER_MIN_WORDS = 100  # the hidden wrapper holds a page's worth of text...
WRAPPER_SHARE = 4  # ...and this many times the visible words, at least
# what a script opens on demand, never the page itself: a banner, a pop-up, a closed menu
NOT_A_PAGE = (
    "cookie", "consent", "gdpr", "popup", "pop-up", "modal", "dialog", "banner", "notice",
    "newsletter", "menu", "nav", "drawer", "offcanvas", "overlay", "toast", "alert", "tabs",
)  # fmt: skip
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def script_revealed(st: State) -> tuple[Node, int] | None:
    """The hidden wrapper that holds the page a script shows on load, and its words, or None:
    the visible text is a loader's few words, the page has scripts, and one element hidden by
    its inline style, not named as a banner, pop-up or menu and holding a heading, holds most
    of the page's text."""
    if not st.styled_hidden or not st.scripts or st.words > LOADER_MAX_WORDS:
        return None
    best, best_words = None, 0
    for node in st.styled_hidden:
        if not _may_be_page(node):
            continue
        words = len(WS_RE.split(node.get_text(" ").strip()))
        if words > best_words:
            best, best_words = node, words
    if best is None or best_words < max(WRAPPER_MIN_WORDS, WRAPPER_SHARE * st.words):
        return None
    return best, best_words


def _may_be_page(node: Node) -> bool:
    """Not a banner, pop-up or menu by its name, and holding a heading as a page does."""
    names = " ".join([*classes(node), attr(node, "id").lower()])
    if any(word in names for word in NOT_A_PAGE):
        return False
    return any(node.find(h) is not None for h in HEADINGS)


def describe(node: Node) -> str:
    """'<div id="content">', '<main class="page-wrap">' or '<div>'."""
    ident = attr(node, "id")
    if ident:
        return f'<{node.name} id="{ident[:40]}">'
    cls = attr(node, "class")
    return f'<{node.name} class="{cls[:40]}">' if cls else f"<{node.name}>"
