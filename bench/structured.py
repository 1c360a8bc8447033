"""Structured data: does extruct (JSON-LD, microdata, RDFa) find schema.org types that
sitekit's snapshot misses on the audit corpus, and what would it cost per page?

Usage: pip install extruct && python bench/structured.py [CORPUS_DIR]
Prints, per page where extruct finds a type sitekit does not, both sets; then the totals and
extruct's time per page (sitekit's snapshot reads JSON-LD and microdata in its single walk).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitekit.audit.snapshot import make_snapshot  # noqa: E402
from sitekit.models import FetchedPage  # noqa: E402


def _types(data: Any, out: set[str]) -> None:
    if isinstance(data, dict):
        kind = data.get("@type")
        for t in kind if isinstance(kind, list) else [kind]:
            if isinstance(t, str):
                out.add(t.rsplit("/", 1)[-1])
        for value in data.values():
            _types(value, out)
    elif isinstance(data, list):
        for value in data:
            _types(value, out)


def main(argv: list[str]) -> int:
    try:
        import extruct
    except ImportError:
        print("needs extruct: pip install extruct (a bench-only comparison, not a dependency)")
        return 2
    corpus = Path(argv[0]) if argv else REPO.parent / "shared" / "audit-corpus"
    pages = sorted((corpus / "pages").glob("*.html"))
    spent, missed = 0.0, 0
    for path in pages:
        body = path.read_bytes()
        page = FetchedPage(url=path.as_uri(), final_url=path.as_uri(), status=200, body=body)
        ours = set(make_snapshot(page).structured_types)
        start = time.perf_counter()
        data = extruct.extract(
            body.decode("utf-8", "replace"),
            base_url="http://127.0.0.1/",
            syntaxes=["json-ld", "microdata", "rdfa"],
            uniform=True,
            errors="ignore",
        )
        spent += time.perf_counter() - start
        theirs: set[str] = set()
        for syntax in ("json-ld", "microdata", "rdfa"):
            _types(data.get(syntax, []), theirs)
        if theirs - ours:
            missed += 1
            only, mine = sorted(theirs - ours), sorted(ours - theirs)
            print(f"{path.stem}: extruct only {only}; sitekit only {mine}")
    print(
        f"{len(pages)} pages; extruct finds types sitekit misses on {missed}; "
        f"extruct {spent / max(1, len(pages)) * 1000:.1f} ms a page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
