"""Refit the calibration curves (audits/calibration.toml) on the audit corpus.

Usage: python bench/calibrate.py [CORPUS_DIR] [--dry-run]
Audits every corpus page with the profile's rules but no curves (the raw criterion scores),
fits one monotone curve per criterion (raw score -> the raters' mean x 50), and measures the
curve cross-validated exactly as bench/accuracy.py does (fitted on the training folds only).
A criterion keeps a curve only if it improves the cross-validated agreement: kappa up, and
Spearman not down by more than 0.01; otherwise it is left uncalibrated. Prints the figures and
what changed against the shipped file, then writes the file (unless --dry-run).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import accuracy  # bench/accuracy.py, beside this script

from sitekit.audit import calibration
from sitekit.audit.profile import load_profile
from sitekit.models import CRITERIA
from sitekit.resources import audits_dir

OUT = "calibration.toml"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = (Path(args[0]) if args else accuracy.REPO.parent / "shared" / "audit-corpus").resolve()
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    pages = corpus / "pages" if (corpus / "pages").is_dir() else corpus
    profile = load_profile()
    shipped = profile.calibration
    raw_profile = replace(profile, calibration={})
    results = {pid: accuracy.audit_file(pages / f"{pid}.html", raw_profile) for pid in labels}
    ids = [pid for pid in labels if results[pid].auditable]
    everyone = list(range(len(ids)))
    kept: dict[str, calibration.Curve] = {}
    print(f"{len(ids)} pages; cross-validated {accuracy.FOLDS} folds x {accuracy.REPEATS} repeats")
    print(f"{'criterion':12s} {'raw CV rho/kappa':>17s} {'curve CV rho/kappa':>19s}  decision")
    for c in CRITERIA:
        raw = [results[p].criteria[c].score for p in ids]
        human = [float(labels[p]["mean"][c]) for p in ids]
        plain = accuracy.cv_agreement(accuracy.cross_validated(raw, human, None), human, everyone)
        fitted = accuracy.cv_agreement(
            accuracy.cross_validated(raw, human, accuracy.fit_curve), human, everyone
        )
        keep = fitted[1] > plain[1] and fitted[0] >= plain[0] - 0.01
        if keep:
            kept[c] = calibration.fit(raw, [50.0 * h for h in human])
        print(
            f"{c:12s} {plain[0]:8.2f} {plain[1]:8.2f} {fitted[0]:9.2f} {fitted[1]:9.2f}  "
            + ("curve kept" if keep else "no curve (CV not better)")
        )
    print("\nchanges against the shipped curves:")
    for c in CRITERIA:
        before, after = shipped.get(c), kept.get(c)
        if before != after:
            print(f"  {c}: {_show(before)} -> {_show(after)}")
        else:
            print(f"  {c}: unchanged")
    header = (
        "Calibration curves: raw criterion score -> 0-100, fitted by bench/calibrate.py on the\n"
        "audit corpus (monotone, pool-adjacent-violators, knots on 3+ pages). Regenerate with\n"
        "`python bench/calibrate.py`; a criterion without a curve scores raw. Do not edit by hand."
    )
    if "--dry-run" not in argv:
        (audits_dir() / OUT).write_text(calibration.dump(kept, header), encoding="utf-8")
        print(f"wrote audits/{OUT}")
    return 0


def _show(curve: calibration.Curve | None) -> str:
    return "none" if not curve else " ".join(f"{x:g}->{y:g}" for x, y in curve)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
