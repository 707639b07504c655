"""Batch fetching (``batch.run.fetch_all`` and ``newsscrape fetch``) against local servers.

Each origin is a ``Server`` on its own 127.0.0.1 port. Library-level tests extract in a
thread (``jobs=0``); the command-line tests run the real process pool.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import article_page, cli_env, newsscrape_argv, run_batch, run_cli
from httpserver import (
    Gauge,
    Route,
    Server,
    gauged,
    held,
    respond,
    sequence,
    slow_start,
    trickle,
)

from newsscrape.batch.extract import Backlog, Extractor
from newsscrape.batch.origins import Origin, origin_key
from newsscrape.batch.resume import load_done
from newsscrape.errors import WorkerDiedError
from newsscrape.fetcher.robots_cache import ROBOTS_FILE, RobotsStore
from newsscrape.options import ExtractOptions
from newsscrape.record import Page, Record


def page(n: int | str) -> str:
    """A tiny article page, cheap to extract."""
    return article_page(f"Story {n}")


PAGE = respond(page("x"), content_type="text/html; charset=utf-8")


@pytest.fixture
def server() -> Iterator[Server]:
    with Server({"/": PAGE, "/a": PAGE, "/b": PAGE}) as srv:
        yield srv


# --- retries -----------------------------------------------------------------------------


def test_429_then_200_honours_retry_after(server: Server) -> None:
    """A 429 with ``Retry-After: 1`` is retried after at least a second, and succeeds."""
    server.routes["/busy"] = sequence(
        respond("<p>slow down</p>", status=429, headers={"Retry-After": "1"}), PAGE)
    start = time.monotonic()
    sink = run_batch([server.url("/busy")], retries=2)
    elapsed = time.monotonic() - start
    assert [r.url for r in sink.records] == [server.url("/busy")]
    assert sink.failures == []
    assert server.paths().count("/busy") == 2
    assert elapsed >= 1.0


def test_503_then_200(server: Server) -> None:
    """A 503 is retried (with backoff) and the retry's answer is the outcome."""
    server.routes["/flaky"] = sequence(respond("<p>busy</p>", status=503), PAGE)
    sink = run_batch([server.url("/flaky")], retries=2)
    assert len(sink.records) == 1 and sink.failures == []
    assert server.paths().count("/flaky") == 2


def test_retries_run_out(server: Server) -> None:
    """A server that keeps failing: 1 + retries attempts, then the last error."""
    server.routes["/down"] = respond("<p>down</p>", status=500)
    sink = run_batch([server.url("/down")], retries=2)
    assert sink.kinds() == {server.url("/down"): "http_status"}
    assert server.paths().count("/down") == 3


@pytest.mark.parametrize("status", [403, 404, 410])
def test_other_4xx_not_retried(server: Server, status: int) -> None:
    """Most 4xx answers will not change: one request only."""
    server.routes["/no"] = respond("<p>no</p>", status=status)
    sink = run_batch([server.url("/no")], retries=3)
    assert sink.failures[0].status == status
    assert server.paths().count("/no") == 1


def test_429_slows_the_origin_down() -> None:
    """After a 429 the origin's spacing doubles (at least 1 s) for the rest of the run."""
    origin = Origin(key="http://x:80", delay=0.0)
    origin.slow_down(None)
    assert origin.delay == 1.0
    origin.slow_down(3.0)
    assert origin.delay == 2.0
    assert origin.reserve() > 2.5  # Retry-After pushed the next start out


def test_connection_refused_is_retried_then_reported() -> None:
    """Nothing listening: ``network`` after the retries, never a crash."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    sink = run_batch([url], retries=1, respect_robots=False)
    assert sink.kinds() == {url: "network"}


# --- robots.txt --------------------------------------------------------------------------


def test_robots_disallow(server: Server) -> None:
    """A disallowed URL fails as ``robots`` without being requested; robots.txt is read once."""
    server.routes["/robots.txt"] = respond("User-agent: *\nDisallow: /private\n",
                                           content_type="text/plain")
    server.routes["/private/1"] = PAGE
    urls = [server.url("/a"), server.url("/private/1"), server.url("/b")]
    sink = run_batch(urls)
    assert {r.url for r in sink.records} == {server.url("/a"), server.url("/b")}
    assert sink.kinds() == {server.url("/private/1"): "robots"}
    assert "/private/1" not in server.paths()
    assert server.paths().count("/robots.txt") == 1


def test_robots_for_our_user_agent(server: Server) -> None:
    """Rules for ``newsscrape`` apply to us; rules for other bots do not."""
    server.routes["/robots.txt"] = respond(
        "User-agent: otherbot\nDisallow: /\n\nUser-agent: newsscrape\nDisallow: /b\n",
        content_type="text/plain")
    sink = run_batch([server.url("/a"), server.url("/b")])
    assert sink.kinds() == {server.url("/b"): "robots"}


def test_ignore_robots(server: Server) -> None:
    """``--ignore-robots``: robots.txt is neither fetched nor obeyed."""
    server.routes["/robots.txt"] = respond("User-agent: *\nDisallow: /\n",
                                           content_type="text/plain")
    sink = run_batch([server.url("/a")], respect_robots=False)
    assert len(sink.records) == 1
    assert "/robots.txt" not in server.paths()


def test_robots_5xx_disallows_everything(server: Server) -> None:
    """RFC 9309: an unreachable (5xx) robots.txt means complete disallow."""
    server.routes["/robots.txt"] = respond("oops", status=503)
    sink = run_batch([server.url("/a"), server.url("/b")])
    assert set(sink.kinds().values()) == {"robots"}
    assert "/a" not in server.paths()


def test_first_page_does_not_wait_for_the_delay_after_robots(server: Server) -> None:
    """robots.txt takes no start slot of the origin: the first page follows it at once,
    not a whole ``--delay`` later (a wait that long would be announced)."""
    server.routes["/robots.txt"] = respond("User-agent: *\nDisallow: /private\n",
                                           content_type="text/plain")
    notices: list[str] = []
    sink = run_batch([server.url("/a")], delay=30.0, notices=notices)
    assert len(sink.records) == 1
    assert server.paths() == ["/robots.txt", "/a"]
    assert notices == []


def test_robots_is_kept_in_the_cache_between_runs(server: Server, tmp_path: Path) -> None:
    """With ``--cache`` a second run reuses the first run's robots.txt (and its rules),
    whatever its cache headers; without one every run asks again."""
    server.routes["/robots.txt"] = respond("User-agent: *\nDisallow: /b\n",
                                           content_type="text/plain",
                                           headers={"Cache-Control": "no-store"})
    urls = [server.url("/a"), server.url("/b")]
    for _ in range(2):
        sink = run_batch(urls, cache_dir=str(tmp_path / "cache"))
        assert sink.kinds() == {server.url("/b"): "robots"}
    assert server.paths().count("/robots.txt") == 1
    run_batch(urls)
    assert server.paths().count("/robots.txt") == 2


def test_robots_store_keeps_answers_for_a_day(tmp_path: Path) -> None:
    """RFC 9309 2.4: reused for up to 24 hours; unreachable answers are not kept."""
    now = [1_000_000.0]
    store = RobotsStore(str(tmp_path), clock=lambda: now[0])
    store.put("http://a:80", 200, b"User-agent: *\nDisallow: /x\n")
    store.put("http://b:80", 404, b"")
    store.put("http://c:80", 503, b"")
    store.put("http://d:80", 429, b"")
    now[0] += 23 * 3600
    assert store.get("http://a:80") == (200, b"User-agent: *\nDisallow: /x\n")
    assert store.get("http://b:80") == (404, b"")
    assert store.get("http://c:80") is None and store.get("http://d:80") is None
    now[0] += 2 * 3600
    assert store.get("http://a:80") is None
    store.close()


def test_robots_store_that_cannot_be_opened_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ROBOTS_FILE).write_bytes(b"not a database at all, just some bytes" * 100)
    store = RobotsStore(str(tmp_path))
    store.put("http://a:80", 200, b"")
    assert store.get("http://a:80") is None
    store.close()


def test_robots_crawl_delay_is_honoured(server: Server) -> None:
    """``Crawl-delay`` larger than ``--delay`` spaces the requests to that origin."""
    server.routes["/robots.txt"] = respond("User-agent: *\nCrawl-delay: 0.3\n",
                                           content_type="text/plain")
    gauge = Gauge()
    server.routes["/g"] = gauged(gauge, PAGE)
    sink = run_batch([server.url(f"/g?i={i}") for i in range(4)], per_host=4)
    assert len(sink.records) == 4
    assert_spaced(gauge.starts, 0.3)


def assert_spaced(starts: list[float], interval: float) -> None:
    """Request arrivals, as the server saw them, kept ``interval`` apart.

    Arrival times jitter on a busy machine (a request sent on time may reach the server's
    thread late, shortening one gap and lengthening the next), so each gap is only held
    to half the interval while the whole span must be nearly the full sum. Without the
    delay these requests arrive within milliseconds of each other.
    """
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= interval / 2, gaps
    # the first arrival may itself be late (a new connection, a handler thread starting),
    # which shortens the span by as much as it may shorten one gap
    assert starts[-1] - starts[0] >= len(gaps) * interval - interval / 2, gaps


# --- politeness and concurrency ----------------------------------------------------------


def test_per_host_limit_observed() -> None:
    """Each origin sees at most ``per_host`` requests at once, while origins run in parallel."""
    gauges = [Gauge() for _ in range(4)]
    overall = Gauge()
    servers = [Server({"/slow": held(0.1, PAGE, g, overall)}).start() for g in gauges]
    try:
        urls = [srv.url(f"/slow?i={i}") for srv in servers for i in range(8)]
        sink = run_batch(urls, per_host=2, concurrency=64, respect_robots=False)
    finally:
        for srv in servers:
            srv.stop()
    assert len(sink.records) == 32
    assert [g.peak for g in gauges] == [2, 2, 2, 2]
    assert overall.peak > 2  # the origins did not wait for each other


def test_delay_spaces_request_starts(server: Server) -> None:
    """``--delay`` is the minimum interval between request starts to one origin."""
    gauge = Gauge()
    server.routes["/g"] = gauged(gauge, PAGE)
    run_batch([server.url(f"/g?i={i}") for i in range(4)], delay=0.2, per_host=2,
        respect_robots=False)
    assert len(gauge.starts) == 4
    assert_spaced(gauge.starts, 0.2)


def test_global_concurrency_limit() -> None:
    """``--concurrency`` caps requests in flight over all origins."""
    overall = Gauge()
    servers = [Server({"/s": held(0.1, PAGE, overall)}).start() for _ in range(6)]
    try:
        run_batch([srv.url(f"/s?i={i}") for srv in servers for i in range(3)], concurrency=3,
            per_host=2, respect_robots=False)
    finally:
        for srv in servers:
            srv.stop()
    assert overall.peak == 3


def test_trickling_body_stopped_by_deadline(server: Server) -> None:
    """One byte every 0.1 s never trips a read timeout; the whole-request deadline ends it."""
    server.routes["/trickle"] = trickle(0.1, 30.0)
    start = time.monotonic()
    sink = run_batch([server.url("/trickle"), server.url("/a")], timeout=0.5)
    assert sink.kinds() == {server.url("/trickle"): "timeout"}
    assert len(sink.records) == 1
    assert time.monotonic() - start < 3.0


def test_slow_site_does_not_stall_others() -> None:
    """One origin that answers slowly leaves the others' pages flowing meanwhile."""
    with Server({"/s": slow_start(1.5, PAGE)}) as slow, Server({"/f": PAGE}) as fast:
        sink = run_batch([slow.url("/s"), *(fast.url(f"/f?i={i}") for i in range(10))],
                      respect_robots=False, per_host=2)
    urls = [r.url for r in sink.records]
    assert urls[-1] == slow.url("/s")  # the fast pages were written first
    assert len(urls) == 11


# --- inputs ------------------------------------------------------------------------------


def test_duplicates_fetched_once(server: Server) -> None:
    """A URL given three times is fetched once and gives one record."""
    url = server.url("/a")
    sink = run_batch([url, server.url("/b"), url, f"  {url}  "])
    assert sorted(r.url for r in sink.records) == sorted([url, server.url("/b")])
    assert server.paths().count("/a") == 1
    assert sink.stats is not None and sink.stats.duplicates == 2


def test_ordered_output_keeps_input_order() -> None:
    """``--ordered``: records come out in input order although they finish out of order."""
    routes: dict[str, Route] = {f"/p{i}": slow_start(0.05 * (5 - i), PAGE) for i in range(5)}
    with Server(routes) as srv:
        urls = [srv.url(f"/p{i}") for i in range(5)] + ["not a url"]
        sink = run_batch(urls, ordered=True, per_host=5, respect_robots=False)
    assert [r.url for r in sink.records] == urls[:5]
    assert sink.kinds() == {"not a url": "invalid_url"}


def test_every_url_accounted_for_once(tmp_path: Path) -> None:
    """10,000 input lines over 8 origins (pages, 404s, robots-disallowed, invalid URLs,
    duplicates, blank and comment lines): every distinct URL ends as exactly one record or
    one error, through the command line and its process pool."""
    robots = respond("User-agent: *\nDisallow: /private\n", content_type="text/plain")
    tiny = respond(page("t"), content_type="text/html")
    servers = [Server({"/p": tiny, "/robots.txt": robots}).start() for _ in range(8)]
    try:
        lines: list[str] = ["# a comment", ""]
        for i in range(8_500):
            srv = servers[i % 8]
            kind = i % 17
            if kind < 8:
                lines.append(srv.url(f"/p?i={i}"))
            elif kind < 13:
                lines.append(srv.url(f"/missing?i={i}"))
            elif kind < 16:
                lines.append(srv.url(f"/private?i={i}"))
            else:
                lines.append(f"bad url {i}")
        distinct = [line for line in lines if line and not line.startswith("#")]
        lines += distinct[:1_498]  # duplicates
        urls_file = tmp_path / "urls.txt"
        urls_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
        result = run_cli("fetch", "-i", str(urls_file), "-o", str(out), "--errors", str(errors),
                         "--delay", "0", "--per-host", "8", "--retries", "0", "--timeout", "20",
                         timeout=120)
    finally:
        for srv in servers:
            srv.stop()
    assert result.returncode == 1, result.stderr[-2000:]
    records = [json.loads(line)["url"] for line in out.read_text("utf-8").splitlines()]
    failed = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    outcomes = records + [e["url"] for e in failed]
    assert len(outcomes) == len(set(outcomes)) == len(distinct) == 8_500
    assert set(outcomes) == set(distinct)
    kinds = {e["error"]["kind"] for e in failed}
    assert kinds == {"http_status", "robots", "invalid_url"}
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith(f"newsscrape: done: {len(records)} ok, {len(failed)} failed")
    assert "1498 duplicates skipped" in summary


def test_stdin_input(server: Server) -> None:
    """With no URL argument and stdin not a terminal, URLs are read from stdin."""
    text = f"{server.url('/a')}\n\n# comment\n{server.url('/b')}\n"
    result = run_cli("fetch", "--delay", "0", input=text)
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads(line)["url"] for line in result.stdout.splitlines()) == \
        sorted([server.url("/a"), server.url("/b")])


def test_input_file_and_arguments(server: Server, tmp_path: Path) -> None:
    """``-i FILE`` and arguments together; blank and ``#`` lines skipped."""
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# list\n\n{server.url('/b')}\n   \n", encoding="utf-8")
    result = run_cli("fetch", "--delay", "0", "-i", str(listing), server.url("/a"))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


# --- resume ------------------------------------------------------------------------------


def test_resume_after_interrupt(tmp_path: Path) -> None:
    """Ctrl-C mid-run: exit 130, whole lines only; ``--resume`` finishes the list with no URL
    lost or duplicated."""
    with Server({"/s": slow_start(0.2, PAGE)}) as srv:
        urls = [srv.url(f"/s?i={i}") for i in range(30)]
        listing = tmp_path / "urls.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        out = tmp_path / "out.jsonl"
        args = ["fetch", "-i", str(listing), "-o", str(out), "--delay", "0", "--per-host", "2",
                "--ignore-robots"]
        proc = subprocess.Popen(newsscrape_argv(*args),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env())
        try:
            _wait_for_lines(out, 4)
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:  # pragma: no cover - only when the CLI hangs
                proc.kill()
                proc.communicate()
        assert proc.returncode == 130, stderr
        assert b"Traceback" not in stderr
        assert b"newsscrape: interrupted: " in stderr
        first = out.read_text("utf-8")
        assert first.endswith("\n")
        done_first = [json.loads(line)["url"] for line in first.splitlines()]
        assert 4 <= len(done_first) < 30

        result = run_cli(*args, "--resume")
        assert result.returncode == 0, result.stderr
        assert f"{len(done_first)} already done" in result.stderr
    final = [json.loads(line)["url"] for line in out.read_text("utf-8").splitlines()]
    assert sorted(final) == sorted(urls)  # none lost, none twice
    assert final[:len(done_first)] == done_first


def test_resume_cuts_a_torn_last_line(tmp_path: Path) -> None:
    """A half-written last line (killed machine) is dropped; its URL is fetched again."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"url": "http://a/1"}\n{"url": "http://a/2"}\n{"url": "http://a/')
    done = load_done(out)
    assert "http://a/1" in done and "http://a/2" in done and len(done) == 2
    assert out.read_bytes().endswith(b'"http://a/2"}\n')


def test_resume_needs_an_output_file() -> None:
    """``--resume`` without ``-o FILE`` is a usage error."""
    result = run_cli("fetch", "--resume", "http://127.0.0.1:9/")
    assert result.returncode == 2
    assert "--resume" in result.stderr


def _wait_for_lines(path: Path, count: int, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} never reached {count} lines")


# --- the extraction processes ------------------------------------------------------------


def _pages(count: int) -> list[Page]:
    return [Page(url=f"http://example.com/{i}", html=page(i), final_url=f"http://example.com/{i}",
                 status=200) for i in range(count)]


def test_extraction_processes_are_replaced_when_they_die() -> None:
    """A worker process that dies fails only the page it was extracting; the spawner
    forks a replacement, so later pages still succeed; once the spawner itself is gone
    and no worker is left, each page fails (as ``internal`` in a batch) instead of
    hanging."""
    extractor = Extractor(2, ExtractOptions(provenance=True))  # options reach the workers

    async def go() -> None:
        outcomes = await asyncio.gather(*(extractor.extract(p) for p in _pages(6)))
        assert [type(o) for o in outcomes] == [Record] * 6
        record = outcomes[3]
        assert isinstance(record, Record) and record.title == "Story 3"
        assert record.provenance is not None
        first = [w.pid for w in extractor._workers]
        for pid in first:
            os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.3)  # the parent notices the closed connections
        outcomes = await asyncio.gather(*(extractor.extract(p) for p in _pages(4)))
        assert [type(o) for o in outcomes] == [Record] * 4
        assert not set(first) & {w.pid for w in extractor._workers}  # replaced
        assert extractor._spawner is not None
        os.kill(extractor._spawner.pid, signal.SIGKILL)
        for worker in extractor._workers:
            os.kill(worker.pid, signal.SIGKILL)
        await asyncio.sleep(0.3)
        with pytest.raises(WorkerDiedError):
            await extractor.extract(_pages(1)[0])
        await extractor.detach()

    with extractor:
        asyncio.run(asyncio.wait_for(go(), 60))


def test_worker_exits_quietly_when_the_parent_resets_the_connection() -> None:
    """An interrupted run aborts the worker connections with outcomes still unread, which
    the worker sees as a reset: it must end cleanly, not print a traceback (exit code 1)."""
    import multiprocessing
    import pickle
    import socket

    from newsscrape.batch.extract import _HEAD, _serve

    mine, theirs = socket.socketpair()
    worker = multiprocessing.get_context("fork").Process(
        target=_serve, args=(theirs, [mine], ExtractOptions()))
    worker.start()
    theirs.close()
    data = pickle.dumps(_pages(1)[0])
    mine.sendall(_HEAD.pack(len(data)) + data)
    mine.settimeout(30)
    assert mine.recv(1, socket.MSG_PEEK)  # the outcome is back, unread: closing now resets
    mine.close()
    worker.join(30)
    assert worker.exitcode == 0


def test_backlog_bounds_pages_and_size() -> None:
    """The fetched-but-not-extracted backlog waits when full by count or by size; a page
    bigger than the size bound still enters when the backlog is empty."""

    async def go() -> None:
        backlog = Backlog(3, chars=100)
        await backlog.enter(40)
        await backlog.enter(40)
        blocked = asyncio.create_task(backlog.enter(40))  # 120 > 100
        await asyncio.sleep(0.01)
        assert not blocked.done()
        backlog.leave(40)
        await asyncio.wait_for(blocked, 1)
        await backlog.enter(10)  # 90: fits; 3 pages now
        full = asyncio.create_task(backlog.enter(1))
        await asyncio.sleep(0.01)
        assert not full.done()
        for _ in range(3):
            backlog.leave(40 if backlog.pages > 1 else 10)
        await asyncio.wait_for(full, 1)
        backlog.leave(1)
        assert (backlog.pages, backlog.chars) == (0, 0)
        await asyncio.wait_for(backlog.enter(1_000), 1)  # alone, larger than the bound

    asyncio.run(go())


def test_backlog_serves_waiters_in_order_and_survives_cancelled_ones() -> None:
    """Waiters enter in the order they came, one per page that leaves; a waiter cancelled
    while waiting (or just after it was woken) does not leave the others stuck."""

    async def go() -> None:
        backlog = Backlog(1, chars=100)
        await backlog.enter(10)
        order: list[str] = []

        async def wait(name: str) -> None:
            await backlog.enter(10)
            order.append(name)

        first, dropped, third = (asyncio.create_task(wait(n)) for n in ("a", "b", "c"))
        await asyncio.sleep(0.01)
        dropped.cancel()
        backlog.leave(10)
        await asyncio.wait_for(first, 1)
        assert not third.done()
        backlog.leave(10)
        await asyncio.wait_for(third, 1)
        assert order == ["a", "c"]
        woken = asyncio.create_task(wait("d"))
        last = asyncio.create_task(wait("e"))
        await asyncio.sleep(0.01)
        backlog.leave(10)
        woken.cancel()  # woken, cancelled before it ran: its turn passes on
        await asyncio.wait_for(last, 1)
        assert order == ["a", "c", "e"]
        assert (backlog.pages, backlog.chars) == (1, 10)

    asyncio.run(go())


# --- helpers -----------------------------------------------------------------------------


def test_origin_key() -> None:
    """Origins are scheme, host and port, with default ports made explicit."""
    assert origin_key("http://Example.com/a") == "http://example.com:80"
    assert origin_key("https://example.com:8443/a") == "https://example.com:8443"
    assert origin_key("http://[::1]:8080/") == "http://[::1]:8080"


# --- retry rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), (" 5 ", 5.0), ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
     ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0), ("soon", None), ("", None), (None, None),
     ("-5", None)],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    """``Retry-After`` in delta-seconds or as an HTTP date (past dates mean now)."""
    from datetime import UTC, datetime

    from newsscrape.fetcher.retry import parse_retry_after

    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(value, now=now) == expected


def test_backoff_grows_with_jitter_and_respects_retry_after() -> None:
    """Exponential with jitter in [ceiling/2, ceiling], capped; Retry-After is a floor."""
    import random

    from newsscrape.fetcher.retry import MAX_DELAY, backoff

    rng = random.Random(1)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (20, MAX_DELAY)]:
        waits = [backoff(attempt, rng=rng) for _ in range(50)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(set(waits)) > 1
    assert backoff(1, retry_after=7.0, rng=rng) == 7.0


def test_what_is_retried() -> None:
    """Timeouts, transport errors, 408, 429 and 5xx are retried; other failures are not."""
    import httpx

    from newsscrape.errors import (
        FetchError,
        FetchTimeoutError,
        HTTPStatusError,
        NotHTMLError,
        RedirectError,
        RobotsError,
        TooLargeError,
    )
    from newsscrape.fetcher.retry import is_retryable

    def transport_error() -> FetchError:
        try:
            raise FetchError("reset") from httpx.ReadError("reset")
        except FetchError as exc:
            return exc

    assert is_retryable(FetchTimeoutError("slow"))
    assert is_retryable(transport_error())
    for status in (408, 429, 500, 502, 503, 504):
        assert is_retryable(HTTPStatusError("x", status=status))
    for status in (400, 401, 403, 404, 410):
        assert not is_retryable(HTTPStatusError("x", status=status))
    assert not is_retryable(HTTPStatusError("x", status=503, retry_after=86_400))
    for exc in (FetchError("corrupt gzip"), TooLargeError("big"), NotHTMLError("pdf"),
                RedirectError("loop"), RobotsError("no")):
        assert not is_retryable(exc)
