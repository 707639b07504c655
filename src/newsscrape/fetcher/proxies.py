"""Proxies from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``),
read as httpx reads them.

httpx ignores the environment's proxies as soon as a client is given its own transport,
which ours always is (the address policy lives there). So the rules of httpx's
``get_environment_proxies`` are applied here (curl's reading of ``NO_PROXY``: a name
covers its subdomains, ``*`` turns proxies off), and each pattern gets a transport of
its own, mounted on the client: a proxy's for proxied patterns, the direct one for
``NO_PROXY`` entries.

Through a proxy the proxy connects, so the address policy is applied where we do: to
the proxy's own address (a link-local proxy is refused unless ``--allow-private``), and
to a URL naming a literal IP address; the names behind it are resolved by the proxy.
"""

from __future__ import annotations

import ipaddress
from urllib.request import getproxies

import httpcore
import httpx

from newsscrape.errors import ArgumentError
from newsscrape.fetcher.safety import GuardedBackend

SCHEMES = ("http", "https")
"""Proxy URL schemes we can connect through (SOCKS needs a package we do not ship)."""


def environment_proxies() -> dict[str, str | None]:
    """URL pattern -> proxy URL (or None: connect directly), from the environment.

    ``ArgumentError`` names the variable of a proxy we cannot use (``socks5://...``).
    """
    found = getproxies()
    mounts: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        if found.get(scheme):
            url = found[scheme] if "://" in found[scheme] else f"http://{found[scheme]}"
            _check_proxy(f"{scheme.upper()}_PROXY", url)
            mounts[f"{scheme}://"] = url
    for host in (h.strip() for h in found.get("no", "").split(",")):
        if host == "*":
            return {}
        if host:
            mounts[_no_proxy_pattern(host)] = None
    return mounts if any(mounts.values()) else {}


def _check_proxy(variable: str, url: str) -> None:
    try:
        scheme = httpx.URL(url).scheme
    except httpx.InvalidURL as exc:
        raise ArgumentError(variable, f"not a proxy URL: {url!r} ({exc})") from exc
    if scheme not in SCHEMES:
        raise ArgumentError(variable, f"{scheme}:// proxies are not supported (only "
                            "http:// and https:// proxies are)")


def _no_proxy_pattern(host: str) -> str:
    """The mount pattern of one ``NO_PROXY`` entry, as httpx makes it."""
    if "://" in host:
        return host
    try:
        address = ipaddress.ip_address(host.split("/")[0])
    except ValueError:
        if host.lower() == "localhost":
            return f"all://{host}"
        return f"all://*{host}"
    return f"all://[{host}]" if address.version == 6 else f"all://{host}"


class ProxyTransport(httpx.AsyncHTTPTransport):
    """httpx's proxy transport, connecting to the proxy through ``GuardedBackend`` (so
    the address policy sees the proxy's address), as ``GuardedTransport`` does directly.
    """

    def __init__(self, proxy_url: str, *, backend: GuardedBackend, limits: httpx.Limits,
                 verify: object) -> None:
        super().__init__(limits=limits, verify=verify)  # type: ignore[arg-type]
        proxy = httpx.Proxy(proxy_url)
        self._pool = httpcore.AsyncHTTPProxy(
            proxy_url=httpcore.URL(scheme=proxy.url.raw_scheme, host=proxy.url.raw_host,
                                   port=proxy.url.port, target=proxy.url.raw_path),
            proxy_auth=proxy.raw_auth,
            proxy_headers=proxy.headers.raw,
            proxy_ssl_context=proxy.ssl_context,
            ssl_context=self._pool._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )
