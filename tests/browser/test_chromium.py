"""sitekit.browser.chromium in a real Chromium: first-screen marks, screenshots, failures."""

from __future__ import annotations

import base64
import functools
import http.server
import os
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitekit.browser.chromium import Renderer, find_browser, render_pages, to_fetched
from sitekit.browser.first_screen import OUTLINE_JS, UNOUTLINE_JS, viewport_marks
from sitekit.errors import SitekitError

HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'

# The hero is 700px tall on a laptop and 900px on a phone: the CTA under it is in the first
# screen at 1366x768 (40 + 700 + its own 18 < 768) but not at 390x844.
RESPONSIVE = f"""<!doctype html><html lang="en"><head>{HEAD}<title>Hero</title>
<style>body{{margin:0}} h1{{margin:0;font-size:32px;line-height:40px}}
.hero{{height:700px;background:#ddd}}
@media (max-width: 600px) {{ .hero {{ height: 900px }} }}</style></head>
<body><h1>Get paid twice as fast</h1><div class="hero"></div>
<a class="btn" href="/start">Start free</a><p>Closing words far below.</p>
<p class="sr" style="position:absolute;width:1px;height:1px;overflow:hidden">skip me</p>
</body></html>"""

JS_SHELL = f"""<!doctype html><html lang="en"><head>{HEAD}<title>App</title></head>
<body><div id="app"></div><script>
document.getElementById('app').innerHTML =
  '<h1>Fresh flowers at her door by 5 pm</h1>'
  + '<a href="/order" data-sitekit-cta="primary">Order now</a>';
</script></body></html>"""


@pytest.fixture(scope="module")
def renderer(chromium: str) -> Iterator[Renderer]:
    with Renderer(chromium, timeout=15) as shared:
        yield shared


def jpeg_size(data_uri: str) -> tuple[int, int]:
    """(width, height) read from a JPEG data: URI's SOF marker."""
    prefix = "data:image/jpeg;base64,"
    assert data_uri.startswith(prefix)
    data = base64.b64decode(data_uri[len(prefix) :])
    assert data[:2] == b"\xff\xd8"
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no SOF marker in JPEG")


def chromium_descendants() -> set[int]:
    """PIDs of Chromium processes started (directly or not) by this test process."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
        names[int(entry)] = name
    mine = {os.getpid()}
    changed = True
    while changed:
        found = {pid for pid, ppid in parents.items() if ppid in mine} - mine
        changed = bool(found)
        mine |= found
    return {pid for pid in mine if "chrom" in names.get(pid, "")}


@pytest.mark.browser
def test_marks_elements_per_viewport_from_real_layout(
    renderer: Renderer, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    url = serve(write_pages({"index.html": RESPONSIVE})) + "index.html"
    page = renderer.render(url)
    assert page.error is None and page.status == 200
    html = page.html.decode()
    assert (
        '<html lang="en" data-sitekit-rendered="1" data-sitekit-viewports="1366x768 390x844">'
        in html
    )
    assert '<h1 data-sitekit-vp="1366x768 390x844">Get paid twice as fast</h1>' in html
    assert '<a class="btn" href="/start" data-sitekit-vp="1366x768">Start free</a>' in html
    # below the fold everywhere: an empty mark, so it does not inherit an ancestor's
    assert '<p data-sitekit-vp="">Closing words far below.</p>' in html
    assert 'overflow:hidden" data-sitekit-vp="">skip me' in html  # a 1x1 box is not "shown"
    assert "data-sitekit-i" not in html and "data-sitekit-outline" not in html
    assert "sitekit-outline-style" not in html


@pytest.mark.browser
def test_screenshots_are_small_jpegs_of_each_first_screen(
    renderer: Renderer, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    url = serve(write_pages({"index.html": RESPONSIVE})) + "index.html"
    shots = renderer.render(url).screenshots
    assert set(shots) == {"1366x768", "390x844"}
    assert jpeg_size(shots["1366x768"]) == (1366, 768)
    assert jpeg_size(shots["390x844"]) == (390, 844)
    assert all(len(uri) < 200_000 for uri in shots.values())


@pytest.mark.browser
def test_screenshots_can_be_skipped_without_changing_the_marks(
    renderer: Renderer, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    url = serve(write_pages({"index.html": RESPONSIVE})) + "index.html"
    with_shots, without = renderer.render(url), renderer.render(url, screenshots=False)
    assert without.error is None and without.screenshots == {}
    assert without.html == with_shots.html


CSP_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    '<title>Strict</title></head><body><h1 style="color: navy">Fixed-price repairs today</h1>'
    '<a href="/book" data-sitekit-cta="primary">Book a free visit</a></body></html>'
)
OUTLINE_STATE_JS = """() => ['h1', 'a'].map((sel) => {
  const el = document.querySelector(sel), s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineColor, el.getAttribute('style')]; })"""


@pytest.mark.browser
def test_outline_works_under_a_strict_csp_and_leaves_no_trace(
    browser: Any, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    url = serve(write_pages({"index.html": CSP_PAGE})) + "index.html"
    page = browser.new_page()
    try:
        page.goto(url)
        assert page.evaluate(OUTLINE_JS) == 2
        outlined = page.evaluate(OUTLINE_STATE_JS)
        assert [state[:2] for state in outlined] == [["solid", "rgb(214, 0, 122)"]] * 2
        page.evaluate(UNOUTLINE_JS)
        restored = page.evaluate(OUTLINE_STATE_JS)
        assert restored[0][0] == restored[1][0] == "none"
        assert restored[0][2] == "color: navy" and restored[1][2] is None
    finally:
        page.close()


@pytest.mark.browser
def test_text_inserted_by_javascript_is_in_the_rendered_dom(
    renderer: Renderer, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    root = write_pages({"index.html": JS_SHELL})
    assert "<h1>" not in (root / "index.html").read_text().split("<script>")[0]
    rendered = renderer.render(serve(root) + "index.html")
    fetched = to_fetched(rendered)
    assert fetched.error is None and fetched.status == 200 and fetched.body is not None
    body = fetched.body.decode()
    assert '<h1 data-sitekit-vp="1366x768 390x844">Fresh flowers at her door by 5 pm</h1>' in body
    assert 'data-sitekit-cta="primary" data-sitekit-vp="1366x768 390x844">Order now</a>' in body


@pytest.mark.browser
def test_failures_become_errors_not_crashes(
    renderer: Renderer, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    base = serve(write_pages({"data.json": '{"a": 1}', "index.html": RESPONSIVE}))
    missing = renderer.render(base + "missing.html")
    assert missing.status == 404 and missing.error is None  # the 404 page itself is rendered
    not_html = renderer.render(base + "data.json")
    assert not_html.error is not None and "not HTML" in not_html.error
    assert to_fetched(not_html).body is None
    unreachable = renderer.render("http://127.0.0.1:9/")
    assert unreachable.error is not None and unreachable.error.startswith("render failed")
    assert renderer.render(base + "index.html").error is None  # still usable afterwards


class _SlowImageHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder, but answers /slow.svg only after SLOW_SECONDS."""

    def do_GET(self) -> None:
        if self.path.startswith("/slow.svg"):
            time.sleep(SLOW_SECONDS)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


SLOW_SECONDS = 4.0


@pytest.mark.browser
def test_a_slow_asset_does_not_lose_the_page(
    chromium: str, write_pages: Callable[..., Path]
) -> None:
    root = write_pages(
        {
            "index.html": RESPONSIVE.replace("</h1>", '</h1><img src="slow.svg" alt="">'),
            "slow.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        }
    )
    handler = functools.partial(_SlowImageHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        with Renderer(chromium, timeout=1.0) as renderer:  # `load` waits for slow.svg
            page = renderer.render(url)
    finally:
        server.shutdown()
        server.server_close()
    assert page.error is None, page.error
    assert (
        '<h1 data-sitekit-vp="1366x768 390x844">Get paid twice as fast</h1>' in page.html.decode()
    )


@pytest.mark.browser
def test_render_pages_reuses_one_browser_and_leaves_no_process(
    chromium: str, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    base = serve(write_pages({"a.html": RESPONSIVE, "b.html": JS_SHELL}))
    before = chromium_descendants()
    seen_during: set[int] = set()
    urls = []
    for page in render_pages([base + "a.html", base + "b.html"], chromium, timeout=15):
        seen_during |= chromium_descendants() - before
        urls.append(page.final_url)
    assert urls == [base + "a.html", base + "b.html"]
    assert seen_during, "expected a Chromium process while rendering"
    assert chromium_descendants() - before == set()


def test_missing_browser_names_the_install_commands(tmp_path: Path) -> None:
    with pytest.raises(SitekitError) as caught:
        find_browser(str(tmp_path / "no-chromium"))
    message = caught.value.message
    assert "no Chromium at" in message and str(tmp_path / "no-chromium") in message
    assert "pip install 'sitekit[render]'" in message and "apt-get install chromium" in message


def test_browser_comes_from_option_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setenv("SITEKIT_CHROMIUM", str(fake))
    assert find_browser() == str(fake)
    other = tmp_path / "other"
    other.write_text("")
    assert find_browser(str(other)) == str(other)


def test_viewport_marks_match_mobile_elements_by_key_and_occurrence() -> None:
    desktop = [("H1|Hi|", True), ("A|Go|/x", True), ("A|Go|/x", False), ("P|far|", False)]
    mobile = [("H1|Hi|", True), ("P|new|", True), ("A|Go|/x", False), ("A|Go|/x", True)]
    assert viewport_marks(desktop, mobile) == [
        ["1366x768", "390x844"],
        ["1366x768"],
        ["390x844"],
        [],
    ]


def test_missing_playwright_names_the_install_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import now fails
    with pytest.raises(SitekitError) as caught, Renderer(str(fake)):
        pass
    assert "rendered audits need Playwright" in caught.value.message
    assert "pip install 'sitekit[render]'" in caught.value.message
