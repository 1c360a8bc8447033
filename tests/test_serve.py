"""The dev server over real HTTP on 127.0.0.1: serves, rebuilds on change, reloads."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitekit.build.serve import VERSION_PATH, DevServer

PAGE = "---\nbenefit: {benefit}\ncta: {{label: Get a free quote, url: /q/}}\n---\n\n## Body\n"


LOGS: dict[int, list[str]] = {}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DevServer]:
    site = tmp_path / "s"
    (site / "content").mkdir(parents=True)
    (site / "sitekit.toml").write_text('[site]\nname = "Bakery"\n')
    (site / "content" / "index.md").write_text(PAGE.format(benefit="Fresh bread at 7 am"))
    logs: list[str] = []
    dev = DevServer(site, port=0, log=logs.append)
    LOGS[id(dev)] = logs
    dev.start()
    yield dev
    dev.stop()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def wait_for(url: str, text: str, seconds: float = 10) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = fetch(url)[1]
        if text in body:
            return body
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:300]}")


def test_serves_rebuilds_and_reloads(server: DevServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, body = fetch(server.url)
    assert status == 200 and "Fresh bread at 7 am" in body
    assert VERSION_PATH in body  # the reload script, injected by the server only
    version = fetch(server.url + VERSION_PATH[1:])[1]
    page = server.root / "content" / "index.md"
    page.write_text(PAGE.format(benefit="Warm croissants by 8 am"))
    wait_for(server.url, "Warm croissants by 8 am")
    assert fetch(server.url + VERSION_PATH[1:])[1] != version  # open browsers reload
    # the built files themselves never carry the reload script
    assert all(VERSION_PATH not in p.read_text() for p in server.out.rglob("*.html"))


def test_new_page_and_404(server: DevServer) -> None:
    (server.root / "content" / "hours.md").write_text("# Opening hours\n\n7-19.\n")
    wait_for(server.url + "hours/", "Opening hours")
    status, body = fetch(server.url + "missing/")
    assert status == 404 and "Get a free quote" in body


def test_broken_edit_keeps_last_good_build(server: DevServer) -> None:
    page = server.root / "content" / "index.md"
    page.write_text("---\nbenefit: [broken\n---\n")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any("front matter" in m for m in _logs(server)):
        time.sleep(0.05)
    assert any("content/index.md:3: error: front matter" in m for m in _logs(server))
    assert "Fresh bread at 7 am" in fetch(server.url)[1]


def _logs(server: DevServer) -> list[str]:
    return LOGS[id(server)]
