"""The story, welcome, referral and stories-index templates in a real Chromium, at 390x844 and
1366x768: the h1 in the first screen, no horizontal scrolling, axe-core clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_axe import axe_violations, build
from tests.browser.test_built_pages import outside_first_screen

REPO = Path(__file__).resolve().parents[2]
PAGES = {  # the example site's page of each kind
    "story": "stories/alberta-street-cafe/index.html",
    "welcome": "welcome/index.html",
    "referral": "refer/index.html",
    "stories": "stories/index.html",
}
VIEWPORTS = {"390x844": (390, 844, True), "1366x768": (1366, 768, False)}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("kinds") / "site")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_each_kind_has_its_h1_in_the_first_screen_and_is_axe_clean(
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
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile
    )
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200
        shot = tmp_path / f"{kind}-{viewport}.png"
        page.screenshot(path=str(shot))
        assert outside_first_screen(page, "h1") == "", f"{kind} at {viewport}: see {shot}"
        assert page.locator("h1").count() == 1
        scroll, inner = page.evaluate(
            "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"{kind} at {viewport}: scrolls sideways ({scroll} > {inner})"
    finally:
        context.close()
    found = axe_violations(browser, url, axe_js, {"width": width, "height": height})
    assert not found, "\n".join(found)
