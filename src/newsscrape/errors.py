"""The newsscrape error tree: every error newsscrape raises, each with a machine-readable ``kind``.

The kinds of per-input errors appear in ``--errors`` JSONL lines (and in ``Failure``
outcomes); ``output``, ``resume``, ``state`` and ``argument`` never do: they end a run
or a call::

    NewsscrapeError                    kind
    ├── InputError                     input         a file or URL list could not be read
    │   ├── InvalidURLError            invalid_url   not an http(s) URL with a host
    │   └── TruncatedWarcError         input         a WARC file ends inside a record
    ├── FetchError                     network       connection refused, DNS, TLS, reset
    │   ├── ContentEncodingError       network       the body arrived unusable: corrupt gzip/
    │   │                                            deflate, or a coding we did not ask for (br)
    │   ├── HTTPStatusError            http_status   a 4xx or 5xx answer, or one that holds no
    │   │                                            page (204, 205, 304); carries .status
    │   ├── FetchTimeoutError          timeout       the whole-request deadline passed
    │   ├── RedirectError              redirect      loop, too many, to a non-http(s) or invalid
    │   │                                            URL, or a 3xx that cannot be followed (no
    │   │                                            Location, 305...); carries the 3xx status
    │   ├── RobotsError                robots        robots.txt disallows the URL (or is
    │   │                                            unreachable: 5xx, RFC 9309 says disallow)
    │   └── BlockedError               blocked       a redirect left public address space for
    │                                                a private/loopback one, or a link-local
    │                                                address (SSRF protection)
    ├── TooLargeError                  too_large     a body (decompressed), file or stdin over
    │                                                --max-bytes
    ├── NotHTMLError                   not_html      not an HTML page: by Content-Type, or by
    │                                                its bytes (binary data, a feed, no markup)
    ├── ExtractError                   no_article    the page holds no article text
    ├── ExtractTimeoutError            extract_timeout  extracting the page took longer
    │                                                than the page time limit; the process
    │                                                working on it was killed and replaced
    ├── SourceError                    bad_source    a feed or sitemap that cannot be read: not
    │                                                a feed or sitemap at all, a DOCTYPE in a
    │                                                sitemap or a DTD subset in a feed (refused:
    │                                                entity expansion), XML too broken to read,
    │                                                an index nested past the depth cap
    ├── NoSourcesError                 no_sources    a site where robots.txt, the home page and
    │                                                the usual paths name no feed or sitemap
    ├── InternalError                  internal      an unexpected failure on one input (a bug);
    │   │                                            the message names the exception's type
    │   └── WorkerDiedError            internal      an extraction process exited holding pages
    ├── OutputError                    output        records or --errors lines could not be
    │                                                written: the run stops
    ├── ResumeError                    resume        the --resume file is not JSONL records
    ├── StateError                     state         the watch --state file is not a watch
    │                                                state, or cannot be opened
    └── ArgumentError (ValueError)     argument      a library function was called with a
        └── ArgumentTypeError          argument      bad value (or, TypeError too, a value of
            (TypeError)                              the wrong type); names the argument

The page-level errors (``too_large``, ``not_html``, ``no_article``) are not fetch errors:
extracting a saved file raises them too. Library code raises these (wrapping the
underlying exception with ``raise … from``); ``record.Failure.from_exception`` turns
any exception into a failed input, and the command line turns that into one stderr
line and one ``--errors`` record.
"""

from __future__ import annotations

import errno


class NewsscrapeError(Exception):
    """Base class: every expected failure in newsscrape."""

    kind: str = "error"

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class InputError(NewsscrapeError):
    """An input (file, URL list) could not be read."""

    kind = "input"


class InvalidURLError(InputError):
    """The URL is not an absolute http(s) URL with a host."""

    kind = "invalid_url"


class TruncatedWarcError(InputError):
    """A WARC record ends before its stated length: the file is cut short."""


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


class TooLargeError(NewsscrapeError):
    """The (decompressed) body, or a file or stdin read by ``extract``, exceeded the
    size cap (``--max-bytes``)."""

    kind = "too_large"


class NotHTMLError(NewsscrapeError):
    """The response, or a saved document given to ``extract``, is not an HTML page: its
    Content-Type says so, or its bytes do (binary data, a feed, text without markup)."""

    kind = "not_html"


class ExtractError(NewsscrapeError):
    """The page (fetched or read from a file) holds no article text."""

    kind = "no_article"


class ExtractTimeoutError(NewsscrapeError):
    """Extracting one page took longer than its time limit (``--page-timeout``). The
    process working on it was killed, which stops even a parser stuck in C code, and
    replaced, so the batch goes on."""

    kind = "extract_timeout"


class SourceError(NewsscrapeError):
    """A feed or sitemap could not be read (``newsscrape discover``); the entries read
    before the problem stand."""

    kind = "bad_source"


class NoSourcesError(NewsscrapeError):
    """Nothing to read on a site: robots.txt, the home page and the usual paths named no
    sitemap and no feed."""

    kind = "no_sources"


class InternalError(NewsscrapeError):
    """An unexpected failure on one input: a bug, reported like any failure so a batch
    goes on. The message names the type of what went wrong (``KeyError: 'x'``)."""

    kind = "internal"

    def __init__(self, detail: str, *, type_name: str | None = None) -> None:
        super().__init__(f"{type_name or type(self).__name__}: {detail}")

    @classmethod
    def wrapping(cls, exc: BaseException) -> InternalError:
        """The internal error standing for an exception that is not a ``NewsscrapeError``."""
        error = cls(str(exc), type_name=type(exc).__name__)
        error.__cause__ = exc
        return error


class WorkerDiedError(InternalError):
    """An extraction process exited (a crash in a C extension, the OOM killer) while it
    held pages; only those pages fail."""


class OutputError(NewsscrapeError):
    """Records or ``--errors`` lines could not be written; the run must stop."""

    kind = "output"

    def __init__(self, target: str, cause: OSError) -> None:
        super().__init__(f"cannot write {target}: {cause.strerror or cause}")
        self.cause = cause

    @property
    def broken_pipe(self) -> bool:
        """The reader went away (``| head``): end quietly, it is not a failure to report."""
        return isinstance(self.cause, BrokenPipeError) or self.cause.errno == errno.EPIPE


class ResumeError(NewsscrapeError):
    """The ``--resume`` file is not a JSONL file of records (so it is left untouched)."""

    kind = "resume"


class StateError(NewsscrapeError):
    """The ``watch --state`` file cannot be used (not a watch state database, unreadable):
    a usage error, the file untouched."""

    kind = "state"


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

