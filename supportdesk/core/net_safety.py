"""Outgoing HTTP to URLs that users typed: the SSRF checks (BAD-INPUTS 40), in one place.

Used by SLA policy webhooks (sla.policies at save, sla.webhook at send) and by the webhooks app.
What holds:
- only http and https URLs, without credentials, spaces or control characters;
- every address the host resolves to must be public unicast: loopback, RFC 1918, link-local (such
  as 169.254.169.254), carrier-grade NAT, multicast and reserved ranges are refused, IPv4-mapped
  IPv6 is unwrapped first, and one private address among public ones refuses the whole host (DNS
  could hand out either);
- the caller connects to the address that was checked (`Target.address`, pinned), keeping the host
  name for the Host header and TLS, so a second DNS answer cannot swap in a private address;
- loopback is allowed only when the caller says so (a test setting); private ranges only for a
  destination the admin runs on their own network (the LLM endpoint, when
  SUPPORTDESK_AI_LLM_ALLOW_PRIVATE is set): RFC 1918, carrier-grade NAT, IPv6 unique local and
  loopback, never link-local (cloud metadata services live there) or "this network" 0.0.0.0/8.

The host is resolved with `socket.getaddrinfo` at call time (tests monkeypatch it), or with the
`resolve` function a caller passes.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

SCHEMES = ("http", "https")

Resolver = Callable[[str, int], list[str]]


class UnsafeTarget(Exception):
    """The URL may not be called: wrong scheme, credentials, unresolvable or non-public address."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (the pinned address) and what to ask for."""

    scheme: str
    host: str
    port: int
    address: str
    path: str

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to, in the resolver's order, without duplicates."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# The admin's own networks, admitted with allow_private (see the module docstring).
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)


def _is_own_network(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_loopback or any(ip.version == net.version and ip in net for net in PRIVATE_NETWORKS)


def address_error(address: str, *, allow_loopback: bool = False, allow_private: bool = False) -> str:
    """Why nothing may be sent to this IP address, or "" when it is a public unicast one (or, with
    allow_private, one on the admin's own network)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return _("The host resolves to an invalid address.")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback and allow_loopback:
        return ""
    if allow_private and _is_own_network(ip):
        return ""
    if not ip.is_global or ip.is_multicast or ip.is_reserved:
        return _("Webhooks cannot go to loopback, private, link-local or reserved addresses (%(address)s).") % {"address": ip}
    return ""


def check_url(url: str, *, allow_loopback: bool = False, allow_private: bool = False, resolve: Resolver | None = None) -> Target:
    """Parse and resolve the URL now; raise UnsafeTarget (with a user-facing reason) unless it is safe."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UnsafeTarget(_("A URL cannot contain spaces or control characters."))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeTarget(_("Enter a valid URL.")) from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UnsafeTarget(_("Use an http:// or https:// URL."))
    host = parts.hostname
    if not host:
        raise UnsafeTarget(_("Enter a valid URL."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeTarget(_("Do not put credentials in the URL; deliveries are signed instead."))
    port = port or (443 if scheme == "https" else 80)
    try:
        addresses = [str(ipaddress.ip_address(host))]  # a literal is checked without a lookup
    except ValueError:
        try:
            addresses = (resolve or resolve_host)(host, port)
        except (OSError, UnicodeError) as exc:
            raise UnsafeTarget(_("The host name does not resolve.")) from exc
    if not addresses:
        raise UnsafeTarget(_("The host name does not resolve."))
    for address in addresses:
        error = address_error(address, allow_loopback=allow_loopback, allow_private=allow_private)
        if error:
            raise UnsafeTarget(error)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, host, port, addresses[0].split("%", 1)[0], path)


def url_error(url: str, *, allow_loopback: bool = False, allow_private: bool = False, resolve: Resolver | None = None) -> str:
    """Why `url` would be refused right now ("" when it is fine); for forms and the API."""
    try:
        check_url(url, allow_loopback=allow_loopback, allow_private=allow_private, resolve=resolve)
    except UnsafeTarget as exc:
        return str(exc)
    return ""


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a fixed address while verifying the certificate for the host name (SNI included)."""

    def __init__(self, address: str, host: str, port: int, timeout: float) -> None:
        super().__init__(address, port, timeout=timeout, context=ssl.create_default_context())
        self._server_name = host

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self._server_name)  # type: ignore[attr-defined]


def pinned_connection(target: Target, *, timeout: float) -> http.client.HTTPConnection:
    """A connection to the checked address of `target`. http.client never follows redirects, so a
    3xx answer is just a status for the caller (which must treat it as a failure)."""
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target.address, target.host, target.port, timeout)
    return http.client.HTTPConnection(target.address, target.port, timeout=timeout)
