"""The discovery parsers and rules on their own: case tables, and hypothesis fuzzing
(whatever the bytes, a parser ends with entries or a ``SourceError``/``TooLargeError``,
never another exception, and never reads past its cap)."""

from __future__ import annotations

import contextlib
import gzip
import io
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsscrape.discover.feeds import read_feed, read_json_feed
from newsscrape.discover.homepage import looks_like_article, looks_like_section, read_links
from newsscrape.discover.resource import Body, Kind, escape_ampersands, open_body, sniff
from newsscrape.discover.seen import Seen
from newsscrape.discover.sitemaps import (
    Child,
    read_sitemap_index,
    read_text_sitemap,
    read_xml_sitemap,
)
from newsscrape.discover.window import Clock, Window, parse_duration, parse_instant, url_period
from newsscrape.errors import SourceError, TooLargeError
from newsscrape.output import discovered_line, to_jsonl
from newsscrape.record import DiscoveredURL

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def body(data: bytes, cap: int = 1 << 20):  # type: ignore[no-untyped-def]
    return open_body(io.BytesIO(data), cap)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-12-01", "2026-12-01"),
    ("2026-12-01T10:00Z", "2026-12-01T10:00:00+00:00"),
    ("2026-12-01T10:00:00.123+01:00", "2026-12-01T10:00:00+01:00"),
    ("Tue, 01 Dec 2026 10:00:00 GMT", "2026-12-01T10:00:00+00:00"),
    ("2026-02-30", None), ("garbage", None), ("", None), ("2031-01-01", None),
    ("1970-01-01T00:00:00Z", None),
])
def test_clock_normal_forms(raw: str, expected: str | None) -> None:
    assert Clock(NOW).normal(raw) == expected


@pytest.mark.parametrize(("text", "seconds"), [
    ("90s", 90), ("15m", 900), ("24h", 86400), ("7d", 604800), ("2w", 1209600),
    ("0h", None), ("1y", None), ("soon", None)])
def test_durations(text: str, seconds: float | None) -> None:
    assert parse_duration(text) == seconds


def test_instants_and_window() -> None:
    assert parse_instant("24h", NOW) == NOW - timedelta(hours=24)
    assert parse_instant("2026-08-01T00:00Z", NOW) == datetime(2026, 8, 1, tzinfo=UTC)
    assert parse_instant("2026-08-01", NOW) == datetime(2026, 8, 1, tzinfo=UTC)
    assert parse_instant("last week", NOW) is None
    window = Window(since=datetime(2026, 12, 1, 12, tzinfo=UTC))
    assert window.admits("2026-12-01")  # the day overlaps the window
    assert not window.admits("2026-11-30")
    assert window.admits("2026-12-01T08:00:00-05:00")  # 13:00 UTC
    assert not window.admits("2026-12-01T11:59:59")  # naive: UTC


@pytest.mark.parametrize(("url", "lastmod", "skipped"), [
    ("https://x.com/sitemap-2026-11.xml", None, True),
    ("https://x.com/sitemap-2026-12.xml", None, False),
    ("https://x.com/sitemap-2026-11.xml", "2026-12-02T00:00:00+00:00", False),  # lastmod wins
    ("https://x.com/posts.xml", "2026-11-30T00:00:00+00:00", True),
    ("https://x.com/posts.xml", None, False),
    ("https://x.com/s.xml?yyyy=2025&mm=4", None, True),
    ("https://x.com:2019/posts.xml", None, False),  # a port is no year
])
def test_children_wholly_before_the_window_are_skipped(url: str, lastmod: str | None,
                                                       skipped: bool) -> None:
    assert Window(since=datetime(2026, 12, 1, tzinfo=UTC)).skips_child(url, lastmod) is skipped


def test_url_periods() -> None:
    start, end = url_period("https://x.com/sitemaps/2024/02/29.xml") or (None, None)
    assert start == datetime(2024, 2, 29, tzinfo=UTC) and end == datetime(2024, 3, 1, tzinfo=UTC)
    assert url_period("https://x.com/sitemap-2.xml") is None


@pytest.mark.parametrize(("url", "article"), [
    ("https://x.com/2026/12/01/council-approves-park", True),
    ("https://x.com/news/council-approves-the-new-riverside-park", True),
    ("https://x.com/world/story-1234567.html", True),
    ("https://x.com/tag/council-approves-the-new-park", False),
    ("https://x.com/author/jane-doe-the-reporter-here", False),
    ("https://x.com/politics/", False),
    ("https://x.com/", False),
    ("https://x.com/images/2026/12/01/photo.jpg", False),
])
def test_article_links(url: str, article: bool) -> None:
    assert looks_like_article(url) is article


def test_section_links_and_page_links() -> None:
    assert looks_like_section("https://x.com/politics/")
    assert not looks_like_section("https://x.com/2026/12/01/council-approves-park")
    links = read_links('<html><head><base href="/news/"><link rel="alternate" '
                       'type="application/rss+xml; charset=utf-8" href="feed.xml">'
                       '<link rel="sitemap" href="/s.xml"></head><body><a href="a#top">a</a>'
                       '<a href="mailto:x@y">m</a></body></html>', "https://x.com/")
    assert links.feeds == ("https://x.com/news/feed.xml",)
    assert links.sitemaps == ("https://x.com/s.xml",)
    assert links.links == ("https://x.com/news/a",)


def test_candidates_merge_fills_gaps_only() -> None:
    rich = DiscoveredURL(url="u", source="rss", via="f", title="T", published="2026-12-01")
    plain = DiscoveredURL(url="u", source="sitemap", via="s", title="other",
                      modified="2026-12-02")
    merged = rich.merged(plain)
    assert (merged.source, merged.title, merged.published, merged.modified) == \
        ("rss", "T", "2026-12-01", "2026-12-02")


def test_seen_is_exact_within_a_source_and_recalls_across_sources() -> None:
    seen = Seen()
    first, second = set[int](), set[int]()
    assert all(seen.first(f"https://x.com/{i}", first) for i in range(1000))
    assert not seen.first("https://x.com/500", first)
    assert not seen.first("https://x.com/999", second)  # came out from the first source
    assert seen.known("https://x.com/1") and not seen.known("https://x.com/1000")


@FUZZ
@given(urls=st.lists(st.integers(min_value=0, max_value=40), max_size=200),
       cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=5))
def test_seen_never_drops_a_url_that_did_not_come_out(urls: list[int],
                                                       cuts: list[int]) -> None:
    """With a table of 4 slots most cross-source repeats get through (the documented
    trade-off), but a URL is only ever dropped after it came out, and never twice in one
    source."""
    seen, source, out = Seen(slots=4), set[int](), set[str]()
    per_source: list[str] = []
    for n, u in enumerate(urls):
        if n in cuts:
            source, per_source = set(), []
        url = f"https://x.com/{u}"
        if seen.first(url, source):
            assert url not in per_source
            per_source.append(url)
            out.add(url)
        else:
            assert url in out
    assert out == {f"https://x.com/{u}" for u in urls}


def test_sitemap_streams_entries_children_and_odd_namespaces() -> None:
    doc = (b'<?xml version="1.0"?><urlset xmlns="http://www.google.com/schemas/sitemap/0.84">'
           b"<url><loc> https://x.com/a </loc><lastmod>2026-12-01</lastmod></url>"
           b"<url><loc></loc></url><url><loc>https://x.com/b?a=1&c=2</loc></url></urlset>")
    items = list(read_xml_sitemap(Body(escape_ampersands(body(doc).chunks()))))
    assert items[0] == ("https://x.com/a", "2026-12-01", None)
    assert [i[0] for i in items] == ["https://x.com/a", "https://x.com/b?a=1&c=2"]
    split = [doc[:i] for i in range(1, len(doc))]  # a bare "&" at every chunk boundary
    for cut in range(len(doc) - 1):
        halves = iter([split[cut], doc[cut + 1:]])
        assert b"".join(escape_ampersands(halves)).count(b"&amp;") == 1
    index = b"<sitemapindex><sitemap><loc>https://x.com/s1.xml</loc></sitemap></sitemapindex>"
    assert list(read_sitemap_index(body(index))) == [Child("https://x.com/s1.xml", None)]
    assert list(read_xml_sitemap(body(index))) == []  # an index lists no entries


def test_text_sitemaps_and_sniffing() -> None:
    text = b"https://x.com/a\r\n\nnot a url\nhttps://x.com/b"
    assert [e[0] for e in read_text_sitemap(body(text))] == ["https://x.com/a", "https://x.com/b"]
    assert sniff(body(gzip.compress(b"<urlset></urlset>")), None) is Kind.SITEMAP
    assert sniff(body(b"<sitemapindex></sitemapindex>"), None) is Kind.SITEMAP_INDEX
    assert sniff(body(b"\xef\xbb\xbf<rss></rss>"), None) is Kind.FEED
    assert sniff(body(b'{"version": 1}'), None) is Kind.JSON_FEED
    assert sniff(body(b"<p>hi</p>"), "text/html") is Kind.HTML
    with pytest.raises(SourceError):
        sniff(body(b"\x00\x01binary"), "application/octet-stream")
    with pytest.raises(SourceError, match="DOCTYPE"):
        sniff(body(b'<!DOCTYPE urlset SYSTEM "x.dtd"><urlset></urlset>'), None)
    assert sniff(body(b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x">'
                      b"<rss></rss>"), None) is Kind.FEED


def test_feeds_of_every_flavour() -> None:
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           b'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           b"<channel><title>c</title><dc:language>de</dc:language></channel>"
           b"<item><title>A &lt;b&gt;bold&lt;/b&gt; title</title><link>/x</link>"
           b"<dc:date>2026-12-01T10:00:00+01:00</dc:date></item></rdf:RDF>")
    feed = read_feed(rdf, "https://x.com/feed")
    assert feed.kind == "rss"
    item = feed.items[0]
    assert (item.url, item.title, item.published, item.language) == \
        ("https://x.com/x", "A bold title", "2026-12-01T10:00:00+01:00", "de")
    atom03 = (b'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>t</title>'
              b'<link rel="alternate" type="text/html" href="https://x.com/y"/>'
              b"<issued>2026-12-01T10:00:00Z</issued><modified>2026-12-02T10:00:00Z</modified>"
              b"</entry></feed>")
    entry = read_feed(atom03, "https://x.com/").items[0]
    assert (entry.url, entry.published, entry.modified) == \
        ("https://x.com/y", "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z")
    rss = (b"<rss><channel><ttl>60</ttl><item><guid>https://x.com/g</guid></item>"
           b'<item><guid isPermaLink="false">abc</guid></item></channel></rss>')
    parsed = read_feed(rss, "https://x.com/")
    assert [i.url for i in parsed.items] == ["https://x.com/g"] and parsed.refresh == 3600
    with pytest.raises(SourceError):
        read_json_feed(b'{"items": []}', "https://x.com/")


# --- fuzzing ----------------------------------------------------------------------------

XMLISH = st.lists(st.sampled_from([
    b"<urlset>", b"</urlset>", b"<url>", b"</url>", b"<loc>", b"</loc>", b"https://x.com/a",
    b"<sitemapindex>", b"<sitemap>", b"<lastmod>", b"2026-12-01", b"&amp;", b"&lol;", b"<!--",
    b"-->", b"<![CDATA[", b"]]>", b"<!DOCTYPE x [<!ENTITY lol 'a'>]>", b"\x00", b"\xff",
    b"<rss>", b"<channel>", b"<item>", b"<link>", b"<feed>", b"<entry>", b'<link href="/b"/>',
    b"<news:news>", b"{", b"}", b'"items"', b"\n",
]), max_size=40).map(b"".join)


@FUZZ
@given(data=st.one_of(XMLISH, st.binary(max_size=2000)))
def test_parsers_never_raise_anything_else(data: bytes) -> None:
    for attempt in (lambda: list(read_xml_sitemap(body(data))),
                    lambda: list(read_sitemap_index(body(data))),
                    lambda: list(read_text_sitemap(body(data))),
                    lambda: read_feed(data, "https://x.com/"),
                    lambda: read_json_feed(data, "https://x.com/"),
                    lambda: sniff(body(data), None)):
        with contextlib.suppress(SourceError, TooLargeError):
            attempt()


@FUZZ
@given(data=st.binary(max_size=5000), cap=st.integers(min_value=1, max_value=3000))
def test_gunzip_never_exceeds_its_cap(data: bytes, cap: int) -> None:
    packed = gzip.compress(data)
    reader = body(packed, cap)
    try:
        out = reader.read()
    except TooLargeError:
        assert len(data) > cap
    else:
        assert out == data and len(out) <= cap


@FUZZ
@given(text=st.text(max_size=30), words=st.lists(st.text(max_size=8), max_size=3))
def test_candidate_lines_are_what_to_jsonl_writes(text: str, words: list[str]) -> None:
    candidate = DiscoveredURL(url="https://x.com/" + text, source="rss", via=text,
                              title=text or None, keywords=tuple(words),
                              discovered_at="2026-12-05T12:00:00+00:00")
    assert discovered_line(candidate) == to_jsonl(candidate.to_dict())
