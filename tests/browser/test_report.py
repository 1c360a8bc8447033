"""The HTML report as a client sees it, in the real browser. The example site, audited rendered
(so the entry page's first screen is in the report), and the failing example (many fixes): the
report's first screen at a laptop's and a phone's size shows the site score, the four criteria
and the three fixes to make first; axe-core finds nothing serious; it prints to PDF. The
example's two screenshots are saved to docs/screenshots/ for the README."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_axe import BLOCKING, build

from sitekit.audit.report_data import to_dict
from sitekit.report import format_report
from sitekit.report.summary import top_fixes
from sitekit.report.terminal import entry_fixes

REPO = Path(__file__).resolve().parents[2]
FAILING = REPO / "tests" / "failing_site"
SHOTS = REPO / "docs" / "screenshots"
VIEWPORTS = ((1366, 768), (390, 844))

pytestmark = pytest.mark.browser


def audit(url: str, chromium: str, render: bool) -> dict[str, Any]:
    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.settings import CrawlSettings

    settings = CrawlSettings(max_pages=10, allow_private=True)
    report = run_audit(
        url, profile=load_profile(), settings=settings, render=render, browser=chromium
    )
    return to_dict(report)


def inside(box: dict[str, float] | None, width: int, height: int) -> bool:
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


def publish(data: dict[str, Any], serve: Callable[[Path], str], folder: Path) -> str:
    folder.mkdir()
    (folder / "report.html").write_text(format_report(data, "html"), "utf-8")
    return serve(folder) + "report.html"


def first_screen(browser: Any, url: str, fixes: int, axe_js: Path, save: bool) -> None:
    """At each viewport: score, criteria and `fixes` top fixes wholly in view; axe clean."""
    for width, height in VIEWPORTS:
        phone = width < 500
        context = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=phone,
            has_touch=phone,
            bypass_csp=True,  # to inject axe-core: the report itself allows no script
        )
        try:
            page = context.new_page()
            page.goto(url, wait_until="load")
            score = page.locator(".summary .big").first
            assert score.inner_text().strip().isdigit()
            assert inside(score.bounding_box(), width, height), f"site score at {width}px"
            names = page.locator(".summary .crit li")
            assert names.count() == 4
            for n in range(4):
                assert inside(names.nth(n).bounding_box(), width, height), f"criterion {n}"
            items = page.locator("#top-fixes li")
            assert items.count() == fixes
            for n in range(fixes):
                assert inside(items.nth(n).bounding_box(), width, height), f"fix {n + 1}"
            if save:
                page.screenshot(path=str(SHOTS / f"report-{width}x{height}.png"))
            page.add_script_tag(path=str(axe_js))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
        finally:
            context.close()
        serious = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]
            if v["impact"] in BLOCKING
        ]
        assert not serious, f"at {width}px: {serious}"


def test_the_example_report_first_screen_axe_and_pdf(
    browser: Any, chromium: str, serve: Callable[[Path], str], axe_js: Path, tmp_path: Path
) -> None:
    data = audit(serve(build(REPO, tmp_path / "site")), chromium, render=True)
    expected = top_fixes(data, entry_fixes(data))
    assert 2 <= len(expected) <= 3  # served, /privacy/ (linked from nowhere) is not crawled
    url = publish(data, serve, tmp_path / "report")
    SHOTS.mkdir(parents=True, exist_ok=True)
    first_screen(browser, url, len(expected), axe_js, save=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(url, wait_until="load")
        # the entry page's first screen comes right after the summary, as an image
        shot = page.locator("main > figure img").first
        assert (shot.get_attribute("src") or "").startswith("data:image/")
        assert shot.evaluate("img => img.naturalWidth") > 0
        assert page.locator("details").first.evaluate("d => d.open") is False
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.close()
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 < pages <= 12, pages


def test_three_fixes_in_the_first_screen_of_a_failing_site(
    browser: Any, chromium: str, serve: Callable[[Path], str], axe_js: Path, tmp_path: Path
) -> None:
    data = audit(serve(build(FAILING, tmp_path / "site")), chromium, render=False)
    assert len(top_fixes(data, entry_fixes(data))) == 3
    first_screen(browser, publish(data, serve, tmp_path / "report"), 3, axe_js, save=False)
