"""The folder source: a folder of HTML, or one .html file, read as a site under a stand-in host."""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from sitekit.crawl.links import extract_links
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.source import OFF_SITE, CrawlRecord, Outcome, Task
from sitekit.crawl.urls import INDEX_FILES, is_web_url, normalize_url, url_origin
from sitekit.errors import TargetError
from sitekit.models import SITE_MARKER, FetchedPage

ERROR_PAGES = ("404", "500", "50x")  # a folder's error pages are not seeded as site pages
FOLDER_ORIGIN = "http://folder.sitekit.invalid"  # internal stand-in origin in folder mode
FOLDER_MAX_FILES = 100_000
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def built_site_root(file: Path) -> Path:
    """The folder a single file's links resolve against: the nearest ancestor holding the
    built-site marker (`sitekit build` writes it), else the file's own folder."""
    for folder in file.parents:
        if (folder / SITE_MARKER).is_file():
            return folder
    return file.parent


class FolderSource:
    """Pages read from files; a single file is audited alone, its links only given a status."""

    def __init__(self, target: str, settings: CrawlSettings) -> None:
        path = Path(target).expanduser()
        if not path.exists():
            hint = ""
            if "." in target and "/" not in target.rstrip("/"):
                hint = f" (did you mean https://{target.rstrip('/')}/ ?)"
            raise TargetError(f"no such URL, folder or file: {target}{hint}")
        self.settings = settings
        self._single_file = path.is_file()
        if self._single_file:
            if path.suffix.lower() not in _HTML_SUFFIXES:
                raise TargetError(f"{target} is not an .html file")
            entry_file = path.resolve()
            self._root = built_site_root(entry_file)
        else:
            self._root = path.resolve()
            entry_file = self._folder_entry()
        self._whole_site = (self._root / SITE_MARKER).is_file()  # a built site: all there
        self.start_url = self._url_of(entry_file)
        self._aliases: set[str] = set()  # the site's public origin(s), mapped onto the folder

    def _url_of(self, file: Path) -> str:
        """The site URL of a file in the folder."""
        rel = file.relative_to(self._root).as_posix()
        return normalize_url("/" + quote(rel), FOLDER_ORIGIN)

    def _folder_entry(self) -> Path:
        """The folder's index.html, else its first .html file."""
        for name in INDEX_FILES:
            if (self._root / name).is_file():
                return self._root / name
        pages = self._folder_pages(limit=1)
        if not pages:
            raise TargetError(f"no .html files in folder {self._root}")
        return pages[0]

    def _folder_pages(self, limit: int = FOLDER_MAX_FILES) -> list[Path]:
        """The folder's .html files in name order, without its top-level error pages."""
        found: list[Path] = []
        for path in sorted(self._root.rglob("*")):
            error_page = path.stem in ERROR_PAGES and path.parent == self._root
            if path.suffix.lower() in (".html", ".htm") and path.is_file() and not error_page:
                found.append(path)
                if len(found) >= limit:
                    break
        return found

    def entry(self) -> Outcome:
        """Read the entry page; its canonical URL tells the site's public origin."""
        outcome = self.fetch(Task(self.start_url, 0, None))
        canonical = outcome.links.canonical
        if canonical and is_web_url(canonical) and url_origin(canonical) != FOLDER_ORIGIN:
            self._aliases.add(url_origin(canonical))
        return outcome

    def seeds(self) -> Sequence[tuple[str, str]]:
        """Every other page of the folder (none for a single file)."""
        if self._single_file:
            return []
        return [(self._url_of(path), "(folder)") for path in self._folder_pages()]

    def fetch(self, task: Task) -> Outcome:
        """Read the file a site URL maps to."""
        started = time.perf_counter()
        file, problem = self._file_for(task.url)
        if file is None:
            status = 404 if problem is None else 403
            error = problem or f"not found in the folder ({self.display(task.url)})"
            page = FetchedPage(task.url, task.url, status, error=error, depth=task.depth)
            return Outcome(task, page, f"failed: {error}", ((task.url, status),))
        hops = ((task.url, 200),)
        if file.suffix.lower() not in _HTML_SUFFIXES:
            kind = mimetypes.guess_type(file.name)[0] or "unknown type"
            return Outcome(task, None, f"not HTML: {kind}", hops)
        size = file.stat().st_size
        if size > self.settings.max_bytes:
            error = f"too large: over {self.settings.max_bytes:,} bytes"
            page = FetchedPage(task.url, task.url, 200, "text/html", error=error, depth=task.depth)
            return Outcome(task, page, f"failed: {error}", hops)
        body = file.read_bytes()
        page = FetchedPage(
            task.url, task.url, 200, "text/html", body, None, task.depth,
            elapsed=time.perf_counter() - started, source_path=str(file),
        )  # fmt: skip
        return Outcome(task, page, "audited", hops, extract_links(body, task.url))

    def _file_for(self, url: str) -> tuple[Path | None, str | None]:
        """The file a folder URL maps to, or (None, why it is refused / None if missing)."""
        rel = unquote(urlsplit(url).path).lstrip("/")
        base = (self._root / rel).resolve()
        try:
            base.relative_to(self._root)
        except ValueError:
            return None, "outside the audited folder"
        candidates = [base / n for n in INDEX_FILES] if url.endswith("/") or not rel else []
        candidates += [base, *(base / n for n in INDEX_FILES), base.with_name(base.name + ".html")]
        for candidate in candidates:
            if candidate.is_file():
                resolved = candidate.resolve()
                try:
                    resolved.relative_to(self._root)
                except ValueError:
                    return None, "outside the audited folder (symlink)"
                return resolved, None
        return None, None

    def display(self, url: str) -> str:
        """Folder pages as site paths ("/pricing/")."""
        if url.startswith(FOLDER_ORIGIN):
            return url[len(FOLDER_ORIGIN) :] or "/"
        return url

    def local(self, url: str) -> str:
        """Map a link to the site's public origin onto the folder."""
        if self._aliases and url_origin(url) in self._aliases:
            parts = urlsplit(url)
            return normalize_url(urlunsplit(("", "", parts.path, parts.query, "")), FOLDER_ORIGIN)
        return url

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(FOLDER_ORIGIN).netloc

    def off_site(self, url: str) -> str:
        return OFF_SITE

    def link_status(self, url: str) -> int | None:
        """Every internal link target gets a status (200/404) without reading it."""
        file, problem = self._file_for(url)
        if file is None and not problem and self._single_file and not self._whole_site:
            return None  # a one-file audit cannot tell a missing page from one not given: unknown
        return 200 if file else (403 if problem else 404)

    def withheld(self, url: str) -> str | None:
        return "out of scope: only the given file is audited" if self._single_file else None

    def refusal(self, url: str) -> str | None:
        return None  # a folder has no robots.txt

    def check_links(self, record: CrawlRecord, pool: Executor) -> None:
        """Nothing left: every link target's file was checked as it was found."""

    def close(self) -> None:
        """Nothing to release."""
