"""Would fitted check weights generalise? Each set held out in turn, the weights fitted on the
others, the held-out set scored with them.

Usage: python bench/weights.py SET_DIR [SET_DIR ...] [--criterion NAME]

The weights in audits/default.toml are set by hand. This script asks whether fitting them to
rated pages would agree better with the raters on pages they were not fitted on, the test
bench/calibrate.py applies to the caps, floors and curves. Every page is audited once as
`sitekit audit page.html` audits it (the shipped profile); the criterion scores are then
recomputed from the pages' check results (scoring.criterion_score) with other weights.

The fit is a coordinate search from the hand-set weights over a fixed ladder of values, one
check (or group of checks counted once) at a time, two passes, maximising the mean of the
training sets' Spearman (each set counts once, whatever its size). With n sets, the fit runs n
times, each time without one set, and the held-out set's Spearman is printed beside the hand-set
one. It prints; it writes nothing (the weights stay the profile's).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import accuracy  # bench/accuracy.py, beside this script

from sitekit.audit.profile import Profile, load_profile
from sitekit.audit.scoring import criterion_score
from sitekit.models import CRITERIA
from sitekit.models_audit import CheckResult

LADDER = (0.25, 0.5, 1.0, 2.0, 3.0, 4.0)
PASSES = 2
Page = tuple[str, float, tuple[CheckResult, ...]]  # set name, raters' mean, check results
Weights = dict[str, float]  # check id, or "group:NAME" -> weight


def knobs(criterion: str, pages: Sequence[Page], profile: Profile) -> Weights:
    """The hand-set weights that move this criterion's score: ungrouped checks with a weight,
    and each group the profile weighs in [groups] (its members count once, by that weight)."""
    found: Weights = {}
    groups = profile.groups.get(criterion, {})
    for _, _, checks in pages:
        for c in checks:
            cfg = profile.checks.get(c.id)
            if cfg is None or c.score is None:
                continue
            if cfg.group:
                # a group without a weight in [groups] weighs as each page's heaviest member
                # (scoring.weighted_mean): no one number to fit, so it is left as it is
                if cfg.group in groups:
                    found[f"group:{cfg.group}"] = groups[cfg.group]
            elif cfg.weight > 0:
                found[c.id] = cfg.weight
    return dict(sorted(found.items()))


def rescored(criterion: str, pages: Sequence[Page], profile: Profile, w: Weights) -> list[float]:
    """Every page's criterion score with weights `w` (caps, floors and curves as shipped)."""
    groups = {k[6:]: v for k, v in w.items() if k.startswith("group:")}
    prof = dataclasses.replace(
        profile,
        groups={**profile.groups, criterion: {**profile.groups.get(criterion, {}), **groups}},
    )
    return [
        criterion_score(
            criterion, [dataclasses.replace(c, weight=w.get(c.id, c.weight)) for c in checks], prof
        )
        for _, _, checks in pages
    ]


def per_set(pages: Sequence[Page], scores: Sequence[float]) -> dict[str, float]:
    """Spearman against the raters' mean, per set."""
    out: dict[str, float] = {}
    for name in sorted({p[0] for p in pages}):
        idx = [i for i, p in enumerate(pages) if p[0] == name]
        out[name] = accuracy.spearman([scores[i] for i in idx], [pages[i][1] for i in idx])
    return out


def fit(criterion: str, pages: Sequence[Page], profile: Profile, start: Weights) -> Weights:
    """Coordinate search over LADDER from `start`, maximising the sets' mean Spearman."""

    def objective(w: Weights) -> float:
        return accuracy._mean(list(per_set(pages, rescored(criterion, pages, profile, w)).values()))

    best, best_value = dict(start), objective(start)
    for _ in range(PASSES):
        for key in start:
            for value in LADDER:
                if value == best[key]:
                    continue
                trial = {**best, key: value}
                got = objective(trial)
                if got > best_value + 1e-9:
                    best, best_value = trial, got
    return best


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    only = ""
    if "--criterion" in argv:
        at = argv.index("--criterion")
        only = argv[at + 1] if at + 1 < len(argv) else ""
        args = [a for a in args if a != only]
        if only not in CRITERIA:
            print(f"--criterion: one of {', '.join(CRITERIA)}", file=sys.stderr)
            return 2
    corpora = [Path(a).resolve() for a in args]
    if len(corpora) < 2:
        print("give two or more rated sets (each is held out in turn)", file=sys.stderr)
        return 2
    labels, _, files, set_of = accuracy.load_sets(corpora)
    profile = load_profile()
    results = {pid: accuracy.audit_file(files[pid], profile) for pid in labels}
    for criterion in [only] if only else list(CRITERIA):
        pages: list[Page] = []
        for pid, result in results.items():
            found = result.criteria.get(criterion) if result.auditable else None
            if found is not None and found.score is not None:
                pages.append((set_of[pid], labels[pid]["mean"][criterion], found.checks))
        hand = knobs(criterion, pages, profile)
        hand_by_set = per_set(pages, rescored(criterion, pages, profile, hand))
        print(f"{criterion} ({len(pages)} pages): hand-set {hand}")
        gains = []
        for name in sorted(hand_by_set):
            train = [p for p in pages if p[0] != name]
            held = [p for p in pages if p[0] == name]
            fitted = fit(criterion, train, profile, hand)
            held_rho = per_set(held, rescored(criterion, held, profile, fitted))[name]
            gains.append(held_rho - hand_by_set[name])
            moved = {k: v for k, v in fitted.items() if v != hand[k]}
            print(
                f"  held out {name:<14} hand-set {hand_by_set[name]:.3f}  fitted on the others "
                f"{held_rho:.3f} ({held_rho - hand_by_set[name]:+.3f})  {moved or 'no change'}"
            )
        print(
            f"  mean change on held-out sets {accuracy._mean(gains):+.3f}; "
            f"rose on {sum(g > 0.0005 for g in gains)} of {len(gains)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
