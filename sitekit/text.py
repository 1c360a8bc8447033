"""Text primitives shared by the builder's guard and the auditor's checks: normalising,
counting words (CJK too) and matching word-list phrases, so both read a phrase the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

FIRST_SCREEN_WORDS = 150  # the hero: this many words of visible content after the header
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=256)
def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a phrase list: word-bounded, except phrases in scripts written without
    spaces between words (Chinese, Japanese) or with attached particles (Korean)."""
    bounded: list[str] = []
    bare: list[str] = []
    for p in phrases:
        p = norm(p)
        if not p:
            continue
        body = re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p)
        (bare if UNSPACED_RE.search(p) else bounded).append(body)
    parts = []
    if bounded:
        bounded.sort(key=len, reverse=True)
        parts.append(r"(?<!\w)(?:" + "|".join(bounded) + r")(?!\w)")
    if bare:
        bare.sort(key=len, reverse=True)
        parts.append("(?:" + "|".join(bare) + ")")
    return re.compile("|".join(parts)) if parts else None


class _PhraseFinder:
    """Whether a phrase list occurs in a normalised text, remembered for recent texts (the
    same heading or paragraph is asked about by several checks, and site chrome repeats)."""

    __slots__ = ("_seen", "pattern")
    MAX_SEEN = 512

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._seen: dict[str, bool] = {}

    def occurs_in(self, normed: str) -> bool:
        found = self._seen.get(normed)
        if found is None:
            if len(self._seen) >= self.MAX_SEEN:
                self._seen.clear()  # bounded memory over a long crawl
            found = self._seen[normed] = self.pattern.search(normed) is not None
        return found


@lru_cache(maxsize=256)
def _phrase_finder(phrases: tuple[str, ...]) -> _PhraseFinder | None:
    pattern = _phrase_re(phrases)
    return _PhraseFinder(pattern) if pattern is not None else None


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """Every listed phrase found in `text` (word-bounded; a trailing * matches any ending)."""
    finder = _phrase_finder(tuple(phrases))
    if finder is None or not text:
        return []
    normed = norm(text)
    if not finder.occurs_in(normed):  # the common case, answered from memory when seen
        return []
    return list(dict.fromkeys(m.group(0) for m in finder.pattern.finditer(normed)))


def has_phrase(text: str, phrases: Iterable[str]) -> bool:
    """Does any listed phrase occur in `text`? (Same answer as `bool(find_phrases(...))`.)"""
    finder = _phrase_finder(tuple(phrases))
    return bool(finder and text and finder.occurs_in(norm(text)))


def starts_with_phrase(text: str, phrases: Iterable[str]) -> bool:
    pattern = _phrase_re(tuple(phrases))
    return bool(pattern and text and pattern.match(norm(text).lstrip("¡¿\"'“«([ ")))


def word_len(text: str) -> int:
    """Words in `text`; runs of CJK characters count one word per two characters."""
    words = len(text.split())
    if text.isascii():
        return words
    cjk = len(CJK_RE.findall(text))
    return words + max(0, cjk // 2 - words) if cjk else words
