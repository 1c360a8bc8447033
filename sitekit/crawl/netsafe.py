"""Network safety: keep crawls off private hosts, connect to checked addresses, cut slow waits."""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import requests
from urllib3 import connection, connectionpool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError

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


Pin = Callable[[str], tuple[str, ...] | None]  # host -> checked addresses; None: resolve as usual


class AddressGuard:
    """Decides, per host, whether the crawl may connect to it; resolves each host once.

    Private addresses are allowed when `allow_private` is set or when the start host itself
    resolves to one (auditing a staging server on the local network is then the intent).
    Otherwise connections go only to the addresses that were checked (`pinned_addresses`), so a
    name that resolves differently a moment later (DNS rebinding) cannot reach a private host.
    """

    def __init__(self, start_host: str, allow_private: bool = False) -> None:
        self._lock = threading.Lock()
        self._addresses: dict[str, tuple[str, ...]] = {}  # host -> what it resolved to, once
        start_addresses = self._resolved(start_host)
        self.start_is_private = any(is_private_address(a) for a in start_addresses)
        self.private_allowed = allow_private or self.start_is_private

    def check(self, host: str) -> str | None:
        """None when `host` may be fetched, else the reason ("private address 10.0.0.5")."""
        if self.private_allowed:
            return None
        for address in self._resolved(host):
            if is_private_address(address):
                return f"private address {address}"
        return None  # unresolvable: the fetch itself fails and says so

    def pinned_addresses(self, host: str) -> tuple[str, ...] | None:
        """The checked addresses to connect to for `host`; None lets the system resolve it.

        None when private addresses are allowed or `host` is an IP literal (no DNS to trust).
        Raises socket.gaierror when the name did not resolve, and PermissionError for a
        private host (the fetch checks first, so this is a second line of defence).
        """
        if self.private_allowed or _is_ip_literal(host):
            return None
        verdict = self.check(host)
        if verdict:
            raise PermissionError(f"{verdict} refused")
        addresses = self._resolved(host)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return addresses

    def _resolved(self, host: str) -> tuple[str, ...]:
        """Every address of `host`, resolved on first use and then kept for the crawl."""
        key = host.lower().rstrip(".")
        with self._lock:
            if key in self._addresses:
                return self._addresses[key]
        addresses = resolve_host(key)
        with self._lock:
            return self._addresses.setdefault(key, addresses)


def _is_ip_literal(host: str) -> bool:
    """True for an IPv4 or IPv6 address (brackets and zone id allowed), not a name."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- watchdog

_conn_by_thread: dict[int, Any] = {}  # thread id -> the connection its request went out on


class _WatchedHTTPConnection(connection.HTTPConnection):
    """A connection that registers its socket with the Watchdog and connects to pinned addresses.

    Only the TCP connect uses the pinned address: the Host header, TLS SNI and certificate
    check still use the host name.
    """

    def __init__(self, *args: Any, pin: Pin | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pin = pin

    def request(self, *args: Any, **kwargs: Any) -> None:
        """Send the request, telling the Watchdog which connection this thread waits on."""
        _conn_by_thread[threading.get_ident()] = self
        super().request(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        """Open the socket to the guard's checked addresses, in order, instead of resolving."""
        if self._pin is None:
            return super()._new_conn()
        host = self._dns_host
        try:
            addresses = self._pin(host)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        if addresses is None:
            return super()._new_conn()
        failure: ConnectTimeoutError | None = None
        for address in addresses:
            self._dns_host = address  # read by super()._new_conn only; restored right after
            try:
                return super()._new_conn()
            except ConnectTimeoutError as exc:  # also NewConnectionError: try the next address
                failure = exc
            finally:
                self._dns_host = host
        assert failure is not None  # pinned_addresses never returns an empty tuple
        raise failure


class _WatchedHTTPSConnection(_WatchedHTTPConnection, connection.HTTPSConnection):
    """The TLS variant: the same watching and pinning, then TLS to the host name."""


class _WatchedHTTPPool(connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class WatchedAdapter(requests.adapters.HTTPAdapter):
    """An HTTPAdapter whose connections tell the Watchdog their socket and connect via `pin`."""

    def __init__(self, *args: Any, pin: Pin | None = None, **kwargs: Any) -> None:
        self._pin = pin  # before super().__init__, which builds the pool manager
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Use the watched pools; `pin` reaches each connection through the pool's conn_kw."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": functools.partial(_WatchedHTTPPool, pin=self._pin),
            "https": functools.partial(_WatchedHTTPSPool, pin=self._pin),
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
