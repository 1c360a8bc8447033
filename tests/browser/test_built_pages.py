"""Built landing pages (example and `new` site) on a real screen: fold, overflow, type, keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
VIEWPORTS = {"1366x768": (1366, 768, False), "390x844": (390, 844, True)}
MIN_BODY_PX = 14.0
# Tab presses to reach the CTA: the skip link, the brand link, at most 8 nav items (the
# criteria's upper bound for a navigation), then the CTA.
MAX_TABS_TO_CTA = 1 + 1 + 8 + 1

pytestmark = pytest.mark.browser


def landing_output_paths(site_dir: Path) -> list[str]:
    """Output paths ("index.html", "pricing/index.html") of the site's landing pages."""
    from sitekit.build.config import load_config
    from sitekit.build.content import load_page
    from sitekit.build.sources import content_files

    config = load_config(site_dir)
    files, _ = content_files(config)
    found = []
    for path in files:
        rel_in_content = path.relative_to(config.content_dir).as_posix()
        rel = path.relative_to(config.root).as_posix()
        page, _ = load_page(path.read_text(encoding="utf-8"), rel, rel_in_content)
        if page is not None and page.is_landing and not page.draft:
            found.append(page.output_path)
    return sorted(found)


@pytest.fixture(scope="module", params=["example", "new"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site at the repository root, or a fresh `sitekit new` site."""
    from sitekit.build.scaffold import scaffold_site

    if request.param == "example":
        return REPO
    fresh = tmp_path_factory.mktemp("new") / "site"
    scaffold_site(fresh)
    return fresh


@pytest.fixture(scope="module")
def built_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`site` built into a temporary folder."""
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    out = tmp_path_factory.mktemp("built") / "site"
    build_site(load_config(site), out_dir=out)
    return out


@pytest.fixture(scope="module")
def landing_pages(site: Path) -> list[str]:
    pages = landing_output_paths(site)
    assert "index.html" in pages, f"the home page should be a landing page: {pages}"
    return pages


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """open_page(url, viewport_name, js=True) -> a loaded Playwright page; closed afterwards."""
    contexts: list[Any] = []

    def _open(url: str, viewport: str, js: bool = True) -> Any:
        width, height, mobile = VIEWPORTS[viewport]
        context = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=mobile,
            has_touch=mobile,
            java_script_enabled=js,
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        return page

    yield _open
    for context in contexts:
        context.close()


def outside_first_screen(page: Any, selector: str) -> str:
    """'' when the first element matching `selector` lies entirely in the first screen."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    locator = page.locator(selector).first
    if locator.count() == 0:
        return f"no {selector}"
    box = locator.bounding_box()
    if box is None or not locator.is_visible():
        return f"{selector} is hidden"
    inside = (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )
    return "" if inside else f"{selector} at {box} is not inside {width}x{height}"


CTA = '[data-sitekit-cta="primary"]'


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_benefit_and_cta_fill_the_first_screen(
    built_site: Path,
    landing_pages: list[str],
    serve: Callable[[Path], str],
    open_page: Callable[..., Any],
    viewport: str,
    js: bool,
    tmp_path: Path,
) -> None:
    base = serve(built_site)
    problems = []
    for rel in landing_pages:
        page = open_page(base + rel, viewport, js=js)
        for selector in ("h1", CTA):
            problem = outside_first_screen(page, selector)
            if problem:
                shot = tmp_path / f"{rel.replace('/', '_')}-{viewport}.png"
                page.screenshot(path=str(shot))
                problems.append(f"{rel}: {problem} (screenshot {shot})")
        assert page.locator("h1").first.inner_text().strip(), f"{rel}: empty h1"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_horizontal_scrolling_and_legible_body_text(
    built_site: Path,
    landing_pages: list[str],
    serve: Callable[[Path], str],
    open_page: Callable[..., Any],
    viewport: str,
) -> None:
    base = serve(built_site)
    problems = []
    for rel in landing_pages:
        page = open_page(base + rel, viewport)
        scroll_width, inner_width = page.evaluate(
            "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            problems.append(f"{rel}: scrollWidth {scroll_width} > innerWidth {inner_width}")
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('main p, main li'))
                 .filter((el) => el.textContent.trim() && el.checkVisibility())
                 .map((el) => [el.tagName + ' ' + el.textContent.trim().slice(0, 30),
                               parseFloat(getComputedStyle(el).fontSize)])"""
        )
        assert sizes, f"{rel}: no visible p/li text in <main>"
        problems += [f"{rel}: {what!r} is {px}px" for what, px in sizes if px < MIN_BODY_PX]
    assert not problems, "\n".join(problems)


FOCUS_STYLE_JS = """(el) => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); }"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_cta_is_reached_early_by_keyboard_with_visible_focus_and_activates(
    built_site: Path,
    landing_pages: list[str],
    serve: Callable[[Path], str],
    open_page: Callable[..., Any],
    viewport: str,
) -> None:
    base = serve(built_site)
    for rel in landing_pages:
        page = open_page(base + rel, viewport)
        cta = page.locator(CTA).first
        unfocused = cta.evaluate(FOCUS_STYLE_JS)
        order = []
        for _ in range(MAX_TABS_TO_CTA):
            page.keyboard.press("Tab")
            order.append(
                page.evaluate(
                    """() => { const el = document.activeElement;
                       return [el.tagName, (el.textContent || '').trim().slice(0, 40),
                               el.getAttribute('href') || '',
                               el.getAttribute('data-sitekit-cta') || '',
                               !!el.closest('nav')]; }"""
                )
            )
            if order[-1][3] == "primary":
                break
        tag, text, href, _, _ = order[0]
        assert tag == "A" and href.startswith("#") and "skip" in text.lower(), (
            f"{rel}: the first Tab should reach a skip link, got {order[0]}"
        )
        assert order[-1][3] == "primary", (
            f"{rel}: CTA not reached in {MAX_TABS_TO_CTA} Tab presses: {order}"
        )
        before_cta = order[1:-1]
        assert all(in_nav or t == "A" for t, _, _, _, in_nav in before_cta), before_cta
        focused = cta.evaluate(FOCUS_STYLE_JS)
        assert focused != unfocused, f"{rel}: no visible focus style on the CTA ({focused})"
        outline_style, outline_width, _, shadow = (p.strip() for p in focused.split("|"))
        assert (outline_style != "none" and outline_width != "0px") or shadow != "none"
        assert_enter_activates(page, cta, base)


def assert_enter_activates(page: Any, cta: Any, base: str) -> None:
    """Enter on the focused CTA follows it (same site) or fires its click (tel:, mailto:)."""
    target = cta.evaluate("(el) => el.href")
    if target.startswith(base):
        page.keyboard.press("Enter")
        page.wait_for_url(target)
        assert page.url == target
        return
    cta.evaluate(
        """(el) => el.addEventListener('click', (event) => {
             window.sitekitActivated = el.href; event.preventDefault(); })"""
    )
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.sitekitActivated") == target
