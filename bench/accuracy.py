"""Agreement between sitekit's auditor and the human raters of the audit corpus.

Usage: python bench/accuracy.py [CORPUS_DIR ...] [--quiet | --totals] [--no-speed] [--perturb=N]
CORPUS_DIR holds labels.json (and sources.json) and the pages (in pages/ or beside it): the
shared audit corpus by default, or tests/data/judgement (hand-written held-out pages). Several
folders are measured as one set (their page ids must differ), with a group row for each.
--quiet leaves out the raters' reasons and the per-page table; --totals prints the tables
only, no page's name (for a set kept closed: its figures are read, never its misses).

Each page is audited the way a user audits one file (`sitekit audit page.html`: run_audit on
the file, so links to pages that are not there are unknown, not broken). Per criterion it
prints the Spearman correlation (sitekit score vs raters' mean, ties averaged) and the
quadratic-weighted Cohen's kappa (sitekit rating vs raters' rounded mean) beside the raters'
own agreement:

- in-sample: the shipped rules and calibration curves (audits/calibration.toml) on every page;
- cross-validated: everything fitted to the corpus (the calibration curves) is refitted on
  k-1 folds and scored on the held fold (stratified by the raters' rounded mean, 5 folds x 10
  repeats, fixed seed); the held-out scores of one repeat are pooled over its folds and the
  figures are the mean over repeats;

then the same figures for English, non-English, each language with 5+ pages and each kind of
site, the misses (rating off by a band or more) with the raters' reasons, per-page ratings,
and a make_snapshot + audit_page micro-bench.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import _limits  # noqa: E402  (bench/_limits.py, beside this script)

from sitekit.audit import calibration  # noqa: E402
from sitekit.audit.pipeline import run_audit  # noqa: E402
from sitekit.audit.profile import Profile, load_profile  # noqa: E402
from sitekit.audit.scoring import audit_page  # noqa: E402
from sitekit.audit.snapshot import make_snapshot  # noqa: E402
from sitekit.crawl.settings import CrawlSettings  # noqa: E402
from sitekit.errors import NothingAuditedError  # noqa: E402
from sitekit.models import CRITERIA, FetchedPage, PageResult  # noqa: E402

RATERS = {  # mean pairwise Spearman, mean pairwise quadratic-weighted kappa (corpus README)
    "benefit": (0.80, 0.80),
    "findability": (0.80, 0.80),
    "next_step": (0.89, 0.88),
    "proof": (0.94, 0.93),
}
FOLDS, REPEATS, SEED = 5, 10, 1
BOOTSTRAP = 1000  # resamples of the pages for the interval of a change

# kind of site from the page id (its language prefix dropped): the first matching rule wins;
# a key matches anywhere in the id, or at its start only when written with a leading ^
KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("template/placeholder", ("template", "underconstruction")),
    ("oss", ("oss-", "^ext-", "opensource-", "browser-extension")),
    (
        "saas/app",
        (
            "saas-",
            "app-",
            "fintech-",
            "leadgen-",
            "software-company",
            "software-boscop",
            "web-tools",
            "hardware-startup",
            "software-simple",
            "vehicle-tracking",
        ),
    ),
    (
        "agency/portfolio",
        ("agency-", "portfolio-", "studio-", "consulting-", "consultant-", "freelancer-"),
    ),
    (
        "local trade",
        (
            "drain-",
            "roofer-",
            "plumber-",
            "movers-",
            "landscaper-",
            "cleaning-",
            "autobody-",
            "drone-",
            "dental-supply",
            "electrician-",
            "hvac-",
            "painter-",
            "locksmith-",
            "carpent",
            "paving-",
            "gardener-",
            "dry-cleaner",
            "printing-",
            "cleaning",
            "handyman",
            "car-detailing",
            "bim-",
            "hardware-store",
            "furniture-store",
            "dental-lab",
            "flower-farm",
            "auto-body",
            "pressure-washing",
            "house-cleaner",
            "arborist-",
            "car-appraiser",
            "taxi-",
            "floor-heating",
            "boatyard-",
            "aluminium-joinery",
            "security-systems",
            "courier-",
            "drywall-",
            "plumbing-",
            "manufacturer-",
            "ledsigns-",
            "sewingmachines-",
            "tree-service",
            "upholstery-",
            "furniture-assembly",
            "forklift-rental",
            "security-service",
            "dog-groomer",
            "jeweler-",
            "wine-shop",
            "^shop-",
            "natural-products",
            "elevator-service",
            "pottery-shop",
            "paint-finishing",
            "butcher-",
            "industrial-repair",
            "removals-",
            "sticker-shop",
            "herb-shop",
            "car-repair",
            "printer-",
            "kennel-",
            "car-wash",
            "fishmonger-",
            "lubricants-",
            "security-electrical",
            "painting-contractor",
            "^trade-",
            "pool-builder",
        ),
    ),
    (
        "health",
        (
            "dentist-",
            "physio",
            "vet-",
            "terapia-",
            "osteopath",
            "kinderfysio",
            "nutricionista",
            "zahnarzt",
            "therapist-",
            "sophrologist",
            "kinesiologist",
            "bonesetter",
            "optician",
            "chiropractor",
            "psychologist",
            "hairdresser",
            "seitai-",
            "acupuncture-",
            "massage-",
            "clinic-",
            "psychoanalyst",
            "nutritionist",
            "holistic-therapy",
            "workplace-health",
            "home-care",
            "pedicure-",
            "dietitian-",
            "^health-",
            "live-in-care",
        ),
    ),
    (
        "professional",
        (
            "lawyer-",
            "abogados-",
            "driving-school",
            "accountant",
            "insurance",
            "realtor-",
            "tutor-",
            "realestate-",
            "real-estate-",
            "property-",
            "tutoring-",
            "photographer-",
            "wedding-",
            "dj-",
            "bookkeeper-",
            "investigator-",
            "energy-consultancy",
            "finance-advice",
            "coaching-",
            "architect-",
            "english-school",
            "tax-accountant",
            "organizer-",
            "consultancy-",
            "event-planner",
            "^school-",
            "scrivener",
            "coach-",
            "concierge-",
            "tax-advisor",
            "^law-",
            "music-teacher",
            "self-defense-school",
            "english-learning",
            "hr-outsourcing",
            "automation-",  # an id opening with "it-" loses it as a language prefix
        ),
    ),
    (
        "hospitality/community",
        (
            "restaurant-",
            "cafe-",
            "bakery-",
            "church-",
            "conference-",
            "florist-",
            "hotel-",
            "fitness-",
            "salon-",
            "yoga-",
            "association-",
            "ferienwohnung",
            "club-",
            "foodtruck",
            "gym-",
            "barber-",
            "festival-",
            "inn-",
            "brewery-",
            "pastry-",
            "tennis-",
            "brass-band",
            "montessori-",
            "guesthouse-",
            "lodge-",
            "hostel-",
            "agriturismo-",
            "paintball-",
            "cooperative-",
            "community-platform",
            "homestay-",
            "holiday-home",
            "nonprofit-",
            "charity-",
            "food-bank",
            "youth-club",
            "heritage-",
            "dance-school",
            "aikido-",
            "community-space",
            "daycare-",
            "nursery-",
            "event-",
            "food-truck",
            "holiday-rental",
            "martial-arts",
            "museum-",
            "fishing-guide",
            "campsite-",
            "kids-party-venue",
            "winery-",
            "vacation-rental",
            "theater-group",
            "glamping-",
            "caterer-",
            "coffee-roaster",
            "conservation-",
            "musicians-",
        ),
    ),
)
LANG_PREFIXES = ("de-", "es-", "fr-", "pt-", "nl-", "it-", "ru-", "ja-")


def kind_of(pid: str, sources: dict[str, Any] | None = None) -> str:
    """The kind of site: as its set's sources.json records it (`kind`, the rated sets in
    bench/rated/), else read from the page id's words (the corpus)."""
    recorded = (sources or {}).get(pid, {}).get("kind")
    if recorded:
        return str(recorded)
    name = pid[3:] if pid.startswith(LANG_PREFIXES) else pid
    for kind, keys in KIND_RULES:
        if any(name.startswith(k[1:]) if k[0] == "^" else k in name for k in keys):
            return kind
    return "other"


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation of the (tie-averaged) ranks; nan when either side is constant."""
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx and vy else float("nan")


def paired_bootstrap(
    before: Sequence[float],
    after: Sequence[float],
    human: Sequence[float],
    resamples: int = BOOTSTRAP,
    seed: int = SEED,
) -> tuple[float, float, float]:
    """Spearman(after) - Spearman(before) against `human` on these pages, and the 2.5th and
    97.5th percentiles of that difference over `resamples` resamples of the pages (with
    replacement, the same pages for both; a resample where either side is constant is
    skipped): how far a change in the scores could be luck of which pages were rated."""
    observed = spearman(after, human) - spearman(before, human)
    rng = random.Random(seed)
    n = len(human)
    diffs = []
    for _ in range(resamples):
        pick = [rng.randrange(n) for _ in range(n)]
        h = [human[i] for i in pick]
        d = spearman([after[i] for i in pick], h) - spearman([before[i] for i in pick], h)
        if not math.isnan(d):
            diffs.append(d)
    if not diffs:
        return observed, float("nan"), float("nan")
    diffs.sort()
    low = diffs[int(0.025 * (len(diffs) - 1))]
    high = diffs[math.ceil(0.975 * (len(diffs) - 1))]
    return observed, low, high


def quadratic_kappa(a: Sequence[int], b: Sequence[int], k: int = 3) -> float:
    """Cohen's kappa with quadratic weights for ratings 0..k-1."""
    n = len(a)
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        observed[x][y] += 1
    hist_a = [sum(observed[i]) for i in range(k)]
    hist_b = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * hist_a[i] * hist_b[j] / n
    return 1.0 - num / den if den else float("nan")


def to_rating(score: float) -> int:
    """sitekit score 0-100 -> 0/1/2 (0-24, 25-74, 75-100)."""
    return 0 if score < 25 else (1 if score < 75 else 2)


def round_mean(mean: float) -> int:
    """Raters' mean -> nearest rating, halves rounded up."""
    return math.floor(mean + 0.5 + 1e-9)


def raters_here(
    labels: dict[str, Any], ids: Sequence[str], criterion: str
) -> tuple[float, float] | None:
    """How the raters agree on these pages: (mean pairwise Spearman, mean Spearman of each
    rater against the others' mean), or None when a page lacks per-rater ratings. The second
    is the fairer comparison for sitekit, which is measured against a mean too."""
    names = sorted(labels[ids[0]].get("ratings", {})) if ids else []
    if len(names) < 2 or any(sorted(labels[p].get("ratings", {})) != names for p in ids):
        return None
    by = {r: [float(labels[p]["ratings"][r][criterion]) for p in ids] for r in names}
    pairs = [spearman(by[a], by[b]) for i, a in enumerate(names) for b in names[i + 1 :]]
    against = [
        spearman(by[r], [_mean([by[o][i] for o in names if o != r]) for i in range(len(ids))])
        for r in names
    ]
    return _mean(pairs), _mean(against)


def agreement(ours: Sequence[float], human: Sequence[float]) -> tuple[float, float]:
    """(Spearman, quadratic-weighted kappa) of sitekit scores against raters' means."""
    rho = spearman(ours, human)
    kappa = quadratic_kappa([to_rating(s) for s in ours], [round_mean(h) for h in human])
    return rho, kappa


def audit_file(path: Path, profile: Profile) -> PageResult:
    """The entry page's result of `sitekit audit path` (run_audit on the one file); a page
    nothing could be scored on (a JavaScript shell: `sitekit audit` exits with its reason)
    comes back not auditable, with that reason, and is listed apart from the scored pages."""
    try:
        report = run_audit(str(path), profile=profile, settings=CrawlSettings())
    except NothingAuditedError as exc:
        return PageResult(
            url=path.as_uri(),
            status=None,
            score=None,
            auditable=False,
            reason=exc.message,
            is_entry=True,
            source_path=str(path),
        )
    return next(p for p in report.pages if p.is_entry)


# --------------------------------------------------------------------------- cross-validation

Fitter = Callable[[Sequence[Any], Sequence[float]], Callable[[Any], float]]


def fit_curve(raw: Sequence[float], human: Sequence[float]) -> Callable[[float], float]:
    """The calibration curve bench/calibrate.py ships, fitted on these pages alone."""
    curve = calibration.fit(raw, [50.0 * h for h in human])
    return lambda x: round(calibration.apply(curve, x), 1)


def stratified_folds(strata: Sequence[int], k: int, rng: random.Random) -> list[list[int]]:
    """k folds of indices, each stratum dealt round-robin after a shuffle."""
    folds: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for s in sorted(set(strata)):
        members = [i for i, v in enumerate(strata) if v == s]
        rng.shuffle(members)
        for j, i in enumerate(members):
            folds[(offset + j) % k].append(i)
        offset += len(members)
    return folds


def cross_validated(
    raw: Sequence[Any], human: Sequence[float], fitter: Fitter | None
) -> list[list[float]]:
    """Held-out scores per repeat: what is fitted on k-1 folds scores the held fold. `raw` is
    each page's raw score, or whatever `fitter` scores from (a page's evidence)."""
    rng = random.Random(SEED)
    repeats = []
    for _ in range(REPEATS):
        held = [0.0] * len(raw)
        for fold in stratified_folds([round_mean(h) for h in human], FOLDS, rng):
            inside = set(fold)
            train = [i for i in range(len(raw)) if i not in inside]
            if fitter is None:
                f: Callable[[float], float] = lambda x: x  # noqa: E731
            else:
                f = fitter([raw[i] for i in train], [human[i] for i in train])
            for i in fold:
                held[i] = f(raw[i])
        repeats.append(held)
    return repeats


def _fitter(
    rules: _limits.Rules,
    hand: list[float],
    shipped: list[float],
    fit_limits: bool,
    fit_curves: bool,
) -> Fitter:
    """What bench/calibrate.py fits, fitted again on training pages only: the cap and floor
    values (from the hand-set ones) if the shipped calibration fits them, then the curve if
    it ships one; pages are scored from their evidence."""
    n_caps = len(rules.caps)

    def fitter(train: Sequence[Any], train_human: Sequence[float]) -> Callable[[Any], float]:
        values = _limits.fit(train, train_human, rules, hand, agreement) if fit_limits else shipped
        curve = (
            calibration.fit(
                [_limits.score(ev, values, n_caps) for ev in train],
                [50.0 * h for h in train_human],
            )
            if fit_curves
            else None
        )
        return lambda ev: round(calibration.apply(curve, _limits.score(ev, values, n_caps)), 1)

    return fitter


def _held_by_set(
    evs: Sequence[Any], human: Sequence[float], sets: Sequence[str], fitter: Fitter
) -> list[float]:
    """Each page scored by what was fitted on the other sets' pages only."""
    held = [0.0] * len(evs)
    for name in sorted(set(sets)):
        train = [i for i, s in enumerate(sets) if s != name]
        f = fitter([evs[i] for i in train], [human[i] for i in train])
        for i, s in enumerate(sets):
            if s == name:
                held[i] = f(evs[i])
    return held


def cv_agreement(
    repeats: Sequence[Sequence[float]], human: Sequence[float], subset: Sequence[int]
) -> tuple[float, float]:
    """Mean over repeats of (Spearman, kappa) on the pooled held-out scores of `subset`."""
    rhos, kappas = [], []
    for held in repeats:
        rho, kappa = agreement([held[i] for i in subset], [human[i] for i in subset])
        rhos.append(rho)
        kappas.append(kappa)
    return _mean(rhos), _mean(kappas)


def _mean(values: Sequence[float]) -> float:
    ok = [v for v in values if not math.isnan(v)]
    return sum(ok) / len(ok) if ok else float("nan")


# --------------------------------------------------------------------------- the report


def _sources(corpus: Path) -> dict[str, Any]:
    """The set's sources.json, or nothing when it has none."""
    sources_file = corpus / "sources.json"
    if not sources_file.is_file():
        return {}
    return dict(json.loads(sources_file.read_text(encoding="utf-8")))


def _without_unavailable(
    corpus: Path, these: dict[str, Any], pages: Path, sources: dict[str, Any]
) -> dict[str, Any]:
    """The set's labels less the pages its sources.json marks `unavailable` (a page that cannot
    be put back as it was rated) and that are not there: each left out is said in one line."""
    gone = sorted(
        pid
        for pid in these
        if sources.get(pid, {}).get("unavailable") and not (pages / f"{pid}.html").is_file()
    )
    for pid in gone:
        print(
            f"{corpus.name}: {pid} left out: {sources[pid]['unavailable']}",
            file=sys.stderr,
        )
    return {pid: label for pid, label in these.items() if pid not in gone}


def load_sets(
    corpora: Sequence[Path],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Path], dict[str, str]]:
    """The labels, sources, page files and set name of every page in `corpora`."""
    labels: dict[str, Any] = {}
    sources: dict[str, Any] = {}
    files: dict[str, Path] = {}
    set_of: dict[str, str] = {}
    for corpus in corpora:
        if not (corpus / "labels.json").is_file():
            # a path mistyped, or the corpus not beside this checkout (a worktree's default)
            raise SystemExit(f"{corpus}: no labels.json here; give the rated set's folder")
        these = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
        twice = sorted(set(these) & set(labels))
        if twice:
            raise SystemExit(f"{corpus}: page ids already in another set: {', '.join(twice)}")
        these_sources = _sources(corpus)
        sources.update(these_sources)
        pages = corpus / "pages" if (corpus / "pages").is_dir() else corpus
        these = _without_unavailable(corpus, these, pages, these_sources)
        missing = sorted(pid for pid in these if not (pages / f"{pid}.html").is_file())
        if missing:
            # a set kept without its pages (bench/rated/): they are put back before measuring
            where = pages if pages != corpus or any(corpus.glob("*.html")) else corpus / "pages"
            raise SystemExit(
                f"{corpus}: {len(missing)} of {len(these)} rated pages are not there "
                f"(first: {where / missing[0]}.html); put the pages back first"
                + (" (bench/rated/README.md says how)" if corpus.parent.name == "rated" else "")
            )
        for pid in these:
            files[pid] = pages / f"{pid}.html"
            set_of[pid] = corpus.name
        labels.update(these)
    return labels, sources, files, set_of


def measure(corpora: Sequence[Path], profile: Profile, show_pages: bool, totals: bool) -> None:
    labels, sources, files, set_of = load_sets(corpora)
    curves = profile.calibration
    fitted = sorted({limit.criterion for limit in profile.limits})
    hand = load_profile(profile.path, calibrated=False)  # the hand-set rules, no calibration
    results = {pid: audit_file(files[pid], hand) for pid in labels}
    skipped = [pid for pid, r in results.items() if not r.auditable]
    ids = [pid for pid in labels if results[pid].auditable]
    where = ", ".join(str(c) for c in corpora)
    print(f"corpus: {where} ({len(ids)} pages scored, {len(skipped)} not auditable)")
    for pid in skipped:
        print(f"not auditable: {pid}: {results[pid].reason}")
    print(
        "calibration: fitted cap and floor values for "
        + (", ".join(fitted) if fitted else "no criterion")
        + "; curves for "
        + (", ".join(sorted(curves)) if curves else "no criterion")
        + f"; cross-validated: {FOLDS} folds x {REPEATS} repeats, seed {SEED}"
        + (", everything fitted refitted on the training folds" if fitted or curves else "")
    )
    human = {c: [float(labels[p]["mean"][c]) for p in ids] for c in CRITERIA}
    shipped: dict[str, list[float]] = {}
    cv: dict[str, list[list[float]]] = {}
    by_set: dict[str, list[float]] = {}
    hand_set: dict[str, list[float]] = {}
    for c in CRITERIA:
        rules = _limits.Rules.of(hand, c)
        evs = [_limits.evidence(results[p], rules, hand) for p in ids]
        values, n_caps = rules.values(profile), len(rules.caps)
        shipped[c] = [
            round(calibration.apply(curves.get(c), _limits.score(ev, values, n_caps)), 1)
            for ev in evs
        ]
        if c in fitted:
            hand_set[c] = [_limits.score(ev, rules.values(hand), n_caps) for ev in evs]
        fitter = _fitter(rules, rules.values(hand), values, c in fitted, c in curves)
        if c in fitted or c in curves:
            cv[c] = cross_validated(evs, human[c], fitter)
            if len(corpora) > 1:
                by_set[c] = _held_by_set(evs, human[c], [set_of[p] for p in ids], fitter)
        else:
            cv[c] = cross_validated(shipped[c], human[c], None)

    print(f"\n{'':12s} {'in-sample':>17s} {'cross-validated':>17s} {'raters':>15s}")
    print(
        f"{'criterion':12s} {'spearman':>9s} {'kappa':>7s} {'spearman':>9s} {'kappa':>7s} "
        f"{'spearman':>9s} {'kappa':>5s}"
    )
    everyone = list(range(len(ids)))
    for c in CRITERIA:
        rho, kappa = agreement(shipped[c], human[c])
        cv_rho, cv_kappa = cv_agreement(cv[c], human[c], everyone)
        r_rho, r_kappa = RATERS[c]
        print(
            f"{c:12s} {rho:9.2f} {kappa:7.2f} {cv_rho:9.2f} {cv_kappa:7.2f} "
            f"{r_rho:9.2f} {r_kappa:5.2f}"
        )

    if hand_set:
        print(
            "\nwhat the fitted values change on these pages (hand-set -> shipped), Spearman, "
            f"with a 95% interval of the change ({BOOTSTRAP} resamples of the pages, seed {SEED})"
        )
        for c, before in hand_set.items():
            change, low, high = paired_bootstrap(before, shipped[c], human[c])
            was, now = spearman(before, human[c]), spearman(shipped[c], human[c])
            print(
                f"{c:12s} {was:6.3f} -> {now:5.3f}  ({change:+.3f}, 95% {low:+.3f} to {high:+.3f})"
            )

    if by_set:
        sets = [set_of[p] for p in ids]
        print(
            "\nheld out by set (fitted on the other sets only; hand-set rules where nothing "
            "is fitted): Spearman / kappa"
        )
        print(f"{'set':22s} {'n':>3s} " + " ".join(f"{c:>12s}" for c in CRITERIA))
        for name in [*sorted(set(sets)), "all"]:
            members = [i for i, s in enumerate(sets) if name in ("all", s)]
            cells = []
            for c in CRITERIA:
                held = by_set.get(c) or shipped[c]
                rho, kappa = agreement([held[i] for i in members], [human[c][i] for i in members])
                cells.append(f"{_f(rho)}/{_f(kappa)}")
            print(f"{name:22s} {len(members):3d} " + " ".join(f"{cell:>12s}" for cell in cells))

    here = {c: raters_here(labels, ids, c) for c in CRITERIA}
    shown = [f"{c} {v[0]:.2f} / {v[1]:.2f}" for c, v in here.items() if v is not None]
    if len(shown) == len(CRITERIA):  # (hand-made pages have one reader's rating only)
        print(
            f"the raters on these {len(ids)} pages, Spearman pairwise / one rater against the "
            f"others' mean: {', '.join(shown)} (the 'raters' column above is the corpus "
            "README's figure over all its rated pages: the bar)"
        )

    groups: list[tuple[str, list[int]]] = [("all", everyone)]
    if len(corpora) > 1:
        for corpus in corpora:
            members = [i for i, p in enumerate(ids) if set_of[p] == corpus.name]
            groups.append((f"set {corpus.name}", members))
    lang = {p: str(sources.get(p, {}).get("language", "")) or "?" for p in ids}
    groups.append(("English", [i for i, p in enumerate(ids) if lang[p] == "en"]))
    groups.append(("non-English", [i for i, p in enumerate(ids) if lang[p] not in ("en", "?")]))
    groups.append(("language not recorded", [i for i, p in enumerate(ids) if lang[p] == "?"]))
    for code in sorted(set(lang.values()) - {"en", "?"}):
        members = [i for i, p in enumerate(ids) if lang[p] == code]
        if len(members) >= 5:
            groups.append((f"lang {code}", members))
    kind = {p: kind_of(p, sources) for p in ids}
    for name in sorted(set(kind.values())):
        groups.append((name, [i for i, p in enumerate(ids) if kind[p] == name]))
    print("\nby group: Spearman / kappa, in-sample then cross-validated")
    print(f"{'group':22s} {'n':>3s} " + " ".join(f"{c:>23s}" for c in CRITERIA))
    for name, members in groups:
        if not members:
            continue
        cells = []
        for c in CRITERIA:
            rho, kappa = agreement([shipped[c][i] for i in members], [human[c][i] for i in members])
            cv_rho, cv_kappa = cv_agreement(cv[c], human[c], members)
            cells.append(f"{_f(rho)}/{_f(kappa)} {_f(cv_rho)}/{_f(cv_kappa)}")
        print(f"{name:22s} {len(members):3d} " + " ".join(f"{cell:>23s}" for cell in cells))

    if totals:
        return
    print("\nmisses (in-sample rating off by a band or more): criterion, score (rating) vs mean")
    for i, pid in enumerate(ids):
        off = [
            f"{c} {shipped[c][i]:.1f}({to_rating(shipped[c][i])}) vs {human[c][i]:.2f}"
            for c in CRITERIA
            if to_rating(shipped[c][i]) != round_mean(human[c][i])
        ]
        if not off:
            continue
        print(f"- {pid} [{kind[pid]}, {lang[pid]}]: " + "; ".join(off))
        if show_pages:
            for rater, why in sorted(labels[pid].get("why", {}).items()):
                print(f"    {rater}: {why}")

    if show_pages:
        print("\nper page: sitekit score (rating) vs raters' mean; * = rating differs")
        for i, pid in enumerate(ids):
            cells = []
            for c in CRITERIA:
                s, h = shipped[c][i], human[c][i]
                mark = "*" if to_rating(s) != round_mean(h) else " "
                cells.append(f"{s:5.1f}({to_rating(s)}) {h:4.2f}{mark}")
            print(f"{pid[:34]:34s} " + " | ".join(cells))


def _f(value: float) -> str:
    return " nan" if math.isnan(value) else f"{value:4.2f}"


def perturbed(corpus: Path, profile: Profile, runs: int, spread: float = 0.3) -> None:
    """Robustness to tuning: agreement when every check weight is scaled by a random factor
    in [1 - spread, 1 + spread] (caps and floors kept), over `runs` seeded draws. Figures
    that hold only at the tuned weights would not hold on pages the weights never saw."""
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    pages = corpus / "pages" if (corpus / "pages").is_dir() else corpus
    snaps = {}
    for pid in labels:
        path = pages / f"{pid}.html"
        snap = make_snapshot(
            FetchedPage(
                url=path.as_uri(),
                final_url=path.as_uri(),
                status=200,
                body=path.read_bytes(),
                source_path=str(path),
            )
        )
        if snap.auditable:
            snaps[pid] = snap
    rng = random.Random(1)
    kappas: dict[str, list[float]] = {c: [] for c in CRITERIA}
    for _ in range(runs):
        checks = {
            cid: replace(cfg, weight=cfg.weight * rng.uniform(1 - spread, 1 + spread))
            for cid, cfg in profile.checks.items()
        }
        varied = replace(profile, checks=checks)
        results = {pid: audit_page(s, varied, is_entry=True) for pid, s in snaps.items()}
        for crit in CRITERIA:
            ours = [to_rating(results[p].criteria[crit].score) for p in snaps]
            human = [round_mean(float(labels[p]["mean"][crit])) for p in snaps]
            kappas[crit].append(quadratic_kappa(ours, human))
    print(f"\nkappa with check weights x U({1 - spread:.1f}, {1 + spread:.1f}), {runs} draws:")
    for crit in CRITERIA:
        k = kappas[crit]
        print(f"{crit:12s} mean {sum(k) / len(k):5.2f}  min {min(k):5.2f}")


def speed(profile: Profile, repeat: int = 200) -> None:
    """make_snapshot + audit_page on a generated ~6 KB landing page (CPU and wall time)."""
    body = _page_6k()
    page = FetchedPage(
        url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=body
    )
    audit_page(make_snapshot(page), profile)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        audit_page(make_snapshot(page), profile, is_entry=True)
    per_wall = (time.perf_counter() - wall) / repeat * 1000
    per_cpu = (time.process_time() - cpu) / repeat * 1000
    print(
        f"\nspeed: {len(body)} B page, make_snapshot + audit_page: {per_cpu:.2f} ms CPU, "
        f"{per_wall:.2f} ms wall per page ({1000 / per_cpu:.0f} pages/s per core)"
    )


def _page_6k() -> bytes:
    sections = "".join(
        f"<section><h2>Section {i}: faster invoices</h2><p>{'Your team gets paid on time. ' * 12}"
        f"</p><ul><li>Point one</li><li>Point two</li></ul></section>"
        for i in range(12)
    )
    html = (
        "<!doctype html><html lang='en'><head><title>Get paid twice as fast</title>"
        "<meta name='description' content='Invoices that get you paid in days.'></head><body>"
        "<header><nav><a href='/'>Acme</a><ul><li><a href='/pricing'>Pricing</a></li>"
        "<li><a href='/how'>How it works</a></li><li><a href='/contact'>Contact</a></li>"
        "</ul></nav></header><main><h1>Get paid twice as fast</h1>"
        "<p>Send invoices your clients pay in days, not weeks.</p>"
        "<a class='btn' href='/trial'>Start your free trial</a>"
        f"{sections}<blockquote>Paid in 3 days. — Jane Miller, CFO at Brightside</blockquote>"
        "<p>30-day money-back guarantee. Support replies within 24 hours.</p>"
        "<form action='/signup'><input type='email' name='email'><button>Get the free guide"
        "</button></form></main><footer><a href='tel:+15551234567'>+1 555 123 4567</a>"
        "</footer></body></html>"
    )
    return html.encode()


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpora = [Path(a).resolve() for a in args] or [REPO.parent / "shared" / "audit-corpus"]
    profile = load_profile()
    measure(corpora, profile, show_pages="--quiet" not in argv, totals="--totals" in argv)
    runs = next((int(a.split("=")[1]) for a in argv if a.startswith("--perturb=")), 0)
    if runs:
        for corpus in corpora:
            perturbed(corpus, profile, runs)
    if "--no-speed" not in argv:
        speed(profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
