"""Builder escapes: no slug, template name or link in content/ reads or writes outside."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitekit import build_site, load_config
from sitekit.cli import main
from sitekit.errors import SitekitError
from sitekit.models import BuildResult

REPO = Path(__file__).resolve().parents[2]
CONFIG = '[site]\nname = "Acme"\nbase_url = "https://acme.example"\n'
SECRET = "TOP-SECRET-3f9c"
OUTPUT_NAMES = {"_site", "._site.sitekit-shadow", "._site.sitekit-lock", ".sitekit-cache"}


def landing(slug: str | None = None, template: str | None = None) -> str:
    lines = [
        "---",
        "benefit: Your leak fixed today",
        "cta: {label: Get a free estimate, url: '#e'}",
    ]
    if slug is not None:
        lines.append(f"slug: {json.dumps(slug)}")  # a JSON string is a YAML string
    if template is not None:
        lines.append(f"template: {json.dumps(template)}")
    return "\n".join([*lines, "---", "", "## How it works", "", "We come.", ""])


def make_site(root: Path, pages: dict[str, str]) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "sitekit.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def tree(folder: Path, skip: frozenset[Path] = frozenset()) -> dict[str, str]:
    """Every entry under `folder` (links not followed): file bytes' hash, link target or dir."""
    out: dict[str, str] = {}
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if Path(base, d) not in skip]
        for name in dirs + files:
            path = Path(base, name)
            if path in skip:
                continue
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = str(hash(path.read_bytes()))
            else:
                out[rel] = "dir"
    return out


def outside(site: Path, world: Path) -> dict[str, str]:
    """Everything in `world` except what the build of `site` may write."""
    return tree(world, frozenset(site / name for name in OUTPUT_NAMES))


def built_text(site: Path) -> str:
    """All the bytes of the built site, as text (for leak searches)."""
    chunks = []
    for path in sorted((site / "_site").rglob("*")):
        if path.is_file():
            chunks.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(chunks)


def build(site: Path) -> BuildResult | SitekitError:
    try:
        return build_site(load_config(site), clean=True)
    except SitekitError as exc:
        return exc


def output_inside(site: Path) -> bool:
    """Every built file really is inside _site (no link leads out)."""
    root = (site / "_site").resolve()
    return all(p.resolve().is_relative_to(root) for p in (site / "_site").rglob("*"))


# --------------------------------------------------------------------------- slugs

HOSTILE_SLUGS = [
    "../escaped",
    "../../escaped",
    "a/../../escaped",
    "/../escaped",
    "//escaped",
    "..",
    ".",
    "./",
    "/etc/cron.d/x",
    "C:\\Windows\\x",
    "c:/x",
    "a\\..\\..\\escaped",
    "..\\escaped",
    "~/escaped",
    "%2e%2e/escaped",
    "．．/escaped",
    "a/./b",
    "a//b",
    "x" * 300,
    "/".join(["d"] * 200),
    "line\nbreak",
    "tab\there",
    "nul\x00byte",
    "_site/../../escaped",
    "index.html/../..",
]


@pytest.mark.parametrize("slug", HOSTILE_SLUGS)
def test_hostile_slug_never_writes_outside_the_output(tmp_path: Path, slug: str) -> None:
    site = make_site(tmp_path / "s", {"index.md": landing(), "page.md": landing(slug=slug)})
    before = outside(site, tmp_path)
    result = build(site)
    assert outside(site, tmp_path) == before, "something was written outside the output"
    if isinstance(result, SitekitError):
        errors = [d for d in result.diagnostics if d.level == "error"]
        assert errors, result.message
        assert all(d.location and d.location.path == "content/page.md" for d in errors), errors
        assert all(d.location and d.location.line for d in errors), errors
    else:
        assert output_inside(site)


@pytest.mark.parametrize("slug", ["sitemap.xml", "robots.txt", "404.html", ".sitekit-build"])
def test_slug_taking_a_generated_file_name_fails_clearly_and_keeps_the_output(
    tmp_path: Path, slug: str
) -> None:
    site = make_site(tmp_path / "s", {"index.md": landing()})
    build_site(load_config(site))
    before = tree(site / "_site")
    (site / "content" / "clash.md").write_text(landing(slug=slug), encoding="utf-8")
    result = build(site)
    assert isinstance(result, SitekitError)
    errors = [d for d in result.diagnostics if d.level == "error"]
    assert [d.location.path for d in errors if d.location] == ["content/clash.md"]
    assert slug in errors[0].message
    assert tree(site / "_site") == before


SLUG_CHARS = st.sampled_from([*"./\\:~%a_-", "..", "../", "\x00", "．", "\u202e"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slug=st.lists(SLUG_CHARS, min_size=1, max_size=12).map("".join))
def test_any_slug_stays_inside_or_fails_located(slug: str) -> None:
    with tempfile.TemporaryDirectory(prefix="sitekit-slug-") as tmp:
        world = Path(tmp)
        site = make_site(world / "s", {"page.md": landing(slug=slug)})
        before = outside(site, world)
        result = build(site)
        assert outside(site, world) == before
        if isinstance(result, SitekitError):
            assert all(
                d.location and d.location.path == "content/page.md" and d.location.line
                for d in result.diagnostics
                if d.level == "error"
            ), result.diagnostics
        else:
            assert output_inside(site)


# --------------------------------------------------------------------------- template names


@pytest.mark.parametrize(
    "template",
    [
        "../../../../etc/passwd",
        "/etc/passwd",
        "../secret",
        "..\\secret",
        "partials/../../../secret",
        "landing.html/../../secret",
        "C:/secret",
        "%2e%2e/secret",
    ],
)
def test_template_name_cannot_reach_a_file_outside_the_theme(tmp_path: Path, template: str) -> None:
    (tmp_path / "secret.html").write_text(f"<h1>{SECRET}</h1>", encoding="utf-8")
    site = make_site(tmp_path / "s", {"index.md": landing(template=template)})
    (site / "secret.html").write_text(f"<h1>{SECRET}</h1>", encoding="utf-8")
    (site / "templates").mkdir()
    before = outside(site, tmp_path)
    result = build(site)
    assert outside(site, tmp_path) == before
    assert isinstance(result, SitekitError), "an unknown template name built a page"
    errors = [d for d in result.diagnostics if d.level == "error"]
    assert any(d.field == "template" and d.location and d.location.line == 4 for d in errors)
    assert not (site / "_site").exists()


def test_template_symlinked_out_of_templates_is_used_only_as_the_owner_linked_it(
    tmp_path: Path,
) -> None:
    """A site may link a shared template in; a content file still cannot name other files."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "secret.html").write_text(SECRET, encoding="utf-8")
    site = make_site(tmp_path / "s", {"index.md": landing(template="../shared/secret")})
    (site / "templates").mkdir()
    result = build(site)
    assert isinstance(result, SitekitError)
    assert not (site / "_site").exists()


# --------------------------------------------------------------------------- links in content/


@contextmanager
def secret_outside(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "notes.md").write_text(f"---\ntitle: Notes\n---\n{SECRET}\n", encoding="utf-8")
    (folder / "key.txt").write_text(SECRET, encoding="utf-8")
    yield folder


def test_linked_md_file_and_folder_outside_content_leak_nothing(tmp_path: Path) -> None:
    with secret_outside(tmp_path) as private:
        site = make_site(tmp_path / "s", {"index.md": landing()})
        (site / "content" / "leak.md").symlink_to(private / "notes.md")
        (site / "content" / "docs").symlink_to(private, target_is_directory=True)
        (site / "content" / "up.md").symlink_to("../../private/notes.md")
        before = outside(site, tmp_path)
        result = CliRunner().invoke(main, ["build", str(site)])
        assert result.exit_code == 0, result.output
        assert "content/leak.md: warning: skipped: a link to a file outside content/" in (
            result.output
        )
        assert "content/up.md: warning: skipped" in result.output
        assert "content/docs: warning: skipped: a linked folder" in result.output
        assert SECRET not in built_text(site)
        assert outside(site, tmp_path) == before
        assert output_inside(site)


def test_link_loops_dangling_links_and_links_to_devices_end_quickly(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"index.md": landing()})
    content = site / "content"
    (content / "loop").symlink_to(content, target_is_directory=True)
    (content / "self.md").symlink_to(content / "self.md")
    (content / "gone.md").symlink_to(tmp_path / "does-not-exist.md")
    (content / "zero.md").symlink_to("/dev/zero")
    (content / "dir.md").symlink_to(content, target_is_directory=True)
    before = outside(site, tmp_path)
    result = build(site)
    assert isinstance(result, BuildResult), result
    assert result.pages == 1
    warned = {d.location.path for d in result.diagnostics if d.location}
    assert {"content/loop", "content/self.md", "content/gone.md", "content/zero.md"} <= warned
    assert outside(site, tmp_path) == before


def test_named_pipe_in_content_is_skipped_not_read_forever(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"index.md": landing()})
    os.mkfifo(site / "content" / "pipe.md")  # opening it for reading would block for ever
    (site / "content" / "pipe-link.md").symlink_to(site / "content" / "pipe.md")
    done = subprocess.run(
        [sys.executable, "-m", "sitekit", "build", str(site)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails here, loudly
    )
    assert done.returncode == 0, done.stderr
    assert "content/pipe.md: warning: skipped: not a regular file" in done.stderr
    assert "content/pipe-link.md: warning: skipped" in done.stderr


def test_linked_static_file_outside_static_is_not_copied(tmp_path: Path) -> None:
    with secret_outside(tmp_path) as private:
        site = make_site(tmp_path / "s", {"index.md": landing()})
        (site / "static").mkdir()
        (site / "static" / "key.txt").symlink_to(private / "key.txt")
        (site / "static" / "all").symlink_to(private, target_is_directory=True)
        result = build(site)
        assert isinstance(result, BuildResult), result
        assert SECRET not in built_text(site)
        assert not (site / "_site" / "key.txt").exists()
        assert output_inside(site)


def test_link_planted_in_the_output_is_not_written_through(tmp_path: Path) -> None:
    """A folder of the kept previous version swapped for a link out is refused, not followed."""
    victim = tmp_path / "victim"
    victim.mkdir()
    site = make_site(tmp_path / "s", {"index.md": landing(), "pricing.md": landing(slug="pricing")})
    build_site(load_config(site))
    build_site(load_config(site))  # now ._site.sitekit-shadow holds the previous version
    for holder in (site / "_site", site / "._site.sitekit-shadow"):
        if (holder / "pricing").is_dir():
            for path in (holder / "pricing").iterdir():
                path.unlink()
            (holder / "pricing").rmdir()
        (holder / "pricing").symlink_to(victim, target_is_directory=True)
    (site / "content" / "pricing.md").write_text(landing(slug="pricing") + "\nNew.\n")
    result = build(site)
    assert list(victim.iterdir()) == [], "the build wrote through a planted link"
    if isinstance(result, BuildResult):
        assert not (site / "_site" / "pricing").is_symlink()


@pytest.mark.parametrize("victim", ["empty", "a file", "the previous build, moved"])
def test_shadow_folder_planted_as_a_link_is_not_written_through(
    tmp_path: Path, victim: str
) -> None:
    target = tmp_path / "victim"
    site = make_site(tmp_path / "s", {"index.md": landing()})
    build_site(load_config(site))
    build_site(load_config(site))  # the shadow now holds a complete previous build
    shadow = site / "._site.sitekit-shadow"
    if victim == "the previous build, moved":  # its manifest matches: it looks reusable
        shutil.move(shadow, target)
    else:
        shutil.rmtree(shadow)
        target.mkdir()
    if victim != "empty":
        (target / "keep.txt").write_text("precious", encoding="utf-8")
    shadow.symlink_to(target, target_is_directory=True)
    before = tree(target)
    (site / "content" / "index.md").write_text(landing() + "\nNew.\n", encoding="utf-8")
    result = build(site)
    assert tree(target) == before, "the build wrote through a planted shadow link"
    assert not (site / "_site").is_symlink()
    assert isinstance(result, SitekitError)
    assert "it is a link" in result.message


def test_a_second_site_built_in_the_same_process_never_writes_into_the_first(
    tmp_path: Path,
) -> None:
    first = make_site(tmp_path / "first", {"index.md": landing()})
    second = make_site(tmp_path / "second", {"index.md": landing()})
    build_site(load_config(first))
    before = tree(first)
    build_site(load_config(second))
    assert tree(first) == before
    (second / "content" / "index.md").write_text(landing() + "\nMore.\n")
    shutil.rmtree(first)  # the first site is gone: the second still builds
    assert isinstance(build(second), BuildResult)
