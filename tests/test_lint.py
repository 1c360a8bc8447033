"""The benefit-first guard: each warning, at the field's line, from the shared word lists."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sitekit.build.content import load_page
from sitekit.build.lint import FALLBACK_WORDS, lint_page, load_words
from sitekit.resources import audits_dir

WORDS = load_words()


def warnings_for(front_matter: str) -> list[str]:
    page, problems = load_page(f"---\n{front_matter}---\n", "content/index.md", "index.md")
    assert page is not None, problems
    return [str(d) for d in lint_page(page, WORDS)]


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


def test_word_lists_come_from_the_bundled_profile() -> None:
    profile = audits_dir() / "default.toml"
    if not profile.is_file():
        pytest.skip(f"{profile} not written yet; the guard uses its built-in fallback")
    table = tomllib.loads(profile.read_text())["words"]
    words = load_words()
    assert words.source == str(profile)
    for key in ("seller_talk", "vague_cta", "low_commitment"):
        assert getattr(words, key) == tuple(v.lower() for v in table[key])


def test_falls_back_list_by_list_when_the_profile_lacks_words(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('[words]\nvague_cta = ["tap"]\n')
    words = load_words(profile)
    assert words.vague_cta == ("tap",)
    assert words.seller_talk == FALLBACK_WORDS["seller_talk"]
    assert load_words(tmp_path / "missing.toml").source == "built-in fallback"
