"""`run_audit(render=True)` sees what a browser shows: JS-inserted text and real layout."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sitekit.models import AuditReport, PageResult

pytestmark = pytest.mark.browser

HEAD = (
    '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    "<style>body{margin:0;font:18px/1.5 sans-serif} main,header{padding:0 16px}"
    " .button{display:inline-block;padding:12px 20px;background:#0b57d0;color:#fff}"
    " .hero{display:block;width:100%;height:1200px}</style>"
)
HEADER = (
    '<header><a href="/">Ledgerly</a><nav><a href="/pricing/">Pricing</a> '
    '<a href="/how-it-works/">How it works</a> <a href="/contact/">Contact</a></nav></header>'
)
HERO = '<img class="hero" src="hero.svg" alt="" width="1200" height="1200">'
HERO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1200">'
    '<rect width="1200" height="1200" fill="#cde"/></svg>'
)
BENEFIT = "<h1>Get paid twice as fast</h1><p>Send invoices your clients pay in one click.</p>"
CTA = '<p><a class="button" href="/trial/" data-sitekit-cta="primary">Start your free trial</a></p>'
PROOF = (
    "<section><h2>What customers say</h2><blockquote><p>We were paid in 9 days instead of 31."
    "</p></blockquote><p>Dana Reyes, owner, Reyes Plumbing</p></section>"
)


def landing(main: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head>{HEAD}<title>Ledgerly: get paid twice as fast'
        f"</title></head><body>{HEADER}<main>{main}</main>"
        "<footer><p>Ledgerly, 1 Main St</p></footer></body></html>"
    )


# The same offer, but the heading and the CTA only exist once a script has run.
JS_SHELL = landing(
    '<div id="app"></div><script>document.getElementById("app").innerHTML = '
    + json.dumps(BENEFIT + CTA + PROOF)
    + ";</script>"
)


def audit(url: str, render: bool, chromium: str) -> AuditReport:
    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.settings import CrawlSettings

    settings = CrawlSettings(max_pages=1, allow_private=True, use_sitemaps=False)
    return run_audit(
        url, profile=load_profile(), settings=settings, render=render, browser=chromium
    )


def criterion(page: PageResult, name: str) -> float:
    """The page's score on one criterion; 0 when the page could not be audited at all."""
    return page.criteria[name].score if page.auditable and name in page.criteria else 0.0


def test_rendered_audit_finds_text_that_javascript_inserts(
    chromium: str, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    from sitekit.errors import NothingAuditedError

    url = serve(write_pages({"index.html": JS_SHELL})) + "index.html"
    try:
        static = audit(url, render=False, chromium=chromium).pages[0]
    except NothingAuditedError:  # the static audit saw an empty JS shell: it missed it all
        static = PageResult(url, 200, None, auditable=False, reason="nothing audited")
    rendered = audit(url, render=True, chromium=chromium).pages[0]
    assert rendered.auditable and rendered.score is not None
    for name in ("benefit", "next_step"):
        assert criterion(rendered, name) > criterion(static, name) + 20, (
            name,
            criterion(static, name),
            criterion(rendered, name),
            static.reason,
        )
    assert criterion(rendered, "benefit") >= 70 and criterion(rendered, "next_step") >= 60
    assert set(rendered.screenshots) == {"1366x768", "390x844"}
    assert all(uri.startswith("data:image/jpeg;base64,") for uri in rendered.screenshots.values())


def test_rendered_audit_scores_a_cta_below_the_fold_lower(
    chromium: str, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    base = serve(
        write_pages(
            {
                "in-view.html": landing(BENEFIT + CTA + HERO + PROOF),
                "below-fold.html": landing(BENEFIT + HERO + CTA + PROOF),
                "hero.svg": HERO_SVG,
            }
        )
    )
    rendered = {
        name: audit(base + name, render=True, chromium=chromium).pages[0]
        for name in ("in-view.html", "below-fold.html")
    }
    static = {
        name: audit(base + name, render=False, chromium=chromium).pages[0]
        for name in ("in-view.html", "below-fold.html")
    }
    in_view, below = rendered["in-view.html"], rendered["below-fold.html"]
    assert criterion(below, "next_step") < criterion(in_view, "next_step") - 10, (
        criterion(below, "next_step"),
        criterion(in_view, "next_step"),
    )
    assert criterion(below, "benefit") == criterion(in_view, "benefit")  # the h1 is in view
    # Without a browser the two pages read the same: the image has no words to push with.
    assert criterion(static["below-fold.html"], "next_step") == criterion(
        static["in-view.html"], "next_step"
    )


def test_html_report_embeds_the_entry_page_screenshots_only_when_rendered(
    chromium: str, serve: Callable[[Path], str], write_pages: Callable[..., Path], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from sitekit.cli import main

    second = '<p><a href="/more.html">See our prices</a></p>'
    pages = {"index.html": landing(BENEFIT + CTA + PROOF + second), "more.html": landing(CTA)}
    url = serve(write_pages(pages))
    reports = {}
    for name, extra in (("static", []), ("rendered", ["--render", "--browser", chromium])):
        out = tmp_path / f"{name}.html"
        args = ["audit", url, "--format", "html", "-o", str(out), "--max-pages", "2", "-q"]
        result = CliRunner().invoke(main, args + extra)
        assert result.exit_code == 0, result.output
        reports[name] = out.read_text(encoding="utf-8")
    assert "data:image/" not in reports["static"]
    rendered = reports["rendered"]
    assert f"{url}more.html" in rendered  # two pages audited, screenshots of the entry only
    assert rendered.count('<img src="data:image/jpeg;base64,') == 2
    assert f'alt="The first screen of {url} at 1366x768"' in rendered
    assert f'alt="The first screen of {url} at 390x844"' in rendered


def test_a_preloader_page_is_low_confidence_until_rendered(
    chromium: str, serve: Callable[[Path], str], write_pages: Callable[..., Path]
) -> None:
    """The hand-made preloader page (tests/data/preloader): the static audit reads the loader
    and says so; the rendered one reads the page the script shows, at high confidence."""
    page = (Path(__file__).parent.parent / "data" / "preloader" / "preloader.html").read_text()
    url = serve(write_pages({"index.html": page})) + "index.html"
    static = audit(url, render=False, chromium=chromium).pages[0]
    assert static.confidence == "low"
    assert "until a script shows it" in static.confidence_reasons[0]
    rendered = audit(url, render=True, chromium=chromium).pages[0]
    assert not any("until a script shows it" in r for r in rendered.confidence_reasons)
    assert rendered.confidence == "high"
    for name in ("benefit", "findability", "next_step"):
        assert criterion(rendered, name) > criterion(static, name) + 20, name
