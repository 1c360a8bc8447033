"""Politeness tests: robots.txt parsing and caching, Crawl-delay, rate limits, Retry-After."""

from __future__ import annotations

import threading
import time

from pytest_httpserver import HTTPServer

from sitekit import USER_AGENT
from sitekit.crawl.crawler import Crawler
from sitekit.crawl.polite import (
    HostRateLimiter,
    RobotsCache,
    RobotsResponse,
    parse_retry_after,
    parse_robots,
    retry_delay,
)
from sitekit.crawl.settings import CrawlSettings

RULES = "User-agent: sitekit\nDisallow: /private/\nCrawl-delay: 0.2\n\nUser-agent: *\nDisallow: /\n"


def test_robots_rules_match_sitekits_user_agent() -> None:
    rules = parse_robots("https://e.com", RobotsResponse(200, "text/plain", RULES.encode()))
    assert rules.allowed("https://e.com/pricing/", USER_AGENT)
    assert not rules.allowed("https://e.com/private/x", USER_AGENT)
    assert not rules.allowed("https://e.com/pricing/", "OtherBot/1.0")
    assert rules.crawl_delay(USER_AGENT) == 0.2


def test_missing_broken_or_html_robots_allow_everything_with_a_note() -> None:
    missing = parse_robots("https://e.com", RobotsResponse(404))
    assert missing.parser is None and missing.note is None
    down = parse_robots("https://e.com", RobotsResponse(503))
    assert down.allowed("https://e.com/x", USER_AGENT) and "unavailable (HTTP 503)" in (
        down.note or ""
    )
    html = parse_robots(
        "https://e.com", RobotsResponse(200, "text/html", b"<html>Disallow: /</html>")
    )
    assert html.allowed("https://e.com/x", USER_AGENT) and "HTML page" in (html.note or "")
    junk = parse_robots(
        "https://e.com", RobotsResponse(200, "text/plain", b"\xff\xfe\x00garbage:::\n")
    )
    assert junk.allowed("https://e.com/x", USER_AGENT)


def test_robots_cache_fetches_each_origin_once_under_threads() -> None:
    calls: list[str] = []

    def fetch(url: str) -> RobotsResponse:
        calls.append(url)
        time.sleep(0.05)
        return RobotsResponse(200, "text/plain", RULES.encode())

    cache = RobotsCache(fetch, USER_AGENT)
    threads = [
        threading.Thread(target=cache.allowed, args=(f"https://e.com/p{n}",)) for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not cache.allowed("https://e.com/private/a")
    assert cache.allowed("http://other.com/private/a") is False  # same file served there
    assert calls == ["https://e.com/robots.txt", "http://other.com/robots.txt"]


def test_rate_limiter_spaces_requests_per_host() -> None:
    limiter = HostRateLimiter(0.05)
    started = time.monotonic()
    for _ in range(5):
        limiter.wait("a.test")
    limiter.wait("b.test")  # another host has its own slots
    elapsed = time.monotonic() - started
    assert 0.19 <= elapsed < 1.0
    off = HostRateLimiter(0.0)
    assert off.wait("a.test") == 0.0


def test_retry_after_parsing_and_backoff_bounds() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_delay(1, 2.0, cap=30) == 2.0
    assert retry_delay(1, 3600.0, cap=30) is None
    assert retry_delay(1, None, cap=30) == 0.5 and retry_delay(3, None, cap=1.0) == 1.0


def test_crawl_delay_and_rate_slow_the_crawl(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(RULES)
    links = "".join(f'<a href="/p{n}">p</a>' for n in range(4))
    httpserver.expect_request("/").respond_with_data(links, content_type="text/html")
    for n in range(4):
        httpserver.expect_request(f"/p{n}").respond_with_data("<p>x</p>", content_type="text/html")
    started = time.monotonic()
    pages = list(Crawler(httpserver.url_for("/"), CrawlSettings(use_sitemaps=False)))
    elapsed = time.monotonic() - started
    assert len(pages) == 5
    assert elapsed >= 0.2 * 4  # 5 page requests, 0.2 s apart, whatever the concurrency
    httpserver.clear()
    httpserver.expect_request("/").respond_with_data(links, content_type="text/html")
    for n in range(4):
        httpserver.expect_request(f"/p{n}").respond_with_data("<p>x</p>", content_type="text/html")
    started = time.monotonic()
    settings = CrawlSettings(use_sitemaps=False, respect_robots=False, rate=10.0)
    assert len(list(Crawler(httpserver.url_for("/"), settings))) == 5
    assert time.monotonic() - started >= 0.1 * 4


def test_huge_crawl_delay_is_capped_and_noted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 3600\n")
    httpserver.expect_request("/").respond_with_data("<p>x</p>", content_type="text/html")
    crawler = Crawler(httpserver.url_for("/"), CrawlSettings(max_retry_after=0.5))
    list(crawler)
    assert "robots.txt Crawl-delay 3600 s capped at 0.5 s" in crawler.notes
