"""bench/weights.py (would fitted check weights generalise?), on real audits of the hand-made
pages and on check results made by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitekit.audit.profile import load_profile
from sitekit.models import CRITERIA
from sitekit.models_audit import CheckResult

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import accuracy  # noqa: E402
import weights  # noqa: E402

PAGES = REPO / "tests" / "data" / "judgement"


def test_rescoring_with_the_hand_set_weights_gives_the_audited_score() -> None:
    """The bench recomputes scores from check results; with the profile's own weights it must
    give exactly what `sitekit audit` gave, or its comparison would measure its own error."""
    profile = load_profile()
    compared = 0
    for page in sorted(PAGES.glob("*.html")):
        result = accuracy.audit_file(page, profile)
        if not result.auditable:
            continue
        for crit in CRITERIA:
            found = result.criteria[crit]
            if found.score is None:
                continue
            pages = [("set", 1.0, found.checks)]
            hand = weights.knobs(crit, pages, profile)
            assert weights.rescored(crit, pages, profile, hand) == [found.score], (page, crit)
            compared += 1
    assert compared >= 80


def _page(name: str, good: float, noise: float, rating: float) -> weights.Page:
    """A page whose link-text check follows the raters and whose scannable check does not
    (neither check has a cap or a floor in the default profile)."""
    checks = (
        CheckResult("findability-link-text", "findability", "t", good, weight=0.5),
        CheckResult("findability-scannable", "findability", "t", noise, weight=0.5),
    )
    return (name, rating, checks)


def test_fit_weights_the_check_that_follows_the_raters_and_it_holds_on_another_set() -> None:
    profile = load_profile()
    noise = [0.9, 0.1, 0.8, 0.3, 0.6]
    train = [_page("a", i / 4, n, i / 2) for i, n in enumerate(noise)]
    held = [_page("b", i / 4, n, i / 2) for i, n in enumerate(reversed(noise))]
    hand = weights.knobs("findability", train, profile)
    assert hand == {"findability-link-text": 0.5, "findability-scannable": 0.5}
    fitted = weights.fit("findability", train, profile, hand)
    assert fitted["findability-link-text"] > fitted["findability-scannable"]
    before = weights.per_set(held, weights.rescored("findability", held, profile, hand))["b"]
    after = weights.per_set(held, weights.rescored("findability", held, profile, fitted))["b"]
    assert after > before and after == pytest.approx(1.0)


def test_fit_leaves_weights_alone_when_nothing_does_better() -> None:
    profile = load_profile()
    pages = [
        ("a", i / 2, (CheckResult("findability-link-text", "findability", "t", i / 4, 0.5),))
        for i in range(5)
    ]
    hand = weights.knobs("findability", pages, profile)
    assert weights.fit("findability", pages, profile, hand) == hand


def test_one_set_is_refused_in_a_line_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "weights.py"), str(PAGES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "two or more rated sets" in done.stderr and "Traceback" not in done.stderr
