"""Every limit of a crawl in one frozen type; the CLI maps its options onto it."""

from __future__ import annotations

from dataclasses import dataclass

from sitekit import USER_AGENT
from sitekit.models import MAX_PAGE_BYTES


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
    max_bytes: int = MAX_PAGE_BYTES  # decoded body size cap per page
    max_redirects: int = 10
    retries: int = 2
    max_retry_after: float = 30.0
    user_agent: str = USER_AGENT
    use_sitemaps: bool = True
    max_page_seconds: float = 30.0  # wall time to receive one body (defeats slow drips)
