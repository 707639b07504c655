"""The newsscrape error tree.

Every failure that a user can cause or meet is one of these, and each carries a
machine-readable ``kind`` that appears in ``--errors`` JSONL output::

    NewsscrapeError                    kind
    ├── InputError                     input         a file could not be read
    │   └── InvalidURLError            invalid_url   not an http(s) URL with a host
    ├── FetchError                     network       connection refused, DNS, TLS, reset
    │   ├── ContentEncodingError       network       the body arrived unusable: corrupt gzip/
    │   │                                            deflate, or a coding we did not ask for (br)
    │   ├── HTTPStatusError            http_status   a 4xx or 5xx answer, or one that holds no
    │   │                                            page (204, 205, 304); carries .status
    │   ├── FetchTimeoutError          timeout       the whole-request deadline passed
    │   ├── TooLargeError              too_large     body (decompressed) over --max-bytes
    │   ├── NotHTMLError               not_html      Content-Type is not HTML
    │   ├── RedirectError              redirect      loop, too many, to a non-http(s) or invalid
    │   │                                            URL, or a 3xx that cannot be followed (no
    │   │                                            Location, 305...); carries the 3xx status
    │   ├── RobotsError                robots        robots.txt disallows the URL (or is
    │   │                                            unreachable: 5xx, RFC 9309 says disallow)
    │   └── BlockedError               blocked       a redirect left public address space for
    │                                                a private/loopback one, or a link-local
    │                                                address (SSRF protection)
    ├── ExtractError                   no_article    the page holds no article text
    └── ArgumentError (ValueError)     argument      a library function was called with a
        └── ArgumentTypeError          argument      bad value (or, TypeError too, a value of
            (TypeError)                              the wrong type); names the argument

Library code raises these (wrapping the underlying exception with ``raise … from``);
the command line turns them into one stderr line and one ``--errors`` record.
"""

from __future__ import annotations

from typing import Any


class NewsscrapeError(Exception):
    """Base class: every expected failure in newsscrape."""

    kind: str = "error"

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

    def to_dict(self) -> dict[str, Any]:
        """The ``error`` object of an ``--errors`` line."""
        return {"kind": self.kind, "message": self.message, "status": self.status}


class InputError(NewsscrapeError):
    """An input (file, URL list) could not be read."""

    kind = "input"


class InvalidURLError(InputError):
    """The URL is not an absolute http(s) URL with a host."""

    kind = "invalid_url"


class FetchError(NewsscrapeError):
    """Downloading failed at the network level."""

    kind = "network"


class ContentEncodingError(FetchError):
    """The body cannot be decoded as sent: corrupt gzip/deflate data, or a Content-Encoding
    we did not ask for (``br``, ``zstd``, stacked codings). Not retried: the server would
    send the same bytes again."""


class HTTPStatusError(FetchError):
    """The server answered with a 4xx or 5xx status, or with a status that carries no
    content at all (204 No Content, 205 Reset Content, 304 Not Modified): there is no
    page to look for an article in, so these are not ``no_article``.

    ``retry_after`` is the server's ``Retry-After`` in seconds (None when absent), kept
    so the batch layer can wait as asked before retrying a 429 or 503.
    """

    kind = "http_status"

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after


class FetchTimeoutError(FetchError):
    """The whole request (connect, redirects, body) exceeded its deadline."""

    kind = "timeout"


class TooLargeError(FetchError):
    """The (decompressed) body, or a file or stdin read by ``extract``, exceeded the
    size cap (``--max-bytes``)."""

    kind = "too_large"


class NotHTMLError(FetchError):
    """The response, or a saved document given to ``extract``, is not an HTML page: its
    Content-Type says so, or its bytes do (binary data, a feed, text without markup)."""

    kind = "not_html"


class RedirectError(FetchError):
    """Too many redirects, a loop, a redirect to a non-http(s) or invalid URL, or a 3xx
    answer that names nowhere to go (no Location) or is not a redirect we follow.

    ``status`` is the 3xx status of the answer that could not be followed.
    """

    kind = "redirect"


class RobotsError(FetchError):
    """robots.txt disallows fetching the URL."""

    kind = "robots"


class BlockedError(FetchError):
    """The address policy refused the connection (SSRF protection)."""

    kind = "blocked"


class ExtractError(NewsscrapeError):
    """The page was fetched but holds no article."""

    kind = "no_article"


class ArgumentError(NewsscrapeError, ValueError):
    """A library function was called with an unusable value; the message names the
    argument (``tz: unknown time zone 'Mars/Olympus'``). Also a ``ValueError``."""

    kind = "argument"

    def __init__(self, argument: str, problem: str) -> None:
        super().__init__(f"{argument}: {problem}")
        self.argument = argument
        self.problem = problem

    def __reduce__(self) -> tuple[type[ArgumentError], tuple[str, str]]:
        return type(self), (self.argument, self.problem)


class ArgumentTypeError(ArgumentError, TypeError):
    """A library function was called with a value of the wrong type; also a ``TypeError``."""

    @classmethod
    def expected(cls, argument: str, wanted: str, value: object) -> ArgumentTypeError:
        """``html: expected str or bytes, not NoneType``."""
        return cls(argument, f"expected {wanted}, not {type(value).__name__}")


# --- issue 11: Spark jobs ---------------------------------------------------------------


class ExtractTimeoutError(NewsscrapeError):
    """Extracting one page took longer than the per-record time limit (``spark-warc
    --record-timeout``); the process working on it was ended, so the task goes on."""

    kind = "extract_timeout"
