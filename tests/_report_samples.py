"""Hand-built audit reports for the renderer tests (no crawler or checks involved)."""

from __future__ import annotations

from dataclasses import replace

from sitekit.errors import Location
from sitekit.models import (
    AuditReport,
    CheckResult,
    CrawlDecision,
    CriterionResult,
    Evidence,
    PageResult,
)


def _criterion(cid: str, checks: list[CheckResult]) -> CriterionResult:
    """A criterion scored as a weighted mean, each check with the impact scoring records (the
    page-score points a perfect score on it would gain; four criteria)."""
    scored = [c for c in checks if c.score is not None and not c.ignored]
    total = sum(c.weight for c in scored) or 1.0
    score = 100 * sum((c.score or 0) * c.weight for c in scored) / total
    checks = [
        replace(
            c, impact=round((1 - (c.score or 0)) * c.weight / total * 25, 1) if c in scored else 0.0
        )
        for c in checks
    ]
    return CriterionResult(cid, round(score, 3), tuple(checks))


def sample_page(
    url: str,
    *,
    entry: bool = False,
    text: str = "Welcome to Acme",
    good: bool = False,
    md_source: bool = True,
) -> PageResult:
    """One page: benefit and next_step fail unless `good`; evidence points to Markdown."""
    where = Location("content/index.md", 3) if md_source else None
    headline = CheckResult(
        "benefit-headline",
        "benefit",
        "The main heading talks about the seller",
        1.0 if good else 0.0,
        2.0,
        (Evidence("h1", text, 0, where),),
        "Lead with what the visitor gets.",
    )
    title = CheckResult("benefit-title", "benefit", "The title carries the benefit", 1.0)
    nav = CheckResult(
        "findability-nav",
        "findability",
        "Navigation has a few clear labels",
        1.0,
        evidence=(Evidence("nav", "Pricing · Contact", 5),),
    )
    cta = CheckResult(
        "next-step-cta",
        "next_step",
        "No call to action in the first screen",
        0.9 if good else 0.2,
        1.0,
        (Evidence("a", "Learn more", 40, Location("content/index.md", 9) if md_source else None),),
        "Offer a free, low-risk first step above the fold.",
    )
    crashed = CheckResult("next-step-form", "next_step", "Short form", None, error="boom")
    proof = CheckResult(
        "proof-testimonials",
        "proof",
        "Testimonials name real customers",
        0.5,
        evidence=(Evidence("blockquote", "Great! — J.", 80),),
        fix="Name them.",
    )
    criteria = {
        "benefit": _criterion("benefit", [headline, title]),
        "findability": _criterion("findability", [nav]),
        "next_step": _criterion("next_step", [cta, crashed]),
        "proof": _criterion("proof", [proof]),
    }
    score = sum(c.score for c in criteria.values()) / 4
    return PageResult(
        url,
        200,
        round(score, 3),
        criteria,
        is_entry=entry,
        source_path="index.html" if md_source else None,
    )


def sample_report(
    target: str = "http://127.0.0.1:1/",
    *,
    text: str = "Welcome to Acme",
    competitors: tuple[AuditReport, ...] = (),
) -> AuditReport:
    """A three-page site (one not auditable, one failed fetch) with its crawl decisions."""
    pages = (
        sample_page(target + "pricing/", text=text, good=True),
        sample_page(target, entry=True, text=text),
        PageResult(
            target + "app/",
            200,
            None,
            auditable=False,
            reason="JavaScript-only shell; try a rendered audit",
        ),
    )
    scored = [p for p in pages if p.score is not None]
    criteria = {
        cid: sum(p.criteria[cid].score for p in scored) / len(scored)
        for cid in ("benefit", "findability", "next_step", "proof")
    }
    return AuditReport(
        target=target,
        score=sum(criteria.values()) / 4,
        criteria=criteria,
        pages=pages,
        errors=({"url": target + "broken/", "reason": "HTTP 500"},),
        crawl=(
            CrawlDecision(target, True, "audited"),
            CrawlDecision("https://elsewhere.example/", False, "out of scope", target),
        ),
        notes=("robots.txt ignored (--ignore-robots)",),
        competitors=competitors,
    )
