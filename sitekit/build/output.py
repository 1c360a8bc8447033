"""The one writer of the output folder: a shadow folder swapped in atomically (see
portable.py for each platform), an exclusive lock per output, recovery after a killed build,
and no path that escapes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from sitekit import __version__
from sitekit.build.cache import Manifests
from sitekit.build.portable import Busy, OutputLock, pid_alive, remove_in_background, swap_folders
from sitekit.errors import BuildError
from sitekit.models import SITE_MARKER, SiteConfig

# an empty, "." or ".." part (a leading or trailing "/" makes an empty part), as substrings
_DOT_PARTS_START = ("/", "./", "../")
_DOT_PARTS_END = ("/", "/.", "/..")
MARKER = SITE_MARKER  # written into every output folder; only such folders are replaced


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


def _work_dirs(out: Path, kind: str) -> Iterator[tuple[Path, int]]:
    for path in out.parent.glob(f".{out.name}.sitekit-{kind}-*"):
        match = re.search(rf"\.sitekit-{kind}-(\d+)-", path.name)
        if match and path.is_dir():
            yield path, int(match.group(1))


def recover_output(out: Path) -> None:
    """Undo what a killed build left next to `out`: restore `out` if a swap was cut short,
    and delete (in the background) old copies put aside by builds that have ended."""
    for path, pid in _work_dirs(out, "old"):
        if pid_alive(pid):
            continue
        if not out.exists() and (path / MARKER).is_file():
            path.rename(out)
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path, pid in _work_dirs(out, "trash"):
        if not pid_alive(pid):  # its deleting process may still be at work: a second one
            remove_in_background(path)  # does no harm, and this build does not wait


_exchange = swap_folders  # one name to replace in tests that simulate a platform without it


class OutputWriter:
    """The only code that writes the output folder, and it does so atomically.

    The next version is written into a shadow folder next to the output
    (`.NAME.sitekit-shadow`), which is then swapped with the output in one atomic rename.
    The shadow keeps the version before, so the next build rewrites only the files whose
    content hash changed (each folder's manifest is kept in the build cache). A build that
    fails or is killed leaves the output as it was; its half-written shadow has no marker
    and is rebuilt from scratch next time. A shadow that cannot be reused (--clean, or
    half-written) is renamed aside at once and deleted in the background, so a clean build
    costs what a cold one does.
    """

    def __init__(self, out: Path, manifests: Manifests, fresh: bool = False) -> None:
        self.out = out
        self.manifests = manifests
        self.files = 0
        self.written = 0
        out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(out)
        self.shadow = out.parent / f".{out.name}.sitekit-shadow"
        self.trash: Path | None = None  # the shadow put aside, to delete after the swap
        try:
            recover_output(out)
            if self.shadow.is_symlink():  # never build into (or delete) what a link points at
                raise BuildError(f"refusing to write into {self.shadow}: it is a link")
            build_id = "" if fresh else self._build_id(self.shadow)
            self.known = manifests.read(build_id) if build_id else {}
            if not self.known and self.shadow.exists():
                self.trash = out.parent / (
                    f".{out.name}.sitekit-trash-{os.getpid()}-{os.urandom(4).hex()}"
                )
                self.shadow.rename(self.trash)  # deleted once the new output is in place
            (self.shadow / MARKER).unlink(missing_ok=True)  # half-written from here on
            self.shadow.mkdir(exist_ok=True)
        except BaseException:
            self._lock.close()
            self._empty_trash()
            raise
        self.root = str(self.shadow.resolve())
        self.wanted: dict[str, str] = {}
        self._dirs: set[str] = {self.root}  # created (plain strings: pathlib is slow here)
        self._new: set[str] = set()  # folders this build created (empty when created)
        self._checked: set[str] = {self.root}  # known not to be links
        self._listed = False  # the shadow's top-level folders are in _checked

    def path_for(self, rel: str) -> str:
        """Join `rel` under the shadow folder, refusing anything that would escape it."""
        target = self._join(rel)
        self._check_folder(target.rpartition(os.sep)[0])
        return target

    def _join(self, rel: str) -> str:
        """`rel` under the shadow folder (no folder checked yet); refuse `..`, `/x`, `\\`, `:`."""
        if not safe_rel(rel):
            raise BuildError(f"refusing to write {rel!r}: not a relative path inside the output")
        return self.root + os.sep + (rel if os.sep == "/" else rel.replace("/", os.sep))

    def keep_unchanged(self, files: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Keep each (path, digest) the shadow already holds, as its manifest says; return the
        others, to write(). No stat, no read: the shadow's marker says every file of its
        manifest was written, and every path in a manifest passed _join when it was written;
        a folder must still not be a link. One call for all the cached pages of a build."""
        known, wanted, checked = self.known, self.wanted, self._checked
        root, sep = self.root + os.sep, os.sep
        left = []
        for rel, digest in files:
            if known.get(rel) != digest:
                left.append((rel, digest))
                continue
            wanted[rel] = digest
            folder = (root + (rel if sep == "/" else rel.replace("/", sep))).rpartition(sep)[0]
            if folder not in checked:
                self._check_folder(folder)
        self.files += len(files) - len(left)
        return left

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
        target = self._join(rel)
        folder = target.rpartition(os.sep)[0]
        first = rel not in self.wanted
        self.wanted[rel] = digest
        self.files += 1
        if self.known.get(rel) == digest:
            # the shadow already holds this version: its marker says every file of its
            # manifest was written (a build that stops half-way removed the marker first),
            # so no stat per file (5,000 of them cost ~17 ms); a folder must still not be a link
            self._check_folder(folder)
            return target
        if folder not in self._dirs:
            self._make_folder(folder)
        if not (first and folder in self._new):  # a folder made by this build holds only
            with contextlib.suppress(FileNotFoundError):  # what it wrote: nothing to unlink
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

    def _make_folder(self, folder: str) -> None:
        """Create `folder` (and its parents) in the shadow; one that exists must not be a link.

        A folder this call creates is known to be real and empty (mkdir fails on anything
        already there, a link included), so it costs one system call and no check."""
        if folder in self._dirs:
            return
        parent = folder.rpartition(os.sep)[0]
        if parent not in self._dirs:
            self._make_folder(parent)
        try:
            os.mkdir(folder)
        except FileExistsError:
            self._check_folder(folder)
        else:
            self._checked.add(folder)
            self._new.add(folder)
        self._dirs.add(folder)

    def commit(self) -> None:
        """Drop files no longer built, mark the shadow complete, and swap it in."""
        for rel in self.known.keys() - self.wanted.keys():
            target = Path(self.path_for(rel))
            target.unlink(missing_ok=True)
            for parent in target.parents:
                if str(parent) == self.root:
                    break
                try:
                    parent.rmdir()
                except OSError:
                    break
        build_id = os.urandom(16).hex()  # not uuid: it imports platform (~2 ms a build)
        self.manifests.save(build_id, self.wanted)
        (self.shadow / MARKER).write_text(
            f"built by sitekit {__version__} {build_id}\n", encoding="utf-8"
        )
        if not self.out.exists():
            self.shadow.rename(self.out)
        elif not _exchange(self.shadow, self.out):
            aside = self.out.parent / f".{self.out.name}.sitekit-old-{os.getpid()}-{build_id[:8]}"
            self.out.rename(aside)
            try:
                self.shadow.rename(self.out)
            except OSError:  # e.g. a file held open on Windows: the output as it was
                aside.rename(self.out)
                raise
            aside.rename(self.shadow)
        self.manifests.keep_only({self._build_id(t) for t in (self.out, self.shadow)})
        self._lock.close()
        self._empty_trash()

    def _empty_trash(self) -> None:
        if self.trash is not None:
            remove_in_background(self.trash)
            self.trash = None

    @staticmethod
    def _build_id(tree: Path) -> str:
        """The id in a complete folder's marker ("" when it has none)."""
        try:
            return (tree / MARKER).read_text(encoding="utf-8").split()[-1]
        except (OSError, IndexError):
            return ""

    def abort(self) -> None:
        """Leave the output as it was; the unmarked shadow is rebuilt next time."""
        self._lock.close()
        self._empty_trash()


def safe_rel(rel: str) -> bool:
    """False for an empty path, a backslash or colon anywhere, or an empty, "." or ".." part
    (plain substring tests: a regular expression cost more than the rest of a write)."""
    return not (
        not rel
        or "\\" in rel
        or ":" in rel
        or "//" in rel
        or "/./" in rel
        or "/../" in rel
        or rel in (".", "..")
        or rel.startswith(_DOT_PARTS_START)
        or rel.endswith(_DOT_PARTS_END)
        or (rel[-1] == "\n" and _dot_part_at_end(rel[:-1]))  # as the former pattern's `$`
    )


def _dot_part_at_end(rel: str) -> bool:
    return rel in ("", ".", "..") or rel.endswith(_DOT_PARTS_END)


def _real_folders(root: str) -> list[str]:
    """The folders directly in `root` that are not links (one listing, no stat per folder)."""
    with os.scandir(root) as listing:
        return [e.path for e in listing if e.is_dir(follow_symlinks=False)]


def _lock(out: Path) -> OutputLock:
    """Hold an exclusive lock for `out` so two builds never write it at once."""
    try:
        return OutputLock(out.parent / f".{out.name}.sitekit-lock")
    except Busy:
        raise BuildError(
            f"another sitekit build is writing {out}; try again when it ends"
        ) from None


def write_error(exc: OSError, out: Path) -> BuildError:
    """A write that failed (read-only folder, disk full) as one clear line."""
    where = exc.filename or out
    return BuildError(f"cannot write {where}: {exc.strerror or exc}; {out} was left as it was")
