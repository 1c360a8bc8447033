"""The `json` format: the canonical report data (audit/report_data.py) serialised, one page at
a time, byte for byte the same on every run."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from sitekit.audit.report_data import FindingGroups, page_order, page_to_dict, report_head
from sitekit.models import AuditReport, PageResult


def write_json(report: AuditReport, stream: TextIO) -> None:
    """Write `dumps(to_dict(report))` to `stream` one page at a time (same bytes, small memory).

    The pages are read once: "groups", which follows "pages", is gathered while they are
    written (a compressed page list costs a decompression per page and pass)."""
    pages = page_order(report.pages)
    found = FindingGroups()

    def page_dicts(pages: Iterable[PageResult]) -> Iterator[dict[str, Any]]:
        for page in pages:
            found.add(page)
            yield page_to_dict(page)

    data = report_head(report, pages, False, groups=_Later(found.groups))
    for chunk in _layout(data, page_dicts(pages)):
        stream.write(chunk)


class _Later:
    """A list worked out when it is read (after the pages it is gathered from)."""

    def __init__(self, make: Callable[[], list[dict[str, Any]]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.make())


# One top-level key per line and one list item (page, decision, group...) per line: readable
# in a diff, and every value is encoded by json's C encoder (indent=2 would use the slow one).
_ONE_PER_LINE = ("pages", "errors", "crawl", "notes", "groups", "competitors")


def _encode(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True, separators=(", ", ": "))
    # `<`, `>` and `&` only occur inside strings: escaping them keeps the JSON inert even
    # when someone pastes it into an HTML page.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _layout(data: dict[str, Any], pages: Iterable[dict[str, Any]] | None = None) -> Iterator[str]:
    """The canonical text of a report dict, in chunks; `pages` replaces data["pages"]."""
    yield "{"
    for n, (key, value) in enumerate(data.items()):
        yield ("," if n else "") + f"\n  {_encode(key)}: "
        items = pages if key == "pages" and pages is not None else value
        if key not in _ONE_PER_LINE:
            yield _encode(value)
            continue
        count = 0
        for item in items:
            yield ("," if count else "[") + "\n    " + _encode(item)
            count += 1
        yield "\n  ]" if count else "[]"
    yield "\n}\n"


def dumps(data: dict[str, Any]) -> str:
    """Serialise a canonical dict: ASCII-only, control characters and `<>&` escaped."""
    return "".join(_layout(data))


def format_report(data: dict[str, Any], *, colour: bool = False) -> str:
    """The `json` format."""
    return dumps(data)
