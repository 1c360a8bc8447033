"""The default terminal report: scores as bars, the entry page's top fixes, worst pages."""

from __future__ import annotations

from typing import Any

from sitekit.audit.confidence import HIDDEN_MARK
from sitekit.audit.report_data import is_finding
from sitekit.models import CRITERIA, MEETS, PARTLY
from sitekit.report.safe import one_line
from sitekit.report.summary import (
    competitor_failure,
    fix_title,
    proof_sentence,
    split_fixes,
)

BAR_WIDTH = 20
TOP_FIXES = 5
WORST_PAGES = 5


def _style(text: str, colour: bool, fg: str = "", bold: bool = False) -> str:
    if not colour:
        return text
    import click

    return click.style(text, fg=fg or None, bold=bold)


def _score_colour(score: float | None) -> str:
    if score is None:
        return "bright_black"
    return "green" if score >= MEETS else "yellow" if score >= PARTLY else "red"


def _fmt(score: float | None) -> str:
    return "  -" if score is None else f"{score:3.0f}"


def _bar(score: float | None, colour: bool) -> str:
    filled = 0 if score is None else round(score / 100 * BAR_WIDTH)
    bar = "█" * filled + "░" * (BAR_WIDTH - filled)
    return _style(bar, colour, _score_colour(score))


def entry_fixes(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry page's failed checks with their criterion, largest impact first."""
    entry = next((p for p in data["pages"] if p.get("is_entry")), None)
    if entry is None:
        entry = next((p for p in data["pages"] if p.get("auditable")), None)
    if entry is None:
        return []
    fixes = [
        dict(check, criterion=cid)
        for cid, crit in entry["criteria"].items()
        for check in crit["checks"]
        if is_finding(check)
    ]
    fixes.sort(key=lambda c: (-(c["impact"] or 0), c["id"]))
    return _collapse_groups(fixes)


def _collapse_groups(fixes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Checks of one group are alternatives (any one of them fixes it): list the group once,
    at its best impact, with the others under `alternatives`."""
    out: list[dict[str, Any]] = []
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for fix in fixes:
        key = (fix["criterion"], fix.get("group") or "")
        if key[1] and key in first:
            first[key]["alternatives"].append(fix)
            continue
        fix = dict(fix, alternatives=[])
        if key[1]:
            first[key] = fix
        out.append(fix)
    return out


def evidence_line(evidence: dict[str, Any]) -> str:
    """'h1 "Welcome to Acme" (content/index.md:3)' from one evidence dict."""
    parts = [one_line(evidence["element"], 40)]
    if evidence.get("text"):
        parts.append(f'"{one_line(evidence["text"], 100)}"')
    where = location_text(evidence.get("location"))
    if where:
        parts.append(f"({one_line(where, 200)})")
    elif evidence.get("position") is not None:
        parts.append(f"(word {evidence['position']})")
    if evidence.get("note"):
        parts.append(f"— {one_line(evidence['note'], 120)}")
    return " ".join(parts)


def location_text(location: dict[str, Any] | None) -> str:
    if not location:
        return ""
    out = str(location["path"])
    if location.get("line") is not None:
        out += f":{location['line']}"
    return out


def _criteria_lines(data: dict[str, Any], colour: bool) -> list[str]:
    lines = []
    for cid in CRITERIA:
        score = data["criteria"].get(cid, {}).get("score")
        shown = "not applicable" if score is None else f"{_bar(score, colour)} {_fmt(score)}"
        lines.append(f"  {cid:<12} {shown}")
    return lines


def _competitor_lines(data: dict[str, Any]) -> list[str]:
    sites = [data, *data.get("competitors", [])]
    names = [one_line(s["target"], 28) for s in sites]
    width = max(len(n) for n in names) + 2
    lines = ["", "Side by side:", "  " + " " * 12 + "".join(f"{n:>{width}}" for n in names)]
    rows = [("score", [s["score"] for s in sites])]
    rows += [(cid, [s["criteria"].get(cid, {}).get("score") for s in sites]) for cid in CRITERIA]
    for label, scores in rows:
        cells = "".join(f"{'-' if v is None else f'{v:.0f}':>{width}}" for v in scores)
        lines.append(f"  {label:<12}{cells}")
    for site in sites[1:]:
        why = competitor_failure(site)
        if why:
            lines.append(f"  {one_line(site['target'], 200)} not compared: {why}")
    return lines


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `terminal` format; page text is stripped of control characters and escapes."""
    pages = data["pages"]
    audited = [p for p in pages if p["auditable"] and p["score"] is not None]
    score = data["score"]
    lines = [
        _style(f"sitekit audit of {one_line(data['target'], 200)}", colour, bold=True)
        + f"  (profile {one_line(data.get('profile', 'default'), 40)}, "
        f"{len(audited)} of {len(pages)} pages scored)",
        "",
        "Site score  " + _style(f"{_fmt(score).strip()} / 100", colour, _score_colour(score), True),
        *_criteria_lines(data, colour),
    ]
    if proof_sentence(data):
        lines += ["", one_line(proof_sentence(data), 400)]
    for page in audited:  # a preloader's page: the scores rest on the loader (say it here too)
        hidden = [r for r in page.get("confidence_reasons") or () if HIDDEN_MARK in r]
        if hidden:
            where = one_line(page["url"], 200)
            lines += ["", f"Low confidence on {where}: {one_line(hidden[0], 400)}"]
    if data.get("competitors"):
        lines += _competitor_lines(data)
    fixes, noticed = split_fixes(entry_fixes(data))
    entry_url = next((p["url"] for p in pages if p.get("is_entry")), pages[0]["url"])
    if audited and not fixes:
        lines += ["", f"Entry page ({one_line(entry_url, 200)}): no fix is worth points."]
    if fixes:
        lines += ["", f"Top fixes on the entry page ({one_line(entry_url, 200)}):"]
        for n, fix in enumerate(fixes[:TOP_FIXES], 1):
            title = one_line(fix_title(fix), 120)
            impact = _style(f"-{fix['impact']:.1f}", colour, "red")
            lines.append(f"  {n}. {impact} {title} [{fix['criterion']}: {fix['id']}]")
            for ev in fix["evidence"][:2]:
                lines.append(f"     saw: {evidence_line(ev)}")
            if fix["fix"]:
                lines.append(f"     fix: {one_line(fix['fix'], 300)}")
            for alt in fix["alternatives"]:
                lines.append(f"     or instead: {one_line(alt['fix'] or alt['title'], 300)}")
    if noticed:
        lines += ["", "Also noticed (worth no points now):"]
        for fix in noticed:
            lines.append(f"  - {one_line(fix_title(fix), 120)} [{fix['criterion']}: {fix['id']}]")
    if len(audited) > 1:
        worst = sorted(audited, key=lambda p: (p["score"], p["url"]))[:WORST_PAGES]
        lines += ["", "Worst pages:"]
        for page in worst:
            lines.append(
                f"  {_style(_fmt(page['score']), colour, _score_colour(page['score']))}  "
                f"{one_line(page['url'], 200)}"
            )
    groups = [g for g in data.get("groups", []) if g["of"] > 1]
    if groups:
        lines += ["", "Across pages:"]
        for group in groups[:10]:
            lines.append(
                f"  {one_line(group['title'], 120)} — {group['pages']} of {group['of']} pages"
            )
    not_scored = [p for p in pages if not p["auditable"] or p["score"] is None]
    if not_scored or data.get("errors"):
        lines += ["", "Not scored:"]
        for page in not_scored:
            lines.append(f"  {one_line(page['url'], 200)} — {one_line(page['reason'], 200)}")
        for err in data.get("errors", []):
            lines.append(
                f"  {one_line(err.get('url', ''), 200)} — {one_line(err.get('reason', ''), 200)}"
            )
    if data.get("notes"):
        lines += ["", "Notes:", *(f"  {one_line(n, 300)}" for n in data["notes"])]
    return "\n".join(lines) + "\n"
