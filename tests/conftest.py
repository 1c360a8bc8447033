"""Shared fixtures: a real static HTTP server on 127.0.0.1 and a real Chromium (when present)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitekit.browser.chromium import CHROMIUM_FLAGS

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SITEKIT_CHROMIUM", "/usr/bin/chromium")
AXE_JS = REPO / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(folder) -> 'http://127.0.0.1:PORT/' while the test runs."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def _serve(root: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/"

    yield _serve
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's example site (sitekit.toml, content/, static/)."""
    root = tmp_path_factory.mktemp("example")
    for name in ("sitekit.toml", "content", "static"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.exists():
            shutil.copy(src, root / name)
    return root


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright; skipped with the reason when absent."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"real-browser test: no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="real-browser test: pip install playwright (no `playwright install`)",
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        yield b
        b.close()
