"""The address policy (``newsscrape.fetcher.safety``), without ever leaving the loopback.

The decision is tested on addresses directly; the connect-time check through a stub
resolver and a fake network backend that answers non-loopback addresses from memory
(``httpcore.AsyncMockStream``), so no packet goes anywhere but 127.0.0.1.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import httpcore
import pytest
from httpserver import Server, redirect, respond

from newsscrape.batch.run import Snapshot
from newsscrape.cli.progress import render
from newsscrape.errors import BlockedError, NewsscrapeError
from newsscrape.fetcher.client import fetch_page, make_client
from newsscrape.fetcher.safety import AddressClass, classify, decide
from newsscrape.fetcher.transports import TransportFactory
from newsscrape.options import FetchOptions
from newsscrape.output import error_line, safe_for_terminal

PUBLIC, PRIVATE = AddressClass.PUBLIC, AddressClass.PRIVATE
LOOPBACK, LINK_LOCAL = AddressClass.LOOPBACK, AddressClass.LINK_LOCAL


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", LOOPBACK), ("127.8.9.10", LOOPBACK), ("::1", LOOPBACK),
        ("0.0.0.0", LOOPBACK), ("::", LOOPBACK),
        ("10.1.2.3", PRIVATE), ("172.16.0.1", PRIVATE), ("192.168.1.1", PRIVATE),
        ("100.64.0.1", PRIVATE), ("fd00::1", PRIVATE), ("::ffff:10.0.0.1", PRIVATE),
        ("169.254.169.254", LINK_LOCAL), ("169.254.0.1", LINK_LOCAL), ("fe80::1", LINK_LOCAL),
        ("::ffff:169.254.169.254", LINK_LOCAL),
        ("93.184.216.34", PUBLIC), ("8.8.8.8", PUBLIC), ("2606:4700:4700::1111", PUBLIC),
    ],
)
def test_classify(address: str, expected: AddressClass) -> None:
    """Each address lands in its class (IPv4-mapped IPv6 counts as the IPv4 address)."""
    assert classify(address) is expected


@pytest.mark.parametrize(
    ("cls", "reached_public", "allow_private", "allowed"),
    [
        (PUBLIC, False, False, True), (PUBLIC, True, False, True),
        # the user named a private or loopback host: fetched
        (PRIVATE, False, False, True), (LOOPBACK, False, False, True),
        # a redirect leaving public space: refused
        (PRIVATE, True, False, False), (LOOPBACK, True, False, False),
        # link-local (metadata services): refused even as the input
        (LINK_LOCAL, False, False, False), (LINK_LOCAL, True, False, False),
        # --allow-private lifts everything
        (PRIVATE, True, True, True), (LINK_LOCAL, False, True, True),
        (LINK_LOCAL, True, True, True), (LOOPBACK, True, True, True),
    ],
)
def test_decide(cls: AddressClass, reached_public: bool, allow_private: bool,
                allowed: bool) -> None:
    """The policy table."""
    reason = decide(cls, reached_public=reached_public, allow_private=allow_private)
    assert (reason is None) is allowed


# --- the connect-time check, through a stub resolver and a fake network -----------------

DNS = {
    "news.test": ["93.184.216.34"],
    "intranet.test": ["10.0.0.5"],
    "rebind.test": ["10.0.0.9"],  # a public-looking name that resolves inside
    "mixed.test": ["10.0.0.7", "93.184.216.40"],
    "meta.test": ["169.254.169.254"],
}
ARTICLE = b"<html><body><p>hello</p></body></html>"


def _answer(status: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Content-Type: text/html",
             *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class FakeNet(httpcore.AsyncNetworkBackend):
    """Answers connections to non-loopback addresses from ``answers``; never connects there."""

    def __init__(self, answers: dict[str, list[bytes]]) -> None:
        self.answers = answers
        self.connects: list[str] = []
        self.real = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        self.connects.append(host)
        if host.startswith("127."):
            return await self.real.connect_tcp(host, port, timeout, local_address,
                                               socket_options)
        return httpcore.AsyncMockStream(list(self.answers.get(host, [])))

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


async def _stub_resolve(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    if host == "localhost":
        return ["127.0.0.1"]
    raise OSError(f"unknown host {host}")


def _fetch_all(net: FakeNet, urls: list[str], **options: Any) -> list[Any]:
    """Fetch ``urls`` in turn on one client; each result is a Page or the error raised."""
    opts = FetchOptions(timeout=3.0, **options)

    async def go() -> list[Any]:
        factory = TransportFactory(opts, resolve=_stub_resolve, inner_backend=net)
        out: list[Any] = []
        async with make_client(opts, transport=factory.transport()) as client:
            for url in urls:
                try:
                    out.append(await fetch_page(client, url, opts))
                except NewsscrapeError as exc:
                    out.append(exc)
        return out

    return asyncio.run(go())


def _redirecting_to(location: str) -> list[bytes]:
    return [_answer("302 Found", {"Location": location})]


def test_redirect_to_metadata_address_blocked() -> None:
    """A public page redirecting to 169.254.169.254 is refused before connecting there."""
    net = FakeNet({"93.184.216.34": _redirecting_to("http://169.254.169.254/latest/")})
    (result,) = _fetch_all(net, ["http://news.test/story"])
    assert isinstance(result, BlockedError) and result.kind == "blocked"
    assert net.connects == ["93.184.216.34"]


def test_redirect_to_name_resolving_inside_blocked() -> None:
    """The check is on the resolved address: a harmless-looking name pointing at 10/8 fails."""
    net = FakeNet({"93.184.216.34": _redirecting_to("http://rebind.test/admin")})
    (result,) = _fetch_all(net, ["http://news.test/story"])
    assert isinstance(result, BlockedError)
    assert "10.0.0.9" not in net.connects


def test_only_permitted_addresses_are_tried() -> None:
    """A name with a private and a public address, reached by redirect: only the public one."""
    net = FakeNet({"93.184.216.34": _redirecting_to("http://mixed.test/"),
                   "93.184.216.40": [_answer("200 OK", {}, ARTICLE)]})
    (result,) = _fetch_all(net, ["http://news.test/story"])
    assert not isinstance(result, Exception), result
    assert net.connects == ["93.184.216.34", "93.184.216.40"]


def test_private_input_is_fetched() -> None:
    """An input URL naming a private host is fetched: the user asked for it."""
    net = FakeNet({"10.0.0.5": [_answer("200 OK", {}, ARTICLE)]})
    (result,) = _fetch_all(net, ["http://intranet.test/page"])
    assert not isinstance(result, Exception), result
    assert net.connects == ["10.0.0.5"]


def test_link_local_input_needs_allow_private() -> None:
    """A link-local input is refused, unless ``--allow-private``."""
    net = FakeNet({"169.254.169.254": [_answer("200 OK", {}, ARTICLE)]})
    (refused,) = _fetch_all(net, ["http://169.254.169.254/latest/meta-data/"])
    assert isinstance(refused, BlockedError)
    assert net.connects == []
    (allowed,) = _fetch_all(net, ["http://meta.test/latest/"], allow_private=True)
    assert not isinstance(allowed, Exception), allowed


def test_allow_private_allows_leaving_public_space() -> None:
    """With ``allow_private`` the public-to-private redirect is followed."""
    net = FakeNet({"93.184.216.34": _redirecting_to("http://intranet.test/"),
                   "10.0.0.5": [_answer("200 OK", {}, ARTICLE)]})
    (result,) = _fetch_all(net, ["http://news.test/story"], allow_private=True)
    assert not isinstance(result, Exception), result


def test_reused_connection_is_checked_too() -> None:
    """A kept-alive connection to a private host cannot serve a later public page's redirect."""
    net = FakeNet({"10.0.0.5": [_answer("200 OK", {}, ARTICLE), _answer("200 OK", {}, ARTICLE)],
                   "93.184.216.34": _redirecting_to("http://intranet.test/secret")})
    first, second = _fetch_all(net, ["http://intranet.test/page", "http://news.test/story"])
    assert not isinstance(first, Exception), first
    assert isinstance(second, BlockedError)
    assert net.connects.count("10.0.0.5") == 1


def test_loopback_redirect_between_local_servers() -> None:
    """Loopback to loopback is not leaving public space: followed (local use stays easy)."""
    with Server({"/page": respond("<p>local</p>")}) as target, \
            Server({"/go": redirect("")}) as start:
        start.routes["/go"] = redirect(target.url("/page"))
        opts = FetchOptions(timeout=3.0)

        async def go() -> Any:
            async with make_client(opts) as client:
                return await fetch_page(client, start.url("/go"), opts)

        assert asyncio.run(go()).final_url == target.url("/page")


# --- terminal safety ---------------------------------------------------------------------


def test_error_lines_neutralise_escapes() -> None:
    """Escape sequences and bidi controls from a page or URL are shown, not obeyed."""
    line = error_line("http://x/\x1b[2J", "title \x1b]0;pwned\x07 \u202e")
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert "\\x1b[2J" in line and "\\u202e" in line


def test_progress_line_is_terminal_safe() -> None:
    """Host names in the progress line pass through ``safe_for_terminal``."""
    snap = Snapshot(ok=3, failed=1, queues=(("http://evil\x1b[31m.test:80", 5),), in_flight=2)
    text = render(snap, 2.0)
    assert "\x1b" not in text
    assert "4 done (1 failed), 2.0/s, 2 in flight, 5 queued" in text
    assert safe_for_terminal("http://evil\x1b[31m.test:80") in text
