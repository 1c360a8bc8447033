"""Building real sites in tmp_path: output shape, bad input, atomic output, cache."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from sitekit.build.cache import INDEX, read_store, write_store
from sitekit.build.config import load_config
from sitekit.build.output import MARKER
from sitekit.build.portable import wait_for_background_removals
from sitekit.build.site import build_site
from sitekit.cli import main

REPO = Path(__file__).resolve().parent.parent

CONFIG = """\
[site]
name = "Acme Plumbing"
base_url = "https://acme.example"

[[nav]]
label = "Prices"
url = "/prices/"

[contact]
email = "hi@acme.example"
phone = "+1 555 0100"
"""

LANDING = """\
---
benefit: Your leak fixed today
summary: A plumber at your door within four hours.
cta:
  label: Get a free estimate
  url: /estimate/
next_steps:
  - label: See our prices
    url: /prices/
proof:
  - quote: Fixed in an hour.
    name: Dana W.
    result: Leak fixed in 1 hour
    rating: 5
faq:
  - q: How much?
    a: A fixed price before we start.
---

## How it works

We come, we fix, we leave.
"""


LINK_TARGETS = ("estimate", "prices", "q", "x")


def make_site(root: Path, pages: dict[str, str] | None = None, config: str = CONFIG) -> Path:
    """Write sitekit.toml and content files under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sitekit.toml").write_text(config)
    pages = pages or {"index.md": LANDING}
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for target in LINK_TARGETS:  # a CTA must lead somewhere: hand-written static pages
        page = root / "static" / target / "index.html"  # (not content: page counts stay)
        if not (root / "content" / f"{target}.md").exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"<!doctype html><title>{target}</title>")
    return root


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "lxml")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- the example site


def test_example_site_builds_with_benefit_first(tmp_path: Path) -> None:
    site = tmp_path / "example"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "static", site / "static")
    shutil.copy(REPO / "sitekit.toml", site / "sitekit.toml")
    code, output = run_cli("build", str(site), "--strict")
    assert code == 0, output
    out = site / "_site"
    for rel in (
        "index.html",
        "pricing/index.html",
        "privacy/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "favicon.ico",
        "images/van.png",
    ):
        assert (out / rel).is_file(), rel
    html = soup(out / "index.html")
    headings = html.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert headings[0].name == "h1"
    assert headings[0].get_text() == "Your leak fixed today, at a price agreed before we start"
    assert len(html.find_all("h1")) == 1
    after = headings[0].find_all_next(["a", "button"])
    assert after[0]["data-sitekit-cta"] == "primary"
    assert after[0].get_text() == "Get a free estimate"
    assert html.find(attrs={"data-sitekit-cta": "repeat"}) is not None
    assert (out / "index.html").stat().st_size < 30_000


def test_home_page_meta_structured_data_and_source_map(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    result = build_site(load_config(site))
    assert result.pages == 1
    html = soup(site / "_site" / "index.html")
    assert html.find("link", rel="canonical")["href"] == "https://acme.example/"
    assert html.find("meta", property="og:title")["content"].startswith("Your leak fixed today")
    assert html.find("meta", attrs={"name": "twitter:card"}) is not None
    assert html.find("meta", attrs={"name": "description"})["content"] == (
        "A plumber at your door within four hours."
    )
    data = json.loads(html.find("script", type="application/ld+json").string)
    types = {node["@type"] for node in data["@graph"]}
    assert types == {"Organization", "FAQPage"}
    org = data["@graph"][0]
    assert org["aggregateRating"]["reviewCount"] == 1
    assert org["review"][0]["author"]["name"] == "Dana W."
    # every element rendered from a field points at its line in the Markdown source
    src = {
        el.name if el.name != "a" else el["data-sitekit-cta"]: el["data-sitekit-src"]
        for el in html.select("[data-sitekit-src]")
        if el.name in ("h1", "a", "figure", "details")
    }
    assert src["h1"] == "content/index.md:2"
    assert src["primary"] == "content/index.md:4"
    assert src["figure"] == "content/index.md:11"
    assert src["details"] == "content/index.md:16"
    body_h2 = html.find("h2", string="How it works")
    assert body_h2["data-sitekit-src"] == "content/index.md:20"
    assert html.select_one("li[data-sitekit-src] a")["data-sitekit-cta"] == "next-step-1"


def test_no_reviews_or_rating_without_real_proof(tmp_path: Path) -> None:
    page = (
        "---\nbenefit: Clean windows every month\ncta: {label: Get a free quote, url: /q/}\n---\n"
    )
    site = make_site(tmp_path / "s", {"index.md": page})
    build_site(load_config(site))
    data = json.loads(
        soup(site / "_site" / "index.html").find("script", type="application/ld+json").string
    )
    assert [n["@type"] for n in data["@graph"]] == ["Organization"]
    assert "review" not in data["@graph"][0] and "aggregateRating" not in data["@graph"][0]


def test_pretty_urls_sitemap_robots_404_and_static(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s",
        {
            "index.md": LANDING,
            "prices.md": "---\ntitle: Prices\ndate: 2026-01-02\n---\nText.\n",
            "services/roofing.md": "# Roofing\n\nWe fix roofs.\n",
            "moved.md": "---\ntitle: Moved\nslug: offers/winter\n---\n",
        },
    )
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "robots-extra.txt").write_text("x")
    build_site(load_config(site))
    out = site / "_site"
    assert (out / "prices" / "index.html").is_file()
    assert soup(out / "services/roofing/index.html").find("h1").get_text() == "Roofing"
    assert (out / "offers" / "winter" / "index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://acme.example/prices/</loc><lastmod>2026-01-02</lastmod>" in sitemap
    assert "Sitemap: https://acme.example/sitemap.xml" in (out / "robots.txt").read_text()
    not_found = soup(out / "404.html")
    cta = not_found.find("a", attrs={"data-sitekit-cta": "primary"})
    assert cta["href"] == "/estimate/" and "hi@acme.example" in not_found.get_text()
    assert (out / "robots-extra.txt").read_text() == "x"
    css = [p.name for p in out.glob("style.*.css")]
    assert (
        len(css) == 1
        and soup(out / "index.html").find("link", rel="stylesheet")["href"] == f"/{css[0]}"
    )


def test_drafts_are_skipped_unless_asked(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s", {"index.md": LANDING, "soon.md": "---\ntitle: Soon\ndraft: true\n---\n"}
    )
    build_site(load_config(site))
    assert not (site / "_site" / "soon").exists()
    build_site(load_config(site), drafts=True)
    assert (site / "_site" / "soon" / "index.html").is_file()


def test_analytics_snippet_is_added(tmp_path: Path) -> None:
    config = CONFIG.replace("base_url", "analytics = \"<script src='/a.js'></script>\"\nbase_url")
    site = make_site(tmp_path / "s", config=config)
    build_site(load_config(site))
    assert "<script src='/a.js'></script>" in (site / "_site" / "index.html").read_text()


# --------------------------------------------------------------------------- bad input


BAD_INPUTS = {
    "invalid yaml": (
        "---\ntitle: ok\nbenefit: [unclosed\ncta: {label: x, url: /}\n---\n",
        "content/index.md:4: error: front matter: ",
    ),
    "cta as a string": (
        "---\nbenefit: Fast fixes\ncta: Call us\n---\n",
        "content/index.md:3: error: field 'cta' must be a mapping {label, url}",
    ),
    "slug escapes": (
        "---\ntitle: x\nslug: ../../etc\n---\n",
        "content/index.md:3: error: slug '../../etc' escapes the output folder",
    ),
    "landing without benefit": (
        "---\ntemplate: landing\ncta: {label: Get a quote, url: /}\n---\n",
        "content/index.md:2: error: a landing page needs 'benefit'",
    ),
    "landing without cta": ("---\nbenefit: Fast fixes\n---\n", "error: a landing page needs 'cta'"),
    "wrong list shape": (
        "---\ntitle: x\nfaq: {q: a}\n---\n",
        "content/index.md:3: error: field 'faq' must be a list of mappings",
    ),
    "too many signup fields": (
        "---\nbenefit: A\ncta: {label: Get a free quote, url: /}\nsignup: {label: Get it, "
        "action: /s, fields: [name, email, phone, company]}\n---\n",
        "content/index.md:4: error: signup has 4 fields",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exit_2_with_location_and_previous_output_intact(
    tmp_path: Path, name: str
) -> None:
    site = make_site(tmp_path / "s")
    assert run_cli("build", str(site))[0] == 0
    before = snapshot(site / "_site")
    (site / "content" / "index.md").write_text(BAD_INPUTS[name][0])
    code, output = run_cli("build", str(site))
    assert code == 2
    assert BAD_INPUTS[name][1] in output
    assert snapshot(site / "_site") == before
    assert not list(tmp_path.glob("s/.*sitekit-tmp*"))


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s",
        {
            "index.md": "---\nbenefit: Fast\ncta: nope\n---\n",
            "a.md": "---\ntitle: [\n---\n",
            "b.md": "---\ntitle: B\nslug: a\n---\n",
            "c.md": "---\ntitel: C\n---\n",
        },
    )
    code, output = run_cli("build", str(site))
    assert code == 2
    assert "content/index.md:3: error: field 'cta'" in output
    assert "content/a.md:" in output and "front matter" in output
    assert "content/c.md:2: warning: unknown field 'titel' (did you mean 'title'?)" in output
    assert not (site / "_site").exists()


def test_duplicate_output_url_names_both_files(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s",
        {"index.md": LANDING, "prices.md": "# P\n", "other.md": "---\nslug: prices\n---\n"},
    )
    code, output = run_cli("build", str(site))
    assert code == 2
    assert "duplicate output URL /prices/" in output
    assert "content/other.md" in output and "content/prices.md" in output


def test_strict_turns_warnings_into_exit_2(tmp_path: Path) -> None:
    page = "---\nbenefit: Welcome to Acme\ncta: {label: Submit, url: /x/}\n---\n"
    site = make_site(tmp_path / "s", {"index.md": page})
    code, output = run_cli("build", str(site))
    assert code == 0
    assert "content/index.md:2: warning: benefit talks about the seller" in output
    assert "content/index.md:3: warning: vague call to action 'Submit'" in output
    code, output = run_cli("build", str(site), "--strict")
    assert code == 2 and "with --strict" in output


def test_billion_laughs_front_matter_is_refused(tmp_path: Path) -> None:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines += ["title: boom", "---", ""]
    site = make_site(tmp_path / "s", {"index.md": "\n".join(lines)})
    started = time.perf_counter()
    code, output = run_cli("build", str(site))
    assert code == 2 and "too large or too deeply nested" in output
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("out", [".", "content", ".."])
def test_refuses_out_that_is_the_site_content_or_a_parent(tmp_path: Path, out: str) -> None:
    site = make_site(tmp_path / "site")
    before = snapshot(tmp_path)
    code, output = run_cli("build", str(site), "--out", str(site / out))
    assert code == 2 and "refusing --out" in output
    assert snapshot(tmp_path) == before


def test_refuses_to_replace_a_folder_sitekit_did_not_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    code, output = run_cli("build", str(site), "--out", str(precious))
    assert code == 2 and "not built by sitekit" in output
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_symlinked_content_outside_the_site_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nTOP-SECRET\n")
    site = make_site(tmp_path / "s")
    (site / "content" / "leak.md").symlink_to(secret)
    code, output = run_cli("build", str(site))
    assert code == 0
    assert "content/leak.md: warning: skipped: a link to a file outside content/" in output
    assert not any(b"TOP-SECRET" in data for data in snapshot(site / "_site").values())


# --------------------------------------------------------------------------- atomic output, cache


def test_template_error_names_template_file_and_line_and_keeps_output(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert run_cli("build", str(site))[0] == 0
    before = snapshot(site / "_site")
    (site / "templates").mkdir()
    (site / "templates" / "landing.html").write_text("<h1>{{ page.benefit }}</h1>\n{{ nope( }}\n")
    code, output = run_cli("build", str(site))
    assert code == 2
    assert "templates/landing.html:2: error: template error" in output
    assert snapshot(site / "_site") == before


def test_cache_reuses_unchanged_pages_and_clean_ignores_it(tmp_path: Path) -> None:
    pages = {"index.md": LANDING, **{f"p{i}.md": f"# Page {i}\n\nText.\n" for i in range(5)}}
    site = make_site(tmp_path / "s", pages)
    first = build_site(load_config(site))
    assert first.reused == 0 and first.pages == 6
    (site / "content" / "p3.md").write_text("# Page three, edited\n")
    second = build_site(load_config(site))
    assert second.reused == 5
    assert "Page three, edited" in (site / "_site" / "p3" / "index.html").read_text()
    assert build_site(load_config(site), clean=True).reused == 0
    # a template change invalidates every cached page
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(
        "{% extends 'base.html' %}{% block main %}<h1>{{ page.title }}</h1>OVERRIDE{% endblock %}"
    )
    third = build_site(load_config(site))
    assert third.reused == 0
    assert "OVERRIDE" in (site / "_site" / "p1" / "index.html").read_text()


def test_half_written_shadow_of_a_dead_build_is_rebuilt(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"index.md": LANDING, "a.md": "# A\n"})
    build_site(load_config(site))
    build_site(load_config(site))  # now the previous version is kept as the shadow
    shadow = site / "._site.sitekit-shadow"
    assert (shadow / MARKER).is_file()
    (shadow / MARKER).unlink()  # what a build killed while writing leaves behind
    (shadow / "junk.html").write_text("half")
    (shadow / "a" / "index.html").unlink()  # sitekit replaces files, never writes into them
    (shadow / "a" / "index.html").write_text("half")
    build_site(load_config(site))
    for tree in (site / "_site", shadow):
        assert not (tree / "junk.html").exists()
        assert "half" not in (tree / "a" / "index.html").read_text()
        assert (tree / MARKER).is_file()


def test_incremental_build_rewrites_only_changed_files(tmp_path: Path) -> None:
    pages = {"index.md": LANDING, **{f"p{i}.md": f"# Page {i}\n" for i in range(20)}}
    site = make_site(tmp_path / "s", pages)
    for _ in range(2):
        build_site(load_config(site))
    (site / "content" / "p3.md").write_text("# Page three\n")
    (site / "content" / "p4.md").unlink()
    build_site(load_config(site))
    out = site / "_site"
    assert "Page three" in (out / "p3" / "index.html").read_text()
    assert not (out / "p4").exists()
    assert "/p4/" not in (out / "sitemap.xml").read_text()
    fresh = tmp_path / "fresh"
    build_site(load_config(site), out_dir=fresh, clean=True)
    assert snapshot(fresh) == {k: v for k, v in snapshot(out).items() if k != MARKER} | {
        MARKER: (fresh / MARKER).read_bytes()
    }


def test_killed_build_leaves_previous_output_and_no_temp_after_next_run(tmp_path: Path) -> None:
    body = "\n\n".join(f"## Section {i}\n\n" + "Words and more words. " * 40 for i in range(12))
    pages = {f"p{i}.md": f"---\ntitle: Page {i}\n---\n{body}\n" for i in range(1500)}
    site = make_site(tmp_path / "s", {"index.md": LANDING, **pages})
    build_site(load_config(site))
    before = snapshot(site / "_site")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitekit", "build", str(site), "--clean"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(site.glob("._site.sitekit-shadow/p*")):
        time.sleep(0.005)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (site / "._site.sitekit-shadow" / MARKER).exists(), "killed mid-build"
    assert snapshot(site / "_site") == before
    build_site(load_config(site))
    wait_for_background_removals()  # the half-written shadow, put aside, is being deleted
    assert sorted(p.name for p in site.glob("._site.*")) == [
        "._site.sitekit-lock",
        "._site.sitekit-shadow",
    ]
    assert (site / "._site.sitekit-shadow" / MARKER).is_file()
    assert (site / "_site" / "p7" / "index.html").is_file()


def test_builds_into_temporary_folders_leave_no_manifests_behind(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    for name in ("t1", "t2"):
        out = tmp_path / name / "_site"
        build_site(load_config(site), out_dir=out, clean=True)
        shutil.rmtree(tmp_path / name)
    build_site(load_config(site))
    trees = list((site / ".sitekit-cache" / "trees").iterdir())
    assert len(trees) == 1
    assert (trees[0] / "out.txt").read_text() == str((site / "_site").resolve())


def test_linked_folder_in_content_is_skipped_with_a_warning(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("# TOP-SECRET\n")
    site = make_site(tmp_path / "s")
    (site / "content" / "more").symlink_to(outside, target_is_directory=True)
    code, output = run_cli("build", str(site))
    assert code == 0
    assert "content/more: warning: skipped: a linked folder" in output
    assert not (site / "_site" / "more").exists()


def test_out_folder_elsewhere_and_base_url_override(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    out = tmp_path / "public"
    code, output = run_cli(
        "build", str(site), "--out", str(out), "--base-url", "https://staging.acme.example/shop"
    )
    assert code == 0, output
    html = soup(out / "index.html")
    assert html.find("link", rel="canonical")["href"] == "https://staging.acme.example/shop/"
    assert html.find("a", attrs={"data-sitekit-cta": "primary"})["href"] == "/shop/estimate/"
    assert html.find("link", rel="stylesheet")["href"].startswith("/shop/style.")
    assert not (site / "_site").exists()


def test_unchanged_old_sources_are_taken_by_stamp_and_edits_still_seen(tmp_path: Path) -> None:
    pages = {"index.md": LANDING, **{f"p{i}.md": f"# Page {i}\n" for i in range(4)}}
    site = make_site(tmp_path / "s", pages)
    hour_ago = time.time() - 3600
    for path in (site / "content").iterdir():
        os.utime(path, (hour_ago, hour_ago))
    build_site(load_config(site))
    index = read_store(site / ".sitekit-cache" / INDEX)
    stamp = index["fields"].index("stamp")  # entries are rows in the order of "fields"
    assert all(row[stamp] is not None for row in index["entries"].values())
    assert build_site(load_config(site)).reused == 5
    (site / "content" / "p2.md").write_text("# Page 2 (same size)\n"[:10] + "\n")
    result = build_site(load_config(site))
    assert result.reused == 4
    assert "# Page 2 (" not in (site / "_site" / "p2" / "index.html").read_text()
    assert "Page 2 (" in (site / "_site" / "p2" / "index.html").read_text()


@pytest.mark.parametrize(
    "index",
    [
        {"salt": "x", "entries": {"content/p0.md": {"key": "k", "url": "/p0/"}}},  # older format
        {"salt": "x", "fields": ["key"], "entries": {"content/p0.md": ["k"]}},  # other fields
        {"salt": "x", "fields": "nonsense", "entries": []},
        [1, 2, 3],
        b"not an index at all",  # bytes: written as they are, no header
    ],
)
def test_an_index_from_another_version_is_ignored_and_rewritten(
    tmp_path: Path, index: object
) -> None:
    site = make_site(tmp_path / "s", {"index.md": LANDING, "p0.md": "# Page 0\n"})
    build_site(load_config(site))
    if isinstance(index, bytes):
        (site / ".sitekit-cache" / INDEX).write_bytes(index)
    else:
        write_store(site / ".sitekit-cache" / INDEX, index)
    result = build_site(load_config(site))
    assert result.reused == 0  # nothing taken from an index it cannot read
    assert "Page 0" in (site / "_site" / "p0" / "index.html").read_text()
    assert build_site(load_config(site)).reused == 2  # the rewritten index works again


@pytest.fixture
def bundled_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for audits/default.toml (the guard's word lists), to be written by the test."""
    import sitekit.audit.words as words_module

    audits = tmp_path / "audits"
    audits.mkdir()
    monkeypatch.setattr(words_module, "audits_dir", lambda: audits)
    return audits / "default.toml"


REQUIRED_LISTS = 'vague_cta = ["submit"]\nlow_commitment = ["free"]\n'


def test_word_lists_are_read_again_when_their_file_changes(
    tmp_path: Path, bundled_profile: Path
) -> None:
    from sitekit.build.lint import guard_words

    bundled_profile.write_text(f'[words]\nseller_talk = ["world-class"]\n{REQUIRED_LISTS}')
    first = guard_words("en")
    assert first is guard_words("en")  # unchanged file: not parsed again
    assert first["seller_talk"] == ("world-class",)

    site = make_site(tmp_path / "s", {"index.md": LANDING, "p0.md": "# Page 0\n"})
    build_site(load_config(site))
    assert build_site(load_config(site)).reused == 2
    bundled_profile.write_text(f'[words]\nseller_talk = ["best-in-class"]\n{REQUIRED_LISTS}')
    assert guard_words("en")["seller_talk"] == ("best-in-class",)
    assert build_site(load_config(site)).reused == 0  # new word lists: every page linted again


def test_a_changed_word_list_of_the_site_language_rebuilds_and_relints(
    tmp_path: Path, bundled_profile: Path
) -> None:
    """The cache salt digests every list the guard gets, not a fixed set of list names."""
    base = f'[words]\nseller_talk = ["x"]\n{REQUIRED_LISTS}'
    bundled_profile.write_text(base + '[words_lang.de]\nwelcome = ["willkommen"]\n')
    landing = LANDING.replace("Your leak fixed today", "Welcome, your leak fixed today")
    site = make_site(tmp_path / "s", {"index.md": landing, "p0.md": "# Page 0\n"})
    assert not [d for d in build_site(load_config(site)).diagnostics if d.field == "benefit"]
    assert build_site(load_config(site)).reused == 2
    bundled_profile.write_text(base + '[words_lang.de]\nwelcome = ["willkommen", "welcome"]\n')
    result = build_site(load_config(site))
    assert result.reused == 0
    assert [d.field for d in result.diagnostics if d.field == "benefit"] == ["benefit"]


def test_a_template_edited_between_builds_in_one_process_is_used(tmp_path: Path) -> None:
    """Templates are not re-checked per page; an edit makes a new fingerprint instead."""
    site = make_site(tmp_path / "s", {"index.md": LANDING, "p0.md": "# Page 0\n"})
    (site / "templates").mkdir()
    template = site / "templates" / "page.html"
    template.write_text("<main>first {{ body }}</main>\n")
    build_site(load_config(site))
    assert "first" in (site / "_site" / "p0" / "index.html").read_text()
    template.write_text("<main>second {{ body }}</main>\n")  # same size: only content differs
    result = build_site(load_config(site))
    assert "second" in (site / "_site" / "p0" / "index.html").read_text()
    assert result.reused == 0  # the page cache is keyed by the templates too
