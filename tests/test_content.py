"""Front matter with line numbers, validation messages, URLs, and Markdown with a source map."""

from __future__ import annotations

import resource

from sitekit.build.content import load_page, url_for_source
from sitekit.build.frontmatter import parse_front_matter, split_front_matter
from sitekit.build.markdown import markdown_to_html, source_mapped_html

PAGE = """\
---
title: Prices
benefit: Know your price before we start
cta:
  label: Get a free quote
  url: /quote/
proof:
  - name: Ana
    result: Saved $200
    quote: Great.
---

## Heading

Text.
"""


def load(text: str, rel_in_content: str = "index.md"):  # type: ignore[no-untyped-def]
    return load_page(text, f"content/{rel_in_content}", rel_in_content)


def messages(diagnostics) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(d) for d in diagnostics]


def test_split_front_matter_keeps_body_line() -> None:
    src = split_front_matter(PAGE, "content/x.md")
    assert src.front_matter.startswith("title: Prices")
    assert src.body_line == 12
    assert src.body.startswith("\n## Heading") or src.body.startswith("## Heading")


def test_no_front_matter_is_a_plain_page_titled_from_its_heading() -> None:
    page, problems = load("# About us\n\nHello.\n", "about.md")
    assert problems == []
    assert page is not None and page.title == "About us" and page.url == "/about/"
    assert page.body_line == 1 and not page.is_landing


def test_field_lines_for_every_field_and_nested_item() -> None:
    page, problems = load(PAGE)
    assert problems == []
    assert page is not None
    lines = page.field_lines
    assert (lines["title"], lines["benefit"], lines["cta"], lines["cta.label"]) == (2, 3, 4, 5)
    assert lines["proof.0"] == 8 and lines["proof.0.result"] == 9
    assert page.cta is not None and page.cta.label == "Get a free quote"
    assert page.proof[0].name == "Ana" and page.template == "landing"


def test_invalid_yaml_points_to_the_source_line() -> None:
    page, problems = load("---\ntitle: ok\nsummary: fine\ncta: {label: x\n---\n")
    assert page is None
    assert messages(problems)[0].startswith("content/index.md:5: front matter: ")


def test_unclosed_quote_is_reported_where_it_opens() -> None:
    text = '---\ntitle: Hi\nbenefit: Fix it\nsummary: ok\ncta:\n  label: "Get a quote\n'
    text += "  url: /quote/\n---\n\n" + "Body text.\n" * 40
    page, problems = load(text)
    assert page is None
    assert messages(problems) == [
        'content/index.md:6: front matter: the " opened on this line is never closed: add the '
        'closing " (parser: found unexpected end of stream)'
    ]


def test_missing_closing_dashes_is_named() -> None:
    for text in ("---\ntitle: Hi\n\n# Body\n\nText here\n", "---\ntitle: Hi\n\n# Body\n"):
        page, problems = load(text)
        assert page is None
        assert messages(problems)[0].startswith(
            "content/index.md:1: front matter: no closing '---' line"
        )


def test_colon_inside_a_value_says_to_quote_it() -> None:
    page, problems = load("---\nsummary: ok\ntitle: Prices: what you pay\n---\nBody\n")
    assert page is None
    assert messages(problems) == [
        "content/index.md:3: front matter: a colon inside the value of 'title': put it in "
        'quotes (title: "Prices: what you pay") (parser: mapping values are not allowed in '
        "this context)"
    ]


def test_tab_indentation_is_named() -> None:
    page, problems = load("---\ntitle: Hi\ncta:\n\tlabel: Go\n\turl: /x/\n---\nBody\n")
    assert page is None
    message = messages(problems)[0]
    assert message.startswith("content/index.md:4: front matter: a tab: YAML indents with spaces")
    assert "(parser: found character" in message


def test_unknown_field_warns_with_did_you_mean() -> None:
    page, problems = load("---\ntitle: T\nsumary: s\ncta_lable: x\n---\n")
    assert page is not None
    assert "content/index.md:3: unknown field 'sumary' (did you mean 'summary'?)" in messages(
        problems
    )
    assert "content/index.md:4: unknown field 'cta_lable' (did you mean 'cta'?)" in messages(
        problems
    )
    assert page.extra == {"sumary": "s", "cta_lable": "x"}


def test_wrong_types_name_the_field_and_expected_shape() -> None:
    text = "---\nbenefit: B\ncta: Call us\nnext_steps: /pricing/\ndraft: maybe\n---\n"
    page, problems = load(text)
    assert page is None
    found = messages(problems)
    assert "content/index.md:3: field 'cta' must be a mapping {label, url}, got a string" in found
    assert (
        "content/index.md:4: field 'next_steps' must be a list of mappings {label, url, note},"
        " got a string"
    ) in found
    assert "content/index.md:5: field 'draft' must be true or false" in found


def test_missing_required_keys_and_unknown_nested_keys() -> None:
    text = "---\nbenefit: B\ncta: {label: Go}\nproof:\n  - {name: A, reslt: x}\n---\n"
    page, problems = load(text)
    assert page is None
    found = messages(problems)
    assert "content/index.md:3: field 'cta' needs 'url' (a mapping {label, url})" in found
    assert any("unknown field 'reslt' in 'proof.0' (did you mean 'result'?)" in m for m in found)


def test_duplicate_key_is_an_error() -> None:
    page, problems = load("---\ntitle: A\ntitle: B\n---\n")
    assert page is None and "content/index.md:3: duplicate key 'title'" in messages(problems)


def test_billion_laughs_is_bounded() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    src = split_front_matter("---\n" + "\n".join(lines) + "\n---\n", "content/x.md")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    values, _, problems = parse_front_matter(src)
    assert values == {} and "too large or too deeply nested" in messages(problems)[0]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB


def test_python_tags_are_not_constructed() -> None:
    page, problems = load("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n")
    assert page is None and "front matter" in messages(problems)[0]


def test_urls_and_slugs() -> None:
    assert url_for_source("index.md") == ("/", "index.html")
    assert url_for_source("pricing.md") == ("/pricing/", "pricing/index.html")
    assert url_for_source("services/index.md") == ("/services/", "services/index.html")
    assert url_for_source("x.md", "offers/winter") == (
        "/offers/winter/",
        "offers/winter/index.html",
    )
    for bad in ("../x", "a/../../b", "/etc", "..", "a\\b", "c:/x"):
        assert url_for_source("x.md", bad) is None, bad


def test_landing_template_requires_benefit_and_cta() -> None:
    page, problems = load("---\ntemplate: landing\ntitle: T\n---\n")
    assert page is None
    found = messages(problems)
    assert any("a landing page needs 'benefit'" in m for m in found)
    assert any("a landing page needs 'cta'" in m for m in found)


def test_signup_limits_fields() -> None:
    text = (
        "---\nbenefit: B\ncta: {label: Get a free quote, url: /}\nsignup:\n  label: Get it\n"
        "  action: /s\n  fields: [name, email, phone, company]\n---\n"
    )
    page, problems = load(text)
    assert page is None and any("signup has 4 fields" in m for m in messages(problems))


def test_markdown_source_map_marks_top_level_blocks_only() -> None:
    body = "## One\n\nPara *x*.\n\n- a\n- b\n  - c\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    html = source_mapped_html(body, "content/p.md", 10)
    assert '<h2 data-sitekit-src="content/p.md:10">One</h2>' in html
    assert '<p data-sitekit-src="content/p.md:12">' in html
    assert '<ul data-sitekit-src="content/p.md:14">' in html
    assert '<table data-sitekit-src="content/p.md:18">' in html
    assert "<li>a</li>" in html and "data-sourcepos" not in html
    assert html.count("data-sitekit-src") == 4


def test_raw_html_is_dropped_unless_allowed() -> None:
    assert "<script>" not in markdown_to_html("<script>alert(1)</script>\n")
    assert "<div>ok</div>" in markdown_to_html("<div>ok</div>\n", raw_html=True)


def test_markdown_rendering_does_not_leak_memory() -> None:
    body = ("## Section\n\n" + "Some words here. " * 60 + "\n\n- a\n- b\n\n") * 10
    markdown_to_html(body)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3000):
        source_mapped_html(body, "content/x.md", 1)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 30_000, f"grew {grown_kb} KB over 3,000 renders"


def test_faq_answers_are_rendered_as_markdown(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    (tmp_path / "content").mkdir()
    (tmp_path / "sitekit.toml").write_text('[site]\nname = "Acme"\n', "utf-8")
    (tmp_path / "content" / "index.md").write_text(
        "---\nbenefit: Your leak fixed today\ncta: {label: Get a free quote, url: /#quote}\n"
        "faq:\n  - q: Can I cancel?\n    a: 'Yes, **any time**. See [our terms](/terms/).'\n"
        "  - q: Raw HTML?\n    a: <script>alert(1)</script> no\n---\n\nBody.\n",
        "utf-8",
    )
    build_site(load_config(tmp_path))
    soup = BeautifulSoup((tmp_path / "_site" / "index.html").read_text("utf-8"), "html.parser")
    first, second = soup.select("section.faq details")
    link = first.select_one("p a")
    assert link is not None and link["href"] == "/terms/" and link.text == "our terms"
    assert first.select_one("p strong").text == "any time"  # type: ignore[union-attr]
    assert "[our terms]" not in first.text
    assert second.find("script") is None
