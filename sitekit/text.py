"""Text primitives shared by the builder's guard and the auditor's checks: normalising,
counting words (CJK too) and matching word-list phrases, so both read a phrase the same way."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, Generic, TypeVar


class LazyPattern:
    """A regex compiled the first time it is used (re.Pattern's searching methods and
    `pattern`): compiling the classes of CJK characters below walks some 40,000 code points
    in Python, ~5 ms of every start-up, though a build in English never needs them.

    With `non_ascii`, every match holds a non-ASCII character, so an ASCII text is answered
    (no match) without compiling. With `floor` too, every match holds a character at or above
    it, so a text whose largest character is below it is answered the same way (a page in
    French or with a dash is not in Japanese); `max()` costs ~15 ns a character, so only the
    first FLOOR_BUDGET characters of such texts are tested, then the pattern is compiled.
    Once compiled, the pattern's own methods answer."""

    FLOOR_BUDGET = 100_000  # characters: testing them costs about what compiling does

    def __init__(
        self, pattern: str, flags: int = 0, non_ascii: bool = False, floor: str = ""
    ) -> None:
        self.pattern = pattern
        self._flags = flags
        self._non_ascii = non_ascii
        self._floor = floor
        self._budget = self.FLOOR_BUDGET if floor else 0

    def _cannot_match(self, text: str) -> bool:
        """True when no match is possible: `text` is ASCII, or (within the budget) all below
        the floor. Only for `non_ascii` patterns."""
        if text.isascii():
            return True
        if self._budget > 0:
            self._budget -= len(text)
            return max(text) < self._floor
        return False

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self._flags)
        # from now on the compiled pattern's methods are found on this object: no detour
        self.__dict__.update(
            search=compiled.search,
            match=compiled.match,
            findall=compiled.findall,
            finditer=compiled.finditer,
            compiled=lambda: compiled,
        )
        return compiled

    @property
    def flags(self) -> int:
        return self.compiled().flags

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._non_ascii and self._cannot_match(text):
            return None
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._non_ascii and self._cannot_match(text):
            return None
        return self.compiled().match(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self._non_ascii and self._cannot_match(text):
            return []
        return self.compiled().findall(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self._non_ascii and self._cannot_match(text):
            return iter(())
        return self.compiled().finditer(text, pos, endpos)


FIRST_SCREEN_WORDS = 150  # the hero: this many words of visible content after the header
CJK_RE = LazyPattern(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", non_ascii=True, floor="\u3040"
)


K = TypeVar("K")
V = TypeVar("V")


class ByIdentity(Generic[K, V]):
    """`make(key)` remembered by the key's identity, in front of a cache by value: a phrase
    list is one tuple of the profile asked about hundreds of times a page, and a tuple's hash
    is not kept (a 230-phrase list costs 1.4 us to hash, the lookup here 0.1 us). Each entry
    holds its key, so no other object can take its id while it is remembered.

    `lookup` is the same as calling the memo, as a plain function: Python calls a function
    in about half the time it calls an object's `__call__` (it is asked ~500 times a page)."""

    __slots__ = ("_seen", "lookup", "make", "maxsize")

    def __init__(self, make: Callable[[K], V], maxsize: int = 256) -> None:
        self.make = make
        self.maxsize = maxsize
        self._seen: dict[int, tuple[K, V]] = {}
        seen = self._seen

        def lookup(key: K) -> V:
            hit = seen.get(id(key))
            if hit is not None and hit[0] is key:
                return hit[1]
            return self._remember(key)

        self.lookup: Callable[[K], V] = lookup

    def __call__(self, key: K) -> V:
        return self.lookup(key)

    def _remember(self, key: K) -> V:
        value = self.make(key)
        if len(self._seen) >= self.maxsize:
            self._seen.clear()  # bounded: a long-lived process meets new lists
        self._seen[id(key)] = (key, value)
        return value


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


UNSPACED_RE = LazyPattern(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]", non_ascii=True, floor="\u3040"
)


def _phrase_bodies(phrases: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The normalised phrases of a list: (word-bounded ones, ones in scripts written without
    spaces between words (Chinese, Japanese) or with attached particles (Korean))."""
    bounded: list[str] = []
    bare: list[str] = []
    for p in phrases:
        p = norm(p)
        if p:
            (bare if UNSPACED_RE.search(p) else bounded).append(p)
    return bounded, bare


def _body(p: str) -> str:
    return re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p)


@lru_cache(maxsize=256)
def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a phrase list: word-bounded, except phrases in scripts written without
    spaces between words (Chinese, Japanese) or with attached particles (Korean)."""
    bounded, bare = (
        sorted(map(_body, ps), key=len, reverse=True) for ps in _phrase_bodies(phrases)
    )
    parts = []
    if bounded:
        parts.append(r"(?<!\w)(?:" + "|".join(bounded) + r")(?!\w)")
    if bare:
        parts.append("(?:" + "|".join(bare) + ")")
    return re.compile("|".join(parts)) if parts else None


WORD_RE = re.compile(r"\w+")
# ASCII characters that are not \w, to spaces: an ASCII text's words are then its split()
_ASCII_NON_WORD = str.maketrans(
    {chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "_")}
)
_WORDS_SEEN: dict[str, frozenset[str]] = {}


def _words_of(normed: str) -> frozenset[str]:
    """The distinct words (runs of \\w) of a normalised text, remembered for recent texts."""
    found = _WORDS_SEEN.get(normed)
    if found is None:
        if len(_WORDS_SEEN) >= 512:  # a page's texts: checks ask about them in turn
            _WORDS_SEEN.clear()  # bounded memory over a long crawl
        words = normed.translate(_ASCII_NON_WORD).split() if normed.isascii() else None
        found = _WORDS_SEEN[normed] = frozenset(words or WORD_RE.findall(normed))
    return found


class _WordIndex:
    """What a text must contain for a phrase list's regex to match it, so most texts are
    ruled out by a set lookup instead of a scan of the text per list (the same answers).

    A word-bounded phrase's whole words ('free' and 'trial' in 'free trial'; not the last
    word of 'guarantee*', only a prefix) are whole words of any text it occurs in; a phrase
    with no whole word ('guarantee*', '×') or written without spaces ('無料') must occur
    as a substring (its literal part)."""

    __slots__ = ("bare", "bounded", "by_word", "firsts", "literals")

    def __init__(self, phrases: tuple[str, ...]) -> None:
        bounded, bare = _phrase_bodies(phrases)
        self.bounded, self.bare = tuple(bounded), tuple(bare)
        # first word -> (the phrase's other whole words, the phrase's place in `bounded`)
        self.by_word: dict[str, list[tuple[frozenset[str], int]]] = {}
        # (substring to look for, True for a bare phrase, the phrase's place in its list)
        self.literals: list[tuple[str, bool, int]] = [
            (p.removesuffix("*"), True, n) for n, p in enumerate(bare)
        ]
        for n, p in enumerate(bounded):
            literal = p.removesuffix("*")
            words = [m for m in WORD_RE.finditer(literal)]
            if p.endswith("*") and words and words[-1].end() == len(literal):
                words.pop()  # a prefix ('guarantee*'), not a whole word
            if not words:
                self.literals.append((literal, False, n))
                continue
            self.by_word.setdefault(words[0].group(0), []).append(
                (frozenset(m.group(0) for m in words[1:]), n)
            )
        self.firsts = frozenset(self.by_word)

    def may_occur_in(self, normed: str) -> bool:
        for literal, _bare, _n in self.literals:
            if literal in normed:
                return True
        words = _words_of(normed)
        if self.firsts.isdisjoint(words):
            return False  # the common case, told without building the intersection
        for first in words & self.firsts:
            for rest, _n in self.by_word[first]:
                if rest <= words:
                    return True
        return False

    def candidates(self, normed: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The phrases that may occur in `normed` (bounded, bare), each in list order: the
        others cannot match anywhere in it, so a regex of these alone finds the same."""
        bounded: list[int] = []
        bare: list[int] = []
        for literal, is_bare, n in self.literals:
            if literal in normed:
                (bare if is_bare else bounded).append(n)
        words = _words_of(normed)
        for first in words & self.firsts:
            bounded += [n for rest, n in self.by_word[first] if rest <= words]
        return (
            tuple(self.bounded[n] for n in sorted(bounded)),
            tuple(self.bare[n] for n in sorted(bare)),
        )


def _bounded_alternative(p: str) -> str:
    """A word-bounded phrase as one alternative that opens with its literal text: the
    look-behind of `(?<!\\w)` moved after the literal, so the regex engine finds where the
    phrase may start by a fast scan for its first characters (the same matches)."""
    literal = p.removesuffix("*")
    if not literal:
        return rf"(?<!\w){_body(p)}(?!\w)"
    tail = r"\w*" if p.endswith("*") else ""
    return rf"{re.escape(literal)}(?<!\w[\s\S]{{{len(literal)}}}){tail}(?!\w)"


@lru_cache(maxsize=1024)
def _candidates_re(bounded: tuple[str, ...], bare: tuple[str, ...]) -> re.Pattern[str] | None:
    """The regex of `_phrase_re` for a list's candidate phrases (normalised): the same
    alternatives in the same order (longest first, word-bounded ones before bare ones)."""
    alts = [
        _bounded_alternative(p) for p in sorted(bounded, key=lambda p: len(_body(p)), reverse=True)
    ]
    alts += sorted(map(_body, bare), key=len, reverse=True)
    return re.compile("|".join(alts)) if alts else None


class _PhraseFinder:
    """Whether a phrase list occurs in a text, remembered for recent texts as given (the same
    heading or paragraph is asked about by several checks, and site chrome repeats: a hit
    costs one lookup, before any normalising). A text the word index lets through is searched
    with a regex of the phrases that may occur in it (most often one or two: a fast scan,
    where the whole list's regex tries every position); those regexes are compiled when
    first needed and remembered."""

    __slots__ = ("_seen", "index", "phrases")
    MAX_SEEN = 512

    def __init__(self, phrases: tuple[str, ...], index: _WordIndex) -> None:
        self.phrases = phrases
        self.index = index
        self._seen: dict[str, bool] = {}

    def pattern_for(self, normed: str) -> re.Pattern[str] | None:
        """A regex that finds in `normed` what the list's regex finds (None: nothing)."""
        return _candidates_re(*self.index.candidates(normed))

    def occurs_in(self, text: str) -> bool:
        """Does a phrase of the list occur in `text` (not normalised)?"""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= self.MAX_SEEN:
                self._seen.clear()  # bounded memory over a long crawl
            found = False
            normed = norm(text) if text else ""
            if text and self.index.may_occur_in(normed):  # ('*' occurs in ' ', as before)
                pattern = self.pattern_for(normed)
                found = pattern is not None and pattern.search(normed) is not None
            self._seen[text] = found
        return found


@lru_cache(maxsize=256)
def _phrase_finder(phrases: tuple[str, ...]) -> _PhraseFinder | None:
    """The finder of a list; None when it has no phrase (its regex would be None)."""
    bounded, bare = _phrase_bodies(phrases)
    return _PhraseFinder(phrases, _WordIndex(phrases)) if bounded or bare else None


_finder_of_tuple = ByIdentity(_phrase_finder).lookup
_phrase_re_of_tuple = ByIdentity(_phrase_re).lookup


def _finder_of(phrases: Iterable[str]) -> _PhraseFinder | None:
    """`_phrase_finder` of a list, found by identity when it is a tuple (the profile's are)."""
    return _finder_of_tuple(phrases) if type(phrases) is tuple else _phrase_finder(tuple(phrases))


def _pattern_of(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """`_phrase_re` of a list, found by identity when it is a tuple."""
    return _phrase_re_of_tuple(phrases) if type(phrases) is tuple else _phrase_re(tuple(phrases))


_JOINED: dict[tuple[int, tuple[str, ...]], tuple[object, tuple[str, ...]]] = {}


def joined(words: Mapping[str, Iterable[str]], *keys: str) -> tuple[str, ...]:
    """The lists `keys` of `words` as one tuple, in order: the same tuple each time for the
    same mapping (a profile's word lists, which never change), so the phrase matcher finds
    it by identity. A joined list built on every call is hashed by value each time (~1 us
    for 200 phrases) and fills the identity memo, pushing the profile's own lists out."""
    key = (id(words), keys)
    hit = _JOINED.get(key)
    if hit is not None and hit[0] is words:
        return hit[1]
    if len(_JOINED) >= 256:
        _JOINED.clear()  # bounded: a long-lived process meets new profiles
    value = tuple(p for k in keys for p in words.get(k, ()))
    _JOINED[key] = (words, value)
    return value


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """Every listed phrase found in `text` (word-bounded; a trailing * matches any ending)."""
    finder = _finder_of(phrases)
    if finder is None or not finder.occurs_in(text):  # the common case, from memory
        return []
    normed = norm(text)
    pattern = finder.pattern_for(normed)
    assert pattern is not None  # it occurs
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(normed)))


def has_phrase(text: str, phrases: Iterable[str]) -> bool:
    """Does any listed phrase occur in `text`? (Same answer as `bool(find_phrases(...))`.)"""
    finder = _finder_of(phrases)
    return finder is not None and finder.occurs_in(text)


def starts_with_phrase(text: str, phrases: Iterable[str]) -> bool:
    return bool(leading_phrase(text, phrases)[0])


def leading_phrase(text: str, phrases: Iterable[str]) -> tuple[str, str]:
    """The listed phrase `text` opens with (the longest, normalised) and the rest of the
    normalised text after it; ("", "") when it opens with none."""
    pattern = _pattern_of(phrases)
    opening = norm(text).lstrip("¡¿\"'“«([ ") if text else ""
    found = pattern.match(opening) if pattern and opening else None
    return (found.group(0), opening[found.end() :]) if found else ("", "")


class AnyOf:
    """Regexes tried in turn as one necessary condition: `search` gives a match of the first
    that matches (not the leftmost of all), None when none does. A hint led by a character
    class (`[.,]`) is tested at every character of the text; split into one literal-led
    regex per character, each is found by a fast scan for that character."""

    __slots__ = ("patterns",)

    def __init__(self, *patterns: str) -> None:
        self.patterns = tuple(re.compile(p) for p in patterns)

    def search(self, text: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.search(text)
            if found is not None:
                return found
        return None


class HintedPattern:
    """A compiled regex behind a cheap necessary condition (`hint`, a regex that every match
    of `pattern` contains, or an AnyOf of such): a text without the hint is answered without
    the slow scan.

    Patterns that open with a look-behind or an alternation are tried at every position of
    the text; a hint that opens with a literal is found by a fast scan for that character,
    one that opens with a character class by a test of every character (`[1-5][.,]\\d` for
    a rating: still about 6x faster than the rating pattern on a page without one). So the
    best hint is led by a rare literal: `\\.(?<=\\d\\.)\\d` finds `\\d\\.\\d` by its dot.
    """

    __slots__ = ("hint", "pattern")

    def __init__(self, pattern: re.Pattern[str], hint: str | AnyOf) -> None:
        self.pattern = pattern
        self.hint = hint if isinstance(hint, AnyOf) else re.compile(hint)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.hint.search(text) else None

    def findall(self, text: str) -> list[Any]:
        return self.pattern.findall(text) if self.hint.search(text) else []

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.hint.search(text) else iter(())


def count_words(text: str) -> int:
    """Words in `text`; runs of CJK characters count one word per two characters."""
    words = len(text.split())
    if text.isascii():
        return words
    cjk = len(CJK_RE.findall(text))
    return words + max(0, cjk // 2 - words) if cjk else words


@lru_cache(maxsize=4096)
def word_len(text: str) -> int:
    """`count_words`, remembered for recent texts: the checks count the same blocks' words
    again and again (the snapshot, which sees each piece of text once, counts directly)."""
    return count_words(text)


# What a phone number looks like in text (the loose form; audit/phone.py has the strict one):
# a digit, then digits and separators, ending in a digit: at least 8 characters. Phone-like
# runs are masked out of figures ("call 0800 123 4567" is no claim).
PHONE_DIGITS = r"\(?\d[\d\s().\-/]{6,}\d"
PHONE_LIKE_RE = re.compile(rf"\+?{PHONE_DIGITS}")


def digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


# A figure: its first digit, then the look-behind (not after a letter, digit or separator;
# after the digit, so the engine scans for digits instead of trying every position), then the
# rest of the number (thousands groups first) and its unit.
NUMBER_CLAIM_RE = LazyPattern(
    r"([1-9](?<![0-9A-Za-zÀ-ÿА-яЁё_.,+/#№-][1-9])(?:\d{0,2}(?:[.,\s]\d{3})+|\d*(?:[.,]\d+)?))"
    r"\s*(%|\+|x\b|×|k\b|★|"
    r"/5|/10|(?:million|mill|mio|millionen|millones|milioni|млн|миллион|тыс|thousand|billion)\w*|"
    r"(?<=\d)[mMkK]\+|(?<=\d)M\b|"  # '1m+ founders', '5K+ teams', '2.5M users' (not '5m')
    # a word, or a CJK counter (people, companies, cases, years...; not 円 or 分)
    r"[a-zà-öø-ÿа-яё][^\W\d_]{3,}|[人名社件万億倍店校回年명개건배만곳년회])",
    re.UNICODE,
)
THOUSANDS_NOUN_RE = LazyPattern(  # '12.000 Betriebe', '10,000 Teams' (capitalised nouns)
    r"(?<![\w.,])[1-9]\d{0,2}(?:[.,]\d{3})+\s+[A-ZÄÖÜÀ-ÞА-ЯЁ][a-zäöüßà-ÿа-яё]{3,}"
)
SINCE_YEAR_RE = LazyPattern(
    r"(?<!\w)(?:since|seit|desde|dal|depuis|с|est\.?|established|founded|gegründet|"
    r"fondée? en|fundad[ao] en|fondat[ao] nel|основан[аo]? в)\s+"
    r"((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"^(19|20)\d\d$")
FIGURE_DIGIT_RE = re.compile(r"[1-9]")  # in every figure below: a range, not a Unicode category


def _phone_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PHONE_LIKE_RE.finditer(text) if digit_count(m.group(0)) >= 8]


# Cheap tests that rule a pattern out before it scans a long block (same answers): every
# thousands figure has a digit, a separator and three digits; every 'since 1998' a year.
# \d[.,]\d\d\d, found by its separator (one literal-led scan for '.', one for ',')
THOUSANDS_HINT_RE = AnyOf(r"\.(?<=\d\.)\d\d\d", r",(?<=\d,)\d\d\d")
SINCE_HINT_RE = re.compile(r"(?:19|20)\d\d")
_CLAIMS_SEEN: dict[str, tuple[str, ...]] = {}
_CLAIMS_SEEN_MAX = 1024


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
    if not FIGURE_DIGIT_RE.search(text):
        return ()  # every figure opens with an ASCII 1-9, and 'since 1998' has a 1 or a 2
    out: list[str] = []
    phones: list[tuple[int, int]] | None = None  # found only once a figure needs them
    for m in NUMBER_CLAIM_RE.finditer(text):
        num, unit = m.group(1), m.group(2)
        if YEAR_RE.match(num) and unit.isalpha():
            continue
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
