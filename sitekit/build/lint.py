"""The benefit-first guard: warnings on landing pages, located at the front-matter field, from
the profile's word lists (sitekit.audit.words) read with the auditor's phrase matcher; the
benefit's verdict is the auditor's own (sitekit.headline)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sitekit.audit.words import WordLists, load_word_lists, resolve_profile_path
from sitekit.errors import Diagnostic, Location
from sitekit.headline import benefit_flaw
from sitekit.models import Link, Page
from sitekit.text import has_phrase, norm, word_len

MAX_BENEFIT_WORDS = 12
_EXAMPLE = "lead with what the visitor gets, e.g. 'Get paid twice as fast'"
FLAW_MESSAGES = {  # headline.benefit_flaw's kinds
    "seller": "benefit talks about the seller ('{}'): " + _EXAMPLE,
    "placeholder": "benefit is placeholder text ('{}'): " + _EXAMPLE,
    "vague": "benefit is vague ('{}') and names no outcome: " + _EXAMPLE,
    "fragments": "benefit is a list of single words ('{}'), not a sentence: " + _EXAMPLE,
}

Words = Mapping[str, tuple[str, ...]]  # list name -> phrases, for the site's language


def load_words(profile: Path | None = None, language: str = "en") -> Words:
    """The word lists of `profile` (the bundled default.toml when None) for `language`."""
    return load_word_lists(profile).words_for(language)


_LISTS: dict[bytes, WordLists] = {}


def guard_words(language: str) -> Words:
    """The bundled profile's word lists for `language`, parsed again only when the file
    changes (a serve session)."""
    path = resolve_profile_path(None)
    try:
        data = path.read_bytes()
    except OSError:
        data = b""  # load_word_lists says what is wrong
    if data not in _LISTS:
        _LISTS.clear()
        _LISTS[data] = load_word_lists(path)
    return _LISTS[data].words_for(language)


def lint_page(page: Page, words: Words) -> list[Diagnostic]:
    """Benefit-first warnings for one landing page (plain pages get none)."""
    if not page.is_landing:
        return []
    rel = page.source.as_posix()
    found: list[Diagnostic] = []

    def warn(field: str, message: str) -> None:
        line = page.field_lines.get(field) or page.field_lines.get(field.split(".")[0])
        found.append(Diagnostic("warning", message, Location(rel, line), field))

    flaw, found_in = benefit_flaw(page.benefit, words)  # the auditor's rules for a heading
    if flaw:
        warn("benefit", FLAW_MESSAGES[flaw].format(found_in))
    count = word_len(page.benefit)
    if count > MAX_BENEFIT_WORDS:
        warn(
            "benefit",
            f"benefit has {count} words; keep it to {MAX_BENEFIT_WORDS} or fewer "
            "so it is read at a glance",
        )
    links: list[tuple[str, Link]] = [("cta", page.cta)] if page.cta else []
    links += [(f"next_steps.{i}", step) for i, step in enumerate(page.next_steps)]
    labels = [(field, link.label) for field, link in links]
    if page.signup:
        labels.append(("signup", page.signup.label))
    vague = {norm(phrase) for phrase in words["vague_cta"]}
    for field, label in labels:
        if norm(label).strip(" .!?:") in vague:  # the whole label says nothing
            warn(
                field,
                f"vague call to action '{label}': say what the visitor gets, e.g. "
                "'Get a free estimate'",
            )
    for index, item in enumerate(page.proof):
        missing = [n for n, v in (("name", item.name), ("result", item.result)) if not v]
        if missing:
            warn(
                f"proof.{index}",
                f"proof item without {' or '.join(missing)}: name a real "
                "customer and the specific result they got",
            )
    low = any(has_phrase(label, words["low_commitment"]) for _, label in labels)
    if not low and not page.signup:
        warn(
            "cta",
            "no low-commitment next step: offer something free or small (estimate, "
            "sample, guide, 15-minute call) or an e-mail sign-up",
        )
    return found
