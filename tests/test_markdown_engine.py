"""`[markdown] engine = "python-markdown"`: each listed extension on a real built page, the
default engine's guarantees (source lines, raw HTML omitted, URLs, FAQ answers), located
config errors, the build cache keyed by the engine's settings, the audit's locations."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_build import CONFIG, LANDING, make_site

from sitekit.build.config import load_config
from sitekit.build.markdown import markdown_to_html, renderer_for, source_mapped_html
from sitekit.build.site import build_site
from sitekit.cli import main
from sitekit.errors import ConfigError
from sitekit.models import MarkdownSettings

EXTENSIONS = (
    "toc",
    "admonition",
    "attr_list",
    "footnotes",
    "def_list",
    "abbr",
    "md_in_html",
    "tables",
    "fenced_code",
)


def engine_config(extensions: tuple[str, ...] = EXTENSIONS, more: str = "") -> str:
    names = ", ".join(f'"{n}"' for n in extensions)
    return (
        f'{CONFIG}\n[markdown]\nengine = "python-markdown"\nraw_html = true\n'
        f"extensions = [{names}]\n{more}"
    )


# one page using every listed extension; the comments say the source line of each block
PAGE = """\
---
title: How we fix leaks
---
[TOC]

## Before we come {: #before .lead }

We call first.[^call] The HTML form takes a minute.

!!! warning "Turn the water off"
    The stopcock is under the sink.

```python
def fixed(leak):
    return True
```

Stopcock
:   The valve that shuts the water off.

| Job | Price |
|-----|------:|
| Tap | 90 |

<div class="box" markdown="1">
**Free** second visit
</div>

*[HTML]: Hyper Text Markup Language
[^call]: Within the hour.
"""
# body_line is 4 (line 1 is '---'); block -> its line in PAGE
LINES = {"h2": 6, "p": 8, "div.admonition": 10, "pre": 13, "dl": 18, "table": 21, "div.box": 25}


def built(tmp_path: Path, config: str, page: str = PAGE) -> BeautifulSoup:
    site = make_site(tmp_path / "s", {"index.md": LANDING, "fix.md": page}, config)
    build_site(load_config(site))
    return BeautifulSoup((site / "_site" / "fix" / "index.html").read_text(), "lxml")


def test_each_extension_renders_as_documented(tmp_path: Path) -> None:
    more = '[markdown.extension_configs.toc]\npermalink = true\ntoc_depth = "2-3"\n'
    html = built(tmp_path, engine_config(more=more))
    body = html.select_one("article.page")
    # toc: [TOC] becomes the list of headings; headings get ids and a permalink
    toc = body.select_one("div.toc")
    assert toc is not None and toc.find("a", href="#before").get_text() == "Before we come"
    h2 = body.find("h2", id="before")
    assert h2.select_one("a.headerlink")["href"] == "#before"
    # attr_list: the id and class given in braces
    assert "lead" in h2["class"] and "{:" not in body.get_text()
    # admonition: div.admonition.warning with its title
    note = body.select_one("div.admonition.warning")
    assert note.select_one("p.admonition-title").get_text() == "Turn the water off"
    assert "stopcock is under the sink" in note.get_text()
    # footnotes: a reference and the notes at the end
    assert body.select_one("sup a.footnote-ref")["href"] == "#fn:call"
    assert "Within the hour." in body.select_one("div.footnote li#fn\\:call").get_text()
    # def_list, abbr, tables, fenced_code
    assert body.select_one("dl dt").get_text() == "Stopcock"
    assert body.select_one("dl dd").get_text() == "The valve that shuts the water off."
    assert body.find("abbr", title="Hyper Text Markup Language").get_text() == "HTML"
    assert [th.get_text() for th in body.select("table th")] == ["Job", "Price"]
    assert body.select_one("table td[style]")["style"] == "text-align: right;"
    code = body.select_one("pre code.language-python")
    assert code.get_text().startswith("def fixed(leak):")
    # md_in_html: Markdown inside the raw <div markdown="1">
    assert body.select_one("div.box strong").get_text() == "Free"
    assert "markdown" not in body.select_one("div.box").attrs


def test_top_level_blocks_carry_their_markdown_line(tmp_path: Path) -> None:
    body = built(tmp_path, engine_config()).select_one("article.page")
    found = {sel: body.select_one(f"{sel}[data-sitekit-src]") for sel in LINES}
    for sel, line in LINES.items():
        assert found[sel] is not None, sel
        assert found[sel]["data-sitekit-src"] == f"content/fix.md:{line}", sel
    # only top-level blocks, as with cmark-gfm
    assert not body.select("li[data-sitekit-src], dd[data-sitekit-src], td[data-sitekit-src]")
    assert not body.select("div.admonition p[data-sitekit-src]")


def test_raw_html_is_omitted_and_dangerous_urls_emptied_as_with_cmark() -> None:
    text = (
        '[a](javascript&#58;alert(1)) [b]( JaVaScRiPt:x ) <b onclick="x">hi</b>\n\n'
        "<script>alert(1)</script>\n\n![i](data:image/png;base64,AA) [c](vbscript:x)\n\n"
        'Para\n{: onclick="alert(1)" onmouseover="y" .ok }\n'
    )
    settings = MarkdownSettings("python-markdown", ("attr_list",))
    safe = renderer_for(settings, raw_html=False).source_mapped(text, "content/x.md", 1)
    cmark = markdown_to_html(text)
    for html in (safe, cmark):
        soup = BeautifulSoup(html, "lxml")
        assert not soup.find("script") and not soup.find("b")
        assert [a["href"] for a in soup.find_all("a")] == ["", "", ""]
        assert soup.find("img")["src"] == "data:image/png;base64,AA"
        assert "<!-- raw HTML omitted -->" in html
    assert '<p class="ok" data-sitekit-src="content/x.md:7">Para</p>' in safe
    assert "onclick" not in safe and "onmouseover" not in safe
    # raw HTML allowed: GFM's tag filter still escapes <script>, as cmark-gfm does
    raw = renderer_for(settings, raw_html=True).source_mapped(text, "content/x.md", 1)
    assert '<b onclick="x">hi</b>' in raw and "&lt;script>alert(1)&lt;/script>" in raw
    assert "&lt;script>" in markdown_to_html(text, raw_html=True)


def test_faq_answers_use_the_sites_engine(tmp_path: Path) -> None:
    page = LANDING.replace(
        "    a: A fixed price before we start.",
        '    a: "Fixed price\\n:   Agreed before we start. <b>x</b>"',
    )
    site = make_site(tmp_path / "s", {"index.md": page}, engine_config(("def_list",)))
    build_site(load_config(site))
    details = BeautifulSoup((site / "_site" / "index.html").read_text(), "lxml").find("details")
    assert details.select_one("dl dd").get_text() == "Agreed before we start. x"
    assert not details.find("b")  # answers drop raw HTML even when the body may have it


def run_build(site: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(site)])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            '[markdown]\nengine = "python-markdwn"\n',
            "sitekit.toml:14: error: [markdown] engine 'python-markdwn' is not known: use "
            "'cmark-gfm' (the default) or 'python-markdown' (did you mean 'python-markdown'?)",
        ),
        (
            '[markdown]\nengine = "python-markdown"\n'
            'extensions = [\n  "toc",\n  "admonitoin",\n]\n',
            "sitekit.toml:17: error: [markdown] extension 'admonitoin' cannot be loaded "
            "(ModuleNotFoundError: No module named 'admonitoin') (did you mean 'admonition'?)",
        ),
        (
            '[markdown]\nengine = "python-markdown"\nextensions = ["toc"]\n\n'
            "[markdown.extension_configs.toc]\ntoc_depth = 2\npermalnk = true\n",
            "sitekit.toml:19: error: [markdown] unknown setting 'permalnk' of extension 'toc' "
            "(did you mean 'permalink'?)",
        ),
        (
            '[markdown]\nengine = "python-markdown"\nextensions = ["toc"]\n\n'
            '[markdown.extension_configs."toc"]\ntoc_depth = [1]\n',
            "sitekit.toml:17: error: [markdown] extension 'toc' rejects its settings (TypeError",
        ),
    ],
)
def test_bad_engine_settings_are_located_errors(
    tmp_path: Path, markdown: str, expected: str
) -> None:
    site = make_site(tmp_path / "s", config=CONFIG + "\n" + markdown)
    assert CONFIG.count("\n") == 11  # a blank line, then [markdown] on line 13
    code, output = run_build(site)
    assert code == 2, output
    assert expected in output
    assert "Traceback" not in output and not (site / "_site").exists()


def test_extension_settings_problems_name_their_field(tmp_path: Path) -> None:
    config = CONFIG + (
        '\n[markdown]\nengine = "python-markdown"\nextensions = ["toc"]\n\n'
        "[markdown.extension_configs.tocc]\npermalink = true\n"
    )
    site = make_site(tmp_path / "s", config=config)
    code, output = run_build(site)
    assert code == 0, output
    assert (
        "sitekit.toml:17: warning: settings for extension 'tocc', which is not in [markdown] "
        "extensions (did you mean 'toc'?)"
    ) in output
    with pytest.raises(ConfigError) as info:
        (site / "sitekit.toml").write_text(config.replace('["toc"]', '["toc", 3]'))
        load_config(site)
    assert [d.field for d in info.value.diagnostics if d.level == "error"] == [
        "markdown.extensions"
    ]


def test_extensions_without_the_engine_warn(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", config=CONFIG + '\n[markdown]\nextensions = ["toc"]\n')
    code, output = run_build(site)
    assert code == 0
    assert "sitekit.toml:14: warning: [markdown] extensions are Python-Markdown's" in output


def test_the_cache_is_keyed_by_the_engine_and_its_settings(tmp_path: Path) -> None:
    pages = {"index.md": LANDING, **{f"p{i}.md": f"# Page {i}\n\n## Part\n" for i in range(3)}}
    site = make_site(tmp_path / "s", pages)
    toml = site / "sitekit.toml"

    def build(config: str) -> int:
        toml.write_text(config)
        return build_site(load_config(site)).reused

    assert build(CONFIG) == 0 and build(CONFIG) == 4
    toc = engine_config(("toc",), "[markdown.extension_configs.toc]\npermalink = true\n")
    assert build(toc) == 0  # the engine changed: every page again
    assert build(toc) == 4
    assert 'class="headerlink"' in (site / "_site" / "p1" / "index.html").read_text()
    assert build(toc.replace("permalink = true", 'permalink = "#"')) == 0  # a setting changed
    assert build(toc.replace("permalink = true", 'permalink = "#"')) == 4
    assert build(engine_config(("toc", "abbr"))) == 0  # an extension added
    assert build(CONFIG) == 0  # back to cmark-gfm
    assert 'class="headerlink"' not in (site / "_site" / "p1" / "index.html").read_text()


def test_audit_locates_a_finding_on_a_python_markdown_page(tmp_path: Path) -> None:
    page = LANDING.replace(
        "## How it works\n",
        '## How it works\n\n!!! note "Good to know"\n'
        "    Welcome to our website. We are a leading provider of solutions.\n",
    )
    site = make_site(tmp_path / "s", {"index.md": page}, engine_config(("admonition",)))
    assert page.splitlines()[21].startswith("!!! note")  # line 22
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["check", str(site), "-q", "--format", "json", "--output", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(out.read_text())
    home = next(p for p in report["pages"] if p["source_path"] == "content/index.md")
    located = {
        (check["id"], ev["location"]["line"])
        for criterion in home["criteria"].values()
        for check in criterion["checks"]
        for ev in check.get("evidence", [])
        if ev.get("location") and "Welcome to our website" in str(ev.get("text"))
    }
    assert ("proof-figures", 22) in located, located


_WORDS = st.sampled_from(["leak", "fixed", "today", "price", "tap", "valve", "x"])
_TEXT = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)
_BLOCKS = st.one_of(
    _TEXT.map(lambda t: t.capitalize() + "."),
    st.tuples(st.integers(1, 4), _TEXT).map(lambda h: "#" * h[0] + " " + h[1]),
    st.lists(_TEXT, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    _TEXT.map(lambda t: f"> {t}"),
    st.lists(_TEXT, min_size=1, max_size=3).map(lambda ls: "```\n" + "\n\n".join(ls) + "\n```"),
    st.just("***"),
    _TEXT.map(lambda t: f"{t}\n===="),
    st.lists(_TEXT, min_size=1, max_size=3).map(lambda ls: "\n".join(f"1. {i}" for i in ls)),
    st.tuples(_TEXT, _TEXT).map(lambda p: f"{p[0]}\n{p[1]}."),
    _TEXT.map(lambda t: f"~~~~\n{t}\n\n```\n~~~~"),
    _TEXT.map(lambda t: f"| a | b |\n|---|---|\n| {t} | 1 |"),
    st.tuples(_TEXT, _TEXT).map(lambda p: f"{p[0]}.\n# {p[1]}"),  # a heading right after text
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_BLOCKS, st.integers(1, 3)), min_size=1, max_size=8), st.integers(1, 40))
def test_source_lines_are_those_cmark_gives(blocks: list[tuple[str, int]], first: int) -> None:
    """On what both engines read alike, each top-level block gets the line cmark-gfm gives."""
    kinds = [block[0] for block, _ in blocks]
    # Python-Markdown joins quotes, and lists of either kind, only a blank line apart
    # (cmark-gfm does not): not read alike
    assume(not any(a in ">-1" and b in ">-1" for a, b in itertools.pairwise(kinds)))
    body = "".join(block + "\n" * (1 + gap) for block, gap in blocks)
    settings = MarkdownSettings("python-markdown", ("tables", "fenced_code"))
    pymd = renderer_for(settings).source_mapped(body, "content/x.md", first)
    cmark = source_mapped_html(body, "content/x.md", first)
    lines = re.compile(r'<(\w+) data-sitekit-src="content/x\.md:(\d+)"')
    assert lines.findall(pymd) == lines.findall(cmark), body
