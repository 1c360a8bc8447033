"""build_site(): content -> pages -> theme -> output folder, written atomically by one writer."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import operator
import os
import re
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sitekit import __version__
from sitekit.build.content import content_file_names, load_page, render_markdown
from sitekit.errors import BuildError, ContentError, Diagnostic, Location
from sitekit.build.lint import Words, lint_page, load_words
from sitekit.models import BuildResult, Page, SiteConfig
from sitekit.resources import audits_dir
from sitekit.build.themes import Theme, load_theme, make_environment, template_error, theme_fingerprint

# a backslash or colon anywhere, or an empty, "." or ".." part (a leading "/" is an empty part)
_UNSAFE_REL = re.compile(r"[\\:]|(?:^|/)\.{0,2}(?:/|$)")
MARKER = ".sitekit-build"  # written into every output folder; only such folders are replaced
CACHE_DIR = ".sitekit-cache"
FINGERPRINTED = (".css", ".js")


# --------------------------------------------------------------------------- output folder


def check_out_dir(config: SiteConfig, out_dir: Path | None) -> Path:
    """The resolved output folder; refuse one that would overwrite the site or its sources."""
    out = (Path(out_dir) if out_dir else config.root / "_site").resolve()
    root = config.root.resolve()
    protected = [
        root,
        config.content_dir.resolve(),
        config.templates_dir.resolve(),
        config.static_dir.resolve(),
        (root / "themes").resolve(),
    ]
    for place in protected:
        if out == place or place.is_relative_to(out):
            raise BuildError(
                f"refusing --out {out}: it is the site folder, a source folder or "
                f"a parent of them ({place}); choose a separate folder like "
                f"{root / '_site'}"
            )
    for place in protected[1:]:
        if out.is_relative_to(place):
            raise BuildError(f"refusing --out {out}: it is inside the source folder {place}")
    if out.exists() and not out.is_dir():
        raise BuildError(f"refusing --out {out}: it is a file, not a folder")
    if out.is_dir() and not (out / MARKER).is_file() and _has_entries(out):
        raise BuildError(
            f"refusing to replace {out}: it is not empty and was not built by "
            f"sitekit (no {MARKER} file); delete it or choose another --out"
        )
    return out


def _has_entries(folder: Path) -> bool:
    """True when `folder` is not empty (reads only the first entry of its listing)."""
    with os.scandir(folder) as listing:
        return next(listing, None) is not None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _work_dirs(out: Path, kind: str) -> Iterator[tuple[Path, int]]:
    for path in out.parent.glob(f".{out.name}.sitekit-{kind}-*"):
        match = re.search(rf"\.sitekit-{kind}-(\d+)-", path.name)
        if match and path.is_dir():
            yield path, int(match.group(1))


def recover_output(out: Path) -> None:
    """Undo what a killed build left next to `out`: restore `out` if a swap was cut short."""
    for path, pid in _work_dirs(out, "old"):
        if _pid_alive(pid):
            continue
        if not out.exists() and (path / MARKER).is_file():
            path.rename(out)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


class OutputWriter:
    """The only code that writes the output folder, and it does so atomically.

    The next version is written into a shadow folder next to the output
    (`.NAME.sitekit-shadow`), which is then swapped with the output in one atomic rename.
    The shadow keeps the version before, so the next build rewrites only the files whose
    content hash changed (each folder's manifest is kept in the build cache). A build that
    fails or is killed leaves the output as it was; its half-written shadow has no marker
    and is rebuilt from scratch next time.
    """

    def __init__(self, out: Path, manifests: Path, fresh: bool = False) -> None:
        self.out = out
        self.manifests = manifests
        self.files = 0
        self.written = 0
        out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(out)
        self.shadow = out.parent / f".{out.name}.sitekit-shadow"
        try:
            recover_output(out)
            if self.shadow.is_symlink():  # never build into (or delete) what a link points at
                raise BuildError(f"refusing to write into {self.shadow}: it is a link")
            self.known = {} if fresh else self._manifest(self.shadow)
            if not self.known and self.shadow.exists():
                shutil.rmtree(self.shadow)
            (self.shadow / MARKER).unlink(missing_ok=True)  # half-written from here on
            self.shadow.mkdir(exist_ok=True)
        except BaseException:
            self._lock.close()
            raise
        self.root = str(self.shadow.resolve())
        self.wanted: dict[str, str] = {}
        self._dirs: set[str] = {self.root}  # created (plain strings: pathlib is slow here)
        self._checked: set[str] = {self.root}  # known not to be links
        self._listed = False  # the shadow's top-level folders are in _checked

    def _manifest(self, tree: Path) -> dict[str, str]:
        try:
            build_id = (tree / MARKER).read_text(encoding="utf-8").split()[-1]
            data = _read_json(self.manifests / f"{build_id}.json")
        except (OSError, ValueError, IndexError):
            return {}
        return data if isinstance(data, dict) else {}

    def path_for(self, rel: str) -> str:
        """Join `rel` under the shadow folder, refusing anything that would escape it."""
        if not rel or _UNSAFE_REL.search(rel):
            raise BuildError(f"refusing to write {rel!r}: not a relative path inside the output")
        target = self.root + os.sep + (rel if os.sep == "/" else rel.replace("/", os.sep))
        self._check_folder(target.rpartition(os.sep)[0])
        return target

    def _check_folder(self, folder: str) -> None:
        """Refuse to write through a linked folder (it could lead outside the output)."""
        if folder in self._checked:
            return
        if not self._listed:
            self._listed = True
            self._checked.update(_real_folders(self.root))
            if folder in self._checked:
                return
        if folder != self.root:
            self._check_folder(os.path.dirname(folder))
        if os.path.islink(folder):
            raise BuildError(f"refusing to write into {folder}: it is a link")
        self._checked.add(folder)

    def write(
        self, rel: str, data: bytes | str = b"", source: str | Path | None = None, digest: str = ""
    ) -> str:
        """Put bytes (text as UTF-8) or a copy/link of `source` at `rel`, unless unchanged."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if not digest:
            digest = hashlib.sha1(raw if source is None else Path(source).read_bytes()).hexdigest()
        target = self.path_for(rel)
        self.wanted[rel] = digest
        self.files += 1
        if self.known.get(rel) == digest:
            try:
                if stat.S_ISREG(os.stat(target).st_mode):
                    return target  # the shadow already holds this version
            except OSError:
                pass
        folder = os.path.dirname(target)
        if folder not in self._dirs:
            os.makedirs(folder, exist_ok=True)
            self._dirs.add(folder)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)  # never write through a hard link into the cache
        if source is not None:
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        else:
            with open(target, "wb") as handle:
                handle.write(raw)
        self.written += 1
        return target

    def commit(self) -> None:
        """Drop files no longer built, mark the shadow complete, and swap it in."""
        for rel in set(self.known) - set(self.wanted):
            target = Path(self.path_for(rel))
            target.unlink(missing_ok=True)
            for parent in target.parents:
                if str(parent) == self.root:
                    break
                try:
                    parent.rmdir()
                except OSError:
                    break
        build_id = uuid.uuid4().hex
        self.manifests.mkdir(parents=True, exist_ok=True)
        _write_json(self.manifests / f"{build_id}.json", self.wanted)
        (self.shadow / MARKER).write_text(
            f"built by sitekit {__version__} {build_id}\n", encoding="utf-8"
        )
        if not self.out.exists():
            self.shadow.rename(self.out)
        elif not _exchange(self.shadow, self.out):
            aside = self.out.parent / f".{self.out.name}.sitekit-old-{os.getpid()}-{build_id[:8]}"
            self.out.rename(aside)
            self.shadow.rename(self.out)
            aside.rename(self.shadow)
        keep = {f"{self._build_id(t)}.json" for t in (self.out, self.shadow)}
        for path in self.manifests.glob("*.json"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
        (self.manifests / "out.txt").write_text(str(self.out), encoding="utf-8")
        _forget_gone_outputs(self.manifests.parent)
        self._lock.close()

    @staticmethod
    def _build_id(tree: Path) -> str:
        try:
            return (tree / MARKER).read_text(encoding="utf-8").split()[-1]
        except (OSError, IndexError):
            return ""

    def abort(self) -> None:
        """Leave the output as it was; the unmarked shadow is rebuilt next time."""
        self._lock.close()


_JSON_MEMO: dict[str, tuple[tuple[int, int, int], Any]] = {}  # path -> (file identity, data)


def _read_json(path: Path) -> Any:
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


def _write_json(path: Path, data: Any, via: str = "") -> None:
    """Write `data` as compact JSON (through the temporary file `via` and a rename, if given)
    and remember it for _read_json. Only plain lists, dicts and scalars: what JSON returns."""
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


def _real_folders(root: str) -> list[str]:
    """The folders directly in `root` that are not links (one listing, no stat per folder)."""
    with os.scandir(root) as listing:
        return [e.path for e in listing if e.is_dir(follow_symlinks=False)]


def _forget_gone_outputs(trees: Path) -> None:
    """Drop the manifests of output folders that no longer exist (e.g. temporary builds)."""
    for folder in trees.iterdir():
        try:
            out = Path((folder / "out.txt").read_text(encoding="utf-8"))
        except OSError:
            continue
        if not out.exists():
            shutil.rmtree(folder, ignore_errors=True)


def _lock(out: Path) -> Any:
    """Hold an exclusive lock for `out` so two builds never write it at once."""
    handle = open(out.parent / f".{out.name}.sitekit-lock", "a+")  # noqa: SIM115
    try:
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # pragma: no cover - no flock on this platform
        pass
    except OSError:
        handle.close()
        raise BuildError(
            f"another sitekit build is writing {out}; try again when it ends"
        ) from None
    return handle


def _write_error(exc: OSError, out: Path) -> BuildError:
    """A write that failed (read-only folder, disk full) as one clear line."""
    where = exc.filename or out
    return BuildError(f"cannot write {where}: {exc.strerror or exc}; {out} was left as it was")


# --------------------------------------------------------------------------- build cache


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


ENTRY_FIELDS = tuple(f.name for f in fields(Entry))  # the index stores rows in this order
_STAMP = ENTRY_FIELDS.index("stamp")


def _diag_to_json(diag: Diagnostic) -> dict[str, Any]:
    loc = diag.location
    return {
        "level": diag.level,
        "message": diag.message,
        "field": diag.field,
        "path": loc.path if loc else None,
        "line": loc.line if loc else None,
    }


def _diag_from_json(data: dict[str, Any]) -> Diagnostic:
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
                data = _read_json(self.dir / "index.json")
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
        if entry.ok and not entry.draft and f"{key}.html" not in self._html_names():
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
        _write_json(self.dir / "index.json", index, via=f"index.{os.getpid()}.tmp")
        names = {f"{e.key}.html" for e in entries.values()}
        for name in self._html_names() - names:  # pages no source builds any more
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.html_dir, name))


# --------------------------------------------------------------------------- rendering


@dataclass
class SiteContext:
    """Everything templates share, computed once per build."""

    config: SiteConfig
    env: jinja2.Environment
    assets: dict[str, str]  # static name -> output name ("style.css" -> "style.1a2b3c4d.css")
    base_path: str  # "/docs" when base_url has a path, else ""
    home_cta: list[str] | None = None

    def url(self, path: str) -> str:
        if path.startswith("/") and not path.startswith("//"):
            return self.base_path + path
        return path

    @functools.cached_property
    def origin(self) -> str:
        """The scheme and host of base_url ("https://example.com"); "" when unset."""
        base = self.config.base_url
        return re.sub(r"(https?://[^/]+).*", r"\1", base) if base else ""

    def absolute(self, path: str) -> str:
        return self.origin + self.url(path)

    def asset(self, name: str) -> str:
        return self.url("/" + self.assets.get(name, name))

    def globals(self, current_url: str) -> dict[str, Any]:
        cfg = self.config
        nav = [
            {
                "label": n.label,
                "url": self.url(n.url),
                "current": n.url.rstrip("/") == current_url.rstrip("/"),
            }
            for n in cfg.nav
        ]
        return {
            "site": {
                "name": cfg.name,
                "language": cfg.language,
                "base_url": cfg.base_url,
                "contact": cfg.contact,
                "labels": cfg.extra.get("labels", {}),
                "description": cfg.extra.get("description", ""),
                "extra": cfg.extra,
            },
            "nav": nav,
            "asset": self.asset,
            "url": self.url,
            "analytics": Markup(cfg.analytics),
            "year": date.today().year,
            "home_cta": self.home_cta,
        }


def _json_script(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def structured_data(page: Page, ctx: SiteContext) -> dict[str, Any]:
    """JSON-LD: Organization; FAQPage when faq; reviews and rating only from real proof."""
    cfg = ctx.config
    org: dict[str, Any] = {"@type": "Organization", "name": cfg.name}
    if cfg.base_url:
        org["url"] = ctx.absolute("/")
    for key, value in (
        ("email", cfg.contact.email),
        ("telephone", cfg.contact.phone),
        ("address", cfg.contact.address),
    ):
        if value:
            org[key] = value
    reviews = []
    for item in page.proof:
        if not (item.name and item.quote):
            continue
        review: dict[str, Any] = {
            "@type": "Review",
            "author": {"@type": "Person", "name": item.name},
            "reviewBody": item.quote,
        }
        if item.rating is not None:
            review["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": item.rating,
                "bestRating": 5,
                "worstRating": 1,
            }
        reviews.append(review)
    if reviews:
        org["review"] = reviews
    ratings = [p.rating for p in page.proof if p.rating is not None and p.name]
    if ratings:
        org["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(sum(ratings) / len(ratings), 2),
            "reviewCount": len(ratings),
            "bestRating": 5,
            "worstRating": 1,
        }
    graph: list[dict[str, Any]] = [org]
    if page.faq:
        graph.append(
            {
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": f.q,
                        "acceptedAnswer": {"@type": "Answer", "text": f.a},
                    }
                    for f in page.faq
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def render_page(page: Page, ctx: SiteContext) -> str:
    """One page through its template (landing.html, page.html, or `template:`)."""
    rel = page.source.as_posix()
    lines = page.field_lines

    def src(field: str) -> str:
        line = lines.get(field)
        return f"{rel}:{line}" if line else rel

    body = render_markdown(
        page.body_md, rel, page.body_line, bool(ctx.config.extra.get("raw_html"))
    )
    if page.is_landing:  # the benefit is the only h1: a body '# heading' becomes an h2
        body = re.sub(r"<(/?)h1\b", r"<\1h2", body)
    cfg = ctx.config
    title = page.title
    if cfg.name and cfg.name.lower() not in title.lower():
        title = f"{title} | {cfg.name}"
    template = ctx.env.get_template(f"{page.template}.html")
    return template.render(
        ctx.globals(page.url),
        page=page,
        src=src,
        body=Markup(body),
        title=title,
        description=page.description or cfg.extra.get("description", ""),
        canonical=ctx.absolute(page.url),
        image=ctx.absolute(page.image or cfg.extra.get("image", ""))
        if (page.image or cfg.extra.get("image"))
        else "",
        json_ld=_json_script(structured_data(page, ctx)),
    )


# --------------------------------------------------------------------------- static files


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


def xml_escape(text: str) -> str:
    """Escape &, < and > for XML text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def sitemap(entries: list[Entry], ctx: SiteContext) -> str:
    rows = []
    prefix = ctx.origin + ctx.base_path  # ctx.absolute() of a site path, once for all rows
    for entry in sorted(entries, key=operator.attrgetter("url")):
        url = entry.url
        loc = (prefix if url.startswith("/") and not url.startswith("//") else ctx.origin) + url
        date = entry.date
        lastmod = f"<lastmod>{xml_escape(date[:10])}</lastmod>" if _ISO_DATE.match(date) else ""
        rows.append(f"<url><loc>{xml_escape(loc)}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )


def robots(ctx: SiteContext) -> str:
    text = "User-agent: *\nAllow: /\n"
    if ctx.config.base_url:
        text += f"Sitemap: {ctx.absolute('/sitemap.xml')}\n"
    return text


# --------------------------------------------------------------------------- the build


_WORDS: dict[bytes, Words] = {}


def _words() -> Words:
    """The guard's word lists, parsed again only when their file changes (a serve session)."""
    try:
        data = (audits_dir() / "default.toml").read_bytes()
    except OSError:
        data = b""
    if data not in _WORDS:
        _WORDS.clear()
        _WORDS[data] = load_words()
    return _WORDS[data]


def _salt(config: SiteConfig, fingerprint: str, words: Words, drafts: bool) -> str:
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
        words.seller_talk,
        words.vague_cta,
        words.low_commitment,
        words.welcome,
    )
    digest = hashlib.sha1(repr(settings).encode())
    digest.update(fingerprint.encode())
    return digest.hexdigest()


def _entry_for(page: Page | None, key: str, diagnostics: list[Diagnostic]) -> Entry:
    entry = Entry(key, diagnostics=[_diag_to_json(d) for d in diagnostics], ok=page is not None)
    if page is not None:
        entry.url, entry.output_path = page.url, page.output_path
        entry.date, entry.draft = page.date, page.draft
        entry.cta = [page.cta.label, page.cta.url] if page.cta else None
    return entry


def _duplicates(entries: dict[str, Entry]) -> list[Diagnostic]:
    seen: dict[str, str] = {}
    problems = []
    for rel, entry in entries.items():
        if not entry.ok or not entry.output_path:
            continue
        top = entry.output_path.split("/", 1)[0]
        if top in ("sitemap.xml", "robots.txt", "404.html", MARKER):
            problems.append(
                Diagnostic(
                    "error",
                    f"this page would build {entry.url}, a folder in place of the generated "
                    f"{top}; choose another slug or file name",
                    Location(rel),
                    "slug",
                )
            )
        elif entry.output_path in seen:
            problems.append(
                Diagnostic(
                    "error",
                    f"duplicate output URL {entry.url}: {rel} and "
                    f"{seen[entry.output_path]} both build it",
                    Location(rel),
                    "slug",
                )
            )
        else:
            seen[entry.output_path] = rel
    return problems


def _check_templates(
    entries: dict[str, Entry], pages: dict[str, Page], env: jinja2.Environment
) -> list[Diagnostic]:
    problems = []
    for rel, page in pages.items():
        try:
            env.get_template(f"{page.template}.html")
        except jinja2.TemplateNotFound:
            line = page.field_lines.get("template")
            problems.append(
                Diagnostic(
                    "error",
                    f"template '{page.template}' not found (no {page.template}.html in the "
                    "site's templates/ or the theme)",
                    Location(rel, line),
                    "template",
                )
            )
            entries[rel].ok = False
        except jinja2.TemplateSyntaxError:
            pass  # reported with its file and line when rendering
    return problems


def read_sources(
    config: SiteConfig,
    files: list[str],
    cache: BuildCache,
    salt: str,
    words: Words,
    drafts: bool,
) -> tuple[dict[str, Entry], dict[str, Page]]:
    """Entries for every content file (from the cache when its hash matches) and the Pages
    parsed this run, which are the ones to render."""
    entries: dict[str, Entry] = {}
    pages: dict[str, Page] = {}
    root_prefix = len(str(config.root)) + 1
    for path in files:
        name = str(path)
        rel = name[root_prefix:].replace(os.sep, "/")
        info = os.stat(name)
        stamp = [info.st_mtime_ns, info.st_size]
        entry = cache.lookup_stamp(rel, stamp)  # unchanged since the last build: not read
        if entry is not None:
            entries[rel] = entry
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        key = hashlib.sha1(salt.encode() + rel.encode() + b"\0" + data).hexdigest()
        entry = cache.lookup(rel, key)
        if entry is None:
            text = data.decode("utf-8", errors="replace")
            page, problems = load_page(text, rel, rel.split("/", 1)[1])
            if page is not None:
                problems += lint_page(page, words)
                if not page.draft or drafts:
                    pages[rel] = page
            entry = _entry_for(page, key, problems)
        # a file changed within the last 2 s could change again within the same mtime tick
        # without its size changing; trust its stamp only when older (git's "racy" rule)
        entry.stamp = stamp if info.st_mtime_ns < time.time_ns() - 2_000_000_000 else None
        entries[rel] = entry
    return entries, pages


def build_site(
    config: SiteConfig,
    out_dir: Path | None = None,
    drafts: bool = False,
    strict: bool = False,
    clean: bool = False,
) -> BuildResult:
    """Build the site; raise ContentError/BuildError with every problem, writing nothing."""
    started = time.perf_counter()
    out = check_out_dir(config, out_dir)
    theme = load_theme(config)
    fingerprint = theme_fingerprint(theme)
    env = make_environment(theme, fingerprint, config.root / CACHE_DIR / "jinja")
    words = _words()
    salt = _salt(config, fingerprint, words, drafts)
    cache = BuildCache(config.root, enabled=not clean, salt=salt)
    files, diagnostics = content_file_names(config)
    diagnostics = list(config.diagnostics) + diagnostics
    if not config.base_url:
        diagnostics.append(
            Diagnostic(
                "warning",
                "[site] base_url is not set: canonical URLs, "
                "sitemap.xml and Open Graph use site-relative paths",
                Location("sitekit.toml"),
                "site.base_url",
            )
        )
    entries, pages = read_sources(config, files, cache, salt, words, drafts)
    for entry in entries.values():
        diagnostics += [_diag_from_json(d) for d in entry.diagnostics]
    live = {rel: e for rel, e in entries.items() if e.ok and (not e.draft or drafts)}
    diagnostics += _duplicates(live)
    diagnostics += _check_templates(entries, pages, env)
    _fail_on(diagnostics, strict)
    home = live.get(next((r for r, e in live.items() if e.url == "/"), ""))
    home_cta = (
        home.cta if home and home.cta else next((e.cta for e in live.values() if e.cta), None)
    )
    static, static_problems = collect_static(theme)
    diagnostics += static_problems
    ctx = SiteContext(
        config,
        env,
        fingerprint_names(static),
        re.sub(r"^https?://[^/]+", "", config.base_url).rstrip("/"),
        home_cta,
    )
    manifests = cache.dir / "trees" / hashlib.sha1(str(out).encode()).hexdigest()[:12]
    try:
        writer = OutputWriter(out, manifests, fresh=clean)
    except OSError as exc:
        raise _write_error(exc, out) from None
    reused = 0
    try:
        render_errors = []
        for rel, entry in live.items():
            if rel in pages:
                try:
                    html = render_page(pages[rel], ctx)
                except Exception as exc:  # template bugs of any kind become located errors
                    if isinstance(
                        exc,
                        jinja2.TemplateError | TypeError | AttributeError | ValueError | KeyError,
                    ):
                        render_errors.append(template_error(exc, config.root, rel))
                        continue
                    raise
                written = writer.write(entry.output_path, html, digest=entry.key)
                if not render_errors:
                    cache.keep(written, entry.key)
            else:
                writer.write(entry.output_path, source=cache.html_path(entry.key), digest=entry.key)
                reused += 1
        if render_errors:
            raise BuildError("the theme failed to render", tuple(render_errors))
        for rel, path in static.items():
            writer.write(ctx.assets.get(rel, rel), source=path)
        writer.write("sitemap.xml", sitemap(list(live.values()), ctx))
        writer.write("robots.txt", robots(ctx))
        writer.write("404.html", _render_404(ctx))
        writer.commit()
    except OSError as exc:  # a read-only or full disk: one clear line, the output unchanged
        writer.abort()
        raise _write_error(exc, out) from None
    except BaseException:
        writer.abort()
        raise
    cache.save(entries)
    warnings = tuple(d for d in diagnostics if d.level == "warning")
    return BuildResult(
        out,
        pages=len(live),
        files=writer.files,
        seconds=round(time.perf_counter() - started, 3),
        diagnostics=warnings,
        reused=reused,
    )


def _render_404(ctx: SiteContext) -> str:
    try:
        template = ctx.env.get_template("404.html")
        return template.render(
            ctx.globals("/404.html"),
            title=f"Page not found | {ctx.config.name}",
            description="",
            canonical="",
            image="",
            json_ld=None,
        )
    except jinja2.TemplateError as exc:
        raise BuildError(
            "the 404 template failed", (template_error(exc, ctx.config.root),)
        ) from None


def _fail_on(diagnostics: list[Diagnostic], strict: bool) -> None:
    errors = [d for d in diagnostics if d.level == "error"]
    warnings = [d for d in diagnostics if d.level == "warning"]
    ordered = tuple(sorted(diagnostics, key=_order))
    if errors:
        raise ContentError(
            f"{len(errors)} error(s), {len(warnings)} warning(s); nothing was written", ordered
        )
    if strict and warnings:
        raise ContentError(
            f"{len(warnings)} warning(s) with --strict; nothing was written", ordered
        )


def _order(diag: Diagnostic) -> tuple[str, int]:
    loc = diag.location
    return (loc.path if loc else "", (loc.line or 0) if loc else 0)
