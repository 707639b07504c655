"""Test sites on distinct loopback addresses (127.0.0.x), each a ``httpserver.Server``
whose article routes log when each request arrived, for per-site spacing checks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from httpserver import Gauge, Server, _Handler, _Server, gauged, respond

ARTICLE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>"
           + "The harbour council voted to rebuild the old pier before the summer. " * 5
           + "</p></article></body></html>")


class Site(Server):
    """A ``Server`` listening on ``host`` (any 127.0.0.0/8 address) instead of 127.0.0.1."""

    def __init__(self, host: str, pages: int) -> None:
        self.gauge = Gauge()
        routes = {f"/story/{i}": gauged(self.gauge, respond(ARTICLE.format(title=f"Story {i}")))
                  for i in range(pages)}
        super().__init__(routes)
        self._httpd.server_close()
        self._httpd = _Server((host, 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self.host = host
        self.pages = pages

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def urls(self) -> list[str]:
        """Every article URL, plus one that answers 404."""
        return [self.url(f"/story/{i}") for i in range(self.pages)] + [self.url("/missing")]


@contextmanager
def sites(*hosts: str, pages: int = 4) -> Iterator[list[Site]]:
    """Running sites, one per host."""
    with ExitStack() as stack:
        yield [stack.enter_context(Site(host, pages)) for host in hosts]


def assert_spaced(site: Site, delay: float) -> None:
    """The site's article requests did not come faster than one per ``delay`` seconds
    (judged on the whole span, with slack for a late first arrival on a busy machine)."""
    starts = sorted(site.gauge.starts)
    assert len(starts) == site.pages, starts
    assert starts[-1] - starts[0] >= (len(starts) - 1) * delay * 0.9, starts
