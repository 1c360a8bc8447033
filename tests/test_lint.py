"""The benefit-first guard: each warning, at the field's line, from the shared word lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitekit.audit.words import load_word_lists
from sitekit.build.content import load_page
from sitekit.build.lint import Words, lint_page, load_words
from sitekit.errors import ConfigError
from sitekit.models import PASS_SCORE

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


def test_a_templates_sample_contact_warns_as_the_auditor_counts_it() -> None:
    """The guard and the auditor agree: a sample number or address reaches nobody."""
    page = GOOD + "next_steps:\n  - {label: Call us, url: 'tel:+15551234567'}\n"
    found = warnings_for(page)
    assert len(found) == 1 and found[0].startswith("content/index.md:5: '+15551234567'")
    assert "sample contact" in found[0]
    real = GOOD + "next_steps:\n  - {label: Call us, url: 'tel:+15035550142'}\n"
    assert warnings_for(real) == []
    welcome = (
        "template: welcome\nsteps: [{when: today, what: we call you}]\n"
        "contact: {who: Sam, how: 'write to hello@example.com', response_time: 1 hour}\n"
        "if_something_goes_wrong: call Sam\n"
    )
    found = warnings_for(welcome)
    assert len(found) == 1 and found[0].startswith("content/index.md:4: 'hello@example.com'")


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


# The guard's benefit verdict is the auditor's (sitekit.headline): the same rules for seller
# talk, a welcome opening, placeholder and vague copy, read from the same word lists.


def benefit_warnings(benefit: str, language: str = "en") -> list[str]:
    words = load_words(language=language)
    found = warnings_for(GOOD.replace("Get paid twice as fast", benefit), words)
    return [m for m in found if m.startswith("content/index.md:2: benefit ")]


@pytest.mark.parametrize(
    ("benefit", "warning"),
    [
        ("Lorem ipsum dolor sit amet", "benefit is placeholder text ('lorem ipsum')"),
        ("Your headline here", "benefit is placeholder text ('your headline here')"),
        (
            "Innovative solutions for all your needs",
            "benefit is vague ('innovative, solutions') and names no outcome",
        ),
        ("Welcome to Acme Widgets", "benefit talks about the seller ('welcome to')"),
        (
            "Build. Integrate. Deliver.",
            "benefit is a list of single words ('Build. Integrate. Deliver.'), not a sentence",
        ),
        ("Welcome!", "benefit talks about the seller ('welcome')"),
        ("Willkommen im Hotel Adler", "benefit talks about the seller ('willkommen')"),
    ],
)
def test_the_guard_warns_on_what_the_auditor_fails(benefit: str, warning: str) -> None:
    language = "de" if benefit.startswith("Willkommen") else "en"
    found = benefit_warnings(benefit, language)
    assert len(found) == 1 and found[0].startswith(f"content/index.md:2: {warning}"), found


@pytest.mark.parametrize(
    "benefit",
    [
        "Welcome home to a spotless house",  # 'welcome' as a verb, not a greeting
        "Innovative invoicing that gets you paid 2x faster",  # vague word, concrete outcome
        "Spotless homes, cleaned while you are at work",
    ],
)
def test_the_guard_passes_what_the_auditor_passes(benefit: str) -> None:
    assert benefit_warnings(benefit) == []


def _audit_heading(heading: str) -> dict[str, float | None]:
    """The auditor's benefit checks on a hand-made page whose main heading is `heading`."""
    from sitekit.audit.checks import REGISTRY
    from sitekit.audit.profile import load_profile
    from sitekit.audit.snapshot import make_snapshot
    from sitekit.models import FetchedPage

    html = (
        "<!doctype html><html lang='en'><head><title>Home</title></head><body>"
        "<header><nav><a href='/'>Brightclean</a></nav></header>"
        f"<main><h1>{heading}</h1><p>Brightclean of Leeds.</p></main></body></html>"
    )
    page = make_snapshot(
        FetchedPage("http://127.0.0.1/", "http://127.0.0.1/", 200, body=html.encode())
    )
    profile = load_profile()
    ids = ("benefit-seller-talk", "benefit-not-vague", "benefit-outcome")  # the heading judged
    return {i: REGISTRY[i].fn(page, profile.options_for(i, "en")).score for i in ids}


@pytest.mark.parametrize(
    ("heading", "fails", "outcome_cap"),
    [  # the checks that fail, and the cap benefit-outcome puts on the heading (1.0: none)
        ("Welcome home to a spotless house", set(), 1.0),
        ("Welcome to Brightclean", {"benefit-seller-talk"}, 0.3),
        ("Lorem ipsum dolor sit amet", {"benefit-not-vague"}, 0.0),
        ("Innovative solutions for all your needs", set(), 0.4),
        ("Build. Integrate. Deliver.", {"benefit-not-vague"}, 1.0),
    ],
)
def test_the_auditor_agrees_with_the_guard_on_the_same_sentence(
    heading: str, fails: set[str], outcome_cap: float
) -> None:
    scores = _audit_heading(heading)
    outcome = scores.pop("benefit-outcome")
    assert {i for i, s in scores.items() if s is not None and s < PASS_SCORE} == fails, scores
    assert outcome is not None and outcome <= outcome_cap, outcome
    assert bool(benefit_warnings(heading)) == bool(fails or outcome_cap < 1.0)


def test_the_guard_loads_no_check() -> None:
    """The guard reads the auditor's rules without the check registry (build start-up); the
    sample-contact rule loads only for a text with an '@' or a digit."""
    code = (
        "import sys, sitekit.build.lint; "
        "print(sorted(m for m in sys.modules if m.startswith('sitekit.audit')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['sitekit.audit', 'sitekit.audit.words']"
