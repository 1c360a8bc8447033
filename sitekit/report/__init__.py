"""Report renderers, one module per format, all rendered from the canonical JSON-able dict."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from sitekit.models import AuditReport

FORMATS: dict[str, str] = {
    "terminal": "sitekit.report.terminal",
    "json": "sitekit.report.json_report",
    "html": "sitekit.report.html",
    "junit": "sitekit.report.junit",
    "sarif": "sitekit.report.sarif",
    "github": "sitekit.report.github",
    "markdown": "sitekit.report.markdown",
}


def render(report: AuditReport | dict[str, Any], fmt: str, *, colour: bool = False) -> str:
    """Render a report (or its canonical dict) in one of `FORMATS`."""
    from sitekit.audit.report_data import to_dict

    data = to_dict(report) if isinstance(report, AuditReport) else report
    module = import_module(FORMATS[fmt])
    return str(module.render(data, colour=colour))
