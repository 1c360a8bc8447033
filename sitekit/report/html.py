"""One self-contained HTML report (inline CSS, no scripts, no external requests)."""

from __future__ import annotations

import html
from typing import Any

from sitekit.models import CRITERIA
from sitekit.report.safe import is_web_url, one_line, plain
from sitekit.report.terminal import entry_fixes, location_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LABELS = {
    "benefit": "Benefit first",
    "findability": "Easy to find",
    "next_step": "Easy next step",
    "proof": "Proof of performance",
}

STYLE = """
body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b1f24;
max-width:64rem;margin:2rem auto;padding:0 1rem;background:#fff}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{margin-top:2.2rem;border-bottom:1px solid #d0d7de}
.muted{color:#57606a}.big{font-size:3rem;font-weight:700}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem}
.card{border:1px solid #d0d7de;border-radius:.5rem;padding:1rem}
.meter{height:.5rem;background:#eaeef2;border-radius:.25rem;overflow:hidden}
.meter span{display:block;height:100%}
.good{background:#1a7f37}.fair{background:#bf8700}.poor{background:#cf222e}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}blockquote{margin:.25rem 0;padding-left:.75rem;
border-left:3px solid #d0d7de;color:#424a53}
ol li{margin-bottom:1rem}code{font-size:.85em;word-break:break-all}
img{max-width:100%;border:1px solid #d0d7de}
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape(plain(value), quote=True)


def _score_text(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def _band(score: float | None) -> str:
    if score is None:
        return "poor"
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


def _link(url: str) -> str:
    if is_web_url(url):
        return f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(one_line(url, 120))}</a>'
    return f"<code>{esc(one_line(url, 200))}</code>"


def _meter(score: float | None) -> str:
    width = 0 if score is None else max(0.0, min(100.0, score))
    return (
        f'<div class="meter"><span class="{_band(score)}" style="width:{width:.0f}%"></span></div>'
    )


def _criteria_cards(data: dict[str, Any]) -> str:
    cards = []
    for cid in CRITERIA:
        score = data["criteria"].get(cid, {}).get("score")
        cards.append(
            f'<div class="card"><div class="muted">{esc(LABELS[cid])}</div>'
            f'<div class="big">{_score_text(score)}</div>{_meter(score)}</div>'
        )
    return '<div class="grid">' + "".join(cards) + "</div>"


def _evidence(ev: dict[str, Any]) -> str:
    where = location_text(ev.get("location"))
    parts = [f"<strong>{esc(ev['element'])}</strong>"]
    if where:
        parts.append(f' <span class="muted">{esc(where)}</span>')
    elif ev.get("position") is not None:
        parts.append(f' <span class="muted">word {esc(ev["position"])}</span>')
    if ev.get("text"):
        parts.append(f"<blockquote>{esc(one_line(ev['text'], 400))}</blockquote>")
    if ev.get("note"):
        parts.append(f'<div class="muted">{esc(ev["note"])}</div>')
    return "<div>" + "".join(parts) + "</div>"


def _alternatives(fix: dict[str, Any]) -> str:
    """Other checks of the fix's group: any one of them earns the same points."""
    if not fix.get("alternatives"):
        return ""
    items = "".join(f"<li>{esc(alt['fix'] or alt['title'])}</li>" for alt in fix["alternatives"])
    return f'<p class="muted">Or instead (any one is enough):</p><ul>{items}</ul>'


def _fixes(data: dict[str, Any]) -> str:
    fixes = entry_fixes(data)
    if not fixes:
        return "<p>No failed checks on the entry page.</p>"
    items = []
    for fix in fixes:
        evidence = "".join(_evidence(ev) for ev in fix["evidence"][:3])
        items.append(
            f"<li><strong>{esc(fix['title'])}</strong> "
            f'<span class="muted">({esc(LABELS.get(fix["criterion"], fix["criterion"]))}, '
            f"up to {fix['impact']:.1f} points)</span>"
            f"<p>{esc(fix['fix'])}</p>{_alternatives(fix)}{evidence}</li>"
        )
    return "<ol>" + "".join(items) + "</ol>"


def _entry_strengths(data: dict[str, Any]) -> str:
    """What already works on the entry page, per criterion, with the quoted evidence."""
    entry = next((p for p in data["pages"] if p.get("is_entry") and p.get("auditable")), None)
    if entry is None:
        return ""
    rows = []
    for cid in CRITERIA:
        passed = [
            check
            for check in entry["criteria"].get(cid, {}).get("checks", [])
            if check["passed"] and any(ev.get("text") for ev in check["evidence"])
        ]
        if not passed:
            rows.append(f"<tr><th>{esc(LABELS[cid])}</th><td class=muted>nothing yet</td></tr>")
            continue
        quoted: dict[str, dict[str, Any]] = {}  # one row per quoted element
        for check in sorted(passed, key=lambda c: -(c.get("weight") or 0)):
            ev = next(ev for ev in check["evidence"] if ev.get("text"))
            quoted.setdefault(f"{ev['element']}|{ev['text']}", ev)
        seen = "".join(_evidence(ev) for ev in list(quoted.values())[:3])
        rows.append(f"<tr><th>{esc(LABELS[cid])}</th><td>{seen}</td></tr>")
    return "<h2>What already works on the entry page</h2><table>" + "".join(rows) + "</table>"


def _competitors(data: dict[str, Any]) -> str:
    sites = [data, *data.get("competitors", [])]
    head = "".join(f"<th class=n>{_link(s['target'])}</th>" for s in sites)
    rows = [
        "<tr><th>Overall</th>"
        + "".join(f"<td class=n>{_score_text(s['score'])}</td>" for s in sites)
        + "</tr>"
    ]
    for cid in CRITERIA:
        cells = "".join(
            f"<td class=n>{_score_text(s['criteria'].get(cid, {}).get('score'))}</td>"
            for s in sites
        )
        rows.append(f"<tr><th>{esc(LABELS[cid])}</th>{cells}</tr>")
    return f"<h2>Side by side</h2><table><tr><th></th>{head}</tr>{''.join(rows)}</table>"


def _pages_table(data: dict[str, Any]) -> str:
    head = "<tr><th>Page</th><th class=n>Score</th>" + "".join(
        f"<th class=n>{esc(cid)}</th>" for cid in CRITERIA
    )
    rows = []
    for page in data["pages"]:
        if not page["auditable"] or page["score"] is None:
            cells = f'<td colspan="{len(CRITERIA) + 1}">not scored: {esc(page["reason"])}</td>'
        else:
            cells = f"<td class=n>{_score_text(page['score'])}</td>" + "".join(
                f"<td class=n>{_score_text(page['criteria'].get(cid, {}).get('score'))}</td>"
                for cid in CRITERIA
            )
        entry = " <span class=muted>(entry)</span>" if page.get("is_entry") else ""
        rows.append(f"<tr><td>{_link(page['url'])}{entry}</td>{cells}</tr>")
    return f"<table>{head}</tr>{''.join(rows)}</table>"


def _groups(data: dict[str, Any]) -> str:
    groups = [g for g in data.get("groups", []) if g["of"] > 1]
    if not groups:
        return ""
    items = "".join(
        f"<li>{esc(g['title'])} — {g['pages']} of {g['of']} pages. "
        f'<span class="muted">{esc(g["fix"])}</span></li>'
        for g in groups
    )
    return f"<h2>Across pages</h2><ul>{items}</ul>"


def _crawl(data: dict[str, Any]) -> str:
    decisions = data.get("crawl", [])
    errors = data.get("errors", [])
    if not decisions and not errors:
        return ""
    rows = "".join(
        f"<tr><td>{_link(d['url'])}</td><td>{'audited' if d['audited'] else 'skipped'}</td>"
        f"<td>{esc(d['reason'])}</td></tr>"
        for d in decisions
    )
    rows += "".join(
        f"<tr><td>{_link(str(e.get('url', '')))}</td><td>failed</td>"
        f"<td>{esc(e.get('reason', ''))}</td></tr>"
        for e in errors
    )
    return (
        "<h2>What was crawled</h2><table><tr><th>URL</th><th>Result</th><th>Why</th></tr>"
        f"{rows}</table>"
    )


def _screenshots(data: dict[str, Any]) -> str:
    shots = []
    for page in data["pages"]:
        for viewport, uri in page.get("screenshots", {}).items():
            if not str(uri).startswith(("data:image/png;base64,", "data:image/jpeg;base64,")):
                continue
            shots.append(
                f'<figure><img src="{esc(uri)}" alt="{esc(page["url"])} at {esc(viewport)}">'
                f"<figcaption>{esc(one_line(page['url'], 120))} — {esc(viewport)}</figcaption>"
                "</figure>"
            )
    return "<h2>Screenshots</h2>" + "".join(shots) if shots else ""


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `html` format: everything from a crawled page is escaped; CSP forbids scripts."""
    notes = "".join(f"<li>{esc(n)}</li>" for n in data.get("notes", []))
    body = [
        f"<h1>First-contact audit: {esc(one_line(data['target'], 200))}</h1>",
        f'<p class="muted">Profile {esc(data.get("profile", "default"))} · '
        f"schema {esc(data['schema_version'])}</p>",
        f'<div class="card"><div class="muted">Site score</div>'
        f'<div class="big">{_score_text(data["score"])}<span class="muted"> / 100</span></div>'
        f"{_meter(data['score'])}</div>",
        "<h2>The four criteria</h2>",
        _criteria_cards(data),
        _competitors(data) if data.get("competitors") else "",
        "<h2>Fixes for the entry page, by impact</h2>",
        _fixes(data),
        _entry_strengths(data),
        _groups(data),
        "<h2>Every page</h2>",
        _pages_table(data),
        _crawl(data),
        _screenshots(data),
        f"<h2>Notes</h2><ul>{notes}</ul>" if notes else "",
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>sitekit audit: {esc(one_line(data['target'], 100))}</title>\n"
        f"<style>{STYLE}</style></head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body></html>\n"
    )
