"""build: a primary CTA or next step must lead somewhere (issue 11): an internal URL the built
site does not answer is an error at its front-matter line, `javascript:` is refused, other
non-web schemes warn. Real sites in temporary folders, built by the real builder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitekit.build.config import load_config
from sitekit.build.site import build_site
from sitekit.errors import ContentError

SITE = Path(__file__).resolve().parent / "data" / "first_contact"


@pytest.fixture
def site(tmp_path):
    dest = tmp_path / "site"
    shutil.copytree(SITE, dest)
    return dest


def set_links(site: Path, cta: str, step: str) -> None:
    index = site / "content" / "index.md"
    text = index.read_text("utf-8")
    text = text.replace("  url: /book/\n", f"  url: {json.dumps(cta)}\n", 1)
    text = text.replace("    url: /prices/\n", f"    url: {json.dumps(step)}\n", 1)
    index.write_text(text, "utf-8")


def line_of(site: Path, needle: str, nth: int = 1) -> int:
    lines = (site / "content" / "index.md").read_text("utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if needle in line][nth - 1]


def build(site: Path, **options):
    return build_site(load_config(site), **options)


def errors_of(site: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(site)
    return [str(d) for d in caught.value.diagnostics if d.level == "error"]


@pytest.mark.parametrize(
    "cta,step",
    [
        ("/book/", "/prices/"),
        ("/book", "prices/"),  # no trailing slash; relative to the page
        ("/#next-steps", "/prices/index.html?from=home#table"),
        ("https://cal.example/acme", "mailto:hello@acme.example"),
        ("tel:+15550100", "sms:+15550100"),
        ("/sitemap.xml", "#faq"),
    ],
)
def test_links_that_lead_somewhere_build(site, cta, step):
    set_links(site, cta, step)
    result = build(site)
    assert not [d for d in result.diagnostics if d.field and d.field.startswith(("cta", "next"))]


def test_an_internal_url_that_is_not_built_is_an_error_at_its_line(site):
    set_links(site, "/booking/", "/price-list/")
    errors = errors_of(site)
    cta_line = line_of(site, 'url: "/booking/"')
    step_line = line_of(site, 'url: "/price-list/"')
    assert f"content/index.md:{cta_line}: cta: '/booking/' leads to /booking/" in errors[0]
    assert any(e.startswith(f"content/index.md:{step_line}: next_steps.0:") for e in errors)
    assert not (site / "_site").exists()  # nothing was written


def test_a_cached_page_is_checked_again_when_its_target_goes_away(site):
    build(site)  # caches index.md
    (site / "content" / "book.md").unlink()
    errors = errors_of(site)
    assert any("cta: '/book/' leads to /book/, which is not in the built site" in e for e in errors)


def test_javascript_is_refused_and_other_schemes_warn(site):
    original = (site / "content" / "index.md").read_text("utf-8")
    set_links(site, "java\tscript:alert(1)", "/prices/")  # a tab: browsers drop it
    errors = errors_of(site)
    assert any("runs a script instead of leading anywhere" in e for e in errors), errors
    (site / "content" / "index.md").write_text(original, "utf-8")
    set_links(site, "/book/", "whatsapp://send?phone=15550100")
    result = build(site)
    warnings = [str(d) for d in result.diagnostics if d.field == "next_steps.0"]
    assert len(warnings) == 1 and "uses the whatsapp: scheme" in warnings[0], result.diagnostics
    with pytest.raises(ContentError):
        build(site, strict=True)


def test_the_example_and_a_new_site_build_without_link_problems(example, tmp_path):
    from click.testing import CliRunner

    from sitekit.cli import main

    assert CliRunner().invoke(main, ["new", str(tmp_path / "new")]).exit_code == 0
    for root in (example, tmp_path / "new"):
        result = build(root, out_dir=tmp_path / f"out-{root.name}")
        assert not [d for d in result.diagnostics if d.field and d.field.startswith("cta")]
