"""What fetching may do: its typed settings and the rules for the addresses it may reach.

Cheap to import (the standard library only): the CLI builds a :class:`FetchConfig` before
anything is fetched, and httpx is imported only by :mod:`newsgraph.ingest.fetch`.

By default only global unicast addresses are reached. A URL whose host resolves to a
private, loopback, link-local, multicast or otherwise non-global address is refused, so
that a feed or a redirect cannot make newsgraph read an intranet page or a cloud metadata
endpoint (169.254.169.254) and store it as an article. The rule is checked on the
addresses the connection is then made to (see :class:`newsgraph.ingest.fetch.GuardedBackend`),
so a name that resolves differently the second time (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any

from newsgraph import __version__
from newsgraph.errors import BlockedAddress, ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# The rules in the order they are tested; the first that matches names the refusal.
# ipaddress's `is_private` covers 10/8, 172.16/12, 192.168/16, fc00::/7 and other
# special-purpose blocks; what is left that is not global (100.64/10 carrier-grade NAT,
# 192.0.0/24 ...) is refused as "not globally reachable".
_RULES: tuple[tuple[str, str], ...] = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_private", "private"),
    ("is_reserved", "reserved"),
)


def address_rule(address: IPAddress) -> str | None:
    """The rule that refuses `address` ("loopback", "private" ...), or None when it is a
    global unicast address that may be reached."""
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and 64:ff9b::10.0.0.1 reach the IPv4 address inside them.
        inner = address.ipv4_mapped or _nat64(address) or address.sixtofour
        if inner is not None:
            return address_rule(inner)
    for attribute, rule in _RULES:
        if getattr(address, attribute):
            return rule
    return None if address.is_global else "not globally reachable"


def _nat64(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses fetching may connect to: global ones always; the others only when
    `allow_private` is set, or when they lie in one of `allowed_networks`."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    def check(self, address: IPAddress, host: str) -> None:
        """Raise BlockedAddress, naming the rule, if `address` (which `host` resolved to)
        is refused."""
        if self.allow_private or any(address in net for net in self.allowed_networks):
            return
        rule = address_rule(address)
        if rule is not None:
            literal = host.strip("[]") == str(address)
            what = f"{address} is" if literal else f"{host} resolves to {address},"
            raise BlockedAddress(
                f"{what} a {rule} address (rule: no {rule} addresses; "
                "--allow-private-addresses or the configuration key allow_private_addresses "
                "allows them)"
            )


@dataclass(frozen=True)
class FetchConfig:
    """How URLs are fetched. Every field has a default; the `[decode]` table of the
    configuration file sets them by the same names (see the README's "Fetching" section)."""

    contact: str = ""
    """Who runs this crawler (an e-mail address or URL), sent in the User-Agent so that a
    site's operators can reach you instead of blocking you."""
    allow_private_addresses: bool = False
    """Fetch from private, loopback, link-local and multicast addresses (intranets, tests)."""
    allowed_networks: tuple[str, ...] = ()
    """Networks (CIDR, e.g. 10.1.2.0/24) fetched from although they are private."""
    connect_timeout: float = 10.0
    """Seconds to resolve a host and connect to it."""
    read_timeout: float = 30.0
    """Seconds to wait for the next bytes of an answer."""
    max_fetch_seconds: float = 120.0
    """Longest time one answer may take to arrive whole (a server trickling bytes stops)."""
    max_fetch_bytes: int = 20 * 1024 * 1024
    """Largest answer read (after decompression); reading stops at the limit."""
    max_redirects: int = 5
    """Redirects followed for one URL; each hop is checked like the first URL."""
    host_delay: float = 1.0
    """Seconds between two requests to the same host (robots.txt's Crawl-delay, if longer,
    wins, up to 60 s)."""

    def __post_init__(self) -> None:
        if self.connect_timeout <= 0 or self.read_timeout <= 0 or self.max_fetch_seconds <= 0:
            raise ConfigError("fetch timeouts must be positive")
        if self.max_fetch_bytes < 1 or self.max_redirects < 0 or self.host_delay < 0:
            raise ConfigError(
                "max_fetch_bytes must be positive, max_redirects and host_delay not negative"
            )
        self.policy()  # a bad network is reported now, not at the first fetch

    @property
    def user_agent(self) -> str:
        contact = f"; {self.contact}" if self.contact.strip() else ""
        return f"newsgraph/{__version__} (news analysis{contact})"

    def policy(self) -> AddressPolicy:
        try:
            networks = tuple(ipaddress.ip_network(n, strict=False) for n in self.allowed_networks)
        except ValueError as exc:
            raise ConfigError(f"allowed_networks: {exc}") from exc
        return AddressPolicy(self.allow_private_addresses, networks)

    @classmethod
    def of(cls, settings: Any) -> FetchConfig:
        """The fetch settings among the fields of `settings` (a :class:`newsgraph.Config`)."""
        names = cls.__dataclass_fields__
        return cls(**{name: getattr(settings, name) for name in names if hasattr(settings, name)})


# robots.txt is matched by this product token (RFC 9309 §2.2.1).
ROBOTS_AGENT = "newsgraph"

__all__ = ["ROBOTS_AGENT", "AddressPolicy", "FetchConfig", "address_rule"]
