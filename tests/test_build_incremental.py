"""Incremental builds equal cold builds: a series of edits to a built site, each rebuilt on
top of the previous build and compared byte for byte (and warning for warning) with a cold
build of the same sources, with the build cache kept in memory and read again from disk."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitekit.build import cache as cache_module
from sitekit.build.config import load_config
from sitekit.build.output import MARKER
from sitekit.build.site import build_site
from sitekit.errors import SitekitError

REPO = Path(__file__).resolve().parent.parent
OLD = time.time() - 7200  # sources older than the cache's 2 s "racy" window: taken by stamp

LANDING = """\
---
title: Drain cleaning in north Portland
benefit: Your drain running freely today
summary: A plumber clears it within four hours, at a price agreed first.
cta:
  label: Get a free estimate
  url: /estimate/
next_steps:
  - label: See our prices
    url: /pricing/
proof:
  - quote: The kitchen drain was clear in forty minutes.
    name: Sam K.
    result: Drain cleared in 40 minutes
    rating: 5
date: 2026-03-04
---

## How it works

We come, we clear it, we leave. [See prices](/pricing/).
"""


def copy_sources(into: Path) -> Path:
    """The example site (sitekit.toml, content/, static/) plus one more landing page."""
    into.mkdir()
    for name in ("sitekit.toml", "content", "static"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, into / name)
        else:
            shutil.copy(src, into / name)
    (into / "content" / "drains.md").write_text(LANDING, encoding="utf-8")
    return into


def age_all(site: Path) -> None:
    for path in site.rglob("*"):
        if ".sitekit-cache" not in path.parts and "_site" not in path.parts:
            os.utime(path, (OLD, OLD))


def outcome(site: Path) -> tuple[dict[str, bytes], list[str]]:
    """(every built file's bytes, the warnings) of a build, or ({}, the errors) on failure."""
    try:
        result = build_site(load_config(site))
    except SitekitError as exc:
        return {}, [*sorted(str(d) for d in getattr(exc, "diagnostics", ())), str(exc)]
    out = site / "_site"
    files = {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }
    files[MARKER] = files[MARKER].rsplit(b" ", 1)[0]  # without its random build id
    return files, sorted(str(d) for d in result.diagnostics)


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        path = site / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def write(rel: str, text: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")

    return change


def remove(rel: str) -> Callable[[Path], None]:
    return lambda site: (site / rel).unlink()


def touch(rel: str) -> Callable[[Path], None]:
    return lambda site: os.utime(site / rel, (OLD + 60, OLD + 60))


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("body text", replace("content/drains.md", "we clear it", "we clear it for good")),
    ("body text, same size", replace("content/drains.md", "for good", "for gold")),
    ("front matter title", replace("content/drains.md", "Drain cleaning", "Drain unblocking")),
    ("home page title", replace("content/index.md", "title:", "title: New")),
    (
        "home page CTA label (the header's CTA on every page)",
        replace("content/index.md", "label: Get a free estimate", "label: Get your free estimate"),
    ),
    ("a date (sitemap lastmod)", replace("content/drains.md", "2026-03-04", "2026-05-06")),
    ("a page added", write("content/blocked-toilet.md", LANDING.replace("Drain", "Toilet"))),
    (
        "a page in a new folder",
        write("content/areas/kenton.md", LANDING.replace("Drain", "Kenton")),
    ),
    ("a page removed", remove("content/blocked-toilet.md")),
    ("a slug changed", replace("content/drains.md", "title:", "slug: drain-cleaning\ntitle:")),
    ("a draft", replace("content/areas/kenton.md", "title:", "draft: true\ntitle:")),
    (
        "a story's quote (quoted on the home page)",
        replace("content/stories/alberta-street-cafe.md", "They replaced", "They swapped"),
    ),
    (
        "the welcome page listed",
        replace("content/welcome.md", "noindex: true", "noindex: false"),
    ),
    (
        "a nav entry added",
        replace(
            "sitekit.toml",
            "[[nav]]",
            '[[nav]]\nlabel = "Drains"\nurl = "/drain-cleaning/"\n\n[[nav]]',
        ),
    ),
    ("the theme accent", replace("sitekit.toml", 'accent = "#b8420a"', 'accent = "#a03a08"')),
    ("a template override", write("templates/partials/extra.html", "<!-- unused -->\n")),
    ("a static file added", write("static/notes.txt", "hello\n")),
    ("a static file changed", write("static/notes.txt", "hello again\n")),
    (
        "front matter that does not parse (error)",
        replace("content/drains.md", "title:", "title: [unclosed\nx:"),
    ),
    ("the error fixed", replace("content/drains.md", "title: [unclosed\nx:", "title:")),
    ("a CTA target removed (error)", remove("content/estimate.md")),
    (
        "the CTA target back",
        lambda site: shutil.copy(REPO / "content/estimate.md", site / "content/estimate.md"),
    ),
    ("only touched", touch("content/pricing.md")),
    ("a quoted story removed (error)", remove("content/stories/alberta-street-cafe.md")),
    (
        "the story back",
        lambda site: shutil.copy(
            REPO / "content/stories/alberta-street-cafe.md",
            site / "content/stories/alberta-street-cafe.md",
        ),
    ),
    ("a static file removed", remove("static/notes.txt")),
    ("half the cache's rendered pages deleted", lambda site: lose_pages(site, shadow=False)),
    ("rendered pages and the shadow deleted", lambda site: lose_pages(site, shadow=True)),
    ("a body edit after that", replace("content/drains.md", "we clear it", "we clear it fast")),
]


def lose_pages(site: Path, shadow: bool) -> None:
    """Delete every other rendered page kept in the cache (and the output's shadow copy, so
    the build needs them)."""
    for path in sorted((site / ".sitekit-cache" / "html").iterdir())[::2]:
        path.unlink()
    if shadow:
        shutil.rmtree(site / "._site.sitekit-shadow")


@pytest.mark.parametrize("from_disk", [False, True], ids=["cache-in-memory", "cache-from-disk"])
def test_every_edit_rebuilds_to_what_a_cold_build_makes(tmp_path: Path, from_disk: bool) -> None:
    site = copy_sources(tmp_path / "inc")
    age_all(site)
    files, _ = outcome(site)
    assert files and "drains/index.html" in files
    outcome(site)  # the shadow filled too: what a rebuild after a rebuild finds
    for step, (what, change) in enumerate(EDITS):
        change(site)
        # the edited sources dated in the past too (each step its own second), so unchanged
        # and changed files alike go through the cache's stamp path
        for path in (site / "content").rglob("*.md"):
            if path.stat().st_mtime > OLD + 3000:
                os.utime(path, (OLD + 100 + step, OLD + 100 + step))
        if from_disk:
            cache_module._MEMO.clear()  # as a new process finds it: read from the files
        got = outcome(site)
        cold_site = tmp_path / f"cold{step}"
        shutil.copytree(
            site, cold_site, ignore=shutil.ignore_patterns(".sitekit-cache", "_site", ".*sitekit-*")
        )
        want = outcome(cold_site)
        shutil.rmtree(cold_site)
        assert bool(want[0]) != what.endswith("(error)"), f"after '{what}': {want[1][-3:]}"
        assert sorted(got[0]) == sorted(want[0]), f"after '{what}': other files"
        for rel, data in want[0].items():
            assert got[0][rel] == data, f"after '{what}': {rel} differs from a cold build"
        assert [w.replace(str(cold_site), "") for w in got[1]] == [
            w.replace(str(cold_site), "") for w in want[1]
        ], f"after '{what}': other warnings or errors"
