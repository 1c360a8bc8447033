"""Refit the calibration (audits/calibration.toml) on rated pages: the caps' and floors'
fitted values, then the curves.

Usage: python bench/calibrate.py [SET_DIR ...] [--dry-run]
Each SET_DIR is a folder of rated pages in the audit corpus's format (labels.json, pages/):
the shared audit corpus by default; give several (the corpus and the fresh rated sets) to fit
on all of them. Every page is audited with the profile's hand-set rules and no calibration.

1. Limits (bench/_limits.py): per criterion, the values of its caps (max) and floors (min) are
   fitted to the raters' mean on all the pages. The fit is kept only if it holds on pages it
   was not fitted on: with several sets, each set is held out in turn (fitted on the others)
   and the fitted values must raise Spearman on every held-out set and not lower the pooled
   held-out kappa; with one set, the same test on 5 stratified folds x 10 repeats.
2. Curves: one monotone curve per criterion (limited score -> the raters' mean x 50), kept
   only if it improves the cross-validated agreement: kappa up, and Spearman not down by more
   than 0.01.

Prints the figures and what changed against the shipped file, then writes the file (unless
--dry-run).
"""

from __future__ import annotations

import sys
from pathlib import Path

import _limits  # bench/_limits.py, beside this script
import accuracy  # bench/accuracy.py, beside this script

from sitekit.audit import calibration
from sitekit.audit.profile import load_profile
from sitekit.models import CRITERIA
from sitekit.resources import audits_dir

OUT = "calibration.toml"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpora = [Path(a).resolve() for a in args] or [
        (accuracy.REPO.parent / "shared" / "audit-corpus").resolve()
    ]
    labels, _, files, set_of = accuracy.load_sets(corpora)
    shipped = load_profile()
    hand = load_profile(calibrated=False)
    results = {pid: accuracy.audit_file(files[pid], hand) for pid in labels}
    ids = [pid for pid in labels if results[pid].auditable]
    sets = sorted({set_of[p] for p in ids})
    everyone = list(range(len(ids)))
    how = (
        f"each of {len(sets)} sets held out in turn"
        if len(sets) > 1
        else f"{accuracy.FOLDS} folds x {accuracy.REPEATS} repeats"
    )
    print(f"{len(ids)} pages in {len(sets)} set(s) ({', '.join(sets)}); held out: {how}")

    limits: list[calibration.Limit] = []
    limited: dict[str, list[float]] = {}
    print("\nlimits: caps' max and floors' min, fitted (Spearman / kappa on held-out pages)")
    for c in CRITERIA:
        rules = _limits.Rules.of(hand, c)
        evs = [_limits.evidence(results[p], rules, hand) for p in ids]
        human = [float(labels[p]["mean"][c]) for p in ids]
        start = rules.values(hand)
        n = len(rules.caps)
        plain = [_limits.score(ev, start, n) for ev in evs]
        if not start:
            limited[c] = plain
            print(f"  {c:12s} no caps or floors to fit")
            continue
        keep, lines = _holds(evs, human, rules, start, ids, set_of, sets, everyone)
        values = _limits.fit(evs, human, rules, start, accuracy.agreement)
        found = rules.limits(hand, values)
        keep = keep and bool(found)
        if keep:
            limits.extend(found)
        limited[c] = [_limits.score(ev, values if keep else start, n) for ev in evs]
        print(f"  {c:12s} " + ("fitted values kept" if keep else "hand-set values kept"))
        for line in lines:
            print(f"    {line}")
        for limit in found:
            print(f"    {'kept' if keep else 'not kept'}: {_describe(limit, hand)}")

    curves: dict[str, calibration.Curve] = {}
    print(f"\ncurves ({accuracy.FOLDS} folds x {accuracy.REPEATS} repeats)")
    print(f"{'criterion':12s} {'plain CV rho/kappa':>19s} {'curve CV rho/kappa':>19s}  decision")
    for c in CRITERIA:
        raw = limited[c]
        human = [float(labels[p]["mean"][c]) for p in ids]
        plain_cv = accuracy.cv_agreement(
            accuracy.cross_validated(raw, human, None), human, everyone
        )
        fitted = accuracy.cv_agreement(
            accuracy.cross_validated(raw, human, accuracy.fit_curve), human, everyone
        )
        keep = fitted[1] > plain_cv[1] and fitted[0] >= plain_cv[0] - 0.01
        if keep:
            curves[c] = calibration.fit(raw, [50.0 * h for h in human])
        print(
            f"{c:12s} {plain_cv[0]:9.2f} {plain_cv[1]:8.2f} {fitted[0]:9.2f} {fitted[1]:9.2f}  "
            + ("curve kept" if keep else "no curve (CV not better)")
        )

    print("\nchanges against the shipped calibration:")
    changed = False
    for limit in sorted(set(shipped.limits) ^ set(limits), key=repr):
        changed = True
        print(f"  {'added' if limit in limits else 'removed'}: {_describe(limit, hand)}")
    for c in CRITERIA:
        before, after = shipped.calibration.get(c), curves.get(c)
        if before != after:
            changed = True
            print(f"  curve {c}: {_show(before)} -> {_show(after)}")
    if not changed:
        print("  none")
    header = (
        f"Calibration, fitted by bench/calibrate.py on {len(ids)} rated pages in {len(sets)}\n"
        f"set(s): {', '.join(sets)}.\n"
        "Regenerate with `python bench/calibrate.py SET_DIR ...` (the sets named here, to\n"
        "refit the same way). Do not edit by hand.\n"
        "[[limits]]: fitted values of the profile's caps (max) and floors (min), each kept\n"
        "only because it agreed better with the raters on every set it was not fitted on.\n"
        "[curves]: raw criterion score -> 0-100 (monotone, pool-adjacent-violators, knots on\n"
        "3+ pages); a criterion without a curve scores raw."
    )
    if "--dry-run" not in argv:
        (audits_dir() / OUT).write_text(calibration.dump(curves, header, limits), encoding="utf-8")
        print(f"wrote audits/{OUT}")
    return 0


def _holds(
    evs: list[_limits.Evidence],
    human: list[float],
    rules: _limits.Rules,
    start: list[float],
    ids: list[str],
    set_of: dict[str, str],
    sets: list[str],
    everyone: list[int],
) -> tuple[bool, list[str]]:
    """Whether values fitted without some pages agree better on those pages (see the module
    docstring), and a line per held-out set."""
    n = len(rules.caps)
    if len(sets) < 2:

        def fitter(train: list[_limits.Evidence], train_h: list[float]):  # type: ignore[no-untyped-def]
            values = _limits.fit(train, train_h, rules, start, accuracy.agreement)
            return lambda ev: _limits.score(ev, values, n)

        plain = accuracy.cv_agreement(
            accuracy.cross_validated(evs, human, lambda *_: lambda ev: _limits.score(ev, start, n)),
            human,
            everyone,
        )
        fitted = accuracy.cv_agreement(
            accuracy.cross_validated(evs, human, fitter), human, everyone
        )
        line = f"CV: hand-set {_pair(plain)}, fitted {_pair(fitted)}"
        return fitted[0] >= plain[0] + 0.01 and fitted[1] >= plain[1], [line]
    held = [0.0] * len(ids)
    lines, better = [], True
    for name in sets:
        inside = [i for i in everyone if set_of[ids[i]] == name]
        outside = [i for i in everyone if set_of[ids[i]] != name]
        values = _limits.fit(
            [evs[i] for i in outside], [human[i] for i in outside], rules, start, accuracy.agreement
        )
        h = [human[i] for i in inside]
        before = accuracy.agreement([_limits.score(evs[i], start, n) for i in inside], h)
        for i in inside:
            held[i] = _limits.score(evs[i], values, n)
        after = accuracy.agreement([held[i] for i in inside], h)
        better = better and after[0] > before[0]
        lines.append(
            f"held out {name} ({len(inside)}): hand-set {_pair(before)}, "
            f"fitted on the others {_pair(after)}"
        )
    plain = accuracy.agreement([_limits.score(ev, start, n) for ev in evs], human)
    pooled = accuracy.agreement(held, human)
    lines.append(f"pooled: hand-set {_pair(plain)}, held out {_pair(pooled)}")
    return better and pooled[1] >= plain[1], lines


def _pair(figures: tuple[float, float]) -> str:
    return f"{figures[0]:.2f} / {figures[1]:.2f}"


def _describe(limit: calibration.Limit, hand) -> str:  # type: ignore[no-untyped-def]
    _, value = calibration.RULES[limit.rule]
    rules = hand.caps if limit.rule == "cap" else hand.floors
    was = next((getattr(r, value) for r in rules if limit.applies_to(r)), None)
    sign = "below" if limit.rule == "cap" else "at least"
    return (
        f"{limit.criterion}: {limit.rule} while {limit.check} {sign} {limit.threshold:g}: "
        f"{value} {was:g} -> {limit.value:g}"
    )


def _show(curve: calibration.Curve | None) -> str:
    return "none" if not curve else " ".join(f"{x:g}->{y:g}" for x, y in curve)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
