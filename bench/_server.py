"""A static HTTP server for the benches: its own process on 127.0.0.1, keep-alive, no Nagle.

A web server is not part of sitekit's cost: running it in a thread of the benchmarking
process would make it fight the crawler for the GIL, and HTTP/1.0 would reconnect per page.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER = """
import functools, http.server, socket, sys
class H(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server
    def setup(self):
        super().setup()  # no Nagle: headers and body go out as separate small writes
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])),
                                      functools.partial(H, directory=sys.argv[2]))
srv.daemon_threads = True
srv.serve_forever()
"""


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int) -> None:
    """Return once something accepts connections on the port (5 s at most)."""
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("bench server did not start")


@contextmanager
def served(root: Path) -> Iterator[str]:
    """Serve `root` from a separate process; yield its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(root)])
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(5)
