"""``newsscrape watch`` and the ``discover | fetch`` pipe, on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import cli_env, invoke, newsscrape_argv
from discover_site import NOW, XML, article_page, url_entry, urlset
from httpserver import Exchange, Server, respond

from newsscrape.batch.lists import hinted_url
from newsscrape.discover.engine import InputReport
from newsscrape.discover.watch import next_interval
from newsscrape.record import HintedURL, Hints, URLInput


class ChangingFeed:
    """An RSS feed answering 304 to a matching If-None-Match; ``items`` can change."""

    def __init__(self) -> None:
        self.items = ["/2026/12/05/first-story-of-the-day-here"]
        self.conditional: list[str | None] = []

    def route(self, ex: Exchange) -> None:
        etag = f'"v{len(self.items)}"'
        asked = ex.handler.headers.get("If-None-Match")
        self.conditional.append(asked)
        if asked == etag:
            ex.start(304, {"ETag": etag})
            return
        items = "".join(f"<item><title>Story {p}</title><link>{p}</link>"
                        f"<pubDate>{format_datetime(NOW)}</pubDate></item>" for p in self.items)
        body = f"<rss><channel><ttl>5</ttl>{items}</channel></rss>".encode()
        respond(body, content_type="application/rss+xml", headers={"ETag": etag})(ex)


@pytest.fixture
def feed() -> Iterator[tuple[Server, ChangingFeed]]:
    changing = ChangingFeed()
    with Server({"/rss.xml": changing.route}) as server:
        yield server, changing


def watch(*args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = invoke("watch", *args, "--once", "--delay", "0", "--retries", "0")
    return result.exit_code, [json.loads(x) for x in result.stdout.splitlines()], result.stderr


def make_due(state: str) -> None:
    """Time passes: every source's next poll is now in the past."""
    with sqlite3.connect(state) as db:
        db.execute("UPDATE sources SET next_poll = '2000-01-01T00:00:00+00:00'")


def test_watch_once_polls_what_is_due_and_emits_only_new_items(
        tmp_path: Path, feed: tuple[Server, ChangingFeed]) -> None:
    server, changing = feed
    state = str(tmp_path / "state.sqlite")
    url = server.url("/rss.xml")
    code, first, err = watch(url, "--state", state)  # a new source is due at once
    assert code == 0, err
    assert [c["url"] for c in first] == [server.url("/2026/12/05/first-story-of-the-day-here")]
    code, early, err = watch(url, "--state", state)  # its next poll is minutes away
    assert (code, early, len(changing.conditional)) == (0, [], 1)
    assert "no source is due yet" in err
    code, forced, _ = watch(url, "--state", state, "--force")
    assert code == 0 and forced == []
    assert changing.conditional[-1] == '"v1"'  # a conditional request, answered 304
    changing.items.append("/2026/12/05/second-story-of-the-day-here")
    make_due(state)
    code, second, _ = watch(url, "--state", state)
    assert [c["url"] for c in second] == [server.url("/2026/12/05/second-story-of-the-day-here")]
    with sqlite3.connect(state) as db:
        assert db.execute("SELECT count(*) FROM seen").fetchone()[0] == 2
        status, interval, next_poll = db.execute(
            "SELECT last_status, interval, next_poll FROM sources").fetchone()
    assert status == "new" and 60 <= interval <= 900 and next_poll > "2026"
    code, reset, _ = watch(url, "--state", state, "--reset")  # forgotten: due, all new
    assert len(reset) == 2


def test_a_failed_poll_is_kept_with_its_error(tmp_path: Path) -> None:
    state = str(tmp_path / "state.sqlite")
    with Server({"/rss.xml": respond("gone", status=410)}) as server:
        code, lines, _ = watch(server.url("/rss.xml"), "--state", state)
    assert (code, lines) == (1, [])
    with sqlite3.connect(state) as db:
        status, error, errors = db.execute(
            "SELECT last_status, last_error, errors FROM sources").fetchone()
    assert (status, errors) == ("error", 1) and "HTTP 410" in error


def test_watch_refuses_a_foreign_state_file(tmp_path: Path) -> None:
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    result = invoke("watch", "http://127.0.0.1:9/", "--state", str(foreign), "--once")
    assert result.exit_code == 2 and "not a watch state" in result.stderr


def test_watch_fetch_prints_records(tmp_path: Path, feed: tuple[Server, ChangingFeed]) -> None:
    server, changing = feed
    server.routes[changing.items[0]] = respond(article_page("", None))
    code, records, err = watch(server.url("/rss.xml"), "--state", str(tmp_path / "s.sqlite"),
                               "--fetch", "--jobs", "0", "--provenance")
    assert code == 0, err
    assert records[0]["title"] == f"Story {changing.items[0]}"
    assert records[0]["provenance"]["title"]["source"] == "feed"


@pytest.mark.parametrize(("report", "errors", "expected"), [
    (InputReport(found=3), 0, 450.0),                 # new items: halve
    (InputReport(), 0, 1350.0),                       # empty: lengthen by half
    (InputReport(not_modified=True), 0, 1350.0),
    (InputReport(failures=1), 2, 7200.0),             # failing: back off from the base
    (InputReport(found=1, refresh=3600.0), 0, 3600.0),  # the feed's ttl is a floor
])
def test_next_interval(report: InputReport, errors: int, expected: float) -> None:
    assert next_interval(900.0, 900.0, report, errors) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ('{"url": " https://x.com/a ", "source": "rss", "title": "T", "published": 5}',
     HintedURL("https://x.com/a", Hints(source="feed", title="T"))),  # 5: not a date string
    ('{"url": "https://x.com/c", "source": "news-sitemap", "modified": " "}',
     HintedURL("https://x.com/c", Hints(source="sitemap"))),
    ('{"url": "https://x.com/b", "source": "homepage", "title": "T"}', "https://x.com/b"),
    ('{"url": "https://x.com/b", "source": "podcast", "title": "T"}', "https://x.com/b"),
    ('{"link": "https://x.com/d"}', '{"link": "https://x.com/d"}'),  # fails as invalid_url
    ('{"url": ""}', '{"url": ""}'),
    ('{"url": ["https://x.com/e"]}', '{"url": ["https://x.com/e"]}'),
    ("{not json", "{not json"),
])
def test_candidate_lines_as_fetch_input(line: str, expected: URLInput) -> None:
    assert hinted_url(line) == expected


def test_discover_pipes_into_fetch_with_evidence() -> None:
    """The page states its own date (kept); an undated, untitled page takes the feed's."""
    own, bare = "/2026/12/05/a-page-with-its-own-date", "/2026/12/05/a-page-stating-nothing"
    sitemap = urlset([url_entry(own, "2026-12-04T08:00:00+00:00"),
                      url_entry(bare, "2026-12-04T09:30:00+01:00")])
    rss = (f"<rss><channel><item><title>Feed title</title><link>{bare}</link>"
           f"<pubDate>Fri, 04 Dec 2026 09:00:00 +0100</pubDate></item></channel></rss>")
    home = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
            "</head><body></body></html>")
    routes = {"/": respond(home),
              "/robots.txt": respond("Sitemap: /sitemap.xml\n", content_type="text/plain"),
              "/sitemap.xml": respond(sitemap, content_type=XML),
              "/rss.xml": respond(rss, content_type="application/rss+xml"),
              own: respond(article_page("Its own title", "2026-12-03T07:00:00+00:00")),
              bare: respond(article_page("", None))}
    with Server(routes) as server:
        pipe = " | ".join(shlex.join(map(os.fsdecode, argv)) for argv in (
            newsscrape_argv("discover", server.url("/"), "--delay", "0"),
            newsscrape_argv("fetch", "--delay", "0", "--jobs", "0", "--provenance")))
        fetched = subprocess.run(["/bin/sh", "-c", pipe], capture_output=True, env=cli_env(),
                                 timeout=60, check=False)
    assert fetched.returncode == 0, fetched.stderr
    records = {r["url"]: r for r in map(json.loads, fetched.stdout.decode().splitlines())}
    mine, hinted = records[server.url(own)], records[server.url(bare)]
    assert mine["title"] == "Its own title" and mine["published"] == "2026-12-03T07:00:00+00:00"
    assert mine["modified"] == "2026-12-04T08:00:00+00:00"  # the sitemap's lastmod
    assert mine["provenance"]["modified"]["source"] == "sitemap"
    assert hinted["title"] == "Feed title" and hinted["published"] == "2026-12-04T09:00:00+01:00"
    assert hinted["provenance"]["published"]["source"] == "feed"


def test_watching_a_site_whose_home_page_is_unchanged(tmp_path: Path,
                                                      feed: tuple[Server, ChangingFeed]) -> None:
    """A home page is always read whole (it names the feeds), feeds conditionally."""
    server, changing = feed
    home = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
            "</head></html>")

    def page(ex: Exchange) -> None:
        if ex.handler.headers.get("If-None-Match") == '"home"':
            ex.start(304, {"ETag": '"home"'})
        else:
            respond(home, headers={"ETag": '"home"'})(ex)

    server.routes["/"] = page
    state = str(tmp_path / "site.sqlite")
    assert len(watch(server.url("/"), "--state", state)[1]) == 1
    code, again, err = watch(server.url("/"), "--state", state, "--force")
    assert (code, again) == (0, []), err
    assert changing.conditional[-1] == '"v1"'
