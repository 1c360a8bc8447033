"""URL hygiene: normalisation, dedupe keys, scope patterns, and the URL shapes of crawler traps."""

from __future__ import annotations

import fnmatch
import ipaddress
import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

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
MAX_PATH_SEGMENTS = 20  # deeper paths are an ever-growing-path trap
TRAP_CHAIN = 8  # pages in a row that only change a number/date or grow the path
TRAP_QUERY_VARIANTS = 12  # distinct query strings on one path before it is called a trap
_DIGITS = re.compile(r"\d+")
_CONTROLS = re.compile(r"[\t\n\r]")


# urllib.parse remembers only the last 128 URLs it split; a crawl asks about the same URLs
# again and again (every page's links: each one's scheme and scope): this keeps the split of
# the 512 most recent (the same immutable SplitResult urlsplit returns; ~0.5 KB each, so
# not more: a site's header, footer and menu links stay in it, and at 2,048 the main process
# of a 5,000-page audit grew by ~1 MB for it).
split_url = lru_cache(maxsize=512, typed=True)(urlsplit)


# A plain http(s) URL's netloc as urlsplit reads it: a lowercase scheme, then ASCII host
# characters (no brackets, whitespace or controls) up to '/', '?', '#' or the end.
_PLAIN_NETLOC = re.compile(r"https?://([\w.:@~%!$&'()*+,;=-]*)(?=[/?#]|\Z)", re.ASCII)


def url_netloc(url: str) -> str:
    """`split_url(url).netloc`, read without splitting a plain http(s) URL (a crawl asks
    whether each of a page's links is on the site, and most are not in the split memo)."""
    plain = _PLAIN_NETLOC.match(url)
    return plain.group(1) if plain is not None else split_url(url).netloc


def _strip_controls(url: str) -> str:
    """`url` without tabs and line breaks (browsers drop them from URLs)."""
    return _CONTROLS.sub("", url) if "\t" in url or "\n" in url or "\r" in url else url


# --------------------------------------------------------------------------- URLs


def normalize_url(url: str, base: str | None = None) -> str:
    """The canonical form of `url` (resolved against `base`) for http(s) URLs.

    Fragments and tracking parameters go, scheme and host are lowercased, default ports
    dropped, dot segments resolved, `index.html` folded into its folder, the query sorted.
    Other schemes (mailto:, javascript:, ...) come back resolved but otherwise untouched.
    """
    url = _strip_controls(url).strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return url
    return _normalize_absolute(url)


def link_resolver(base: str) -> Callable[[str], str]:
    """`normalize_url(href, base)` for the hrefs of one page, faster for the common ones.

    A root-relative href ('/pricing/', not '//host/...') resolves against an http(s) base
    through the base's scheme and host alone (urljoin reads nothing else of it then), so its
    form is remembered per origin (the 512 most recent hrefs): the pages of a site repeat
    their header, footer and menu links, and urljoin (~5 us) is most of what normalising a
    link costs.
    """
    try:
        parts = split_url(base)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in WEB_SCHEMES or not parts.netloc:
        return lambda href: normalize_url(href, base)
    origin = f"{parts.scheme}://{parts.netloc}/"

    def resolve(href: str) -> str:
        cleaned = _strip_controls(href).strip()
        if cleaned[:1] == "/" and cleaned[1:2] != "/":
            return _normalize_rooted(cleaned, origin)
        return normalize_url(href, base)

    return resolve


# A root-relative href of plain path segments ('/services/leak-repair/'): no dot segments,
# empty segments, query, fragment, parameters or characters to quote, so urljoin and the
# normal form keep it as it is after the origin's own normal form.
_PLAIN_ROOTED = re.compile(r"(?:/[A-Za-z0-9_~-]+)*/?")


@lru_cache(maxsize=512)  # a site's chrome links; 4,096 held ~2 MB at 5,000 pages
def _normalize_rooted(href: str, origin: str) -> str:
    """`normalize_url` of a root-relative href against any base on `origin`."""
    if _PLAIN_ROOTED.fullmatch(href):
        return _normalize_absolute(origin)[:-1] + href  # the origin's form ends with '/'
    return normalize_url(href, origin)


# Pages of one site link to the same URLs again and again (the header, the footer, each other):
# the form of a resolved URL is remembered for recent ones, so a crawl normalises each once.
@lru_cache(maxsize=8192)
def _normalize_absolute(url: str) -> str:
    """`normalize_url` of a URL already resolved against its base."""
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
    """The path with dot segments resolved, index files folded, unsafe bytes quoted."""
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
    """The query without tracking parameters, sorted by key and value."""
    if not query:
        return ""
    pairs = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    ]
    return urlencode(sorted(pairs), quote_via=quote)


@lru_cache(maxsize=8192)
def dedupe_key(url: str) -> str:
    """The identity of a normalised URL: trailing-slash variants are the same page."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.replace("https", "http"), parts.netloc, path, parts.query, ""))


def url_path(url: str) -> str:
    """Path plus query of a URL, for pattern matching and messages."""
    parts = split_url(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def matches_pattern(url: str, pattern: str) -> bool:
    """A glob matched against the full URL or its path; no wildcard means a path prefix."""
    path = url_path(url)
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(url, pattern) or fnmatch.fnmatchcase(path, pattern)
    return path.startswith(pattern) or url.startswith(pattern)


def url_extension(url: str) -> str:
    """The lowercased file extension of a URL's last path segment ('' if none)."""
    last = split_url(url).path.rsplit("/", 1)[-1]
    return posixpath.splitext(last)[1].lower()


# --------------------------------------------------------------------------- traps


def path_shape(url: str) -> str:
    """A URL with every run of digits replaced by 0 and query values dropped."""
    parts = split_url(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return _DIGITS.sub("0", parts.path) + ("?" + "&".join(keys) if keys else "")


def trap_pattern(url: str) -> str | None:
    """Why `url` alone looks like a crawler trap (too deep, repeated segments), or None."""
    segments = [s for s in split_url(url).path.split("/") if s]
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
    child_path, parent_path = split_url(url).path, split_url(parent).path
    return child_path.startswith(parent_path.rstrip("/") + "/") and parent_path.strip("/") != ""


def trap_area(url: str) -> str:
    """The first path segment of `url`, naming where a trap sits ("/calendar/")."""
    segments = [s for s in split_url(url).path.split("/") if s]
    return f"/{segments[0]}/" if segments else "/"


def is_web_url(text: str) -> bool:
    """True for text that starts with http:// or https://."""
    return text.lower().startswith(("http://", "https://"))


def url_origin(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parts = split_url(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_ip_or_localhost(host: str) -> bool:
    """True for hosts that need no DNS to judge: IP literals and localhost names."""
    lowered = host.lower().strip("[]")
    if lowered in ("localhost", "localhost.localdomain") or lowered.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(lowered)
    except ValueError:
        return False
    return True
