"""Figures in text: concrete claims ('94%', '500+ patients', 'since 1998') and what a phone
number looks like, which is masked out of them."""

from __future__ import annotations

import re

from sitekit.text import AnyOf, LazyPattern, remembers_texts

# What a phone number looks like in text (the loose form; audit/phone.py has the strict one):
# a digit, then digits and separators, ending in a digit: at least 8 characters. Phone-like
# runs are masked out of figures ("call 0800 123 4567" is no claim).
PHONE_DIGITS = r"\(?\d[\d\s().\-/]{6,}\d"
PHONE_LIKE_RE = re.compile(rf"\+?{PHONE_DIGITS}")


def digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


# A figure: its first digit, then the look-behind (not after a letter, digit or separator,
# nor after 月 or 時: '12月30日' and '10時30分' are a date and a time of day;
# after the digit, so the engine scans for digits instead of trying every position), then the
# rest of the number (thousands groups first) and its unit.
# For speed, the same matches: each form of the number is atomic and the spaces possessive (a
# unit never opens with a digit, '.', ',' or a space, so giving back any of them cannot let
# the unit match), and a look-ahead for the units' first characters fails most numbers
# ('job 12-345', '7 am') with one class test instead of trying every unit in turn.
NUMBER_CLAIM_RE = LazyPattern(
    r"([1-9](?<![0-9A-Za-zÀ-ÿА-яЁё_.,+/#№月時-][1-9])"
    r"(?:(?>\d{0,2}(?:[.,\s]\d{3})+)|(?>\d*(?:[.,]\d+)?)))"
    r"\s*+(?=[%+×★/a-zà-öø-ÿа-яёMK人名社件万億倍店校回年명개건배만곳년회時日週ヶかカケ分秒])"
    r"(%|\+|x\b|×|k\b|★|"
    r"/5|/10|(?:million|mill|mio|millionen|millones|milioni|млн|миллион|тыс|thousand|billion)\w*|"
    r"(?<=\d)[mMkK]\+|(?<=\d)M\b|"  # '1m+ founders', '5K+ teams', '2.5M users' (not '5m')
    # a CJK duration ('5時間', '3日', '2週間', '6ヶ月', '10分': as '5 hours' is a figure), a
    # word, or a CJK counter (people, companies, cases, years...; not 円)
    r"時間|日間?|週間?|[ヶかカケ]月|"
    r"(?:ans|yrs)(?![^\W\d_])|"  # 'depuis 20 ans', '15 yrs': years, shorter than a word
    r"[a-zà-öø-ÿа-яё][^\W\d_]{3,}|[人名社件万億倍店校回年명개건배만곳년회分秒])",
    re.UNICODE,
)
THOUSANDS_NOUN_RE = LazyPattern(  # '12.000 Betriebe', '10,000 Teams' (capitalised nouns)
    r"(?<![\w.,])[1-9]\d{0,2}(?:[.,]\d{3})+\s+[A-ZÄÖÜÀ-ÞА-ЯЁ][a-zäöüßà-ÿа-яё]{3,}"
)
SINCE_YEAR_RE = LazyPattern(
    r"(?<!\w)(?:since|seit|desde|dal|depuis|с|est\.?|established|founded|gegründet|"
    r"fondée? en|fundad[ao] en|fondat[ao] nel|основан[аo]? в)\s+"
    # a month may come first: 'seit Februar 1992', 'since March 2005', 'desde enero de 2010'
    r"(?:[^\W\d_]{3,10}\.?\s+(?:de\s+)?)?"
    r"((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"^(19|20)\d\d$")
CURRENCY_SIGNS = "$€£¥₹₩"  # a sign written before or after an amount of money
FIGURE_DIGIT_RE = re.compile(r"[1-9]")  # in every figure below: a range, not a Unicode category


def _phone_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PHONE_LIKE_RE.finditer(text) if digit_count(m.group(0)) >= 8]


# Cheap tests that rule a pattern out before it scans a long block (same answers): every
# thousands figure has a digit, a separator and three digits; every 'since 1998' a year.
# \d[.,]\d\d\d, found by its separator (one literal-led scan for '.', one for ',')
THOUSANDS_HINT_RE = AnyOf(r"\.(?<=\d\.)\d\d\d", r",(?<=\d,)\d\d\d")
# a year 19xx or 20xx: two literal-led scans, where the alternation is searched for by testing
# a class ([12]) at every character
SINCE_HINT_RE = AnyOf(r"19\d\d", r"20\d\d")
_CLAIMS_SEEN: dict[str, tuple[str, ...]] = {}
_CLAIMS_SEEN_MAX = 1024
remembers_texts(_CLAIMS_SEEN.clear)


def number_claims(text: str) -> list[str]:
    """Concrete figures such as '94%', '500+ patients', '2.3 million writers' (years and
    phone numbers excluded). Remembered for recent texts: several checks ask about the same
    block (a page's blocks are read three times by the proof checks alone)."""
    found = _CLAIMS_SEEN.get(text)
    if found is None:
        if len(_CLAIMS_SEEN) >= _CLAIMS_SEEN_MAX:
            _CLAIMS_SEEN.clear()  # bounded memory over a long crawl
        found = _CLAIMS_SEEN[text] = _number_claims(text)
    return list(found)


def _number_claims(text: str) -> tuple[str, ...]:
    first = FIGURE_DIGIT_RE.search(text)
    if first is None:
        return ()  # every figure opens with an ASCII 1-9, and 'since 1998' has a 1 or a 2
    out: list[str] = []
    phones: list[tuple[int, int]] | None = None  # found only once a figure needs them
    # a figure's match opens with its first digit: the scan starts at the text's first 1-9
    # (its look-behind still sees the character before: a regex looks behind `pos`)
    for m in NUMBER_CLAIM_RE.finditer(text, first.start()):
        num, unit = m.group(1), m.group(2)
        if YEAR_RE.match(num) and unit.isalpha():
            continue
        if unit in ("×", "x") and text[m.end() :].lstrip()[:1].isdigit():
            continue  # a size ('160×200 cm', '4 x 6'), not '3× faster'
        if phones is None:
            phones = _phone_spans(text)
        if any(a <= m.start(1) < b for a, b in phones):
            continue
        out.append(m.group(0))
    if THOUSANDS_HINT_RE.search(text):
        out += [m.group(0) for m in THOUSANDS_NOUN_RE.finditer(text) if m.group(0) not in out]
    if ("19" in text or "20" in text) and SINCE_HINT_RE.search(text):  # substrings: fast
        out += [m.group(0) for m in SINCE_YEAR_RE.finditer(text)]  # a track record
    return tuple(out)
