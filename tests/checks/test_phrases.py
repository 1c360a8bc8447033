"""has_phrase / find_phrases: remembered answers equal a fresh search of the list's regex."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.audit.profile import load_profile
from sitekit.phrases import _phrase_re, find_phrases, has_phrase
from sitekit.text import norm

ALPHABET = "ab cé-'*.!日本ー"
phrase = st.text(alphabet=ALPHABET, min_size=1, max_size=6)
text = st.text(alphabet=ALPHABET + "x\n", max_size=40)


def reference_has(t: str, phrases: tuple[str, ...]) -> bool:
    pattern = _phrase_re(phrases)
    return bool(pattern and t and pattern.search(norm(t)))


@settings(max_examples=400, deadline=None)
@given(st.lists(phrase, min_size=1, max_size=6), text)
def test_has_phrase_agrees_with_a_fresh_search(phrases: list[str], t: str) -> None:
    key = tuple(phrases)
    for _ in range(2):  # the second answer comes from memory
        assert has_phrase(t, key) == reference_has(t, key)
        assert bool(find_phrases(t, key)) == reference_has(t, key)


def test_agrees_on_every_bundled_word_list() -> None:
    words = load_profile().words_for("en")
    texts = [
        "The best plumber in town, world-class service.",
        "Lorem ipsum dolor sit amet",
        "Read our case studies and success stories",
        "Get a free estimate today - try it free",
        "Welcome to our website!",
        "nothing to see here",
        "",
    ]
    for phrases in words.values():
        for t in texts:
            assert has_phrase(t, phrases) == reference_has(t, phrases), (phrases[:3], t)


def test_prefix_star_and_word_bounds() -> None:
    phrases = ("guarantee*", "guaranteed results", "free", "free trial", "24/7")
    assert has_phrase("Guarantees included", phrases)
    assert find_phrases("A free trial, guaranteed results", phrases) == [
        "free trial",
        "guaranteed results",
    ]
    assert not has_phrase("freedom", phrases)
    assert has_phrase("open 24/7.", phrases)
    assert not has_phrase("open 24/70", phrases)


def test_memory_is_bounded() -> None:
    from sitekit.phrases import _phrase_finder

    phrases = ("bounded memory",)
    for n in range(5000):
        has_phrase(f"text number {n}", phrases)
    finder = _phrase_finder(phrases)
    assert finder is not None
    assert len(finder._seen) <= finder.MAX_SEEN
    assert has_phrase("a bounded memory test", phrases)


WIDE = "ab é_1#×/-'*. 日ー"  # word and non-word characters, prefixes, CJK
wide_phrase = st.text(alphabet=WIDE, min_size=1, max_size=7)
wide_text = st.text(alphabet=WIDE + "x\n", max_size=40)


def reference_find(t: str, phrases: tuple[str, ...]) -> list[str]:
    pattern = _phrase_re(phrases)
    if pattern is None or not t:
        return []
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(norm(t))))


@settings(max_examples=600, deadline=None)
@given(st.lists(wide_phrase, min_size=1, max_size=8), wide_text)
def test_the_word_index_never_rules_out_a_match(phrases: list[str], t: str) -> None:
    """A list's words index rules texts out before its regex runs: same answers, including
    phrases that open or end with punctuation, have no word at all ('×') or end in '*'."""
    key = tuple(phrases)
    assert has_phrase(t, key) == reference_has(t, key)
    assert find_phrases(t, key) == reference_find(t, key)


def test_non_ascii_text_is_read_by_words_too() -> None:
    phrases = ("free trial", "24/7", "×", "garantie*")
    assert has_phrase("“Free trial” — no card", phrases)
    assert has_phrase("Ouvert 24/7…", phrases)
    assert has_phrase("Close ×", phrases)
    assert find_phrases("Garanties incluses, ¡free trial!", phrases) == ["garanties", "free trial"]
    assert not has_phrase("free-trials", phrases)


def test_lists_found_by_identity_answer_as_lists_found_by_value() -> None:
    """A tuple is found by identity, then by value: an equal list built anew, a list given
    as a `list`, and lists met after the identity memo was cleared all answer the same."""
    from sitekit.text import ByIdentity

    made: list[tuple[str, ...]] = []
    memo = ByIdentity(lambda key: made.append(key) or len(made), maxsize=2)
    a, b, c = ("free trial",), ("book*",), ("call us",)
    assert memo(a) == 1 and memo(a) == 1  # remembered: made once
    assert memo(b) == 2 and memo(c) == 3  # the third clears the memo (bounded)
    assert memo(a) == 4 and made == [a, b, c, a]
    phrases = ("free trial", "no card")
    again = tuple(list(phrases))  # equal, another object
    for t in ("Start a FREE trial today", "no cards here", ""):
        expected = reference_has(t, phrases)
        assert has_phrase(t, phrases) == has_phrase(t, again) == expected
        assert has_phrase(t, list(phrases)) == expected
        assert find_phrases(t, again) == find_phrases(t, list(phrases))


@settings(max_examples=400, deadline=None)
@given(st.lists(phrase, min_size=1, max_size=6), st.lists(text, max_size=5))
def test_blocks_may_hold_rules_out_only_pages_without_the_phrases(
    phrases: list[str], texts: list[str]
) -> None:
    from sitekit.audit.checks.text import blocks_may_hold
    from sitekit.models import Element, PageSnapshot

    key = tuple(phrases)
    page = PageSnapshot(
        url="https://x.test/",
        blocks=tuple(Element(kind="p", text=t, position=i) for i, t in enumerate(texts)),
    )
    if not blocks_may_hold(page, key):
        assert not any(reference_has(t, key) for t in texts)
