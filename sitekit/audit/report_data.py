"""The canonical report data every format is rendered from: `to_dict` (the versioned JSON
schema), `from_dict`, and the one definition of a finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sitekit.errors import Location
from sitekit.models import (
    CRITERIA,
    AuditReport,
    CheckResult,
    CrawlDecision,
    CriterionResult,
    Evidence,
    PageResult,
)


def _score(value: float | None) -> float | None:
    """A 0-100 score rounded to one decimal, so two runs print the same bytes."""
    return None if value is None else round(float(value), 1)


def _location_to_dict(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"path": location.path, "line": location.line, "col": location.col}


def _location_from_dict(data: dict[str, Any] | None) -> Location | None:
    if not data:
        return None
    return Location(str(data["path"]), data.get("line"), data.get("col"))


def _evidence_to_dict(ev: Evidence) -> dict[str, Any]:
    return {
        "element": ev.element,
        "text": ev.text,
        "position": ev.position,
        "location": _location_to_dict(ev.location),
        "note": ev.note,
    }


def _evidence_from_dict(data: dict[str, Any]) -> Evidence:
    return Evidence(
        element=data["element"],
        text=data.get("text", ""),
        position=data.get("position"),
        location=_location_from_dict(data.get("location")),
        note=data.get("note", ""),
    )


def _check_to_dict(check: CheckResult) -> dict[str, Any]:
    return {
        "id": check.id,
        "title": check.title,
        "score": None if check.score is None else _score(check.score * 100),
        "passed": check.passed,
        "weight": check.weight,
        "impact": _score(check.impact),
        "evidence": [_evidence_to_dict(ev) for ev in check.evidence],
        "fix": check.fix,
        "error": check.error,
        "ignored": check.ignored,
        "group": check.group,
    }


def _check_from_dict(data: dict[str, Any], criterion: str) -> CheckResult:
    score = data.get("score")
    return CheckResult(
        id=data["id"],
        criterion=criterion,
        title=data.get("title", ""),
        score=None if score is None else score / 100.0,
        weight=data.get("weight", 1.0),
        evidence=tuple(_evidence_from_dict(ev) for ev in data.get("evidence", ())),
        fix=data.get("fix", ""),
        error=data.get("error"),
        ignored=data.get("ignored"),
        impact=data.get("impact"),
        group=data.get("group", ""),
    )


def page_to_dict(page: PageResult) -> dict[str, Any]:
    criteria = {}
    for cid in CRITERIA:
        crit = page.criteria.get(cid)
        if crit is None:
            continue
        checks = sorted(crit.checks, key=lambda c: c.id)
        criteria[cid] = {
            "score": _score(crit.score),
            "checks": [_check_to_dict(c) for c in checks],
        }
    return {
        "url": page.url,
        "status": page.status,
        "score": _score(page.score),
        "is_entry": page.is_entry,
        "auditable": page.auditable,
        "reason": page.reason,
        "source_path": page.source_path,
        "role": page.role,
        "role_reason": page.role_reason,
        "confidence": page.confidence,
        "confidence_reasons": list(page.confidence_reasons),
        "criteria": criteria,
        "screenshots": dict(sorted(page.screenshots.items())),
    }


def _page_from_dict(data: dict[str, Any]) -> PageResult:
    criteria = {
        cid: CriterionResult(
            id=cid,
            score=crit["score"],
            checks=tuple(_check_from_dict(c, cid) for c in crit.get("checks", ())),
        )
        for cid, crit in data.get("criteria", {}).items()
    }
    return PageResult(
        url=data["url"],
        status=data.get("status"),
        score=data.get("score"),
        criteria=criteria,
        auditable=data.get("auditable", True),
        reason=data.get("reason", ""),
        is_entry=data.get("is_entry", False),
        source_path=data.get("source_path"),
        screenshots=dict(data.get("screenshots", {})),
        role=data.get("role", ""),
        role_reason=data.get("role_reason", ""),
        confidence=data.get("confidence", ""),
        confidence_reasons=tuple(data.get("confidence_reasons", ())),
    )


def page_order(pages: Sequence[PageResult]) -> Sequence[PageResult]:
    """Entry page first, then by URL: the deterministic order of every report.

    Pages already in that order are returned as they are (a compressed page list is read one
    page at a time, never all at once).
    """
    keys = getattr(pages, "sort_keys", None) or [(not p.is_entry, p.url) for p in pages]
    if keys == sorted(keys):
        return pages
    return sorted(pages, key=lambda p: (not p.is_entry, p.url))


def is_finding(check: CheckResult | Mapping[str, Any]) -> bool:
    """A check (a result, or its report dict) worth reporting as a failure: scored, failed,
    not ignored, and not covered by a sibling of its group (weight 0 with no impact: another
    check of the same group already scores for it, e.g. ratings when named testimonials are
    there)."""
    if isinstance(check, CheckResult):
        c = check
        return _finding(c.score, c.ignored, c.passed, c.weight, c.impact)
    get = check.get
    return _finding(get("score"), get("ignored"), get("passed"), get("weight"), get("impact"))


def _finding(score: Any, ignored: Any, passed: Any, weight: Any, impact: Any) -> bool:
    if score is None or ignored or passed:
        return False
    return not (weight == 0 and impact == 0)


def check_groups(pages: Iterable[PageResult]) -> list[dict[str, Any]]:
    """Failed checks grouped across audited pages: 'no CTA in the first screen — 14 of 20'."""
    found = FindingGroups()
    for page in pages:
        found.add(page)
    return found.groups()


class FindingGroups:
    """`check_groups`, one page at a time: a streamed report reads its pages once."""

    def __init__(self) -> None:
        self.audited = 0
        self.failures: dict[str, list[str]] = {}
        self.meta: dict[str, tuple[str, str, str]] = {}

    def add(self, page: PageResult) -> None:
        if not page.auditable or page.score is None:
            return
        self.audited += 1
        for crit in page.criteria.values():
            for check in crit.checks:
                if not is_finding(check):
                    continue
                self.failures.setdefault(check.id, []).append(page.url)
                self.meta.setdefault(check.id, (crit.id, check.title, check.fix))

    def groups(self) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = []
        for check_id, urls in self.failures.items():
            criterion, title, fix = self.meta[check_id]
            groups.append(
                {
                    "check": check_id,
                    "criterion": criterion,
                    "title": failure_title(check_id, title),
                    "fix": fix,
                    "pages": len(urls),
                    "of": self.audited,
                    "urls": sorted(urls),
                }
            )
        groups.sort(key=lambda g: (-g["pages"], g["check"]))
        return groups


def failure_title(check_id: str, default: str) -> str:
    """The registry's failure title for a check ('No call to action in the first screen')."""
    try:
        from sitekit.audit.checks import REGISTRY
    except ImportError:  # pragma: no cover - the registry is part of the package
        return default
    spec = REGISTRY.get(check_id)
    return spec.failure_title if spec else default


def report_head(
    report: AuditReport,
    pages: Sequence[PageResult],
    nested: bool,
    groups: Iterable[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The canonical dict of `report` with "pages" left empty (filled by the caller);
    "groups" read from `pages` unless given (a streamed report gathers them as it goes)."""
    out: dict[str, Any] = {
        "schema_version": report.schema_version,
        "target": report.target,
        "profile": report.profile,
        "scoring_version": report.scoring_version,
        "settings_file": report.settings_file,
        "score": _score(report.score),
        "criteria": {
            cid: {"score": _score(report.criteria.get(cid))}
            for cid in CRITERIA
            if cid in report.criteria
        },
        "pages": [],
        "errors": sorted(
            (dict(e) for e in report.errors), key=lambda e: (str(e.get("url", "")), str(e))
        ),
        "crawl": [
            {"url": d.url, "audited": d.audited, "reason": d.reason, "found_on": d.found_on}
            for d in sorted(report.crawl, key=lambda d: (d.url, d.reason, d.found_on or ""))
        ],
        "notes": list(report.notes),
        "groups": check_groups(pages) if groups is None else groups,
        "proof_places": dict(report.proof_places),
    }
    if not nested:
        out["competitors"] = [to_dict(c, _nested=True) for c in report.competitors]
    return out


def to_dict(report: AuditReport, *, _nested: bool = False) -> dict[str, Any]:
    """The canonical JSON-able report (schema documented in the README)."""
    pages = page_order(report.pages)
    out = report_head(report, pages, _nested)
    out["pages"] = [page_to_dict(p) for p in pages]
    return out


def from_dict(data: dict[str, Any]) -> AuditReport:
    """Read a saved canonical report back (baselines, tests)."""
    return AuditReport(
        target=data["target"],
        score=data.get("score"),
        criteria={cid: c["score"] for cid, c in data.get("criteria", {}).items()},
        pages=tuple(_page_from_dict(p) for p in data.get("pages", ())),
        errors=tuple(dict(e) for e in data.get("errors", ())),
        crawl=tuple(
            CrawlDecision(d["url"], d["audited"], d["reason"], d.get("found_on"))
            for d in data.get("crawl", ())
        ),
        notes=tuple(data.get("notes", ())),
        profile=data.get("profile", "default"),
        schema_version=data.get("schema_version", "1.0"),
        scoring_version=data.get("scoring_version", ""),
        settings_file=data.get("settings_file", ""),
        competitors=tuple(from_dict(c) for c in data.get("competitors", ())),
        proof_places=dict(data.get("proof_places") or {}),
    )
