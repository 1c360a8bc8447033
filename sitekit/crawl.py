"""The crawler: frontier, URL hygiene, scope, bounded fetching in threads, and folder mode."""

from __future__ import annotations

import codecs
import fnmatch
import ipaddress
import mimetypes
import posixpath
import re
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

import requests
import urllib3
from lxml import etree

from sitekit import USER_AGENT
from sitekit.errors import TargetError
from sitekit.models import CrawlDecision, FetchedPage
from sitekit.netsafe import AddressGuard, Watchdog, WatchedAdapter
from sitekit.polite import (
    ROBOTS_MAX_BYTES,
    HostRateLimiter,
    RobotsCache,
    RobotsResponse,
    parse_retry_after,
    retry_delay,
)

Progress = Callable[[int, int, str], None]

HTML_TYPES = ("text/html", "application/xhtml+xml")
WEB_SCHEMES = ("http", "https")
NOT_PAGE_SCHEMES = ("mailto", "tel", "sms", "callto")
TRACKING_PARAMS = frozenset(
    {
        "gclid", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "vero_id",
        "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "wickedid", "ttclid", "li_fat_id",
    }
)  # fmt: skip
NOT_HTML_EXTENSIONS = frozenset(
    {
        ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp",
        ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".csv", ".zip", ".gz", ".tgz", ".rar",
        ".7z", ".mp3", ".mp4", ".webm", ".mov", ".avi", ".wav", ".ogg", ".woff", ".woff2",
        ".ttf", ".otf", ".eot", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".exe",
        ".dmg", ".apk", ".iso", ".rss", ".atom",
    }
)  # fmt: skip
INDEX_FILES = ("index.html", "index.htm")
ERROR_PAGES = ("404", "500", "50x")  # a folder's error pages are not seeded as site pages
_UNREACHABLE = (
    "failed: connect timeout",
    "failed: connection refused",
    "failed: host name not found",
    "failed: TLS error",
)
MAX_LINKS_PER_PAGE = 5_000  # links past this on one page are not followed (noted)
MAX_PATH_SEGMENTS = 20  # deeper paths are an ever-growing-path trap
TRAP_CHAIN = 8  # pages in a row that only change a number/date or grow the path
TRAP_QUERY_VARIANTS = 12  # distinct query strings on one path before it is called a trap
SITEMAP_MAX_BYTES = 10_000_000  # decoded, per sitemap file
SITEMAP_MAX_FILES = 10
FOLDER_ORIGIN = "http://folder.sitekit.invalid"  # internal stand-in origin in folder mode
FOLDER_MAX_FILES = 100_000
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.I
)
_DIGITS = re.compile(r"\d+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SINGLE_BYTE = ("cp125", "iso8859", "latin", "ascii", "koi8", "mac-", "cp437", "cp850")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


@dataclass(frozen=True)
class CrawlSettings:
    """Every limit of a crawl; the CLI maps its options onto these."""

    max_pages: int = 50
    max_depth: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    concurrency: int = 4
    rate: float | None = None  # requests/s per host, None = off
    respect_robots: bool = True
    headers: tuple[tuple[str, str], ...] = ()
    cookies: tuple[tuple[str, str], ...] = ()
    auth: tuple[str, str] | None = None
    verify_tls: bool = True
    allow_private: bool = False
    timeout: float = 10.0  # connect and read timeout, seconds
    max_bytes: int = 5_000_000  # decoded body size cap per page
    max_redirects: int = 10
    retries: int = 2
    max_retry_after: float = 30.0
    user_agent: str = USER_AGENT
    use_sitemaps: bool = True
    max_page_seconds: float = 30.0  # wall time to receive one body (defeats slow drips)


# --------------------------------------------------------------------------- URLs


def normalize_url(url: str, base: str | None = None) -> str:
    """The canonical form of `url` (resolved against `base`) for http(s) URLs.

    Fragments and tracking parameters go, scheme and host are lowercased, default ports
    dropped, dot segments resolved, `index.html` folded into its folder, the query sorted.
    Other schemes (mailto:, javascript:, ...) come back resolved but otherwise untouched.
    """
    url = re.sub(r"[\t\n\r]", "", url).strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        return url
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == (80 if scheme == "http" else 443) else f"{host}:{port}"
    path = _clean_path(parts.path)
    query = _clean_query(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _clean_path(path: str) -> str:
    if not path:
        return "/"
    trailing = path.endswith("/")
    resolved = posixpath.normpath(path)
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    if resolved == ".":
        resolved = "/"
    if trailing and not resolved.endswith("/"):
        resolved += "/"
    head, _, last = resolved.rpartition("/")
    if last.lower() in INDEX_FILES:
        resolved = head + "/"
    return quote(resolved, safe="/%:@!$&'()*+,;=~-._")


def _clean_query(query: str) -> str:
    if not query:
        return ""
    pairs = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    ]
    return urlencode(sorted(pairs), quote_via=quote)


def dedupe_key(url: str) -> str:
    """The identity of a normalised URL: trailing-slash variants are the same page."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.replace("https", "http"), parts.netloc, path, parts.query, ""))


def url_path(url: str) -> str:
    """Path plus query of a URL, for pattern matching and messages."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def matches_pattern(url: str, pattern: str) -> bool:
    """A glob matched against the full URL or its path; no wildcard means a path prefix."""
    path = url_path(url)
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(url, pattern) or fnmatch.fnmatchcase(path, pattern)
    return path.startswith(pattern) or url.startswith(pattern)


def _extension(url: str) -> str:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return posixpath.splitext(last)[1].lower()


# --------------------------------------------------------------------------- traps


def path_shape(url: str) -> str:
    """A URL with every run of digits replaced by 0 and query values dropped."""
    parts = urlsplit(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return _DIGITS.sub("0", parts.path) + ("?" + "&".join(keys) if keys else "")


def trap_pattern(url: str) -> str | None:
    """Why `url` alone looks like a crawler trap (too deep, repeated segments), or None."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > MAX_PATH_SEGMENTS:
        return "ever-longer paths"
    counts: dict[str, int] = {}
    for segment in segments:
        counts[segment] = counts.get(segment, 0) + 1
        if counts[segment] >= 3:
            return "repeated path segments"
    return None


def chain_step(url: str, parent: str | None) -> bool:
    """True when `url` continues a pattern from `parent`: same shape, or a deeper same path."""
    if parent is None:
        return False
    if path_shape(url) == path_shape(parent) and url != parent:
        return True
    child_path, parent_path = urlsplit(url).path, urlsplit(parent).path
    return child_path.startswith(parent_path.rstrip("/") + "/") and parent_path.strip("/") != ""


def trap_area(url: str) -> str:
    """The first path segment of `url`, naming where a trap sits ("/calendar/")."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return f"/{segments[0]}/" if segments else "/"


# --------------------------------------------------------------------------- HTML


def sniff_meta_charset(body: bytes) -> str | None:
    """The charset a <meta> tag declares in the first 4 KB, if any."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if canonical in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers do (WHATWG Encoding)
    return canonical


def decode_html(body: bytes, header_encoding: str | None) -> str:
    """Decode HTML bytes: BOM > HTTP header > meta charset > UTF-8, falling back when one fails.

    Bytes that are valid UTF-8 with non-ASCII characters beat a declared single-byte charset
    (a lying header or meta); the last resort is UTF-8 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    candidates: list[str] = []
    for name in (header_encoding, sniff_meta_charset(body)):
        codec = _codec(name)
        if codec and codec not in candidates:
            candidates.append(codec)
    if candidates and candidates[0].startswith(_SINGLE_BYTE) and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for encoding in [*candidates, "utf-8", "cp1252"]:
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


def looks_binary(body: bytes) -> bool:
    """True for bytes no HTML page starts with: NUL bytes, image/archive magic, control soup."""
    if any(body.startswith(bom) for bom, _ in _BOMS):
        return False
    sample = body[:4096]
    if b"\x00" in sample or sample.startswith(_BINARY_MAGIC):
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.1


def looks_like_html(body: bytes) -> bool:
    """Sniff a body without a Content-Type: does it start like an HTML document?"""
    head = decode_html(body[:1024], None).lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<!--")) or any(
        tag in head for tag in ("<html", "<body", "<title", "<div", "<p>", "<a ")
    )


@dataclass(frozen=True)
class PageLinks:
    """What a page links to: absolute normalised URLs in document order, and its canonical."""

    links: tuple[str, ...]
    canonical: str | None = None
    truncated: bool = False


def extract_links(body: bytes, url: str, encoding: str | None = None) -> PageLinks:
    """Links of an HTML page (a, area, meta refresh), resolved against <base href>."""
    root = _parse_html(body, encoding)
    if root is None:
        return PageLinks(())
    base = url
    raw: list[str] = []
    canonical_href: str | None = None
    for element in root.iter("a", "area", "base", "link", "meta"):
        tag = element.tag
        if tag == "base":
            href = element.get("href")
            if href and base is url:
                base = normalize_url(href, url)
        elif tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if "canonical" in rel and canonical_href is None:
                canonical_href = element.get("href")
        elif tag == "meta":
            if (element.get("http-equiv") or "").lower() == "refresh":
                target = _refresh_target(element.get("content") or "")
                if target:
                    raw.append(target)
        else:
            href = element.get("href")
            if href is not None:
                raw.append(href)
        if len(raw) > MAX_LINKS_PER_PAGE * 4:
            break
    links = tuple(dict.fromkeys(normalize_url(href, base) for href in raw if href.strip()))
    canonical = normalize_url(canonical_href, base) if canonical_href else None
    truncated = len(links) > MAX_LINKS_PER_PAGE
    return PageLinks(links[:MAX_LINKS_PER_PAGE], canonical, truncated)


def _refresh_target(content: str) -> str | None:
    match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", content, re.I)
    return match.group(1).strip() if match else None


def _parse_html(body: bytes, encoding: str | None) -> Any:
    """An lxml tree of the page (None for an empty document), always parsed from UTF-8."""
    data = body
    if not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            data = decode_html(body, encoding).encode("utf-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, encoding="utf-8")
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


# --------------------------------------------------------------------------- bodies


class BodyError(Exception):
    """A body could not be read within the limits; the message says which."""


def _decoder(content_encoding: str) -> Any:
    coding = content_encoding.strip().lower()
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        return zlib.decompressobj(wbits=31)
    if coding == "deflate":
        return zlib.decompressobj(wbits=47)  # zlib or gzip header; raw deflate retried below
    raise BodyError(f"unsupported Content-Encoding {coding!r}")


def read_body(
    raw: Any, content_encoding: str, max_bytes: int, deadline: float, truncate: bool = False
) -> tuple[bytes, bool]:
    """Read a streamed body, decompressing it here with every output bounded by `max_bytes`.

    Returns (body, truncated). Over the cap, it stops reading: with `truncate` the start is
    kept, otherwise BodyError. Past `deadline` (time.monotonic) it raises BodyError, which
    is what stops a server that drips one byte a second.
    """
    decoder = _decoder(content_encoding)
    chunks: list[bytes] = []
    total = 0
    raw_deflate_tried = False
    while True:
        if time.monotonic() > deadline:
            raise BodyError("too slow: body not received within the time limit")
        data = raw.read1(65536, decode_content=False)
        if not data:
            break
        while data:
            if decoder is None:
                out, data = data, b""
            else:
                try:
                    out = decoder.decompress(data, max_bytes - total + 1)
                except zlib.error as exc:
                    if content_encoding.strip().lower() == "deflate" and not raw_deflate_tried:
                        raw_deflate_tried = True
                        decoder = zlib.decompressobj(wbits=-15)
                        continue
                    raise BodyError(f"corrupt {content_encoding} body ({exc})") from None
                data = decoder.unconsumed_tail
            total += len(out)
            if total > max_bytes:
                if truncate:
                    chunks.append(out[: len(out) - (total - max_bytes)])
                    return b"".join(chunks), True
                raise BodyError(f"too large: over {max_bytes:,} bytes")
            chunks.append(out)
            if decoder is not None and decoder.eof:
                data = b""
        if decoder is not None and decoder.eof:
            break
    return b"".join(chunks), False


def decompress_bounded(data: bytes, max_bytes: int) -> bytes:
    """Gunzip `data` (a .xml.gz sitemap) without letting it grow past `max_bytes`."""
    decoder = zlib.decompressobj(wbits=47)
    try:
        out = decoder.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise BodyError(f"corrupt gzip data ({exc})") from None
    if len(out) > max_bytes:
        raise BodyError(f"too large: over {max_bytes:,} bytes once decompressed")
    return out


def http_status_text(status: int) -> str:
    """'HTTP 404 Not Found': the standard phrase, never the server's own wording."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def describe_error(exc: BaseException, timeout: float) -> str:
    """One friendly line for a requests/urllib3 failure."""
    text = str(exc)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"connect timeout after {timeout:g} s"
    if isinstance(exc, requests.exceptions.ReadTimeout) or "timed out" in text.lower():
        return f"no answer within {timeout:g} s (read timeout)"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error: certificate not trusted or handshake failed (--insecure skips checks)"
    lowered = text.lower()
    if "reset" in lowered:
        return "connection reset by the server"
    if "refused" in lowered:
        return "connection refused"
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return "host name not found (DNS)"
    if "remote end closed" in lowered or "remotedisconnected" in lowered:
        return "connection closed by the server without a response"
    if isinstance(
        exc, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    ):
        return "connection broken while reading the body"
    return (type(exc).__name__ + ": " + text)[:200]


# --------------------------------------------------------------------------- crawler


@dataclass(frozen=True)
class _Task:
    url: str
    depth: int
    found_on: str | None
    chain: int = 0


@dataclass(frozen=True)
class _Outcome:
    task: _Task
    page: FetchedPage | None  # None when nothing page-like came back (see `decision`)
    decision: str  # "audited", "not HTML: ...", "failed: ...", ...
    hops: tuple[tuple[str, int | None], ...] = ()
    links: PageLinks = PageLinks(())


@dataclass
class _Opened:
    response: requests.Response | None
    final_url: str
    hops: list[tuple[str, int | None]]
    decision: str | None = None  # set when the fetch stopped (why)


class Crawler:
    """Crawl a URL, a folder of HTML or one .html file; iterate to get FetchedPage objects.

    The entry page comes first. `decisions`, `notes`, `status_by_url` and `links_by_url`
    are complete once iteration ends. Decision reasons start with a fixed label ("audited",
    "out of scope", "robots.txt", "page limit", "depth limit", "duplicate", "not HTML",
    "unsafe scheme", "private address", "trap suspected", "failed") and may add ": detail".
    """

    def __init__(self, target: str, settings: CrawlSettings, progress: Progress | None = None):
        self.target = target
        self.settings = settings
        self.progress = progress
        self.decisions: list[CrawlDecision] = []
        self.notes: list[str] = []
        self.status_by_url: dict[str, int | None] = {}
        self.links_by_url: dict[str, tuple[str, ...]] = {}
        self._known: dict[str, str] = {}  # dedupe key -> first-seen URL form
        self._audited_keys: set[str] = set()
        self._frontier: deque[_Task] = deque()
        self._query_variants: dict[str, int] = {}
        self._trap_areas: set[str] = set()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        self._notes_lock = threading.Lock()
        self._root: Path | None = None
        self._single_file = False
        self._aliases: set[str] = set()
        self._entry: _Outcome | None = None
        self._scope_hosts: set[str] = set()
        self._watchdog = Watchdog()
        self._unreachable: dict[str, str] = {}  # origin -> why robots.txt could not be fetched
        self._limiter = HostRateLimiter(1.0 / settings.rate if settings.rate else 0.0)
        try:
            if _is_web_url(target):
                self._init_web(target)
            else:
                self._init_folder(target)
        except BaseException:
            self.close()
            raise

    # ---------------------------------------------------------------- set-up

    def _init_web(self, target: str) -> None:
        self.start_url = normalize_url(target)
        host = urlsplit(self.start_url).hostname or ""
        self.origin = _origin(self.start_url)
        self._site_origin = self.origin  # where the start URL redirects to, once known
        self._scope_hosts = {urlsplit(self.start_url).netloc}
        self._guard = AddressGuard(host, self.settings.allow_private)
        self._robots = RobotsCache(self._fetch_robots, self.settings.user_agent)
        if not self.settings.respect_robots:
            self.notes.append("robots.txt ignored (--ignore-robots)")
        if not self.settings.verify_tls:
            self.notes.append("TLS certificates not verified (--insecure)")
        if self.settings.allow_private:
            self.notes.append("private network addresses allowed (--allow-private)")
        entry = _Task(self.start_url, 0, None)
        self._known[dedupe_key(self.start_url)] = self.start_url
        if self.settings.respect_robots:
            rules = self._robots.rules(self.start_url)
            if self.origin in self._unreachable:  # no second wait for the entry page
                raise TargetError(
                    f"cannot reach {self.start_url}: {self._unreachable[self.origin]}"
                )
            self._apply_crawl_delay(self.start_url)
            if not rules.allowed(self.start_url, self.settings.user_agent):
                self._decide(self.start_url, "robots.txt", None)
                self.notes.append(
                    f"robots.txt disallows the start URL {self.start_url} for "
                    f"{self.settings.user_agent!r}; use --ignore-robots to audit it anyway"
                )
                return
        outcome = self._fetch_web(entry, self._entry_hop_check)
        page = outcome.page
        if page is not None and page.status is None and page.error:
            raise TargetError(f"cannot reach {self.start_url}: {page.error}")
        if page is None and outcome.decision.startswith(("private address", "unsafe scheme")):
            raise TargetError(f"cannot audit {self.start_url}: {outcome.decision}")
        if page is not None and page.final_url:
            self._scope_hosts.add(urlsplit(page.final_url).netloc)
            self._site_origin = _origin(page.final_url)
            if self.settings.respect_robots and _origin(page.final_url) != self.origin:
                self._apply_crawl_delay(page.final_url)
        self._entry = outcome

    def _init_folder(self, target: str) -> None:
        path = Path(target).expanduser()
        if not path.exists():
            hint = ""
            if "." in target and "/" not in target.rstrip("/"):
                hint = f" (did you mean https://{target.rstrip('/')}/ ?)"
            raise TargetError(f"no such URL, folder or file: {target}{hint}")
        if path.is_file():
            if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
                raise TargetError(f"{target} is not an .html file")
            self._root = path.resolve().parent
            self._single_file = True
            entry_file = path.resolve()
        else:
            self._root = path.resolve()
            entry_file = self._folder_entry()
        rel = entry_file.relative_to(self._root).as_posix()
        self.start_url = normalize_url("/" + quote(rel), FOLDER_ORIGIN)
        self.origin = FOLDER_ORIGIN
        self._scope_hosts = {urlsplit(FOLDER_ORIGIN).netloc}
        self._known[dedupe_key(self.start_url)] = self.start_url
        self._entry = self._fetch_file(_Task(self.start_url, 0, None))
        canonical = self._entry.links.canonical
        if canonical and _is_web_url(canonical) and _origin(canonical) != FOLDER_ORIGIN:
            self._aliases.add(_origin(canonical))  # the site's public origin maps to the folder

    def _folder_entry(self) -> Path:
        assert self._root is not None
        for name in INDEX_FILES:
            if (self._root / name).is_file():
                return self._root / name
        pages = self._folder_pages(limit=1)
        if not pages:
            raise TargetError(f"no .html files in folder {self._root}")
        return pages[0]

    def _folder_pages(self, limit: int = FOLDER_MAX_FILES) -> list[Path]:
        assert self._root is not None
        found: list[Path] = []
        for path in sorted(self._root.rglob("*")):
            error_page = path.stem in ERROR_PAGES and path.parent == self._root
            if path.suffix.lower() in (".html", ".htm") and path.is_file() and not error_page:
                found.append(path)
                if len(found) >= limit:
                    break
        return found

    # ---------------------------------------------------------------- the loop

    def __iter__(self) -> Iterator[FetchedPage]:
        """Yield the entry page, then every other audited page (failed ones with .error)."""
        entry, self._entry = self._entry, None
        if entry is None:
            return
        workers = max(1, self.settings.concurrency)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sitekit-crawl")
        inflight: deque[Future[_Outcome]] = deque()
        done = 0
        try:
            page = self._accept(entry, is_entry=True)
            if page is not None:
                done += 1
                self._report_progress(done, page.url, len(inflight))
                yield page
            self._seed()
            while True:
                while (
                    self._frontier
                    and len(inflight) < workers * 2
                    and (done + len(inflight) < self.settings.max_pages)
                ):
                    task = self._frontier.popleft()
                    inflight.append(pool.submit(self._fetch, task))
                if not inflight:
                    break
                outcome = inflight.popleft().result()
                page = self._accept(outcome, is_entry=False)
                if page is not None:
                    done += 1
                    self._report_progress(done, page.url, len(inflight))
                    yield page
            for task in self._frontier:
                self._decide(task.url, "page limit", task.found_on)
            self._frontier.clear()
            for status in pool.map(self._check_link, self._unchecked_links()):
                self.status_by_url.update(status)
        finally:
            for future in inflight:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            self.close()

    def close(self) -> None:
        """Close every HTTP session and stop the watchdog (done when iteration ends)."""
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        self._watchdog.close()

    def _unchecked_links(self) -> list[str]:
        """Internal link targets on audited pages that got no status (page limit, files)."""
        if self._root is not None:
            return []  # folder mode checks every link target's file as it finds it
        checkable = {
            d.url
            for d in self.decisions
            if d.reason in ("page limit", "depth limit") or d.reason.startswith("not HTML: .")
        }
        unchecked = [
            link
            for links in self.links_by_url.values()
            for link in links
            if link in checkable and link not in self.status_by_url
        ]
        return list(dict.fromkeys(unchecked))[: max(50, 2 * self.settings.max_pages)]

    def _check_link(self, url: str) -> dict[str, int | None]:
        """HEAD one link target (GET when HEAD is refused) for the broken-links check."""
        statuses: dict[str, int | None] = {}
        if self.settings.respect_robots and not self._robots.allowed(url):
            return statuses
        for method in ("HEAD", "GET"):
            opened = self._open(url, self._page_hop_check, method)
            if opened.response is not None:
                opened.response.close()
            if not opened.hops:
                return statuses
            statuses.update(opened.hops)
            statuses[url] = opened.hops[-1][1]  # where the link really ends up
            if statuses[url] not in (405, 501):
                break
        return statuses

    def _report_progress(self, done: int, url: str, inflight: int) -> None:
        if self.progress is not None:
            self.progress(done, len(self._frontier) + inflight, self._display(url))

    def _seed(self) -> None:
        """After the entry page: the folder's other pages, or the sitemaps' URLs."""
        if self._single_file:
            return
        if self._root is not None:
            for path in self._folder_pages():
                rel = path.relative_to(self._root).as_posix()
                self._discover(normalize_url("/" + quote(rel), FOLDER_ORIGIN), "(folder)", 0, 0)
            return
        if self.settings.use_sitemaps:
            for url in self._sitemap_urls():
                self._discover(url, "(sitemap)", 0, 0)

    def _accept(self, outcome: _Outcome, is_entry: bool) -> FetchedPage | None:
        """Record an outcome; return the page to yield (None: not HTML, duplicate, ...)."""
        for url, status in outcome.hops:
            self.status_by_url[self._display(url)] = status
        if outcome.hops:  # a link is as good as where its redirects end
            self.status_by_url[self._display(outcome.task.url)] = outcome.hops[-1][1]
        task, page = outcome.task, outcome.page
        if page is None:
            self._decide(task.url, outcome.decision, task.found_on)
            return None
        final_key = dedupe_key(page.final_url)
        task_key = dedupe_key(task.url)
        if not is_entry and (final_key in self._audited_keys or task_key in self._audited_keys):
            self._decide(
                task.url, f"duplicate: redirects to {self._display(page.final_url)}", task.found_on
            )
            return None
        canonical = outcome.links.canonical
        if not is_entry and canonical and _is_web_url(canonical):
            canonical = self._in_folder(canonical)
            canonical_key = dedupe_key(canonical)
            if canonical_key not in (final_key, task_key):
                if canonical_key in self._audited_keys or canonical_key in self._known:
                    self._decide(
                        task.url,
                        f"duplicate: canonical is {self._display(canonical)}",
                        task.found_on,
                    )
                    return None
                self._known[canonical_key] = canonical
        self._audited_keys.update({task_key, final_key})
        self._known.setdefault(final_key, page.final_url)
        self._decide(task.url, outcome.decision, task.found_on, audited=page.body is not None)
        if page.body is not None:
            self._follow(page, task, outcome.links)
        return replace(page, url=self._display(page.url), final_url=self._display(page.final_url))

    def _follow(self, page: FetchedPage, task: _Task, links: PageLinks) -> None:
        if links.truncated:
            self._note(
                f"{self._display(page.url)} has over {MAX_LINKS_PER_PAGE:,} links; "
                f"only the first {MAX_LINKS_PER_PAGE:,} were considered"
            )
        internal: list[str] = []
        for link in links.links:
            link = self._in_folder(link)
            target = self._discover(link, page.final_url, task.depth + 1, task.chain, page.url)
            if target is not None:
                internal.append(self._display(target))
        self.links_by_url[self._display(page.url)] = tuple(dict.fromkeys(internal))

    def _discover(
        self, url: str, found_on: str, depth: int, parent_chain: int, parent: str | None = None
    ) -> str | None:
        """Consider one found URL: dedupe, scope, robots, traps, limits; queue it or record why.

        Returns the URL's known form when it is internal (for links_by_url), else None.
        """
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
        if scheme not in WEB_SCHEMES:
            if scheme in NOT_PAGE_SCHEMES:  # contact links: recorded, read by the snapshot
                self._decide_once(url, f"not HTML: {scheme}: link, not crawled", found_on)
                return None
            label = f"{scheme}:" if scheme else url[:40]
            self._decide_once(url, f"unsafe scheme: {label} not followed", found_on)
            return None
        key = dedupe_key(url)
        if key in self._known:
            known = self._known[key]
            return known if self._in_scope_host(known) else None
        self._known[key] = url
        if not self._in_scope_host(url):
            host = urlsplit(url).hostname or ""
            if self._root is None and _is_ip_or_localhost(host):
                verdict = self._guard.check(host)
                if verdict:
                    self._decide(url, verdict, found_on)
                    return None
            self._decide(url, "out of scope: another site", found_on)
            return None
        self._check_status_in_folder(url)
        if self._single_file:
            self._decide(url, "out of scope: only the given file is audited", found_on)
            return url
        parent_url = None if found_on.startswith("(") else parent
        reason = self._scope_reason(url, depth)
        if reason is None:
            reason, chain = self._trap_reason(url, parent_url, parent_chain)
        else:
            chain = 0
        if reason is not None:
            self._decide(url, reason, found_on)
            return url
        self._frontier.append(_Task(url, depth, found_on, chain))
        return url

    def _scope_reason(self, url: str, depth: int) -> str | None:
        settings = self.settings
        for pattern in settings.exclude:
            if matches_pattern(url, pattern):
                return f"out of scope: excluded by {pattern}"
        if settings.include and not any(matches_pattern(url, p) for p in settings.include):
            return "out of scope: not matched by --include"
        if _extension(url) in NOT_HTML_EXTENSIONS:
            return f"not HTML: {_extension(url)} file"
        if settings.max_depth is not None and depth > settings.max_depth:
            return "depth limit"
        if self._root is None and settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def _trap_reason(
        self, url: str, parent: str | None, parent_chain: int
    ) -> tuple[str | None, int]:
        pattern = trap_pattern(url)
        chain = parent_chain + 1 if chain_step(url, parent) else 0
        if pattern is None and chain > TRAP_CHAIN:
            pattern = "ever-growing URLs"
        parts = urlsplit(url)
        if pattern is None and parts.query:
            variants = self._query_variants.get(parts.path, 0) + 1
            self._query_variants[parts.path] = variants
            if variants > TRAP_QUERY_VARIANTS:
                pattern = "the same page under ever-new query strings (session ids?)"
        if pattern is None:
            return None, chain
        area = trap_area(url)
        if area not in self._trap_areas:
            self._trap_areas.add(area)
            self._note(f"possible crawler trap at {area} ({pattern}); not followed further")
        return f"trap suspected: {pattern}", chain

    def _in_scope_host(self, url: str) -> bool:
        return urlsplit(url).netloc in self._scope_hosts

    def _in_folder(self, url: str) -> str:
        """In folder mode, map a link to the site's public origin onto the folder."""
        if self._aliases and _origin(url) in self._aliases:
            parts = urlsplit(url)
            return normalize_url(urlunsplit(("", "", parts.path, parts.query, "")), FOLDER_ORIGIN)
        return url

    def _display(self, url: str) -> str:
        """URLs as reported: folder pages as site paths ("/pricing/")."""
        if self._root is not None and url.startswith(FOLDER_ORIGIN):
            return url[len(FOLDER_ORIGIN) :] or "/"
        return url

    def _decide(self, url: str, reason: str, found_on: str | None, audited: bool = False) -> None:
        shown_found_on = self._display(found_on) if found_on else None
        self.decisions.append(CrawlDecision(self._display(url), audited, reason, shown_found_on))

    def _decide_once(self, url: str, reason: str, found_on: str) -> None:
        key = "unsafe:" + url[:200]
        if key not in self._known:
            self._known[key] = url
            self._decide(url[:200], reason, found_on)

    def _note(self, note: str) -> None:
        with self._notes_lock:
            if note not in self.notes:
                self.notes.append(note)

    # ---------------------------------------------------------------- fetching

    def _fetch(self, task: _Task) -> _Outcome:
        return self._fetch_file(task) if self._root is not None else self._fetch_web(task)

    def _fetch_file(self, task: _Task) -> _Outcome:
        """Folder mode: read the file a site URL maps to."""
        started = time.perf_counter()
        file, problem = self._file_for(task.url)
        if file is None:
            status = 404 if problem is None else 403
            error = problem or f"not found in the folder ({self._display(task.url)})"
            page = FetchedPage(task.url, task.url, status, error=error, depth=task.depth)
            return _Outcome(task, page, f"failed: {error}", ((task.url, status),))
        hops = ((task.url, 200),)
        if file.suffix.lower() not in (".html", ".htm", ".xhtml"):
            kind = mimetypes.guess_type(file.name)[0] or "unknown type"
            return _Outcome(task, None, f"not HTML: {kind}", hops)
        size = file.stat().st_size
        if size > self.settings.max_bytes:
            error = f"too large: over {self.settings.max_bytes:,} bytes"
            page = FetchedPage(task.url, task.url, 200, "text/html", error=error, depth=task.depth)
            return _Outcome(task, page, f"failed: {error}", hops)
        body = file.read_bytes()
        page = FetchedPage(
            task.url, task.url, 200, "text/html", body, None, task.depth,
            elapsed=time.perf_counter() - started, source_path=str(file),
        )  # fmt: skip
        return _Outcome(task, page, "audited", hops, extract_links(body, task.url))

    def _file_for(self, url: str) -> tuple[Path | None, str | None]:
        assert self._root is not None
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

    def _check_status_in_folder(self, url: str) -> None:
        """Folder mode: every internal link target gets a status (200/404) without reading it."""
        if self._root is None:
            return
        file, problem = self._file_for(url)
        self.status_by_url[self._display(url)] = 200 if file else (403 if problem else 404)

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.trust_env = False  # no proxies or .netrc from the environment
            if not self.settings.verify_tls:  # --insecure is stated once in the notes instead
                urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            session.headers.clear()
            session.headers.update(
                {
                    "User-Agent": self.settings.user_agent,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "gzip, deflate",
                }
            )
            adapter = WatchedAdapter(pool_connections=8, pool_maxsize=8)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _request(
        self, url: str, method: str = "GET"
    ) -> tuple[requests.Response | None, str | None]:
        """One GET with retries on 429/503 and dropped connections; (response, error)."""
        settings = self.settings
        host = urlsplit(url).netloc
        own_site = host in self._scope_hosts
        attempt = 0
        while True:
            attempt += 1
            self._limiter.wait(host)
            session = self._session()
            self._watchdog.arm(settings.max_page_seconds)
            try:
                response = session.request(
                    method,
                    url,
                    stream=True,
                    allow_redirects=False,
                    timeout=(settings.timeout, settings.timeout),
                    verify=settings.verify_tls,
                    headers=dict(settings.headers) if own_site else None,
                    cookies=dict(settings.cookies) if own_site else None,
                    auth=settings.auth if own_site else None,
                )
            except requests.exceptions.RequestException as exc:
                if self._watchdog.disarm():
                    return None, "too slow: no response within the time limit"
                if isinstance(exc, requests.exceptions.Timeout):
                    return None, describe_error(exc, settings.timeout)
                if attempt > settings.retries or isinstance(exc, requests.exceptions.SSLError):
                    return None, describe_error(exc, settings.timeout)
                time.sleep(min(settings.max_retry_after, 0.2 * attempt))
                continue
            self._watchdog.disarm()
            if response.status_code not in (429, 503) or attempt > settings.retries:
                return response, None
            wait = retry_delay(
                attempt,
                parse_retry_after(response.headers.get("Retry-After")),
                settings.max_retry_after,
            )
            if wait is None:
                return response, (
                    f"HTTP {response.status_code}; Retry-After "
                    f"{response.headers.get('Retry-After')!r} is over the "
                    f"{settings.max_retry_after:g} s limit"
                )
            response.close()
            time.sleep(wait)

    def _open(
        self, url: str, hop_check: Callable[[str], str | None], method: str = "GET"
    ) -> _Opened:
        """GET `url`, following redirects by hand within the limits; the response stays open."""
        hops: list[tuple[str, int | None]] = []
        chain = [url]
        current = url
        for hop in range(self.settings.max_redirects + 1):
            verdict = self._guard.check(urlsplit(current).hostname or "")
            if verdict:
                return _Opened(None, current, hops, verdict)
            if hop > 0:
                reason = hop_check(current)
                if reason:
                    return _Opened(None, current, hops, f"{reason} (redirected to {current})")
            response, error = self._request(current, method)
            if response is None:
                hops.append((current, None))
                return _Opened(None, current, hops, f"failed: {error}")
            hops.append((current, response.status_code))
            if error:
                response.close()
                return _Opened(None, current, hops, f"failed: {error}")
            location = response.headers.get("Location")
            if not (300 <= response.status_code < 400 and location):
                return _Opened(response, current, hops)
            response.close()
            target = normalize_url(location, current)
            scheme = urlsplit(target).scheme.lower() if ":" in target else ""
            if scheme not in WEB_SCHEMES:
                return _Opened(None, current, hops, f"unsafe scheme: redirect to {scheme}: refused")
            if target in chain:
                return _Opened(None, current, hops, "failed: redirect loop")
            chain.append(target)
            current = target
        return _Opened(
            None, current, hops, f"failed: too many redirects (over {self.settings.max_redirects})"
        )

    def _page_hop_check(self, url: str) -> str | None:
        if not self._in_scope_host(url):
            return "out of scope"
        if self.settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def _entry_hop_check(self, url: str) -> str | None:
        """The start URL may redirect to another host (example.com -> www.example.com)."""
        if self.settings.respect_robots and not self._robots.allowed(url):
            return "robots.txt"
        return None

    def _fetch_web(
        self, task: _Task, hop_check: Callable[[str], str | None] | None = None
    ) -> _Outcome:
        """Fetch one page: redirects, status, type, bounded body, links."""
        started = time.perf_counter()
        opened = self._open(task.url, hop_check or self._page_hop_check)
        hops = tuple(opened.hops)

        def failed(error: str, status: int | None, ctype: str = "") -> _Outcome:
            page = FetchedPage(
                task.url,
                opened.final_url,
                status,
                ctype,
                error=error,
                depth=task.depth,
                elapsed=time.perf_counter() - started,
            )
            return _Outcome(task, page, f"failed: {error}", hops)

        response = opened.response
        if response is None:
            decision = opened.decision or "failed"
            if decision.startswith("failed: "):
                return failed(decision[len("failed: ") :], hops[-1][1] if hops else None)
            return _Outcome(task, None, decision, hops)
        try:
            status = response.status_code
            ctype_header = response.headers.get("Content-Type", "")
            media_type = ctype_header.split(";", 1)[0].strip().lower()
            if status >= 400:
                return failed(http_status_text(status), status, media_type)
            if not 200 <= status < 300:
                return failed(f"HTTP {status} without a page", status, media_type)
            if media_type and media_type not in HTML_TYPES:
                return _Outcome(task, None, f"not HTML: {media_type}", hops)
            length = response.headers.get("Content-Length", "")
            encoded = response.headers.get("Content-Encoding", "")
            if length.isdigit() and int(length) > self.settings.max_bytes and not encoded:
                return failed(f"too large: over {self.settings.max_bytes:,} bytes", status)
            deadline = time.monotonic() + self.settings.max_page_seconds
            try:
                body, _ = read_body(response.raw, encoded, self.settings.max_bytes, deadline)
            except BodyError as exc:
                return failed(str(exc), status, media_type)
            except Exception as exc:  # a broken connection mid-body, whatever its type
                return failed(describe_error(exc, self.settings.timeout), status, media_type)
        finally:
            response.close()
        if looks_binary(body):
            return _Outcome(
                task, None, f"not HTML: binary content served as {media_type or 'HTML'}", hops
            )
        if not media_type and not looks_like_html(body):
            return _Outcome(task, None, "not HTML: no Content-Type and not HTML-like", hops)
        encoding = response.encoding if "charset" in ctype_header.lower() else None
        page = FetchedPage(
            task.url, opened.final_url, status, media_type or "text/html", body, encoding,
            task.depth, elapsed=time.perf_counter() - started,
        )  # fmt: skip
        return _Outcome(
            task, page, "audited", hops, extract_links(body, opened.final_url, encoding)
        )

    def _fetch_resource(self, url: str, max_bytes: int, truncate: bool) -> RobotsResponse:
        """GET robots.txt or a sitemap: bounded, guarded, redirects within the same limits."""
        opened = self._open(url, lambda _u: None)
        response = opened.response
        if response is None:
            status = opened.hops[-1][1] if opened.hops else None
            return RobotsResponse(status, error=opened.decision)
        try:
            if response.status_code >= 300:
                return RobotsResponse(response.status_code)
            deadline = time.monotonic() + self.settings.max_page_seconds
            encoded = response.headers.get("Content-Encoding", "")
            body, truncated = read_body(response.raw, encoded, max_bytes, deadline, truncate)
            ctype = response.headers.get("Content-Type", "")
            return RobotsResponse(response.status_code, ctype, body, None, truncated)
        except BodyError as exc:
            return RobotsResponse(None, error=str(exc))
        except Exception as exc:  # a broken connection is just an unavailable file
            return RobotsResponse(None, error=describe_error(exc, self.settings.timeout))
        finally:
            response.close()

    def _fetch_robots(self, url: str) -> RobotsResponse:
        response = self._fetch_resource(url, ROBOTS_MAX_BYTES, truncate=True)
        error = response.error or ""
        if response.status is None and error.startswith(_UNREACHABLE):
            self._unreachable[_origin(url)] = error.removeprefix("failed: ")
        return response

    def _apply_crawl_delay(self, url: str) -> None:
        rules = self._robots.rules(url)
        if rules.note:
            self._note(rules.note)
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay and delay > 0:
            cap = self.settings.max_retry_after
            if delay > cap:
                self._note(f"robots.txt Crawl-delay {delay:g} s capped at {cap:g} s")
            self._limiter.set_interval(urlsplit(url).netloc, min(delay, cap))

    # ---------------------------------------------------------------- sitemaps

    def _sitemap_urls(self) -> list[str]:
        """Page URLs from sitemaps (robots.txt's, else /sitemap.xml), indexes and .gz included."""
        origins = list(dict.fromkeys([self.origin, self._site_origin]))
        queue: deque[str] = deque()
        if self.settings.respect_robots:
            for origin in origins:
                robots_url = f"{origin}/robots.txt"
                listed = self._robots.rules(robots_url).sitemaps()
                queue.extend(normalize_url(u, robots_url) for u in listed)
        explicit = bool(queue)
        queue = queue or deque([f"{self._site_origin}/sitemap.xml"])
        limit = max(1000, 4 * self.settings.max_pages)
        seen: set[str] = set()
        pages: list[str] = []
        budget = time.monotonic() + 2 * self.settings.max_page_seconds
        while queue and len(seen) < SITEMAP_MAX_FILES and len(pages) < limit:
            if time.monotonic() > budget:
                self._note(f"sitemaps: stopped after {2 * self.settings.max_page_seconds:g} s")
                break
            sitemap = queue.popleft()
            if sitemap in seen or not _is_web_url(sitemap):
                continue
            if not self._in_scope_host(sitemap):
                self._note(f"sitemap {sitemap} is on another site; not read")
                continue
            seen.add(sitemap)
            response = self._fetch_resource(sitemap, SITEMAP_MAX_BYTES, truncate=False)
            if response.status != 200 or response.error:
                if explicit or response.status not in (404, 410):
                    why = response.error or f"HTTP {response.status}"
                    self._note(f"sitemap {sitemap} not used: {why}")
                continue
            try:
                data = response.body
                if data.startswith(b"\x1f\x8b"):
                    data = decompress_bounded(data, SITEMAP_MAX_BYTES)
                children, urls = parse_sitemap(data)
            except BodyError as exc:
                self._note(f"sitemap {sitemap} not used: {exc}")
                continue
            queue.extend(normalize_url(u, sitemap) for u in children)
            pages.extend(normalize_url(u, sitemap) for u in urls)
        if queue and len(seen) >= SITEMAP_MAX_FILES:
            self._note(f"only the first {SITEMAP_MAX_FILES} sitemap files were read")
        if len(pages) > limit:
            self._note(f"only the first {limit:,} sitemap URLs were considered")
        return pages[:limit]


def parse_sitemap(data: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index; entities never resolved."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return [], []
    if root is None:
        return [], []
    children: list[str] = []
    pages: list[str] = []
    for loc in root.iter("{*}loc"):
        text = (loc.text or "").strip()
        if not text:
            continue
        parent = loc.getparent()
        tag = etree.QName(parent).localname if parent is not None else ""
        (children if tag == "sitemap" else pages).append(text)
    return children, pages


def _is_web_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _is_ip_or_localhost(host: str) -> bool:
    """True for hosts that need no DNS to judge: IP literals and localhost names."""
    lowered = host.lower().strip("[]")
    if lowered in ("localhost", "localhost.localdomain") or lowered.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(lowered)
    except ValueError:
        return False
    return True
