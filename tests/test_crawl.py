"""Crawler tests: folder mode, single files and real HTTP crawls on 127.0.0.1."""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _tls import https_server
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sitekit.crawl.crawler import Crawler
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import TargetError

REPO = Path(__file__).resolve().parent.parent

FAST = CrawlSettings(timeout=2.0, max_page_seconds=5.0, retries=1, max_retry_after=1.0)


def page(title: str, *links: str, extra: str = "") -> str:
    anchors = "".join(f'<a href="{href}">{href}</a>' for href in links)
    head = f"<head><title>{title}</title>{extra}</head>"
    return f"<!doctype html><html>{head}<body><h1>{title}</h1>{anchors}</body></html>"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def reasons(crawler: Crawler) -> dict[str, str]:
    return {d.url: d.reason for d in crawler.decisions}


# --------------------------------------------------------------------------- folder mode


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "_site"
    write(
        root,
        "index.html",
        page(
            "Home",
            "/pricing/",
            "about.html",
            "/missing/",
            "/style.css",
            "https://other.example/",
            "mailto:hi@e.com",
            "javascript:void(0)",
        ),
    )
    write(root, "pricing/index.html", page("Pricing", "/", "../about.html#team"))
    write(root, "about.html", page("About", "/pricing/index.html"))
    write(root, "orphan/index.html", page("Orphan"))
    write(root, "style.css", "body{}")
    return root


def test_folder_mode_audits_the_built_site_entry_first(site: Path) -> None:
    crawler = Crawler(str(site), FAST)
    pages = list(crawler)
    assert [p.url for p in pages] == ["/", "/pricing/", "/about.html", "/missing/", "/orphan/"]
    entry = pages[0]
    assert entry.source_path == str(site / "index.html") and b"<h1>Home</h1>" in (entry.body or b"")
    missing = pages[3]
    assert missing.body is None and missing.status == 404 and "not found" in (missing.error or "")
    why = reasons(crawler)
    assert why["/"] == "audited" and why["/orphan/"] == "audited"
    assert why["/style.css"].startswith("not HTML")
    assert why["https://other.example/"].startswith("out of scope")
    assert why["javascript:void(0)"].startswith("unsafe scheme")
    assert why["mailto:hi@e.com"] == "not HTML: mailto: link, not crawled"
    assert crawler.status_by_url["/missing/"] == 404 and crawler.status_by_url["/style.css"] == 200
    assert crawler.links_by_url["/"] == ("/pricing/", "/about.html", "/missing/", "/style.css")
    assert crawler.links_by_url["/pricing/"] == ("/", "/about.html")


def test_folder_mode_page_and_depth_limits_are_reported(site: Path) -> None:
    crawler = Crawler(str(site), CrawlSettings(max_pages=2))
    assert [p.url for p in crawler] == ["/", "/pricing/"]
    why = reasons(crawler)
    assert why["/about.html"] == "page limit" and why["/orphan/"] == "page limit"
    crawler = Crawler(str(site), CrawlSettings(max_depth=0))
    assert [p.url for p in crawler] == ["/", "/orphan/"]  # the folder listing is not a link depth
    assert reasons(crawler)["/pricing/"] == "depth limit"


def test_folder_mode_maps_the_public_origin_and_refuses_escapes(tmp_path: Path) -> None:
    root = tmp_path / "_site"
    secret = tmp_path / "secret.html"
    secret.write_text(page("Secret"), encoding="utf-8")
    canonical = '<link rel="canonical" href="https://acme.example/">'
    write(
        root,
        "index.html",
        page(
            "Home",
            "https://acme.example/pricing/",
            "/leak.html",
            "/../secret.html",
            extra=canonical,
        ),
    )
    write(root, "pricing/index.html", page("Pricing"))
    (root / "leak.html").symlink_to(secret)
    crawler = Crawler(str(root), FAST)
    pages = {p.url: p for p in crawler}
    assert pages["/pricing/"].body is not None  # absolute link to the public origin -> folder
    assert pages["/leak.html"].body is None and "outside" in (pages["/leak.html"].error or "")
    assert all(b"Secret" not in (p.body or b"") for p in pages.values())


def test_single_html_file_is_audited_alone(site: Path) -> None:
    crawler = Crawler(str(site / "about.html"), FAST)
    assert [p.url for p in crawler] == ["/about.html"]
    assert reasons(crawler)["/pricing/"].startswith("out of scope")
    assert crawler.status_by_url["/pricing/"] == 200


def test_single_file_links_to_absent_pages_are_unknown_not_broken(tmp_path: Path) -> None:
    """A page audited alone: a link to a page that is not beside it cannot be checked."""
    write(tmp_path, "page.html", page("Alone", "/pricing/", "/about.html"))
    write(tmp_path, "about.html", page("About"))
    crawler = Crawler(str(tmp_path / "page.html"), FAST)
    assert [p.url for p in crawler] == ["/page.html"]
    assert "/pricing/" not in crawler.status_by_url
    assert crawler.status_by_url["/about.html"] == 200


def test_missing_target_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="no such URL, folder or file"):
        Crawler(str(tmp_path / "nope"), FAST)
    with pytest.raises(TargetError, match=r"did you mean https://example\.com/"):
        Crawler("example.com", FAST)
    (tmp_path / "empty").mkdir()
    with pytest.raises(TargetError, match=r"no \.html files"):
        Crawler(str(tmp_path / "empty"), FAST)


# --------------------------------------------------------------------------- HTTP


def test_http_crawl_of_a_served_folder(site: Path, serve: Callable[[Path], str]) -> None:
    base = serve(site)
    progress: list[tuple[int, int, str]] = []
    crawler = Crawler(base, FAST, progress=lambda d, q, u: progress.append((d, q, u)))
    pages = list(crawler)
    assert pages[0].url == base and pages[0].status == 200 and pages[0].content_type == "text/html"
    audited = {p.url for p in pages if p.body is not None}
    assert audited == {base, base + "pricing/", base + "about.html", base + "orphan/"} - {
        base + "orphan/"  # not linked, no sitemap: an HTTP crawl cannot know it
    }
    why = reasons(crawler)
    assert why[base + "missing/"] == "failed: HTTP 404 Not Found"
    assert crawler.status_by_url[base + "missing/"] == 404
    assert why[base + "style.css"].startswith("not HTML")
    assert progress and progress[0][0] == 1 and progress[-1][0] == len(pages)


def test_unreachable_start_url_raises_target_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(TargetError, match=f"cannot reach http://127.0.0.1:{port}/: connection"):
        Crawler(f"http://127.0.0.1:{port}/", FAST)


def test_robots_txt_is_obeyed_and_ignoring_it_is_noted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: sitekit\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n"
    )
    httpserver.expect_request("/").respond_with_data(
        page("Home", "/private/x", "/open"), content_type="text/html"
    )
    httpserver.expect_request("/open").respond_with_data(page("Open"), content_type="text/html")
    httpserver.expect_request("/private/x").respond_with_data(page("P"), content_type="text/html")
    crawler = Crawler(httpserver.url_for("/"), FAST)
    assert [p.url for p in crawler] == [httpserver.url_for("/"), httpserver.url_for("/open")]
    assert reasons(crawler)[httpserver.url_for("/private/x")] == "robots.txt"
    ignoring = Crawler(httpserver.url_for("/"), replace_settings(respect_robots=False))
    assert len(list(ignoring)) == 3
    assert "robots.txt ignored (--ignore-robots)" in ignoring.notes


def replace_settings(**changes: object) -> CrawlSettings:
    from dataclasses import replace

    return replace(FAST, **changes)  # type: ignore[arg-type]


def test_sitemaps_from_robots_index_and_gzip_seed_the_crawl(httpserver: HTTPServer) -> None:
    url = httpserver.url_for
    httpserver.expect_request("/robots.txt").respond_with_data(f"Sitemap: {url('/index.xml')}\n")
    httpserver.expect_request("/index.xml").respond_with_data(
        f"<sitemapindex><sitemap><loc>{url('/pages.xml.gz')}</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    urlset = f"<urlset><url><loc>{url('/from-sitemap')}</loc></url></urlset>".encode()
    httpserver.expect_request("/pages.xml.gz").respond_with_data(
        gzip.compress(urlset), content_type="application/gzip"
    )
    httpserver.expect_request("/").respond_with_data(page("Home"), content_type="text/html")
    httpserver.expect_request("/from-sitemap").respond_with_data(
        page("S"), content_type="text/html"
    )
    crawler = Crawler(url("/"), FAST)
    assert [p.url for p in crawler] == [url("/"), url("/from-sitemap")]
    assert crawler.decisions[-1].found_on == "(sitemap)"


def test_redirects_are_followed_and_recorded(httpserver: HTTPServer) -> None:
    url = httpserver.url_for
    httpserver.expect_request("/").respond_with_data(
        page("Home", "/old", "/new", "/elsewhere"), content_type="text/html"
    )
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(page("New"), content_type="text/html")
    httpserver.expect_request("/elsewhere").respond_with_data(
        "", status=302, headers={"Location": "http://other.invalid/"}
    )
    crawler = Crawler(url("/"), FAST)
    pages = list(crawler)
    assert [(p.url, p.final_url) for p in pages] == [
        (url("/"), url("/")),
        (url("/old"), url("/new")),
    ]
    why = reasons(crawler)
    assert why[url("/new")].startswith("duplicate")
    assert why[url("/elsewhere")] == "out of scope (redirected to http://other.invalid/)"
    assert crawler.status_by_url[url("/old")] == 200  # where the link ends up


def test_canonical_pointing_to_a_seen_page_is_a_duplicate(httpserver: HTTPServer) -> None:
    url = httpserver.url_for
    httpserver.expect_request("/").respond_with_data(
        page("Home", "/a", "/a?sort=price"), content_type="text/html"
    )
    canonical = f'<link rel="canonical" href="{url("/a")}">'
    httpserver.expect_request("/a", query_string="sort=price").respond_with_data(
        page("A sorted", extra=canonical), content_type="text/html"
    )
    httpserver.expect_request("/a").respond_with_data(page("A"), content_type="text/html")
    crawler = Crawler(url("/"), FAST)
    assert [p.url for p in crawler] == [url("/"), url("/a")]
    assert reasons(crawler)[url("/a?sort=price")] == f"duplicate: canonical is {url('/a')}"


def test_scope_include_exclude_and_depth(httpserver: HTTPServer) -> None:
    url = httpserver.url_for
    httpserver.expect_request("/").respond_with_data(
        page("Home", "/blog/1", "/shop/x", "/docs/a"), content_type="text/html"
    )
    for path in ("/blog/1", "/shop/x", "/docs/a"):
        httpserver.expect_request(path).respond_with_data(
            page(path, path + "/deeper"), content_type="text/html"
        )
    httpserver.expect_request("/docs/a/deeper").respond_with_data(
        page("D"), content_type="text/html"
    )
    settings = replace_settings(exclude=("/shop/*",), include=("/docs/", "/blog/*"), max_depth=1)
    crawler = Crawler(url("/"), settings)
    assert [p.url for p in crawler] == [url("/"), url("/blog/1"), url("/docs/a")]
    why = reasons(crawler)
    assert why[url("/shop/x")] == "out of scope: excluded by /shop/*"
    assert why[url("/docs/a/deeper")] == "depth limit"


def test_http_errors_are_recorded_and_the_crawl_goes_on(httpserver: HTTPServer) -> None:
    url = httpserver.url_for
    httpserver.expect_request("/").respond_with_data(
        page("Home", "/boom", "/ok"), content_type="text/html"
    )
    httpserver.expect_request("/boom").respond_with_data("oops", status=500)
    httpserver.expect_request("/ok").respond_with_data(page("OK"), content_type="text/html")
    crawler = Crawler(url("/"), FAST)
    pages = {p.url: p for p in crawler}
    assert pages[url("/boom")].error == "HTTP 500 Internal Server Error"
    assert pages[url("/ok")].body is not None
    assert crawler.status_by_url[url("/boom")] == 500


def test_headers_cookies_and_auth_reach_every_request(httpserver: HTTPServer) -> None:
    seen: list[tuple[str, str | None, str | None, str | None]] = []

    def handler(request: Request) -> Response:
        seen.append(
            (
                request.path,
                request.headers.get("X-Stage"),
                request.cookies.get("sid"),
                request.headers.get("Authorization"),
            )
        )
        if request.path == "/robots.txt":
            return Response("User-agent: *\nAllow: /\n", content_type="text/plain")
        if request.path == "/sitemap.xml":
            return Response("<urlset></urlset>", content_type="application/xml")
        return Response(page("Home"), content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_handler(handler)
    httpserver.expect_request("/sitemap.xml").respond_with_handler(handler)
    httpserver.expect_request("/").respond_with_handler(handler)
    settings = replace_settings(
        headers=(("X-Stage", "yes"),), cookies=(("sid", "s3cret"),), auth=("user", "pw")
    )
    list(Crawler(httpserver.url_for("/"), settings))
    assert {path for path, *_ in seen} == {"/robots.txt", "/sitemap.xml", "/"}
    for _path, header, cookie, auth in seen:
        assert header == "yes" and cookie == "s3cret" and (auth or "").startswith("Basic ")


def test_same_inputs_give_the_same_order(site: Path, serve: Callable[[Path], str]) -> None:
    for n in range(30):
        write(site, f"p{n}/index.html", page(f"P{n}", *(f"/p{m}/" for m in range(30))))
    write(site, "index.html", page("Home", *(f"/p{m}/" for m in range(30))))
    base = serve(site)
    settings = replace_settings(max_pages=20)
    first = [p.url for p in Crawler(base, settings)]
    second = [p.url for p in Crawler(base, settings)]
    assert first == second and len(first) == 20


def test_the_built_example_site_is_audited_from_its_folder(tmp_path: Path) -> None:
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    result = build_site(load_config(REPO), out_dir=tmp_path / "_site")
    crawler = Crawler(str(result.out_dir), CrawlSettings())
    pages = list(crawler)
    assert pages[0].url == "/" and len(pages) == result.pages
    assert all(p.body and p.status == 200 and p.source_path for p in pages)
    assert "/404.html" not in {p.url for p in pages}  # an error page is not a site page
    assert all(d.audited for d in crawler.decisions if d.url in {p.url for p in pages})


def test_a_crawl_leaves_no_thread_or_socket_open(site: Path, serve: Callable[[Path], str]) -> None:
    base = serve(site)
    list(Crawler(base, FAST))  # warm up lazily created module state
    threads, fds = threading.active_count(), len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        list(Crawler(base, FAST))
    # the test server's own connection threads end a moment after the crawler hangs up (under
    # load, after the crawl returns): wait for them; a thread or socket the crawler leaked
    # would never go, and fails this after the deadline
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (
        threading.active_count() > threads or len(os.listdir("/proc/self/fd")) > fds
    ):
        time.sleep(0.05)
    assert threading.active_count() <= threads
    assert len(os.listdir("/proc/self/fd")) <= fds


@pytest.fixture
def tls_site(site: Path, tmp_path: Path) -> Iterator[str]:
    """The test site over HTTPS with a self-signed certificate (made with openssl)."""
    with https_server(site, tmp_path, "IP:127.0.0.1") as port:
        yield f"https://127.0.0.1:{port}/"


def test_self_signed_tls_is_refused_unless_insecure(tls_site: str) -> None:
    with pytest.raises(TargetError, match=r"TLS error.*--insecure"):
        Crawler(tls_site, FAST)
    crawler = Crawler(tls_site, replace_settings(verify_tls=False))
    assert [p.url for p in crawler][:2] == [tls_site, tls_site + "pricing/"]
    assert "TLS certificates not verified (--insecure)" in crawler.notes


def test_links_past_the_page_limit_are_head_checked(httpserver: HTTPServer) -> None:
    url = httpserver.url_for
    httpserver.expect_request("/").respond_with_data(
        page("Home", "/a", "/gone", "/file.pdf", "/no-head", "/private/x"), content_type="text/html"
    )
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/")
    httpserver.expect_request("/a", method="HEAD").respond_with_data("", status=200)
    httpserver.expect_request("/gone", method="HEAD").respond_with_data("", status=404)
    httpserver.expect_request("/file.pdf", method="HEAD").respond_with_data("", status=410)
    httpserver.expect_request("/no-head", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/no-head", method="GET").respond_with_data("ok", status=200)
    crawler = Crawler(url("/"), replace_settings(max_pages=1))
    assert [p.url for p in crawler] == [url("/")]
    status = crawler.status_by_url
    assert (status[url("/a")], status[url("/gone")], status[url("/file.pdf")]) == (200, 404, 410)
    assert status[url("/no-head")] == 200
    assert url("/private/x") not in status  # robots.txt says no, so not even a HEAD
    assert all(req.path != "/private/x" for req, _ in httpserver.log)


def test_entry_redirect_to_another_host_becomes_the_site(httpserver: HTTPServer) -> None:
    """example.com -> www.example.com: the crawl follows and stays on the new host."""
    port = httpserver.port
    www = f"http://localhost:{port}"
    httpserver.expect_request("/").respond_with_data(
        "", status=301, headers={"Location": www + "/home"}
    )
    httpserver.expect_request("/home").respond_with_data(
        page("Home", www + "/pricing", "http://other.invalid/"), content_type="text/html"
    )
    httpserver.expect_request("/pricing").respond_with_data(page("P"), content_type="text/html")
    httpserver.expect_request("/robots.txt").respond_with_data(
        "Sitemap: https://production.invalid/sitemap.xml\n"
    )
    crawler = Crawler(f"http://127.0.0.1:{port}/", FAST)
    assert [p.final_url for p in crawler] == [www + "/home", www + "/pricing"]
    assert reasons(crawler)["http://other.invalid/"].startswith("out of scope")
    assert "sitemap https://production.invalid/sitemap.xml is on another site; not read" in (
        crawler.notes
    )
