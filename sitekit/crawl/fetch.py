"""Bounded HTTP fetching: sessions, retries, redirects by hand, capped and timed bodies."""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3

from sitekit.crawl.netsafe import AddressGuard, Watchdog, WatchedAdapter
from sitekit.crawl.polite import HostRateLimiter, RobotsResponse, parse_retry_after, retry_delay
from sitekit.crawl.prepared import RequestTemplate
from sitekit.crawl.settings import CrawlSettings
from sitekit.crawl.urls import WEB_SCHEMES, normalize_url, split_url


class BodyError(Exception):
    """A body could not be read within the limits; the message says which."""


def _decoder(content_encoding: str) -> Any:
    """A zlib decompressor for a Content-Encoding (None for identity)."""
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


@dataclass
class Opened:
    """A request after its redirects: the open response (None when it stopped) and each hop."""

    response: requests.Response | None
    final_url: str
    hops: list[tuple[str, int | None]]
    decision: str | None = None  # set when the fetch stopped (why)


class Fetcher:
    """HTTP for one crawl: a session per thread, retries, redirects by hand, guarded hosts.

    Headers, cookies and auth from the settings are sent only to `own_hosts`, the set of
    hosts the crawler counts as the site (it adds the start URL's redirect target later).
    """

    def __init__(
        self,
        settings: CrawlSettings,
        guard: AddressGuard,
        limiter: HostRateLimiter,
        own_hosts: set[str],
    ) -> None:
        self.settings = settings
        self._guard = guard
        self._limiter = limiter
        self._own_hosts = own_hosts
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        self._watchdog = Watchdog()

    def close(self) -> None:
        """Close every HTTP session and stop the watchdog."""
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        self._watchdog.close()

    def _session(self) -> requests.Session:
        """This thread's requests.Session, made on first use with the crawl's headers."""
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
            adapter = WatchedAdapter(
                pool_connections=8, pool_maxsize=8, pin=self._guard.pinned_addresses
            )
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
            self._local.templates = {}
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _template(self, session: requests.Session, method: str, own_site: bool) -> RequestTemplate:
        """This thread's template for `method` requests to the site (its headers, cookies and
        auth) or elsewhere, made on first use (an invalid header raises, as a request would)."""
        templates: dict[tuple[str, bool], RequestTemplate] = self._local.templates
        template = templates.get((method, own_site))
        if template is None:
            settings = self.settings
            template = RequestTemplate(
                session,
                method,
                dict(settings.headers) if own_site else None,
                dict(settings.cookies) if own_site else None,
                settings.auth if own_site else None,
                settings.verify_tls,
            )
            templates[method, own_site] = template
        return template

    def _request(
        self, url: str, method: str = "GET"
    ) -> tuple[requests.Response | None, str | None]:
        """One GET with retries on 429/503 and dropped connections; (response, error)."""
        settings = self.settings
        host = split_url(url).netloc
        own_site = host in self._own_hosts
        attempt = 0
        while True:
            attempt += 1
            self._limiter.wait(host)
            session = self._session()
            self._watchdog.arm(settings.max_page_seconds)
            try:
                template = self._template(session, method, own_site)
                response = template.send(url, (settings.timeout, settings.timeout))
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

    def open(self, url: str, hop_check: Callable[[str], str | None], method: str = "GET") -> Opened:
        """GET `url`, following redirects by hand within the limits; the response stays open."""
        hops: list[tuple[str, int | None]] = []
        chain = [url]
        current = url
        for hop in range(self.settings.max_redirects + 1):
            verdict = self._guard.check(split_url(current).hostname or "")
            if verdict:
                return Opened(None, current, hops, verdict)
            if hop > 0:
                reason = hop_check(current)
                if reason:
                    return Opened(None, current, hops, f"{reason} (redirected to {current})")
            response, error = self._request(current, method)
            if response is None:
                hops.append((current, None))
                return Opened(None, current, hops, f"failed: {error}")
            hops.append((current, response.status_code))
            if error:
                response.close()
                return Opened(None, current, hops, f"failed: {error}")
            location = response.headers.get("Location")
            if not (300 <= response.status_code < 400 and location):
                return Opened(response, current, hops)
            response.close()
            target = normalize_url(location, current)
            scheme = urlsplit(target).scheme.lower() if ":" in target else ""
            if scheme not in WEB_SCHEMES:
                return Opened(None, current, hops, f"unsafe scheme: redirect to {scheme}: refused")
            if target in chain:
                return Opened(None, current, hops, "failed: redirect loop")
            chain.append(target)
            current = target
        return Opened(
            None, current, hops, f"failed: too many redirects (over {self.settings.max_redirects})"
        )

    def fetch_resource(self, url: str, max_bytes: int, truncate: bool) -> RobotsResponse:
        """GET robots.txt or a sitemap: bounded, guarded, redirects within the same limits."""
        opened = self.open(url, lambda _u: None)
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
