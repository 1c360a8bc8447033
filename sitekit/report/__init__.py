"""Report formats, one module per format, each formatting the canonical JSON-able dict.

`FORMATS` is the one list of formats: the CLI builds its --format choices from it. This
module imports nothing heavy at the top because the CLI reads `FORMATS` on every start,
`sitekit --version` included (sitekit.models alone costs ~17 ms); a format's module is
imported when that format is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def format_report(report: AuditReport | dict[str, Any], fmt: str, *, colour: bool = False) -> str:
    """A report (or its canonical dict) as text in one of `FORMATS`."""
    from sitekit.audit.report_data import to_dict  # imports sitekit.models (see above)

    data = report if isinstance(report, dict) else to_dict(report)
    module = import_module(FORMATS[fmt])
    return str(module.format_report(data, colour=colour))
