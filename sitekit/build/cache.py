"""The build cache under .sitekit-cache/: the index of content files, rendered pages kept as
hard links, each output folder's manifests, and the salt that says when all of it is stale."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import marshal
import operator
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sitekit import __version__
from sitekit.build.cta_links import page_links
from sitekit.build.stories import story_summary
from sitekit.errors import Diagnostic, Location
from sitekit.models import MarkdownSettings, Page, SiteConfig

CACHE_DIR = ".sitekit-cache"
INDEX = "index.bin"  # content file -> Entry row, the salt and the field names (read_store)


_MEMO: dict[str, tuple[tuple[int, int, int], Any]] = {}  # path -> (file identity, data)
# marshal: ~10x faster to write than JSON, and a cache file is only ever read by the sitekit
# (and Python) that wrote it: the header says which, and another one's file is a cache miss
_HEADER = f"sitekit-cache {__version__} {sys.version_info[0]}.{sys.version_info[1]} ".encode()
_HEADER += str(marshal.version).encode() + b"\n"


def read_store(path: Path) -> Any:
    """The data stored at `path` by write_store, from memory while the file is the one last
    read or written here (same inode, size and mtime: `serve` rebuilds skip decoding the
    index). Callers must not change what it returns. ValueError when it is not one."""
    info = os.stat(path)
    identity = (info.st_ino, info.st_size, info.st_mtime_ns)
    known = _MEMO.get(str(path))
    if known is not None and known[0] == identity:
        return known[1]
    with open(path, "rb") as handle:
        raw = handle.read()
    if not raw.startswith(_HEADER):
        raise ValueError(f"{path}: not written by this sitekit")
    paused = gc.isenabled()
    gc.disable()  # tens of thousands of new lists and strings: no use collecting meanwhile
    try:
        data = marshal.loads(memoryview(raw)[len(_HEADER) :])
    except (EOFError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    finally:
        if paused:
            gc.enable()
    _remember(path, identity, data)
    return data


def write_store(path: Path, data: Any, via: str = "") -> None:
    """Write `data` (plain lists, tuples, dicts and scalars), through the temporary file `via`
    and a rename if given, and remember it for read_store."""
    tmp = path.with_name(via) if via else path
    with open(tmp, "wb") as handle:
        handle.write(_HEADER + marshal.dumps(data))
    if via:
        os.replace(tmp, path)
    info = os.stat(path)
    _remember(path, (info.st_ino, info.st_size, info.st_mtime_ns), data)


def _remember(path: Path, identity: tuple[int, int, int], data: Any) -> None:
    _MEMO.pop(str(path), None)
    _MEMO[str(path)] = (identity, data)
    while len(_MEMO) > 8:  # the index, the words and a few manifests
        del _MEMO[next(iter(_MEMO))]


class Manifests:
    """Each build's file list for one output folder (output path -> content hash), kept under
    trees/ in the cache so that the next build rewrites only the files that changed."""

    def __init__(self, cache_dir: Path, out: Path) -> None:
        self.out = out
        self.dir = cache_dir / "trees" / hashlib.sha1(str(out).encode()).hexdigest()[:12]

    def read(self, build_id: str) -> dict[str, str]:
        """The manifest of build `build_id`; empty when it is missing or unreadable."""
        try:
            data = read_store(self.dir / f"{build_id}.bin")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, build_id: str, files: dict[str, str]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        write_store(self.dir / f"{build_id}.bin", files)

    def keep_only(self, build_ids: set[str]) -> None:
        """Drop every other manifest, and those of output folders that no longer exist."""
        keep = {f"{build_id}.bin" for build_id in build_ids}
        for path in self.dir.glob("*.*"):
            if path.name == "out.txt":
                continue
            if path.name not in keep:
                path.unlink(missing_ok=True)
        (self.dir / "out.txt").write_text(str(self.out), encoding="utf-8")
        _forget_gone_outputs(self.dir.parent)


def _forget_gone_outputs(trees: Path) -> None:
    """Drop the manifests of output folders that no longer exist (e.g. temporary builds)."""
    for folder in trees.iterdir():
        try:
            out = Path((folder / "out.txt").read_text(encoding="utf-8"))
        except OSError:
            continue
        if not out.exists():
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Entry:
    """What a build needs to know about one content file without re-reading it."""

    key: str
    url: str = ""
    output_path: str = ""
    date: str = ""
    draft: bool = False
    cta: list[str] | None = None
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    ok: bool = True
    stamp: list[int] | None = None  # [mtime_ns, size] of the source when it was read
    links: list[list[Any]] = field(default_factory=list)  # [field, url, line]: cta, next steps
    html_key: str = ""  # the rendered page's key: `key` plus the stories it quotes
    noindex: bool = False  # left out of sitemap.xml
    story: dict[str, str] | None = None  # a customer story's summary, for pages that quote it
    refs: list[list[Any]] = field(default_factory=list)  # [field, story reference, line]


ENTRY_FIELDS = tuple(f.name for f in fields(Entry))  # the index stores rows in this order
_STAMP = ENTRY_FIELDS.index("stamp")
_HTML_KEY = ENTRY_FIELDS.index("html_key")


def diag_to_json(diag: Diagnostic) -> dict[str, Any]:
    loc = diag.location
    return {
        "level": diag.level,
        "message": diag.message,
        "field": diag.field,
        "path": loc.path if loc else None,
        "line": loc.line if loc else None,
    }


def diag_from_json(data: dict[str, Any]) -> Diagnostic:
    loc = Location(data["path"], data["line"]) if data.get("path") else None
    return Diagnostic(data["level"], data["message"], loc, data.get("field"))


class BuildCache:
    """Rendered pages under .sitekit-cache/, keyed by a hash of source, theme and config."""

    def __init__(self, root: Path, enabled: bool, salt: str) -> None:
        self.dir = root / CACHE_DIR
        self.html_dir = self.dir / "html"
        self.salt = salt
        self.index: dict[str, list[Any]] = {}  # rel -> Entry fields in ENTRY_FIELDS order
        self.same_salt = False  # the index was written under the same theme, config, version
        self._made = False
        self._names: set[str] | None = None  # file names in html/, listed once
        self._same_rows: dict[str, tuple[Entry, list[Any]]] = {}  # taken by stamp, unchanged
        if enabled:
            try:
                data = read_store(self.dir / INDEX)
                if data["fields"] == list(ENTRY_FIELDS):  # else written by another version
                    self.index = data["entries"]
                    self.same_salt = data["salt"] == salt
            except (OSError, ValueError, KeyError, TypeError):
                self.index = {}

    def lookup_stamp(self, rel: str, stamp: list[int]) -> Entry | None:
        """The entry of a source whose mtime and size are as recorded (no need to read it)."""
        row = self.index.get(rel)
        if not self.same_salt or not isinstance(row, list) or len(row) != len(ENTRY_FIELDS):
            return None
        if row[_STAMP] != stamp:
            return None
        entry = self._entry(row)
        if entry is not None:
            self._same_rows[rel] = (entry, row)  # saved again as it was read
        return entry

    def lookup(self, rel: str, key: str) -> Entry | None:
        row = self.index.get(rel)
        if not isinstance(row, list) or len(row) != len(ENTRY_FIELDS) or row[0] != key:
            return None
        return self._entry(row)

    def _entry(self, row: list[Any]) -> Entry | None:
        """The entry an index row holds; None when the row is unreadable or the rendered page
        it names is gone."""
        try:
            entry = Entry(*row)
        except TypeError:  # a hand-edited index
            return None
        if entry.ok and not entry.draft and f"{entry.html_key}.html" not in self._html_names():
            return None
        return entry

    def _html_names(self) -> set[str]:
        if self._names is None:
            try:
                self._names = set(os.listdir(self.html_dir))
            except OSError:
                self._names = set()
        return self._names

    def html_path(self, key: str) -> str:
        return f"{self.html_dir}{os.sep}{key}.html"

    def keep(self, written: str, key: str) -> None:
        """Remember a freshly written page (a hard link: no second copy on disk)."""
        if not self._made:
            self.html_dir.mkdir(parents=True, exist_ok=True)
            self._made = True
        target = self.html_path(key)
        names = self._html_names()
        if f"{key}.html" in names and os.path.exists(target):
            return
        try:
            os.link(written, target)
        except FileExistsError:
            pass
        except OSError:
            shutil.copyfile(written, target)
        names.add(f"{key}.html")

    def save(self, entries: dict[str, Entry]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        row = operator.attrgetter(*ENTRY_FIELDS)
        same = self._same_rows
        rows = {
            # the row as read, unless the entry changed since (a quoted story: html_key)
            rel: same[rel][1]
            if rel in same and same[rel][0] is e and same[rel][1][_HTML_KEY] == e.html_key
            else list(row(e))
            for rel, e in entries.items()
        }
        index = {"salt": self.salt, "fields": list(ENTRY_FIELDS), "entries": rows}
        write_store(self.dir / INDEX, index, via=f"index.{os.getpid()}.tmp")
        names = {f"{e.html_key}.html" for e in entries.values()}
        for name in self._html_names() - names:  # pages no source builds any more
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.html_dir, name))


def cache_salt(
    config: SiteConfig, fingerprint: str, words: Mapping[str, tuple[str, ...]], drafts: bool
) -> str:
    """A digest of everything besides a source file that changes its built page or its
    warnings: version, config, drafts, the theme's fingerprint and the guard's word lists."""
    settings = (
        __version__,
        config.name,
        config.base_url,
        config.language,
        config.theme,
        config.nav,
        config.contact,
        config.analytics,
        markdown_key(config.markdown),
        json.dumps(config.extra, sort_keys=True, default=str),
        drafts,
        json.dumps(words, sort_keys=True, ensure_ascii=False),
    )
    digest = hashlib.sha1(repr(settings).encode())
    digest.update(fingerprint.encode())
    return digest.hexdigest()


def markdown_key(settings: MarkdownSettings) -> str:
    """The engine, its extensions and their settings, and Python-Markdown's version (an
    upgrade may render differently): a change rebuilds every page."""
    if settings.engine != "python-markdown":
        return settings.engine
    from importlib.metadata import version  # only for sites on this engine

    parts = [settings.engine, version("markdown"), settings.extensions, settings.extension_configs]
    return json.dumps(parts, sort_keys=True, default=str)


def entry_for(page: Page | None, key: str, diagnostics: list[Diagnostic]) -> Entry:
    """The index entry of a content file read this run (page None: it has errors)."""
    entry = Entry(key, diagnostics=[diag_to_json(d) for d in diagnostics], ok=page is not None)
    entry.html_key = key
    if page is not None:
        entry.noindex = page.noindex
        entry.story = story_summary(page)
        entry.refs = [
            [f"proof.{i}", item.story, page.field_lines.get(f"proof.{i}.story")]
            for i, item in enumerate(page.proof)
            if item.story
        ]
        entry.url, entry.output_path = page.url, page.output_path
        entry.date, entry.draft = page.date, page.draft
        entry.cta = [page.cta.label, page.cta.url] if page.cta else None
        entry.links = page_links(page)
    return entry
