"""Ways to get in touch: tel/mailto/sms links, chat links (WhatsApp, Messenger, LINE,
Telegram), addresses, phone numbers in text."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from sitekit.audit.phone import PHONE_RE, is_phone_number
from sitekit.audit.sample_contacts import (
    EMAIL_TEXT_RE,
    is_sample_email,
    is_sample_phone,
    sample_contact,
)
from sitekit.audit.snapshot.elements import FAST_ELEMENTS, to_element
from sitekit.audit.snapshot.state import MAX_ELEMENTS, State
from sitekit.figures import PHONE_DIGITS
from sitekit.models import Element
from sitekit.models_audit import fast_replace

CHAT_HOSTS = ("wa.me/", "whatsapp.com/", "m.me/")
# messengers a visitor writes to the seller on, besides CHAT_HOSTS (WhatsApp, Messenger): LINE
# (its official-account links) and Telegram, known by the link's host
MESSENGERS = frozenset(["line.me", "lin.ee", "page.line.me", "t.me", "telegram.me"])
# Every PHONE_RE match holds a run of PHONE_DIGITS; this search (no lookbehind, so the regex
# engine skips ahead to the next digit) rules a block out at under half PHONE_RE's cost.
DIGIT_RUN_RE = re.compile(PHONE_DIGITS.removeprefix(r"\(?"))
# The same search for ASCII blocks (most pages), on the block's bytes with every digit made a
# '0': the pattern then opens with one literal character, which the regex engine finds by a
# plain scan, where it tests a class (\d) at every character (~10x slower). On a block's text
# it matches where DIGIT_RUN_RE does: its only whitespace is the single spaces the walk joins
# its words with, and an ASCII character is a Unicode digit only if it is 0-9.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_ZEROED_RUN_RE = re.compile(DIGIT_RUN_RE.pattern.replace(r"\d", "0").encode("ascii"))


def _has_digit_run(text: str) -> bool:
    if text.isascii():
        return _ZEROED_RUN_RE.search(text.encode("ascii").translate(_DIGITS_AS_ZERO)) is not None
    return DIGIT_RUN_RE.search(text) is not None


def opens_chat(href: str) -> bool:
    """Does a link (its lowercased href) open a written conversation with the seller: a
    WhatsApp, Messenger, LINE or Telegram chat?"""
    if any(h in href for h in CHAT_HOSTS):
        return True
    # (a messenger's host named anywhere in the address is a cheap test before parsing it)
    if not any(h in href for h in MESSENGERS) or not href.startswith(("http://", "https://")):
        return False
    try:
        host = urlsplit(href).hostname or ""
    except ValueError:  # a malformed address ('http://[x'): no messenger
        return False
    return host.removeprefix("www.") in MESSENGERS


def contacts(
    elements: list[Element], st: State, first_screen_end: int, viewports: tuple[str, ...]
) -> tuple[tuple[Element, ...], tuple[Element, ...]]:
    """The page's ways to reach a person, and apart from them its placeholder contacts
    (contact@example.com, 123-456-7890: a template's samples, which reach nobody).

    Contact elements come first (kind tel, mailto, sms, chat, address), then each text block
    holding a phone number (kind phone-text, the number as text), then, when no mailto: link
    is there, the first text block holding an e-mail address (kind email-text)."""
    out: list[Element] = []
    for e in elements:
        href = e.href.lower()
        if e.kind == "a" and href.startswith(("tel:", "mailto:", "sms:")):
            out.append(_as_contact(e, href.split(":", 1)[0]))
        elif e.kind == "a" and opens_chat(href):
            out.append(_as_contact(e, "chat"))
        elif e.kind == "address":
            out.append(_as_contact(e, "address"))
    placeholders = [c for c in out if c.kind != "address" and sample_contact(c.href)]
    out = [c for c in out if c not in placeholders]
    for block in st.blocks[:MAX_ELEMENTS]:
        if not _has_digit_run(block.text):
            continue  # the common case: no run of digits long enough for a phone number
        for match in PHONE_RE.finditer(block.text):
            number = match.group(0).strip()
            if is_phone_number(number, block.text[: match.start()]):
                el = _as_contact(
                    to_element(block, st, first_screen_end, viewports), "phone-text", number
                )
                (placeholders if is_sample_phone(number) else out).append(el)
                break
    if not any(c.kind == "mailto" for c in out):
        for block in st.blocks[:MAX_ELEMENTS]:
            found = EMAIL_TEXT_RE.search(block.text) if "@" in block.text else None
            if found:
                el = to_element(block, st, first_screen_end, viewports)
                el = _as_contact(el, "email-text", found.group(0))
                if not is_sample_email(found.group(0)):
                    out.append(el)
                    break
                placeholders.append(el)
    return tuple(out), tuple(placeholders)


def _as_contact(e: Element, kind: str, text: str = "") -> Element:
    made = fast_replace if FAST_ELEMENTS else replace  # (see elements.FAST_ELEMENTS)
    return made(e, kind=kind, text=text or e.text or e.href.split(":", 1)[-1])
