"""The benefit-first guard: each warning, at the field's line, from the shared word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.audit.words import load_word_lists
from sitekit.build.content import load_page
from sitekit.build.lint import Words, lint_page, load_words
from sitekit.errors import ConfigError

WORDS = load_words()


def warnings_for(front_matter: str, words: Words = WORDS) -> list[str]:
    page, problems = load_page(f"---\n{front_matter}---\n", "content/index.md", "index.md")
    assert page is not None, problems
    return [str(d) for d in lint_page(page, words)]


GOOD = "benefit: Get paid twice as fast\ncta: {label: Start a free trial, url: /trial/}\n"


def test_a_good_landing_page_has_no_warnings() -> None:
    assert warnings_for(GOOD) == []


def test_plain_pages_are_not_linted() -> None:
    assert warnings_for("title: Privacy\n") == []


@pytest.mark.parametrize(
    "benefit",
    [
        "Welcome to Acme Widgets",
        "We are a leading provider of widgets",
        "Founded in 1985, Acme builds widgets",
    ],
)
def test_seller_talk_benefit(benefit: str) -> None:
    found = warnings_for(GOOD.replace("Get paid twice as fast", benefit))
    assert any(m.startswith("content/index.md:2: benefit talks about the seller") for m in found)


def test_long_benefit() -> None:
    long = "Get paid twice as fast with invoices that chase every late customer for you"
    found = warnings_for(GOOD.replace("Get paid twice as fast", long))
    assert (
        "content/index.md:2: benefit has 14 words; keep it to 12 or fewer so it is read at "
        "a glance" in found
    )


@pytest.mark.parametrize("label", ["Submit", "Click here", "Learn more", "Read more!"])
def test_vague_cta_labels(label: str) -> None:
    text = GOOD + f"next_steps:\n  - label: {label}\n    url: /x/\n"
    found = warnings_for(text)
    assert any(m.startswith(f"content/index.md:5: vague call to action '{label}'") for m in found)


def test_proof_without_name_or_result() -> None:
    text = GOOD + "proof:\n  - quote: Great!\n  - name: Ana\n    result: Saved 4 hours a week\n"
    found = warnings_for(text)
    assert found == [
        "content/index.md:5: proof item without name or result: name a real "
        "customer and the specific result they got"
    ]


def test_no_low_commitment_step() -> None:
    found = warnings_for("benefit: Get paid twice as fast\ncta: {label: Buy now, url: /buy/}\n")
    assert any(m.startswith("content/index.md:3: no low-commitment next step") for m in found)
    signup = "signup: {label: Send me the guide, action: /s}\n"
    assert (
        warnings_for(
            "benefit: Get paid twice as fast\ncta: {label: Buy now, url: /buy/}\n" + signup
        )
        == []
    )


def test_word_lists_are_the_profiles_for_the_site_language() -> None:
    """One source for the guard and the auditor: sitekit.audit.words, merged per language."""
    assert load_words(language="de") == load_word_lists().words_for("de")
    assert "world-class" in WORDS["seller_talk"]


def test_a_profile_without_a_welcome_list_still_lints(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[words]\nseller_talk = ["we are"]\nvague_cta = ["tap"]\nlow_commitment = ["free"]\n'
    )
    words = load_words(profile)
    assert "welcome" not in words
    assert warnings_for(GOOD, words) == []
    found = warnings_for(GOOD.replace("Get paid twice as fast", "We are Acme"), words)
    assert any("talks about the seller ('we are')" in m for m in found)


def test_a_profile_missing_a_required_list_is_an_error(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('[words]\nvague_cta = ["tap"]\n')
    with pytest.raises(ConfigError, match="seller_talk"):  # no built-in fallback any more
        load_words(profile)


# The guard reads phrases as the auditor does (sitekit.text): a deliberate change from its own
# matcher, which missed phrases in scripts written without spaces and curly opening quotes.


def test_a_japanese_seller_talk_phrase_from_the_profile_warns() -> None:
    words = load_words(language="ja")
    assert "当社" in words["seller_talk"]
    found = warnings_for(GOOD.replace("Get paid twice as fast", "当社は創業50年の実績"), words)
    assert any(
        m.startswith("content/index.md:2: benefit talks about the seller ('当社')") for m in found
    )


def test_curly_quotes_are_read_as_straight_ones() -> None:
    found = warnings_for(GOOD.replace("Get paid twice as fast", "‘We’re the best’ at invoices"))
    assert any("talks about the seller" in m for m in found)
    benefit = "benefit: Get paid twice as fast\n"
    assert warnings_for(benefit + "cta: {label: ‘Get a free trial’, url: /t/}\n") == []


def test_a_japanese_cta_is_read_without_spaces() -> None:
    words = load_words(language="ja")
    front = "benefit: 請求書の回収が2倍速く\ncta: {label: 無料相談を予約する, url: /c/}\n"
    assert warnings_for(front, words) == []  # 無料 (free) inside an unspaced label
    vague = front.replace("無料相談を予約する", "詳細")
    assert any("vague call to action '詳細'" in m for m in warnings_for(vague, words))


def test_a_long_benefit_in_japanese_counts_words_as_the_auditor_does() -> None:
    words = load_words(language="ja")
    long = (  # one "word" to str.split(); some 24 to the auditor (two characters a word)
        "請求書の作成から送付、入金確認、督促まで、"
        "面倒な経理作業をすべて自動化して毎月の締め作業を半分の時間で"
    )
    found = warnings_for(f"benefit: {long}\ncta: {{label: 無料体験, url: /t/}}\n", words)
    assert any("content/index.md:2: benefit has" in m for m in found)
