"""Scores of every rated page in the given sets, as JSON on stdout: {id: {criterion: score}}.

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


def main(argv: list[str]) -> int:
    profile = load_profile()
    out: dict[str, dict[str, float | None] | None] = {}
    for folder in map(Path, argv):
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        pages = folder / "pages" if (folder / "pages").is_dir() else folder
        for pid in labels:
            try:
                report = run_audit(
                    str(pages / f"{pid}.html"), profile=profile, settings=CrawlSettings()
                )
            except NothingAuditedError:
                out[pid] = None
                continue
            entry = next(p for p in report.pages if p.is_entry)
            out[pid] = {c: r.score for c, r in entry.criteria.items()} if entry.auditable else None
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
