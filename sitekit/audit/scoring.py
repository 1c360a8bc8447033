"""Check -> criterion -> page -> site: run each check isolated, then score each page once
(groups, floors, caps, ignores, impacts) and combine the pages."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

from sitekit.audit.calibration import apply as apply_curve
from sitekit.audit.checks import REGISTRY, CheckSpec, Outcome
from sitekit.audit.confidence import page_confidence
from sitekit.audit.language import has_word_list, is_not_judged, not_judged, page_language
from sitekit.audit.profile import Floor, Profile
from sitekit.audit.roles import detect_role
from sitekit.models import (
    CRITERIA,
    MEETS,
    PARTLY,
    PASS_SCORE,
    CheckedPage,
    CheckResult,
    CriterionResult,
    PageContext,
    PageResult,
    PageSnapshot,
)
from sitekit.models_audit import fast_replace


def run_check(
    spec: CheckSpec, snapshot: PageSnapshot, profile: Profile, lang: str | None = None
) -> CheckResult:
    """Run one check in language `lang` (default: the declared one); a crash becomes an error
    result (score None), never a crashed audit. A check that reads words (`reads = "words"`
    in the profile) is not judged (score None) on a page whose language has no word list."""
    cfg = profile.checks[spec.id]
    lang = snapshot.lang if lang is None else lang
    if cfg.reads_words and not has_word_list(lang, profile.word_lists.words_lang):
        return CheckResult(
            spec.id, spec.criterion, spec.title, None, cfg.weight, (not_judged(lang),)
        )
    try:
        outcome = spec.fn(snapshot, profile.options_for(spec.id, lang))
        if not isinstance(outcome, Outcome):
            raise TypeError(f"returned {type(outcome).__name__}, not Outcome")
    except Exception as exc:
        return CheckResult(
            spec.id,
            spec.criterion,
            spec.title,
            None,
            cfg.weight,
            error=f"{type(exc).__name__}: {exc}",
        )
    score = None if outcome.score is None else max(0.0, min(1.0, float(outcome.score)))
    passed = score is not None and score >= PASS_SCORE
    made: CheckResult = _new(CheckResult)  # = CheckResult(id=..., ...), made without __init__
    made.__dict__.update(  # every field, in field order (see _new)
        id=spec.id,
        criterion=spec.criterion,
        title=spec.title if passed or score is None else spec.failure_title,
        score=score,
        weight=cfg.weight,
        evidence=outcome.evidence,
        fix="" if score is not None and score >= 1.0 else (outcome.fix or spec.fix),
        error=None,
        ignored=None,
        group="",
        impact=None,
    )
    return made


def criterion_score(
    criterion: str, checks: Sequence[CheckResult], profile: Profile, role: str = ""
) -> float:
    """Weighted mean (grouped checks count once, by their best score) x 100, then the
    floors, then the caps, then the `unjudged_max` of checks not judged for want of a word
    list, then the floors of the page's role (`[[roles.floors]]`: a contact page's form is
    the next step, whatever the caps say of a landing page's).

    A cap keeps the score in its band (fails, partly, meets) and at or under its `max`; within
    the band the weighted mean still orders capped pages (`Profile.cap_spread`, see
    `capped`), so two pages held by the same cap are not tied whatever else they show."""
    score = mean = weighted_mean(criterion, checks, profile)
    by_id = {c.id: c for c in checks}
    for floor in profile.floors:  # floors first: a cap (placeholder, no offer) still wins
        if floor.criterion == criterion and not floor.role and _meets(floor, by_id):
            score = max(score, floor.min)
    for cap in profile.caps:
        if cap.criterion != criterion:
            continue
        hit = by_id.get(cap.check)
        if hit is not None and hit.score is not None and not hit.ignored and hit.score < cap.below:
            score = min(score, capped(cap.max, mean, profile.cap_spread))
    for unread in (c for c in checks if is_not_judged(c) and c.id in profile.checks):
        score = min(score, profile.checks[unread.id].unjudged_max)
    for floor in profile.floors:
        if floor.criterion == criterion and role and floor.role == role and _meets(floor, by_id):
            score = max(score, floor.min)
    curve = profile.calibration.get(criterion)  # the fitted raw -> 0-100 curve (data)
    return round(apply_curve(curve, round(score, 1)), 1) if curve else round(score, 1)


def capped(limit: float, mean: float, spread: float) -> float:
    """The highest score a cap at `limit` allows a page whose checks' weighted mean is `mean`
    (0-100): `limit` itself when `spread` is 0; otherwise lowered towards the bottom of the
    band `limit` is in (0, 25 or 75; never below it) by `spread` x the share of the mean that
    is missing. spread 0.5, a cap at 70 (band 25-74): a mean of 100 keeps 70, 80 gives 65.5."""
    if spread <= 0:
        return limit
    bottom = MEETS if limit >= MEETS else PARTLY if limit >= PARTLY else 0.0
    return limit - (limit - bottom) * spread * (1.0 - min(100.0, max(0.0, mean)) / 100.0)


def weighted_mean(criterion: str, checks: Sequence[CheckResult], profile: Profile) -> float:
    """The checks' weighted mean x 100 (grouped checks count once, by their best score), before
    floors and caps; 0 when nothing was judged."""
    groups: dict[str, list[CheckResult]] = {}
    parts: list[tuple[float, float]] = []
    for result in checks:
        if result.score is None or result.ignored:
            continue
        cfg = profile.checks.get(result.id)
        group = cfg.group if cfg else ""
        if group:
            groups.setdefault(group, []).append(result)
        else:
            parts.append((result.weight, result.score))
    group_weights = profile.groups.get(criterion, {})
    for name, members in groups.items():
        weight = group_weights.get(name, max(m.weight for m in members))
        parts.append((weight, max(m.score or 0.0 for m in members)))
    total = sum(w for w, _ in parts)
    return 100.0 * sum(w * s for w, s in parts) / total if total else 0.0


def _meets(floor: Floor, by_id: dict[str, CheckResult]) -> bool:
    met = by_id.get(floor.check)
    return (
        met is not None
        and met.score is not None
        and not met.ignored
        and met.score >= floor.at_least
    )


# run_check fills a new result's __dict__ with every field in field order: the object
# CheckResult(...) makes, ~3x faster (a frozen dataclass's __init__ sets each of its 11 fields
# through object.__setattr__); tests/test_scoring.py compares the two
_new = object.__new__


def effective_weights(
    criterion: str, checks: Sequence[CheckResult], profile: Profile
) -> tuple[CheckResult, ...]:
    """Give each grouped check the weight it really carries: the group's weight goes to its
    best-scoring member, the others carry 0 (so 'points lost' per check add up honestly)."""
    best: dict[str, CheckResult] = {}
    for r in checks:
        cfg = profile.checks.get(r.id)
        if cfg is None or not cfg.group or r.score is None or r.ignored:
            continue
        if cfg.group not in best or r.score > (best[cfg.group].score or 0.0):
            best[cfg.group] = r
    group_weights = profile.groups.get(criterion, {})
    out = []
    for r in checks:
        cfg = profile.checks.get(r.id)
        if cfg is not None and cfg.group:
            weight = group_weights.get(cfg.group, cfg.weight) if best.get(cfg.group) is r else 0.0
            r = fast_replace(r, weight=weight, group=cfg.group)
        out.append(r)
    return tuple(out)


def check_page(snapshot: PageSnapshot, profile: Profile, is_entry: bool = False) -> CheckedPage:
    """Run the profile's page checks on one snapshot (the crawl checks wait for the crawl).

    `status` is left None: the pipeline knows the HTTP status and sets it with replace().
    """
    page = PageResult(
        url=snapshot.url,
        status=None,
        score=None,
        auditable=snapshot.auditable,
        reason=snapshot.not_auditable_reason,
        is_entry=is_entry,
        source_path=snapshot.source_path,
        screenshots=dict(snapshot.screenshots),
    )
    if not snapshot.auditable:
        return CheckedPage(page)
    text = f"{snapshot.title}\n{snapshot.text}"
    lang, how = page_language(snapshot.lang, text, profile.word_lists.function_words)
    role, why = detect_role(snapshot, is_entry, profile.roles, lang or "")
    page = fast_replace(page, role=role, role_reason=why)
    results = tuple(
        run_check(spec, snapshot, profile, lang)
        for spec in _enabled(profile)
        if not spec.needs_crawl
    )
    level, reasons = page_confidence(snapshot, results, lang, how)
    return CheckedPage(fast_replace(page, confidence=level, confidence_reasons=reasons), results)


def score_page(checked: CheckedPage, context: PageContext, profile: Profile) -> PageResult:
    """The one scoring pass: the crawl checks on `context`, then groups, caps and floors,
    ignores and impacts. A page ignored whole ("*") keeps its checks, each marked ignored
    with the reason: it has no score and no findings."""
    page = checked.page
    if not page.auditable:
        return page
    crawl_view = PageSnapshot(url=page.url, context=context)  # all a crawl check reads
    results = [
        *checked.checks,
        *(run_check(s, crawl_view, profile) for s in _enabled(profile) if s.needs_crawl),
    ]
    whole = context.ignored.get("*")  # a page ignored whole: every check ignored, no score
    ignored = dict.fromkeys((r.id for r in results), whole) if whole else context.ignored
    applies = profile.roles.criteria_for(page.role) if page.role else CRITERIA
    criteria = {}
    for crit in CRITERIA:
        mine = effective_weights(crit, [r for r in results if r.criterion == crit], profile)
        if crit not in applies:  # not applicable: its checks are shown, marked, never scored
            why = f"not applicable to a {page.role} page"
            mine = tuple(fast_replace(r, ignored=ignored.get(r.id, why)) for r in mine)
            criteria[crit] = CriterionResult(crit, None, mine)
            continue
        mine = tuple(fast_replace(r, ignored=ignored[r.id]) if r.id in ignored else r for r in mine)
        criteria[crit] = CriterionResult(
            crit, criterion_score(crit, mine, profile, page.role), mine
        )
    criteria = with_impacts(criteria, profile, page.role)
    if whole:
        return fast_replace(
            page, score=None, auditable=False, reason=f"ignored: {whole}", criteria=criteria
        )
    return fast_replace(page, score=page_score(criteria), criteria=criteria)


def unscored(result: PageResult, profile: Profile) -> CheckedPage:
    """The checked page `score_page` made `result` from (a page not ignored whole), so that a
    page scored on one context can be scored again on another: its page checks back in
    registry order with the fields scoring sets (weight, group, ignored, impact) as `run_check`
    leaves them, the crawl checks dropped; the score and criteria cleared. (tests/test_scoring
    checks that scoring it gives what scoring the checked page gives, on any context.)"""
    if not result.auditable:
        if result.criteria:
            raise ValueError(f"{result.url}: a page ignored whole is not scored again")
        return CheckedPage(result)
    order = _page_check_order(profile)
    checks = sorted(
        (c for crit in result.criteria.values() for c in crit.checks if c.id in order),
        key=lambda c: order[c.id],
    )
    weights = profile.checks
    return CheckedPage(
        fast_replace(result, score=None, criteria={}),
        tuple(
            fast_replace(c, weight=weights[c.id].weight, group="", ignored=None, impact=None)
            for c in checks
        ),
    )


def _page_check_order(profile: Profile) -> dict[str, int]:
    """The page checks' ids (the crawl checks left out), in `check_page`'s order."""
    return {s.id: n for n, s in enumerate(s for s in _enabled(profile) if not s.needs_crawl)}


def page_score(criteria: dict[str, CriterionResult]) -> float | None:
    """The mean of the criteria that apply to the page (None when none does)."""
    judged = [c.score for c in criteria.values() if c.score is not None]
    return round(sum(judged) / len(judged), 1) if judged else None


def with_impacts(
    criteria: dict[str, CriterionResult], profile: Profile, role: str = ""
) -> dict[str, CriterionResult]:
    """Each failing check's impact: the page-score points a perfect score on it would gain,
    re-scored the way scoring does (weights, groups counted once, floors and caps); the page
    score is the mean of the criteria that apply, so a gain is shared among those only."""
    out = {}
    judged = sum(1 for c in criteria.values() if c.score is not None)
    for cid, crit in criteria.items():
        checks = []
        for check in crit.checks:
            impact = 0.0
            if (
                crit.score is not None
                and check.score is not None
                and not check.ignored
                and check.score < 1.0
            ):
                fixed = tuple(fast_replace(c, score=1.0) if c is check else c for c in crit.checks)
                gain = criterion_score(cid, fixed, profile, role) - crit.score
                impact = max(0.0, gain) / max(1, judged)
            checks.append(fast_replace(check, impact=round(impact, 1)))
        out[cid] = fast_replace(crit, checks=tuple(checks))
    return out


def audit_page(
    snapshot: PageSnapshot,
    profile: Profile,
    is_entry: bool = False,
    context: PageContext | None = None,
) -> PageResult:
    """Check and score one page (None when not auditable); without a `context`, as a page
    whose links nobody checked and nothing is ignored on."""
    return score_page(check_page(snapshot, profile, is_entry), context or PageContext(), profile)


def _enabled(profile: Profile) -> list[CheckSpec]:
    """The registry's checks the profile turns on, in registry order."""
    return [
        spec
        for cid, spec in REGISTRY.items()
        if cid in profile.checks and profile.checks[cid].enabled
    ]


class SiteTally:
    """The site score's running totals, fed one scored page at a time (`add`) so that no page
    result is kept until the end: per criterion, the other pages' weights and weighted scores
    as plain doubles (summed with sum() at the end, as a list of pages was), and the entry
    page's scores."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._entry: dict[str, float | None] | None = None
        self._weights = {crit: array("d") for crit in CRITERIA}
        self._weighted = {crit: array("d") for crit in CRITERIA}

    def add(self, page: PageResult) -> None:
        """Count one page (left out when it was not auditable or has no scores)."""
        if not (page.auditable and page.score is not None and page.criteria):
            return
        if page.is_entry and self._entry is None:
            self._entry = {crit: page.criteria[crit].score for crit in CRITERIA}
            return
        weight = self.profile.roles.weight_for(page.role)
        for crit in CRITERIA:
            if (score := page.criteria[crit].score) is not None:
                self._weights[crit].append(weight)
                self._weighted[crit].append(weight * score)

    def scores(self) -> tuple[float | None, dict[str, float]]:
        """(overall, {criterion: score}), as `site_scores` describes."""
        entry = self._entry
        if entry is None and not any(self._weights.values()):
            return None, {}
        profile = self.profile
        out: dict[str, float] = {}
        for crit in CRITERIA:
            total = sum(self._weights[crit])
            rest_mean = sum(self._weighted[crit]) / total if total else None
            entry_score = entry[crit] if entry is not None else None
            if entry_score is None:
                value = rest_mean
            elif rest_mean is None:
                value = entry_score
            else:
                own = profile.roles.weight_for("entry")
                share = max(profile.entry_weight, own / (own + total)) if own + total else 1.0
                value = share * entry_score + (1 - share) * rest_mean
            if value is not None:
                out[crit] = round(value, 1)
        overall = round(sum(out.values()) / len(out), 1) if out else None
        return overall, out


def site_scores(
    pages: Iterable[PageResult], profile: Profile
) -> tuple[float | None, dict[str, float]]:
    """Site score per criterion: the pages' scores weighted by role (`[roles.weight]`: the
    entry page and landing pages most, legal and utility pages least), the entry page's share
    never under `site.entry_weight` (it is where first contact happens).

    A page is left out of a criterion that does not apply to its role; pages that were not
    auditable are left out. A criterion no page is judged on has no site score; overall =
    mean of the criteria that have one. (A large audit feeds a SiteTally page by page.)
    """
    tally = SiteTally(profile)
    for page in pages:
        tally.add(page)
    return tally.scores()
