"""Network guard tests: address classes, resolved names, and a crawl kept off private hosts."""

from __future__ import annotations

import ipaddress

import pytest
from pytest_httpserver import HTTPServer

from sitekit import netsafe
from sitekit.crawl import Crawler, CrawlSettings
from sitekit.errors import TargetError
from sitekit.netsafe import AddressGuard, is_private_address


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
