"""Network safety: keep crawls off private/metadata hosts; cut requests that overrun their time."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from typing import Any

import requests
from urllib3 import connection, connectionpool

# Addresses a crawl started on a public site must never reach (checked after DNS resolution).
BLOCKED_NETWORKS: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, cloud metadata (169.254.169.254)
        "172.16.0.0/12",
        "192.168.0.0/16",
        "::/128",
        "::1/128",
        "fc00::/7",  # unique local, includes fd00:ec2::254 (AWS metadata over IPv6)
        "fe80::/10",  # link-local
    )
)


def is_private_address(address: str) -> bool:
    """True when `address` (an IP literal) is loopback, private, link-local or unspecified."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return True  # not an address we understand: refuse rather than guess
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_multicast or any(ip in net for net in BLOCKED_NETWORKS)


def resolve_host(host: str) -> tuple[str, ...]:
    """Every address `host` resolves to (an IP literal resolves to itself); () when unknown."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Decides, per host, whether the crawl may connect to it; caches each host's verdict.

    Private addresses are allowed when `allow_private` is set or when the start host itself
    resolves to one (auditing a staging server on the local network is then the intent).
    """

    def __init__(self, start_host: str, allow_private: bool = False) -> None:
        self._lock = threading.Lock()
        self._verdicts: dict[str, str | None] = {}
        start_addresses = resolve_host(start_host)
        self.start_is_private = any(is_private_address(a) for a in start_addresses)
        self.private_allowed = allow_private or self.start_is_private

    def check(self, host: str) -> str | None:
        """None when `host` may be fetched, else the reason ("private address 10.0.0.5")."""
        if self.private_allowed:
            return None
        key = host.lower()
        with self._lock:
            if key in self._verdicts:
                return self._verdicts[key]
        verdict = self._verdict(key)
        with self._lock:
            self._verdicts[key] = verdict
        return verdict

    @staticmethod
    def _verdict(host: str) -> str | None:
        addresses = resolve_host(host)
        if not addresses:
            return None  # unresolvable: the fetch itself fails and says so
        for address in addresses:
            if is_private_address(address):
                return f"private address {address}"
        return None


# --------------------------------------------------------------------------- watchdog

_conn_by_thread: dict[int, Any] = {}  # thread id -> the connection its request went out on


class _WatchedHTTPConnection(connection.HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _conn_by_thread[threading.get_ident()] = self
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(connection.HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _conn_by_thread[threading.get_ident()] = self
        super().request(*args, **kwargs)


class _WatchedHTTPPool(connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class WatchedAdapter(requests.adapters.HTTPAdapter):
    """An HTTPAdapter whose connections tell the Watchdog which socket a thread is using."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedHTTPPool,
            "https": _WatchedHTTPSPool,
        }


class Watchdog:
    """Shuts down the socket of a request still waiting for its response past a deadline.

    Read timeouts bound each silent gap, not a server that sends one header byte a second;
    this bounds the whole wait. One daemon thread per crawl, started on first use.
    """

    def __init__(self, tick: float = 0.1) -> None:
        self._tick = tick
        self._lock = threading.Lock()
        self._armed: dict[int, float] = {}  # thread id -> deadline (time.monotonic)
        self._fired: set[int] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> None:
        """Start the clock for the calling thread's next request."""
        ident = threading.get_ident()
        _conn_by_thread.pop(ident, None)
        with self._lock:
            self._armed[ident] = time.monotonic() + seconds
            self._fired.discard(ident)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="sitekit-watchdog", daemon=True
                )
                self._thread.start()

    def disarm(self) -> bool:
        """Stop the clock; True when the deadline passed and the socket was cut."""
        ident = threading.get_ident()
        with self._lock:
            self._armed.pop(ident, None)
            _conn_by_thread.pop(ident, None)
            fired = ident in self._fired
            self._fired.discard(ident)
        return fired

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(1.0)
            self._thread = None
        self._stop = threading.Event()

    def _run(self) -> None:
        while not self._stop.wait(self._tick):
            now = time.monotonic()
            with self._lock:
                late = [ident for ident, deadline in self._armed.items() if deadline < now]
                for ident in late:
                    del self._armed[ident]
                    self._fired.add(ident)
                    sock = getattr(_conn_by_thread.get(ident), "sock", None)
                    if sock is not None:
                        with contextlib.suppress(OSError):  # already closed
                            sock.shutdown(socket.SHUT_RDWR)
