"""Rendered audits: load pages in headless Chromium and mark what each first screen shows."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from sitekit.browser.first_screen import (
    APPLY_JS,
    VIEWPORTS,
    Viewport,
    collect,
    outlined_screenshot,
    viewport_marks,
)
from sitekit.errors import SitekitError
from sitekit.models import FetchedPage, PageSnapshot

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium contacts outside hosts on its own.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
INSTALL_HINT = (
    "pip install 'sitekit[render]' and apt-get install chromium "
    "(or point --browser PATH / SITEKIT_CHROMIUM at a Chromium)"
)
NETWORK_IDLE_BOUND = 3.0  # seconds to wait for network idle after `load`, at most


@dataclass(frozen=True)
class RenderedPage:
    """One page as Chromium rendered it: the marked DOM and first-screen screenshots."""

    url: str
    final_url: str
    status: int | None
    html: bytes = b""
    screenshots: dict[str, str] = field(default_factory=dict)  # viewport name -> data: URI
    error: str | None = None
    content_type: str = "text/html; charset=utf-8"
    elapsed: float = 0.0


# True when the page runs scripts (JSON-LD and other data blocks do not count).
HAS_SCRIPTS_JS = """() => Array.from(document.scripts).some((s) => !s.type
  || /^(text|application)\\/(javascript|ecmascript)$|^module$/i.test(s.type.trim()))"""


def find_browser(browser_path: str | None = None) -> str:
    """The Chromium to drive: `browser_path`, else $SITEKIT_CHROMIUM, else /usr/bin/chromium."""
    path = browser_path or os.environ.get("SITEKIT_CHROMIUM") or DEFAULT_CHROMIUM
    if not Path(path).is_file():
        raise SitekitError(f"no Chromium at {path}; rendered audits need it: {INSTALL_HINT}")
    return path


def _sync_playwright() -> Any:
    """Import Playwright's sync API, or explain how to install it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise SitekitError(
            "rendered audits need Playwright (pip install playwright, or pip install "
            "'sitekit[render]' for the tested version) and a Chromium (apt-get install "
            "chromium, or --browser PATH / SITEKIT_CHROMIUM)"
        ) from exc
    return sync_playwright


def require_playwright() -> None:
    """Fail now, with the install command, when Playwright is missing (before any work)."""
    _sync_playwright()


class Renderer:
    """One headless Chromium for a whole audit; `render(url)` loads a page at each viewport.

    Use it as a context manager (it closes Chromium on exit). Playwright runs in a private
    worker thread, so a Renderer works from any thread, beside another Playwright session
    or inside a running asyncio loop.
    """

    def __init__(self, browser_path: str | None = None, timeout: float = 20.0) -> None:
        self.executable = find_browser(browser_path)
        self.timeout = timeout
        self._worker: ThreadPoolExecutor | None = None
        self._manager: Any = None
        self._browser: Any = None
        self._contexts: dict[str, Any] = {}

    def __enter__(self) -> Renderer:
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitekit-render")
        try:
            self._worker.submit(self._start).result()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close Chromium, the Playwright driver and the worker thread; safe to call twice."""
        if self._worker is not None:
            worker, self._worker = self._worker, None
            try:
                worker.submit(self._stop).result()
            finally:
                worker.shutdown(wait=True)

    def render(self, url: str, screenshots: bool = True) -> RenderedPage:
        """Load `url` at each viewport; a failure becomes `RenderedPage.error`, not a crash.

        `screenshots=False` skips the first-screen JPEGs (e.g. for pages other than the entry).
        """
        if self._worker is None:
            raise RuntimeError("Renderer.render() called outside `with Renderer(...)`")
        return self._worker.submit(self._render, url, screenshots).result()

    def save_screenshot(self, url: str, viewport: Viewport, path: Path) -> Path:
        """Save a PNG of `url`'s first screen at `viewport` (no outlines); raise if it fails."""
        if self._worker is None:
            raise RuntimeError("Renderer.save_screenshot() called outside `with Renderer(...)`")
        return self._worker.submit(self._save_screenshot, url, viewport, path).result()

    def _save_screenshot(self, url: str, viewport: Viewport, path: Path) -> Path:
        """In the worker: load, settle, write the PNG."""
        page = self._open(viewport)
        try:
            try:
                response = self._goto(page, url)
            except Exception as exc:
                raise SitekitError(f"{url}: could not load: {_first_line(exc)}") from exc
            if response is not None and response.status >= 400:
                raise SitekitError(f"{url}: HTTP {response.status}")
            self._settle(page)
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), type="png", animations="disabled", caret="hide")
            return path
        finally:
            page.close()

    def _start(self) -> None:
        """In the worker: start Playwright and launch Chromium."""
        self._manager = _sync_playwright()()
        playwright = self._manager.__enter__()
        try:
            self._browser = playwright.chromium.launch(
                executable_path=self.executable, args=list(CHROMIUM_FLAGS)
            )
        except Exception as exc:
            raise SitekitError(
                f"could not start Chromium at {self.executable}: {_first_line(exc)}"
            ) from exc

    def _stop(self) -> None:
        """In the worker: close Chromium, then the Playwright driver."""
        self._contexts.clear()
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = None
            if self._manager is not None:
                manager, self._manager = self._manager, None
                manager.__exit__(None, None, None)

    def _render(self, url: str, screenshots: bool) -> RenderedPage:
        """In the worker: load `url` at both viewports and merge the marks into one DOM."""
        start = time.monotonic()
        desktop_vp, mobile_vp = VIEWPORTS
        desktop = self._open(desktop_vp)
        try:
            response = self._goto(desktop, url)
            content_type = (response.headers.get("content-type", "") if response else "") or ""
            status = response.status if response else None
            if "html" not in content_type.lower() and response is not None:
                return RenderedPage(
                    url,
                    desktop.url,
                    status,
                    error=f"not HTML ({content_type or 'no type'})",
                    content_type=content_type,
                    elapsed=time.monotonic() - start,
                )
            self._settle(desktop)
            desktop_keys = collect(desktop)
            shots = {desktop_vp.name: outlined_screenshot(desktop)} if screenshots else {}
            mobile_keys, mobile_shot = self._load_mobile(url, mobile_vp, screenshots)
            if mobile_shot:
                shots[mobile_vp.name] = mobile_shot
            marks = viewport_marks(desktop_keys, mobile_keys)
            desktop.evaluate(APPLY_JS, [marks, [vp.name for vp in VIEWPORTS]])
            html = desktop.content().encode("utf-8")
            return RenderedPage(
                url, desktop.url, status, html, shots, elapsed=time.monotonic() - start
            )
        except Exception as exc:  # Playwright errors: timeouts, crashed tabs, bad URLs
            return RenderedPage(
                url,
                url,
                None,
                error=f"render failed: {_first_line(exc)}",
                elapsed=time.monotonic() - start,
            )
        finally:
            desktop.close()

    def _open(self, viewport: Viewport) -> Any:
        """A new page in the context sized (and touch-enabled) for `viewport`.

        One context per viewport lives as long as the Renderer (a context costs ~0.4 s, a
        page little), so pages of one audit share cookies like one visitor's browser.
        """
        context = self._contexts.get(viewport.name)
        if context is None:
            context = self._browser.new_context(
                viewport={"width": viewport.width, "height": viewport.height},
                is_mobile=viewport.mobile,
                has_touch=viewport.mobile,
                service_workers="block",
            )
            self._contexts[viewport.name] = context
        return context.new_page()

    def _goto(self, page: Any, url: str) -> Any:
        """Navigate and wait for the DOM, then (bounded) for `load`; the HTTP response."""
        response = page.goto(url, wait_until="domcontentloaded", timeout=self.timeout * 1000)
        # a slow third-party image or font must not lose the page: take it as it is
        with contextlib.suppress(Exception):
            page.wait_for_load_state("load", timeout=self.timeout * 1000)
        return response

    def _settle(self, page: Any) -> None:
        """Wait (bounded) for scripts to stop fetching, then for fonts.

        A page without scripts is final at `load`, so it skips the network-idle wait (which
        costs at least 0.5 s by definition); JSON-LD blocks are not scripts.
        """
        if page.evaluate(HAS_SCRIPTS_JS):
            # still busy after the bound (polling, long requests): take the page as it is
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=NETWORK_IDLE_BOUND * 1000)
        page.evaluate("() => document.fonts ? document.fonts.ready.then(() => true) : true")

    def _load_mobile(
        self, url: str, viewport: Viewport, screenshot: bool
    ) -> tuple[list[tuple[str, bool]], str]:
        """Load the page again as a phone: its candidate keys and its screenshot (or "")."""
        page = self._open(viewport)
        try:
            self._goto(page, url)
            self._settle(page)
            keys = collect(page)
            return keys, outlined_screenshot(page) if screenshot else ""
        finally:
            page.close()


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message (Playwright adds long call logs)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def render_pages(
    urls: Iterable[str],
    browser_path: str | None = None,
    timeout: float = 20.0,
    screenshots: bool = True,
) -> Iterator[RenderedPage]:
    """Render each URL with one shared Chromium, closed when the iteration ends."""
    with Renderer(browser_path, timeout) as renderer:
        for url in urls:
            yield renderer.render(url, screenshots=screenshots)


def to_fetched(rendered: RenderedPage, depth: int = 0) -> FetchedPage:
    """The rendered DOM as a FetchedPage, so the usual snapshot and checks read it."""
    return FetchedPage(
        url=rendered.url,
        final_url=rendered.final_url,
        status=rendered.status,
        content_type=rendered.content_type,
        body=rendered.html if rendered.error is None else None,
        encoding="utf-8",
        depth=depth,
        error=rendered.error,
        elapsed=rendered.elapsed,
    )


def attach_screenshots(snapshot: PageSnapshot, rendered: RenderedPage) -> PageSnapshot:
    """The snapshot with the rendered page's screenshots and `rendered=True`."""
    return replace(snapshot, rendered=True, screenshots=dict(rendered.screenshots))
