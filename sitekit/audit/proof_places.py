"""Where a site's proof lives: on the entry page, one click from it, or further away (where
a visitor may never find it). Read from the scored pages' roles and proof scores and the
entry page's links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitekit.models import PageResult

MEETS = 75.0  # a proof score that meets the criterion (criteria.md's 2)


def proof_places(pages: Sequence[PageResult], links: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """{"entry_page": the entry page meets proof (None: not judged), "one_click": proof pages
    the entry page links to, "deeper": the others}. A proof page is a customer story or a
    page whose proof meets the criterion."""
    scored = [p for p in pages if p.auditable and p.score is not None]
    entry = next((p for p in scored if p.is_entry), None)
    if entry is None:
        return {}
    own = entry.criteria.get("proof")
    linked = set(links.get(entry.url, ()))
    places = sorted(
        p.url
        for p in scored
        if not p.is_entry
        and (
            p.role == "story"
            or ((c := p.criteria.get("proof")) is not None and (c.score or 0) >= MEETS)
        )
    )
    return {
        "entry_page": None if own is None or own.score is None else own.score >= MEETS,
        "one_click": [u for u in places if u in linked],
        "deeper": [u for u in places if u not in linked],
    }
