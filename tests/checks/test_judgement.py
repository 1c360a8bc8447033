"""A mini held-out set: hand-written pages of the archetypes criteria.md names, each rated
by a careful reader (0/1/2 per criterion, with the reason), against sitekit's band.

The ratings live in tests/data/judgement/labels.json, in the audit corpus's format, so
`python bench/accuracy.py tests/data/judgement` prints the same agreement figures for them.
A rating listed under "borderline" may be one band off; one under "known_miss" is a
disagreement kept visible instead of hidden (none at the moment).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitekit.audit.profile import Profile
from sitekit.audit.scoring import audit_page
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import CRITERIA, FetchedPage, PageResult

PAGES = Path(__file__).resolve().parent.parent / "data" / "judgement"
LABELS: dict[str, dict] = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))

RATINGS = [
    (name, crit, int(label["mean"][crit]), crit in label["borderline"], label["why"][crit])
    for name, label in LABELS.items()
    for crit in CRITERIA
    if crit in label["mean"] and crit not in label.get("known_miss", [])
]
KNOWN_MISSES = [
    (name, crit, int(label["mean"][crit]), label["why"][crit])
    for name, label in LABELS.items()
    for crit in label.get("known_miss", [])
]


def band(score: float) -> int:
    """0-24 -> 0, 25-74 -> 1, 75-100 -> 2 (as bench/accuracy.py)."""
    return 0 if score < 25 else (1 if score < 75 else 2)


_CACHE: dict[str, PageResult] = {}


def audit(name: str, profile: Profile) -> PageResult:
    if name not in _CACHE:
        path = PAGES / f"{name}.html"
        page = FetchedPage(
            url=path.as_uri(),
            final_url=path.as_uri(),
            status=200,
            body=path.read_bytes(),
            source_path=str(path),
        )
        _CACHE[name] = audit_page(make_snapshot(page), profile, is_entry=True)
    return _CACHE[name]


@pytest.mark.parametrize(
    ("name", "criterion", "human", "borderline", "why"),
    RATINGS,
    ids=[f"{r[0]}-{r[1]}" for r in RATINGS],
)
def test_band_matches_a_careful_reader(
    profile: Profile, name: str, criterion: str, human: int, borderline: bool, why: str
) -> None:
    result = audit(name, profile)
    assert result.auditable, result.reason
    score = result.criteria[criterion].score
    off = abs(band(score) - human)
    assert off == 0 or (borderline and off == 1), f"{name} {criterion}: {score} vs {human} ({why})"


def test_known_misses_are_still_misses(profile: Profile) -> None:
    """A rating under "known_miss" documents a disagreement; once fixed, it moves back."""
    for name, criterion, human, why in KNOWN_MISSES:
        score = audit(name, profile).criteria[criterion].score
        assert band(score) != human, f"{name} {criterion} now agrees ({why}): not a miss"


def test_js_shell_is_not_audited(profile: Profile) -> None:
    result = audit("js_shell", profile)
    assert not result.auditable
    assert "JavaScript" in result.reason


def test_every_page_is_rated_on_every_criterion() -> None:
    assert set(LABELS) == {p.stem for p in PAGES.glob("*.html")}
    for name, label in LABELS.items():
        assert name == "js_shell" or set(label["mean"]) == set(CRITERIA), name
