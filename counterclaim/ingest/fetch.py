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


def check_host(host: str, port: int, allow_private: bool) -> None:
    """Raise FetchError when `host` resolves to any address that is not globally routable."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    except UnicodeError as exc:  # a host name that IDNA cannot encode
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            raise FetchError(
                f"host {host!r} resolves to {address}, a private, loopback or link-local "
                "address (pass --allow-private to fetch it anyway)"
            )


def _host_and_port(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # a port that is not a number, or out of range
        raise FetchError(f"not a valid URL: {url} ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


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
            host, port = _host_and_port(url)
            try:
                check_host(host, port, options.allow_private)
            except FetchError as exc:
                if hop:  # say which hop was refused: the user only named the first URL
                    raise FetchError(f"redirected to {url}: {exc}") from exc
                raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(timed_out)
            try:
                with client.stream("GET", url, timeout=remaining) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                    declared = response.headers.get("content-length", "").strip()
                    if declared.isdigit() and int(declared) > options.max_bytes:
                        raise FetchError(too_big)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > options.max_bytes:
                            raise FetchError(too_big)
                        if time.monotonic() > deadline:
                            raise FetchError(timed_out)
                    media_type = response.headers.get("content-type", "").split(";")[0].strip()
                    return Fetched(str(response.url), media_type.lower() or None, bytes(body))
            except httpx.TimeoutException as exc:
                raise FetchError(timed_out) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(f"request failed: {exc}") from exc
    raise FetchError(f"more than {options.max_redirects} redirects")
