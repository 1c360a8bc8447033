"""Paths for CI formats: relative to the repository root, so annotations land on the file.

A report's local paths are relative to the folder it was made from (the site's folder for
`check`, the working folder for `audit`); SARIF and GitHub want them relative to the
repository root (the git top level, or the working folder when there is none).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def repo_root(start: Path) -> Path:
    """The git top level above `start` (a `.git` folder or file), else the working folder."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd().resolve()


def repo_prefix(base: Path) -> str:
    """What to put before a path relative to `base` to make it relative to the repo root
    (nothing when `base` is outside it: no git, and a site outside the working folder)."""
    base = Path(base).resolve()
    rel = os.path.relpath(base, repo_root(base)).replace(os.sep, "/")
    return "" if rel == "." or rel.startswith("..") else rel + "/"  # outside: as it is


def rebase_paths(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A copy of a canonical report dict with every relative local path under `prefix`."""
    if not prefix:
        return data

    def moved(path: Any) -> Any:
        text = str(path) if path else ""
        if not text or "://" in text or os.path.isabs(text):
            return path
        return prefix + text

    def page(p: dict[str, Any]) -> dict[str, Any]:
        criteria = {
            cid: {**crit, "checks": [check(c) for c in crit.get("checks", ())]}
            for cid, crit in p.get("criteria", {}).items()
        }
        return {**p, "source_path": moved(p.get("source_path")), "criteria": criteria}

    def check(c: dict[str, Any]) -> dict[str, Any]:
        return {**c, "evidence": [evidence(ev) for ev in c.get("evidence", ())]}

    def evidence(ev: dict[str, Any]) -> dict[str, Any]:
        loc = ev.get("location")
        if not loc:
            return ev
        return {**ev, "location": {**loc, "path": moved(loc.get("path"))}}

    return {**data, "pages": [page(p) for p in data.get("pages", ())]}
