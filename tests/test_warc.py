"""``--warc`` (write every page fetched), ``extract FILE.warc.gz`` (read it back), ``--cache``."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Collect, archive_page, article_page, invoke, run_batch, run_cli
from httpserver import Server, respond

from newsscrape.batch.offline import extract_files
from newsscrape.document.warc import is_warc

TEXT = "The harbour council voted to rebuild the old pier before the summer season. " * 4
PAGE = article_page("Pier vote", TEXT)


@pytest.fixture
def server() -> Iterator[Server]:
    routes = {
        "/plain": respond(PAGE, content_type="text/html; charset=utf-8"),
        "/gz": respond(gzip.compress(PAGE.encode()), content_type="text/html; charset=utf-8",
                       headers={"Content-Encoding": "gzip"}),
        "/fresh": respond(PAGE, content_type="text/html",
                          headers={"Cache-Control": "max-age=600"}),
        "/nostore": respond(PAGE, content_type="text/html",
                            headers={"Cache-Control": "no-store"}),
        "/pdf": respond(b"%PDF-1.7", content_type="application/pdf"),
    }
    with Server(routes) as srv:
        yield srv


def test_warc_round_trip(server: Server, tmp_path: Path) -> None:
    """Fetched pages (plain and gzip) go into the WARC; ``extract`` gives the same records."""
    warc = tmp_path / "crawl.warc.gz"
    urls = [server.url("/plain"), server.url("/gz"), server.url("/pdf")]
    fetched = run_batch(urls, warc=str(warc))
    assert len(fetched.records) == 2
    assert is_warc(str(warc))

    again = Collect()
    extract_files([str(warc)], again)
    assert again.failures == []
    by_url = {r.url: r for r in again.records}
    assert set(by_url) == {server.url("/plain"), server.url("/gz")}
    for original in fetched.records:
        copy = by_url[original.url]
        for key in ("title", "text", "word_count", "final_url", "status"):
            assert getattr(copy, key) == getattr(original, key), key
        assert copy.fetched_at is not None


def test_warc_is_appended_across_runs(server: Server, tmp_path: Path) -> None:
    """A second run adds its pages to the same WARC file."""
    warc = tmp_path / "crawl.warc.gz"
    run_batch([server.url("/plain")], warc=str(warc))
    run_batch([server.url("/gz")], warc=str(warc))
    sink = Collect()
    extract_files([str(warc)], sink)
    assert len(sink.records) == 2


def test_extract_detects_warc_by_content(server: Server, tmp_path: Path) -> None:
    """A WARC file without the usual suffix is still read as one."""
    warc = tmp_path / "crawl.warc.gz"
    run_batch([server.url("/plain")], warc=str(warc))
    renamed = tmp_path / "archive.bin"
    warc.rename(renamed)
    assert is_warc(str(renamed))
    assert not is_warc(str(Path(__file__)))


def test_cli_extract_warc(server: Server, tmp_path: Path) -> None:
    """``newsscrape extract FILE.warc.gz`` prints one record per HTML response."""
    warc = tmp_path / "crawl.warc.gz"
    run_batch([server.url("/plain")], warc=str(warc))
    result = run_cli("extract", warc)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["url"] == server.url("/plain")


def _archive(path: Path, bodies: list[bytes]) -> Path:
    """A .warc.gz with one HTML response per body, written as ``--warc`` writes them."""

    from newsscrape.fetcher.archive import WarcArchive

    archive = WarcArchive(path)
    for i, body in enumerate(bodies):
        archive_page(archive, f"http://127.0.0.1/p{i}", body)
    archive.close()
    return path


def test_truncated_warc_gives_its_records_and_one_error(tmp_path: Path) -> None:
    """A .warc.gz cut short mid-record: the records before the cut, then one ``input``
    error for the file (warcio alone reads it to the end without a word)."""
    whole = _archive(tmp_path / "whole.warc.gz", [PAGE.encode()] * 3).read_bytes()
    two = len(_archive(tmp_path / "two.warc.gz", [PAGE.encode()] * 2).read_bytes())
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: two + (len(whole) - two) // 3])  # inside the third response
    sink = Collect()
    extract_files([str(cut)], sink)
    assert len(sink.records) == 2
    [error] = sink.failures
    assert error.input == str(cut) and error.kind == "input" and "truncated" in error.message


@pytest.mark.parametrize("content", [b"", b"not a warc at all"])
def test_warc_without_html_responses_is_one_error(content: bytes, tmp_path: Path) -> None:
    empty = tmp_path / "empty.warc"
    empty.write_bytes(content)
    sink = Collect()
    extract_files([str(empty)], sink)
    assert sink.records == []
    [error] = sink.failures
    assert error.input == str(empty) and error.kind == "input"


def test_warc_record_over_max_bytes_is_too_large(tmp_path: Path) -> None:
    big = f"<html><body><article><p>{TEXT * 200}</p></article></body></html>".encode()
    archive = _archive(tmp_path / "a.warc.gz", [PAGE.encode(), big])
    sink = Collect()
    extract_files([str(archive)], sink, max_bytes=len(big) - 1)
    assert len(sink.records) == 1
    assert [(f.input, f.kind) for f in sink.failures] == [("http://127.0.0.1/p1", "too_large")]


def test_cli_url_with_a_warc_is_a_usage_error(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "a.warc.gz", [PAGE.encode()])
    result = invoke("extract", archive, "--url", "http://127.0.0.1/")
    assert result.exit_code == 2 and "WARC" in result.output


def test_cache_serves_fresh_pages(server: Server, tmp_path: Path) -> None:
    """Re-running a list with ``--cache``: fresh pages (max-age) are not requested again,
    ``no-store`` ones are."""
    urls = [server.url("/fresh"), server.url("/nostore")]
    first = run_batch(urls, cache_dir=str(tmp_path / "cache"))
    assert len(first.records) == 2
    server.clear()
    second = run_batch(urls, cache_dir=str(tmp_path / "cache"))
    assert [r.title for r in second.records] == ["Pier vote", "Pier vote"]
    assert "/fresh" not in server.paths()
    assert "/nostore" in server.paths()


def test_feeds_archived_beside_pages_are_skipped(tmp_path: Path) -> None:
    """A WARC holds whatever a crawler fetched: XML feeds and sitemaps are not pages
    (skipped like images), XHTML served as XML is one."""

    from newsscrape.fetcher.archive import WarcArchive

    rss = b"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title></channel></rss>"
    xhtml = ("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body><article>"
             f"<p>{TEXT}</p></article></body></html>").encode()
    archive = WarcArchive(tmp_path / "mixed.warc.gz")
    for i, (body, mime) in enumerate([(PAGE.encode(), "text/html"), (rss, "application/xml"),
                                      (rss, "application/rss+xml"), (xhtml, "text/xml")]):
        archive_page(archive, f"http://127.0.0.1/p{i}", body, content_type=mime)
    archive.close()
    sink = Collect()
    extract_files([str(tmp_path / "mixed.warc.gz")], sink)
    assert sorted(r.url or "" for r in sink.records) == ["http://127.0.0.1/p0",
                                                          "http://127.0.0.1/p3"]
    assert sink.failures == []
