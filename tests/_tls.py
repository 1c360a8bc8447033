"""Test helper: a throwaway HTTPS server on 127.0.0.1 with a self-signed certificate (openssl)."""

from __future__ import annotations

import functools
import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging each request."""

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def https_server(
    folder: Path, keys: Path, name: str, on_sni: Callable[[str], None] | None = None
) -> Iterator[int]:
    """Serve `folder` over HTTPS with a certificate for `name` ("IP:127.0.0.1" or
    "DNS:www.site.test"), made in `keys`; yields the port. `on_sni` hears each client's
    TLS server name. Skips the test when there is no openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("TLS test: no openssl command to make a self-signed certificate")
    cert, key = keys / "cert.pem", keys / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-subj", f"/CN={name.split(':', 1)[1]}", "-days", "1",
         "-addext", f"subjectAltName={name}"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if on_sni is not None:
        context.sni_callback = lambda _sock, server_name, _ctx: on_sni(server_name)
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
