"""Drive the pipeline over many inputs: each input ends as one record or one error."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsscrape.errors import InputError, NewsscrapeError
from newsscrape.options import Options
from newsscrape.record import Record

if TYPE_CHECKING:
    import httpx


class Sink(Protocol):
    """Receives each input's outcome."""

    def record(self, obj: dict[str, object]) -> None: ...

    def error(self, url: str, error: dict[str, object]) -> None: ...


def internal_error(exc: BaseException) -> dict[str, object]:
    """An unexpected exception, reported like any failure so the batch goes on."""
    return {"kind": "internal", "message": f"{type(exc).__name__}: {exc}", "status": None}


def extract_files(files: Iterable[str], options: Options, sink: Sink, *,
                  url: str | None = None) -> None:
    """Extract each saved HTML file (``-`` is stdin)."""
    from newsscrape.pipeline import extract_html

    for name in files:
        try:
            data = _read_input(name)
            record: Record = extract_html(data, url=url, options=options)
        except NewsscrapeError as exc:
            sink.error(name, exc.to_dict())
        except Exception as exc:  # one broken page must not end the batch
            sink.error(name, internal_error(exc))
        else:
            sink.record(record.to_dict())


def _read_input(name: str) -> bytes:
    try:
        if name == "-":
            return sys.stdin.buffer.read()
        return Path(name).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc


def fetch_all(urls: Iterable[str], options: Options, sink: Sink, *, concurrency: int = 8) -> None:
    """Fetch and extract every URL, writing outcomes as they complete."""
    asyncio.run(_fetch_all(list(urls), options, sink, concurrency))


async def _fetch_all(urls: list[str], options: Options, sink: Sink, concurrency: int) -> None:
    from newsscrape.fetch.client import make_client

    slots = asyncio.Semaphore(concurrency)
    async with make_client(options) as client:
        async def one(url: str) -> None:
            async with slots:
                await _fetch_one(client, url, options, sink)

        await asyncio.gather(*(one(url) for url in urls))


async def _fetch_one(client: httpx.AsyncClient, url: str, options: Options,
                     sink: Sink) -> None:
    from newsscrape.fetch.client import fetch_page
    from newsscrape.pipeline import extract_page

    try:
        page = await fetch_page(client, url, options)
        record = await asyncio.to_thread(extract_page, page, options)
    except NewsscrapeError as exc:
        sink.error(url, exc.to_dict())
    except Exception as exc:  # one broken page must not end the batch
        sink.error(url, internal_error(exc))
    else:
        sink.record(record.to_dict())
