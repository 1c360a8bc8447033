"""Theme lookup: site templates override, site-local themes with parents, errors located."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from sitekit.build.config import load_config
from sitekit.build.site import build_site
from sitekit.build.themes import load_theme
from sitekit.cli import main
from sitekit.errors import ConfigError
from sitekit.resources import themes_dir

PAGE = "---\nbenefit: Fresh bread at 7 am\ncta: {label: Order a free sample, url: /#s}\n---\n"


def make_site(root: Path, theme: str = "default") -> Path:
    (root / "content").mkdir(parents=True)
    (root / "sitekit.toml").write_text(f'[site]\nname = "Bakery"\ntheme = "{theme}"\n')
    (root / "content" / "index.md").write_text(PAGE)
    return root


def test_site_template_overrides_one_theme_template(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text(
        '<footer class="mine">Open 7-19</footer>'
    )
    build_site(load_config(site))
    html = BeautifulSoup((site / "_site" / "index.html").read_text(), "lxml")
    assert html.find("footer")["class"] == ["mine"]
    assert html.find("h1").get_text() == "Fresh bread at 7 am"  # the rest is the theme's


def test_site_local_theme_falls_back_to_default(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", theme="warm")
    theme = site / "themes" / "warm"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "theme.toml").write_text('name = "warm"\nparent = "default"\n')
    (theme / "static" / "style.css").write_text("body{background:#fffaf0}")
    (theme / "templates" / "page.html").write_text("unused")
    resolved = load_theme(load_config(site))
    assert resolved.folders == (theme.resolve(), themes_dir() / "default")
    build_site(load_config(site))
    out = site / "_site"
    css = next(out.glob("style.*.css")).read_text()
    assert css == "body{background:#fffaf0}"  # the theme's static file wins over default's
    assert (out / "favicon.ico").is_file()  # inherited from the default theme
    html = BeautifulSoup((out / "index.html").read_text(), "lxml")
    assert html.find("h1").get_text() == "Fresh bread at 7 am"  # default landing.html


def test_missing_theme_is_a_located_config_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", theme="nope")
    with pytest.raises(ConfigError) as info:
        build_site(load_config(site))
    assert str(info.value.diagnostics[0]).startswith("sitekit.toml:3: theme 'nope' not found")


def test_unknown_page_template_names_the_field_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "content" / "about.md").write_text("---\ntitle: About\ntemplate: fancy\n---\n")
    result = CliRunner().invoke(main, ["build", str(site)])
    assert result.exit_code == 2
    assert "content/about.md:3: error: template 'fancy' not found" in result.output


def test_runtime_template_error_names_template_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "templates").mkdir()
    (site / "templates" / "landing.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}\n<h1>{{ page.benefit }}</h1>\n"
        "{{ page.no_such_field }}\n{% endblock %}\n"
    )
    result = CliRunner().invoke(main, ["build", str(site)])
    assert result.exit_code == 2
    assert (
        "templates/landing.html:4: error: template error while rendering "
        "content/index.md" in result.output
    )


def test_default_theme_page_is_accessible_by_construction(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    build_site(load_config(site))
    html = BeautifulSoup((site / "_site" / "index.html").read_text(), "lxml")
    assert html.find("html")["lang"] == "en"
    assert html.find("a", class_="skip")["href"] == "#main"
    for landmark in ("header", "main", "footer"):
        assert html.find(landmark) is not None
    assert html.find("meta", attrs={"name": "viewport"}) is not None
    assert html.find("link", rel="icon") is not None
    assert not html.find_all("script", src=True)  # no JavaScript needed


@pytest.mark.browser
def test_example_home_page_fits_a_phone(tmp_path: Path, browser: Any, serve: Any) -> None:
    """Real Chromium at 390x844: no sideways scroll, body text >= 16px, h1 and CTA on screen."""
    repo = Path(__file__).resolve().parent.parent
    site = tmp_path / "example"
    shutil.copytree(repo / "content", site / "content")
    shutil.copytree(repo / "static", site / "static")
    shutil.copy(repo / "sitekit.toml", site / "sitekit.toml")
    build_site(load_config(site))
    url = serve(site / "_site")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font >= 16
        for selector in ("h1", "[data-sitekit-cta=primary]"):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, selector
    finally:
        page.close()
