"""The address policy against server-side request forgery (SSRF), checked where it counts.

A URL list is untrusted input: a public page may redirect to ``http://169.254.169.254/``
(a cloud metadata service) or to a host that *resolves* to ``10.0.0.5``. Looking at the
URL is not enough (DNS can say anything, and say it differently a second later), so the
decision is made on the IP address actually connected to:

* ``GuardedBackend`` (an httpcore network backend) resolves the host itself, asks
  ``decide`` about each address, and connects to a permitted *address*, so nothing can
  swap the address between the check and the connection. TLS still uses the hostname
  for SNI and certificate checks, and the Host header is untouched (httpcore passes
  the origin's name to ``start_tls`` separately).
* A kept-alive connection is reused without connecting, so ``PolicyTransport`` checks
  the classes of every address this run has connected to for the request's host
  before any request leaves (and resolves the host itself when a cache could answer
  without connecting at all).

The rule (``decide``): the first request of an input may reach private and loopback
addresses (the user named that host, and local use stays easy); once a chain has
reached a public address, a redirect into private, loopback or link-local space is
refused with kind ``blocked``; link-local addresses (169.254.0.0/16, fe80::/10, the
metadata services) are refused even as the input unless ``--allow-private``, which
lifts every restriction.
"""

from __future__ import annotations

import asyncio
import contextvars
import enum
import functools
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

import httpcore
import httpx

from newsscrape.errors import BlockedError
from newsscrape.fetcher.backend import AsyncioBackend

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


class AddressClass(enum.Enum):
    """Where an IP address lives, as far as the policy cares."""

    PUBLIC = "public"
    PRIVATE = "private"
    LOOPBACK = "loopback"
    LINK_LOCAL = "link-local"


def classify(address: str | IPAddress) -> AddressClass:
    """The class of one IP address (IPv4-mapped IPv6 addresses count as their IPv4)."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:  # 0.0.0.0 and :: reach this machine on Linux
        return AddressClass.LOOPBACK
    if ip.is_link_local:
        return AddressClass.LINK_LOCAL
    if not ip.is_global:  # RFC 1918, ULA, CGNAT, reserved, documentation ranges...
        return AddressClass.PRIVATE
    return AddressClass.PUBLIC


def decide(cls: AddressClass, *, reached_public: bool, allow_private: bool) -> str | None:
    """Why connecting to an address of class ``cls`` is refused, or None if it is allowed.

    ``reached_public`` says whether an earlier hop of the same request chain came
    from a public address: leaving public space is what a forged redirect does.
    """
    if allow_private or cls is AddressClass.PUBLIC:
        return None
    if cls is AddressClass.LINK_LOCAL:
        return "link-local address refused (metadata-service range); --allow-private allows it"
    if reached_public:
        return (f"redirect from a public address to a {cls.value} one refused; "
                "--allow-private allows it")
    return None


@dataclass
class Chain:
    """The policy state of one request chain (an input URL and its redirects)."""

    allow_private: bool = False
    reached_public: bool = False

    def check(self, classes: Iterable[AddressClass], host: str) -> None:
        """Raise ``BlockedError`` unless every class is allowed; note reaching public space."""
        for cls in classes:
            reason = decide(cls, reached_public=self.reached_public,
                            allow_private=self.allow_private)
            if reason is not None:
                raise BlockedError(f"{host}: {reason}")

    def connected(self, cls: AddressClass) -> None:
        """Remember that this chain reached an address of class ``cls``."""
        if cls is AddressClass.PUBLIC:
            self.reached_public = True


# The chain of the request being sent; ``fetch_page`` sets one per input. Outside it
# (a library user sending directly), each request counts as a first hop.
current_chain: contextvars.ContextVar[Chain | None] = contextvars.ContextVar(
    "newsscrape_chain", default=None)


def chain_for_request(allow_private: bool) -> Chain:
    """The current chain, or a fresh first-hop one."""
    return current_chain.get() or Chain(allow_private=allow_private)


@dataclass
class AddressBook:
    """The classes of every address connected to, per (host, port), shared by all clients."""

    seen: dict[tuple[str, int], set[AddressClass]] = field(default_factory=dict)

    def add(self, host: str, port: int, cls: AddressClass) -> None:
        """Record one connection."""
        self.seen.setdefault((host.lower(), port), set()).add(cls)

    def get(self, host: str, port: int) -> set[AddressClass]:
        """Classes of the connections (possibly pooled) open or opened to ``host:port``."""
        return self.seen.get((host.lower(), port), set())


async def system_resolve(host: str, port: int) -> list[str]:
    """The host's addresses, as the system resolver gives them (first preferred)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _literal_class(host: str) -> AddressClass | None:
    """The class of ``host`` if it is an IP address (asked on every request, so cached)."""
    literal = _literal(host)
    return None if literal is None else classify(literal)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve, check each address against the current chain, connect to a permitted one."""

    def __init__(self, *, allow_private: bool, book: AddressBook,
                 resolve: Resolver = system_resolve,
                 inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.allow_private = allow_private
        self.book = book
        self.resolve = resolve
        self.inner = inner or AsyncioBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        """Connect to the first permitted address of ``host``; refuse if none is."""
        chain = chain_for_request(self.allow_private)
        literal = _literal(host)
        addresses = [str(literal)] if literal else await self._resolve(host, port)
        refusal: BlockedError | None = None
        last_error: Exception | None = None
        for address in addresses:
            cls = classify(address)
            try:
                chain.check([cls], host)
            except BlockedError as exc:
                refusal = refusal or exc
                continue
            try:
                stream = await self.inner.connect_tcp(address, port, timeout, local_address,
                                                      socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
                continue
            self.book.add(host, port, cls)
            chain.connected(cls)
            return stream
        if last_error is not None:
            raise last_error
        raise refusal or httpcore.ConnectError(f"no address for {host}")

    async def _resolve(self, host: str, port: int) -> list[str]:
        try:
            return await self.resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        except UnicodeError as exc:  # a name the resolver cannot even encode ("a..b")
            raise httpcore.ConnectError(f"cannot resolve {host}: invalid host name") from exc

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:  # pragma: no cover
        """Unix sockets are never used for web URLs."""
        raise httpcore.ConnectError("unix sockets are not used")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the real backend."""
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport on a ``GuardedBackend``.

    httpx does not expose httpcore's ``network_backend``, so the pool is rebuilt with
    the same settings and the guarded backend (``_pool`` is the one private name used).
    """

    def __init__(self, *, backend: GuardedBackend, limits: httpx.Limits,
                 verify: object) -> None:
        super().__init__(limits=limits, verify=verify)  # type: ignore[arg-type]
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=self._pool._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class PolicyTransport(httpx.AsyncBaseTransport):
    """Check the chain against connections that may be reused, before anything is sent."""

    def __init__(self, inner: httpx.AsyncBaseTransport, *, backend: GuardedBackend,
                 may_answer_offline: bool = False) -> None:
        self.inner = inner
        self.backend = backend
        self.may_answer_offline = may_answer_offline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Refuse a request whose host is (or was) reached at a refused address."""
        chain = chain_for_request(self.backend.allow_private)
        host, port = request.url.host, request.url.port or _default_port(request.url.scheme)
        classes = set(self.backend.book.get(host, port))
        literal = _literal_class(host)
        if literal is not None:
            classes.add(literal)
        elif not classes and self.may_answer_offline:
            # A cached answer would not connect, so the backend would never check it.
            try:
                classes = {classify(a) for a in await self.backend.resolve(host, port)}
            except OSError as exc:
                raise httpx.ConnectError(f"cannot resolve {host}: {exc}", request=request) \
                    from exc
        chain.check(classes, host)
        for cls in classes:
            chain.connected(cls)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80
