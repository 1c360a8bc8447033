"""Fixtures for the real-browser tests: a Chromium for sitekit.browser.chromium, page writers."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SITEKIT_CHROMIUM", "/usr/bin/chromium")
AXE_JS = REPO / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium sitekit.browser.chromium will drive; skipped with the reason when absent."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"real-browser test: no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    pytest.importorskip(
        "playwright.sync_api",
        reason="real-browser test: pip install playwright (no `playwright install`)",
    )
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """axe-core's script, installed by .ci/run into .tools/; skipped with the reason when absent."""
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core test: no {AXE_JS} (see .ci/run: npm i axe-core@4.14.1 in .tools)")
    return AXE_JS


@pytest.fixture
def write_pages(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """write_pages({"index.html": "..."}) -> the folder holding them."""

    def _write(pages: dict[str, str]) -> Path:
        root = tmp_path / "www"
        for name, text in pages.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return _write
