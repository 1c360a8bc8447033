"""A hostile web server on 127.0.0.1: each test mounts the misbehaviour it needs on a path."""

from __future__ import annotations

import http.server
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from sitekit.crawl.settings import CrawlSettings

Behaviour = Callable[["HostileHandler"], None]

# Small limits so that every case ends in a second or two.
SETTINGS = CrawlSettings(
    timeout=1.0,
    max_page_seconds=2.0,
    retries=1,
    max_retry_after=2.0,
    max_bytes=1_000_000,
    max_redirects=5,
)


@dataclass
class HostileSite:
    """The routes of one hostile server and what it saw."""

    port: int = 0
    routes: dict[str, Behaviour] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, behaviour: Behaviour) -> None:
        self.routes[path] = behaviour

    def page(self, path: str, html: str, **kwargs: Any) -> None:
        self.routes[path] = respond(html.encode(), **kwargs)


class HostileHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: HostileSite  # set on the per-server subclass

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.site.hits.append(self.path)
        path = self.path.split("?", 1)[0]
        behaviour = self.site.routes.get(self.path) or self.site.routes.get(path)
        if behaviour is None:
            prefix = max((p for p in self.site.routes if p.endswith("*") and
                          path.startswith(p[:-1])), key=len, default=None)  # fmt: skip
            behaviour = self.site.routes[prefix] if prefix else respond(b"no such page", 404)
        try:
            behaviour(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True

    def send_raw(self, status: int, headers: dict[str, str], body: bytes | None = None) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body is not None:
            self.wfile.write(body)


def respond(
    body: bytes,
    status: int = 200,
    content_type: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> Behaviour:
    """A plain, well-formed response (Content-Type omitted when None)."""

    def behaviour(handler: HostileHandler) -> None:
        sent = {"Content-Length": str(len(body)), **(headers or {})}
        if content_type is not None:
            sent["Content-Type"] = content_type
        handler.send_raw(status, sent, body)

    return behaviour


def links_page(*hrefs: str) -> str:
    anchors = "".join(f'<a href="{href}">link {n}</a>' for n, href in enumerate(hrefs))
    return f"<!doctype html><html><head><title>Start</title></head><body>{anchors}</body></html>"


@pytest.fixture
def hostile() -> Iterator[HostileSite]:
    """A fresh hostile server per test; blocked handlers are released at teardown."""
    site = HostileSite()
    handler = type("Handler", (HostileHandler,), {"site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield site
    site.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


# --------------------------------------------------------------------------- misbehaviours


def endless(handler: HostileHandler) -> None:
    """HTML that never ends (no Content-Length), until the client hangs up or 1 GB."""
    handler.send_raw(200, {"Content-Type": "text/html", "Connection": "close"})
    chunk = b"<p>" + b"x" * 65_530 + b"</p>"
    for _ in range(16_000):
        if handler.site.stop.is_set():
            return
        handler.wfile.write(chunk)


def drip(handler: HostileHandler) -> None:
    """Headers at once, then one byte a second."""
    handler.send_raw(200, {"Content-Type": "text/html", "Content-Length": "100000"})
    handler.wfile.flush()
    for _ in range(120):
        if handler.site.stop.wait(1.0):
            return
        handler.wfile.write(b"x")
        handler.wfile.flush()


def header_drip(handler: HostileHandler) -> None:
    """The status line and headers, one byte a second."""
    raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 200 + b"\r\n\r\n"
    for byte in raw:
        if handler.site.stop.wait(1.0):
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()


def silent(handler: HostileHandler) -> None:
    """Read the request, then never answer."""
    handler.site.stop.wait(30)
    handler.close_connection = True


def reset(handler: HostileHandler) -> None:
    """Close the connection with a TCP RST instead of an answer."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def redirect(location: str, status: int = 302) -> Behaviour:
    return respond(b"", status, None, {"Location": location})


def compressed(body: bytes, encoding: str) -> Behaviour:
    return respond(body, 200, "text/html", {"Content-Encoding": encoding})


_BOMBS: dict[str, bytes] = {}


def bomb(encoding: str, megabytes: int) -> bytes:
    """`megabytes` MB of zeros as a valid gzip or zlib stream of ~1 KB per MB, cached.

    After a full flush the compressor starts afresh, so the deflate block for 1 MB of zeros
    is the same every time: it is made once and repeated, with a correct header and trailer.
    """
    key = f"{encoding}:{megabytes}"
    if key not in _BOMBS:
        zeros = bytes(1 << 20)
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
        body = block * megabytes + compressor.flush(zlib.Z_FINISH)
        size = megabytes << 20
        if encoding == "gzip":
            crc = 0
            for _ in range(megabytes):
                crc = zlib.crc32(zeros, crc)
            header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
            _BOMBS[key] = header + body + struct.pack("<II", crc, size & 0xFFFFFFFF)
        else:  # zlib: adler32 of n zero bytes is (n mod 65521) << 16 | 1
            trailer = struct.pack(">I", ((size % 65521) << 16) | 1)
            _BOMBS[key] = b"\x78\xda" + body + trailer
    return _BOMBS[key]


class Counter:
    """Counts calls to a path; `then` serves after the first `fail` answers."""

    def __init__(self, fail: Behaviour, then: Behaviour, failures: int = 1) -> None:
        self.fail, self.then, self.failures, self.calls = fail, then, failures, 0

    def __call__(self, handler: HostileHandler) -> None:
        self.calls += 1
        (self.fail if self.calls <= self.failures else self.then)(handler)
