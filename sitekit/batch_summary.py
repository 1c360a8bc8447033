"""A batch's summary in four shapes, from the same ranked rows: summary.json, summary.csv,
index.html (linking each site's report) and the terminal table."""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sitekit.errors import SitekitError
from sitekit.models import CRITERIA
from sitekit.report.safe import one_line

if TYPE_CHECKING:
    from sitekit.batch import SiteRow

SUMMARY_VERSION = 1
HEADINGS = ("rank", "score", *CRITERIA, "pages", "site", "reason")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _cells(rank: int, row: SiteRow) -> list[str]:
    """One row as text cells, in HEADINGS order (a site not audited has no rank)."""
    return [
        str(rank) if row.audited else "-",
        _number(row.score),
        *(_number(row.criteria.get(c)) for c in CRITERIA),
        str(row.pages) if row.audited else "-",
        one_line(row.target),
        one_line(row.reason or ""),
    ]


def summary_json(rows: Sequence[SiteRow], profile: str) -> str:
    """The ranked rows as JSON: what a rerun reads to skip sites already audited."""
    sites = [{"rank": n if r.audited else None, **r.to_dict()} for n, r in enumerate(rows, 1)]
    data = {"summary_version": SUMMARY_VERSION, "profile": profile, "sites": sites}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def summary_csv(rows: Sequence[SiteRow]) -> str:
    """The ranked rows as CSV, one site a line, the report's file name last."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEADINGS, "report"])
    for n, row in enumerate(rows, 1):
        cells = _cells(n, row)
        # a cell starting with = + - @ would be a formula in a spreadsheet
        safe = ["'" + c if c[:1] and c[0] in "=+-@" and c != "-" else c for c in cells]
        writer.writerow([*safe, row.report or ""])
    return out.getvalue()


def summary_table(rows: Sequence[SiteRow]) -> str:
    """The ranked rows as a plain-text table for the terminal."""
    labels = ("#", "score", *CRITERIA, "pages", "site", "")
    lines = [list(labels)] + [_cells(n, row) for n, row in enumerate(rows, 1)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(labels) - 2)]
    out = []
    for line in lines:
        numbers = "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=False))
        out.append(f"{numbers}  {line[-2]}  {line[-1]}".rstrip())
    audited = sum(1 for r in rows if r.audited)
    out.append(f"{audited} of {len(rows)} sites audited")
    return "\n".join(out) + "\n"


def summary_html(rows: Sequence[SiteRow]) -> str:
    """The ranked rows as one self-contained HTML page linking each site's report."""
    body = []
    for n, row in enumerate(rows, 1):
        cells = _cells(n, row)
        tds = "".join(f"<td>{html.escape(c)}</td>" for c in cells[:-2])
        site = html.escape(cells[-2])
        if row.report:
            site = f'<a href="{html.escape(quote(row.report))}">{site}</a>'
        body.append(f"<tr>{tds}<td>{site}</td><td>{html.escape(cells[-1])}</td></tr>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADINGS)
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\"><title>sitekit: sites compared</title>"
        "<style>body{font:15px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:right}"
        "td:nth-last-child(-n+2),th:nth-last-child(-n+2){text-align:left}</style></head>\n"
        f"<body><h1>Sites compared</h1><table><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></body></html>\n"
    )


def _write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def write_summaries(out_dir: Path, rows: Sequence[SiteRow], profile: str) -> None:
    """summary.json, summary.csv and index.html in `out_dir`, each replaced whole."""
    try:
        _write(out_dir / "summary.json", summary_json(rows, profile))
        _write(out_dir / "summary.csv", summary_csv(rows))
        _write(out_dir / "index.html", summary_html(rows))
    except OSError as exc:
        raise SitekitError(f"cannot write the summary in {out_dir}: {exc.strerror}") from exc
