"""A page's confidence as the report formats say it: the level and the plain reasons it is not
high, from the canonical page dict."""

from __future__ import annotations

from typing import Any

from sitekit.report.safe import one_line


def confidence_of(page: dict[str, Any]) -> tuple[str, list[str]]:
    """("low", ["The page is in Polish, ..."]); ("", []) for a page not audited."""
    if not page.get("auditable") or page.get("score") is None:
        return "", []
    return str(page.get("confidence") or ""), [
        one_line(r) for r in page.get("confidence_reasons") or ()
    ]


def confidence_text(page: dict[str, Any]) -> str:
    """'confidence low: The page is in Polish, ...' ('' for a page not audited)."""
    level, reasons = confidence_of(page)
    if not level:
        return ""
    return f"confidence {level}" + (": " + " ".join(reasons) if reasons else "")
