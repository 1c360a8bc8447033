"""Politeness: robots.txt (cached per origin), Crawl-delay, per-host rate limits, Retry-After."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

ROBOTS_MAX_BYTES = 500_000  # what Google reads of a robots.txt (RFC 9309 asks for >= 500 KiB)


@dataclass(frozen=True)
class RobotsResponse:
    """What fetching /robots.txt gave: a status (None when unreachable), a type and a body."""

    status: int | None
    content_type: str = ""
    body: bytes = b""
    error: str | None = None
    truncated: bool = False


RobotsFetcher = Callable[[str], RobotsResponse]


@dataclass(frozen=True)
class RobotsRules:
    """One origin's robots.txt, parsed; `parser` is None when everything is allowed."""

    origin: str
    parser: Protego | None
    note: str | None = None  # why the file was not used as-is, for the report

    def allowed(self, url: str, user_agent: str) -> bool:
        return self.parser is None or bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> tuple[str, ...]:
        return () if self.parser is None else tuple(self.parser.sitemaps)


def origin_of(url: str) -> str:
    """'https://example.com:8443' for any URL on that origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def parse_robots(origin: str, response: RobotsResponse) -> RobotsRules:
    """Turn a fetched robots.txt into rules: 4xx allows all, HTML is ignored, size is capped."""
    robots_url = f"{origin}/robots.txt"
    if response.status is None or response.status >= 500:
        why = response.error or f"HTTP {response.status}"
        return RobotsRules(origin, None, f"{robots_url} unavailable ({why}); crawled as allowed")
    if response.status >= 400:
        return RobotsRules(origin, None)  # no robots.txt: everything is allowed
    if response.status >= 300:
        return RobotsRules(origin, None, f"{robots_url} redirected too often; crawled as allowed")
    text = response.body.decode("utf-8", errors="replace")
    if "html" in response.content_type.lower() or text.lstrip()[:1] == "<":
        return RobotsRules(origin, None, f"{robots_url} is an HTML page, not robots rules; ignored")
    try:
        parser = Protego.parse(text)
    except Exception as exc:  # protego raises on some malformed input; a bad file allows all
        return RobotsRules(origin, None, f"{robots_url} could not be parsed ({exc}); ignored")
    note = None
    if response.truncated:
        note = f"{robots_url} is over {ROBOTS_MAX_BYTES:,} bytes; only the start was read"
    return RobotsRules(origin, parser, note)


class RobotsCache:
    """robots.txt rules per origin, fetched once each (thread-safe)."""

    def __init__(self, fetch: RobotsFetcher, user_agent: str) -> None:
        self._fetch = fetch
        self._user_agent = user_agent
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        """The rules of the origin of `url`, fetching its robots.txt on first use."""
        origin = origin_of(url)
        with self._guard:
            if origin in self._rules:
                return self._rules[origin]
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            with self._guard:
                if origin in self._rules:
                    return self._rules[origin]
            rules = parse_robots(origin, self._fetch(f"{origin}/robots.txt"))
            with self._guard:
                self._rules[origin] = rules
            return rules

    def allowed(self, url: str) -> bool:
        return self.rules(url).allowed(url, self._user_agent)

    def known(self) -> tuple[RobotsRules, ...]:
        """Every origin's rules fetched so far, in the order they were first asked for."""
        with self._guard:
            return tuple(self._rules.values())


class HostRateLimiter:
    """Spaces requests to the same host at least `interval` seconds apart (thread-safe).

    Each caller reserves the next free slot under a lock, then sleeps outside it, so
    concurrent workers queue up in order instead of polling.
    """

    def __init__(self, default_interval: float = 0.0) -> None:
        self._default = default_interval
        self._intervals: dict[str, float] = {}
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_interval(self, host: str, seconds: float) -> None:
        """Use at least `seconds` between requests to `host` (keeps the larger of two)."""
        with self._lock:
            self._intervals[host] = max(seconds, self._intervals.get(host, self._default))

    def interval(self, host: str) -> float:
        with self._lock:
            return self._intervals.get(host, self._default)

    def wait(self, host: str) -> float:
        """Block until `host` may be requested again; returns the seconds slept."""
        with self._lock:
            interval = self._intervals.get(host, self._default)
            if interval <= 0:
                return 0.0
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + interval
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
        return delay


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def retry_delay(attempt: int, retry_after: float | None, cap: float) -> float | None:
    """How long to wait before retry number `attempt` (1-based); None when over `cap`.

    Without Retry-After the wait doubles from 0.5 s; a Retry-After beyond `cap` is not
    waited for at all (the page is recorded as failed instead of stalling the crawl).
    """
    if retry_after is not None:
        return retry_after if retry_after <= cap else None
    return min(cap, 0.5 * 2 ** (attempt - 1))
