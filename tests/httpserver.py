"""A small real HTTP server on 127.0.0.1 for the fetcher tests, with misbehaving routes.

``Server`` runs a ``ThreadingHTTPServer`` on port 0 in a background thread. Routes
are plain functions ``(Exchange) -> None`` looked up by path (query string ignored);
the helpers below build the usual ones (a fixed answer, a redirect, a slow answer, a
trickling body, an endless chunked body, a streamed gzip body). Every response
closes its connection, so no handler thread outlives its request, and every slow
route stops as soon as the server is shutting down, so ``stop()`` returns promptly.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Headers = dict[str, str]


@dataclass
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: Headers


@dataclass
class Exchange:
    """What a route gets: the request, a way to answer, and the server's stop signal."""

    handler: BaseHTTPRequestHandler
    stopping: threading.Event
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)

    def arg(self, name: str, default: str) -> str:
        """A query-string parameter."""
        return self.query.get(name, [default])[0]

    def start(self, status: int, headers: Headers | None = None) -> None:
        """Send the status line and headers (the connection always closes afterwards);
        a ``Date`` among ``headers`` replaces the server's own."""
        if "Date" in (headers or {}):
            self.handler.send_response_only(status)
            self.handler.send_header("Server", self.handler.version_string())
        else:
            self.handler.send_response(status)
        for name, value in (headers or {}).items():
            self.handler.send_header(name, value)
        self.handler.send_header("Connection", "close")
        self.handler.end_headers()

    def write(self, data: bytes) -> None:
        """Send raw body bytes now."""
        self.handler.wfile.write(data)
        self.handler.wfile.flush()

    def write_chunk(self, data: bytes) -> None:
        """Send one chunk of a ``Transfer-Encoding: chunked`` body (empty data ends it)."""
        self.write(f"{len(data):x}\r\n".encode("ascii") + data + b"\r\n")

    def sleep(self, seconds: float) -> bool:
        """Wait; False if the server began shutting down meanwhile."""
        return not self.stopping.wait(seconds)


Route = Callable[[Exchange], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked bodies need 1.1; every answer says close
    server: _Server

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def _serve(self, method: str) -> None:
        self.close_connection = True
        parts = urlsplit(self.path)
        self.server.owner.record(Seen(method, self.path, dict(self.headers.items())))
        route = self.server.owner.routes.get(parts.path, not_found)
        exchange = Exchange(self, self.server.owner.stopping, parts.path, parse_qs(parts.query))
        with contextlib.suppress(OSError):  # the client hung up (as on a cut-off body)
            route(exchange)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True  # server_close() joins every handler thread
    owner: Server

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-request is expected here; anything else is printed."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class Server:
    """A threaded HTTP server on 127.0.0.1 with a route table and a request log."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.stopping = threading.Event()
        self._seen: list[Seen] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        """An absolute URL on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def record(self, seen: Seen) -> None:
        """Log one received request (called from handler threads)."""
        with self._lock:
            self._seen.append(seen)

    @property
    def requests(self) -> list[Seen]:
        """Every request received so far, in arrival order."""
        with self._lock:
            return list(self._seen)

    def clear(self) -> None:
        """Forget the requests received so far."""
        with self._lock:
            self._seen.clear()

    def paths(self) -> list[str]:
        """The paths (with query) requested so far."""
        return [seen.path for seen in self.requests]

    def start(self) -> Server:
        """Begin serving in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop slow routes, stop accepting, join every thread, close the socket."""
        self.stopping.set()
        self._httpd.shutdown()
        self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- route builders --------------------------------------------------------------------


def not_found(ex: Exchange) -> None:
    """The default for unknown paths."""
    respond(b"<html><body><h1>Not Found</h1></body></html>", status=404)(ex)


def respond(body: bytes | str, *, status: int = 200, content_type: str | None = "text/html",
            headers: Headers | None = None, length: bool = True) -> Route:
    """A fixed answer. ``content_type=None`` sends no Content-Type at all."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(ex: Exchange) -> None:
        sent: Headers = {}
        if content_type is not None:
            sent["Content-Type"] = content_type
        if length:
            sent["Content-Length"] = str(len(data))
        sent.update(headers or {})
        ex.start(status, sent)
        if ex.handler.command != "HEAD":
            ex.write(data)

    return route


def redirect(location: str, status: int = 302) -> Route:
    """A redirect to ``location`` (sent verbatim, so it may be relative)."""
    return respond(b"", status=status, headers={"Location": location})


def countdown(prefix: str, final: str, status: int = 302) -> Route:
    """``prefix?n=N`` redirects to ``prefix?n=N-1`` ... and ``n=0`` to ``final``."""

    def route(ex: Exchange) -> None:
        n = int(ex.arg("n", "0"))
        redirect(f"{prefix}?n={n - 1}" if n > 0 else final, status)(ex)

    return route


def slow_start(seconds: float, then: Route) -> Route:
    """Say nothing for ``seconds`` (or until shutdown), then answer like ``then``."""

    def route(ex: Exchange) -> None:
        if ex.sleep(seconds):
            then(ex)

    return route


def trickle(interval: float = 0.2, total: float = 30.0) -> Route:
    """A 200 HTML answer whose body arrives one byte every ``interval`` s, for ``total`` s."""

    def route(ex: Exchange) -> None:
        count = int(total / interval)
        ex.start(200, {"Content-Type": "text/html", "Content-Length": str(count)})
        for _ in range(count):
            ex.write(b"x")
            if not ex.sleep(interval):
                return

    return route


def endless_chunked(chunk: bytes = b"<p>" + b"a" * 16_381 + b"</p>",
                    limit: int = 1 << 30, content_type: str = "text/html") -> Route:
    """A chunked body with no Content-Length that goes on (up to ``limit`` bytes)."""

    def route(ex: Exchange) -> None:
        ex.start(200, {"Content-Type": content_type, "Transfer-Encoding": "chunked"})
        sent = 0
        while sent < limit and not ex.stopping.is_set():
            ex.write_chunk(chunk)
            sent += len(chunk)
        ex.write_chunk(b"")

    return route


def streamed(pieces: Callable[[], Iterable[bytes]], headers: Headers, *,
             chunked: bool = True, status: int = 200) -> Route:
    """Send the bytes ``pieces()`` yields, as they come (chunked unless told otherwise)."""

    def route(ex: Exchange) -> None:
        ex.start(status, {**headers, **({"Transfer-Encoding": "chunked"} if chunked else {})})
        for piece in pieces():
            if ex.stopping.is_set():
                return
            if chunked:
                ex.write_chunk(piece)
            else:
                ex.write(piece)
        if chunked:
            ex.write_chunk(b"")

    return route


def slices(data: bytes | Callable[[], bytes], size: int = 16_384) -> Callable[[], Iterator[bytes]]:
    """``data`` (or what calling it returns, when first needed) in ``size``-byte pieces."""

    def pieces() -> Iterator[bytes]:
        whole = data if isinstance(data, bytes) else data()
        view = memoryview(whole)
        for start in range(0, len(whole), size):
            yield bytes(view[start:start + size])

    return pieces



class Gauge:
    """Counts requests in progress (thread-safe) and remembers the peak and start times."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.starts: list[float] = []

    def __enter__(self) -> Gauge:
        import time

        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.starts.append(time.monotonic())
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.active -= 1


def gauged(gauge: Gauge, then: Route) -> Route:
    """Answer like ``then`` while ``gauge`` counts the request as in progress."""

    def route(ex: Exchange) -> None:
        with gauge:
            then(ex)

    return route


def held(seconds: float, then: Route, *gauges: Gauge) -> Route:
    """Hold each request for ``seconds``, counted by each of ``gauges``, then answer like
    ``then``.

    The count ends before the answer is written: a client that has its answer may start
    its next request before this handler thread returns, and counting until then would
    see two requests where the client only ever had one (a race seen on a busy machine).
    """

    def route(ex: Exchange) -> None:
        with contextlib.ExitStack() as counting:
            for gauge in gauges:
                counting.enter_context(gauge)
            answering = ex.sleep(seconds)
        if answering:
            then(ex)

    return route


def sequence(*routes: Route) -> Route:
    """The first request gets ``routes[0]``, the next ``routes[1]``..., then the last forever
    (counted per path and query, so each URL has its own sequence)."""
    lock = threading.Lock()
    calls: dict[str, int] = {}

    def route(ex: Exchange) -> None:
        with lock:
            n = calls.get(ex.handler.path, 0)
            calls[ex.handler.path] = n + 1
        routes[min(n, len(routes) - 1)](ex)

    return route
