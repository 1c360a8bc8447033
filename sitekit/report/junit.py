"""JUnit XML: one testsuite per page, one testcase per check, failures with evidence and fix."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from sitekit.audit.report_data import is_finding
from sitekit.report.confidence import confidence_of, confidence_text
from sitekit.report.safe import plain
from sitekit.report.summary import proof_sentence
from sitekit.report.terminal import evidence_line

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> str:
    """Text an XML document can hold: control characters and escapes removed."""
    return _NOT_XML.sub("", plain(value, keep_newlines=True))


def _failure_text(check: dict[str, Any]) -> str:
    lines = [f"score {check['score']:.0f}/100, up to {check['impact']:.1f} points lost"]
    lines += [f"saw: {evidence_line(ev)}" for ev in check["evidence"]]
    if check["fix"]:
        lines.append(f"fix: {check['fix']}")
    return "\n".join(lines)


def _testcase(suite: ET.Element, page: dict[str, Any], cid: str, check: dict[str, Any]) -> str:
    case = ET.SubElement(
        suite,
        "testcase",
        name=xml_text(f"{check['id']}: {check['title']}"),
        classname=xml_text(f"sitekit.{cid}"),
        time="0",
    )
    if page.get("source_path"):
        case.set("file", xml_text(page["source_path"]))
    if check["ignored"]:
        ET.SubElement(case, "skipped", message=xml_text(f"ignored: {check['ignored']}"))
        return "skipped"
    if check["score"] is None:
        kind = "error" if check["error"] else "skipped"
        notes = [ev.get("note") for ev in check["evidence"] if ev.get("note")]
        message = check["error"] or (notes[0] if notes else "did not apply")
        ET.SubElement(case, kind, message=xml_text(message))
        return kind
    if is_finding(check):
        failure = ET.SubElement(
            case, "failure", message=xml_text(check["fix"] or check["title"]), type=cid
        )
        failure.text = xml_text(_failure_text(check))
        return "failure"
    return "pass"


def _confidence(suite: ET.Element, page: dict[str, Any], proof: str = "") -> None:
    """The page's confidence as suite properties (before its test cases, as JUnit wants),
    and on the entry page's suite where the site's proof lives."""
    level, reasons = confidence_of(page)
    if not level and not proof:
        return
    props = ET.SubElement(suite, "properties")
    if proof:
        ET.SubElement(props, "property", name="proof_places", value=xml_text(proof))
    if not level:
        return
    ET.SubElement(props, "property", name="confidence", value=level)
    for reason in reasons:
        ET.SubElement(props, "property", name="confidence_reason", value=xml_text(reason))


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `junit` format."""
    root = ET.Element("testsuites", name=xml_text(f"sitekit audit {data['target']}"))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for page in data["pages"]:
        suite = ET.SubElement(root, "testsuite", name=xml_text(page["url"]))
        _confidence(suite, page, proof_sentence(data) if page.get("is_entry") else "")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if not page["auditable"] or page["score"] is None:
            case = ET.SubElement(suite, "testcase", name="auditable", classname="sitekit.page")
            ET.SubElement(case, "skipped", message=xml_text(f"not scored: {page['reason']}"))
            counts["tests"] += 1
            counts["skipped"] += 1
        for cid, crit in page["criteria"].items():
            for check in crit["checks"]:
                outcome = _testcase(suite, page, cid, check)
                counts["tests"] += 1
                if outcome == "failure":
                    counts["failures"] += 1
                elif outcome == "error":
                    counts["errors"] += 1
                elif outcome == "skipped":
                    counts["skipped"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
        if confidence_text(page):
            ET.SubElement(suite, "system-out").text = xml_text(confidence_text(page))
    for err in data.get("errors", []):
        suite = ET.SubElement(
            root,
            "testsuite",
            name=xml_text(err.get("url", "")),
            tests="1",
            errors="1",
            failures="0",
            skipped="0",
            time="0",
        )
        case = ET.SubElement(suite, "testcase", name="fetch", classname="sitekit.crawl")
        ET.SubElement(case, "error", message=xml_text(err.get("reason", "")))
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
