"""GitHub Actions workflow commands (`::error file=...,line=...,title=...::message`)."""

from __future__ import annotations

from typing import Any

from sitekit.audit.report_data import is_finding
from sitekit.report.confidence import confidence_of
from sitekit.report.safe import plain
from sitekit.report.summary import proof_sentence
from sitekit.report.terminal import evidence_line


def escape_data(value: Any) -> str:
    """GitHub's escaping for a command's message: %, CR and LF."""
    text = plain(value, keep_newlines=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: Any) -> str:
    """GitHub's escaping for a command property: the data rules plus `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _where(page: dict[str, Any], check: dict[str, Any]) -> tuple[str, int | None]:
    for ev in check["evidence"]:
        loc = ev.get("location")
        if loc and loc.get("path") and "://" not in str(loc["path"]):
            return str(loc["path"]), loc.get("line")
    return str(page.get("source_path") or ""), None


def _fmt(score: float | None) -> str:
    return "-" if score is None else f"{score:.0f}"


def _low_confidence(page: dict[str, Any]) -> str:
    """A notice that the page's scores are a guess, and why (at its file when it has one)."""
    props = [f"file={escape_property(page['source_path'])}"] if page.get("source_path") else []
    props.append(f"title={escape_property('low confidence: the scores are a guess')}")
    message = "\n".join([f"{page['url']}:", *confidence_of(page)[1]])
    return f"::notice {','.join(props)}::{escape_data(message)}"


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `github` format: one annotation per failed check, most points first (a finding worth
    no points is a notice), a notice per page judged with low confidence, then a notice with
    the score."""
    lines = []
    findings: list[tuple[tuple[Any, ...], str]] = []
    for page in data["pages"]:
        if not page["auditable"] or page["score"] is None:
            lines.append(
                f"::warning title={escape_property('not scored')}::"
                f"{escape_data(page['url'] + ': ' + page['reason'])}"
            )
            continue
        for cid, crit in page["criteria"].items():
            for check in crit["checks"]:
                if not is_finding(check):
                    continue
                path, line = _where(page, check)
                props = []
                if path:
                    props.append(f"file={escape_property(path)}")
                    if line:
                        props.append(f"line={int(line)}")
                title = f"{cid}: {check['title']}"
                props.append(f"title={escape_property(title)}")
                message = [f"{page['url']}: {check['title']}"]
                message += [f"saw: {evidence_line(ev)}" for ev in check["evidence"][:2]]
                if check["fix"]:
                    message.append(f"fix: {check['fix']}")
                impact = check.get("impact")
                level = "error" if (check["score"] or 0) < 50 else "warning"
                if impact is not None and impact <= 0:
                    level = "notice"
                order = (-(impact or 0), path, line or 0, check["id"], page["url"])
                text = f"::{level} {','.join(props)}::{escape_data(chr(10).join(message))}"
                findings.append((order, text))
    lines[:0] = [text for _, text in sorted(findings)]
    lines += [_low_confidence(page) for page in data["pages"] if confidence_of(page)[0] == "low"]
    for err in data.get("errors", []):
        lines.append(
            f"::warning title={escape_property('fetch failed')}::"
            f"{escape_data(str(err.get('url', '')) + ': ' + str(err.get('reason', '')))}"
        )
    criteria = ", ".join(f"{cid} {_fmt(c['score'])}" for cid, c in data["criteria"].items())
    summary = f"{data['target']}: {_fmt(data['score'])}/100 ({criteria})"
    if proof_sentence(data):
        summary += f". {proof_sentence(data)}"
    lines.append(f"::notice title={escape_property('sitekit score')}::{escape_data(summary)}")
    return "\n".join(lines) + "\n"
