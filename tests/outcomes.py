"""Test helpers shared by the fetch, batch and WARC tests: fetching one URL with a fresh
client, expecting one error class, and a sink that keeps every outcome of a run."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from newsscrape.errors import NewsscrapeError
from newsscrape.fetch.client import fetch_page, make_client
from newsscrape.options import Options
from newsscrape.record import Page


def fetch(url: str, **options: Any) -> Page:
    """Fetch ``url`` with a fresh ``make_client`` client (short default timeout)."""
    opts = Options(**{"timeout": 3.0, **options})

    async def go() -> Page:
        async with make_client(opts) as client:
            return await fetch_page(client, url, opts)

    return asyncio.run(go())


def failure(url: str, expected: type[NewsscrapeError], **options: Any) -> NewsscrapeError:
    """Fetch ``url`` expecting exactly the error class ``expected``, with a message."""
    with pytest.raises(NewsscrapeError) as caught:
        fetch(url, **options)
    assert type(caught.value) is expected, repr(caught.value)
    assert caught.value.kind == expected.kind
    assert caught.value.message
    return caught.value


class Collect:
    """A sink that keeps every outcome of a run."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.errors: list[tuple[str, dict[str, Any]]] = []

    def record(self, obj: dict[str, Any]) -> None:
        self.records.append(obj)

    def error(self, url: str, error: dict[str, Any]) -> None:
        self.errors.append((url, error))

    def kinds(self) -> dict[str, str]:
        """Input -> error kind, for every failed input."""
        return {url: error["kind"] for url, error in self.errors}
