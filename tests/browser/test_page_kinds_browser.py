"""The story, welcome, referral and stories-index templates in a real Chromium, at 390x844 and
1366x768, with JavaScript on and off: the h1 and the page's call to action (a welcome page's
first step) in the first screen, no horizontal scrolling, axe-core clean. The first screens
(JavaScript on) are saved to docs/screenshots/ for the README."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_axe import axe_violations, build
from tests.browser.test_built_pages import outside_first_screen

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "screenshots"
PAGES = {  # the example site's page of each kind
    "story": "stories/alberta-street-cafe/index.html",
    "welcome": "welcome/index.html",
    "referral": "refer/index.html",
    "stories": "stories/index.html",
}
# what must be in the first screen besides the h1: the CTA; on a welcome page (a customer who
# has just bought: no CTA up front) the first step of what happens next
FIRST_SCREEN = {
    "story": '[data-sitekit-cta="primary"]',
    "welcome": ".timeline li",
    "referral": '[data-sitekit-cta="primary"]',
    "stories": '[data-sitekit-cta="primary"]',
}
VIEWPORTS = {"390x844": (390, 844, True), "1366x768": (1366, 768, False)}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("kinds") / "site")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_each_kind_has_its_h1_and_cta_in_the_first_screen_and_is_axe_clean(
    browser: Any,
    serve: Callable[[Path], str],
    axe_js: Path,
    built: Path,
    kind: str,
    viewport: str,
    tmp_path: Path,
) -> None:
    width, height, mobile = VIEWPORTS[viewport]
    url = serve(built) + PAGES[kind]
    for js in (False, True):  # the last run, JavaScript on, is the published screenshot
        context = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=mobile,
            has_touch=mobile,
            java_script_enabled=js,
        )
        try:
            page = context.new_page()
            response = page.goto(url, wait_until="load")
            assert response is not None and response.status == 200
            said = f"{kind} at {viewport}, JavaScript {'on' if js else 'off'}"
            shot = tmp_path / f"{kind}-{viewport}-{js}.png"
            page.screenshot(path=str(shot))
            for selector in ("h1", FIRST_SCREEN[kind]):
                assert outside_first_screen(page, selector) == "", f"{said}: see {shot}"
            assert page.locator("h1").count() == 1
            assert page.locator("[data-cta-bar]:visible").count() == 0, f"{said}: CTA bar shown"
            scroll, inner = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            assert scroll <= inner, f"{said}: scrolls sideways ({scroll} > {inner})"
        finally:
            context.close()
    found = axe_violations(browser, url, axe_js, {"width": width, "height": height})
    assert not found, "\n".join(found)
    SHOTS.mkdir(parents=True, exist_ok=True)
    published = SHOTS / f"{kind}-{viewport}.png"
    published.write_bytes(shot.read_bytes())
    assert published.read_bytes()[1:4] == b"PNG" and published.stat().st_size > 10_000
