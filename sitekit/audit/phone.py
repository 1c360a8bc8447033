"""What a phone number written in text looks like: one definition, a strict and a loose form.

The snapshot finds contact numbers with the strict form (a number standing on its own, 8 to
15 digits, not a year range, grouped like a phone number); the loose form (`PHONE_LIKE_RE`,
in sitekit/figures.py beside the figures it is masked out of: "call 0800 123 4567" is no claim)
shares its digit pattern.
"""

from __future__ import annotations

import re

from sitekit.figures import PHONE_DIGITS, digit_count

PHONE_RE = re.compile(rf"(?<![\w.,/])(?:\+|00)?{PHONE_DIGITS}(?![\w/])")
YEAR_RANGE_RE = re.compile(r"^(19|20)\d\d\s*[-–/]\s*(19|20)?\d\d$")
# shaped like a phone number but a date (05.07.2022, or year first as Japan and Korea write it:
# 2024.05.01), a ZIP+4 postcode (62704-1234) or opening hours (08.00 - 18.00)
NOT_PHONE_RE = re.compile(
    r"^(\d{1,2}[./]\d{1,2}[./](19|20)\d\d|(19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}|\d{5}-\d{4}"
    r"|\d{1,2}[.:]\d\d\s*[-–]\s*\d{1,2}[.:]\d\d)$"
)
_GROUP_SPLIT_RE = re.compile(r"[\s().\-/]+")
# a label that says the digits after it are a phone number ('Tel: 660867514', 'Telefone
# 11987654321', '電話：0312345678'): there an ungrouped run of digits is the number, as a
# reader takes it, though alone it could be any reference number
PHONE_LABEL_RE = re.compile(
    r"(?:\b(?:tel|tél|tfn|tlf|fon|phone|telephone|téléphone|telefon|telefoon|teléfono|telefono"
    r"|telefone|fone|móvil|movil|celular|cellulare|cell|mobile|mobil|handy|whatsapp)\.?"
    r"|電話|携帯|☎|📞|✆)\s*(?:\([\w. ]+\)\s*)?[:：.]?\s*$",
    re.IGNORECASE,
)


def is_phone_number(number: str, before: str = "") -> bool:
    """A PHONE_RE match that is a phone number, not a year range, a date, a ZIP+4 postcode,
    opening hours or a run of 4-digit years. `before` is the text just before it: after a
    phone label ('Tel:') a number written without groups is a phone number too."""
    if not 8 <= digit_count(number) <= 15 or YEAR_RANGE_RE.match(number):
        return False
    if NOT_PHONE_RE.match(number):
        return False
    if number.startswith(("+", "(", "00")):
        return True
    if before and PHONE_LABEL_RE.search(before[-30:]):
        return True
    groups = _GROUP_SPLIT_RE.split(number)
    return 2 <= len(groups) <= 6 and not all(len(g) == 4 for g in groups if g)
