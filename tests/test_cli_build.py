"""`sitekit build`: -q means errors only, --check included."""

from __future__ import annotations

import shutil
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
