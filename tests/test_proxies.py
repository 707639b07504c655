"""Environment proxies are used (httpx drops them once a client has its own transport),
``NO_PROXY`` bypasses them, and the address policy applies to the proxy we connect to.

The proxy is a small forward proxy on 127.0.0.1 started by the test: absolute-form
``GET``s for the made-up host ``news.invalid`` are answered from a local server (a
name nothing could resolve: the guard would flag any lookup of it), and ``CONNECT``s
are logged and refused.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import netguard
import pytest
from conftest import article_page, run_batch
from httpserver import Server, respond

from newsscrape.fetcher.proxies import environment_proxies


class ForwardProxy:
    """A forward proxy: every request line it gets, relayed to ``backend``'s port."""

    def __init__(self, backend_port: int) -> None:
        self.seen: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner.seen.append(f"GET {self.path}")
                parts = urlsplit(self.path)
                upstream = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=10)
                upstream.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                                 headers={"Host": parts.netloc})
                answer = upstream.getresponse()
                body = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                upstream.close()

            def do_CONNECT(self) -> None:
                owner.seen.append(f"CONNECT {self.path}")
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> ForwardProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.thread.join()
        self.httpd.server_close()


@pytest.fixture
def site() -> Iterator[Server]:
    with Server({"/story": respond(article_page("Through the proxy"),
                                   content_type="text/html")}) as srv:
        yield srv


def test_http_proxy_from_the_environment_is_used(site: Server,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with ForwardProxy(site.port) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        sink = run_batch(["http://news.invalid/story"])
    assert [r.title for r in sink.records] == ["Through the proxy"]
    assert proxy.seen == ["GET http://news.invalid/robots.txt",
                          "GET http://news.invalid/story"]
    assert site.paths() == ["/robots.txt", "/story"]  # relayed, never resolved by us


def test_no_proxy_bypasses_it(site: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    with ForwardProxy(site.port) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "example.org,127.0.0.1")
        sink = run_batch([site.url("/story")], respect_robots=False)
    assert len(sink.records) == 1
    assert proxy.seen == []
    assert site.paths() == ["/story"]


def test_https_goes_through_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    """An https URL is tunnelled with CONNECT; this proxy refuses, so the input fails."""
    with ForwardProxy(9) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        sink = run_batch(["https://secure.invalid/story"], respect_robots=False)
    assert sink.kinds() == {"https://secure.invalid/story": "network"}
    assert proxy.seen == ["CONNECT secure.invalid:443"]


def test_the_address_policy_applies_to_the_proxy(monkeypatch: pytest.MonkeyPatch,
                                                 only_loopback: list[str]) -> None:
    """A link-local proxy (the metadata-service range) is refused before any connection
    (a tripwire under the test guard would see one)."""
    calls: list[str] = []
    netguard.tripwire(calls, monkeypatch.setattr)
    monkeypatch.setenv("HTTP_PROXY", "http://169.254.0.9:3128")
    sink = run_batch(["http://news.invalid/story"], respect_robots=False)
    assert sink.kinds() == {"http://news.invalid/story": "blocked"}
    assert "169.254.0.9" in sink.failures[0].message
    assert calls == [] and only_loopback == []


@pytest.mark.parametrize(("env", "expected"), [
    ({"HTTP_PROXY": "proxy:3128"}, {"http://": "http://proxy:3128"}),
    ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".example.com, localhost, ::1, 10.0.0.1"},
     {"https://": "http://p:1", "all://*.example.com": None, "all://localhost": None,
      "all://[::1]": None, "all://10.0.0.1": None}),
    ({"ALL_PROXY": "http://p:1", "NO_PROXY": "*"}, {}),
    ({"NO_PROXY": "example.com"}, {}),
])
def test_environment_read_as_httpx_reads_it(env: dict[str, str], expected: dict[str, Any],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert environment_proxies() == expected


def test_a_socks_proxy_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsscrape.errors import ArgumentError

    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(ArgumentError, match=r"^ALL_PROXY: socks5:// proxies are not"):
        environment_proxies()
