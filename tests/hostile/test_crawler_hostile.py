"""Issue 6, crawler cases: each hostile behaviour ends bounded, is reported, the crawl goes on."""

from __future__ import annotations

import dataclasses
import gzip
import ipaddress
import time
import tracemalloc
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from sitekit.crawl import netsafe
from sitekit.crawl.crawler import Crawler
from sitekit.crawl.decode import decode_html
from sitekit.crawl.urls import TRAP_CHAIN
from sitekit.models import FetchedPage

from .conftest import (
    SETTINGS,
    Counter,
    HostileHandler,
    HostileSite,
    bomb,
    compressed,
    drip,
    endless,
    header_drip,
    links_page,
    redirect,
    reset,
    respond,
    silent,
)

OK = "<!doctype html><html><head><title>OK</title></head><body><h1>Fine</h1></body></html>"


@dataclasses.dataclass
class Run:
    crawler: Crawler
    pages: dict[str, FetchedPage]
    seconds: float
    peak_mb: float = 0.0

    def reason(self, site: HostileSite, path: str) -> str:
        url = site.url(path)
        found = [d.reason for d in self.crawler.decisions if d.url == url]
        assert found, f"no decision for {url}"
        return found[0]

    def carried_on(self, site: HostileSite) -> bool:
        ok = self.pages.get(site.url("/ok"))
        return ok is not None and ok.body is not None


@contextmanager
def peak_memory() -> Iterator[list[float]]:
    out: list[float] = []
    tracemalloc.start()
    try:
        yield out
    finally:
        out.append(tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()


def crawl(site: HostileSite, *targets: str, measure: bool = False, **changes: object) -> Run:
    """Crawl a start page linking to `targets` and /ok, with the hostile SETTINGS."""
    site.page("/", links_page(*targets, "/ok"))
    site.page("/ok", OK)
    settings = dataclasses.replace(SETTINGS, **changes)  # type: ignore[arg-type]
    started = time.monotonic()
    with peak_memory() if measure else _nothing() as peak:
        crawler = Crawler(site.url("/"), settings)
        pages = {p.url: p for p in crawler}
    return Run(crawler, pages, time.monotonic() - started, peak[0] if peak else 0.0)


@contextmanager
def _nothing() -> Iterator[list[float]]:
    yield []


# --------------------------------------------------------------------------- bodies


def test_endless_body_is_cut_at_the_size_cap(hostile: HostileSite) -> None:
    hostile.route("/endless", endless)
    run = crawl(hostile, "/endless", measure=True)
    assert run.pages[hostile.url("/endless")].error == "too large: over 1,000,000 bytes"
    assert run.reason(hostile, "/endless") == "failed: too large: over 1,000,000 bytes"
    assert run.carried_on(hostile)
    assert run.seconds < 5 and run.peak_mb < 30


def test_declared_huge_body_is_refused_before_reading(hostile: HostileSite) -> None:
    hostile.route("/huge", respond(b"x" * 3_000_000))
    run = crawl(hostile, "/huge")
    assert run.reason(hostile, "/huge") == "failed: too large: over 1,000,000 bytes"
    assert run.carried_on(hostile) and run.seconds < 5


def test_one_byte_a_second_drip_is_cut_at_the_page_time_limit(hostile: HostileSite) -> None:
    hostile.route("/drip", drip)
    run = crawl(hostile, "/drip", timeout=3.0)  # each byte comes well within the read timeout
    assert run.reason(hostile, "/drip") == (
        "failed: too slow: body not received within the time limit"
    )
    assert run.carried_on(hostile)
    assert run.seconds < 2.0 + 1.0 + 2  # page time limit + one drip interval + slack


def test_headers_dripped_one_byte_a_second_are_cut_at_the_time_limit(
    hostile: HostileSite,
) -> None:
    hostile.route("/header-drip", header_drip)
    run = crawl(hostile, "/header-drip", timeout=3.0)
    assert run.reason(hostile, "/header-drip") == (
        "failed: too slow: no response within the time limit"
    )
    assert hostile.hits.count("/header-drip") == 1  # not retried
    assert run.carried_on(hostile) and run.seconds < 2.0 + 1.0 + 2


def test_server_that_never_answers_times_out(hostile: HostileSite) -> None:
    hostile.route("/silent", silent)
    run = crawl(hostile, "/silent")
    assert run.reason(hostile, "/silent") == "failed: no answer within 1 s (read timeout)"
    assert run.carried_on(hostile) and run.seconds < 5


# --------------------------------------------------------------------------- redirects


def test_redirect_loop_and_overlong_chain_stop_at_the_limits(hostile: HostileSite) -> None:
    hostile.route("/loop/a", redirect("/loop/b"))
    hostile.route("/loop/b", redirect("/loop/a"))
    for n in range(50):
        hostile.route(f"/chain/{n}", redirect(f"/chain/{n + 1}"))
    run = crawl(hostile, "/loop/a", "/chain/0")
    assert run.reason(hostile, "/loop/a") == "failed: redirect loop"
    assert run.reason(hostile, "/chain/0") == "failed: too many redirects (over 5)"
    assert sum(hit.startswith("/chain/") for hit in hostile.hits) == 6
    assert run.carried_on(hostile) and run.seconds < 5


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://x/"],
)
def test_redirects_to_unsafe_schemes_are_refused(hostile: HostileSite, location: str) -> None:
    hostile.route("/r", redirect(location))
    run = crawl(hostile, "/r")
    scheme = location.split(":", 1)[0]
    assert run.reason(hostile, "/r") == f"unsafe scheme: redirect to {scheme}: refused"
    assert hostile.url("/r") not in run.pages and run.carried_on(hostile)


def test_links_with_unsafe_schemes_are_recorded_not_followed(hostile: HostileSite) -> None:
    hrefs = ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "ftp://x/f"]
    run = crawl(hostile, *hrefs)
    why = {d.url: d.reason for d in run.crawler.decisions}
    for href in hrefs:
        scheme = href.split(":", 1)[0]
        assert why[href] == f"unsafe scheme: {scheme}: not followed"
    assert set(hostile.hits) <= {"/robots.txt", "/", "/sitemap.xml", "/ok"}


# --------------------------------------------------------------------------- traps


def calendar(handler: HostileHandler) -> None:
    day = int(handler.path.rstrip("/").rsplit("-", 1)[-1])
    nxt = f"/calendar/2026-01-{day + 1:02d}" if day < 9999 else "/"
    respond(links_page(nxt).encode())(handler)


def test_calendar_trap_is_suspected_and_bounded(hostile: HostileSite) -> None:
    hostile.route("/calendar/*", calendar)
    run = crawl(hostile, "/calendar/2026-01-01", max_pages=200)
    fetched = [u for u in run.pages if "/calendar/" in u]
    assert len(fetched) <= TRAP_CHAIN + 1
    assert any(d.reason.startswith("trap suspected") for d in run.crawler.decisions)
    assert any(n.startswith("possible crawler trap at /calendar/") for n in run.crawler.notes)
    assert run.carried_on(hostile) and run.seconds < 10


def session_page(handler: HostileHandler) -> None:
    sid = uuid.uuid4().hex
    respond(links_page(f"/shop?sid={sid}", f"/cart?sid={sid}").encode())(handler)


def test_session_ids_in_every_link_are_suspected_and_bounded(hostile: HostileSite) -> None:
    hostile.route("/shop", session_page)
    hostile.route("/cart", session_page)
    run = crawl(hostile, "/shop?sid=first", max_pages=200)
    assert len(run.pages) < 40
    assert any(d.reason.startswith("trap suspected") for d in run.crawler.decisions)
    assert any("session ids" in n for n in run.crawler.notes)


def test_ever_longer_paths_are_suspected_and_bounded(hostile: HostileSite) -> None:
    hostile.route("/deep/*", respond(links_page("a/").encode()))

    def grow(handler: HostileHandler) -> None:  # every page links one level deeper
        depth = handler.path.count("/")
        respond(links_page(f"x{depth}/").encode())(handler)

    hostile.route("/grow/*", grow)
    run = crawl(hostile, "/deep/a/", "/grow/x0/", max_pages=200)
    why = [d.reason for d in run.crawler.decisions]
    assert "trap suspected: repeated path segments" in why
    assert "trap suspected: ever-growing URLs" in why
    assert sum("/deep/" in u for u in run.pages) <= 3
    assert sum("/grow/" in u for u in run.pages) <= TRAP_CHAIN + 1
    assert run.carried_on(hostile) and run.seconds < 10


def test_page_and_depth_limits_hold_in_an_infinite_space(hostile: HostileSite) -> None:
    def fanout(handler: HostileHandler) -> None:
        respond(links_page(*(f"/space/{uuid.uuid4().hex}" for _ in range(5))).encode())(handler)

    hostile.route("/space/*", fanout)
    run = crawl(hostile, "/space/start", max_pages=25)
    assert len(run.pages) == 25
    assert any(d.reason == "page limit" for d in run.crawler.decisions)
    shallow = crawl(hostile, "/space/start", max_pages=500, max_depth=2)
    assert max(p.depth for p in shallow.pages.values()) == 2
    assert any(d.reason == "depth limit" for d in shallow.crawler.decisions)


# --------------------------------------------------------------------------- status codes


def test_429_with_retry_after_is_waited_for_then_retried(hostile: HostileSite) -> None:
    busy = Counter(respond(b"slow down", 429, headers={"Retry-After": "1"}), respond(OK.encode()))
    hostile.route("/busy", busy)
    run = crawl(hostile, "/busy")
    assert run.pages[hostile.url("/busy")].body is not None and busy.calls == 2
    assert run.reason(hostile, "/busy") == "audited"
    assert 1.0 <= run.seconds < 5


def test_503_with_retry_after_over_the_bound_fails_without_waiting(hostile: HostileSite) -> None:
    hostile.route("/down", respond(b"", 503, headers={"Retry-After": "3600"}))
    run = crawl(hostile, "/down")
    assert run.reason(hostile, "/down") == (
        "failed: HTTP 503; Retry-After '3600' is over the 2 s limit"
    )
    assert run.carried_on(hostile) and run.seconds < 3


def test_500_is_recorded(hostile: HostileSite) -> None:
    hostile.route("/boom", respond(b"<h1>error</h1>", 500))
    run = crawl(hostile, "/boom")
    assert run.reason(hostile, "/boom") == "failed: HTTP 500 Internal Server Error"
    assert run.crawler.status_by_url[hostile.url("/boom")] == 500 and run.carried_on(hostile)


def test_connection_reset_is_retried_then_recorded(hostile: HostileSite) -> None:
    hostile.route("/reset", reset)
    run = crawl(hostile, "/reset")
    assert run.reason(hostile, "/reset") in (
        "failed: connection reset by the server",
        "failed: connection closed by the server without a response",
    )
    assert hostile.hits.count("/reset") == 2  # one retry
    assert run.carried_on(hostile) and run.seconds < 5


# --------------------------------------------------------------------------- content


PNG = b"\x89PNG\r\n\x1a\n" + bytes(2000)


def test_wrong_or_missing_content_type_and_binary_as_html(hostile: HostileSite) -> None:
    hostile.route("/png-as-html", respond(PNG, content_type="text/html"))
    hostile.route("/html-as-png", respond(OK.encode(), content_type="image/png"))
    hostile.route("/untyped-html", respond(OK.encode(), content_type=None))
    hostile.route("/untyped-binary", respond(PNG, content_type=None))
    hostile.route("/nul-text", respond(b"<html>" + b"\x00" * 500, content_type="text/html"))
    run = crawl(hostile, "/png-as-html", "/html-as-png", "/untyped-html", "/untyped-binary",
                "/nul-text")  # fmt: skip
    assert run.reason(hostile, "/png-as-html") == "not HTML: binary content served as text/html"
    assert run.reason(hostile, "/nul-text") == "not HTML: binary content served as text/html"
    assert run.reason(hostile, "/html-as-png") == "not HTML: image/png"
    assert run.reason(hostile, "/untyped-binary") == "not HTML: binary content served as HTML"
    assert run.reason(hostile, "/untyped-html") == "audited"
    assert run.pages[hostile.url("/untyped-html")].content_type == "text/html"


def test_invalid_and_mixed_encodings_decode_to_the_right_text(hostile: HostileSite) -> None:
    text = "<html><body><h1>Café crème</h1></body></html>"
    hostile.route(
        "/says-utf8-is-latin1",
        respond(text.encode("latin-1"), content_type="text/html; charset=utf-8"),
    )
    hostile.route("/bom", respond(b"\xef\xbb\xbf" + text.encode(), content_type="text/html"))
    hostile.route(
        "/lying-meta",
        respond(b'<meta charset="windows-1252">' + text.encode(), content_type="text/html"),
    )
    hostile.route("/utf16", respond(text.encode("utf-16"), content_type="text/html"))
    hostile.route("/mixed", respond(text.encode() + text.encode("latin-1"),
                                    content_type="text/html; charset=utf-8"))  # fmt: skip
    run = crawl(hostile, "/says-utf8-is-latin1", "/bom", "/lying-meta", "/utf16", "/mixed")
    for path in ("/says-utf8-is-latin1", "/bom", "/lying-meta", "/utf16"):
        page = run.pages[hostile.url(path)]
        assert page.body is not None and "Café crème" in decode_html(page.body, page.encoding)
    mixed = run.pages[hostile.url("/mixed")]
    assert mixed.encoding == "utf-8" and mixed.body is not None
    assert decode_html(mixed.body, mixed.encoding).count("Caf") == 2  # decoded, never raised


@pytest.mark.parametrize(("encoding", "megabytes"), [("gzip", 1024), ("deflate", 1024)])
def test_decompression_bomb_is_bounded(hostile: HostileSite, encoding: str, megabytes: int) -> None:
    payload = bomb(encoding, megabytes)
    assert len(payload) < 1_500_000  # a small body that expands to `megabytes` MB
    hostile.route("/bomb", compressed(payload, encoding))
    run = crawl(hostile, "/bomb", measure=True)
    assert run.reason(hostile, "/bomb") == "failed: too large: over 1,000,000 bytes"
    assert run.carried_on(hostile)
    assert run.seconds < 5 and run.peak_mb < 30


def test_sitemap_bomb_is_bounded(hostile: HostileSite) -> None:
    hostile.route("/robots.txt", respond(b"Sitemap: /s.xml.gz\n", content_type="text/plain"))
    hostile.route("/s.xml.gz", respond(bomb("gzip", 1024), content_type="application/gzip"))
    run = crawl(hostile, measure=True)
    assert any("s.xml.gz not used: too large" in n for n in run.crawler.notes)
    assert run.carried_on(hostile) and run.seconds < 10 and run.peak_mb < 60


def test_sitemap_index_explosion_is_bounded(hostile: HostileSite) -> None:
    children = "".join(f"<sitemap><loc>/s{n}.xml</loc></sitemap>" for n in range(100))
    hostile.route("/robots.txt", respond(b"Sitemap: /index.xml\n", content_type="text/plain"))
    hostile.route("/index.xml", respond(f"<sitemapindex>{children}</sitemapindex>".encode()))
    hostile.route("/s*", respond(b"<urlset><url><loc>/ok</loc></url></urlset>"))
    run = crawl(hostile)
    assert "only the first 10 sitemap files were read" in run.crawler.notes
    assert sum(hit.startswith("/s") for hit in hostile.hits) == 9  # + the index = 10 files
    assert run.carried_on(hostile) and run.seconds < 5


def test_malformed_html_is_crawled(hostile: HostileSite) -> None:
    junk = b"<html><<<>><body><div><a href='/ok'>ok</p></span><table><a href=/x\"y>x</td>\xff<!--"
    hostile.route("/junk", respond(junk))
    hostile.page("/x%22y", OK)
    run = crawl(hostile, "/junk")
    assert run.reason(hostile, "/junk") == "audited"
    assert run.crawler.links_by_url[hostile.url("/junk")] == (
        hostile.url("/ok"),
        hostile.url("/x%22y"),
    )


def test_dom_nested_100000_levels_is_bounded(hostile: HostileSite) -> None:
    deep = b"<html><body>" + b"<div>" * 100_000 + b"<a href='/x'>x</a>" + b"</div>" * 100_000
    hostile.route("/deep", respond(deep))
    run = crawl(hostile, "/deep", measure=True, max_bytes=5_000_000)
    page = run.pages[hostile.url("/deep")]
    assert page.body is not None and run.reason(hostile, "/deep") == "audited"
    assert run.carried_on(hostile) and run.seconds < 10 and run.peak_mb < 100


def test_page_with_200000_links_is_bounded(hostile: HostileSite) -> None:
    many = b"<html><body>" + b"".join(b"<a href=/l/%d>l</a>" % n for n in range(200_000))
    hostile.route("/many", respond(many))
    hostile.route("/l/*", respond(OK.encode()))
    run = crawl(hostile, "/many", max_bytes=10_000_000, max_pages=20)
    assert run.reason(hostile, "/many") == "audited"
    assert any("has over 5,000 links" in n for n in run.crawler.notes)
    assert len(run.crawler.links_by_url[hostile.url("/many")]) == 5_000
    assert len(run.crawler.decisions) < 5_100
    assert len(run.pages) == 20 and run.seconds < 20


# --------------------------------------------------------------------------- robots.txt


def test_huge_robots_txt_is_read_only_to_the_cap(hostile: HostileSite) -> None:
    head = b"User-agent: *\nDisallow: /blocked\n"
    rules = head + b"".join(b"Disallow: /junk/%d\n" % n for n in range(600_000))
    hostile.route("/robots.txt", respond(rules, content_type="text/plain"))
    run = crawl(hostile, "/blocked", measure=True)
    assert run.reason(hostile, "/blocked") == "robots.txt"
    assert any("over 500,000 bytes; only the start was read" in n for n in run.crawler.notes)
    assert run.carried_on(hostile) and run.seconds < 10 and run.peak_mb < 60


def test_malformed_robots_txt_allows_the_crawl(hostile: HostileSite) -> None:
    garbage = b"\x00\xff User-agent\n:::\nDisallow\nAllow: \x80\x81\nCrawl-delay: banana\n" * 50
    hostile.route("/robots.txt", respond(garbage, content_type="text/plain"))
    run = crawl(hostile)
    assert run.carried_on(hostile) and run.seconds < 5


def test_robots_txt_served_as_html_is_ignored_and_noted(hostile: HostileSite) -> None:
    hostile.route("/robots.txt", respond(b"<html><body>User-agent: *<br>Disallow: /</body></html>"))
    run = crawl(hostile)
    assert run.carried_on(hostile)
    assert any("is an HTML page, not robots rules; ignored" in n for n in run.crawler.notes)


def test_unreachable_robots_txt_is_noted(hostile: HostileSite) -> None:
    hostile.route("/robots.txt", silent)
    run = crawl(hostile)
    assert run.carried_on(hostile) and run.seconds < 5
    assert any("robots.txt unavailable" in n for n in run.crawler.notes)


# --------------------------------------------------------------------------- network safety


def test_links_and_redirects_to_private_addresses_are_not_followed(
    hostile: HostileSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start host is made to resolve to a public address; nothing private gets a request."""
    real = netsafe.resolve_host

    def resolve(host: str) -> tuple[str, ...]:
        mapped = {"127.0.0.1": ("198.51.100.7",), "evil.test": ("10.1.2.3",)}
        return mapped.get(host) or real(host)

    monkeypatch.setattr(netsafe, "resolve_host", resolve)
    port = hostile.port
    hostile.route("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
    hostile.route("/to-evil", redirect(f"http://evil.test:{port}/admin"))
    targets = ["http://10.0.0.1/", "http://[::1]/", f"http://localhost:{port}/ok",
               "/to-metadata", "/to-evil"]  # fmt: skip
    run = crawl(hostile, *targets)
    why = {d.url: d.reason for d in run.crawler.decisions}
    assert why["http://10.0.0.1/"] == "private address 10.0.0.1"
    assert why["http://[::1]/"] == "private address ::1"
    assert why[f"http://localhost:{port}/ok"].startswith("private address")
    assert why[hostile.url("/to-metadata")] == "private address 169.254.169.254"
    assert why[hostile.url("/to-evil")] == "private address 10.1.2.3"
    assert "/admin" not in hostile.hits and run.carried_on(hostile)
    assert ipaddress.ip_address("198.51.100.7")  # the made-up public address is well-formed


def test_bombs_are_valid_streams() -> None:
    """The bombs really are what they claim: valid gzip/zlib that inflate to zeros."""
    assert gzip.decompress(bomb("gzip", 3)) == bytes(3 << 20)
    assert zlib.decompress(bomb("deflate", 3)) == bytes(3 << 20)
