"""The private-address check (issue 17 item 13): IPv6 forms that carry an IPv4 address are
checked by that address too, and the fetch connects to the address that was checked."""

from __future__ import annotations

import socket
import threading
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from counterclaim.ingest import fetch as fetch_module
from counterclaim.ingest.fetch import FetchError, FetchOptions, check_host, fetch

UNROUTABLE = "192.0.2.1"  # TEST-NET-1 (RFC 5737): never answers


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b:1::a9fe:a9fe",  # local-use NAT64 of 169.254.169.254
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:0:7f00:1",  # IPv4-translated (SIIT)
        "::ffff:127.0.0.1",  # IPv4-mapped
    ],
)
def test_fetch_addresses_embedded_ipv4_refused(address):
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        check_host(address, 80, allow_private=False)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111"])
def test_fetch_addresses_embedded_public_ipv4_accepted(address):
    assert check_host(address, 80, allow_private=False) == address


@pytest.mark.parametrize("url", ["http://[64:ff9b::7f00:1]/", "http://[::127.0.0.1]:8000/x"])
def test_fetch_addresses_url_forms_refused(url):
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        fetch(url, FetchOptions(timeout_s=2))


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.hosts.append(self.headers["Host"])
        body = b"<html><body><p>Local secret.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def local_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.hosts = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def fake_resolver(monkeypatch, answers: list[str]):
    """A resolver that gives `answers` one look-up after another (a rebinding DNS server:
    first a public address, then loopback)."""
    calls = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        calls.append(host)
        address = answers[min(len(calls), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    fake = types.SimpleNamespace(
        getaddrinfo=getaddrinfo, gaierror=socket.gaierror, SOCK_STREAM=socket.SOCK_STREAM
    )
    monkeypatch.setattr(fetch_module, "socket", fake)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)  # what httpx's look-up calls
    return calls


def test_fetch_addresses_dns_rebinding_cannot_reach_loopback(monkeypatch, local_server):
    """The check saw a public address; a second look-up would give 127.0.0.1. The fetch
    connects to the checked address only, so the local server is never asked."""
    calls = fake_resolver(monkeypatch, [UNROUTABLE, "127.0.0.1"])
    port = local_server.server_address[1]
    with pytest.raises(FetchError):
        fetch(f"http://rebind.example:{port}/", FetchOptions(timeout_s=1.5))
    assert local_server.hosts == []
    assert calls == ["rebind.example"]


def test_fetch_addresses_host_header_names_the_host(monkeypatch, local_server):
    fake_resolver(monkeypatch, ["127.0.0.1"])
    port = local_server.server_address[1]
    fetched = fetch(f"http://rebind.example:{port}/page", FetchOptions(allow_private=True))
    assert local_server.hosts == [f"rebind.example:{port}"]
    assert fetched.url == f"http://rebind.example:{port}/page"
    assert b"Local secret" in fetched.body
