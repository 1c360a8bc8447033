"""The build cache under .sitekit-cache/: the index of content files, rendered pages kept as
hard links, each output folder's manifests, and the salt that says when all of it is stale."""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sitekit import __version__
from sitekit.build.cta_links import page_links
from sitekit.build.stories import story_summary
from sitekit.errors import Diagnostic, Location
from sitekit.models import Page, SiteConfig

CACHE_DIR = ".sitekit-cache"


_JSON_MEMO: dict[str, tuple[tuple[int, int, int], Any]] = {}  # path -> (file identity, data)


def read_json(path: Path) -> Any:
    """The parsed JSON of `path`, from memory while the file is the one last read or written
    here (same inode, size and mtime: `serve` rebuilds skip parsing the index). Callers
    must not change what it returns."""
    info = os.stat(path)
    identity = (info.st_ino, info.st_size, info.st_mtime_ns)
    known = _JSON_MEMO.get(str(path))
    if known is not None and known[0] == identity:
        return known[1]
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    _remember_json(path, identity, data)
    return data


def write_json(path: Path, data: Any, via: str = "") -> None:
    """Write `data` as compact JSON (through the temporary file `via` and a rename, if given)
    and remember it for read_json. Only plain lists, dicts and scalars: what JSON returns."""
    tmp = path.with_name(via) if via else path
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    if via:
        tmp.replace(path)
    info = os.stat(path)
    _remember_json(path, (info.st_ino, info.st_size, info.st_mtime_ns), data)


def _remember_json(path: Path, identity: tuple[int, int, int], data: Any) -> None:
    _JSON_MEMO.pop(str(path), None)
    _JSON_MEMO[str(path)] = (identity, data)
    while len(_JSON_MEMO) > 8:  # the index and a few manifests
        del _JSON_MEMO[next(iter(_JSON_MEMO))]


class Manifests:
    """Each build's file list for one output folder (output path -> content hash), kept under
    trees/ in the cache so that the next build rewrites only the files that changed."""

    def __init__(self, cache_dir: Path, out: Path) -> None:
        self.out = out
        self.dir = cache_dir / "trees" / hashlib.sha1(str(out).encode()).hexdigest()[:12]

    def read(self, build_id: str) -> dict[str, str]:
        """The manifest of build `build_id`; empty when it is missing or unreadable."""
        try:
            data = read_json(self.dir / f"{build_id}.json")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, build_id: str, files: dict[str, str]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        write_json(self.dir / f"{build_id}.json", files)

    def keep_only(self, build_ids: set[str]) -> None:
        """Drop every other manifest, and those of output folders that no longer exist."""
        keep = {f"{build_id}.json" for build_id in build_ids}
        for path in self.dir.glob("*.json"):
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
        if enabled:
            try:
                data = read_json(self.dir / "index.json")
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
        return self.lookup(rel, row[0])

    def lookup(self, rel: str, key: str) -> Entry | None:
        row = self.index.get(rel)
        if not isinstance(row, list) or len(row) != len(ENTRY_FIELDS) or row[0] != key:
            return None
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
        rows = {rel: list(row(e)) for rel, e in entries.items()}
        index = {"salt": self.salt, "fields": list(ENTRY_FIELDS), "entries": rows}
        write_json(self.dir / "index.json", index, via=f"index.{os.getpid()}.tmp")
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
        json.dumps(config.extra, sort_keys=True, default=str),
        drafts,
        json.dumps(words, sort_keys=True, ensure_ascii=False),
    )
    digest = hashlib.sha1(repr(settings).encode())
    digest.update(fingerprint.encode())
    return digest.hexdigest()


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
