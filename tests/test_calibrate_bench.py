"""bench/_limits.py (the fit of caps' and floors' values) and bench/calibrate.py, on real
audits of the hand-made pages and on evidence worked out by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitekit.audit.profile import load_profile
from sitekit.models import CRITERIA

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import _limits  # noqa: E402
import accuracy  # noqa: E402

PAGES = REPO / "tests" / "data" / "judgement"


def test_evidence_scores_what_sitekit_scores_with_the_shipped_calibration() -> None:
    """The fit scores a page from its evidence under the hand-set rules; with the shipped
    values in place it must give exactly the score `sitekit audit` gives."""
    hand, shipped = load_profile(calibrated=False), load_profile()
    compared = 0
    for page in sorted(PAGES.glob("*.html")):
        under_hand = accuracy.audit_file(page, hand)
        if not under_hand.auditable:
            continue
        under_shipped = accuracy.audit_file(page, shipped)
        for crit in CRITERIA:
            rules = _limits.Rules.of(hand, crit)
            ev = _limits.evidence(under_hand, rules, hand)
            got = _limits.score(ev, rules.values(shipped), len(rules.caps))
            assert got == pytest.approx(under_shipped.criteria[crit].score, abs=0.05), (page, crit)
            compared += 1
    assert compared >= 100


def test_fit_moves_a_cap_the_raters_disagree_with_and_keeps_what_they_agree_with() -> None:
    """Pages that trigger the only cap were rated 0, the others 2; every page's weighted mean
    is 80. A cap at 70 leaves both in "partly"; the fit lowers it under 25 (the "fails" band),
    and leaves the floor (which no page meets) where it was."""
    rules = _limits.Rules("benefit", caps=(0,), floors=(0,))
    capped = _limits.Evidence(80.0, floors=(), caps=(0,), unjudged=100.0, role_min=None)
    free = _limits.Evidence(80.0, floors=(), caps=(), unjudged=100.0, role_min=None)
    evs = [capped, free] * 4
    human = [0.0, 2.0] * 4
    values = _limits.fit(evs, human, rules, [70.0, 25.0], accuracy.agreement)
    assert values[0] < 25 and values[1] == 25.0
    assert _limits.score(capped, values, 1) < 25 <= _limits.score(free, values, 1)
    # already in agreement: nothing moves
    assert _limits.fit(evs, human, rules, [10.0, 25.0], accuracy.agreement) == [10.0, 25.0]


def test_score_applies_floors_then_caps_then_the_unjudged_and_role_limits() -> None:
    ev = _limits.Evidence(10.0, floors=(0,), caps=(0,), unjudged=100.0, role_min=None)
    assert _limits.score(ev, [40.0, 60.0], 1) == 40.0  # floor to 60, then the cap wins
    unread = _limits.Evidence(90.0, floors=(), caps=(), unjudged=50.0, role_min=75.0)
    assert _limits.score(unread, [40.0, 60.0], 1) == 75.0  # the role floor comes last


def test_calibrate_runs_on_two_sets_without_writing(tmp_path: Path) -> None:
    """`python bench/calibrate.py SET SET --dry-run`: each set held out in turn, the decision
    per criterion printed, the shipped file left as it was."""
    shipped = (REPO / "audits" / "calibration.toml").read_bytes()
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "calibrate.py"), str(PAGES), str(PAGES), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0 and "page ids already in another set" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "calibrate.py"), str(PAGES), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for crit in CRITERIA:
        assert f"  {crit} " in done.stdout
    assert "changes against the shipped calibration:" in done.stdout
    assert "wrote" not in done.stdout
    assert (REPO / "audits" / "calibration.toml").read_bytes() == shipped
