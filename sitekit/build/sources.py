"""The site's content files: every .md under content/, without following links out of it."""

from __future__ import annotations

import os
import re
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
        for entry in entries:  # the common case first: a regular file, then a folder
            if entry.is_file(follow_symlinks=False):
                if _is_page_name(entry.name):
                    files.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):  # a real folder, not a link to one
                folders.append(entry.path)
            elif entry.is_symlink():
                if _is_dir(entry):
                    skip(entry.path, _LINKED_FOLDER)
                elif not _is_page_name(entry.name):
                    continue
                elif _inside(Path(entry.path), real_root):
                    files.append(entry.path)
                else:
                    skip(entry.path, "skipped: a link to a file outside content/")
            elif _is_page_name(entry.name):  # a named pipe or a device: reading it would
                skip(entry.path, "skipped: not a regular file")  # never end
    return sorted(files), problems


# what editors write beside a file while saving it: sed -i's sedXXXXXX, vim's .swp/.swx (and
# .swo...) swap files and its 4913 write test, emacs's .#lock and #autosave# files, ~ backups
_EDITOR_TEMP = re.compile(r"^(?:sed[A-Za-z0-9]{6}|4913|\.#.*|#.*#|.*~|.*\.sw[a-p]|.*\.swx)$")


def is_editor_temp(name: str) -> bool:
    """True for an editor's temporary file name: neither a page nor a change to the sources."""
    return bool(_EDITOR_TEMP.match(name))


def _is_page_name(name: str) -> bool:
    """A .md name that is not an editor's temporary file (of those patterns, only emacs's
    `.#` lock files can end in .md: the pattern is tried only for those)."""
    return name.endswith(".md") and not (name.startswith(".#") and is_editor_temp(name))


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


_BOMS = ((b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode_source(data: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """A content file's bytes as text, decoded strictly as UTF-8: (text, problems).

    The text is None when the file cannot be a page: not UTF-8 (the error names the byte
    offset and suggests the encoding it looks like), binary, or empty (a warning: skipped).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return None, [_error(rel, 1, f"saved as {name}; re-save it as UTF-8")]
    nul = data.find(b"\0", 0, 8192)
    if nul >= 0:
        return None, [
            _error(
                rel,
                _line_at(data, nul),
                f"a binary file, not Markdown text (a NUL byte at offset {nul})",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        if guess is None:
            return None, [
                _error(
                    rel,
                    _line_at(data, exc.start),
                    f"a binary file, not Markdown text (no text encoding fits; byte offset "
                    f"{exc.start})",
                )
            ]
        return None, [
            _error(
                rel,
                _line_at(data, exc.start),
                f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be "
                f"decoded; it looks like {guess}: re-save the file as UTF-8",
            )
        ]
    if not text.strip("\ufeff \t\r\n"):
        return None, [Diagnostic("warning", "empty file: no page built from it", Location(rel, 1))]
    return text, []


def _guess_encoding(data: bytes) -> str | None:
    """The encoding `data` most likely is in, by charset-normalizer; Windows-1252 (the common
    case for files from Windows editors) when it fits as well as the best guess."""
    # imported here: only a file that is not UTF-8 pays for the detector (~40 ms)
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:65536]))
    if not results:
        return None
    best = min(result.chaos for result in results)
    close = [r for r in results if r.chaos <= best + 0.1]
    if any("cp1252" in r.could_be_from_charset for r in close):
        return "Windows-1252"
    return str(close[0].encoding)


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _error(rel: str, line: int | None, message: str) -> Diagnostic:
    return Diagnostic("error", message, Location(rel, line))
