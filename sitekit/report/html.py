"""One self-contained HTML report a marketer can send to a client (inline CSS, no scripts, no
external requests): first the score and the three things to fix first, then the details, and
the technical details in a collapsed appendix."""

from __future__ import annotations

import html
from typing import Any

from sitekit.models import CRITERIA
from sitekit.report.safe import is_web_url, one_line, plain
from sitekit.report.summary import (
    NOT_APPLICABLE,
    SCALE,
    band,
    band_words,
    competitor_failure,
    confidence_sentence,
    crawl_rows,
    element_words,
    fix_title,
    label,
    proof_sentence,
    report_date,
    role_text,
    split_fixes,
    top_fixes,
)
from sitekit.report.terminal import entry_fixes, location_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LABELS = {cid: label(cid) for cid in CRITERIA}

STYLE = """
body{font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b1f24;
max-width:64rem;margin:1rem auto;padding:0 1rem;background:#fff}
h1{font-size:1.45rem;margin:0;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de}
.muted{color:#57606a}.meta{margin:.2rem 0 .8rem;font-size:.9rem}
.summary{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.2fr);gap:1rem}
.site{display:flex;align-items:baseline;gap:.6rem;flex-wrap:wrap}
.big{font-size:2.6rem;font-weight:700;line-height:1}
.crit{list-style:none;padding:0;margin:.6rem 0 0;display:grid;
grid-template-columns:repeat(2,minmax(0,1fr));gap:.4rem .9rem}
.crit li{font-size:.9rem}.crit b{font-size:1.15rem}
.card{border:1px solid #d0d7de;border-radius:.5rem;padding:.75rem 1rem}
.meter{height:.45rem;background:#eaeef2;border-radius:.25rem;overflow:hidden;margin-top:.2rem}
.meter span{display:block;height:100%}
.meets{background:#1a7f37}.partly{background:#9a6700}.fails{background:#cf222e}
.w-meets{color:#1a7f37}.w-partly{color:#9a6700}.w-fails{color:#cf222e}
.top h2{margin-top:0;border:0;font-size:1.1rem}
.top ol{margin:0;padding-left:1.3rem}.top li{margin:.25rem 0 .55rem}
.scale{font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}blockquote{margin:.25rem 0;padding-left:.75rem;
border-left:3px solid #d0d7de;color:#424a53}
.fixes li{margin-bottom:1rem}code{font-size:.85em;word-break:break-all}
.low{border-left:4px solid #9a6700;padding-left:.5rem}
img{max-width:100%;border:1px solid #d0d7de}figure{margin:1rem 0}
.table{overflow-x:auto}details{margin-top:2.5rem}summary{font-weight:600;cursor:pointer}
@media (max-width:44rem){.summary{grid-template-columns:1fr}.big{font-size:2.2rem}}
@media print{body{max-width:none;margin:0}.card,li,tr,figure{break-inside:avoid}
h2{break-after:avoid}a{color:inherit}}
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape(plain(value), quote=True)


def _score_text(score: float | None) -> str:
    return NOT_APPLICABLE if score is None else f"{score:.0f}"


def _link(url: str) -> str:
    if is_web_url(url):
        return f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(one_line(url, 120))}</a>'
    return f"<code>{esc(one_line(url, 200))}</code>"


def _meter(score: float | None) -> str:
    if score is None:
        return ""
    width = max(0.0, min(100.0, score))
    return (
        f'<div class="meter"><span class="{band(score)}" style="width:{width:.0f}%"></span></div>'
    )


def _words(score: float | None) -> str:
    return f'<span class="w-{band(score) or "na"}">{esc(band_words(score))}</span>'


def _summary(data: dict[str, Any]) -> str:
    """The first screen: the site score and the four criteria in words, the three fixes."""
    score = data["score"]
    crits = "".join(
        f"<li>{esc(LABELS[cid])}<br><b>{_score_text(s)}</b> {_words(s) if s is not None else ''}"
        f"{_meter(s)}</li>"
        for cid in CRITERIA
        for s in [data["criteria"].get(cid, {}).get("score")]
    )
    site = (
        '<div class="card"><div class="muted">Site score</div><div class="site">'
        f'<span class="big">{_score_text(score)}</span><span class="muted">/ 100</span> '
        f"<strong>{_words(score)}</strong></div>{_meter(score)}"
        f'<ul class="crit">{crits}</ul></div>'
    )
    fixes = top_fixes(data, entry_fixes(data))
    if fixes:
        items = "".join(f"<li>{_top_item(fix)}</li>" for fix in fixes)
        top = f"<ol>{items}</ol>"
    else:
        top = "<p>Nothing worth points is left to fix.</p>"
    heading = "The three things to fix first" if len(fixes) == 3 else "What to fix first"
    return (
        f'<section class="summary" aria-label="Summary">{site}'
        f'<div class="card top" id="top-fixes"><h2>{heading}</h2>{top}</div></section>'
        + (f'<p class="muted">{esc(proof_sentence(data))}</p>' if proof_sentence(data) else "")
        + f'<p class="scale muted">{esc(SCALE)}</p>'
    )


def _top_item(fix: dict[str, Any]) -> str:
    where = f"on {fix['pages']} of {fix['of']} pages" if "pages" in fix else "on the entry page"
    return (
        f"<strong>{esc(fix_title(fix))}</strong><br>"
        f'<span class="muted">{esc(LABELS.get(fix["criterion"], fix["criterion"]))}, {where}: '
        f"up to {fix['impact']:.1f} points</span>"
    )


def _evidence(ev: dict[str, Any]) -> str:
    parts = [f"<strong>{esc(element_words(str(ev['element'])))}</strong>"]
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
    worth, noticed = split_fixes(entry_fixes(data))
    out = ["<h2>Fixes for the entry page, by points</h2>"]
    if not worth:
        out.append("<p>Nothing on the entry page is worth points to fix.</p>")
    items = []
    for fix in worth:
        evidence = "".join(_evidence(ev) for ev in fix["evidence"][:3])
        items.append(
            f"<li><strong>{esc(fix_title(fix))}</strong> "
            f'<span class="muted">({esc(LABELS.get(fix["criterion"], fix["criterion"]))}, '
            f"up to {fix['impact']:.1f} points)</span>"
            f"<p>{esc(fix['fix'])}</p>{_alternatives(fix)}{evidence}</li>"
        )
    if items:
        out.append('<ol class="fixes">' + "".join(items) + "</ol>")
    if noticed:
        also = "".join(
            f"<li>{esc(fix_title(fix))} <span class=muted>— {esc(fix['fix'])}</span></li>"
            for fix in noticed
        )
        out.append(
            "<h3>Also noticed</h3><p class=muted>Fixing these alone does not move the score "
            "now (another check or a cap decides the criterion), but a visitor may notice them."
            f"</p><ul>{also}</ul>"
        )
    return "".join(out)


def _entry_strengths(data: dict[str, Any]) -> str:
    """What already works on the entry page: only fully passed checks, with quoted evidence."""
    entry = next((p for p in data["pages"] if p.get("is_entry") and p.get("auditable")), None)
    if entry is None:
        return ""
    rows = []
    for cid in CRITERIA:
        passed = [
            check
            for check in entry["criteria"].get(cid, {}).get("checks", [])
            if check["passed"]
            and not check.get("ignored")
            and (check.get("score") or 0) >= 100
            and any(ev.get("text") for ev in check["evidence"])
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
    head = "".join(f"<th class=n>{_site_link(s['target'])}</th>" for s in sites)

    def cell(site: dict[str, Any], score: float | None) -> str:
        return "<td class=n>" + ("–" if competitor_failure(site) else _score_text(score)) + "</td>"

    rows = ["<tr><th>Overall</th>" + "".join(cell(s, s["score"]) for s in sites) + "</tr>"]
    for cid in CRITERIA:
        cells = "".join(cell(s, s["criteria"].get(cid, {}).get("score")) for s in sites)
        rows.append(f"<tr><th>{esc(LABELS[cid])}</th>{cells}</tr>")
    failed = "".join(
        f"<li>{_site_link(s['target'])} could not be compared: {esc(competitor_failure(s))}</li>"
        for s in sites[1:]
        if competitor_failure(s)
    )
    return (
        f'<h2>Side by side</h2><div class="table"><table><tr><th></th>{head}</tr>'
        f"{''.join(rows)}</table></div>" + (f"<ul>{failed}</ul>" if failed else "")
    )


def _pages_table(data: dict[str, Any]) -> str:
    head = "<tr><th>Page</th><th class=n>Score</th>" + "".join(
        f"<th class=n>{esc(LABELS[cid])}</th>" for cid in CRITERIA
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
        notes = [esc(text) for text in (role_text(page),) if text]
        trust = confidence_sentence(page)
        if trust:
            notes.append(f'<span class="low">{esc(trust)}</span>')
        entry = " <span class=muted>(entry)</span>" if page.get("is_entry") else ""
        about = "".join(f'<div class="muted">{note}</div>' for note in notes)
        rows.append(f"<tr><td>{_link(page['url'])}{entry}{about}</td>{cells}</tr>")
    return f'<div class="table"><table>{head}</tr>{"".join(rows)}</table></div>'


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
    rows = "".join(
        f"<tr><td>{_link(url)}</td><td>{esc(result)}</td><td>{esc(why)}</td></tr>"
        for url, result, why in crawl_rows(data)
    )
    if not rows:
        return ""
    return (
        '<h2>What was crawled</h2><div class="table"><table><tr><th>Address</th><th>Result</th>'
        f"<th>Why</th></tr>{rows}</table></div>"
    )


def _screenshots(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(page url, viewport, data URI) of every embeddable screenshot, entry page first."""
    shots = []
    for page in data["pages"]:
        for viewport, uri in page.get("screenshots", {}).items():
            if str(uri).startswith(("data:image/png;base64,", "data:image/jpeg;base64,")):
                shots.append((page["url"], str(viewport), str(uri)))
    return shots


def _figure(url: str, viewport: str, uri: str) -> str:
    return (
        f'<figure><img src="{esc(uri)}" alt="The first screen of {esc(url)} at {esc(viewport)}">'
        f"<figcaption>{esc(one_line(url, 120))} at {esc(viewport)}. Outlined: the main heading "
        "and the call to action the audit read.</figcaption></figure>"
    )


def _site_name(target: str) -> str:
    """The URL, or a local folder's last two names ('mysite/_site'): its path is technical."""
    if is_web_url(target):
        return one_line(target, 200)
    parts = [p for p in str(target).replace("\\", "/").split("/") if p not in ("", ".")]
    return one_line("/".join(parts[-2:]) or target, 200)


def _site_link(target: str) -> str:
    """A site's URL as a link, a local folder by its name (its path is in the appendix)."""
    return _link(target) if is_web_url(target) else esc(_site_name(target))


def _how(data: dict[str, Any]) -> str:
    pages = data["pages"]
    scored = sum(1 for p in pages if p["auditable"] and p["score"] is not None)
    kind = "the website" if is_web_url(data["target"]) else "the site's files"
    way = (
        "shown in a real browser, as a visitor sees them"
        if _screenshots(data)
        else "read as a visitor's browser receives them"
    )
    return (
        f"Audited on {esc(report_date())} · {len(pages)} pages of {kind} checked, {scored} scored, "
        f"{way}, on four criteria of a first contact."
    )


def _appendix(data: dict[str, Any], shots: list[tuple[str, str, str]]) -> str:
    """Technical details for whoever makes the changes, collapsed."""
    places = []
    for fix in entry_fixes(data):
        where = [location_text(ev.get("location")) for ev in fix["evidence"]]
        where = [w for w in where if w]
        if where:
            places.append(f"<li>{esc(fix['id'])}: <code>{esc(', '.join(where[:3]))}</code></li>")
    notes = "".join(f"<li>{esc(n)}</li>" for n in data.get("notes", []))
    rows = [
        ("Audited", f"<code>{esc(one_line(data['target'], 200))}</code>"),
        ("Profile", esc(data.get("profile", "default"))),
        ("Report schema", esc(data["schema_version"])),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        "<details><summary>Technical details</summary>"
        f"<table>{table}</table>"
        + (f"<h3>Where the entry page's fixes are</h3><ul>{''.join(places)}</ul>" if places else "")
        + (f"<h3>Notes</h3><ul>{notes}</ul>" if notes else "")
        + "".join(_figure(*shot) for shot in shots[1:])
        + "</details>"
    )


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `html` format: everything from a crawled page is escaped; CSP forbids scripts."""
    shots = _screenshots(data)
    first = "<h2>The entry page's first screen</h2>" + _figure(*shots[0]) if shots else ""
    body = [
        f"<header><h1>Website check: {esc(_site_name(data['target']))}</h1>",
        f'<p class="meta muted">{_how(data)}</p></header><main>',
        _summary(data),
        first,
        _competitors(data) if data.get("competitors") else "",
        _fixes(data),
        _entry_strengths(data),
        _groups(data),
        "<h2>Every page</h2>",
        _pages_table(data),
        _crawl(data),
        _appendix(data, shots),
        "</main>",
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>Website check: {esc(one_line(_site_name(data['target']), 100))}</title>\n"
        f"<style>{STYLE}</style></head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body></html>\n"
    )
