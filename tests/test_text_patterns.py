"""The figure patterns of sitekit/figures.py are written for speed (a look-behind moved after the
first character, so the regex engine scans for it): they find exactly what the plain form
finds, kept here as the reference."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.audit.checks.proof import RATING_RE
from sitekit.audit.checks.proof_evidence import RELEASE_RE
from sitekit.figures import NUMBER_CLAIM_RE, THOUSANDS_HINT_RE, number_claims
from sitekit.text import CJK_RE, UNSPACED_RE, LazyPattern, count_words, word_len

PLAIN_NUMBER_CLAIM_RE = re.compile(
    r"(?<![0-9A-Za-zÀ-ÿА-яЁё_.,+/#№月時-])([1-9]\d{0,2}(?:[.,\s]\d{3})+|[1-9]\d*(?:[.,]\d+)?)\s*"
    + NUMBER_CLAIM_RE.pattern.split(r"\s*+", 1)[1].split(")", 1)[1],  # (the units' look-ahead)
    re.UNICODE,
)
PLAIN_THOUSANDS_HINT_RE = re.compile(r"\d[.,]\d\d\d")
PLAIN_HINTS = [  # the proof checks' hints, plain, and the fast forms
    (re.compile(r"[1-5][.,]\d|★★★"), RATING_RE.hint),
    (re.compile(r"\d\.\d"), RELEASE_RE.hint),
]

ALPHABET = "0123456789 .,+-/#%xkK★mM×年人회時間日週ヶ月分aAbéёмт\u0663\n"
text = st.text(alphabet=ALPHABET, max_size=40)


def matches(pattern: re.Pattern[str], t: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(t)]


def test_the_reference_is_the_plain_form() -> None:
    assert PLAIN_NUMBER_CLAIM_RE.pattern.startswith(r"(?<![0-9A-Za-z")
    assert PLAIN_NUMBER_CLAIM_RE.pattern.endswith("])")


@settings(max_examples=1500, deadline=None)
@given(text)
def test_figures_are_found_as_the_plain_pattern_finds_them(t: str) -> None:
    assert matches(NUMBER_CLAIM_RE, t) == matches(PLAIN_NUMBER_CLAIM_RE, t)
    assert bool(THOUSANDS_HINT_RE.search(t)) == bool(PLAIN_THOUSANDS_HINT_RE.search(t))
    for plain, fast in PLAIN_HINTS:
        assert bool(fast.search(t)) == bool(plain.search(t))


def test_figures_on_real_phrases() -> None:
    for t in (
        "500+ patients, 94% satisfied, 12.000 Betriebe, 2.5M users, 1m+ founders",
        "job 5-270 is logged; call 0800 123 4567; v2.43 on 22nd of March 2026",
        "since 1998, 3 years, 10,000 teams, 4.8/5 from 320 reviews, 7 人",
    ):
        assert matches(NUMBER_CLAIM_RE, t) == matches(PLAIN_NUMBER_CLAIM_RE, t)
    assert [m.group(0) for m in NUMBER_CLAIM_RE.finditer("500+ patients, 94% satisfied")] == [
        "500+",
        "94%",
    ]


def test_japanese_durations_are_figures_and_dates_are_not() -> None:
    # as '5 hours' and '3 days' are figures in English; '12月30日' is a date, '10時30分' a time
    assert number_claims("経理の手間を週5時間削減、最短3日で納品、6ヶ月で黒字") == [
        "5時間",
        "3日",
        "6ヶ月",
    ]
    assert number_claims("2024年12月30日（月）10時30分から") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab é—\u303f\u3040あ漢한\uf900", max_size=30), st.booleans())
def test_a_pattern_with_a_floor_answers_as_the_compiled_one(t: str, unspaced: bool) -> None:
    """Texts below the floor (French, a dash) are answered without compiling; the answers are
    the compiled pattern's, before and after the budget runs out."""
    lazy = LazyPattern(
        (UNSPACED_RE if unspaced else CJK_RE).pattern, non_ascii=True, floor="\u3040"
    )
    plain = re.compile(lazy.pattern)
    assert lazy.findall(t) == plain.findall(t)
    assert bool(lazy.search(t)) == bool(plain.search(t))
    assert [m.span() for m in lazy.finditer(t)] == [m.span() for m in plain.finditer(t)]


def test_a_text_below_the_floor_does_not_compile() -> None:
    lazy = LazyPattern(CJK_RE.pattern, non_ascii=True, floor="\u3040")
    assert lazy.findall("un café — déjà vu") == []
    assert "compiled" not in lazy.__dict__  # still lazy
    assert lazy.findall("日本語") == ["日", "本", "語"]
    assert "compiled" in lazy.__dict__
    spent = LazyPattern(CJK_RE.pattern, non_ascii=True, floor="\u3040")
    spent.findall("é" * LazyPattern.FLOOR_BUDGET)  # the budget used up
    assert spent.findall("café") == [] and "compiled" in spent.__dict__


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aB1 .,'\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0’é日本", max_size=30))
def test_a_word_count_from_the_normal_form_is_count_words(t: str) -> None:
    """word_len counts an ASCII text's words from its normal form (no second spacing test):
    the same count as count_words, for any spacing, and for texts that are not ASCII."""
    word_len.cache_clear()
    assert word_len(t) == count_words(t)
