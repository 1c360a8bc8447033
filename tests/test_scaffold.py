"""`sitekit new` then `sitekit build` works at once, and never overwrites a site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from sitekit.build.content import FIELDS
from sitekit.build.kinds import KIND_FIELDS
from sitekit.cli import main


def test_new_then_build_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    site = tmp_path / "mysite"
    result = runner.invoke(main, ["new", str(site)])
    assert result.exit_code == 0, result.output
    assert (site / "templates").is_dir()
    index = (site / "content" / "index.md").read_text()
    for field in FIELDS:  # a landing page's fields (a story's or welcome page's have their own)
        if field not in ("slug", "template", *KIND_FIELDS):
            assert f"\n{field}:" in index, field  # every field is shown, commented
    result = runner.invoke(main, ["build", str(site), "--strict"])
    assert result.exit_code == 0, result.output
    html = BeautifulSoup((site / "_site" / "index.html").read_text(), "lxml")
    assert html.find("h1").get_text() == "A spotless home every week, without lifting a finger"
    assert (site / "_site" / "privacy" / "index.html").is_file()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    site = tmp_path / "s"
    assert runner.invoke(main, ["new", str(site)]).exit_code == 0
    (site / "content" / "index.md").write_text("mine")
    result = runner.invoke(main, ["new", str(site)])
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert (site / "content" / "index.md").read_text() == "mine"


def test_new_site_passes_the_gate(tmp_path: Path) -> None:
    runner = CliRunner()
    site = tmp_path / "gate"
    assert runner.invoke(main, ["new", str(site)]).exit_code == 0
    result = runner.invoke(main, ["check", str(site), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "check: passed" in result.output
