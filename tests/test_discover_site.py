"""``newsscrape discover`` against a generated site on 127.0.0.1 (``discover_site.py``).

Server hit counts prove which sitemaps were (not) requested; the site's dates hang on a
fixed clock (``NOW``), and windows are given as instants around it, or through the
library's ``Settings(now=...)``.
"""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from conftest import cli_env, invoke, newsscrape_argv
from discover_site import NOW, XML, NewsSite, index, url_entry, urlset
from httpserver import Server, countdown, redirect, respond, slow_start

from newsscrape.discover import discover
from newsscrape.record import DiscoveredURL, Failure

FAST = {"delay": 0, "timeout": 5, "retries": 0}


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with Server() as server:
        yield NewsSite(server).install()


def run(*args: str) -> tuple[int, list[dict[str, Any]], str]:
    """``newsscrape discover ARGS --delay 0``: exit code, candidate lines, stderr."""
    result = invoke("discover", *args, "--delay", "0", "--retries", "0", "--timeout", "5")
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def found(inputs: str | list[str], **options: Any) -> list[DiscoveredURL | Failure]:
    return list(discover(inputs, **{**FAST, "now": NOW, **options}))


def test_a_site_gives_every_article_once_with_its_richest_fields(site: NewsSite) -> None:
    code, lines, err = run(site.url("/"))
    assert code == 0, err
    urls = [c["url"] for c in lines]
    assert len(urls) == len(set(urls))
    expected = {site.url(s.path) for s in site.stories}
    expected |= {site.url("/2025/01/10/an-old-story-from-last-year"),
                 site.url("/about/the-gazette-and-its-history-page")}
    assert set(urls) == expected  # the cross-site entry is dropped
    by_url = {c["url"]: c for c in lines}
    rss = by_url[site.url(site.stories[0].path)]
    assert rss["source"] == "rss" and rss["via"] == site.url("/rss.xml")
    assert rss["title"] == "Council story number 0 & the park"
    assert rss["published"] == "2026-12-05T11:00:00+00:00" and rss["language"] == "en"
    atom = by_url[site.url(site.stories[1].path)]
    assert atom["source"] == "atom" and atom["modified"] == "2026-12-04T18:00:00+00:00"
    assert atom["keywords"] == ["park", "council"]  # merged from the news sitemap
    assert by_url[site.url(site.stories[2].path)]["source"] == "jsonfeed"
    plain = by_url[site.url(site.stories[20].path)]
    assert plain["source"] == "sitemap" and plain["title"] is None
    assert plain["modified"] == site.stories[20].published.isoformat()
    assert plain["via"] == site.url("/sitemaps/2026-11.xml.gz")  # gzip by magic bytes
    for n in (7, 8, 9):  # garbage lastmod values: no date from the sitemap, no error
        assert by_url[site.url(site.stories[n].path)]["source"] != "sitemap"
    assert set(lines[0]) == {"url", "source", "via", "published", "modified", "title",
                             "language", "keywords", "discovered_at"}


def test_news_sitemap_fields_are_kept(site: NewsSite) -> None:
    code, lines, _ = run(site.url("/sitemaps/news.xml"))
    assert code == 0
    first = lines[0]
    assert first["source"] == "news-sitemap" and first["language"] == "en"
    assert first["title"] == "Council story number 0 & the park"
    assert first["keywords"] == ["park", "council"]
    assert first["published"] == site.stories[0].published.isoformat()


def test_since_never_fetches_old_sitemaps(site: NewsSite) -> None:
    since = (NOW - timedelta(days=3)).isoformat()
    code, lines, err = run(site.url("/"), "--since", since)
    assert code == 0, err
    assert site.hits("/sitemaps/2026-11.xml.gz") == 0  # index lastmod before the window
    assert site.hits("/sitemaps/posts-2025.xml") == 0  # a date in its URL
    assert site.hits("/sitemaps/2026-12.xml.gz") == 1
    dated = {c["url"] for c in lines if c["published"] or c["modified"]}
    recent = NOW - timedelta(days=3)
    assert dated == {site.url(s.path) for s in site.stories if s.published >= recent}
    undated = [c for c in lines if not (c["published"] or c["modified"])]
    assert [c["url"] for c in undated] == [site.url("/about/the-gazette-and-its-history-page")]
    _, dropped, _ = run(site.url("/"), "--since", since, "--undated", "drop")
    assert {c["url"] for c in dropped} == dated


def test_library_window_with_a_fixed_clock(site: NewsSite) -> None:
    out = found(site.url("/"), since=NOW - timedelta(hours=24),
                until=NOW - timedelta(hours=2), undated="drop")
    assert all(isinstance(c, DiscoveredURL) for c in out)
    assert [c.url for c in out if isinstance(c, DiscoveredURL)] == [site.url(site.stories[1].path)]


def test_max_urls_include_exclude(site: NewsSite) -> None:
    _, lines, _ = run(site.url("/sitemaps/2026-11.xml.gz"), "--max-urls", "3")
    assert len(lines) == 3
    _, lines, _ = run(site.url("/sitemaps/2026-11.xml.gz"), "--include", r"number-1\d-",
                      "--exclude", "number-13-")
    assert sorted(c["url"].split("number-")[1][:2] for c in lines) == \
        ["10", "11", "12", "14", "15", "16", "17", "18", "19"]


def test_cross_site_entries_need_all_sites(site: NewsSite) -> None:
    _, lines, _ = run(site.url("/sitemaps/2026-12.xml.gz"), "--all-sites")
    assert any(c["url"].startswith("https://elsewhere.example/") for c in lines)


def test_homepage_harvest_keeps_article_links_only(site: NewsSite) -> None:
    code, lines, _ = run(site.url("/"), "--sources", "homepage")
    assert code == 0
    assert {c["url"] for c in lines} == {site.url(s.path) for s in site.stories[:8]}
    assert {c["source"] for c in lines} == {"homepage"}
    assert site.hits("/local/") == 1  # a section page, harvested too
    assert site.hits("/sitemap_index.xml") == 0


def test_guesses_only_when_nothing_is_named_and_404_is_no_error() -> None:
    body = urlset([url_entry("/2026/12/01/a-story-found-by-guessing-the-path", "2026-12-01")])
    with Server({"/": respond("<html><body>no links</body></html>"),
                 "/sitemap.xml": respond(body, content_type=XML)}) as server:
        code, lines, err = run(server.url("/"))
        assert code == 0, err
        story = server.url("/2026/12/01/a-story-found-by-guessing-the-path")
        assert [c["url"] for c in lines] == [story]
        assert "/feed" in server.paths() and "/sitemap_index.xml" not in server.paths()
        assert err.count("newsscrape:") == 1  # the summary only


def test_a_site_with_no_sources_fails() -> None:
    with Server({"/": respond("<html><body>nothing</body></html>")}) as server:
        code, lines, err = run(server.url("/"))
    assert code == 1 and lines == []
    assert "no feed or sitemap found" in err


def test_cycles_and_depth() -> None:
    routes = {"/a.xml": respond(index([("/b.xml", None)]), content_type=XML),
              "/b.xml": respond(index([("/a.xml", None), ("/c.xml", None)]), content_type=XML),
              "/c.xml": respond(urlset([url_entry("/2026/12/01/the-story-at-the-bottom")]),
                                content_type=XML)}
    for n in range(6):
        routes[f"/deep{n}.xml"] = respond(index([(f"/deep{n + 1}.xml", None)]),
                                          content_type=XML)
    with Server(routes) as server:
        code, lines, _ = run(server.url("/a.xml"))
        bottom = server.url("/2026/12/01/the-story-at-the-bottom")
        assert code == 0 and [c["url"] for c in lines] == [bottom]
        assert server.paths().count("/a.xml") == 1
        out = found(server.url("/deep0.xml"))
        assert [f.kind for f in out if isinstance(f, Failure)] == ["bad_source"]
        assert "/deep3.xml" in server.paths() and "/deep4.xml" not in server.paths()


def test_hostile_documents_fail_alone() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * 1024 * 1024) + b"</urlset>", 9)
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
                     for i in range(10))
           + ']><urlset><url><loc>http://x/&lol9;</loc></url></urlset>')
    feed = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss><channel>'
            "<item><link>/a</link></item></channel></rss>")
    routes = {"/bomb.xml.gz": respond(bomb, content_type="application/gzip"),
              "/lol.xml": respond(lol, content_type=XML),
              "/subset.rss": respond(feed, content_type=XML),
              "/loop.xml": countdown("/loop.xml", "/loop.xml"),
              "/html": respond("<html><body>a page</body></html>", content_type=XML)}
    with Server(routes) as server:
        urls = [server.url(p) for p in ("/bomb.xml.gz", "/lol.xml", "/subset.rss", "/loop.xml?n=2")]
        out = found(urls, max_bytes=1024 * 1024)
    kinds = {f.input.split("/")[-1]: f.kind for f in out if isinstance(f, Failure)}
    assert kinds == {"bomb.xml.gz": "too_large", "lol.xml": "bad_source",
                     "subset.rss": "bad_source", "loop.xml?n=2": "redirect"}
    assert not [c for c in out if isinstance(c, DiscoveredURL)]


def test_errors_file_and_exit_status(tmp_path: Any, site: NewsSite) -> None:
    site.server.routes["/gone.xml"] = respond("gone", status=410)
    errors = tmp_path / "errors.jsonl"
    code, lines, err = run(site.url("/sitemaps/news.xml"), site.url("/gone.xml"),
                           "not a url", "--errors", str(errors))
    assert code == 1 and len(lines) == 3
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {(r["url"], r["error"]["kind"]) for r in rows} == {
        (site.url("/gone.xml"), "http_status"), ("not a url", "invalid_url")}
    assert "2 failed" in err


def test_redirected_source_and_text_sitemap(site: NewsSite) -> None:
    site.server.routes["/moved.txt"] = redirect("/sitemaps/extra.txt", 301)
    _, lines, _ = run(site.url("/moved.txt"))
    assert lines[0]["via"] == site.url("/sitemaps/extra.txt")



def test_ctrl_c_ends_the_run_at_once_with_130() -> None:
    slow = slow_start(30, respond("<urlset></urlset>", content_type=XML))
    with Server({"/slow.xml": slow}) as server, _discovering(server.url("/slow.xml")) as proc:
        deadline = time.monotonic() + 20
        while "/slow.xml" not in server.paths() and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)  # not the 30 s the download would take
    assert proc.returncode == 130
    assert b"interrupted" in err and b"Traceback" not in err


def test_a_closed_stdout_ends_the_run_quietly_with_0() -> None:
    """``discover … | head -1``: the reader goes away while the parse thread writes."""
    big = urlset([url_entry(f"/2026/12/01/story-number-{n}-of-many") for n in range(20_000)])
    with Server({"/big.xml": respond(big, content_type=XML)}) as server, \
            _discovering(server.url("/big.xml")) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert json.loads(proc.stdout.readline())["url"].startswith(server.url("/2026/"))
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=60) == 0, stderr
    assert b"Traceback" not in stderr and b"cannot" not in stderr


def _discovering(url: str) -> subprocess.Popen[bytes]:
    """``newsscrape discover URL`` running, its stdout and stderr piped."""
    return subprocess.Popen(newsscrape_argv("discover", url, "--delay", "0"),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=cli_env())
