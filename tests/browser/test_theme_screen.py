"""The theme on a real screen: a right-to-left (Arabic) landing page mirrors the layout and
keeps its h1 and CTA in the first screen, axe clean; the mobile CTA bar appears only when
the hero CTA is out of view, never covers the page end and stays off without JavaScript;
proof cards fill their row whatever their count."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_axe import axe_violations
from test_built_pages import CTA, VIEWPORTS, outside_first_screen

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

ARABIC_TOML = """\
[site]
name = "سبّاكة الشمال"
base_url = "https://plumbing.example"
language = "ar"

[theme]
accent = "#0b6e4f"

[[nav]]
label = "الأسعار"
url = "/#next-steps"

[[nav]]
label = "English"
url = "/en/"

[contact]
phone = "+1 503 555 0142"

[labels]
skip = "انتقل إلى المحتوى"
next_steps = "الخطوة التالية"
proof = "ماذا يقول عملاؤنا"
guarantee = "ضماننا"
faq = "أسئلة شائعة"
contact = "اتصل بنا"
trust = "لماذا يثق بنا العملاء"
trust_rating = "من 5"
trust_reviews = "تقييمًا"
trust_customers = "عميل"
"""

ARABIC_HOME = """\
---
title: إصلاح السباكة في اليوم نفسه
benefit: تسرّب المياه يُصلَح اليوم، بسعر متفق عليه قبل أن نبدأ
summary: >-
  اتصل قبل الظهر وسيصل سبّاك مرخّص إلى بابك في اليوم نفسه.
  توافق على سعر ثابت أولًا، فلا مفاجآت في الفاتورة.
cta:
  label: احصل على تقدير مجاني
  url: /en/
hero_image:
  src: /images/hero.png
  alt: يدا سبّاك تشدّان وصلة جديدة في الأنبوب تحت حوض المطبخ
trust:
  rating: 4.9
  reviews: 312
  rating_source: Google
  customers: 2,400+
  certifications: [سبّاكون مرخّصون, ضمان 12 شهرًا]
next_steps:
  - label: اطّلع على أسعارنا الثابتة
    url: /en/
    note: لمعظم الإصلاحات سعر محدد مسبقًا.
proof:
  - quote: وصل السبّاك خلال ساعتين وكان السعر كما اتفقنا تمامًا.
    name: ليلى حداد
    role: صاحبة منزل
    result: إصلاح أنبوب مكسور في 4 ساعات
    rating: 5
  - quote: استبدلوا سخّان الماء في مقهانا قبل ازدحام الغداء.
    name: عمر خليل
    role: صاحب مقهى
    result: سخّان جديد دون أي ساعة إغلاق
    rating: 5
guarantee: إذا عادت المشكلة نفسها خلال 12 شهرًا، نصلحها مجانًا.
---

## كيف نعمل

أخبرنا بالمشكلة، ووافق على السعر، ونصلحها اليوم.
"""

ENGLISH_PAGE = """\
---
title: In English
language: en
---

Call us on +1 503 555 0142 for a free estimate.
"""


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    root = tmp_path_factory.mktemp("ar") / "site"
    (root / "content").mkdir(parents=True)
    (root / "static" / "images").mkdir(parents=True)
    for name in ("hero.png", "hero-640w.png"):
        shutil.copy(REPO / "static" / "images" / name, root / "static" / "images" / name)
    (root / "sitekit.toml").write_text(ARABIC_TOML, encoding="utf-8")
    (root / "content" / "index.md").write_text(ARABIC_HOME, encoding="utf-8")
    (root / "content" / "en.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    out = root / "_site"
    build_site(load_config(root), out_dir=out)
    return out


@pytest.fixture
def open_page(browser: Any) -> Any:
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
        page.goto(url, wait_until="load")
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_arabic_page_is_mirrored_with_h1_and_cta_first(
    arabic_site: Path,
    serve: Callable[[Path], str],
    open_page: Callable[..., Any],
    viewport: str,
    tmp_path: Path,
) -> None:
    page = open_page(serve(arabic_site), viewport)
    shot = tmp_path / f"ar-{viewport}.png"
    page.screenshot(path=str(shot))
    assert page.evaluate("() => getComputedStyle(document.documentElement).direction") == "rtl"
    for selector in ("h1", CTA):
        assert outside_first_screen(page, selector) == "", f"{selector} ({shot})"
    width = page.viewport_size["width"]
    h1 = page.locator("h1").bounding_box()
    brand = page.locator(".brand").bounding_box()
    # mirrored: the text starts at the right edge, the brand sits at the top right
    assert width - (h1["x"] + h1["width"]) < 0.1 * width, (h1, shot)
    assert brand["x"] > width / 2, (brand, shot)
    if viewport == "1366x768":
        image = page.locator(".hero-media img").bounding_box()
        assert image["x"] + image["width"] <= h1["x"] + 1, ("image left of the text", shot)
    cards = page.locator(".proof .card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    if viewport == "1366x768":
        assert first["x"] > second["x"], "the first card is on the right"
    # the trust strip's stars come first on the right too
    stars = page.locator(".trust .stars").bounding_box()
    assert stars["x"] > width / 2, stars


def test_arabic_site_is_axe_clean_at_both_sizes(
    arabic_site: Path, serve: Callable[[Path], str], browser: Any, axe_js: Path
) -> None:
    base = serve(arabic_site)
    problems = []
    for rel in ("", "en/", "404.html"):
        for width, height, _ in VIEWPORTS.values():
            found = axe_violations(browser, base + rel, axe_js, {"width": width, "height": height})
            problems += [f"/{rel} at {width}px: {v}" for v in found]
    assert not problems, "\n".join(problems)


def test_english_page_of_an_arabic_site_reads_left_to_right(
    arabic_site: Path, serve: Callable[[Path], str], open_page: Callable[..., Any]
) -> None:
    page = open_page(serve(arabic_site) + "en/", "390x844")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.evaluate("() => getComputedStyle(document.documentElement).direction") == "ltr"


# --------------------------------------------------------------------------- CTA bar


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    out = tmp_path_factory.mktemp("example") / "site"
    build_site(load_config(REPO), out_dir=out)
    return out


BAR = "[data-cta-bar]"


def _visible(page: Any, selector: str) -> bool:
    return bool(page.locator(selector).is_visible())


def _scroll_to(page: Any, selector: str) -> None:
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_timeout(150)  # IntersectionObserver reports on the next frames


def test_cta_bar_shows_only_when_the_hero_cta_is_out_of_view(
    example_site: Path, serve: Callable[[Path], str], open_page: Callable[..., Any]
) -> None:
    page = open_page(serve(example_site), "390x844")
    page.wait_for_timeout(150)
    assert not _visible(page, BAR), "the bar hides while the hero CTA is in view"
    _scroll_to(page, ".proof")
    assert _visible(page, BAR), "the bar shows once the hero CTA is out of view"
    bar = page.locator(BAR).bounding_box()
    assert abs(bar["y"] + bar["height"] - 844) < 1, bar  # at the bottom of the screen
    link = page.locator(f"{BAR} a")
    assert link.get_attribute("href") == page.locator(CTA).get_attribute("href")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(150)
    assert not _visible(page, BAR), "back at the top, the bar hides again"


def test_cta_bar_never_covers_the_page_end(
    example_site: Path, serve: Callable[[Path], str], open_page: Callable[..., Any]
) -> None:
    page = open_page(serve(example_site), "390x844")
    _scroll_to(page, ".faq")
    height = page.locator(BAR).bounding_box()["height"]
    reserved = page.evaluate("() => parseFloat(getComputedStyle(document.body).paddingBottom)")
    assert reserved >= height, (reserved, height)
    page.evaluate("() => window.scrollTo(0, document.scrollingElement.scrollHeight)")
    page.wait_for_timeout(150)
    last = page.locator(".site-footer .legal").bounding_box()
    if _visible(page, BAR):
        assert last["y"] + last["height"] <= page.locator(BAR).bounding_box()["y"], last


@pytest.mark.parametrize(("viewport", "js"), [("390x844", False), ("1366x768", True)])
def test_cta_bar_stays_off_without_javascript_and_on_wide_screens(
    example_site: Path,
    serve: Callable[[Path], str],
    open_page: Callable[..., Any],
    viewport: str,
    js: bool,
) -> None:
    page = open_page(serve(example_site), viewport, js=js)
    for selector in (".proof", ".faq", ".site-footer"):
        _scroll_to(page, selector)
        assert not _visible(page, BAR), selector
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).paddingBottom)") == 0


# --------------------------------------------------------------------------- cards


@pytest.fixture(scope="module")
def card_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    root = tmp_path_factory.mktemp("cards") / "site"
    (root / "content").mkdir(parents=True)
    (root / "sitekit.toml").write_text('[site]\nname = "Bakery"\n')
    for count in (1, 2, 3, 5):
        proof = "".join(
            f"  - {{quote: Warm bread every day number {n}., name: Ana {n}, result: {n} loaves}}\n"
            for n in range(count)
        )
        (root / "content" / f"p{count}.md").write_text(
            "---\nbenefit: Fresh bread at 7 am\ncta: {label: Try a free loaf, url: /p1/}\n"
            f"proof:\n{proof}---\n"
        )
    out = root / "_site"
    build_site(load_config(root), out_dir=out)
    return out


@pytest.mark.parametrize("count", [1, 2, 3, 5])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_proof_cards_fill_their_row_whatever_their_count(
    card_site: Path,
    serve: Callable[[Path], str],
    open_page: Callable[..., Any],
    count: int,
    viewport: str,
) -> None:
    page = open_page(serve(card_site) + f"p{count}/", viewport)
    grid = page.locator(".proof .cards").bounding_box()
    boxes = [page.locator(".proof .card").nth(i).bounding_box() for i in range(count)]
    rows: dict[int, list[dict[str, float]]] = {}
    for box in boxes:
        rows.setdefault(round(box["y"]), []).append(box)
    for row in rows.values():
        start = min(b["x"] for b in row)
        end = max(b["x"] + b["width"] for b in row)
        assert abs(start - grid["x"]) < 1 and abs(end - (grid["x"] + grid["width"])) < 1, (
            count,
            viewport,
            row,
            grid,
        )
    if viewport == "1366x768" and count <= 3:
        assert len(rows) == 1, f"{count} cards should share one row on a wide screen"
    if viewport == "390x844":
        assert len(rows) == count, "one card per row on a phone"
