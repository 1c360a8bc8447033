"""Text primitives shared by the builder's guard and the auditor's checks: normalising,
counting words (CJK too), lazily compiled and hinted patterns. Word-list phrases are matched in
sitekit/phrases.py and figures found in sitekit/figures.py, on these primitives."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
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
# a run of kanji or katakana of two characters or more: a content word of Japanese or Chinese
# (the kana between them is grammar: particles, verb endings)
CJK_CONTENT_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30a0-\u30ff]{2,}")


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

    def clear(self) -> None:
        self._seen.clear()

    def entries(self) -> dict[int, tuple[K, V]]:
        """The memo itself, id(key) -> (key, value), for a caller that reads it inline (the
        same dict for the memo's life: it is only ever emptied, never replaced)."""
        return self._seen

    def _remember(self, key: K) -> V:
        value = self.make(key)
        if len(self._seen) >= self.maxsize:
            self._seen.clear()  # bounded: a long-lived process meets new lists
        self._seen[id(key)] = (key, value)
        return value


# the ASCII characters but the space that str.split() splits on (tab, newline, \x1c...)
_ASCII_BREAKS = tuple(c for c in map(chr, range(128)) if c.isspace() and c != " ")


def single_spaced(text: str) -> bool:
    """Is `text` ASCII, its words parted by single spaces and none around them (as the
    snapshot leaves every text it reads)? Then `" ".join(text.split())` is `text` itself and
    `len(text.split())` is its spaces + 1 (for a text that is not empty): norm and count_words
    skip splitting it into words, ~4x slower over a long paragraph. (Nine searches for one
    character each cost less than isprintable() over a paragraph.)"""
    return (
        text.isascii()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and not any(map(text.__contains__, _ASCII_BREAKS))  # (map: no Python loop)
    )


_TEXT_MEMOS: list[Callable[[], None]] = []  # how each memo of page texts is emptied


def remembers_texts(clear: Callable[[], None]) -> None:
    """Register a memo that holds page texts (or answers about them) by how it is emptied."""
    _TEXT_MEMOS.append(clear)


def forget_texts() -> None:
    """Empty every memo of page texts (normal forms, word counts, phrase and figure answers):
    a process that has checked its last page keeps none of them. Bounded as they are, they
    hold the texts of the last pages checked, several MB on pages with thousands of links."""
    for clear in _TEXT_MEMOS:
        clear()


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Lowercase, straight apostrophes and hyphens, single spaces."""
    lowered = text.lower()
    if single_spaced(lowered):
        return lowered  # (ASCII: no curly apostrophes to straighten)
    # curly apostrophes, and the hyphen and non-breaking hyphen typesetters put in
    # 'rendez‑vous' (chained: a loop over pairs costs twice as much on this hot path)
    lowered = (
        lowered.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2010", "-")
        .replace("\u2011", "-")
    )
    return " ".join(lowered.split())


UNSPACED_RE = LazyPattern(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]", non_ascii=True, floor="\u3040"
)


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


def count_words(text: str, parts: int | None = None) -> int:
    """Words in `text`; runs of CJK characters count one word per two characters. `parts`:
    the number of its whitespace-separated parts, when the caller has split it already."""
    if parts is not None:
        words = parts
    elif text and single_spaced(text):
        words = text.count(" ") + 1
    else:
        words = len(text.split())
    if text.isascii():
        return words
    cjk = len(CJK_RE.findall(text))
    return words + max(0, cjk // 2 - words) if cjk else words


@lru_cache(maxsize=4096)
def word_len(text: str) -> int:
    """`count_words`, remembered for recent texts: the checks count the same blocks' words
    again and again (the snapshot, which sees each piece of text once, counts directly).
    An ASCII text's words are those of its normal form, which the phrase look-ups have most
    often made already: its spaces + 1 (norm single-spaces it), with no second test of how
    the text is spaced."""
    if text.isascii():
        normed = norm(text)
        return normed.count(" ") + 1 if normed else 0
    return count_words(text)


remembers_texts(norm.cache_clear)
remembers_texts(word_len.cache_clear)
