"""Network guard tests: address classes, resolved names, a crawl kept off private hosts, pinning."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _tls import https_server
from pytest_httpserver import HTTPServer

from sitekit.crawl import netsafe
from sitekit.crawl.crawler import Crawler
from sitekit.crawl.netsafe import AddressGuard, is_private_address
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import TargetError


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "0.0.0.0", "::1", "fc00::1", "fd00:ec2::254", "fe80::1%eth0",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not-an-ip",
    ],
)  # fmt: skip
def test_private_loopback_link_local_and_metadata_addresses_are_blocked(address: str) -> None:
    assert is_private_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert not is_private_address(address)


def fake_dns(table: dict[str, tuple[str, ...]]):  # type: ignore[no-untyped-def]
    """A resolver for made-up names; IP literals not in `table` resolve to themselves."""

    def resolve(host: str) -> tuple[str, ...]:
        if host in table:
            return table[host]
        try:
            return (str(ipaddress.ip_address(host)),)
        except ValueError:
            return ()

    return resolve


def test_guard_checks_the_resolved_address(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"www.example.test": ("93.184.216.34",), "rebind.example.test": ("10.0.0.7",),
             "mixed.example.test": ("93.184.216.35", "127.0.0.1")}  # fmt: skip
    monkeypatch.setattr(netsafe, "resolve_host", fake_dns(table))
    guard = AddressGuard("www.example.test")
    assert not guard.private_allowed
    assert guard.check("www.example.test") is None
    assert guard.check("rebind.example.test") == "private address 10.0.0.7"
    assert guard.check("mixed.example.test") == "private address 127.0.0.1"
    assert AddressGuard("www.example.test", allow_private=True).check("rebind.example.test") is None
    assert AddressGuard("rebind.example.test").private_allowed  # start on a private host


def test_real_resolver_resolves_literals_and_localhost() -> None:
    assert netsafe.resolve_host("127.0.0.1") == ("127.0.0.1",)
    assert any(is_private_address(a) for a in netsafe.resolve_host("localhost"))


def test_crawl_from_a_public_start_never_touches_private_hosts(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """127.0.0.1 is made to look public; every private target must be refused unrequested."""
    port = httpserver.port
    table = {"127.0.0.1": ("203.0.113.10",), "localhost": ("127.0.0.1",),
             "intranet.test": ("10.0.0.5",)}  # fmt: skip
    monkeypatch.setattr(netsafe, "resolve_host", fake_dns(table))
    start = f"http://127.0.0.1:{port}/"
    links = [f"http://localhost:{port}/secret", f"http://127.0.0.2:{port}/x", "/go", "/ok"]
    html = "".join(f'<a href="{link}">x</a>' for link in links)
    httpserver.expect_request("/").respond_with_data(html, content_type="text/html")
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": f"http://intranet.test:{port}/admin"}
    )
    httpserver.expect_request("/ok").respond_with_data("<p>ok</p>", content_type="text/html")
    crawler = Crawler(start, CrawlSettings(timeout=2.0))
    pages = [p.url for p in crawler]
    assert pages == [start, start + "ok"]
    why = {d.url: d.reason for d in crawler.decisions}
    assert why[f"http://localhost:{port}/secret"] == "private address 127.0.0.1"
    assert why[f"http://127.0.0.2:{port}/x"] == "private address 127.0.0.2"
    assert why[start + "go"] == "private address 10.0.0.5"
    requested = {req.path for req, _ in httpserver.log}
    assert requested <= {"/robots.txt", "/sitemap.xml", "/", "/go", "/ok"}


def test_a_start_url_redirecting_to_a_private_host(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused by default (a one-line target error); followed with allow_private."""
    port = httpserver.port
    table = {"127.0.0.1": ("203.0.113.10",), "localhost": ("127.0.0.1",)}
    monkeypatch.setattr(netsafe, "resolve_host", fake_dns(table))
    httpserver.expect_request("/").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{port}/home"}
    )
    httpserver.expect_request("/home").respond_with_data(
        '<a href="/about">a</a>', content_type="text/html"
    )
    httpserver.expect_request("/about").respond_with_data("<p>a</p>", content_type="text/html")
    start = f"http://127.0.0.1:{port}/"
    with pytest.raises(TargetError, match=r"private address 127\.0\.0\.1"):
        Crawler(start, CrawlSettings(timeout=2.0))
    assert all(req.path != "/home" for req, _ in httpserver.log)
    allowed = Crawler(start, CrawlSettings(timeout=2.0, allow_private=True))
    pages = [(p.url, p.final_url) for p in allowed]
    home = f"http://localhost:{port}/home"
    assert pages == [(start, home), (f"http://localhost:{port}/about",) * 2]
    assert "private network addresses allowed (--allow-private)" in allowed.notes


# --------------------------------------------------------------------------- pinning


def test_guard_resolves_each_host_once_and_pins_the_checked_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    table = {
        "www.example.test": ("93.184.216.34", "93.184.216.35"),
        "in.example.test": ("10.0.0.7",),
    }

    def resolve(host: str) -> tuple[str, ...]:
        calls.append(host)
        return fake_dns(table)(host)

    monkeypatch.setattr(netsafe, "resolve_host", resolve)
    guard = AddressGuard("www.example.test")
    assert guard.check("www.example.test") is None
    assert guard.pinned_addresses("WWW.example.test.") == ("93.184.216.34", "93.184.216.35")
    assert calls == ["www.example.test"]  # the start host's one lookup serves every later use
    assert guard.pinned_addresses("93.184.216.99") is None  # an IP literal needs no DNS
    assert guard.pinned_addresses("[2606:4700::1111]") is None
    with pytest.raises(socket.gaierror):
        guard.pinned_addresses("nowhere.example.test")
    with pytest.raises(PermissionError, match=r"private address 10\.0\.0\.7"):
        guard.pinned_addresses("in.example.test")
    assert AddressGuard("www.example.test", allow_private=True).pinned_addresses("x.test") is None


Script = dict[str, list[tuple[str, ...]]]  # name -> its answers, in turn


@pytest.fixture
def loopback_is_public(
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[Script], list[str]]:
    """127.0.0.0/8 counts as public, and made-up names resolve through a scripted DNS.

    Each name answers its listed addresses in turn (the last one repeats), the way a
    rebinding DNS server changes its answer; the returned list records every lookup,
    including any a connection makes through the system resolver ("system:HOST").
    """
    networks = tuple(n for n in netsafe.BLOCKED_NETWORKS if str(n) != "127.0.0.0/8")
    monkeypatch.setattr(netsafe, "BLOCKED_NETWORKS", networks)
    lookups: list[str] = []
    system_lookup = socket.getaddrinfo

    def getaddrinfo(host: object, *args: Any, **kwargs: Any) -> Any:
        if fake_dns({})(str(host)) == ():  # a name, not an IP literal: resolved past the guard
            lookups.append(f"system:{host}")
        return system_lookup(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    def script(answers: Script) -> list[str]:
        def resolve(host: str) -> tuple[str, ...]:
            lookups.append(host)
            if host not in answers:
                return fake_dns({})(host)
            queue = answers[host]
            return queue.pop(0) if len(queue) > 1 else queue[0]

        monkeypatch.setattr(netsafe, "resolve_host", resolve)
        return lookups

    return script


def test_a_rebinding_name_is_connected_to_at_its_checked_address(
    httpserver: HTTPServer, loopback_is_public: Callable[[Script], list[str]]
) -> None:
    """www.site.test exists only in the scripted DNS: the crawl works only if it connects to
    the address the guard checked, and the later private answer (10.0.0.9) is never used."""
    lookups = loopback_is_public({"www.site.test": [("127.0.0.1",), ("10.0.0.9",)]})
    port = httpserver.port
    httpserver.expect_request("/").respond_with_data(
        '<a href="/a">a</a><a href="/b">b</a>', content_type="text/html"
    )
    for path in ("/a", "/b"):
        httpserver.expect_request(path).respond_with_data("<p>x</p>", content_type="text/html")
    start = f"http://www.site.test:{port}/"
    crawler = Crawler(start, CrawlSettings(timeout=2.0, concurrency=2))
    assert [p.url for p in crawler] == [start, start + "a", start + "b"]
    assert lookups == ["www.site.test"]  # once, by the guard; never by a connection
    assert {req.headers["Host"] for req, _ in httpserver.log} == {f"www.site.test:{port}"}
    assert "private network addresses allowed (--allow-private)" not in crawler.notes


def test_a_name_that_does_not_resolve_is_not_looked_up_again_at_connect(
    loopback_is_public: Callable[[Script], list[str]],
) -> None:
    lookups = loopback_is_public({})
    with pytest.raises(TargetError, match=r"host name not found \(DNS\)"):
        Crawler("http://nowhere.site.test/", CrawlSettings(timeout=2.0, retries=0))
    assert set(lookups) == {"nowhere.site.test"}  # no second chance for the system resolver


@pytest.fixture
def sni_server(tmp_path: Path) -> Iterator[tuple[int, list[str]]]:
    """HTTPS on 127.0.0.1 with a self-signed certificate for www.site.test; it records the
    TLS server name (SNI) each client sends."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>secure</p>", encoding="utf-8")
    names: list[str] = []
    with https_server(tmp_path / "site", tmp_path, "DNS:www.site.test", names.append) as port:
        yield port, names


def test_a_pinned_https_connection_keeps_the_host_name_for_tls(
    sni_server: tuple[int, list[str]],
    loopback_is_public: Callable[[Script], list[str]],
) -> None:
    """Connected to the pinned 127.0.0.1, TLS still names www.site.test (SNI), and the
    certificate is still checked: refused as self-signed, accepted with --insecure."""
    port, names = sni_server
    loopback_is_public({"www.site.test": [("127.0.0.1",)]})
    start = f"https://www.site.test:{port}/"
    with pytest.raises(TargetError, match="TLS error"):
        Crawler(start, CrawlSettings(timeout=2.0, retries=0))
    crawler = Crawler(start, CrawlSettings(timeout=2.0, verify_tls=False))
    assert [(p.url, p.status) for p in crawler] == [(start, 200)]
    assert names and set(names) == {"www.site.test"}


def test_a_pinned_name_falls_back_to_its_next_checked_address(
    httpserver: HTTPServer, loopback_is_public: Callable[[Script], list[str]]
) -> None:
    """Like the system resolver would: 127.0.0.2 refuses (nothing listens there), 127.0.0.1
    answers; nothing outside the checked pair is tried."""
    lookups = loopback_is_public({"www.site.test": [("127.0.0.2", "127.0.0.1")]})
    httpserver.expect_request("/").respond_with_data("<p>home</p>", content_type="text/html")
    start = f"http://www.site.test:{httpserver.port}/"
    assert [p.status for p in Crawler(start, CrawlSettings(timeout=2.0))] == [200]
    assert lookups == ["www.site.test"]
