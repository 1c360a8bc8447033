"""Dev server: serve the built site on 127.0.0.1, rebuild on change, reload the browser."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from sitekit.build.cache import CACHE_DIR
from sitekit.build.config import CONFIG_NAME, load_config
from sitekit.build.site import build_site
from sitekit.build.sources import is_editor_temp
from sitekit.errors import SitekitError

VERSION_PATH = "/__sitekit/version"
WATCHED_FOLDERS = ("content", "templates", "static", "themes")
RELOAD_SCRIPT = (
    "<script>(()=>{{const v='{version}';setInterval(async()=>{{try{{const r=await fetch("
    "'" + VERSION_PATH + "',{{cache:'no-store'}});if((await r.text())!==v)location.reload()"
    "}}catch(e){{}}}},600)}})()</script>"
)


def is_watched(root: Path, path: Path) -> bool:
    """True for sitekit.toml and files under content/, templates/, static/, themes/."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    parts = rel.parts
    return bool(parts) and (rel.as_posix() == CONFIG_NAME or parts[0] in WATCHED_FOLDERS)


def error_overlay(errors: list[str]) -> str:
    """The last failed build's located errors as a panel over the page (empty when it built);
    only the server adds it, like the reload script."""
    if not errors:
        return ""
    lines = "\n".join(escape(line) for line in errors)
    return (
        '<div id="sitekit-errors" role="alert" style="position:fixed;inset:auto 0 0 0;'
        "z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;"
        "background:#2b0d0d;color:#fff;font:14px/1.5 ui-monospace,monospace;"
        'border-top:4px solid #e5484d"><strong>The last edit did not build; this is the last '
        f'good build.</strong><pre style="margin:.5rem 0 0;white-space:pre-wrap">{lines}</pre>'
        "</div>"
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the serve output, with the reload script injected into HTML."""

    server_ref: DevServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == VERSION_PATH:
            self._send(200, str(self.server_ref.version).encode(), "text/plain")
            return
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                super().do_GET()  # redirect to the slash URL
                return
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._send(200, self._inject(target.read_bytes()), "text/html; charset=utf-8")
        elif not target.exists() and (self.server_ref.out / "404.html").is_file():
            page = (self.server_ref.out / "404.html").read_bytes()
            self._send(404, self._inject(page), "text/html; charset=utf-8")
        else:
            super().do_GET()

    def _inject(self, html: bytes) -> bytes:
        script = RELOAD_SCRIPT.format(version=self.server_ref.version).encode()
        script = error_overlay(self.server_ref.shown_errors()).encode() + script
        head, sep, tail = html.rpartition(b"</body>")
        return head + script + sep + tail if sep else html + script

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class DevServer:
    """Builds SITE_DIR into its cache folder, serves it, and rebuilds when sources change."""

    def __init__(
        self,
        site_dir: Path,
        port: int = 8000,
        drafts: bool = False,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.root = Path(site_dir).resolve()
        self.out = self.root / CACHE_DIR / "serve"
        self.drafts = drafts
        self.log = log or (lambda message: None)
        self.version = 0
        self.last_seconds = 0.0
        self.errors: list[str] = []  # the last failed build's lines, shown over every page
        self._errors_over = 0  # the served folder they were reported over (its inode)
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._threads: list[threading.Thread] = []
        handler = type("Handler", (_Handler,), {"server_ref": self})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(self.out))
        )
        self.httpd.daemon_threads = True

    def _served(self) -> int:
        """Which build is being served: every build swaps a new folder in at `out`."""
        try:
            return os.stat(self.out).st_ino
        except OSError:
            return 0

    def shown_errors(self) -> list[str]:
        """The last failed build's lines while the build they were reported over is still the
        one served (a good build swapped in a moment before `errors` is cleared shows none)."""
        errors = self.errors
        return errors if errors and self._served() == self._errors_over else []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def rebuild(self) -> bool:
        """Build once; on failure log every problem and keep serving the last good build."""
        started = time.perf_counter()
        try:
            config = load_config(self.root)
            result = build_site(config, out_dir=self.out, drafts=self.drafts)
        except SitekitError as exc:
            errors = [
                f"{diag.location}: {diag.level}: {diag.message}"
                if diag.location
                else f"{diag.level}: {diag.message}"
                for diag in exc.diagnostics
            ]
            errors.append(f"error: {exc.message}")
            for line in errors[:-1]:
                self.log(line)
            self.log(f"{errors[-1]} (still serving the last good build)")
            self._errors_over = self._served()
            self.errors = errors
            self.version += 1  # open pages reload and show the errors
            return False
        self.last_seconds = time.perf_counter() - started
        self.errors = []
        self.version += 1
        for diag in result.diagnostics:
            self.log(str(diag))
        self.log(
            f"built {result.pages} pages in {self.last_seconds:.3f}s ({result.reused} from cache)"
        )
        return True

    def start(self) -> None:
        """Build, then serve and watch in background threads."""
        self.rebuild()
        serve = functools.partial(self.httpd.serve_forever, poll_interval=0.05)  # quick stop
        for target in (serve, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        self._watching.wait(timeout=10)
        self.log(f"serving {self.root} at {self.url} (Ctrl+C to stop)")

    def _watch(self) -> None:
        import watchfiles

        def accept(change: watchfiles.Change, path: str) -> bool:
            return not is_editor_temp(os.path.basename(path)) and is_watched(self.root, Path(path))

        for changes in watchfiles.watch(
            self.root,
            watch_filter=accept,
            stop_event=self._stop,
            debounce=400,
            step=30,
            raise_interrupt=False,
            rust_timeout=300,
            yield_on_timeout=True,
        ):
            self._watching.set()  # the first (empty) yield means the watcher is running
            if not changes:
                continue
            names = sorted({Path(p).relative_to(self.root).as_posix() for _, p in changes})
            self.log(f"changed: {', '.join(names[:3])}{' ...' if len(names) > 3 else ''}")
            self.rebuild()

    def stop(self) -> None:
        """Stop serving and watching."""
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def wait(self) -> None:
        """Block until Ctrl+C (or until stop())."""
        try:
            while not self._stop.wait(0.1):
                pass
        finally:
            self.stop()


def serve_site(
    site_dir: Path, port: int = 8000, drafts: bool = False, log: Callable[[str], None] | None = None
) -> None:
    """Serve SITE_DIR on 127.0.0.1:PORT until interrupted."""
    load_config(site_dir)  # fail early, with located errors, on a broken sitekit.toml
    try:
        server = DevServer(site_dir, port=port, drafts=drafts, log=log)
    except OSError as exc:
        raise SitekitError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    server.start()
    server.wait()
