"""Fetching http(s) URLs named on the command line, refusing private addresses.

Each hop of a redirect chain is resolved and checked again, the body is read up to a size
cap, and every request has a time-out. A host that resolves to a loopback, private,
link-local or otherwise non-global address is refused unless `allow_private` is set.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from counterclaim import __version__


class FetchError(Exception):
    """The URL could not be fetched; the message is the reason shown to the user."""


@dataclass(frozen=True)
class FetchOptions:
    allow_private: bool = False
    timeout_s: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = f"counterclaim/{__version__} (+offline news analysis)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    media_type: str | None
    body: bytes


# IPv6 prefixes whose last 32 bits are an IPv4 address that the network delivers to:
# NAT64 (RFC 6052 well-known and RFC 8215 local-use), IPv4-compatible (deprecated, ::/96)
# and IPv4-translated (SIIT, ::ffff:0:0:0/96).
_EMBEDDING_NETWORKS = tuple(
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96")
)


def embedded_ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64, ...)."""
    if address.version != 6:
        return []
    found = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if any(address in network for network in _EMBEDDING_NETWORKS):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in found if a is not None]


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable, and so is every IPv4 address inside it (`[64:ff9b::7f00:1]` is
    127.0.0.1 through NAT64; `[2002:7f00:1::]` through 6to4)."""
    embedded = embedded_ipv4(address)
    if address.version == 6 and address.sixtofour is not None:
        # 6to4 is as public as the IPv4 it carries: Python's table of non-global networks
        # changed within 3.11 (3.11.2 counts all of 2002::/16 private, 3.11.7 none of it)
        return all(a.is_global for a in embedded)
    return address.is_global and all(a.is_global for a in embedded)


def check_host(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to for `host`; FetchError when it resolves to any address that
    is not globally routable. The caller connects to this address, not to the name: a second
    look-up could answer differently (DNS rebinding)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    except UnicodeError as exc:  # a host name that IDNA cannot encode
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    if not infos:
        raise FetchError(f"cannot resolve host {host!r}: no address")
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise FetchError(
                    f"host {host!r} resolves to {address}, a private, loopback or link-local "
                    "address (pass --allow-private to fetch it anyway)"
                )
    return str(addresses[0])


def _pinned(url: str, address: str) -> str:
    """`url` with its host replaced by `address` (the one that was checked)."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = host + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def _host_and_port(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # a port that is not a number, or out of range
        raise FetchError(f"not a valid URL: {url} ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _checked_address(url: str, hop: int, options: FetchOptions) -> tuple[str, str]:
    """The URL's host and the address to connect to, once `check_host` allows it."""
    host, port = _host_and_port(url)
    try:
        return host, check_host(host, port, options.allow_private)
    except FetchError as exc:
        if hop:  # say which hop was refused: the user only named the first URL
            raise FetchError(f"redirected to {url}: {exc}") from exc
        raise


def _read_body(response, max_bytes: int, deadline: float, too_big: str, timed_out: str) -> bytes:
    """The response's body, refused as soon as it (or its declared length) passes the cap,
    or the fetch's deadline passes."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_big)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchError(too_big)
        if time.monotonic() > deadline:
            raise FetchError(timed_out)
    return bytes(body)


def fetch(url: str, options: FetchOptions = FetchOptions()) -> Fetched:
    import httpx

    headers = {"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
    too_big = f"larger than the size cap of {options.max_bytes:,} bytes"
    timed_out = f"timed out after {options.timeout_s:g} s"
    # the time-out bounds the whole fetch, so a server that trickles bytes cannot stall a batch
    deadline = time.monotonic() + options.timeout_s
    # trust_env=False: an environment proxy would fetch on our behalf and skip the address check
    with httpx.Client(
        follow_redirects=False, timeout=options.timeout_s, headers=headers, trust_env=False
    ) as client:
        for hop in range(options.max_redirects + 1):
            host, address = _checked_address(url, hop, options)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(timed_out)
            try:
                parts = urlsplit(url)
                with client.stream(
                    "GET",
                    _pinned(url, address),
                    timeout=remaining,
                    # the name, not the address, for the server and for TLS (SNI and the
                    # certificate's check)
                    headers={"Host": parts.netloc.rpartition("@")[2]},
                    extensions={"sni_hostname": host},
                ) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                    body = _read_body(response, options.max_bytes, deadline, too_big, timed_out)
                    media_type = response.headers.get("content-type", "").split(";")[0].strip()
                    return Fetched(url, media_type.lower() or None, body)
            except httpx.TimeoutException as exc:
                raise FetchError(timed_out) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(f"request failed: {exc}") from exc
    raise FetchError(f"more than {options.max_redirects} redirects")
