"""axe-core finds no serious or critical violation on any built page (example and `new` site)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCKING = ("serious", "critical")

pytestmark = pytest.mark.browser


def build(site_dir: Path, out: Path) -> Path:
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    return build_site(load_config(site_dir), out_dir=out).out_dir


def built_pages(out_dir: Path) -> list[str]:
    """Every built HTML page, as a path relative to the output folder."""
    return sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.html"))


def axe_violations(browser: Any, url: str, axe_js: Path, viewport: dict[str, int]) -> list[str]:
    """'id (impact): target' for each serious or critical axe-core violation on `url`."""
    context = browser.new_context(bypass_csp=True, viewport=viewport)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.add_script_tag(path=str(axe_js))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def assert_axe_clean(browser: Any, base: str, out_dir: Path, axe_js: Path) -> None:
    pages = built_pages(out_dir)
    assert "index.html" in pages, pages
    problems = []
    for rel in pages:
        for viewport in ({"width": 1366, "height": 768}, {"width": 390, "height": 844}):
            found = axe_violations(browser, base + rel, axe_js, viewport)
            problems += [f"{rel} at {viewport['width']}px: {v}" for v in found]
    assert not problems, "\n".join(problems)


def test_example_site_has_no_serious_axe_violations(
    browser: Any, serve: Callable[[Path], str], axe_js: Path, tmp_path: Path
) -> None:
    out = build(REPO, tmp_path / "site")
    assert_axe_clean(browser, serve(out), out, axe_js)


def test_new_site_has_no_serious_axe_violations(
    browser: Any, serve: Callable[[Path], str], axe_js: Path, tmp_path: Path
) -> None:
    from sitekit.build.scaffold import scaffold_site

    scaffold_site(tmp_path / "new-site")
    out = build(tmp_path / "new-site", tmp_path / "new-site-out")
    assert_axe_clean(browser, serve(out), out, axe_js)
