"""The language a page is judged in: its declared `<html lang>`, corrected by detection.

`detect(text)` asks py3langid (chosen by bench/language.py: the most accurate of the offline
detectors measured, 0.1-1 ms a page); the library is imported on first use, so commands that
never audit (`sitekit --version`) do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from operator import methodcaller
from typing import Any

from sitekit.models import CheckResult, Evidence
from sitekit.text import UNSPACED_RE

# Languages the detector may answer: the common languages of the web. Restricting the model
# keeps it from naming Latin for lorem ipsum or a creole for a three-word English page.
LANGUAGES = (
    "en", "de", "fr", "es", "pt", "it", "nl", "ja", "ko", "zh", "ru", "pl", "uk", "cs", "sk",
    "hu", "ro", "bg", "el", "tr", "sv", "da", "no", "fi", "et", "lv", "lt", "hr", "sr", "sl",
    "ar", "he", "fa", "hi", "id", "ms", "vi", "th",
)  # fmt: skip

# Measured on the audit corpus (bench/language.py): below ~20 words a detection is a guess
# (a 3-word hotel name came out German); at 0.95 and above py3langid was right on every page.
MIN_WORDS = 20
MIN_CONFIDENCE = 0.95


def code_of(lang: str) -> str:
    """'de-CH' / 'pt_BR' / ' EN ' -> 'de' / 'pt' / 'en'."""
    return lang.strip().lower().replace("_", "-").split("-")[0]


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def detect(text: str) -> tuple[str, float]:
    """The language of `text` as an ISO 639-1 code and the detector's confidence in [0, 1];
    ("", 0.0) for text with nothing to go on."""
    if not text.strip():
        return "", 0.0
    code, confidence = _identifier().classify(text)
    return str(code), float(confidence)


def page_language(
    declared: str, text: str, function_words: Mapping[str, Iterable[str]] | None = None
) -> tuple[str, str]:
    """The language to judge a page in, and why: ("de", "declared"), ("de", "detected"), or
    ("", "unknown").

    The page's own language first: its declared lang stands unless the text is long enough to
    tell and the detector is sure it is another language (a German page left at lang="en");
    with no declared lang, a sure detection is used. `function_words` (language -> its most
    common small words, from the profile) makes the usual case cheap: a declared language
    whose small words fill the text is taken as it is, without loading the detector.
    """
    own = code_of(declared)
    if len(text.split(None, MIN_WORDS - 1)) < MIN_WORDS:  # (no need to split the whole page)
        return (own, "declared") if own else ("", "unknown")
    if own and function_words and reads_as(text, function_words.get(own, ())):
        return own, "declared"
    found, confidence = detect(text)
    if found and found != own and confidence >= MIN_CONFIDENCE:
        return found, "detected"
    return (own, "declared") if own else ("", "unknown")


# Share of a text's first words that are the declared language's small words, at and above
# which the declaration is taken without asking the detector. Running text in a language has
# 15-40 % of its tokens among its 20-30 commonest words; text in another language has almost
# none (measured on the audit corpus by bench/language.py).
MIN_FUNCTION_SHARE = 0.08
_SAMPLE_WORDS = 300
_SAMPLE_CHARS = 1000


def reads_as(text: str, words: Iterable[str]) -> bool:
    """Whether `text` is plainly written in the language whose small words are `words`."""
    words = tuple(words)
    if not words:
        return False
    if any(UNSPACED_RE.search(w) for w in words):  # Japanese, Chinese: particles in the text
        sample = text[:_SAMPLE_CHARS]
        letters = len(UNSPACED_RE.findall(sample))
        hits = sum(sample.count(w) for w in words)
        return letters >= MIN_WORDS and hits / letters >= MIN_FUNCTION_SHARE / 2
    # (map and filter: the same tokens and count without a Python loop over 300 words)
    first_words = text.split(None, _SAMPLE_WORDS)[:_SAMPLE_WORDS]
    tokens = list(filter(None, map(str.lower, map(_strip_punct, first_words))))
    known = frozenset(words)
    return bool(tokens) and sum(map(known.__contains__, tokens)) / len(tokens) >= MIN_FUNCTION_SHARE


_PUNCT = ".,;:!?¡¿()[]{}\"'“”‘’«»—–-…/|*"
_strip_punct = methodcaller("strip", _PUNCT)


# The note a check carries when it was not judged for want of the page language's word list.
NOT_JUDGED = "not judged: no word list for language"


def has_word_list(code: str, word_languages: Iterable[str]) -> bool:
    """Whether a profile whose base lists are English (and language-neutral) and whose
    [words_lang] tables cover `word_languages` can read a page in language `code`;
    an unknown language ("") is read with the base lists."""
    return code in ("", "en") or code in word_languages


def not_judged(code: str) -> Evidence:
    """The evidence of a word-list check left unjudged on a page in language `code`."""
    return Evidence(element="page", note=f"{NOT_JUDGED} {code!r}")


def is_not_judged(result: CheckResult) -> bool:
    """Whether `result` is a check left unjudged for want of a word list."""
    return result.score is None and any(e.note.startswith(NOT_JUDGED) for e in result.evidence)
