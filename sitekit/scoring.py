"""Check -> criterion -> page -> site: run each check isolated, weight, floor, cap, combine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitekit.checks import REGISTRY, CheckSpec, Outcome
from sitekit.checks.text import quote
from sitekit.language import has_word_list, is_not_judged, not_judged, page_language
from sitekit.models import (
    CRITERIA,
    CheckResult,
    CriterionResult,
    Evidence,
    PageResult,
    PageSnapshot,
)
from sitekit.profile import Profile

LINKS_WORK = "links-work"


def run_check(
    spec: CheckSpec, snapshot: PageSnapshot, profile: Profile, lang: str | None = None
) -> CheckResult:
    """Run one check in language `lang` (default: the declared one); a crash becomes an error
    result (score None), never a crashed audit. A check that reads words (`reads = "words"`
    in the profile) is not judged (score None) on a page whose language has no word list."""
    cfg = profile.checks[spec.id]
    lang = snapshot.lang if lang is None else lang
    if cfg.params.get("reads") == "words" and not has_word_list(lang, profile.words_lang):
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
    passed = score is not None and score >= 0.5
    return CheckResult(
        id=spec.id,
        criterion=spec.criterion,
        title=spec.title if passed or score is None else spec.failure_title,
        score=score,
        weight=cfg.weight,
        evidence=outcome.evidence,
        fix="" if score is not None and score >= 1.0 else (outcome.fix or spec.fix),
    )


def criterion_score(criterion: str, checks: Sequence[CheckResult], profile: Profile) -> float:
    """Weighted mean (grouped checks count once, by their best score) x 100, then the
    floors, then the caps, then the `unjudged_max` of checks not judged for want of a word
    list."""
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
    score = 100.0 * sum(w * s for w, s in parts) / total if total else 0.0
    by_id = {c.id: c for c in checks}
    for floor in profile.floors:  # floors first: a cap (placeholder, no offer) still wins
        if floor.criterion != criterion:
            continue
        met = by_id.get(floor.check)
        if met is not None and met.score is not None and not met.ignored:
            score = max(score, floor.min) if met.score >= floor.at_least else score
    for cap in profile.caps:
        if cap.criterion != criterion:
            continue
        hit = by_id.get(cap.check)
        if hit is not None and hit.score is not None and not hit.ignored and hit.score < cap.below:
            score = min(score, cap.max)
    for unread in (c for c in checks if is_not_judged(c) and c.id in profile.checks):
        score = min(score, float(profile.checks[unread.id].params.get("unjudged_max", 100)))
    return round(score, 1)


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
            r = replace(r, weight=weight, group=cfg.group)
        out.append(r)
    return tuple(out)


def _page_from_checks(
    snapshot_url: str, results: Sequence[CheckResult], profile: Profile, base: PageResult
) -> PageResult:
    criteria = {}
    for crit in CRITERIA:
        mine = effective_weights(crit, [r for r in results if r.criterion == crit], profile)
        criteria[crit] = CriterionResult(crit, criterion_score(crit, mine, profile), mine)
    score = round(sum(c.score for c in criteria.values()) / len(criteria), 1)
    return replace(base, url=snapshot_url, score=score, criteria=criteria)


def audit_page(snapshot: PageSnapshot, profile: Profile, is_entry: bool = False) -> PageResult:
    """Run every enabled check on one page and score it (None when not auditable).

    `status` is left None: the pipeline knows the HTTP status and sets it with replace().
    """
    base = PageResult(
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
        return base
    lang, _ = page_language(snapshot.lang, f"{snapshot.title}\n{snapshot.text}")
    results = [
        run_check(spec, snapshot, profile, lang)
        for cid, spec in REGISTRY.items()
        if cid in profile.checks and profile.checks[cid].enabled
    ]
    return _page_from_checks(snapshot.url, results, profile, base)


def add_broken_links(
    result: PageResult, broken: Sequence[tuple[str, int | None]], profile: Profile
) -> PageResult:
    """Score the 'links-work' check from the crawl's status map and re-score the page."""
    if not result.auditable or LINKS_WORK not in profile.checks:
        return result
    cfg = profile.checks[LINKS_WORK]
    if not cfg.enabled:
        return result
    spec = REGISTRY[LINKS_WORK]
    per_link = float(cfg.params.get("penalty_per_link", 0.25))
    score = max(0.0, 1.0 - per_link * len(broken))
    if broken:  # any broken link is a failure, however many others work
        score = min(score, 0.4)
    evidence = tuple(
        Evidence(element="<a>", text=quote(url), note=f"status {status or 'no response'}")
        for url, status in broken[:10]
    )
    if not broken:
        evidence = (Evidence(element="page", note="every internal link answered"),)
    check_result = CheckResult(
        id=LINKS_WORK,
        criterion=spec.criterion,
        title=spec.title if not broken else spec.failure_title,
        score=score,
        weight=cfg.weight,
        evidence=evidence,
        fix="" if not broken else spec.fix,
    )
    results = [r for c in result.criteria.values() for r in c.checks if r.id != LINKS_WORK]
    results.append(check_result)
    return _page_from_checks(result.url, results, profile, result)


def site_scores(
    pages: Sequence[PageResult], profile: Profile
) -> tuple[float | None, dict[str, float]]:
    """Site score per criterion = w x entry page + (1 - w) x mean of the other pages.

    w is the profile's `site.entry_weight`; pages that were not auditable are left out; with
    no entry page (or no other page) the available part counts alone. Overall = mean of four.
    """
    scored = [p for p in pages if p.auditable and p.score is not None and p.criteria]
    if not scored:
        return None, {}
    entry = next((p for p in scored if p.is_entry), None)
    rest = [p for p in scored if p is not entry]
    out: dict[str, float] = {}
    for crit in CRITERIA:
        rest_mean = sum(p.criteria[crit].score for p in rest) / len(rest) if rest else None
        if entry is not None and rest_mean is not None:
            w = profile.entry_weight
            value = w * entry.criteria[crit].score + (1 - w) * rest_mean
        elif entry is not None:
            value = entry.criteria[crit].score
        else:
            value = rest_mean or 0.0
        out[crit] = round(value, 1)
    overall = round(sum(out.values()) / len(out), 1)
    return overall, out
