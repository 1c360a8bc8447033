"""`sitekit shot`: build a site, serve it on 127.0.0.1 and save its home page's screenshots."""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitekit.browser.chromium import VIEWPORTS, Renderer, find_browser, require_playwright


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request (library code never prints)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def shot_names(stem: str = "home") -> dict[str, str]:
    """File name per viewport: {"390x844": "home-390x844.png", ...}."""
    return {vp.name: f"{stem}-{vp.name}.png" for vp in VIEWPORTS}


def shoot_url(url: str, out_dir: Path, browser_path: str | None = None) -> tuple[Path, ...]:
    """Save PNGs of `url`'s first screen at every viewport into `out_dir`."""
    names = shot_names()
    with Renderer(browser_path) as renderer:
        return tuple(
            renderer.save_screenshot(url, vp, out_dir / names[vp.name]) for vp in VIEWPORTS
        )


def shoot_site(site_dir: Path, out_dir: Path, browser_path: str | None = None) -> tuple[Path, ...]:
    """Build `site_dir` into a temporary folder, serve it and screenshot its home page."""
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    require_playwright()  # fail before building when there is no Playwright or browser
    find_browser(browser_path)
    config = load_config(site_dir)
    with tempfile.TemporaryDirectory(prefix="sitekit-shot-") as tmp:
        result = build_site(config, out_dir=Path(tmp) / "site")
        with serve_folder(result.out_dir) as base_url:
            return shoot_url(base_url, out_dir, browser_path)
