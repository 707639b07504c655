"""Drive the pipeline over many inputs: each input ends as one record or one error.

``fetch_all`` runs a batch (``newsscrape.batch``) and owns what lives outside the event
loop: the extraction processes (started before the loop), the WARC writer, the
progress line and Ctrl-C (the first one stops the run in order, a second one kills it).
``extract_files`` reads saved HTML and WARC files.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from newsscrape.batch.extract import internal_error
from newsscrape.batch.results import Sink
from newsscrape.errors import InputError, NewsscrapeError, TooLargeError
from newsscrape.inputs import stdin_bytes
from newsscrape.options import Options

if TYPE_CHECKING:
    from newsscrape.batch.extract import Extractor, Outcome
    from newsscrape.batch.runner import Batch, Counts
    from newsscrape.inputs import UrlSet
    from newsscrape.progress import Progress
    from newsscrape.warc import WarcPage

__all__ = ["RunStats", "Sink", "extract_files", "extract_warc", "extract_warc_page", "fetch_all",
           "internal_error"]


@dataclass(frozen=True, slots=True)
class RunStats:
    """What a batch run skipped or left unfinished, and how long it took."""

    duplicates: int
    resumed: int
    unfinished: int
    """Inputs read but not written because the run was interrupted."""
    elapsed: float
    interrupted: bool
    """Ctrl-C stopped the run (the CLI exits 130)."""


def fetch_all(urls: Iterable[str], options: Options, sink: Sink, *,
              done: UrlSet | None = None, progress: Progress | None = None) -> RunStats:
    """Fetch and extract every URL, writing outcomes as they complete (or in order)."""
    from newsscrape.batch.extract import Extractor
    from newsscrape.warc import WarcArchive

    start = time.monotonic()
    with Extractor(options.jobs) as extractor:  # forked before the loop and its threads
        archive = WarcArchive(options.warc) if options.warc else None
        try:
            with asyncio.Runner(loop_factory=loop_factory()) as runner:
                counts, stopped = runner.run(
                    _run(iter(urls), options, sink, extractor, done, archive, progress))
        finally:
            if archive is not None:
                archive.close()
    return RunStats(duplicates=counts.duplicates, resumed=counts.resumed,
                    unfinished=counts.interrupted, elapsed=time.monotonic() - start,
                    interrupted=stopped)


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop when it is installed (Linux, macOS), else None (asyncio's own).

    At a few hundred pages a second the fetching process is CPU-bound, and on uvloop
    it spends about a tenth less per page (0.92 instead of 1.02 ms in the batch
    benchmark's fetch-only measurement).
    """
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def _run(urls: Iterator[str], options: Options, sink: Sink, extractor: Extractor,
               done: UrlSet | None, archive: Any, progress: Progress | None,
               ) -> tuple[Counts, bool]:
    from newsscrape.batch.runner import Batch
    from newsscrape.fetch.transports import TransportFactory

    batch = Batch(options=options, sink=sink, extractor=extractor,
                  factory=TransportFactory(options), done=done, archive=archive)
    interrupted = _on_sigint(batch)
    drawing = asyncio.create_task(_draw(batch, sink, progress)) if progress else None
    try:
        await batch.run(urls)
    finally:
        if drawing is not None:
            drawing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await drawing
        if progress is not None:
            progress.clear()
        _restore_sigint()
        await extractor.detach()
    return batch.counts, interrupted.is_set()


def _on_sigint(batch: Batch) -> asyncio.Event:
    """First Ctrl-C: stop the batch in order; the handler then steps aside for a second."""
    interrupted = asyncio.Event()
    loop = asyncio.get_running_loop()

    def handle() -> None:
        interrupted.set()
        batch.stop()
        loop.remove_signal_handler(signal.SIGINT)

    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not main thread
        loop.add_signal_handler(signal.SIGINT, handle)
    return interrupted


def _restore_sigint() -> None:
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)


async def _draw(batch: Batch, sink: Sink, progress: Progress) -> None:
    from newsscrape.progress import Snapshot

    while True:
        queues = tuple((key, len(o.queue)) for key, o in batch.origins.items() if o.queue)
        in_flight = sum(o.in_flight for o in batch.origins.values())
        ok, failed = getattr(sink, "ok", 0), getattr(sink, "failed", 0)
        progress.draw(Snapshot(ok=ok, failed=failed, queues=queues, in_flight=in_flight))
        await asyncio.sleep(0.25)


# --- saved files ----------------------------------------------------------------------


def extract_files(files: Iterable[str], options: Options, sink: Sink, *,
                  url: str | None = None) -> None:
    """Extract each saved HTML file (``-`` is stdin) or WARC file (each HTML response).

    Reading an input can fail only that input; writing an outcome can fail only the
    whole run (the sink raises, and that is not caught here).
    """
    from newsscrape.warc import is_warc

    for name in files:
        if is_warc(name):
            extract_warc(name, options, sink)
        else:
            _extract_html_file(name, options, sink, url)


def _extract_html_file(name: str, options: Options, sink: Sink, url: str | None) -> None:
    from newsscrape.pipeline import extract_html

    try:
        data = _read_input(name, options.max_bytes)
        record = extract_html(data, url=url, options=options)
    except NewsscrapeError as exc:
        sink.error(name, exc.to_dict())
    except Exception as exc:  # one broken page must not end the batch
        sink.error(name, internal_error(exc))
    else:
        sink.record(record.to_dict())


def extract_warc(name: str, options: Options, sink: Sink, *,
                 opener: Callable[[str], IO[bytes]] | None = None,
                 outcome: Callable[[WarcPage, Options], Outcome | None] | None = None,
                 on_record: Callable[[], None] | None = None) -> None:
    """One record (or error) per HTML response in the WARC file; one error for the file
    itself when it cannot be read, is cut short, or holds no HTML response.

    The keywords let ``spark-warc`` run this very loop on any storage: ``opener`` opens
    ``name`` (default: a local file), ``outcome`` turns a page into a record or an error
    (default ``extract_warc_page``; None skips the page), ``on_record`` counts records.
    """
    outcome = outcome or extract_warc_page
    try:
        pages = _warc_pages(name, options.max_bytes, opener or _open_file, on_record)
        count = 0
        for page in pages:  # each page's outcome is written before the next is read
            count += 1
            result = outcome(page, options)
            if result is not None:
                ok, obj = result
                if ok:
                    sink.record(obj)
                else:
                    sink.error(page.url, obj)
    except _WarcReadError as exc:
        sink.error(name, exc.error.to_dict())
        return
    if count == 0:
        sink.error(name, InputError(f"no HTML responses in WARC file {name}").to_dict())


class _WarcReadError(Exception):
    """Reading a WARC file failed (told apart from failures to write outcomes)."""

    def __init__(self, error: InputError) -> None:
        super().__init__(error.message)
        self.error = error


def _open_file(name: str) -> IO[bytes]:
    return open(name, "rb")


def _warc_pages(name: str, max_bytes: int, opener: Callable[[str], IO[bytes]],
                on_record: Callable[[], None] | None) -> Iterator[WarcPage]:
    """The pages of a WARC file; any failure to read it becomes ``_WarcReadError``."""
    from newsscrape.warc import read_warc

    try:
        with opener(name) as stream:
            reader = read_warc(stream, max_bytes=max_bytes, on_record=on_record)
            while True:
                try:
                    page = next(reader)
                except StopIteration:
                    return
                # inside the try, but an error in the consumer is not thrown into this
                # generator: the handlers below only ever see errors of reading the file
                yield page
    except OSError as exc:
        raise _WarcReadError(InputError(f"cannot read {name}: {exc.strerror or exc}")) from exc
    except Exception as exc:  # a corrupt or truncated archive: report it, go on
        raise _WarcReadError(InputError(f"cannot read WARC {name}: {exc}")) from exc


def extract_warc_page(page: WarcPage, options: Options) -> Outcome:
    """(True, record) or (False, error) for one page of a WARC file, as ``extract``
    writes it; never raises."""
    from newsscrape.fetch.decode import decode_html
    from newsscrape.pipeline import extract_page
    from newsscrape.record import Page

    try:
        if len(page.body) > options.max_bytes:
            raise TooLargeError(f"body exceeds the {options.max_bytes}-byte cap (--max-bytes)")
        html, encoding = decode_html(page.body, page.headers.get("content-type"))
        record = extract_page(Page(url=page.url, html=html, final_url=page.url,
                                   status=page.status, fetched_at=page.date, encoding=encoding,
                                   headers=page.headers), options)
    except NewsscrapeError as exc:
        return False, exc.to_dict()
    except Exception as exc:
        return False, internal_error(exc)
    return True, record.to_dict()


def _read_input(name: str, max_bytes: int) -> bytes:
    """A saved file's bytes (``-``: stdin), at most ``max_bytes`` of them."""
    try:
        if name == "-":
            data = stdin_bytes().read(max_bytes + 1)
        else:
            with open(name, "rb") as stream:
                data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise TooLargeError(f"file exceeds the {max_bytes}-byte cap (--max-bytes)")
    return data


