"""What one site is: the registrable domain of a host, so the ``www.`` and ``m.`` hosts
of a newsroom (``www.bbc.co.uk``, ``m.bbc.co.uk``) are one site, ``bbc.co.uk``.

The public suffix list is ``tld``'s bundled copy; it is never fetched from the network.
``discover`` keeps candidates on their input's site by this key (``discover.sites``), and
``--shard`` and ``spark-fetch`` put all of a site's URLs on one worker by it
(``batch.shard``), so per-site politeness holds without coordination.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=65536)
def site_key(host: str) -> str:
    """The site of a host: its registrable domain (``bbc.co.uk`` for ``news.bbc.co.uk``),
    lower case, in ASCII (IDNA) form; the host itself, without ``www.``, when it has none
    (IP addresses, ``localhost``, unknown suffixes)."""
    from tld import get_fld

    host = _ascii(host.lower().rstrip("."))
    return get_fld(host, fix_protocol=True, fail_silently=True) or host.removeprefix("www.")


def _ascii(host: str) -> str:
    """``bücher.de`` -> ``xn--bcher-kva.de``, so both spellings are one site."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
