"""Each fetch failure gets the right ``kind``, ``status`` and an accurate message.

Answers that are not a page (a 3xx that cannot be followed, 204/304, a body in an
encoding we did not ask for, a feed) must end as one error that says what happened,
never as a record. Like ``test_fetch.py``, everything stays on 127.0.0.0/8.
"""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator

import pytest
from conftest import failure, fetch, run_batch
from httpserver import Route, Server, redirect, respond

from newsscrape.errors import (
    ContentEncodingError,
    HTTPStatusError,
    InvalidURLError,
    NewsscrapeError,
    NotHTMLError,
    RedirectError,
)

PAGE = ("<html><head><title>Council votes</title></head><body><article><h1>Council votes"
        "</h1><p>The council met on Tuesday and voted on the riverside park plan.</p>"
        "</article></body></html>")
HTML = "text/html; charset=utf-8"
RSS = ('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet href="/feed.xsl"?>\n'
       "<!-- generated -->\n<rss version=\"2.0\"><channel><title>Feed</title><item>"
       "<title>One</title><description>" + "A long description of the item. " * 30
       + "</description></item></channel></rss>")
ATOM = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>'
        "<entry><title>One</title><content type=\"html\">&lt;p&gt;text&lt;/p&gt;</content>"
        "</entry></feed>")
SITEMAP = ('<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           "<url><loc>http://127.0.0.1/a</loc></url></urlset>")
XHTML = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- page -->\n'
         '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
         '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
         '<html xmlns="http://www.w3.org/1999/xhtml">' + PAGE.removeprefix("<html>"))
XHTML_PREFIXED = ('<?xml version="1.0"?><!DOCTYPE h:html [<!ENTITY c "&#169;">]>'
                  '<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:body><h:p>Text</h:p>'
                  "</h:body></h:html>")


def _routes() -> dict[str, Route]:
    routes: dict[str, Route] = {
        "/article": respond(PAGE, content_type=HTML),
        # 3xx answers
        "/300": respond(PAGE, status=300, content_type=HTML),
        "/300-preferred": respond(b"", status=300, headers={"Location": "/article"}),
        "/305": respond(PAGE, status=305, content_type=HTML, headers={"Location": "/article"}),
        "/399": respond(PAGE, status=399, content_type=HTML, headers={"Location": "/article"}),
        "/empty-location": respond(b"", status=302, headers={"Location": ""}),
        "/blank-location": respond(b"", status=301, headers={"Location": "   "}),
        "/to-javascript": redirect("javascript:alert(1)"),
        "/to-data": redirect("data:text/html,<p>hi</p>", 301),
        "/to-empty-label": redirect("http://a..b/"),
        "/to-long-label": redirect(f"http://{'a' * 64}.example/", 307),
    }
    # content codings
    packed = gzip.compress(PAGE.encode())
    routes.update({
        "/br": respond(b"\x1b\x4f\x01\x00" + bytes(range(256)) * 4, content_type=HTML,
                       headers={"Content-Encoding": "br"}),
        "/zstd": respond(b"\x28\xb5\x2f\xfd" + bytes(64), content_type=HTML,
                         headers={"Content-Encoding": "zstd"}),
        "/compress": respond(b"\x1f\x9d" + bytes(64), content_type=HTML,
                             headers={"Content-Encoding": "compress"}),
        "/gzip-twice": respond(gzip.compress(packed), content_type=HTML,
                               headers={"Content-Encoding": "gzip, gzip"}),
        "/identity-gzip": respond(packed, content_type=HTML,
                                  headers={"Content-Encoding": "identity, gzip"}),
        "/GZIP": respond(packed, content_type=HTML, headers={"Content-Encoding": "GZIP"}),
        "/identity": respond(PAGE, content_type=HTML, headers={"Content-Encoding": "identity"}),
        "/bad-gzip": respond(b"notgzipdata" * 100, content_type=HTML,
                             headers={"Content-Encoding": "gzip"}),
        "/bad-deflate": respond(b"notdeflate" * 100, content_type=HTML,
                                headers={"Content-Encoding": "deflate"}),
    })
    # feeds and XHTML served as XML
    routes.update({
        "/xml/rss": respond(RSS, content_type="application/xml; charset=utf-8"),
        "/xml/rss-text": respond(RSS, content_type="text/xml"),
        "/xml/rss-typed": respond(RSS, content_type="application/rss+xml"),
        "/xml/atom": respond(ATOM, content_type="application/atom+xml"),
        "/xml/atom-generic": respond(ATOM, content_type="application/xml"),
        "/xml/sitemap": respond(SITEMAP, content_type="text/xml; charset=UTF-8"),
        "/xml/empty": respond(b"", content_type="application/xml"),
        "/xml/xhtml": respond(XHTML, content_type="application/xml"),
        "/xml/xhtml-text": respond(XHTML, content_type="text/xml; charset=utf-8"),
        "/xml/xhtml-utf16": respond(XHTML.encode("utf-16"), content_type="application/xml"),
        "/xml/xhtml-prefixed": respond(XHTML_PREFIXED, content_type="application/xml"),
        "/xhtml": respond(XHTML, content_type="application/xhtml+xml; charset=utf-8"),
    })
    for status in (301, 302, 303, 307, 308):
        routes[f"/bare/{status}"] = respond(PAGE, status=status, content_type=HTML)
    for status in (204, 205, 304):
        routes[f"/empty/{status}"] = respond(b"", status=status, content_type=None,
                                             length=status == 205)
    return routes


@pytest.fixture(scope="module")
def running() -> Iterator[Server]:
    """One server for the module."""
    with Server(_routes()) as server:
        yield server


@pytest.fixture
def server(running: Server) -> Server:
    """The module's server with an empty request log."""
    running.clear()
    return running


def closed_port() -> int:
    """A loopback port with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- 3xx answers that cannot be followed -------------------------------------------------


def test_300_without_location_is_an_error(server: Server) -> None:
    """A 300 names no single target: ``redirect`` with status 300, not a record."""
    error = failure(server.url("/300"), RedirectError)
    assert error.status == 300
    assert error.message == "HTTP 300 Multiple Choices without a Location"


def test_300_with_preferred_location_is_followed(server: Server) -> None:
    """A 300's Location is its preferred choice (RFC 9110 15.4.1), followed as browsers do."""
    page = fetch(server.url("/300-preferred"))
    assert page.final_url == server.url("/article")
    assert page.status == 200


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_without_location_is_an_error(server: Server, status: int) -> None:
    """A redirect status with no Location: ``redirect`` with that status, not a record."""
    error = failure(server.url(f"/bare/{status}"), RedirectError)
    assert error.status == status
    assert error.message.endswith("without a Location")
    assert error.message.startswith(f"HTTP {status} ")


@pytest.mark.parametrize("path", ["/empty-location", "/blank-location"])
def test_empty_location_is_not_a_loop(server: Server, path: str) -> None:
    """An empty Location is a missing target, not a "redirect loop"."""
    error = failure(server.url(path), RedirectError)
    assert "without a Location" in error.message
    assert "loop" not in error.message
    assert error.status in (301, 302)
    assert server.paths() == [path]


@pytest.mark.parametrize(("path", "status"), [("/305", 305), ("/399", 399)])
def test_other_3xx_not_followed(server: Server, path: str, status: int) -> None:
    """305 Use Proxy and unassigned 3xx codes are not redirects we follow."""
    error = failure(server.url(path), RedirectError)
    assert error.status == status
    assert error.message.startswith(f"HTTP {status}")
    assert error.message.endswith("is not followed")
    assert server.paths() == [path]


@pytest.mark.parametrize(("path", "scheme"), [("/to-javascript", "javascript"),
                                              ("/to-data", "data")])
def test_non_http_location_named_as_such(server: Server, path: str, scheme: str) -> None:
    """``javascript:`` and ``data:`` targets are reported as non-http(s), with the scheme
    (httpx's own complaint about URL paths must not be what the user reads)."""
    error = failure(server.url(path), RedirectError)
    assert error.message == f"redirect to a non-http(s) URL ({scheme}:)"
    assert error.status in (301, 302)


@pytest.mark.parametrize("path", ["/to-empty-label", "/to-long-label"])
def test_location_with_bad_host_name(server: Server, path: str) -> None:
    """A Location whose host no resolver accepts is a bad redirect, refused unresolved
    (the loopback guard fails the test on any lookup of it)."""
    error = failure(server.url(path), RedirectError)
    assert error.message.startswith("redirect to an invalid URL")
    assert "label" in error.message
    assert server.paths() == [path]


# --- answers without content ------------------------------------------------------------


@pytest.mark.parametrize(("status", "phrase"), [(204, "No Content"), (205, "Reset Content"),
                                                (304, "Not Modified")])
def test_no_content_statuses_keep_their_status(server: Server, status: int,
                                               phrase: str) -> None:
    """204, 205 and 304 carry no page: ``http_status`` with the status, not a ``no_article``
    with ``status: null``."""
    error = failure(server.url(f"/empty/{status}"), HTTPStatusError)
    assert (error.kind, error.status, error.message) == (
        "http_status", status, f"HTTP {status} {phrase}: the answer holds no page")


def test_no_content_status_not_retried(server: Server) -> None:
    """The batch reports a 204 once, with its status, without retrying it."""
    url = server.url("/empty/204")
    sink = run_batch([url], retries=2, respect_robots=False)
    assert sink.records == []
    assert [(f.input, f.kind, f.status) for f in sink.failures] == [(url, "http_status", 204)]
    assert server.paths() == ["/empty/204"]


# --- content codings ---------------------------------------------------------------------


@pytest.mark.parametrize(("path", "coding"), [("/br", "br"), ("/zstd", "zstd"),
                                              ("/compress", "compress"),
                                              ("/gzip-twice", "gzip, gzip")])
def test_unrequested_coding_is_an_error(server: Server, path: str, coding: str) -> None:
    """A coding we did not ask for is refused, not passed on undecoded as the page's text."""
    error = failure(server.url(path), ContentEncodingError)
    assert error.kind == "network"
    assert error.status == 200
    assert error.message.startswith(f"unsupported Content-Encoding: {coding} ")
    assert server.requests[0].headers["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.parametrize("path", ["/identity-gzip", "/GZIP", "/identity"])
def test_identity_entries_and_case_are_ignored(server: Server, path: str) -> None:
    """``identity`` means nothing was applied, and codings are case-insensitive."""
    assert fetch(server.url(path)).html == PAGE


@pytest.mark.parametrize(("path", "coding"), [("/bad-gzip", "gzip"),
                                              ("/bad-deflate", "deflate")])
def test_corrupt_body_says_so(server: Server, path: str, coding: str) -> None:
    """Garbage under a gzip/deflate label: "corrupt … body", once (not retried)."""
    error = failure(server.url(path), ContentEncodingError)
    assert error.message.startswith(f"corrupt {coding} body (Content-Encoding: {coding}): ")
    assert error.status == 200
    sink = run_batch([server.url(path)], retries=2, respect_robots=False)
    assert [f.kind for f in sink.failures] == ["network"]
    assert server.paths().count(path) == 2  # the direct fetch and the batch's single try


def test_robots_in_an_unrequested_coding_means_no_rules(server: Server) -> None:
    """A robots.txt we cannot decode gives no rules (as a broken one does): pages are
    fetched."""
    server.routes["/robots.txt"] = respond(b"\x1b\x00garbage", content_type="text/plain",
                                           headers={"Content-Encoding": "br"})
    try:
        sink = run_batch([server.url("/article")])
    finally:
        del server.routes["/robots.txt"]
    assert [r.url for r in sink.records] == [server.url("/article")]


# --- feeds and XHTML served as XML -------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "mime", "root"),
    [("/xml/rss", "application/xml", "rss"), ("/xml/rss-text", "text/xml", "rss"),
     ("/xml/atom-generic", "application/xml", "feed"), ("/xml/sitemap", "text/xml", "urlset")],
)
def test_feed_served_as_generic_xml_is_not_html(server: Server, path: str, mime: str,
                                                root: str) -> None:
    """RSS, Atom and sitemaps under application/xml or text/xml are ``not_html``, naming
    the root element (they used to become records titled "Feed")."""
    error = failure(server.url(path), NotHTMLError)
    assert error.status == 200
    assert error.message == (f"not HTML (Content-Type: {mime}; the root element is "
                             f"<{root}>, not <html>)")


@pytest.mark.parametrize(("path", "root"), [("/xml/rss-typed", "rss"), ("/xml/atom", "feed")])
def test_feed_types_are_not_html(server: Server, path: str, root: str) -> None:
    """The feed media types themselves are ``not_html`` too."""
    error = failure(server.url(path), NotHTMLError)
    assert f"the root element is <{root}>" in error.message


def test_empty_xml_is_not_html(server: Server) -> None:
    """An XML type with no root element at all is no page either."""
    error = failure(server.url("/xml/empty"), NotHTMLError)
    assert error.message.endswith("no root element was found, not <html>)")


@pytest.mark.parametrize("path", ["/xml/xhtml", "/xml/xhtml-text", "/xhtml"])
def test_xhtml_is_a_page_whatever_its_xml_type(server: Server, path: str) -> None:
    """XHTML (root ``<html>``) served as application/xml, text/xml or application/xhtml+xml
    is fetched as a page."""
    assert fetch(server.url(path)).html == XHTML


@pytest.mark.parametrize("path", ["/xml/xhtml-utf16", "/xml/xhtml-prefixed"])
def test_xhtml_root_found_in_utf16_and_with_a_prefix(server: Server, path: str) -> None:
    """The root is found in a UTF-16 document and under a namespace prefix (``h:html``)."""
    assert fetch(server.url(path)).status == 200


@pytest.mark.parametrize(
    ("body", "root"),
    [(b"<rss/>", "rss"), (b"\xef\xbb\xbf <?xml version='1.0'?><rdf:RDF/>", "rdf:RDF"),
     (b"<!DOCTYPE x [<!ELEMENT x ANY>]><x/>", "x"), (b"<!-- a > b --><html>", "html"),
     (b"plain text", None), (b"", None)],
)
def test_root_element(body: bytes, root: str | None) -> None:
    """The prolog (declaration, PIs, comments, DOCTYPE with a subset) is skipped."""
    from newsscrape.document.content_type import root_element

    assert root_element(body) == root


# --- the site unreachable while asking for robots.txt ------------------------------------


def test_refused_connection_reads_as_network_failure_not_robots() -> None:
    """Nothing listening: robots.txt is asked first and fails, and the input's error says
    the connection was refused (kind ``network``), not that robots.txt is the problem."""
    url = f"http://127.0.0.1:{closed_port()}/story"
    sink = run_batch([url, url + "?2"])  # robots.txt obeyed (the default)
    assert sink.records == []
    assert len(sink.failures) == 2
    for error in sink.failures:
        assert error.kind == "network"
        assert error.status is None
        assert "Connection refused" in error.message
        assert not error.message.startswith("robots.txt")
        assert error.message.endswith("(on robots.txt, fetched before the page)")


def test_unreachable_robots_keeps_the_failure_kind() -> None:
    """DNS failures, timeouts and refusals of the address policy keep their own kind and
    message first; robots.txt is only named as the request that met them."""
    from newsscrape.errors import BlockedError, FetchError, FetchTimeoutError
    from newsscrape.fetcher.robots import robots_from_failure

    for exc in (FetchError("ConnectError: cannot resolve news.invalid: [Errno -2] "
                           "Name or service not known"),
                FetchTimeoutError("no complete answer within 3 s"),
                BlockedError("169.254.169.254: link-local address refused")):
        robots = robots_from_failure(exc)
        with pytest.raises(NewsscrapeError) as caught:
            robots.check("http://news.invalid/story", "newsscrape")
        assert type(caught.value) is type(exc)
        assert caught.value.message.startswith(exc.message)
        assert "robots.txt" in caught.value.message


def test_link_local_input_blocked_as_itself() -> None:
    """A link-local input is ``blocked`` naming the address, not "robots.txt: …" (the
    policy refuses before any connection, so nothing leaves the machine)."""
    url = "http://169.254.169.254/latest/meta-data/"
    sink = run_batch([url])
    (error,) = sink.failures
    assert error.kind == "blocked"
    assert error.message.startswith("169.254.169.254: link-local address refused")


# --- invalid input URLs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://a..b/", "empty label"),
     (f"http://{'a' * 300}.com/", "longer than 63"),
     (f"https://{'a' * 64}.example/x", "longer than 63"),
     ("http://.example.com/", "empty label"),
     ("http://" + "abcdefghi." * 26 + "com/", "longer than 253")],
)
def test_input_with_bad_host_name_is_invalid_url(url: str, reason: str) -> None:
    """An input URL whose host name cannot be resolved by construction is ``invalid_url``
    (it used to be reported as a redirect, though no redirect happened)."""
    error = failure(url, InvalidURLError)
    assert reason in error.message
    assert error.status is None


def test_host_name_limits_accepted() -> None:
    """63-character labels, a trailing dot and a 253-character name are all fine."""
    assert len("abcdefghi." * 24 + "abcdefghijklm") == 253
    from newsscrape.fetcher.client import check_url

    for url in (f"http://{'a' * 63}.example/", "http://example.com./",
                "http://" + "abcdefghi." * 24 + "abcdefghijklm/"):
        assert check_url(url) == url
