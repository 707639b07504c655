"""One frozen object for every knob, built by the CLI or by library users."""

from __future__ import annotations

from dataclasses import dataclass

from newsscrape import __version__

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_USER_AGENT = (
    f"newsscrape/{__version__} (+https://github.com/newsscrape/newsscrape; news article extractor)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Settings shared by every stage; the defaults are what the CLI uses."""

    timeout: float = 30.0
    """Deadline in seconds for one whole request: connect, redirects and body."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Cap on the decompressed body size."""
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    tz: str | None = None
    """IANA zone assumed for timestamps that state no offset; None keeps them naive."""
    provenance: bool = False
    """Add a ``provenance`` object saying where each metadata value came from."""
