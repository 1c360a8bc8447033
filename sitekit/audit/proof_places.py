"""Where a site's proof lives: on the entry page, one click from it, or further away (where
a visitor may never find it). Read from the scored pages' roles and proof scores and the
entry page's links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sitekit.models import MEETS, PageResult


class ProofTally:
    """What `proof_places` needs, fed one scored page at a time (`add`): the entry page's URL
    and proof score, and the URLs of the other proof pages; no page result is kept."""

    def __init__(self) -> None:
        self._entry: tuple[str, float | None] | None = None  # url, proof score (None: not judged)
        self._places: list[str] = []

    def add(self, page: PageResult) -> None:
        if not page.auditable or page.score is None:
            return
        if page.is_entry:
            if self._entry is None:
                own = page.criteria.get("proof")
                self._entry = (page.url, None if own is None else own.score)
            return
        if page.role == "story" or (
            (c := page.criteria.get("proof")) is not None and (c.score or 0) >= MEETS
        ):
            self._places.append(page.url)

    def places(self, links: Mapping[str, Sequence[str]]) -> dict[str, Any]:
        """As `proof_places` describes."""
        if self._entry is None:
            return {}
        url, own_score = self._entry
        linked = set(links.get(url, ()))
        places = sorted(self._places)
        return {
            "entry_page": None if own_score is None else own_score >= MEETS,
            "one_click": [u for u in places if u in linked],
            "deeper": [u for u in places if u not in linked],
        }


def proof_places(pages: Iterable[PageResult], links: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """{"entry_page": the entry page meets proof (None: not judged), "one_click": proof pages
    the entry page links to, "deeper": the others}. A proof page is a customer story or a
    page whose proof meets the criterion. (A large audit feeds a ProofTally page by page.)"""
    tally = ProofTally()
    for page in pages:
        tally.add(page)
    return tally.places(links)
