"""`sitekit build`: -q means errors only, --check included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sitekit.cli import main

TESTS = Path(__file__).resolve().parent


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_site", ".sitekit-cache"))
    return dest


def test_build_check_quiet_prints_errors_only(tmp_path: Path, example: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    site = example
    runner = CliRunner()
    good = runner.invoke(main, ["build", str(site), "--check", "-q", "--out", str(tmp_path / "o")])
    assert good.exit_code == 0, good.stderr
    assert good.stdout == "" and good.stderr == ""
    assert (tmp_path / "o" / "index.html").is_file()

    failing = _copy(TESTS / "failing_site", tmp_path / "failing")
    bad = runner.invoke(
        main, ["build", str(failing), "--check", "-q", "--out", str(tmp_path / "b")]
    )
    assert bad.exit_code == 1
    assert bad.stdout == ""
    lines = bad.stderr.splitlines()
    assert lines and all(line.startswith(("check: ", "content/")) for line in lines), lines
    assert not any("warning" in line for line in lines)
    loud = runner.invoke(main, ["build", str(failing), "--check", "--out", str(tmp_path / "b")])
    assert loud.exit_code == 1 and len(loud.stdout) > 200  # without -q: the report


def test_a_build_process_ends_with_its_work_done(tmp_path: Path, example: Path) -> None:
    """`python -m sitekit build` ends without the interpreter's teardown: its messages still
    reach a pipe, the site and the cache are complete (the next build reuses every page),
    and the exit code is 0; a failing build still exits 2 with its errors."""
    site = _copy(example, tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    command = [sys.executable, "-m", "sitekit", "build", str(site)]
    first = subprocess.run(command, env=env, cwd=TESTS.parent, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "built " in first.stderr and first.stderr.endswith("s\n")
    pages = sorted(p.relative_to(site) for p in (site / "_site").rglob("index.html"))
    assert pages and not list(site.glob("._site.sitekit-lock*file"))
    again = subprocess.run(command, env=env, cwd=TESTS.parent, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert sorted(p.relative_to(site) for p in (site / "_site").rglob("index.html")) == pages
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    result = build_site(load_config(site))  # the cache was saved whole: every page reused
    assert (site / "_site" / "stories" / "index.html").is_file()  # generated: not a source
    assert result.reused == result.pages - 1 == len(pages) - 1

    (site / "content" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    bad = subprocess.run(command, env=env, cwd=TESTS.parent, capture_output=True, text=True)
    assert bad.returncode == 2 and "content/broken.md:3: error" in bad.stderr, bad.stderr
