"""A template's sample contacts: the e-mail addresses and phone numbers a theme ships with for
its owner to replace (contact@example.com, 555-123-4567). They reach nobody, so the auditor
keeps them apart from a page's contacts and the builder's guard warns about them.

Left alone on purpose: numbers of one repeated digit (020 7000 0000: real lines end in 0000,
and hand-anonymised pages use them for real numbers), but not zeros alone (000-000-0000: no
line has it), the fictional 555-01xx range and the
reserved `.example`/`.test` names, which documentation and demo sites use knowingly.
"""

from __future__ import annotations

import re

from sitekit.audit.phone import PHONE_RE, is_phone_number

# example.com/.net/.org (reserved for examples, RFC 2606), the same name under any other
# top-level domain (kontakt@example.de) and 'yourdomain.com', 'your-site.com',
# 'yourcompany.com'... (the owner's domain still to fill in: 'your' and a word for the domain,
# never a real name that starts with 'your', as 'yourside-coffee.jp')
SAMPLE_MAIL_RE = re.compile(
    r"@(?:[\w-]+\.)*(?:example(?:\.[a-z]{2,3}){1,2}"
    r"|your[-_]?(?:domain|site|website|web|company|business|brand|name|email|mail|shop|store"
    r"|url|host|server|page|agency|firma|empresa|entreprise|dominio|domaine|bedrijf)"
    r"(?:\.[a-z]{2,}){1,2})$",
    re.IGNORECASE,
)
# an e-mail address written as text: 'hi@studio.com' (a name, '@', a dotted host); the
# snapshot finds a page's addresses with it too
EMAIL_TEXT_RE = re.compile(
    r"(?<![\w.@-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)
# the number a WhatsApp link opens a chat with (wa.me/491234567890, send?phone=...)
CHAT_NUMBER_RE = re.compile(r"(?:wa\.me/|whatsapp\.com/send/?\?phone=)\+?(\d{7,15})", re.IGNORECASE)
# the last seven digits of a sample number run straight: 1234567, 4567890
_RUNS = ("01234567890", "09876543210")


def is_sample_phone(number: str) -> bool:
    """A number whose last seven digits run straight (555-123-4567, +1-212-456-7890), or one
    of zeros after its country code (000-000-0000, +49 000 0000000): no line has it."""
    digits = "".join(ch for ch in number if ch.isdigit())
    tail = digits[-7:]
    if len(tail) == 7 and any(tail in run for run in _RUNS):
        return True
    return len(digits) >= 7 and set(digits[-9:]) == {"0"}


def is_sample_email(address: str) -> bool:
    """An address at example.com/.net/.org or at 'your….tld'."""
    return SAMPLE_MAIL_RE.search(address.split("?", 1)[0].strip()) is not None


def sample_contact(text: str) -> str:
    """The first sample e-mail address or phone number in `text` (a tel:/mailto: URL or
    words), or "" when there is none."""
    if text[:4].lower() == "tel:":
        number = text[4:].split("?", 1)[0]
        return number if is_sample_phone(number) else ""
    chat = CHAT_NUMBER_RE.search(text)
    if chat is not None:  # a WhatsApp link to the template's number
        return chat.group(1) if is_sample_phone(chat.group(1)) else ""
    for found in EMAIL_TEXT_RE.finditer(text):
        if is_sample_email(found.group(0)):
            return found.group(0)
    for match in PHONE_RE.finditer(text):
        number = match.group(0).strip()
        if is_phone_number(number) and is_sample_phone(number):
            return number
    return ""
