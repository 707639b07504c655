"""What the tests share: the network guard (on for every test), running the command line,
a small article page, and the library-level helpers for fetching and batches.

Test modules import the helpers (``from conftest import run_cli, article_page``); the
local HTTP server itself is ``httpserver.Server``.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import netguard
import pytest
from click.testing import CliRunner, Result

from newsscrape.batch.results import RunStats
from newsscrape.batch.run import fetch_all
from newsscrape.cli import cli
from newsscrape.errors import NewsscrapeError
from newsscrape.fetcher.client import fetch_page, make_client
from newsscrape.options import FetchOptions, split_options
from newsscrape.record import Failure, Outcome, Page, Record

# --- the network guard -----------------------------------------------------------------

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
              "all_proxy", "NO_PROXY", "no_proxy")
GUARD_SITE = Path(__file__).resolve().parent / "guardsite"
# every Python process the tests start installs the guard too (guardsite/sitecustomize.py)
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(GUARD_SITE), *filter(None, [os.environ.get("PYTHONPATH")])])
os.environ[netguard.GUARD_ENV] = "1"
# decompressed models (py3langid's, ``document.langid_model``) go to a directory of the
# test session's own, here and in every process the tests start, never the user's cache
_MODELS = tempfile.mkdtemp(prefix="newsscrape-test-models-")
atexit.register(shutil.rmtree, _MODELS, ignore_errors=True)
os.environ["NEWSSCRAPE_MODEL_CACHE"] = _MODELS
# A suite started with SIGINT ignored (``pytest &`` in a script, some job runners) would
# hand that to every command it starts, and the CLI rightly keeps an ignored SIGINT
# ignored: the tests that interrupt a run would then watch it finish instead. The tests
# run with the normal disposition, which a started command inherits as the default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
                  ) -> Iterator[list[str]]:
    """Every test fails on a DNS lookup or a connection outside 127.0.0.0/8, in this
    process or in any it starts (see ``netguard``); environment proxies are unset."""
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    log = tmp_path_factory.mktemp("guard") / "violations.log"
    monkeypatch.setenv(netguard.LOG_ENV, str(log))
    violations: list[str] = []
    switch_off = netguard.install(violations.append, monkeypatch.setattr)
    try:
        yield violations
    finally:
        switch_off()
    if log.exists():
        violations += log.read_text(encoding="utf-8").splitlines()
    assert not violations, f"network use outside 127.0.0.0/8: {violations}"


# --- the command line --------------------------------------------------------------------


def cli_env() -> dict[str, str]:
    """The environment for a ``newsscrape`` subprocess: no proxies, UTF-8 stdio."""
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def newsscrape_argv(*args: str | bytes | Path) -> list[str | bytes]:
    """``python -m newsscrape ARGS`` as an argv."""
    return [sys.executable, "-m", "newsscrape", *map(os.fsencode, args)]


def run_cli(*args: str | Path, input: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m newsscrape ARGS`` in a subprocess, text in and out (stdin is empty
    unless ``input`` is given)."""
    return subprocess.run(newsscrape_argv(*args), capture_output=True, text=True,
                          encoding="utf-8", env=cli_env(), timeout=timeout, check=False,
                          input=input if input is not None else "")


def run_cli_raw(*args: str | bytes | Path, stdin: bytes = b"", shell_suffix: str = "",
                **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """``python -m newsscrape ARGS`` in a subprocess, bytes in and out; ``shell_suffix``
    (e.g. ``2>&-``) runs it under sh."""
    argv: list[str | bytes] = newsscrape_argv(*args)
    if shell_suffix:
        line = " ".join(shlex.quote(os.fsdecode(a)) for a in argv) + " " + shell_suffix
        argv = ["/bin/sh", "-c", line]
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(argv, input=stdin, env=cli_env(), timeout=60, check=False, **kwargs)


def invoke(*args: str | Path, input: str | bytes | None = None) -> Result:
    """The CLI run in this process by click's ``CliRunner`` (for exit codes and output
    that need no real file descriptors)."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


# --- pages -----------------------------------------------------------------------------

STORY = "The council met on Tuesday and voted on the riverside park plan. "


def article_page(title: str | int = "Story", text: str = STORY * 3) -> str:
    """A small article page (``<h1>`` and one paragraph), cheap to extract."""
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>")


# --- library-level fetching and batches --------------------------------------------------


def fetch(url: str, *, decode: bool = True, **options: Any) -> Page:
    """Fetch ``url`` with a fresh ``make_client`` client (short default timeout)."""
    opts = FetchOptions(**{"timeout": 3.0, **options})

    async def go() -> Page:
        async with make_client(opts) as client:
            return await fetch_page(client, url, opts, decode=decode)

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
    """A sink that keeps every outcome of a run (and, from ``run_batch``, its stats)."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.failures: list[Failure] = []
        self.stats: RunStats | None = None

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, Record):
            self.records.append(outcome)
        else:
            self.failures.append(outcome)

    def kinds(self) -> dict[str, str]:
        """Input -> error kind, for every failed input."""
        return {f.input: f.kind for f in self.failures}


def run_batch(urls: list[str], *, notices: list[str] | None = None, **options: Any) -> Collect:
    """``fetch_all`` with test-friendly defaults (no delay, no retries, thread extraction);
    options by field name, as the library takes them; ``notices`` collects the notices
    of long waits."""
    extract, fetch_options, batch = split_options(
        {"timeout": 3.0, "delay": 0.0, "retries": 0, "jobs": 0, **options},
        function="run_batch")
    sink = Collect()
    sink.stats = fetch_all(urls, sink, extract=extract, fetch=fetch_options, batch=batch,
                           notice=None if notices is None else notices.append)
    return sink


# --- WARC files ---------------------------------------------------------------------


def archive_page(archive: Any, url: str, body: bytes, *, content_type: str = "text/html",
                 status: int = 200, headers: dict[str, str] | None = None) -> None:
    """Add one exchange for ``url`` to a ``WarcArchive``, as ``--warc`` stores them."""
    import httpx

    response = httpx.Response(status, headers={"Content-Type": content_type, **(headers or {})},
                              content=body)
    archive.exchange(httpx.Request("GET", url), response, body)
