"""``--warc`` (write every page fetched), ``extract FILE.warc.gz`` (read it back), ``--cache``."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Collect, archive_page, article_page, invoke, run_batch, run_cli, run_cli_raw
from httpserver import Server, redirect, respond

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


# --- WARC output fit for archives (issue 12) ------------------------------------------


def _records(path: Path) -> list[Any]:
    """(type, target URI, status, record headers) of every record, in file order."""
    from warcio.archiveiterator import ArchiveIterator

    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            status = record.http_headers.get_statuscode() if (
                record.rec_type == "response" and record.http_headers) else None
            found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                          status, dict(record.rec_headers.headers)))
    return found


def _warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()",
                           "check", "-v", str(path)], capture_output=True, text=True,
                          timeout=60, check=False)


def test_warc_holds_every_exchange_and_passes_warcio_check(server: Server,
                                                            tmp_path: Path) -> None:
    """warcinfo first; a request and a response per exchange, each naming the other;
    the redirect under its own URL; robots.txt, the 404 and the PDF archived too
    (their errors still reported); digests that ``warcio check`` verifies."""
    server.routes["/short"] = redirect("/plain")
    warc = tmp_path / "crawl.warc.gz"
    urls = [server.url("/short"), server.url("/gz"), server.url("/pdf"), server.url("/gone")]
    fetched = run_batch(urls, warc=str(warc))
    assert fetched.kinds() == {server.url("/pdf"): "not_html",
                               server.url("/gone"): "http_status"}
    records = _records(warc)
    assert records[0][0] == "warcinfo"
    responses = {(uri, status) for kind, uri, status, _ in records if kind == "response"}
    assert responses == {(server.url("/robots.txt"), "404"), (server.url("/short"), "302"),
                         (server.url("/plain"), "200"), (server.url("/gz"), "200"),
                         (server.url("/pdf"), "200"), (server.url("/gone"), "404")}
    ids = {headers["WARC-Record-ID"]: (kind, uri) for kind, uri, _, headers in records}
    pairs = [(kind, uri, ids[headers["WARC-Concurrent-To"]])
             for kind, uri, _, headers in records if kind in ("request", "response")]
    assert len(pairs) == 12
    assert all(other == ({"request": "response", "response": "request"}[kind], uri)
               for kind, uri, other in pairs)
    check = _warcio_check(warc)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout and "fail" not in check.stdout.lower()


def test_re_extraction_gives_each_input_once_under_its_own_url(server: Server,
                                                               tmp_path: Path) -> None:
    """A short link and its landing page both fetched: two records, the short link's
    under its own URL with final_url the landing page, the source naming the record."""
    server.routes["/short"] = redirect("/plain")
    warc = tmp_path / "crawl.warc.gz"
    fetched = run_batch([server.url("/short"), server.url("/plain")], warc=str(warc),
                        ordered=True, per_host=1)
    sink = Collect()
    extract_files([str(warc)], sink)
    assert sink.failures == []
    assert sorted((r.url, r.final_url) for r in sink.records) == sorted(
        (r.url, r.final_url) for r in fetched.records)
    assert {r.url for r in sink.records} == {server.url("/short"), server.url("/plain")}
    assert all(r.source and r.source.startswith(f"{warc}#urn:uuid:") for r in sink.records)


@pytest.mark.parametrize(("name", "head"), [("crawl.warc", b"WARC/1.1"),
                                            ("crawl.warc.gz", b"\x1f\x8b")])
def test_warc_compression_follows_the_file_name(name: str, head: bytes, server: Server,
                                                tmp_path: Path) -> None:
    warc = tmp_path / name
    run_batch([server.url("/plain")], warc=str(warc), respect_robots=False)
    assert warc.read_bytes().startswith(head)
    sink = Collect()
    extract_files([str(warc)], sink)
    assert [r.url for r in sink.records] == [server.url("/plain")]


def test_a_warc_on_stdin_is_read_as_one(server: Server, tmp_path: Path) -> None:
    """``cat x.warc.gz | newsscrape extract -``: recognised by its bytes."""
    warc = tmp_path / "crawl.warc.gz"
    run_batch([server.url("/plain"), server.url("/gz")], warc=str(warc))
    result = run_cli_raw("extract", "-", stdin=warc.read_bytes())
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["url"] for r in records) == sorted([server.url("/plain"),
                                                        server.url("/gz")])
    assert all(r["source"].startswith("stdin#urn:uuid:") for r in records)


def test_cache_hits_are_not_archived_again(server: Server, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    run_batch([server.url("/fresh")], cache_dir=cache, respect_robots=False,
              warc=str(tmp_path / "first.warc.gz"))
    again = run_batch([server.url("/fresh")], cache_dir=cache, respect_robots=False,
                      warc=str(tmp_path / "second.warc.gz"))
    assert len(again.records) == 1
    assert [k for k, *_ in _records(tmp_path / "first.warc.gz")] == [
        "warcinfo", "response", "request"]
    assert [k for k, *_ in _records(tmp_path / "second.warc.gz")] == ["warcinfo"]
