"""The report in plain words, shared by the human formats (terminal, HTML, Markdown): criterion
names, score bands, the fixes worth points, one crawl row per URL, why a competitor has no score,
and how far a page's judgement can be trusted."""

from __future__ import annotations

import os
import time
from typing import Any
from urllib.parse import urlsplit

from sitekit.audit.report_data import failure_title
from sitekit.models import MEETS, PARTLY
from sitekit.report.confidence import confidence_of
from sitekit.report.safe import one_line

LABELS = {
    "benefit": "Benefit first",
    "findability": "Easy to find",
    "next_step": "Easy next step",
    "proof": "Proof of performance",
}
SCALE = (
    "Every score runs from 0 to 100: 75-100 meets the criterion, 25-74 meets it partly, "
    "0-24 fails it. The site score weighs the entry page most, then the other pages."
)
NOT_APPLICABLE = "not applicable"


# What the evidence's element is, in words a site owner uses.
ELEMENTS = {
    "page": "The page",
    "h1": "Main heading",
    "h2": "Section heading",
    "h3": "Section heading",
    "a": "Link or button",
    "button": "Button",
    "p": "Text",
    "li": "List item",
    "td": "Table",
    "blockquote": "Quote",
    "figcaption": "Caption",
    "img": "Image",
    "tel": "Phone link",
    "mailto": "E-mail link",
    "form": "Form",
    "input": "Form field",
    "nav": "Menu",
}


def element_words(element: str) -> str:
    """'Main heading' for '<h1>'; an element without a name in words stays as it is."""
    return ELEMENTS.get(element.strip().strip("<>").strip().lower(), element)


def label(cid: str) -> str:
    """A criterion's name in words ('Easy next step' for next_step)."""
    return LABELS.get(cid, cid.replace("_", " ").capitalize())


def band(score: float | None) -> str:
    """'meets', 'partly' or 'fails' (the CSS class and colour follow it); '' without a score."""
    if score is None:
        return ""
    return "meets" if score >= MEETS else "partly" if score >= PARTLY else "fails"


def band_words(score: float | None) -> str:
    """'meets it', 'partly', 'fails it' or 'not applicable'."""
    return {"meets": "meets it", "partly": "partly", "fails": "fails it"}.get(
        band(score), NOT_APPLICABLE
    )


def worth_points(fix: dict[str, Any]) -> bool:
    """True when fixing it gains at least 0.1 point (never a '-0.0' fix)."""
    return round(fix.get("impact") or 0.0, 1) > 0


def split_fixes(fixes: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(fixes worth points, fixes worth none: 'also noticed'), order kept."""
    worth = [f for f in fixes if worth_points(f)]
    return worth, [f for f in fixes if not worth_points(f)]


def fix_title(fix: dict[str, Any]) -> str:
    """What is wrong, in the registry's words ('The only form is long')."""
    return failure_title(fix["id"], fix.get("title") or fix["id"])


def site_fixes(data: dict[str, Any], entry: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fixes across pages not already among the entry page's, most points over all pages first,
    each a group of `data["groups"]` plus `id`, `impact` (the most one page gains) and
    `alternatives` (the other checks of its check group: any one of them earns the points)."""
    taken = {f["id"] for f in entry} | {a["id"] for f in entry for a in f.get("alternatives", ())}
    impacts: dict[str, list[float]] = {}
    kinds: dict[str, tuple[str, str]] = {}
    for page in data["pages"]:
        for cid, crit in page.get("criteria", {}).items():
            for check in crit.get("checks", ()):
                lost = 0.0 if check.get("passed") else (check.get("impact") or 0.0)
                impacts.setdefault(check["id"], []).append(lost)
                kinds[check["id"]] = (cid, check.get("group") or check["id"])
    found = [
        dict(
            g,
            id=g["check"],
            impact=max(impacts.get(g["check"], [0.0])),
            total=sum(impacts.get(g["check"], [0.0])),
            alternatives=[],
        )
        for g in data.get("groups", [])
        if g["check"] not in taken
    ]
    found.sort(key=lambda g: (-g["total"], -g["pages"], g["id"]))
    out: list[dict[str, Any]] = []
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for fix in found:
        kind = kinds.get(fix["id"], (fix["criterion"], fix["id"]))
        if kind in first:
            first[kind]["alternatives"].append(fix)
            continue
        first[kind] = fix
        out.append(fix)
    return out


def top_fixes(
    data: dict[str, Any], entry: list[dict[str, Any]], n: int = 3
) -> list[dict[str, Any]]:
    """The `n` fixes to make first: the entry page's worth points, then the site's."""
    worth = [f for f in entry if worth_points(f)]
    return (worth + [f for f in site_fixes(data, entry) if worth_points(f)])[:n]


def crawl_rows(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(url, result, why) once per URL: a failed fetch wins over a decision, and an audited page
    says its score (or why it was not scored) instead of repeating 'audited'."""
    pages = {p["url"]: p for p in data["pages"]}
    rows: dict[str, tuple[str, str, str]] = {}
    for d in data.get("crawl", []):
        url = str(d["url"])
        if d["audited"]:
            page = pages.get(url)
            if page is not None and page["score"] is not None and page["auditable"]:
                row = (url, "audited", f"scored {page['score']:.0f} / 100")
            elif page is not None:
                row = (url, "not scored", str(page.get("reason") or "not auditable"))
            else:
                row = (url, "audited", "")
        else:
            row = (url, "skipped", str(d["reason"]))
        if url not in rows or rows[url][1] == "skipped":
            rows[url] = row
    for err in data.get("errors", []):
        url = str(err.get("url", ""))
        rows[url] = (url, "failed", str(err.get("reason", "")))
    return [rows[url] for url in sorted(rows)]


def competitor_failure(site: dict[str, Any]) -> str:
    """Why a compared site has no score ('cannot reach …: connection refused'), or ''."""
    if site.get("score") is not None:
        return ""
    reasons = [str(e.get("reason", "")) for e in site.get("errors", []) if e.get("reason")]
    reasons += [str(p["reason"]) for p in site.get("pages", []) if p.get("reason")]
    return one_line(reasons[0], 300) if reasons else "nothing on it could be audited"


def confidence_sentence(page: dict[str, Any]) -> str:
    """'Low confidence: the page is in Polish, …' for a low or medium judgement, else ''."""
    level, reasons = confidence_of(page)
    if level not in ("low", "medium"):
        return ""
    joined = "; ".join(one_line(r, 200) for r in reasons if r)
    return f"{level.capitalize()} confidence" + (f": {joined}" if joined else "")


def role_text(page: dict[str, Any]) -> str:
    """'offer page (path /pricing/)', or '' when no role was judged."""
    role = one_line(page.get("role") or "", 40)
    if not role:
        return ""
    why = one_line(page.get("role_reason") or "", 200)
    return f"{role} page" + (f" ({why})" if why else "")


def report_date() -> str:
    """Today's date ('5 December 2026'), or SOURCE_DATE_EPOCH's for a reproducible report."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    stamp = time.gmtime(int(epoch)) if epoch.isdigit() else time.localtime()
    return f"{stamp.tm_mday} {time.strftime('%B %Y', stamp)}"


def proof_sentence(data: dict[str, Any]) -> str:
    """Where the site's proof lives, in one line: on the entry page, one click from it, or
    further away ('' when the report does not say: a one-page or older report)."""
    places = data.get("proof_places") or {}
    if not places:
        return ""

    def paths(urls: list[str]) -> str:
        shown = [one_line(urlsplit(u).path or u, 80) for u in urls[:3]]
        more = f" and {len(urls) - 3} more" if len(urls) > 3 else ""
        return ", ".join(shown) + more

    parts = ["on the entry page"] if places.get("entry_page") else []
    if places.get("one_click"):
        parts.append(f"one click from it: {paths(places['one_click'])}")
    if places.get("deeper"):
        parts.append(f"further away, where a visitor may not find it: {paths(places['deeper'])}")
    if not parts:
        return "Proof: no audited page shows proof that meets the criterion."
    return "Proof lives " + "; ".join(parts) + "."
