"""The build cache under .sitekit-cache/: the index of content files, rendered pages kept as
hard links, each output folder's manifests, and the salt that says when all of it is stale."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import marshal
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

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


class Entry(NamedTuple):
    """What a build needs to know about one content file without re-reading it: a row of
    the index as it is stored (a tuple: marshal reads it back without a constructor call)."""

    key: str
    url: str = ""
    output_path: str = ""
    date: str = ""
    draft: bool = False
    cta: tuple[str, str] | None = None
    diagnostics: tuple[tuple[Any, ...], ...] = ()  # diag_to_row()
    ok: bool = True
    stamp: tuple[int, int] | None = None  # (mtime_ns, size) of the source when it was read
    links: tuple[tuple[Any, ...], ...] = ()  # (field, url, line): cta, next steps
    html_key: str = ""  # the rendered page's key: `key` plus the stories it quotes
    noindex: bool = False  # left out of sitemap.xml
    story: dict[str, str] | None = None  # a customer story's summary, for pages that quote it
    refs: tuple[tuple[Any, ...], ...] = ()  # (field, story reference, line)


ENTRY_FIELDS = Entry._fields  # the index stores rows in this order
INDEX_VERSION = 2  # 2: rows are tuples with values shared between rows; older: a cache miss
_ROW_LENGTH = len(ENTRY_FIELDS)
_STAMP = ENTRY_FIELDS.index("stamp")
_HTML_KEY = ENTRY_FIELDS.index("html_key")
_new_entry = tuple.__new__  # Entry from a stored row: a C call, no field-by-field __new__


def diag_to_row(diag: Diagnostic) -> tuple[Any, ...]:
    loc = diag.location
    return (
        diag.level,
        diag.message,
        diag.field,
        loc.path if loc else None,
        loc.line if loc else None,
    )


def diag_from_row(row: tuple[Any, ...]) -> Diagnostic:
    level, message, field, path, line = row
    return Diagnostic(level, message, Location(path, line) if path else None, field)


def _shared_row(entry: Entry, shared: dict[Any, Any]) -> tuple[Any, ...]:
    """The entry as a plain tuple whose equal strings and tuples are one object, so marshal
    stores each once (a CTA, links and dates repeat across pages). Rows hold no bools inside
    tuples, so no True is ever taken for a 1."""
    return tuple(
        shared.setdefault(value, value) if type(value) is str or type(value) is tuple else value
        for value in entry
    )


class BuildCache:
    """Rendered pages under .sitekit-cache/, keyed by a hash of source, theme and config."""

    def __init__(self, root: Path, enabled: bool, salt: str) -> None:
        self.dir = root / CACHE_DIR
        self.html_dir = self.dir / "html"
        self.salt = salt
        self.index: dict[str, tuple[Any, ...]] = {}  # rel -> an Entry's row (ENTRY_FIELDS)
        self.same_salt = False  # the index was written under the same theme, config, version
        self._made = False
        self._names: set[str] | None = None  # file names in html/, listed once
        self._taken: dict[str, Entry] = {}  # taken by stamp: saved again as the row read
        if enabled:
            try:
                data = read_store(self.dir / INDEX)
                if data["version"] == INDEX_VERSION and data["fields"] == ENTRY_FIELDS:
                    self.index = data["entries"]
                    self.same_salt = data["salt"] == salt
            except (OSError, ValueError, KeyError, TypeError):
                self.index = {}

    def lookup_stamp(self, rel: str, stamp: tuple[int, int]) -> Entry | None:
        """The entry of a source whose mtime and size are as recorded (no need to read it)."""
        row = self.index.get(rel)
        if (
            not self.same_salt
            or type(row) is not tuple
            or len(row) != _ROW_LENGTH
            or row[_STAMP] != stamp
        ):
            return None
        entry: Entry = _new_entry(Entry, row)
        self._taken[rel] = entry
        return entry

    def lookup(self, rel: str, key: str) -> Entry | None:
        row = self.index.get(rel)
        if type(row) is not tuple or len(row) != _ROW_LENGTH or row[0] != key:
            return None
        entry: Entry = _new_entry(Entry, row)
        return entry

    def missing(self, html_keys: list[str]) -> set[str]:
        """The keys among `html_keys` whose rendered page is not in the cache (html/ is listed
        only when a build needs a cached page that the output's shadow does not hold)."""
        names = self._html_names()
        return {key for key in html_keys if key + ".html" not in names}

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
        try:
            os.link(written, target)
        except FileExistsError:  # the same key: the same page
            pass
        except OSError:
            shutil.copyfile(written, target)
        if self._names is not None:
            self._names.add(f"{key}.html")

    def save(self, entries: dict[str, Entry]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        taken = self._taken
        shared: dict[Any, Any] = {}
        rows = {
            # a row taken by stamp is stored as read (its values already shared); an entry
            # replaced since (a quoted story changed its html_key) is a new row
            rel: self.index[rel] if taken.get(rel) is e else _shared_row(e, shared)
            for rel, e in entries.items()
        }
        index = {
            "version": INDEX_VERSION,
            "salt": self.salt,
            "fields": ENTRY_FIELDS,
            "entries": rows,
        }
        write_store(self.dir / INDEX, index, via=f"index.{os.getpid()}.tmp")
        self._drop_unused_pages(entries)

    def _drop_unused_pages(self, entries: dict[str, Entry]) -> None:
        """Delete the rendered pages no source builds any more. Over an index this build
        could use, those are the pages of its rows not taken as they were (a key names one
        content file's content: no other file's page has it); else every page in html/ that
        no entry names."""
        if self.same_salt and self.index:
            taken, index = self._taken, self.index
            replaced = {rel for rel, e in taken.items() if entries.get(rel) is not e}
            redone = (entries.keys() - taken.keys()) | replaced  # not saved as they were read
            new = {entries[rel].html_key for rel in redone if rel in entries}
            gone = set()
            for rel in (index.keys() - taken.keys()) | replaced:
                row = index[rel]
                if type(row) is tuple and len(row) == _ROW_LENGTH and row[_HTML_KEY] not in new:
                    gone.add(f"{row[_HTML_KEY]}.html")
        else:
            gone = self._html_names() - {e.html_key + ".html" for e in entries.values()}
        for name in gone:
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


def entry_for(
    page: Page | None, key: str, diagnostics: list[Diagnostic], stamp: tuple[int, int] | None
) -> Entry:
    """The index entry of a content file read this run (page None: it has errors)."""
    diags = tuple(diag_to_row(d) for d in diagnostics)
    if page is None:
        return Entry(key, diagnostics=diags, ok=False, stamp=stamp, html_key=key)
    return Entry(
        key,
        url=page.url,
        output_path=page.output_path,
        date=page.date,
        draft=page.draft,
        cta=(page.cta.label, page.cta.url) if page.cta else None,
        diagnostics=diags,
        stamp=stamp,
        links=tuple(tuple(link) for link in page_links(page)),
        html_key=key,
        noindex=page.noindex,
        story=story_summary(page),
        refs=tuple(
            (f"proof.{i}", item.story, page.field_lines.get(f"proof.{i}.story"))
            for i, item in enumerate(page.proof)
            if item.story
        ),
    )
