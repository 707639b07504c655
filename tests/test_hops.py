"""Politeness where requests meet the network: each redirect hop under its own origin's
cap, spacing and robots.txt; cache hits wait for nothing and say when the origin
answered; long waits are announced. Judged from the servers' logs and the run's
notices, with bounds far from the figures compared."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import article_page, run_batch
from httpserver import Gauge, Server, held, redirect, respond
from test_batch import assert_spaced

PAGE = respond(article_page("Landing"), content_type="text/html; charset=utf-8")


@pytest.fixture
def landing() -> Iterator[tuple[Server, Gauge]]:
    gauge = Gauge()
    robots = respond("User-agent: *\nDisallow: /private\n", content_type="text/plain")
    with Server({"/story": held(0.1, PAGE, gauge), "/robots.txt": robots,
                 "/private/story": PAGE}) as srv:
        yield srv, gauge


def _short_links(target: str, count: int) -> list[Server]:
    """``count`` link-shortener origins, each redirecting /s to ``target``."""
    return [Server({"/s": redirect(target)}).start() for _ in range(count)]


def test_redirect_hops_are_paced_by_the_origin_they_land_on(
        landing: tuple[Server, Gauge]) -> None:
    """Short links on three origins all landing on one: the landing origin sees one
    request at a time (per_host=1) spaced by the delay, not three at once."""
    srv, gauge = landing
    shorteners = _short_links(srv.url("/story"), 3)
    try:
        urls = [s.url(f"/s?i={i}") for s in shorteners for i in range(2)]
        sink = run_batch(urls, per_host=1, delay=0.3, respect_robots=False)
    finally:
        for s in shorteners:
            s.stop()
    assert len(sink.records) == 6 and sink.failures == []
    assert {r.final_url for r in sink.records} == {srv.url("/story")}
    assert gauge.peak == 1  # at N x its rate it would be 3
    assert len(gauge.starts) == 6
    assert_spaced(sorted(gauge.starts), 0.3)


def test_redirect_target_obeys_its_own_robots_txt(landing: tuple[Server, Gauge]) -> None:
    """A short link to a page the landing origin's robots.txt disallows fails as
    ``robots`` without that page being requested; that robots.txt is read once."""
    srv, _ = landing
    shorteners = _short_links(srv.url("/private/story"), 1)
    ok = _short_links(srv.url("/story"), 1)
    try:
        blocked, allowed = shorteners[0].url("/s"), ok[0].url("/s")
        sink = run_batch([blocked, allowed])
    finally:
        for s in (*shorteners, *ok):
            s.stop()
    assert sink.kinds() == {blocked: "robots"}
    assert f"redirect to {srv.url('/private/story')}" in sink.failures[0].message
    assert [r.url for r in sink.records] == [allowed]
    assert "/private/story" not in srv.paths()
    assert srv.paths().count("/robots.txt") == 1


def _cacheable(date: datetime) -> respond:  # type: ignore[valid-type]
    return respond(article_page("Cached"), content_type="text/html", headers={
        "Cache-Control": "max-age=86400", "Date": format_datetime(date, usegmt=True)})


def test_cache_hits_wait_for_no_politeness_slot(tmp_path: Path) -> None:
    """A fully cached rerun with a 5 s delay requests no page and waits for no slot
    (paced, its 8 pages would take over 35 s and announce each wait)."""
    now = datetime.now(UTC)
    with Server({"/p": _cacheable(now)}) as srv:
        urls = [srv.url(f"/p?i={i}") for i in range(8)]
        first = run_batch(urls, cache_dir=str(tmp_path / "cache"), respect_robots=False)
        assert len(first.records) == 8
        srv.clear()
        notices: list[str] = []
        start = time.monotonic()
        again = run_batch(urls, cache_dir=str(tmp_path / "cache"), delay=5.0,
                          respect_robots=False, notices=notices)
        elapsed = time.monotonic() - start
    assert len(again.records) == 8 and srv.paths() == []
    assert notices == []
    assert elapsed < 20  # generous: the paced run needs at least 35 s


def test_fetched_at_of_a_cache_hit_is_when_the_origin_answered(tmp_path: Path) -> None:
    origin_time = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0)
    with Server({"/p": _cacheable(origin_time)}) as srv:
        fresh = run_batch([srv.url("/p")], cache_dir=str(tmp_path / "c"), respect_robots=False)
        cached = run_batch([srv.url("/p")], cache_dir=str(tmp_path / "c"),
                           respect_robots=False)
        assert srv.paths().count("/p") == 1
    answered = origin_time.isoformat(timespec="seconds")
    assert fresh.records[0].fetched_at != answered  # fetched now
    assert cached.records[0].fetched_at == answered


def test_a_long_wait_is_announced() -> None:
    """A 429 with ``Retry-After: 3`` is waited for, with one notice naming the URL."""
    from httpserver import sequence

    with Server({"/busy": sequence(respond("slow down", status=429,
                                           headers={"Retry-After": "3"}), PAGE)}) as srv:
        notices: list[str] = []
        sink = run_batch([srv.url("/busy")], retries=1, respect_robots=False,
                         notices=notices)
    assert len(sink.records) == 1
    assert notices == [f"newsscrape: waiting 3 s (Retry-After) for {srv.url('/busy')}"]


def _feed(links: list[str]) -> respond:  # type: ignore[valid-type]
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link></item>"
                    for i, link in enumerate(links))
    return respond(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                   f"{items}</channel></rss>", content_type="application/rss+xml")


def test_discovery_downloads_follow_the_same_rules_at_every_hop() -> None:
    """``discover``'s feeds behind short links: the landing origin's cap and spacing hold
    for hops from several origins, and its robots.txt refuses a hop there (never
    requested)."""
    from newsscrape.discover import discover
    from newsscrape.record import DiscoveredURL, Failure

    gauge = Gauge()
    robots = respond("User-agent: *\nDisallow: /private\n", content_type="text/plain")
    with Server({"/robots.txt": robots}) as srv:
        feed = _feed([srv.url("/story")])
        srv.routes.update({"/feed.xml": held(0.1, feed, gauge), "/private/feed.xml": feed})
        shorteners = _short_links(srv.url("/feed.xml"), 3)
        blocked = _short_links(srv.url("/private/feed.xml"), 1)
        try:
            inputs = [s.url("/s") for s in (*shorteners, *blocked)]
            found = list(discover(inputs, per_host=1, delay=0.3, retries=0, timeout=5))
        finally:
            for s in (*shorteners, *blocked):
                s.stop()
    failures = [f for f in found if isinstance(f, Failure)]
    assert [(f.input, f.kind) for f in failures] == [(blocked[0].url("/s"), "robots")]
    assert {f.url for f in found if isinstance(f, DiscoveredURL)} == {srv.url("/story")}
    assert "/private/feed.xml" not in srv.paths()
    assert gauge.peak == 1 and len(gauge.starts) == 3
    assert_spaced(sorted(gauge.starts), 0.3)
