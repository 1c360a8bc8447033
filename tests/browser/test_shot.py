"""`sitekit shot`: PNGs of the example home page at both sizes; a clear error without Chromium."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitekit.cli import main

REPO = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.browser
def test_shot_saves_the_home_page_at_both_sizes(chromium: str, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = CliRunner().invoke(main, ["shot", str(REPO), "--out", str(out), "--browser", chromium])
    assert result.exit_code == 0, result.output
    assert png_size(out / "home-390x844.png") == (390, 844)
    assert png_size(out / "home-1366x768.png") == (1366, 768)
    assert f"saved {out / 'home-390x844.png'}" in result.output
    # a real page, not a blank one: a blank PNG of this size compresses to a few KB
    assert (out / "home-1366x768.png").stat().st_size > 20_000


def test_shot_without_chromium_names_the_install_commands(tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    result = CliRunner().invoke(
        main, ["shot", str(REPO), "--out", str(tmp_path / "s"), "--browser", str(missing)]
    )
    assert result.exit_code == 2
    assert f"no Chromium at {missing}" in result.output
    assert "apt-get install chromium" in result.output
    assert not (tmp_path / "s").exists()
