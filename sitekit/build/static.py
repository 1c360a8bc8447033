"""The theme's and the site's static files, and fingerprinted names for CSS and JS."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitekit.build.themes import Theme
from sitekit.errors import Diagnostic, Location

FINGERPRINTED = (".css", ".js")


def collect_static(theme: Theme) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Static files by output name; later folders (theme, then site) override earlier ones."""
    found: dict[str, Path] = {}
    problems = []
    for folder in theme.static_dirs:
        real_root = folder.resolve()
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(real_root):
                problems.append(
                    Diagnostic(
                        "warning", "skipped: a link to a file outside static/", Location(str(path))
                    )
                )
                continue
            found[path.relative_to(folder).as_posix()] = path
    return found, problems


def fingerprint_names(static: dict[str, Path]) -> dict[str, str]:
    """style.css -> style.<hash>.css for CSS and JS, so they can be cached forever."""
    names = {}
    for rel, path in static.items():
        if rel.endswith(FINGERPRINTED):
            digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
            stem, ext = rel.rsplit(".", 1)
            names[rel] = f"{stem}.{digest}.{ext}"
    return names
