"""The default theme's look as data: hero image (size, srcset, loading), trust strip, [theme]
accent and font (contrast checked), page language and direction, the mobile CTA bar. Real
files built in tmp_path; every bad value is a located error."""

from __future__ import annotations

import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from sitekit.build.config import load_config
from sitekit.build.language import direction, is_language_tag
from sitekit.build.site import build_site
from sitekit.build.theme_settings import contrast
from sitekit.cli import main
from sitekit.errors import ConfigError, ContentError

CONFIG = '[site]\nname = "Bakery"\nbase_url = "https://bakery.example"\n'
LANDING = """\
---
benefit: Fresh bread at your door by 7 am
summary: Order by 9 pm, wake up to a warm loaf.
cta: {label: Try a free loaf, url: /#order}
"""


def png(path: Path, width: int, height: int) -> Path:
    """A real (tiny, one-colour) PNG of the given size."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\0" + b"\xcc" * (width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def site(tmp_path: Path, front: str = "", body: str = "", config: str = CONFIG) -> Path:
    root = tmp_path / "s"
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "sitekit.toml").write_text(config)
    (root / "content" / "index.md").write_text(LANDING + front + "---\n" + body)
    return root


def build(root: Path) -> BeautifulSoup:
    build_site(load_config(root))
    return BeautifulSoup((root / "_site" / "index.html").read_text(), "lxml")


def errors_of(root: Path) -> list[tuple[str, str | None, str]]:
    with pytest.raises((ContentError, ConfigError)) as caught:
        build_site(load_config(root))
    return [
        (str(d.location), d.field, d.message)
        for d in caught.value.diagnostics
        if d.level == "error"
    ]


# --------------------------------------------------------------------------- hero image


def test_hero_image_gets_size_srcset_and_loads_first(tmp_path: Path) -> None:
    root = site(tmp_path, "hero_image:\n  src: /img/bread.png\n  alt: A warm loaf on a board\n")
    png(root / "static" / "img" / "bread.png", 1200, 800)
    png(root / "static" / "img" / "bread-600w.png", 600, 400)
    png(root / "static" / "img" / "other-300w.png", 300, 200)  # another image's variant
    html = build(root)
    img = html.select_one(".hero-media img")
    assert img["src"] == "/img/bread.png"
    assert img["width"] == "1200" and img["height"] == "800"
    assert img["srcset"] == "/img/bread-600w.png 600w, /img/bread.png 1200w"
    assert img["sizes"]
    assert img["alt"] == "A warm loaf on a board"
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    # the hero image is the social image when no `image` is given
    assert (
        html.find("meta", property="og:image")["content"] == "https://bakery.example/img/bread.png"
    )
    # the h1 and the CTA come before the image, so a phone shows them first
    order = [el.name for el in html.select_one(".hero").find_all(["h1", "a", "img"])]
    assert order.index("h1") < order.index("a") < order.index("img")


def test_svg_hero_has_its_size_and_no_srcset(tmp_path: Path) -> None:
    root = site(tmp_path, "hero_image: {src: /i/a.svg, alt: A loaf}\n")
    (root / "static" / "i").mkdir(parents=True)
    (root / "static" / "i" / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"></svg>'
    )
    img = build(root).select_one(".hero-media img")
    assert (img["width"], img["height"]) == ("640", "480") and not img.get("srcset")


@pytest.mark.parametrize(
    ("front", "line", "field", "words"),
    [
        ("hero_image:\n  src: /img/bread.png\n", 5, "hero_image", "needs 'alt'"),
        ("hero_image:\n  src: /img/bread.png\n  alt: ''\n", 7, "hero_image.alt", "needs 'alt'"),
        ("hero_image: /img/bread.png\n", 5, "hero_image", "alt text is required"),
        (
            "hero_image:\n  src: https://cdn.example/b.png\n  alt: A loaf\n",
            6,
            "hero_image.src",
            "static/",
        ),
        (
            "hero_image:\n  src: /img/bread.txt\n  alt: A loaf\n",
            6,
            "hero_image.src",
            "not an image",
        ),
        (
            "hero_image:\n  src: /img/missing.png\n  alt: A loaf\n",
            6,
            "hero_image.src",
            "not a file",
        ),
    ],
)
def test_hero_image_problems_are_located(
    tmp_path: Path, front: str, line: int, field: str, words: str
) -> None:
    root = site(tmp_path, front)
    png(root / "static" / "img" / "bread.png", 100, 80)
    found = errors_of(root)
    assert len(found) == 1, found
    where, got_field, message = found[0]
    assert where == f"content/index.md:{line}" and got_field == field, found[0]
    assert words in message, found[0]


def test_body_images_are_lazy_and_keep_their_place(tmp_path: Path) -> None:
    root = site(
        tmp_path, body="![The oven](/img/oven.png)\n\n![Far away](https://x.example/a.png)\n"
    )
    png(root / "static" / "img" / "oven.png", 320, 240)
    local, remote = build(root).select(".body img")
    assert (local["width"], local["height"], local["loading"]) == ("320", "240", "lazy")
    assert local["alt"] == "The oven"
    assert remote["loading"] == "lazy" and not remote.get("width")


def test_a_changed_image_rerenders_the_cached_page(tmp_path: Path) -> None:
    root = site(tmp_path, "hero_image: {src: /img/b.png, alt: A loaf}\n")
    image = png(root / "static" / "img" / "b.png", 100, 80)
    assert build(root).select_one(".hero-media img")["width"] == "100"
    png(image, 200, 160)
    os.utime(image, ns=(1, 1))  # a different stamp even on a coarse clock
    assert build(root).select_one(".hero-media img")["width"] == "200"


# --------------------------------------------------------------------------- trust strip


def test_trust_strip_shows_rating_customers_and_certifications(tmp_path: Path) -> None:
    front = (
        "trust:\n  rating: 4.8\n  reviews: 1250\n  rating_source: Google\n"
        "  customers: 3,200+\n  certifications: [Organic certified, Family bakery since 1952]\n"
    )
    html = build(site(tmp_path, front))
    strip = html.select_one("section.trust")
    assert strip["aria-label"] and strip["data-sitekit-src"] == "content/index.md:5"
    text = " ".join(strip.get_text(" ").split())
    assert "4.8 out of 5 · 1,250 reviews (Google)" in text
    assert "3,200+ customers" in text
    assert [b.get_text() for b in strip.select(".badge")] == [
        "Organic certified",
        "Family bakery since 1952",
    ]
    assert strip.select_one(".stars")["aria-hidden"] == "true"


@pytest.mark.parametrize(
    ("front", "field", "words"),
    [
        ("trust:\n  rating: 7\n", "trust.rating", "from 1 to 5"),
        ("trust:\n  rating: 4.5\n  reviews: many\n", "trust.reviews", "whole number"),
        ("trust:\n  reviews: 40\n", "trust.reviews", "needs trust.rating"),
        ("trust:\n  customers: lots\n", "trust.customers", "3200"),
        ("trust:\n  certifications: {a: b}\n", "trust.certifications", "list of short texts"),
        ("trust: great\n", "trust", "must be a mapping"),
    ],
)
def test_trust_problems_are_located(tmp_path: Path, front: str, field: str, words: str) -> None:
    found = errors_of(site(tmp_path, front))
    assert len(found) == 1, found
    where, got_field, message = found[0]
    assert where.startswith("content/index.md:") and got_field == field and words in message
    assert where in ("content/index.md:5", "content/index.md:6", "content/index.md:7")


# --------------------------------------------------------------------------- [theme]


def test_theme_accent_and_font_become_css_variables(tmp_path: Path) -> None:
    config = CONFIG + '[theme]\naccent = "#0B6E4F"\nfont = "old-style"\n'
    style = build(site(tmp_path, config=config)).find("style").get_text()
    assert "--act:#0b6e4f" in style and "--act-ink:#ffffff" in style
    assert '--font:"Iowan Old Style"' in style and style.rstrip("}").endswith("serif")


def test_a_font_family_name_gets_safe_fallbacks_and_nothing_remote(tmp_path: Path) -> None:
    config = CONFIG + '[theme]\nfont = "Atkinson Hyperlegible"\n'
    html = build(site(tmp_path, config=config))
    style = html.find("style").get_text()
    assert '--font:"Atkinson Hyperlegible",system-ui' in style
    assert not html.find("link", href=lambda h: h and "font" in h)


def test_no_theme_table_no_inline_style(tmp_path: Path) -> None:
    assert build(site(tmp_path)).find("style") is None


@pytest.mark.parametrize(
    ("theme", "line", "field", "words"),
    [
        ('accent = "#ffd400"', 5, "theme.accent", "on white"),
        ('accent = "#0b6e4f"\naccent_text = "#222222"', 6, "theme.accent_text", "text colour"),
        ('accent = "orange"', 5, "theme.accent", "hex colour"),
        ('font = "url(https://fonts.example/a.woff2)"', 5, "theme.font", "no remote fonts"),
    ],
)
def test_theme_problems_are_located_in_sitekit_toml(
    tmp_path: Path, theme: str, line: int, field: str, words: str
) -> None:
    root = site(tmp_path, config=CONFIG + "[theme]\n" + theme + "\n")
    found = errors_of(root)
    assert (f"sitekit.toml:{line}", field) in [(w, f) for w, f, _ in found], found
    assert any(words in message for _, _, message in found), found


def test_the_cli_prints_the_contrast_error_at_its_line(tmp_path: Path) -> None:
    root = site(tmp_path, config=CONFIG + '[theme]\naccent = "#ff9900"\n')
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 2
    assert "sitekit.toml:5: error: [theme] accent #ff9900 has a contrast of 2.14:1" in result.output
    assert result.output.count("error: [theme]") == 1  # white text: one problem, said once
    assert "Traceback" not in result.output


def test_contrast_matches_wcag() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic AA near miss
    assert contrast("#b8420a", "#fff") >= 4.5  # the default accent passes


# --------------------------------------------------------------------------- language, direction


def test_language_tags_and_direction() -> None:
    assert all(is_language_tag(t) for t in ("en", "ar", "pt-BR", "zh-Hant-TW", "az-Arab"))
    assert not any(is_language_tag(t) for t in ("english", "e", "en_US", "ar-", "12"))
    assert [direction(t) for t in ("ar", "he", "fa-IR", "ur", "yi", "az-Arab")] == ["rtl"] * 6
    assert [direction(t) for t in ("en", "de", "ku-Latn", "az", "pt-BR")] == ["ltr"] * 5


def test_a_page_in_another_language_gets_its_lang_and_dir(tmp_path: Path) -> None:
    root = site(tmp_path, "language: he\n")
    (root / "content" / "about.md").write_text("---\ntitle: About\n---\nPlain page.\n")
    html = build(root)
    assert html.html["lang"] == "he" and html.html["dir"] == "rtl"
    about = BeautifulSoup((root / "_site" / "about" / "index.html").read_text(), "lxml")
    assert about.html["lang"] == "en" and not about.html.get("dir")


def test_an_rtl_site_is_rtl_everywhere_and_a_page_can_be_ltr(tmp_path: Path) -> None:
    root = site(tmp_path, config=CONFIG.replace('"Bakery"', '"Bakery"\nlanguage = "ar"'))
    (root / "content" / "en.md").write_text("---\ntitle: In English\nlanguage: en\n---\nHi.\n")
    assert build(root).html["dir"] == "rtl"
    english = BeautifulSoup((root / "_site" / "en" / "index.html").read_text(), "lxml")
    assert english.html["lang"] == "en" and not english.html.get("dir")
    not_found = BeautifulSoup((root / "_site" / "404.html").read_text(), "lxml")
    assert not_found.html["lang"] == "ar" and not_found.html["dir"] == "rtl"


def test_bad_languages_are_located(tmp_path: Path) -> None:
    found = errors_of(site(tmp_path, "language: Arabic language\n"))
    assert found == [
        (
            "content/index.md:5",
            "language",
            "language 'Arabic language' is not a language tag: use a BCP 47 code like 'en', "
            "'ar', 'he' or 'pt-BR'",
        )
    ]
    root = site(tmp_path / "b", config=CONFIG.replace('"Bakery"', '"Bakery"\nlanguage = "en_US"'))
    assert [(w, f) for w, f, _ in errors_of(root)] == [("sitekit.toml:3", "site.language")]


def test_the_css_uses_logical_properties_only() -> None:
    """No left/right rule: a right-to-left page mirrors the whole layout."""
    css = (Path(__file__).resolve().parents[1] / "themes/default/static/style.css").read_text()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for side in ("-left", "-right", "left:", "right:", "text-align:left", "text-align:right"):
        assert side not in css, side


# --------------------------------------------------------------------------- CTA bar


def test_landing_page_has_a_cta_bar_that_is_off_without_javascript(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "content" / "about.md").write_text("---\ntitle: About\n---\nPlain page.\n")
    html = build(root)
    bar = html.select_one("[data-cta-bar]")
    assert bar.has_attr("hidden")  # shown only by the script
    link = bar.find("a")
    assert link["href"] == "/#order" and link.get_text() == "Try a free loaf"
    assert "IntersectionObserver" in html.find_all("script")[-1].get_text()
    about = BeautifulSoup((root / "_site" / "about" / "index.html").read_text(), "lxml")
    assert about.select_one("[data-cta-bar]") is None


def test_example_home_page_stays_small(tmp_path: Path) -> None:
    """A landing page under 30 KB before images: its HTML, CSS and script, all of it."""
    repo = Path(__file__).resolve().parents[1]
    out = tmp_path / "out"
    build_site(load_config(repo), out_dir=out)
    page = (out / "index.html").stat().st_size
    css = sum(p.stat().st_size for p in out.glob("style.*.css"))
    assert page + css < 30_000, (page, css)


def test_a_page_in_another_language_is_guarded_with_its_word_lists(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "content" / "de.md").write_text(
        "---\nlanguage: de\nbenefit: Willkommen bei der Bäckerei Sonne\n"
        "cta: {label: Gratis Probebrot holen, url: /}\n---\n"
    )
    result = build_site(load_config(root))
    found = [(str(d.location), d.field) for d in result.diagnostics if "de.md" in str(d.location)]
    assert ("content/de.md:3", "benefit") in found, result.diagnostics
