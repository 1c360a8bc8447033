"""A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`."""

from __future__ import annotations

import re
from typing import Any

from sitekit.models import CRITERIA
from sitekit.report.confidence import confidence_of
from sitekit.report.safe import one_line
from sitekit.report.summary import competitor_failure, proof_sentence
from sitekit.report.terminal import entry_fixes, location_text

MAX_HIGH_LINES = 10  # pages of high confidence listed one by one
_SPECIAL = re.compile(r"([\\`*_\[\]()|~])")


def md(value: Any, limit: int = 200) -> str:
    """Page text made inert in Markdown: one line, HTML entities, punctuation escaped."""
    text = one_line(value, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "&#64;")  # no @mentions from page text


def _fmt(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def _confidence_lines(pages: list[dict[str, Any]]) -> list[str]:
    """A line per page saying how far its scores can be trusted: the pages that are not high
    first, with why; the high ones after them."""
    if not pages:
        return []
    unsure = [p for p in pages if confidence_of(p)[0] not in ("", "high")]
    lines = ["", "Confidence:"]
    for page in unsure:
        level, reasons = confidence_of(page)
        lines.append(f"- {md(page['url'], 120)}: **{level}** — {md(' '.join(reasons), 1000)}")
    high = [p for p in pages if confidence_of(p)[0] == "high"]
    if len(high) > MAX_HIGH_LINES:  # a big crawl: the pages to trust in one line
        return [*lines, f"- the other {len(high)} pages: high"]
    return lines + [f"- {md(p['url'], 120)}: high" for p in high]


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `markdown` format."""
    sites = [data, *data.get("competitors", [])]
    lines = [
        f"### sitekit: {_fmt(data['score'])}/100 for {md(data['target'])}",
        "",
        "| | " + " | ".join(md(s["target"], 60) for s in sites) + " |",
        "|---|" + "---:|" * len(sites),
        "| **overall** | " + " | ".join(_fmt(s["score"]) for s in sites) + " |",
    ]
    for cid in CRITERIA:
        cells = " | ".join(_fmt(s["criteria"].get(cid, {}).get("score")) for s in sites)
        lines.append(f"| {cid} | {cells} |")
    if proof_sentence(data):
        lines += ["", md(proof_sentence(data), 400)]
    failed = [s for s in sites[1:] if competitor_failure(s)]
    if failed:
        lines += [""]
        lines += [
            f"- {md(s['target'], 60)} not compared: {md(competitor_failure(s))}" for s in failed
        ]
    fixes = entry_fixes(data)
    if fixes:
        lines += ["", "| impact | check | where | fix |", "|---:|---|---|---|"]
        for fix in fixes[:10]:
            where = next(
                (location_text(ev.get("location")) for ev in fix["evidence"] if ev.get("location")),
                "",
            )
            lines.append(
                f"| −{fix['impact']:.1f} | {md(fix['title'], 120)} | {md(where, 120)} | "
                f"{md(fix['fix'], 300)} |"
            )
    audited = [p for p in data["pages"] if p["auditable"] and p["score"] is not None]
    if len(data["pages"]) > 1:
        lines += ["", "| page | score | " + " | ".join(CRITERIA) + " |"]
        lines.append("|---|" + "---:|" * (len(CRITERIA) + 1))
        for page in sorted(audited, key=lambda p: (p["score"], p["url"])):
            scores = [page["criteria"].get(cid, {}).get("score") for cid in CRITERIA]
            cells = " | ".join("n/a" if s is None else _fmt(s) for s in scores)  # n/a: role
            lines.append(f"| {md(page['url'], 120)} | {_fmt(page['score'])} | {cells} |")
    groups = [g for g in data.get("groups", []) if g["of"] > 1]
    if groups:
        lines += [""]
        lines += [f"- {md(g['title'], 120)} — {g['pages']} of {g['of']} pages" for g in groups]
    lines += _confidence_lines(audited)
    skipped = [p for p in data["pages"] if not p["auditable"] or p["score"] is None]
    skipped_lines = [f"- {md(p['url'], 120)}: {md(p['reason'])}" for p in skipped]
    skipped_lines += [
        f"- {md(e.get('url', ''), 120)}: {md(e.get('reason', ''))}" for e in data.get("errors", [])
    ]
    if skipped_lines:
        lines += ["", "Not scored:", *skipped_lines]
    return "\n".join(lines) + "\n"
