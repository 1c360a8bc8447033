"""Scores of the rated pages named on stdin ({id: page file}, as bench/accuracy.py's
`load_sets` chose them), as JSON on stdout: {id: {criterion: score}}.

Run by bench/compare.py once per version of the code, with PYTHONPATH naming that version's
checkout; it imports nothing from bench/, so an older checkout's sitekit is measured as it
was. Each page is audited as `sitekit audit page.html` audits it (run_audit on the one file,
default settings); a page nothing could be scored on maps to null.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitekit.audit.pipeline import run_audit
from sitekit.audit.profile import load_profile
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import NothingAuditedError


def main() -> int:
    profile = load_profile()
    out: dict[str, dict[str, float | None] | None] = {}
    files: dict[str, str] = json.load(sys.stdin)
    for pid, path in files.items():
        try:
            report = run_audit(str(Path(path)), profile=profile, settings=CrawlSettings())
        except NothingAuditedError:
            out[pid] = None
            continue
        entry = next(p for p in report.pages if p.is_entry)
        out[pid] = {c: r.score for c, r in entry.criteria.items()} if entry.auditable else None
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
