"""Download one page politely and defensively with an httpx ``AsyncClient``.

The client is passed in (tests hand over one with a ``MockTransport`` or point it
at a local server). Redirects are followed here, one hop at a time, so each
``Location`` is checked: only http(s), bounded in number, no loops; a 3xx that
cannot be followed (no Location, 305) is a ``RedirectError``, never a page. The whole
request (connect, every redirect hop, the body) runs under one deadline, and the
body is counted after decompression while it streams, so an endless chunked body
or a gzip bomb is cut off as soon as it passes the cap.
"""

from __future__ import annotations

import asyncio
import functools
import re
import zlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import IO
from urllib.parse import urljoin, urlsplit

import httpx

from newsscrape.document.content_type import media_type, type_problem, xml_root_problem
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
from newsscrape.fetcher.retry import parse_retry_after
from newsscrape.fetcher.safety import Chain, current_chain
from newsscrape.fetcher.transports import (
    TransportFactory,
    extend_deadline,
    request_deadline,
    ssl_context,
)
from newsscrape.options import FetchOptions
from newsscrape.record import Page

Hop = Callable[[str], Awaitable[None]]
"""Called with each redirect target's URL before it is requested (the batch checks that
origin's robots.txt there); raises to refuse it."""
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: crawlers must read at least 500 KiB

_HTTPX_BAD_LOCATION = "Invalid URL in location header"
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
"""Redirects httpx parses the Location of."""
_FOLLOWED_CODES = _REDIRECT_CODES | {300}
"""Redirects followed: a 300 Multiple Choices names its preferred choice in Location
(RFC 9110 15.4.1), which browsers follow; without one there is nothing to follow."""
_NO_PAGE_CODES = frozenset({204, 205, 304})
"""Answers that carry no content (RFC 9110): ``http_status`` errors, keeping the status."""
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_SCHEMELESS = re.compile(r"(?:localhost|[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\.?"
                         r"|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)
"""``example.com/story``, ``www.example.co.uk``, ``localhost:8080/x``, ``10.0.0.5/a``: an
address whose scheme was left out."""
# zlib window bits: gzip wrapper, or zlib/raw deflate (47 = auto-detect gzip or zlib).
_ZLIB_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 47}


def check_url(url: str) -> str:
    """Return ``url`` stripped if it is an absolute http(s) URL with a host, else raise."""
    return _checked(url)[0]


def parse_url(url: str) -> httpx.URL:
    """``url`` checked (``InvalidURLError`` if it cannot be fetched), as httpx parses it."""
    return _checked(url)[1]


def _checked(url: str) -> tuple[str, httpx.URL]:
    """``check_url``, plus httpx's parse of the URL (reused for the request: parsing
    a URL is a noticeable share of the CPU a page costs)."""
    candidate = url.strip()
    undecodable = _UNDECODABLE.findall(candidate)
    if undecodable:  # bytes of a list that were not UTF-8 (kept by surrogateescape)
        shown = " ".join(f"\\x{ord(c) - 0xDC00:02x}" for c in dict.fromkeys(undecodable))
        raise InvalidURLError(f"not UTF-8 text: the byte{'s' if len(undecodable) > 1 else ''} "
                              f"{shown} cannot be read as part of a URL")
    try:
        parts = urlsplit(candidate)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError as exc:
        raise InvalidURLError(f"not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        hint = _scheme_hint(candidate)
        raise InvalidURLError(hint or "only http and https URLs can be fetched")
    if not parts.hostname or not port_ok or any(c.isspace() for c in candidate):
        raise InvalidURLError("not a valid URL")
    try:  # what httpx itself rejects: control characters, bad IPv4 or IDNA hosts
        parsed = httpx.URL(candidate)
        _ = parsed.host
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise InvalidURLError(f"not a valid URL: {exc}") from exc
    problem = _host_problem(parsed.raw_host.decode("ascii", "replace"))
    if problem:
        raise InvalidURLError(f"not a valid URL: {problem}")
    return candidate, parsed


def _scheme_hint(candidate: str) -> str | None:
    """``no scheme; did you mean https://example.com/story?`` for an address written
    without its scheme (a host name with a dot, or localhost, and maybe a port)."""
    if "://" in candidate or candidate.startswith("//"):
        return None
    if not _SCHEMELESS.match(candidate):
        return None
    return f"no scheme; did you mean https://{candidate}?"


def _host_problem(host: str) -> str | None:
    """What the resolver would refuse in an (ASCII, IDNA-encoded) host name, or None.

    httpx passes ASCII names through unchecked, and the system resolver then fails
    with a ``UnicodeError`` (``a..b``, a 64-character label) or a DNS error (a name
    over 253 characters), which would read as a network failure.
    """
    if ":" in host:  # an IPv6 literal, checked by httpx
        return None
    name = host[:-1] if host.endswith(".") else host
    if any(not 0 < len(label) < 64 for label in name.split(".")):
        return "host name with an empty label or one longer than 63 characters"
    if len(name) > 253:
        return "host name longer than 253 characters"
    return None


def make_client(options: FetchOptions, *, transport: httpx.AsyncBaseTransport | None = None,
                mounts: dict[str, httpx.AsyncBaseTransport | None] | None = None,
                ) -> httpx.AsyncClient:
    """An AsyncClient set up the way ``fetch_page`` expects (no auto-redirects).

    Without ``transport`` it gets the address-checking one (``fetch.safety``) and the
    environment's proxies (``fetch.proxies``) as ``mounts``.
    """
    if transport is None:
        factory = TransportFactory(options)
        transport, mounts = factory.transport(), factory.mounts()
    return httpx.AsyncClient(
        follow_redirects=False,
        timeout=httpx.Timeout(options.timeout),
        headers=default_headers(options),
        verify=ssl_context(),
        transport=transport,
        mounts=mounts or None,
        event_hooks={"response": [_check_location]},
    )


async def _check_location(response: httpx.Response) -> None:
    """Refuse a redirect's bad Location before httpx parses it for ``next_request``.

    httpx's own failure there (``javascript:alert(1)`` gives "For absolute URLs, path
    must be empty or begin with '/'") would say nothing useful about the redirect.
    """
    if response.status_code in _REDIRECT_CODES and "location" in response.headers:
        location = response.headers["location"].strip()
        if location:
            _target(str(response.request.url), location, response.status_code)


@functools.lru_cache(maxsize=16)
def _request_headers(options: FetchOptions) -> dict[str, str]:
    """``default_headers``, built once per options object (sent with every request)."""
    return default_headers(options)


def default_headers(options: FetchOptions) -> dict[str, str]:
    """Request headers: an honest User-Agent and a preference for HTML."""
    return {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }


async def fetch_page(client: httpx.AsyncClient, url: str, options: FetchOptions, *,
                     before_hop: Hop | None = None, keep_bodies: bool = False,
                     decode: bool = True) -> Page:
    """Fetch ``url`` and return the decoded page; raise a ``FetchError`` on failure.

    ``before_hop`` is awaited with each redirect target before it is requested. With
    ``keep_bodies`` (``--warc``) the bodies of answers that are no page (redirects,
    errors, other types) are read too, up to ``max_bytes``, so the archive holds them.
    With ``decode`` off the page keeps its bytes undecoded (``Page.body``).
    """
    async with _request(client, url, options, before_hop, keep_bodies) as (response, final):
        return await _read_page(response, url, final, options, keep_bodies, decode)


async def fetch_robots(client: httpx.AsyncClient, url: str, options: FetchOptions, *,
                       keep_bodies: bool = False) -> tuple[int, bytes]:
    """Fetch a robots.txt (redirects followed, any type): its status and capped body.

    A 4xx/5xx status is returned, not raised: robots rules treat them differently.
    """
    async with _request(client, url, options, None, keep_bodies) as (response, _):
        if response.status_code >= 400:
            if keep_bodies:
                await _drain(response, options.max_bytes)
            return response.status_code, b""
        return response.status_code, await _read_capped(response, ROBOTS_MAX_BYTES,
                                                        truncate=True)


@asynccontextmanager
async def _request(client: httpx.AsyncClient, url: str, options: FetchOptions,
                   before_hop: Hop | None, keep_bodies: bool,
                   headers: dict[str, str] | None = None,
                   ) -> AsyncIterator[tuple[httpx.Response, str]]:
    """The open final response (after redirects) and its URL, all under one deadline.

    The address policy's per-request chain is set for the whole exchange, and the
    deadline covers connecting, every redirect hop and whatever the caller reads (not
    the waits for politeness, which push it back: ``transports.extend_deadline``).
    ``headers`` are sent on top of the usual ones, on every hop.
    """
    target, parsed = _checked(url)
    token = current_chain.set(Chain(allow_private=options.allow_private))
    try:
        async with asyncio.timeout(options.timeout) as deadline:
            deadline_token = request_deadline.set(deadline)
            try:
                response, final = await _follow(client, target, options, parsed,
                                                before_hop, keep_bodies, headers)
                try:
                    yield response, final
                finally:
                    await response.aclose()
            finally:
                request_deadline.reset(deadline_token)
    except TimeoutError as exc:
        raise FetchTimeoutError(f"no complete answer within {options.timeout:g} s") from exc
    finally:
        current_chain.reset(token)


async def _follow(client: httpx.AsyncClient, target: str, options: FetchOptions,
                  parsed: httpx.URL, before_hop: Hop | None, keep_bodies: bool,
                  headers: dict[str, str] | None = None) -> tuple[httpx.Response, str]:
    """Send GETs along the redirects; the open last response (never a 3xx but 304) and
    its URL. A 3xx that cannot be followed is a ``RedirectError`` carrying its status."""
    seen = {target}
    url: httpx.URL | str = parsed
    status = 0
    sent = {**_request_headers(options), **headers} if headers else _request_headers(options)
    for hop in range(options.max_redirects + 1):
        if hop and before_hop is not None:
            loop = asyncio.get_running_loop()
            start = loop.time()
            await before_hop(target)
            extend_deadline(loop.time() - start)
        request = client.build_request("GET", url, headers=sent)
        response = await _send(client, request)
        status = response.status_code
        if not 300 <= status < 400 or status == 304:
            return response, target
        try:
            if keep_bodies:
                await _drain(response, options.max_bytes)
            target = url = _next_hop(target, response, seen)
        finally:
            await response.aclose()
    raise RedirectError(f"more than {options.max_redirects} redirects", status=status)


async def _drain(response: httpx.Response, cap: int) -> None:
    """Read (and drop) a body that is no page, up to ``cap`` bytes, for the archive."""
    read = 0
    try:
        async for chunk in response.aiter_raw():
            read += len(chunk)
            if read > cap:
                return
    except httpx.HTTPError:
        return  # the archive marks it cut short; the answer's status is what counts


def _next_hop(current: str, response: httpx.Response, seen: set[str]) -> str:
    """The URL a 3xx response sends us to, if it may be followed."""
    status = response.status_code
    phrase = f"HTTP {status} {response.reason_phrase}".strip()
    if status not in _FOLLOWED_CODES:  # 305 Use Proxy, 306, unassigned 3xx
        raise RedirectError(f"{phrase} is not followed", status=status)
    location = response.headers.get("location", "").strip()
    if not location:
        raise RedirectError(f"{phrase} without a Location", status=status)
    nxt = _target(current, location, status)
    if nxt in seen:
        raise RedirectError("redirect loop", status=status)
    seen.add(nxt)
    return nxt


def _target(current: str, location: str, status: int) -> str:
    """The checked absolute URL of a (non-empty) Location, else a ``RedirectError``."""
    try:
        nxt = _resolve(current, location)
        scheme = urlsplit(nxt).scheme.lower()
    except ValueError as exc:
        raise RedirectError(f"redirect to an invalid URL ({exc})", status=status) from exc
    if scheme not in ("http", "https"):
        raise RedirectError(f"redirect to a non-http(s) URL ({scheme or 'no scheme'}:)",
                            status=status)
    try:
        return check_url(nxt)
    except InvalidURLError as exc:
        raise RedirectError(f"redirect to an invalid URL ({exc.message})",
                            status=status) from exc


def _resolve(current: str, location: str) -> str:
    """Resolve ``location`` against ``current``; one with a scheme is absolute (RFC 3986),
    where urljoin would read ``http:///x`` as relative because the scheme matches."""
    return location if urlsplit(location).scheme else urljoin(current, location)


async def _send(client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    try:
        return await client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError(f"timed out: {type(exc).__name__}") from exc
    except httpx.UnsupportedProtocol as exc:
        raise InvalidURLError(str(exc)) from exc
    except (httpx.InvalidURL, UnicodeError) as exc:
        # httpx parses a redirect's Location even when not following it (for
        # ``response.next_request``); the request URL itself was checked already, and
        # ``make_client``'s hook refuses a bad Location first, with a clearer message.
        raise RedirectError(f"redirect to an invalid URL ({exc})") from exc
    except httpx.RemoteProtocolError as exc:
        if str(exc).startswith(_HTTPX_BAD_LOCATION):  # the same, as httpx words it
            raise RedirectError(f"redirect to an invalid URL ({exc})") from exc
        raise FetchError(f"RemoteProtocolError: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) \
            from exc


async def _read_page(response: httpx.Response, given: str, final: str, options: FetchOptions,
                     keep_bodies: bool, decode: bool) -> Page:
    status = response.status_code
    content_type = response.headers.get("content-type", "")
    mime = media_type(content_type)
    problem = _no_page(response, mime)
    if problem is not None:
        if keep_bodies:
            await _drain(response, options.max_bytes)
        raise problem
    body = await _read_capped(response, options.max_bytes)
    xml_problem = xml_root_problem(mime, body)  # a feed or sitemap served as XML
    if xml_problem:
        raise NotHTMLError(xml_problem, status=status)
    page = Page(
        url=given,
        html="",
        body=body,
        final_url=final,
        status=status,
        fetched_at=answered_at(response),
        headers={k.lower(): v for k, v in response.headers.items()},
        source=given,
    )
    return decoded(page) if decode else page


def _no_page(response: httpx.Response, mime: str) -> NewsscrapeError | None:
    """Why an answer holds no page to read, judged by its status and type alone."""
    status = response.status_code
    if status >= 400:
        return HTTPStatusError(f"HTTP {status} {response.reason_phrase}".strip(), status=status,
                               retry_after=parse_retry_after(response.headers.get("retry-after")))
    if status in _NO_PAGE_CODES:  # by definition no body: not a page without an article
        return HTTPStatusError(f"HTTP {status} {response.reason_phrase}".strip()
                               + ": the answer holds no page", status=status)
    problem = type_problem(mime)
    return NotHTMLError(problem, status=status) if problem else None


def answered_at(response: httpx.Response) -> str:
    """When the origin answered, UTC ISO 8601: now, or for an answer the cache served
    without asking the origin, the time the origin gave it (its ``Date``)."""
    caching = response.extensions.get("caching") or {}
    if caching.get("from_cache") and not caching.get("revalidated"):
        try:
            date = parsedate_to_datetime(response.headers.get("date", ""))
        except (TypeError, ValueError, IndexError):
            date = None
        if date is not None:
            date = date if date.tzinfo else date.replace(tzinfo=UTC)
            return date.astimezone(UTC).isoformat(timespec="seconds")
    return datetime.now(UTC).isoformat(timespec="seconds")


async def _read_capped(response: httpx.Response, max_bytes: int, *,
                       truncate: bool = False) -> bytes:
    """The whole decompressed body, read as ``_capped_chunks`` says."""
    body = bytearray()
    async with aclosing(_capped_chunks(response, max_bytes, truncate=truncate)) as chunks:
        async for chunk in chunks:
            body += chunk
    return bytes(body)


async def _capped_chunks(response: httpx.Response, max_bytes: int, *,
                         truncate: bool = False) -> AsyncGenerator[bytes, None]:
    """The decompressed body in chunks, stopping as soon as it exceeds ``max_bytes``.

    Over the cap: ``TooLargeError``, or with ``truncate`` the first ``max_bytes``. A body
    in a coding we did not ask for (``br``, stacked codings) or one that does not inflate
    is a ``ContentEncodingError``: passing it on undecoded would make text of its bytes.
    """
    declared = response.headers.get("content-length", "").strip()
    coding = _content_coding(response)
    if not truncate and declared.isdigit() and not coding and int(declared) > max_bytes:
        raise TooLargeError(f"body of {declared} bytes exceeds the {max_bytes}-byte cap",
                            status=response.status_code)
    total = 0
    try:
        async with aclosing(_decoded_chunks(response, coding, max_bytes)) as chunks:
            async for chunk in chunks:
                total += len(chunk)
                if total > max_bytes:
                    if truncate:
                        yield chunk[:len(chunk) - (total - max_bytes)]
                        return
                    raise TooLargeError(f"body exceeds the {max_bytes}-byte cap",
                                        status=response.status_code)
                yield chunk
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError(f"timed out reading the body: {type(exc).__name__}") from exc
    except zlib.error as exc:
        raise ContentEncodingError(f"corrupt {coding} body (Content-Encoding: {coding}): {exc}",
                                   status=response.status_code) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__} while reading the body") from exc


def _content_coding(response: httpx.Response) -> str:
    """The one content coding to undo ("" for none); raise if it is not one we asked for.

    ``identity`` entries mean nothing was applied. Only gzip and deflate are accepted
    (what ``default_headers`` asks for, and what can be inflated under the cap).
    """
    header: str = response.headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in header.split(",")]
    codings = [c for c in codings if c not in ("", "identity")]
    if not codings:
        return ""
    if len(codings) == 1 and codings[0] in _ZLIB_WBITS:
        return codings[0]
    raise ContentEncodingError(
        f"unsupported Content-Encoding: {header.strip()} (only gzip and deflate are "
        "requested and decoded)", status=response.status_code)


async def _decoded_chunks(
    response: httpx.Response, coding: str, max_bytes: int
) -> AsyncGenerator[bytes, None]:
    """Yield decompressed body chunks, never inflating more than the cap at once.

    httpx would inflate each network chunk whole (a 64 KiB chunk of a gzip bomb
    becomes ~64 MiB); for gzip and deflate we inflate with ``max_length`` instead.
    """
    if not coding:  # (aiter_bytes, unlike aiter_raw, also serves an already-read body)
        async for chunk in response.aiter_bytes():
            yield chunk
        return
    inflater = zlib.decompressobj(_ZLIB_WBITS[coding])
    limit = max_bytes + 1
    first = True
    async for raw in response.aiter_raw():
        if first and coding == "deflate":
            inflater = _deflate_inflater(raw)
        first = False
        data = inflater.decompress(raw, limit)
        yield data
        while inflater.unconsumed_tail:
            data = inflater.decompress(inflater.unconsumed_tail, limit)
            yield data
    yield inflater.flush()


def _deflate_inflater(head: bytes) -> zlib._Decompress:
    """``deflate`` should be zlib-wrapped, but some servers send raw deflate (as httpx allows)."""
    try:
        zlib.decompressobj(_ZLIB_WBITS["deflate"]).decompress(head[:64], 1)
    except zlib.error:
        return zlib.decompressobj(-zlib.MAX_WBITS)
    return zlib.decompressobj(_ZLIB_WBITS["deflate"])


# --- resources: feeds, sitemaps, home pages (``newsscrape discover`` and ``watch``) ------

RESOURCE_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
                   "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")


@dataclass(frozen=True, slots=True)
class Resource:
    """A downloaded feed, sitemap or page: where it ended and what the server said."""

    url: str
    final_url: str
    status: int
    """The final status: 2xx, or 304 when a conditional request found it unchanged."""
    headers: dict[str, str]
    """Response headers, names in lower case."""
    size: int
    """Bytes written (after undoing the Content-Encoding)."""


async def download(client: httpx.AsyncClient, url: str, options: FetchOptions,
                   sink: IO[bytes], *, headers: dict[str, str] | None = None,
                   before_hop: Hop | None = None, keep_bodies: bool = False) -> Resource:
    """Write ``url``'s body into ``sink``, whatever its Content-Type, under the same
    deadline, redirect rules, address policy and size cap as a page.

    ``headers`` are added to the request (``If-None-Match`` and ``If-Modified-Since`` for
    conditional requests). A 4xx/5xx answer, and 204/205, raise ``HTTPStatusError``; a
    304 returns with nothing written. ``before_hop`` and ``keep_bodies`` as for
    ``fetch_page``.
    """
    sent = {"Accept": RESOURCE_ACCEPT, **(headers or {})}
    async with _request(client, url, options, before_hop, keep_bodies,
                        sent) as (response, final):
        status = response.status_code
        if status >= 400 or status in (204, 205):
            if keep_bodies:
                await _drain(response, options.max_bytes)
            raise HTTPStatusError(f"HTTP {status} {response.reason_phrase}".strip(),
                                  status=status, retry_after=parse_retry_after(
                                      response.headers.get("retry-after")))
        size = 0
        if status != 304:
            async with aclosing(_capped_chunks(response, options.max_bytes)) as chunks:
                async for chunk in chunks:
                    sink.write(chunk)
                    size += len(chunk)
        return Resource(url=url, final_url=final, status=status, size=size,
                        headers={k.lower(): v for k, v in response.headers.items()})
