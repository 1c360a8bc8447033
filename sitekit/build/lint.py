"""The benefit-first guard: warnings on landing pages, located at the front-matter field."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sitekit.errors import Diagnostic, Location
from sitekit.models import Link, Page
from sitekit.resources import audits_dir

MAX_BENEFIT_WORDS = 12

# Used only when the bundled profile (audits/default.toml [words]) is missing a list.
FALLBACK_WORDS: dict[str, tuple[str, ...]] = {
    "seller_talk": (
        "welcome to",
        "we are",
        "we're",
        "our company",
        "our mission",
        "leading provider",
        "founded in",
        "world-class",
        "the best",
        "dedicated to",
    ),
    "vague_cta": (
        "submit",
        "click here",
        "learn more",
        "read more",
        "more",
        "go",
        "send",
        "continue",
        "details",
    ),
    "welcome": ("welcome to", "welcome", "hello and welcome"),
    "low_commitment": (
        "free",
        "trial",
        "sample",
        "estimate",
        "demo",
        "quote",
        "consultation",
        "guide",
        "checklist",
        "download",
        "book",
        "try",
        "call",
        "15 minutes",
    ),
}


@dataclass(frozen=True)
class Words:
    """The word lists the guard uses (shared with the auditor's profile)."""

    seller_talk: tuple[str, ...]  # anywhere in the benefit
    vague_cta: tuple[str, ...]  # a whole CTA label
    low_commitment: tuple[str, ...]  # anywhere in a CTA label
    welcome: tuple[str, ...]  # at the start of the benefit
    source: str  # where they came from, e.g. ".../audits/default.toml" or "built-in fallback"


def load_words(profile: Path | None = None) -> Words:
    """Read the `[words]` table of the bundled profile, falling back list by list."""
    path = profile or audits_dir() / "default.toml"
    table: dict[str, object] = {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("words", {})
    except (OSError, tomllib.TOMLDecodeError):
        table = {}
    lists = {}
    used_file = False
    for key, fallback in FALLBACK_WORDS.items():
        value = table.get(key) if isinstance(table, dict) else None
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            lists[key] = tuple(v.lower().strip() for v in value)
            used_file = True
        else:
            lists[key] = fallback
    return Words(**lists, source=str(path) if used_file else "built-in fallback")


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@functools.lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern[str]:
    """A word-bounded regex for a list phrase; `*` matches the rest of a word."""
    body = re.escape(phrase).replace(re.escape("*"), r"\w*")
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


def _contains(text: str, phrase: str) -> bool:
    return _pattern(phrase).search(text) is not None


def _starts_with(text: str, phrase: str) -> bool:
    return _pattern(phrase).match(text) is not None


def lint_page(page: Page, words: Words) -> list[Diagnostic]:
    """Benefit-first warnings for one landing page (plain pages get none)."""
    if not page.is_landing:
        return []
    rel = page.source.as_posix()
    found: list[Diagnostic] = []

    def warn(field: str, message: str) -> None:
        line = page.field_lines.get(field) or page.field_lines.get(field.split(".")[0])
        found.append(Diagnostic("warning", message, Location(rel, line), field))

    benefit = _normal(page.benefit)
    seller = next((p for p in words.welcome if _starts_with(benefit, p)), None) or next(
        (p for p in words.seller_talk if _contains(benefit, p)), None
    )
    if seller:
        warn(
            "benefit",
            f"benefit talks about the seller ('{seller}'): lead with what the "
            "visitor gets, e.g. 'Get paid twice as fast'",
        )
    count = len(page.benefit.split())
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
    for field, label in labels:
        if _normal(label).strip(" .!?:") in words.vague_cta:
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
    low = any(_contains(_normal(label), p) for _, label in labels for p in words.low_commitment)
    if not low and not page.signup:
        warn(
            "cta",
            "no low-commitment next step: offer something free or small (estimate, "
            "sample, guide, 15-minute call) or an e-mail sign-up",
        )
    return found
