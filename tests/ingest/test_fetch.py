"""Fetching URLs from a real HTTP server on 127.0.0.1: private addresses, redirects, caps."""

import socket
import threading
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import FIXTURES

from counterclaim.ingest import fetch as fetch_module
from counterclaim.ingest.fetch import FetchError, FetchOptions, check_host
from counterclaim.pipeline import IngestOptions, ingest

PAGE = (FIXTURES / "ingest" / "reuters_article.html").read_bytes()
TITLE = "UK urges US to waive immunity for diplomat's wife after fatal crash"
PUBLIC_IP = "93.184.215.14"  # a globally routable address; never connected to
PRIVATE = "a private, loopback or link-local address (pass --allow-private to fetch it anyway)"


class Handler(BaseHTTPRequestHandler):
    """GET routes of the test server; every request path is recorded in `server.paths`."""

    def do_GET(self):  # noqa: N802 - the name http.server looks for
        self.server.paths.append(self.path)
        port = self.server.server_address[1]
        stop = self.server.stop
        if self.path == "/article.html":
            self.reply(200, PAGE)
        elif self.path == "/redirect":
            self.reply(302, b"", location="/article.html")
        elif self.path == "/to-loopback":
            self.reply(302, b"", location=f"http://127.0.0.1:{port}/article.html")
        elif self.path == "/to-file":
            self.reply(302, b"", location="file:///etc/passwd")
        elif self.path == "/loop":
            self.reply(302, b"", location="/loop")
        elif self.path == "/big":
            self.reply(200, b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/big-unsized":  # no Content-Length: the body ends when we close
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/slow":
            stop.wait(5)
            self.reply(200, PAGE)
        elif self.path == "/trickle":  # each byte well within the time-out, the whole not
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                if stop.wait(0.1):
                    break
                self.wfile.write(b"x")
                self.wfile.flush()
        else:
            self.reply(404, b"<h1>Not Found</h1>")

    def reply(self, status: int, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.paths = []
    httpd.stop = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def url(server, path: str, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{server.server_address[1]}{path}"


@pytest.fixture
def localhost_is_public(monkeypatch):
    """The address check in fetch.py lets the name `localhost` through as if it were a public
    host (fetch connects to the address it checked, so the name must resolve for real);
    every other name and address is checked as usual."""
    check_host = fetch_module.check_host

    def check(host, port, allow_private):
        return check_host(host, port, allow_private or host == "localhost")

    monkeypatch.setattr(fetch_module, "check_host", check)


def allow_private(timeout_s: float = 5.0, max_bytes: int = 1024 * 1024) -> IngestOptions:
    return IngestOptions(
        fetch=FetchOptions(allow_private=True, timeout_s=timeout_s, max_bytes=max_bytes)
    )


def test_fetch_page_with_allow_private(run_cli, db_path, conn, server):
    page_url = url(server, "/article.html")
    result = run_cli("ingest", page_url, "--allow-private", "--db", db_path, "-q")
    assert result.exit_code == 0, result.stderr
    (row,) = conn.execute("SELECT * FROM articles").fetchall()
    assert (row["url"], row["source"], row["title"]) == (page_url, page_url, TITLE)
    assert (row["outlet_id"], row["outlet_source"]) == ("reuters", "site name")
    assert row["text"].startswith("LONDON, Oct 10 (Reuters) - Prime Minister Boris Johnson")
    assert server.paths == ["/article.html"]


@pytest.mark.parametrize(
    ("host", "address"), [("127.0.0.1", "127.0.0.1"), ("[::1]", "::1"), ("0.0.0.0", "0.0.0.0")]
)
def test_fetch_private_address_refused_without_asking(
    run_cli, db_path, conn, server, host, address
):
    page_url = url(server, "/article.html", host)
    result = run_cli("ingest", page_url, "--db", db_path, "-q")
    assert result.exit_code == 1
    message = f"host {host.strip('[]')!r} resolves to {address}, {PRIVATE}"
    assert f"rejected: {page_url}: {message}" in result.stderr.splitlines()
    stored = conn.execute("SELECT source, record, reason FROM rejects").fetchall()
    assert [tuple(r) for r in stored] == [(page_url, "", message)]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert server.paths == []  # refused before any request


def test_fetch_redirect_followed(conn, server):
    report = ingest(conn, [url(server, "/redirect")], allow_private())
    assert report.rejects == []
    (row,) = conn.execute("SELECT url, source FROM articles").fetchall()
    assert tuple(row) == (url(server, "/article.html"), url(server, "/redirect"))
    assert server.paths == ["/redirect", "/article.html"]


def test_fetch_redirect_between_public_hosts_followed(conn, server, localhost_is_public):
    start = url(server, "/redirect", "localhost")
    report = ingest(conn, [start])  # private addresses not allowed
    assert report.rejects == []
    (row,) = conn.execute("SELECT url, title FROM articles").fetchall()
    assert tuple(row) == (url(server, "/article.html", "localhost"), TITLE)
    assert server.paths == ["/redirect", "/article.html"]


def test_fetch_redirect_to_private_address_refused(conn, server, localhost_is_public):
    start = url(server, "/to-loopback", "localhost")
    report = ingest(conn, [start])
    target = url(server, "/article.html")
    assert [(r.source, r.reason) for r in report.rejects] == [
        (start, f"redirected to {target}: host '127.0.0.1' resolves to 127.0.0.1, {PRIVATE}")
    ]
    assert report.new_articles == 0
    assert server.paths == ["/to-loopback"]  # the first hop was fetched, the second never


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_fetch_size_cap(run_cli, db_path, conn, server, path):
    big_url = url(server, path)
    result = run_cli(
        "ingest", big_url, "--allow-private", "--max-bytes", "2000", "--db", db_path, "-q"
    )
    assert result.exit_code == 1
    assert f"rejected: {big_url}: larger than the size cap of 2,000 bytes" in result.stderr
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_fetch_time_out(run_cli, db_path, conn, server, path):
    # /trickle sends a byte every 0.1 s for 4 s: only a time-out on the whole fetch stops it
    slow_url = url(server, path)
    result = run_cli(
        "ingest", slow_url, "--allow-private", "--timeout", "0.5", "--db", db_path, "-q"
    )
    assert result.exit_code == 1
    assert f"rejected: {slow_url}: timed out after 0.5 s" in result.stderr.splitlines()
    stored = conn.execute("SELECT source, reason FROM rejects").fetchall()
    assert [tuple(r) for r in stored] == [(slow_url, "timed out after 0.5 s")]


@pytest.mark.parametrize(
    ("path", "reason", "requests"),
    [
        ("/loop", "more than 5 redirects", 6),
        ("/to-file", "not an http(s) URL: file:///etc/passwd", 1),
        ("/missing", "HTTP 404 Not Found", 1),
    ],
)
def test_fetch_server_errors(conn, server, path, reason, requests):
    report = ingest(conn, [url(server, path)], allow_private())
    assert [(r.source, r.reason) for r in report.rejects] == [(url(server, path), reason)]
    assert len(server.paths) == requests


@pytest.mark.parametrize(
    ("bad_url", "reason"),
    [
        ("http://127.0.0.1:99999/a.html", "not a valid URL: http://127.0.0.1:99999/a.html"),
        ("http://a..b/story.html", "cannot resolve host 'a..b'"),
        ("https:///no-host", "not an http(s) URL: https:///no-host"),
    ],
)
def test_fetch_unusable_url_rejected(conn, bad_url, reason):
    (reject,) = ingest(conn, [bad_url]).rejects
    assert reject.source == bad_url
    assert reject.reason.startswith(reason)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"],
)  # fmt: skip
def test_fetch_check_host_refuses_non_global_addresses(address):
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        check_host(address, 80, allow_private=False)
    check_host(address, 80, allow_private=True)


@pytest.mark.parametrize("address", [PUBLIC_IP, "8.8.8.8", "2606:4700:4700::1111"])
def test_fetch_check_host_accepts_global_addresses(address):
    check_host(address, 443, allow_private=False)


def test_fetch_check_host_any_private_address_refuses(monkeypatch):
    # a name with one public and one private address is refused
    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_IP, port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    fake = types.SimpleNamespace(
        getaddrinfo=getaddrinfo, gaierror=socket.gaierror, SOCK_STREAM=socket.SOCK_STREAM
    )
    monkeypatch.setattr(fetch_module, "socket", fake)
    with pytest.raises(FetchError, match=r"host 'news\.example' resolves to 10\.0\.0\.7"):
        check_host("news.example", 80, allow_private=False)
