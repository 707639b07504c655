"""The library surface: ``newsscrape.extract``, ``fetch`` and ``fetch_many``, with the one rule
for bad arguments, against a local server (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import article_page, cli_env
from httpserver import Server, respond, sequence, slow_start

import newsscrape
from newsscrape.errors import (
    ArgumentError,
    ArgumentTypeError,
    BlockedError,
    HTTPStatusError,
    InvalidURLError,
    NotHTMLError,
    RobotsError,
)
from newsscrape.record import Failure, Record

PAGE = respond(article_page("Harbour plan"), content_type="text/html; charset=utf-8")
QUICK = {"delay": 0.0, "retries": 0, "timeout": 5.0}
"""No spacing between requests, no retries: the tests' pace (politeness is tested apart)."""
SEED = Path(__file__).resolve().parent / "fixtures" / "pages" / "seed-wordpress.html"


@pytest.fixture
def server() -> Iterator[Server]:
    routes = {"/a": PAGE, "/b": PAGE, "/c": PAGE, "/gone": respond("<p>gone</p>", status=404),
              "/pdf": respond(b"%PDF-1.7", content_type="application/pdf"),
              "/robots.txt": respond("User-agent: *\nDisallow: /private\n",
                                     content_type="text/plain"),
              "/private/x": PAGE}
    with Server(routes) as srv:
        yield srv


# --- extract -------------------------------------------------------------------------


def test_extract_none_names_html() -> None:
    with pytest.raises(ArgumentTypeError, match=r"^html: expected str or bytes, not NoneType$"):
        newsscrape.extract(None)  # type: ignore[arg-type]


def test_extract_takes_options_by_name() -> None:
    record = newsscrape.extract(SEED.read_bytes(), provenance=True, tz="Asia/Shanghai")
    assert record.provenance is not None


@pytest.mark.parametrize(("options", "error", "message"), [
    ({"tz": "Mars/Olympus"}, ArgumentError, "tz: unknown time zone 'Mars/Olympus'"),
    ({"provenance": "yes"}, ArgumentTypeError, "provenance: expected bool, not str"),
    ({"timeout": 3}, ArgumentTypeError, "timeout: not an option of extract() (options: tz, "
                                        "provenance, now)"),
    ({"url": 7}, ArgumentTypeError, "url: expected str or None, not int"),
])
def test_extract_refuses_bad_arguments(options: dict[str, object], error: type[Exception],
                                       message: str) -> None:
    with pytest.raises(error) as caught:
        newsscrape.extract("<html><body><p>x</p></body></html>", **options)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert type(caught.value) is error


# --- fetch ---------------------------------------------------------------------------


def test_fetch_returns_the_record(server: Server) -> None:
    record = newsscrape.fetch(server.url("/a"), **QUICK)
    assert isinstance(record, Record)
    assert (record.url, record.final_url, record.status) == (server.url("/a"),) * 2 + (200,)
    assert record.title == "Harbour plan" and record.fetched_at is not None
    assert server.paths() == ["/robots.txt", "/a"]  # robots.txt asked first, as in a batch


@pytest.mark.parametrize(("path", "error"), [
    ("/gone", HTTPStatusError), ("/pdf", NotHTMLError), ("/private/x", RobotsError),
])
def test_fetch_raises_the_page_error(server: Server, path: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        newsscrape.fetch(server.url(path), **QUICK)
    assert type(caught.value) is error


def test_fetch_checks_the_url_and_the_address() -> None:
    with pytest.raises(InvalidURLError):
        newsscrape.fetch("ftp://127.0.0.1/x", **QUICK)
    with pytest.raises(BlockedError):  # link-local: refused before any connection
        newsscrape.fetch("http://169.254.169.254/latest/", **QUICK)
    with pytest.raises(ArgumentTypeError, match=r"^url: "):
        newsscrape.fetch(None)  # type: ignore[arg-type]


def test_fetch_retries(server: Server) -> None:
    server.routes["/flaky"] = sequence(respond("<p>busy</p>", status=503), PAGE)
    with pytest.raises(HTTPStatusError):
        newsscrape.fetch(server.url("/flaky"), **QUICK)
    assert newsscrape.fetch(server.url("/flaky"), **{**QUICK, "retries": 1}).status == 200


def test_fetch_refuses_unknown_and_batch_options(server: Server) -> None:
    with pytest.raises(ArgumentTypeError, match=r"^timeot: not an option of fetch\(\)"):
        newsscrape.fetch(server.url("/a"), timeot=3)
    with pytest.raises(ArgumentTypeError, match=r"^jobs: not an option of fetch\(\)"):
        newsscrape.fetch(server.url("/a"), jobs=2)
    with pytest.raises(ArgumentError, match=r"^timeout: must be a number of seconds"):
        newsscrape.fetch(server.url("/a"), timeout=-1)
    assert server.requests == []


def test_fetch_inside_a_running_event_loop(server: Server) -> None:
    """Called from async code (a notebook cell), fetch runs its own loop on a thread."""

    async def caller() -> Record:
        return newsscrape.fetch(server.url("/a"), **QUICK)

    assert asyncio.run(caller()).title == "Harbour plan"


# --- fetch_many ------------------------------------------------------------------------


def test_fetch_many_yields_one_outcome_per_distinct_url(server: Server) -> None:
    urls = [server.url("/a"), server.url("/gone"), "not a url", server.url("/private/x"),
            server.url("/a"), server.url("/b")]
    outcomes = list(newsscrape.fetch_many(urls, jobs=0, **QUICK))
    records = {o.url for o in outcomes if isinstance(o, Record)}
    failures = {o.input: (o.kind, o.status) for o in outcomes if isinstance(o, Failure)}
    assert records == {server.url("/a"), server.url("/b")}
    assert failures == {server.url("/gone"): ("http_status", 404),
                        "not a url": ("invalid_url", None),
                        server.url("/private/x"): ("robots", None)}
    assert server.paths().count("/a") == 1 and server.paths().count("/robots.txt") == 1


def test_fetch_many_ordered_keeps_input_order(server: Server) -> None:
    server.routes["/slow"] = slow_start(0.3, PAGE)
    urls = [server.url(p) for p in ("/slow", "/a", "/gone", "/b")]
    outcomes = newsscrape.fetch_many(urls, jobs=0, ordered=True, per_host=4, **QUICK)
    assert [o.url if isinstance(o, Record) else o.input for o in outcomes] == urls


def test_fetch_many_streams(server: Server) -> None:
    """The first outcome comes while the caller's URL iterator still has more to give: an
    implementation that read every URL first would wait here for ever (10 s at most)."""
    first_seen = threading.Event()
    waited: list[bool] = []

    def urls() -> Iterator[str]:
        yield server.url("/a")
        waited.append(first_seen.wait(10))
        yield server.url("/b")

    outcomes = newsscrape.fetch_many(urls(), jobs=0, **QUICK)
    first = next(outcomes)
    first_seen.set()
    rest = list(outcomes)
    assert waited == [True]
    assert {o.url for o in (first, *rest) if isinstance(o, Record)} == {server.url("/a"),
                                                                        server.url("/b")}


def test_fetch_many_stopped_early_cleans_up(server: Server) -> None:
    """Breaking out after the first outcome stops the run: slow requests are dropped,
    not waited for (each would take 30 s), and the run's thread ends."""
    server.routes["/slow"] = slow_start(30.0, PAGE)
    urls = [server.url("/a"), *(server.url(f"/slow?i={i}") for i in range(4))]
    start = time.monotonic()
    outcomes = newsscrape.fetch_many(urls, jobs=0, per_host=5, **{**QUICK, "timeout": 60.0})
    for outcome in outcomes:
        assert isinstance(outcome, Record)
        break
    outcomes.close()  # what leaving the loop does to a generator once it is dropped
    assert time.monotonic() - start < 20
    assert not [t for t in threading.enumerate() if t.name == "newsscrape-batch"]


def test_fetch_many_refuses_bad_arguments(server: Server) -> None:
    with pytest.raises(ArgumentTypeError, match=r"^urls: expected an iterable of URL strings"):
        newsscrape.fetch_many(server.url("/a"))
    with pytest.raises(ArgumentTypeError, match=r"^per_hots: not an option of fetch_many\(\)"):
        newsscrape.fetch_many([server.url("/a")], per_hots=2)
    with pytest.raises(ArgumentError, match=r"^concurrency: must be >= 1, not 0"):
        newsscrape.fetch_many([server.url("/a")], concurrency=0)
    assert server.requests == []


def test_fetch_many_raises_a_bad_item_after_the_outcomes_before_it(server: Server) -> None:
    outcomes = newsscrape.fetch_many([server.url("/a"), 42], jobs=0, **QUICK)  # type: ignore[list-item]
    got = []
    with pytest.raises(ArgumentTypeError, match=r"^urls: expected URL strings as items, not int"):
        for outcome in outcomes:
            got.append(outcome)
    assert [type(o) for o in got] == [Record]


SCRIPT = """
import json, multiprocessing, sys, threading
import newsscrape

urls = json.loads(sys.argv[1])
outcomes = newsscrape.fetch_many(urls, delay=0, retries=0, jobs=2)
first = next(outcomes)
outcomes.close()
print(json.dumps({
    "first": first.url,
    "children": len(multiprocessing.active_children()),
    "threads": sorted(t.name for t in threading.enumerate() if t.name.startswith("newsscrape")),
    "all": [o.url for o in newsscrape.fetch_many(urls[:2], delay=0, retries=0, jobs=2)],
}))
"""


def test_fetch_many_with_worker_processes(server: Server) -> None:
    """The default extraction in worker processes (run in a process of its own: forking
    beside this test process's server threads is not what a library user does)."""
    server.routes["/slow"] = slow_start(30.0, PAGE)
    urls = [server.url("/a"), server.url("/b"), *(server.url(f"/slow?i={i}") for i in range(3))]
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(urls)], env=cli_env(),
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["first"] in urls[:2]
    assert report["children"] == 0 and report["threads"] == []
    assert sorted(report["all"]) == sorted(urls[:2])
