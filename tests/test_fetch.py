"""The fetcher against a real HTTP server on 127.0.0.1 (see ``tests/httpserver.py``).

Every test here must stay on 127.0.0.0/8: an autouse guard fails any test that
resolves or connects anywhere else, and invalid URLs are tried on a client whose
transport fails the test if it is ever asked to send anything.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import os
import socket
import struct
import subprocess
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import cli_env, failure, fetch, newsscrape_argv, run_cli
from httpserver import (
    Route,
    Server,
    countdown,
    endless_chunked,
    redirect,
    respond,
    slices,
    slow_start,
    streamed,
    trickle,
)

from newsscrape import __version__
from newsscrape.document.decode import decoded
from newsscrape.errors import (
    ContentEncodingError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    NewsscrapeError,
    NotHTMLError,
    RedirectError,
    TooLargeError,
)
from newsscrape.fetcher.client import check_url, fetch_page, make_client
from newsscrape.options import FetchOptions
from newsscrape.record import Failure, Page

HEADLINE = "City Council Approves New Riverside Park After Decade-Long Debate"
ARTICLE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{HEADLINE} | The Riverside Gazette</title>
<meta name="description" content="The council voted 7-2 to turn the old rail yard into a park.">
<meta property="og:site_name" content="The Riverside Gazette">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
</head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/local">Local</a>
<a href="/sports">Sports</a></nav></header>
<main>
<article>
<h1>{HEADLINE}</h1>
<p class="byline">By Maria Lopez</p>
<time datetime="2024-03-14T09:30:00+00:00">March 14, 2024</time>
<p>After more than ten years of hearings, petitions and lawsuits, the Riverside City Council
voted 7-2 on Wednesday night to turn the abandoned rail yard along the east bank into a
twelve-acre public park, ending one of the longest planning disputes in the city's history.</p>
<p>The plan, drafted by the parks department with input from three neighborhood associations,
includes a playground, a community garden, a half-mile riverside trail and a small
amphitheater that organizers hope will host free summer concerts starting next year.</p>
<p>Supporters packed the council chamber, many wearing green shirts printed with the slogan
"Rails to Trails". Several of them said they had attended every hearing since the first
proposal was floated in 2013, when the rail company announced it would close the yard.</p>
<p>Opponents, led by a coalition of local business owners, argued that the site should instead
be sold to developers to raise money for road repairs. Council member James Whitfield, who voted
against the measure, said the city could not afford the estimated $14 million price tag.</p>
<p>The parks director, Angela Chen, told the council that roughly half of the cost would be
covered by a state conservation grant and private donations. Construction is expected to begin
in the fall, with the first section of the trail opening to the public the following spring.</p>
<p>"This is what the neighborhood asked for, again and again," said Mayor Linda Park after the
vote. "It took longer than anyone wanted, but we are going to build something our children and
grandchildren will enjoy for generations." The council will review detailed designs in June.</p>
</article>
</main>
<footer><p>&copy; 2024 The Riverside Gazette. All rights reserved.</p></footer>
</body>
</html>
"""

GBK_HTML = ("<html><head><title>北京新闻</title></head><body><h1>北京发布新规</h1>"
            "<p>北京市政府今天发布了关于城市绿化的新规定，市民反响热烈。</p></body></html>")
SJIS_HTML = ('<html><head><meta charset="Shift_JIS"><title>東京ニュース</title></head><body>'
             "<h1>新しい図書館が開館</h1><p>東京で新しい図書館が開館しました。"
             "多くの市民が訪れています。</p></body></html>")
SMART_HTML = ("<html><head><title>Quotes</title></head><body>"
              "<p>“Smart quotes” and ‘single’ ones — it’s a café… for €5</p></body></html>")
UTF8_HTML = "<html><body><p>Café “Zürich” — 東京</p></body></html>"
BOMB_SIZE = 128 << 20  # inflates to 128 MiB


@functools.cache
def bombs() -> dict[str, bytes]:
    """128 MiB of zeros deflated once (~130 KB, ~1000:1), wrapped as gzip and as zlib."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts, crc, adler = [], 0, 1
    for _ in range(BOMB_SIZE >> 20):
        parts.append(packer.compress(block))
        crc, adler = zlib.crc32(block, crc), zlib.adler32(block, adler)
    parts.append(packer.flush())
    deflated = b"".join(parts)
    return {
        "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + deflated
        + struct.pack("<II", crc, BOMB_SIZE & 0xFFFFFFFF),
        "deflate": b"\x78\xda" + deflated + struct.pack(">I", adler),
    }


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def _routes() -> dict[str, Route]:
    html = "text/html; charset=utf-8"
    return {
        "/article": respond(ARTICLE, content_type=html),
        "/article-slow": slow_start(0.05, respond(ARTICLE, content_type=html)),
        "/echo": respond("<html><body><p>hi</p></body></html>", content_type=html),
        # redirects
        "/chain/1": redirect("/chain/2", 301),
        "/chain/3": redirect("/article", 307),
        "/dir/sub/rel": redirect("../landing?x=1"),
        "/dir/sub/sibling": redirect("next"),
        "/dir/sub/next": respond("<p>next</p>"),
        "/dir/landing": respond("<p>landing</p>"),
        "/loop/a": redirect("/loop/b"),
        "/loop/b": redirect("/loop/a"),
        "/loop/self": redirect("/loop/self", 301),
        "/hops": countdown("/hops", "/article"),
        "/to-file": redirect("file:///etc/passwd"),
        "/to-ftp": redirect("ftp://127.0.0.1:21/pub/file.html"),
        "/to-javascript": redirect("javascript:alert(1)"),
        "/to-empty-host": redirect("http://"),
        "/to-no-host": redirect("http:///path"),
        "/to-space-host": redirect("http://exa mple.com/"),
        "/to-bad-ipv6": redirect("http://[::1/"),
        "/to-bad-ipv4": redirect("http://256.1.1.1/"),
        "/to-bad-idna": redirect("http://xn--/"),
        "/to-bad-port": redirect("http://127.0.0.1:99999/"),
        # statuses
        "/status/404": respond("<html><body><h1>Not here</h1></body></html>", status=404),
        "/status/410": respond("<p>gone</p>", status=410),
        "/status/500": respond("<html><body>Internal error</body></html>", status=500),
        "/status/503": respond("<p>busy</p>", status=503, headers={"Retry-After": "5"}),
        # slow answers
        "/sleep": slow_start(3.0, respond(ARTICLE)),
        "/trickle": trickle(0.2, 30.0),
        "/slow-hop/1": slow_start(0.1, redirect("/slow-hop/2")),
        "/slow-hop/2": slow_start(0.1, redirect("/slow-hop/3")),
        "/slow-hop/3": slow_start(0.1, redirect("/slow-hop/4")),
        "/slow-hop/4": slow_start(0.1, respond(ARTICLE)),
        # sizes
        "/declared-huge": _declared_huge,
        "/size/exact": respond(b"a" * 1000),
        "/size/over": respond(b"a" * 1001),
        "/size/exact-unframed": respond(b"a" * 1000, length=False),
        "/size/over-unframed": respond(b"a" * 1001, length=False),
        "/size/over-chunked": streamed(slices(b"a" * 1001, 100), {"Content-Type": "text/html"}),
        "/endless": endless_chunked(),
        "/bomb": streamed(slices(lambda: bombs()["gzip"]),
                          {"Content-Type": "text/html", "Content-Encoding": "gzip"}),
        "/bomb-length": _bomb_with_length,
        "/bomb-deflate": streamed(slices(lambda: bombs()["deflate"]),
                                  {"Content-Type": "text/html", "Content-Encoding": "deflate"}),
        "/gzip": respond(gzip.compress(ARTICLE.encode()), content_type=html,
                         headers={"Content-Encoding": "gzip"}),
        "/gzip-chunked": streamed(slices(gzip.compress(ARTICLE.encode()), 100),
                                  {"Content-Type": html, "Content-Encoding": "gzip"}),
        "/deflate": respond(zlib.compress(ARTICLE.encode()), content_type=html,
                            headers={"Content-Encoding": "deflate"}),
        "/raw-deflate": respond(_raw_deflate(ARTICLE.encode()), content_type=html,
                                headers={"Content-Encoding": "deflate"}),
        "/gzip/exact": respond(gzip.compress(b"a" * 1000), headers={"Content-Encoding": "gzip"}),
        "/gzip/over": respond(gzip.compress(b"a" * 1001), headers={"Content-Encoding": "gzip"}),
        "/bad-gzip": respond(b"this is not gzip at all", headers={"Content-Encoding": "gzip"}),
        # content types
        "/type/pdf": respond(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf"),
        "/type/png": respond(b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        "/type/json": respond(b'{"html": "<p>no</p>"}', content_type="application/json"),
        "/type/html": respond(UTF8_HTML, content_type="text/html"),
        "/type/html-upper": respond(UTF8_HTML, content_type="TEXT/HTML; Charset=UTF-8"),
        "/type/xhtml": respond(UTF8_HTML, content_type="application/xhtml+xml; charset=utf-8"),
        "/type/none": respond(UTF8_HTML, content_type=None),
        # charsets
        "/cs/gbk": respond(GBK_HTML.encode("gbk"), content_type="text/html; charset=GBK"),
        "/cs/sjis-meta": respond(SJIS_HTML.encode("shift_jis"), content_type="text/html"),
        "/cs/latin1": respond(SMART_HTML.encode("cp1252"),
                              content_type="text/html; charset=ISO-8859-1"),
        "/cs/bogus": respond(UTF8_HTML.encode("utf-8"), content_type="text/html; charset=bogus"),
        "/cs/lying-utf8": respond(
            ("<html><body>" + "<p>Le café était très animé ce matin-là.</p>" * 20
             + "</body></html>").encode("cp1252"),
            content_type="text/html; charset=utf-8"),
    }


def _bomb_with_length(ex: Any) -> None:
    """The gzip bomb with a (truthful, small) Content-Length instead of chunks."""
    body = bombs()["gzip"]
    streamed(slices(body), {"Content-Type": "text/html", "Content-Encoding": "gzip",
                            "Content-Length": str(len(body))}, chunked=False)(ex)


def _declared_huge(ex: Any) -> None:
    """Announce a 50 MB body, send a little, then stall: the fetcher must not wait."""
    ex.start(200, {"Content-Type": "text/html", "Content-Length": str(50_000_000)})
    ex.write(b"<html>")
    ex.sleep(5.0)


# --- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def running() -> Iterator[Server]:
    """One server for the module (starting one per test would cost more than the tests)."""
    server = Server(_routes())
    server.routes["/chain/2"] = redirect(server.url("/chain/3"), 302)  # absolute hop
    server.routes["/scheme-relative"] = redirect(f"//127.0.0.1:{server.port}/echo")
    with server:
        yield server


@pytest.fixture
def server(running: Server) -> Server:
    """The module's server with an empty request log."""
    running.clear()
    return running


def timed_failure(url: str, expected: type[NewsscrapeError],
                  **options: Any) -> tuple[NewsscrapeError, float]:
    """``failure`` and how long it took."""
    start = time.monotonic()
    error = failure(url, expected, **options)
    return error, time.monotonic() - start


# --- success -----------------------------------------------------------------------------


def test_ok_page(server: Server) -> None:
    """A 200 HTML page comes back decoded, with where it ended, its status and time."""
    before = datetime.now(UTC).replace(microsecond=0)
    page = fetch(server.url("/article"))
    after = datetime.now(UTC)
    assert page.url == server.url("/article")
    assert page.final_url == server.url("/article")
    assert page.status == 200
    assert page.html == ARTICLE
    assert page.encoding == "utf-8"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert all(name == name.lower() for name in page.headers)
    assert page.fetched_at is not None
    fetched = datetime.fromisoformat(page.fetched_at)
    assert fetched.utcoffset() == timedelta(0)
    assert before <= fetched <= after
    assert page.fetched_at.endswith("+00:00") and "T" in page.fetched_at


def test_url_is_kept_as_given(server: Server) -> None:
    """Surrounding blanks are stripped for the request, but ``url`` is the input as given."""
    given = f"  {server.url('/echo')}\n"
    page = fetch(given)
    assert page.url == given
    assert page.final_url == server.url("/echo")


def test_user_agent_and_accept_headers(server: Server) -> None:
    """Requests name newsscrape and its version, and ask for HTML (gzip allowed)."""
    fetch(server.url("/echo"))
    (seen,) = server.requests
    headers = {k.lower(): v for k, v in seen.headers.items()}
    assert f"newsscrape/{__version__}" in headers["user-agent"]
    assert "text/html" in headers["accept"]
    assert "gzip" in headers["accept-encoding"]


def test_custom_user_agent_on_every_hop(server: Server) -> None:
    """A configured User-Agent is sent on the first request and on every redirect hop."""
    fetch(server.url("/chain/1"), user_agent="TestBot/1.0")
    assert len(server.requests) == 4
    for seen in server.requests:
        assert {k.lower(): v for k, v in seen.headers.items()}["user-agent"] == "TestBot/1.0"


def test_concurrent_fetches_share_a_client(server: Server) -> None:
    """Several fetches on one client at once each get their own page."""
    opts = FetchOptions(timeout=3.0)
    paths = ["/article", "/echo", "/type/html", "/cs/gbk", "/gzip", "/dir/sub/rel"]

    async def go() -> list[Page]:
        async with make_client(opts) as client:
            return await asyncio.gather(*(fetch_page(client, server.url(p), opts)
                                          for p in paths))

    pages = asyncio.run(go())
    assert [p.url for p in pages] == [server.url(p) for p in paths]
    assert pages[4].html == ARTICLE
    assert pages[5].final_url == server.url("/dir/landing?x=1")


# --- redirects ---------------------------------------------------------------------------


def test_redirect_chain_followed(server: Server) -> None:
    """301 -> 302 (absolute Location) -> 307 -> 200: final_url is the last hop."""
    page = fetch(server.url("/chain/1"))
    assert page.url == server.url("/chain/1")
    assert page.final_url == server.url("/article")
    assert page.status == 200
    assert page.html == ARTICLE
    assert server.paths() == ["/chain/1", "/chain/2", "/chain/3", "/article"]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_each_redirect_status_followed(server: Server, status: int) -> None:
    """Every redirect status is followed with a GET."""
    server.routes[f"/one-hop/{status}"] = redirect("/echo", status)
    page = fetch(server.url(f"/one-hop/{status}"))
    assert page.final_url == server.url("/echo")
    assert [seen.method for seen in server.requests] == ["GET", "GET"]


@pytest.mark.parametrize(
    ("path", "final"),
    [
        ("/dir/sub/rel", "/dir/landing?x=1"),  # ../landing?x=1
        ("/dir/sub/sibling", "/dir/sub/next"),  # next
        ("/scheme-relative", "/echo"),  # //127.0.0.1:port/echo
    ],
)
def test_relative_location_resolved(server: Server, path: str, final: str) -> None:
    """A relative Location is resolved against the URL that sent it."""
    page = fetch(server.url(path))
    assert page.final_url == server.url(final)
    assert server.paths() == [path, final]


def test_redirect_loop(server: Server) -> None:
    """a -> b -> a is a loop, stopped before asking for a twice."""
    error = failure(server.url("/loop/a"), RedirectError)
    assert "loop" in error.message
    assert server.paths() == ["/loop/a", "/loop/b"]


def test_redirect_to_itself(server: Server) -> None:
    """A page redirecting to itself is a loop."""
    failure(server.url("/loop/self"), RedirectError)
    assert server.paths() == ["/loop/self"]


def test_max_redirects_allowed(server: Server) -> None:
    """Exactly ``max_redirects`` hops are fine."""
    page = fetch(server.url("/hops?n=2"), max_redirects=3)  # 3 redirects, then the page
    assert page.final_url == server.url("/article")
    assert len(server.requests) == 4


def test_too_many_redirects(server: Server) -> None:
    """One hop more than ``max_redirects`` fails, after max_redirects + 1 requests."""
    error = failure(server.url("/hops?n=3"), RedirectError, max_redirects=3)
    assert "redirects" in error.message
    assert len(server.requests) == 4


def test_endless_redirects_with_default_limit(server: Server) -> None:
    """A never-ending chain stops at the default limit (10)."""
    failure(server.url("/hops?n=1000"), RedirectError)
    assert len(server.requests) == FetchOptions().max_redirects + 1


def test_zero_redirects_allowed(server: Server) -> None:
    """With ``max_redirects=0`` any redirect fails."""
    failure(server.url("/chain/1"), RedirectError, max_redirects=0)
    assert server.paths() == ["/chain/1"]


@pytest.mark.parametrize(
    "path",
    ["/to-file", "/to-ftp", "/to-javascript", "/to-empty-host", "/to-no-host", "/to-space-host",
     "/to-bad-ipv6", "/to-bad-ipv4", "/to-bad-idna", "/to-bad-port"],
)
def test_redirect_to_non_http_or_invalid_url(server: Server, path: str) -> None:
    """A Location that is not a fetchable http(s) URL fails as ``redirect``, unfollowed.

    The autouse guard would fail the test on any connection off the loopback, and
    the server log shows nothing was asked for after the redirect.
    """
    failure(server.url(path), RedirectError)
    assert server.paths() == [path]


# --- statuses ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_error_status(server: Server, status: int) -> None:
    """4xx and 5xx answers are ``http_status`` errors carrying the status."""
    error = failure(server.url(f"/status/{status}"), HTTPStatusError)
    assert error.status == status
    assert str(status) in error.message
    assert Failure.from_exception("u", error) == Failure(
        input="u", kind="http_status", message=error.message, status=status)


def test_unknown_path_is_404(server: Server) -> None:
    """The test server's default route is a 404."""
    assert failure(server.url("/nothing/here"), HTTPStatusError).status == 404


def test_error_status_after_redirect(server: Server) -> None:
    """A redirect that ends on a 404 reports the 404."""
    server.routes["/to-404"] = redirect("/status/404")
    assert failure(server.url("/to-404"), HTTPStatusError).status == 404


# --- timeouts ----------------------------------------------------------------------------


def test_timeout_before_headers(server: Server) -> None:
    """A server that says nothing for longer than the timeout: ``timeout``."""
    _, elapsed = timed_failure(server.url("/sleep"), FetchTimeoutError, timeout=0.3)
    assert 0.25 < elapsed < 2.0


def test_trickling_body_hits_whole_request_deadline(server: Server) -> None:
    """One byte every 0.2 s never trips a per-read timeout; the whole-request one must."""
    _, elapsed = timed_failure(server.url("/trickle"), FetchTimeoutError, timeout=0.5)
    assert elapsed < 3.0
    assert server.paths() == ["/trickle"]


def test_deadline_covers_all_redirect_hops(server: Server) -> None:
    """Four hops of 0.1 s each exceed a 0.25 s deadline although each is quick enough."""
    _, elapsed = timed_failure(server.url("/slow-hop/1"), FetchTimeoutError, timeout=0.25)
    assert elapsed < 2.0
    assert 2 <= len(server.requests) <= 3


def test_slow_hops_within_deadline(server: Server) -> None:
    """The same chain with a roomy deadline succeeds."""
    assert fetch(server.url("/slow-hop/1"), timeout=3.0).final_url == server.url("/slow-hop/4")


# --- sizes -------------------------------------------------------------------------------


def test_declared_length_over_cap(server: Server) -> None:
    """A Content-Length over the cap fails at once, without waiting for the body."""
    error, _ = timed_failure(server.url("/declared-huge"), TooLargeError,
                             max_bytes=1_000_000, timeout=5.0)
    # TooLargeError and not a timeout: the cap was applied before any body was awaited
    assert error.status == 200


@pytest.mark.parametrize("framing", ["", "-unframed"])
def test_size_cap_boundary(server: Server, framing: str) -> None:
    """A body of exactly max_bytes is fine; one byte more is ``too_large``.

    ``-unframed`` bodies have no Content-Length and end when the connection closes,
    so only the streaming count can catch them.
    """
    assert fetch(server.url(f"/size/exact{framing}"), max_bytes=1000).html == "a" * 1000
    failure(server.url(f"/size/over{framing}"), TooLargeError, max_bytes=1000)


def test_chunked_body_over_cap(server: Server) -> None:
    """A chunked body is counted as it streams."""
    failure(server.url("/size/over-chunked"), TooLargeError, max_bytes=1000)


def test_endless_chunked_body(server: Server) -> None:
    """An endless chunked body (no Content-Length) is cut off quickly at the cap."""
    _, elapsed = timed_failure(server.url("/endless"), TooLargeError,
                               max_bytes=1_000_000, timeout=5.0)
    assert elapsed < 2.0


@pytest.mark.parametrize("path", ["/bomb", "/bomb-length", "/bomb-deflate"])
def test_compression_bomb_cut_off_early(server: Server, path: str) -> None:
    """~130 KB inflating to 128 MiB: ``too_large``, without inflating much past the cap."""
    assert len(bombs()["gzip"]) < 500_000
    assert zlib.decompressobj(31).decompress(bombs()["gzip"][:4096], 100) == bytes(100)
    tracemalloc.start()
    try:
        _, elapsed = timed_failure(server.url(path), TooLargeError,
                                   max_bytes=1_000_000, timeout=5.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 3.0
    assert peak < 8_000_000, f"peak {peak} bytes while reading a bomb capped at 1 MB"


@pytest.mark.parametrize("path", ["/gzip", "/gzip-chunked", "/deflate", "/raw-deflate"])
def test_compressed_page_decodes(server: Server, path: str) -> None:
    """Normal gzip and deflate (zlib-wrapped or raw) pages decode to the original HTML."""
    page = fetch(server.url(path))
    assert page.html == ARTICLE
    assert page.headers["content-encoding"] in ("gzip", "deflate")


def test_cap_counts_decompressed_bytes(server: Server) -> None:
    """The cap applies to the inflated size, not the (much smaller) wire size."""
    assert fetch(server.url("/gzip/exact"), max_bytes=1000).html == "a" * 1000
    failure(server.url("/gzip/over"), TooLargeError, max_bytes=1000)


def test_corrupt_gzip(server: Server) -> None:
    """A body that claims gzip but is not: a ``network`` error saying so, not a crash."""
    error = failure(server.url("/bad-gzip"), ContentEncodingError)
    assert error.kind == "network"
    assert error.message.startswith("corrupt gzip body")


# --- content types -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "mime"),
    [("/type/pdf", "application/pdf"), ("/type/png", "image/png"),
     ("/type/json", "application/json")],
)
def test_not_html(server: Server, path: str, mime: str) -> None:
    """Non-HTML content types are refused as ``not_html``."""
    error = failure(server.url(path), NotHTMLError)
    assert mime in error.message
    assert error.status == 200


@pytest.mark.parametrize("path", ["/type/html", "/type/html-upper", "/type/xhtml", "/type/none"])
def test_html_types_accepted(server: Server, path: str) -> None:
    """text/html (any case), application/xhtml+xml, and no Content-Type at all are fetched."""
    assert fetch(server.url(path)).html == UTF8_HTML


# --- charsets ----------------------------------------------------------------------------


def test_gbk_declared_in_header(server: Server) -> None:
    """A GBK page declared in the header decodes (read as its superset GB18030)."""
    page = fetch(server.url("/cs/gbk"))
    assert page.html == GBK_HTML
    assert page.encoding == "gb18030"


def test_shift_jis_declared_in_meta_only(server: Server) -> None:
    """A Shift-JIS page declared only by ``<meta charset>`` decodes."""
    page = fetch(server.url("/cs/sjis-meta"))
    assert page.html == SJIS_HTML
    assert page.encoding == "cp932"


def test_latin1_label_read_as_windows_1252(server: Server) -> None:
    """A windows-1252 page labelled ISO-8859-1 keeps its curly quotes, dash and euro."""
    page = fetch(server.url("/cs/latin1"))
    assert page.html == SMART_HTML
    assert "“Smart quotes”" in page.html and "it’s" in page.html
    assert "€5" in page.html
    assert page.encoding == "cp1252"


def test_bogus_charset_label(server: Server) -> None:
    """``charset=bogus`` over a UTF-8 body decodes as UTF-8."""
    page = fetch(server.url("/cs/bogus"))
    assert page.html == UTF8_HTML
    assert page.encoding == "utf-8"


@pytest.mark.parametrize("path", ["/cs/gbk", "/cs/sjis-meta", "/cs/latin1", "/cs/bogus",
                                  "/cs/lying-utf8"])
def test_undecoded_page_decodes_as_the_fetcher_would(server: Server, path: str) -> None:
    """A page fetched undecoded (as the batch hands pages to its extraction processes)
    carries its bytes, and decodes to exactly the page fetched decoded."""
    raw = fetch(server.url(path), decode=False)
    assert raw.html == "" and raw.encoding is None and raw.body
    assert raw.size == len(raw.body)
    page = fetch(server.url(path))
    assert page.body is None and page.size == len(page.html)
    assert decoded(raw) == replace(page, fetched_at=raw.fetched_at)
    assert decoded(page) is page


def test_header_says_utf8_but_body_is_not(server: Server) -> None:
    """A false UTF-8 declaration falls back to another decoding without crashing."""
    page = fetch(server.url("/cs/lying-utf8"))
    assert page.encoding != "utf-8"
    assert page.html.startswith("<html><body><p>Le caf")
    assert page.html.endswith("</body></html>")


# --- invalid URLs and connection failures ------------------------------------------------

INVALID_URLS = [
    "not a url",
    "ftp://x/y",
    "http://",
    "http:///path",
    "javascript:alert(1)",
    "http://exa mple.com",
    "",
    "   ",
    "file:///etc/passwd",
    "mailto:someone@example.com",
    "//example.com/path",
    "example.com/path",
    "http:example.com",
    "http://user@/",
    "http://[::1/",
    "http://example.com:99999/",
    "http://example.com:0/",
    "http://example.com:port/",
    "http://256.1.1.1/",
    "http://example.com/\x00",
    "http://xn--/",
    "http://exa\tmple.com/",
    "http://a..b/",
    f"http://{'a' * 64}.example/",
]


def _no_network(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"a request was sent for {request.url}")


@pytest.mark.parametrize("url", INVALID_URLS)
def test_invalid_url_fails_before_any_request(url: str) -> None:
    """Invalid URLs are ``invalid_url`` and nothing is sent (the transport would fail)."""
    opts = FetchOptions(timeout=1.0)

    async def go() -> Page:
        async with httpx.AsyncClient(transport=httpx.MockTransport(_no_network)) as client:
            return await fetch_page(client, url, opts)

    with pytest.raises(NewsscrapeError) as caught:
        asyncio.run(go())
    assert type(caught.value) is InvalidURLError
    assert caught.value.kind == "invalid_url"
    assert caught.value.status is None


@pytest.mark.parametrize("url", INVALID_URLS)
def test_check_url_rejects(url: str) -> None:
    """``check_url`` itself rejects each invalid URL."""
    with pytest.raises(InvalidURLError):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    ["http://example.com", "https://example.com/a?b=c#d", "HTTP://EXAMPLE.COM/",
     "http://127.0.0.1:8080/x", "http://[::1]:8080/", "https://bücher.example/straße"],
)
def test_check_url_accepts(url: str) -> None:
    """Absolute http(s) URLs with a host pass (no request is made by checking)."""
    assert check_url(f" {url} ") == url


def test_connection_refused() -> None:
    """A port with nothing listening: a plain ``network`` error."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = failure(f"http://127.0.0.1:{port}/", FetchError)
    assert error.kind == "network"
    assert error.status is None


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectError("refused"), FetchError),
        (httpx.ReadError("reset by peer"), FetchError),
        (httpx.RemoteProtocolError("malformed"), FetchError),
        (httpx.ConnectTimeout("slow"), FetchTimeoutError),
        (httpx.ReadTimeout("slow"), FetchTimeoutError),
    ],
)
def test_transport_errors_mapped(exc: Exception, expected: type[NewsscrapeError]) -> None:
    """httpx's transport exceptions become the matching newsscrape errors."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    opts = FetchOptions(timeout=1.0)

    async def go() -> Page:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await fetch_page(client, "http://example.test/", opts)

    with pytest.raises(NewsscrapeError) as caught:
        asyncio.run(go())
    assert type(caught.value) is expected
    assert caught.value.__cause__ is exc


def test_mock_transport_page() -> None:
    """``fetch_page`` works with any client, e.g. one on a ``MockTransport``."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, content=SMART_HTML.encode("cp1252"),
                              headers={"Content-Type": "text/html; charset=latin1"})

    opts = FetchOptions(timeout=1.0)

    async def go() -> Page:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await fetch_page(client, "http://example.test/old", opts)

    page = asyncio.run(go())
    assert page.final_url == "http://example.test/new"
    assert page.html == SMART_HTML


# --- the command line, end to end --------------------------------------------------------

RECORD_KEYS = {"url", "final_url", "canonical_url", "status", "fetched_at", "title", "authors",
               "publisher", "published", "modified", "language", "section", "tags",
               "description", "image", "text", "word_count"}


def test_cli_fetch_one_page(server: Server) -> None:
    """A good page: exactly one JSON record on stdout, only the summary on stderr, exit 0."""
    url = server.url("/article")
    result = run_cli("fetch", "--timeout", "5", url)
    assert result.returncode == 0, result.stderr
    (summary,) = result.stderr.splitlines()
    assert summary.startswith("newsscrape: done: 1 ok, 0 failed, in ")
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) >= RECORD_KEYS
    assert record["url"] == url
    assert record["final_url"] == url
    assert record["status"] == 200
    assert datetime.fromisoformat(record["fetched_at"]).utcoffset() == timedelta(0)
    assert record["title"] == HEADLINE
    assert "twelve-acre public park" in record["text"]
    assert "grandchildren" in record["text"]
    assert "All rights reserved" not in record["text"]
    assert record["word_count"] > 100


def test_cli_mixed_batch(server: Server, tmp_path: Path) -> None:
    """Good + 404 + not_html + invalid URL: one record, one stderr line and one
    ``--errors`` line per failure, exit 1, no traceback."""
    good = server.url("/article")
    missing = server.url("/status/404")
    pdf = server.url("/type/pdf")
    invalid = "not a url"
    errors_file = tmp_path / "errors.jsonl"
    result = run_cli("fetch", "--timeout", "5", "--errors", str(errors_file),
                     good, missing, pdf, invalid)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in records] == [good]

    *stderr_lines, summary = result.stderr.splitlines()
    assert len(stderr_lines) == 3
    assert summary.startswith(
        "newsscrape: done: 1 ok, 3 failed (http_status 1, invalid_url 1, not_html 1), in ")
    for url in (missing, pdf, invalid):
        assert sum(line.startswith(f"newsscrape: {url}: ") for line in stderr_lines) == 1

    errors = {e["url"]: e for e in map(json.loads, errors_file.read_text("utf-8").splitlines())}
    assert set(errors) == {missing, pdf, invalid}
    for entry in errors.values():
        assert set(entry) == {"url", "source", "error"}
        assert entry["source"] == entry["url"]  # fetch: the input URL
        assert set(entry["error"]) == {"kind", "message", "status"}
    assert errors[missing]["error"]["kind"] == "http_status"
    assert errors[missing]["error"]["status"] == 404
    assert errors[pdf]["error"]["kind"] == "not_html"
    assert errors[invalid]["error"] == {"kind": "invalid_url", "status": None,
                                        "message": errors[invalid]["error"]["message"]}
    assert "/status/404" in server.paths() and "/type/pdf" in server.paths()


def test_cli_no_url_is_usage_error(server: Server) -> None:
    """``fetch`` without a URL and with a terminal on stdin: exit 2, usage on stderr."""
    import pty

    leader, follower = pty.openpty()
    try:
        result = subprocess.run(newsscrape_argv("fetch"), stdin=follower,
                                capture_output=True, text=True, env=cli_env(), timeout=60,
                                check=False)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Usage" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_bad_time_zone_is_usage_error(server: Server) -> None:
    """An unknown ``--tz``: exit 2 before anything is fetched."""
    result = run_cli("fetch", "--tz", "Mars/Olympus", server.url("/article"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--tz" in result.stderr
    assert "Traceback" not in result.stderr
    assert server.requests == []


def test_cli_closed_stdout_pipe(server: Server) -> None:
    """Like ``| head -1``: stdout closed after one line must not print a traceback."""
    urls = [server.url(f"/article-slow?i={i}") for i in range(40)]
    proc = subprocess.Popen([*newsscrape_argv("fetch", "--timeout", "10"),
                             "--concurrency", "4", *urls],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env())
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    try:
        stderr = proc.stderr.read().decode("utf-8", "replace")
        proc.wait(timeout=60)
    finally:
        proc.stderr.close()
        if proc.poll() is None:  # pragma: no cover - only when the CLI hangs
            proc.kill()
            proc.wait()
    assert json.loads(first)["status"] == 200
    assert proc.returncode in (0, 1)  # click exits 1 on EPIPE; never a crash or a signal
    assert "Traceback" not in stderr, stderr
    assert "Exception" not in stderr, stderr
    assert len(server.requests) < len(urls)  # it stopped early rather than fetching all
