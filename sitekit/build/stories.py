"""Customer stories across the site: each story's summary (kept in the build index), landing
pages' `proof: [{story: stories/acme}]` references resolved against them (unknown ones are
located errors), and the key that re-renders a quoting page when its story changes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
from collections.abc import Mapping
from typing import Any, Protocol

from sitekit.errors import Diagnostic, Location, did_you_mean
from sitekit.models import Page, ProofItem

STORIES_URL = "/stories/"


def story_summary(page: Page) -> dict[str, str] | None:
    """What a quoting page and the stories index show of a story: its customer, quote, first
    result, title and URL; None for any other page."""
    if page.template != "story":
        return None
    customer = page.customer
    first = page.results[0] if page.results else None
    return {
        "name": customer.name if customer else "",
        "role": customer.role if customer else "",
        "company": customer.company if customer else "",
        "photo": customer.photo if customer else "",
        "quote": page.quote,
        "result": " ".join(p for p in (first.figure, first.label) if p) if first else "",
        "title": page.title,
        "url": page.url,
        "date": page.date,
    }


class _Indexed(Protocol):  # cache.Entry, without importing the cache
    @property
    def key(self) -> str: ...
    @property
    def html_key(self) -> str: ...
    @property
    def story(self) -> dict[str, str] | None: ...
    @property
    def refs(self) -> tuple[tuple[Any, ...], ...]: ...


def story_names(entries: Mapping[str, _Indexed]) -> dict[str, dict[str, str]]:
    """Reference name ('stories/acme', the content path without its extension) -> summary."""
    out = {}
    # the story pages only, then sorted (not every page of the site)
    for rel, story in sorted((r, e.story) for r, e in entries.items() if e.story is not None):
        name = posixpath.splitext(rel.split("/", 1)[1])[0]
        out[name.removesuffix("/index")] = story
    return out


def _find(ref: str, stories: Mapping[str, dict[str, str]]) -> dict[str, str] | None:
    """A story by its reference name, or by its URL ('/stories/acme/')."""
    if ref in stories:
        return stories[ref]
    return next((s for s in stories.values() if s["url"].strip("/") == ref.strip("/")), None)


def resolve_refs(
    entries: Mapping[str, _Indexed], stories: Mapping[str, dict[str, str]]
) -> tuple[list[Diagnostic], dict[str, str]]:
    """Located errors for references to no story, and the pages to render again because a
    story they quote changed, with their new html_key (covering the stories they quote)."""
    problems = []
    stale = {}
    for rel, entry in entries.items():
        if not entry.refs:
            continue
        quoted = []
        for field, ref, line in entry.refs:
            story = _find(ref, stories)
            if story is None:
                hint = did_you_mean(ref, list(stories))
                known = f" (stories: {', '.join(stories)})" if stories and not hint else ""
                problems.append(
                    Diagnostic(
                        "error",
                        f"proof quotes story '{ref}', which no content file is{hint}{known}; "
                        "write it as the story's path under content/ without .md",
                        Location(rel, line),
                        f"{field}.story",
                    )
                )
            quoted.append(story)
        digest = json.dumps(quoted, sort_keys=True).encode()
        html_key = hashlib.sha1(entry.key.encode() + b"\0" + digest).hexdigest()
        if html_key != entry.html_key:
            stale[rel] = html_key
    return problems, stale


def quote_stories(page: Page, stories: Mapping[str, dict[str, str]]) -> Page:
    """The page with each `{story: ...}` proof item filled from its story."""
    if not any(item.story for item in page.proof):
        return page
    proof = []
    for item in page.proof:
        story = _find(item.story, stories) if item.story else None
        if story is not None:
            item = ProofItem(
                item.name or story["name"],
                item.quote or story["quote"],
                item.role or story["role"],
                item.company or story["company"],
                item.result or story["result"],
                item.rating,
                item.story,
                story["url"],
            )
        proof.append(item)
    return dataclasses.replace(page, proof=tuple(proof))
