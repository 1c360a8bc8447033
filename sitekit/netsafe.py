"""Network guard: keep a crawl of a public site away from private, loopback and metadata hosts."""

from __future__ import annotations

import ipaddress
import socket
import threading

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
