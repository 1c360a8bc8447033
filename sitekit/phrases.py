"""Word-list phrases found in text, the same way for the builder's guard and the auditor's
checks: word-bounded (a trailing * matches any ending), normalised as sitekit.text.norm does,
and fast on long pages (a word index rules most texts out before any regex runs)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Literal

from sitekit.text import UNSPACED_RE, ByIdentity, norm, remembers_texts


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
# ASCII characters that are not \w, to spaces: an ASCII text's words are then its split().
# A table of bytes: bytes.translate looks each character up in it ~5x faster than
# str.translate does in a mapping (an ASCII text encodes and decodes as a copy).
_NON_WORD = bytes(i for i in range(128) if not (chr(i).isalnum() or chr(i) == "_"))
_ASCII_NON_WORD = bytes.maketrans(_NON_WORD, b" " * len(_NON_WORD))
_WORDS_SEEN: dict[str, frozenset[str]] = {}


def _words_of(normed: str) -> frozenset[str]:
    """The distinct words (runs of \\w) of a normalised text, remembered for recent texts."""
    found = _WORDS_SEEN.get(normed)
    if found is None:
        if len(_WORDS_SEEN) >= 512:  # a page's texts: checks ask about them in turn
            _WORDS_SEEN.clear()  # bounded memory over a long crawl
        words = None
        if normed.isascii():
            words = normed.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
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

    def may_occur_in(self, normed: str, words: frozenset[str] | None = None) -> bool:
        """Whether a phrase may occur in `normed`, whose words are `words` when given (else
        read here)."""
        for literal, _bare, _n in self.literals:
            if literal in normed:
                return True
        if words is None:
            words = _WORDS_SEEN.get(normed)  # (_words_of's memo, read here: ~300 times a page)
        if words is None:
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
    first needed and remembered, and so is the one that found a phrase in a text, for
    find_phrases to list them without working the candidates out again."""

    __slots__ = ("_seen", "index", "phrases")
    MAX_SEEN = 512

    def __init__(self, phrases: tuple[str, ...], index: _WordIndex) -> None:
        self.phrases = phrases
        self.index = index
        # text -> the regex that found a phrase in norm(text), or False when none occurs
        self._seen: dict[str, re.Pattern[str] | Literal[False]] = {}

    def pattern_for(self, normed: str) -> re.Pattern[str] | None:
        """A regex that finds in `normed` what the list's regex finds (None: nothing)."""
        return _candidates_re(*self.index.candidates(normed))

    def answer(self, text: str) -> re.Pattern[str] | Literal[False]:
        """The regex that finds the list's phrases in norm(text) (`pattern_for` it) when a
        phrase occurs in `text` (not normalised), else False; for a text not in the memo
        (callers read `_seen` first), now remembered."""
        if len(self._seen) >= self.MAX_SEEN:
            self._seen.clear()  # bounded memory over a long crawl
        found: re.Pattern[str] | Literal[False] = False
        normed = norm(text) if text else ""
        if text and self.index.may_occur_in(normed):  # ('*' occurs in ' ', as before)
            pattern = self.pattern_for(normed)
            if pattern is not None and pattern.search(normed) is not None:
                found = pattern
        self._seen[text] = found
        return found


# finders kept: every language's lists ([words] + its table, ~90 with the joined ones), so
# pages in several languages do not rebuild their word indexes page after page
FINDERS_KEPT = 1024


@lru_cache(maxsize=FINDERS_KEPT)
def _phrase_finder(phrases: tuple[str, ...]) -> _PhraseFinder | None:
    """The finder of a list; None when it has no phrase (its regex would be None)."""
    bounded, bare = _phrase_bodies(phrases)
    return _PhraseFinder(phrases, _WordIndex(phrases)) if bounded or bare else None


_FINDERS = ByIdentity(_phrase_finder, maxsize=FINDERS_KEPT)
_finder_of_tuple = _FINDERS.lookup
_phrase_re_of_tuple = ByIdentity(_phrase_re).lookup


def _forget_texts() -> None:
    """The texts' word sets, and the finders with the answers they remember by text (a
    finder is built again when a list is next asked about)."""
    _WORDS_SEEN.clear()
    _FINDERS.clear()
    _phrase_finder.cache_clear()


remembers_texts(_forget_texts)


def _pattern_of(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """`_phrase_re` of a list, found by identity when it is a tuple."""
    return _phrase_re_of_tuple(phrases) if type(phrases) is tuple else _phrase_re(tuple(phrases))


# each word-list mapping's joined lists (the mapping found by identity, as phrase lists are)
_JOINED: ByIdentity[Mapping[str, Iterable[str]], dict[tuple[str, ...], tuple[str, ...]]] = (
    ByIdentity(lambda _words: {})
)
_joined_of = _JOINED.lookup


def joined(words: Mapping[str, Iterable[str]], *keys: str) -> tuple[str, ...]:
    """The lists `keys` of `words` as one tuple, in order: the same tuple each time for the
    same mapping (a profile's word lists, which never change), so the phrase matcher finds
    it by identity. A joined list built on every call is hashed by value each time (~1 us
    for 200 phrases) and fills the identity memo, pushing the profile's own lists out."""
    made = _joined_of(words)
    value = made.get(keys)
    if value is None:
        value = made[keys] = tuple(p for k in keys for p in words.get(k, ()))
    return value


# find_phrases and has_phrase are asked ~600 times a realistic page, half of them about a text
# the list's finder has answered before: they find the finder in _FINDERS' entries and read
# its memo themselves (what _FINDERS.lookup would do; `answer` for a text not yet asked
# about), one Python call instead of four for a text the finder has answered.
_FINDERS_SEEN = _FINDERS.entries()


def _finder_of(phrases: Iterable[str]) -> _PhraseFinder | None:
    """`_phrase_finder` of a list, found by identity when it is a tuple (the profile's are)."""
    return _finder_of_tuple(phrases) if type(phrases) is tuple else _phrase_finder(tuple(phrases))


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """Every listed phrase found in `text` (word-bounded; a trailing * matches any ending)."""
    hit = _FINDERS_SEEN.get(id(phrases))
    finder = hit[1] if hit is not None and hit[0] is phrases else _finder_of(phrases)
    if finder is None:
        return []
    pattern = finder._seen.get(text)
    if pattern is None:
        pattern = finder.answer(text)
    if not pattern:  # the common case, from memory
        return []
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(norm(text))))


def has_phrase(text: str, phrases: Iterable[str]) -> bool:
    """Does any listed phrase occur in `text`? (Same answer as `bool(find_phrases(...))`.)"""
    hit = _FINDERS_SEEN.get(id(phrases))
    finder = hit[1] if hit is not None and hit[0] is phrases else _finder_of(phrases)
    if finder is None:
        return False
    found = finder._seen.get(text)
    if found is None:
        found = finder.answer(text)
    return found is not False


def without_phrases(text: str, phrases: Iterable[str]) -> str:
    """`text` normalised, with every listed phrase cut out ('Book a free consultation' less
    the booking words: what else the button names)."""
    rest = norm(text)
    for p in find_phrases(rest, phrases):
        rest = rest.replace(p, " ")
    return rest


def words_of_all(normed: Iterable[str]) -> frozenset[str]:
    """The words of several normalised texts together (each text's own set, remembered)."""
    return frozenset().union(*map(_words_of, normed))


def may_occur(joined: str, words: frozenset[str], phrases: Iterable[str]) -> bool:
    """False when no listed phrase can occur in any of some normalised texts, given them
    joined by spaces and `words_of_all` of them: a literal in one is in `joined`, its words
    are in `words`. `has_phrase` is then False for each of their texts. True is no answer."""
    finder = _finder_of(phrases)  # (asked once a page and list: no need to read it inline)
    return finder is not None and finder.index.may_occur_in(joined, words)


def starts_with_phrase(text: str, phrases: Iterable[str]) -> bool:
    return bool(leading_phrase(text, phrases)[0])


def leading_phrase(text: str, phrases: Iterable[str]) -> tuple[str, str]:
    """The listed phrase `text` opens with (the longest, normalised) and the rest of the
    normalised text after it; ("", "") when it opens with none."""
    pattern = _pattern_of(phrases)
    opening = norm(text).lstrip("¡¿\"'“«([ ") if text else ""
    found = pattern.match(opening) if pattern and opening else None
    return (found.group(0), opening[found.end() :]) if found else ("", "")
