"""SARIF 2.1.0: one rule per check, one result per failed check with its best location."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from sitekit import __version__
from sitekit.audit.report_data import is_finding
from sitekit.report.confidence import confidence_of
from sitekit.report.safe import plain
from sitekit.report.summary import proof_sentence
from sitekit.report.terminal import evidence_line

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A SARIF artifact URI: URLs as they are, file paths relative and percent-encoded."""
    if "://" in path:
        return path
    return quote(path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")


def _location(page: dict[str, Any], check: dict[str, Any]) -> dict[str, Any]:
    """Markdown file:line for sitekit-built pages, the HTML file in folder mode, else the URL."""
    for ev in check["evidence"]:
        loc = ev.get("location")
        if loc and loc.get("path"):
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(str(loc["path"]))}}
            if loc.get("line"):
                region: dict[str, Any] = {"startLine": int(loc["line"])}
                if loc.get("col"):
                    region["startColumn"] = int(loc["col"])
                physical["region"] = region
            return {"physicalLocation": physical}
    path = page.get("source_path") or page["url"]
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(str(path))}}}


def _level(check: dict[str, Any]) -> str:
    """A finding worth no points is a note; a failing check (under 25) an error."""
    if check.get("impact") is not None and check["impact"] <= 0:
        return "note"
    return "error" if (check["score"] or 0) < 25 else "warning"


def _by_impact(result: dict[str, Any]) -> tuple[Any, ...]:
    """Most points first, then by file, line and rule: the order annotations are read in."""
    phys = result["locations"][0]["physicalLocation"]
    line = phys.get("region", {}).get("startLine") or 0
    impact = result["properties"]["impact"] or 0
    return (-impact, phys["artifactLocation"]["uri"], line, result["ruleId"])


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `sarif` format."""
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for page in data["pages"]:
        for cid, crit in page["criteria"].items():
            for check in crit["checks"]:
                rules.setdefault(
                    check["id"],
                    {
                        "id": check["id"],
                        "name": check["id"].replace("-", "_"),
                        "shortDescription": {"text": plain(check["title"]) or check["id"]},
                        "help": {"text": plain(check["fix"]) or "See the sitekit README."},
                        "properties": {"criterion": cid},
                    },
                )
                if not is_finding(check):
                    continue
                evidence = "; ".join(evidence_line(ev) for ev in check["evidence"][:3])
                message = plain(f"{check['title']} on {page['url']}")
                if evidence:
                    message += f" — saw: {evidence}"
                results.append(
                    {
                        "ruleId": check["id"],
                        "level": _level(check),
                        "message": {"text": message},
                        "locations": [_location(page, check)],
                        "properties": {
                            "url": plain(page["url"]),
                            "criterion": cid,
                            "score": check["score"],
                            "impact": check["impact"],
                            "fix": plain(check["fix"]),
                            "confidence": confidence_of(page)[0],
                            "confidenceReasons": confidence_of(page)[1],
                        },
                    }
                )
    results.sort(key=_by_impact)
    ordered_rules = [rules[k] for k in sorted(rules)]
    index = {rule["id"]: n for n, rule in enumerate(ordered_rules)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sitekit",
                        "version": __version__,
                        "informationUri": "https://sitekit.invalid/",
                        "rules": ordered_rules,
                    }
                },
                "results": results,
                "properties": {
                    "target": plain(data["target"]),
                    "score": data["score"],
                    "criteria": {k: v["score"] for k, v in data["criteria"].items()},
                    "proofPlaces": proof_sentence(data),
                    "confidence": [  # how far each page's scores can be trusted, and why not
                        {"url": plain(p["url"]), "level": level, "reasons": reasons}
                        for p in data["pages"]
                        for level, reasons in [confidence_of(p)]
                        if level
                    ],
                },
            }
        ],
    }
    text = json.dumps(log, indent=2, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
