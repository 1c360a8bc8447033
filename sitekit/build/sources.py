"""The site's content files: every .md under content/, without following links out of it."""

from __future__ import annotations

import os
from pathlib import Path

from sitekit.errors import Diagnostic, Location
from sitekit.models import SiteConfig


def content_files(config: SiteConfig) -> tuple[list[Path], list[Diagnostic]]:
    """Every .md file under content/, sorted; links that lead outside content/ are skipped."""
    names, problems = content_file_names(config)
    return [Path(name) for name in names], problems


def content_file_names(config: SiteConfig) -> tuple[list[str], list[Diagnostic]]:
    """content_files() as plain path strings (a Path per file costs more than its stat)."""
    root = config.content_dir
    if not root.is_dir():
        return [], [
            Diagnostic(
                "error", "no content/ folder (pages live in content/*.md)", Location("content/")
            )
        ]
    real_root = root.resolve()
    site_prefix = len(str(config.root)) + 1
    files: list[str] = []
    problems = []

    def skip(path: str, message: str) -> None:
        rel = path[site_prefix:].replace(os.sep, "/")
        problems.append(Diagnostic("warning", message, Location(rel)))

    folders = [str(root)]
    while folders:  # one scandir per folder: entry types come from the directory listing
        try:
            with os.scandir(folders.pop()) as listing:
                entries = list(listing)
        except OSError:  # an unreadable folder is skipped, as os.walk does
            continue
        for entry in entries:
            is_link = entry.is_symlink()
            if is_link and _is_dir(entry):
                skip(entry.path, _LINKED_FOLDER)
            elif not is_link and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif not entry.name.endswith(".md"):
                continue
            elif is_link:
                if _inside(Path(entry.path), real_root):
                    files.append(entry.path)
                else:
                    skip(entry.path, "skipped: a link to a file outside content/")
            elif entry.is_file(follow_symlinks=False):
                files.append(entry.path)
            else:  # a named pipe or a device: reading it would never end
                skip(entry.path, "skipped: not a regular file")
    return sorted(files), problems


_LINKED_FOLDER = "skipped: a linked folder (sitekit does not follow folder links in content/)"


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(link: Path, real_root: Path) -> bool:
    """True when the link leads to a regular file inside `real_root`."""
    try:
        real = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a link loop
        return False
    return real.is_relative_to(real_root) and real.is_file()
