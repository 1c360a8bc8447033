"""Is this the page? Bot-protection interstitials, captcha walls and JavaScript-only shells."""

from __future__ import annotations

import re

from sitekit.audit.snapshot.state import State
from sitekit.models import PageSnapshot

JS_HINT = "try --render to audit the page as a browser shows it"
# ids of the empty <div> a script framework mounts the page into
MOUNT_IDS = frozenset(
    ["root", "app", "__next", "__nuxt", "___gatsby", "svelte", "main-app", "react-root"]
)
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
# Every marker holds one of these, in letters whose only case forms are ASCII ('s', 'k' and
# 'i' have others under re.I: 'ſ' matches 's'): a class or id without one cannot match.
_MARKER_HINTS = ("cha", "cf-", "ddo")
_MARKER_HINT_RE = re.compile("|".join(map(re.escape, _MARKER_HINTS)))


def interstitial_marker(text: str) -> str:
    """The first challenge-page marker in a class/id text ('cf-challenge'), or ""."""
    lowered = text.lower()
    if not _MARKER_HINT_RE.search(lowered):
        return ""  # most elements: one search for the hints instead of the case-blind regex
    found = INTERSTITIAL_MARKERS.search(text)
    return found.group(0) if found else ""


def first_marker(marked: list[str]) -> str:
    """The first challenge-page marker in the class/id texts of a page's shown elements, in
    document order (interstitial_marker of each until one answers), or "". Most pages have
    none: one hint search over their texts joined by newlines (no hint holds one) answers for
    all of them, where a search per element cost ~0.4M instructions a realistic page."""
    if not marked or not _MARKER_HINT_RE.search("\n".join(marked).lower()):
        return ""
    return next(filter(None, map(interstitial_marker, marked)), "")


CAPTCHA_ONLY_MARKERS = re.compile(r"^(g-recaptcha|h-captcha|cf-turnstile)$", re.I)
CAPTCHA_PHRASES = re.compile(
    r"verify you are (a )?human|are you (a )?(human|robot)|not a robot|security check|"
    r"checking (if the site connection is secure|your browser)|complete the captcha",
    re.I,
)


def not_auditable_reason(snap: PageSnapshot, st: State) -> str:
    """Why the HTML is not the page a visitor sees, or '' when it is."""
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
