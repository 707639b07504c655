"""spark-warc and spark-fetch on a local Spark (one JVM for the whole session).

The rows must be ``newsscrape extract``'s records and error lines, field for field,
plus the WARC columns; every page and every URL must end as a record or an error row;
reruns skip what is written; the per-page time limit must stop a page that really
hangs. The time limit itself (a worker killed and replaced) is ``test_timeouts``'.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import cli_env
from httpserver import Server, respond
from sites import assert_spaced, sites
from warcfiles import PAGES, fixture_pages, write_corrupt_warc, write_warc

from newsscrape.batch.extract import extract_outcome
from newsscrape.cli import cli
from newsscrape.options import ExtractOptions
from newsscrape.output import error_row, record_row
from newsscrape.record import Failure, Page, Record
from newsscrape.spark.manifest import select, warc_time
from newsscrape.spark.sources import open_uri
from newsscrape.spark.store import Store, error_columns, record_columns

pytestmark = pytest.mark.spark

NAMES = sorted(p.stem for p in PAGES.glob("*.html"))
DEEP = 40_000
"""Nesting depth of the pathological page: seconds in the HTML parser, inside C code."""


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One SparkSession on local[1] for every test here, bound to loopback only."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed (Spark needs a JVM, Java 17 or newer)")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("newsscrape-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               # a short-lived JVM that mostly waits on Python: the quick JIT and a
               # simple collector start it in about 7 s instead of 10-13 s here
               .config("spark.driver.extraJavaOptions",
                       "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two good WARCs (one with a PDF response, one with a page holding no article) and
    one cut short."""
    folder = tmp_path_factory.mktemp("warcs")
    nothing = ("https://news2.example.org/empty", b"<html><body><nav>Home</nav></body></html>")
    return [write_warc(folder / "a.warc.gz", fixture_pages(NAMES[:4]), pdf=True),
            write_warc(folder / "b.warc.gz", [*fixture_pages(NAMES[4:8]), nothing]),
            write_corrupt_warc(folder / "c.warc.gz", fixture_pages(NAMES[8:10]))]


def spark_cli(*args: str) -> tuple[int, str]:
    """Run a spark command in this process (it joins the session's SparkSession)."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def manifest(tmp_path: Path, entries: list[str]) -> str:
    path = tmp_path / "manifest.txt"
    path.write_text("# WARCs\n" + "\n".join(entries) + "\n")
    return str(path)


def rows(folder: Path) -> list[dict[str, Any]]:
    """Every row of an output folder (records or errors), Parquet or JSONL."""
    import pyarrow.parquet as pq

    out: list[dict[str, Any]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".parquet":
            out += pq.read_table(path).to_pylist(maps_as_pydicts="strict")
        else:
            out += [json.loads(line) for line in path.read_text().splitlines()]
    return out


def extract_cli(files: list[Path], tmp_path: Path) -> tuple[list[dict[str, Any]], list[Any]]:
    """What ``newsscrape extract FILES --errors E`` writes: records and error lines."""
    out, err = tmp_path / "extract.jsonl", tmp_path / "extract.err"
    CliRunner().invoke(cli, ["extract", "-o", str(out), "--errors", str(err), "--jobs", "1",
                             *map(str, files)])
    return ([json.loads(line) for line in out.read_text().splitlines()],
            [json.loads(line) for line in err.read_text().splitlines()])


def _by_uri(lines: list[dict[str, Any]], warcs: list[Path],
            uris: list[str]) -> list[dict[str, Any]]:
    """``extract``'s lines with each WARC's path written as the manifest's URI."""
    text = json.dumps(lines)
    for warc, uri in zip(warcs, uris, strict=True):
        text = text.replace(json.dumps(str(warc))[1:-1], uri)
    out: list[dict[str, Any]] = json.loads(text)
    return out


def by_url(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda r: (r["url"], json.dumps(r, sort_keys=True)))


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_rows_equal_extract_and_rerun_writes_nothing(spark: Any, warcs: list[Path],
                                                     tmp_path: Path, fmt: str) -> None:
    warcs = [*warcs, warcs[0].parent / "missing.warc.gz"]
    uris = [w.as_uri() for w in warcs]
    out = tmp_path / "out"
    code, output = spark_cli("spark-warc", manifest(tmp_path, uris), str(out), "--format", fmt)
    assert code == 1, output
    assert "4 WARCs (0 already done)" in output
    # pages: 4 + 5 + 1 read before the cut; failed: the cut, the missing file, the page
    # without an article
    assert "html 10, kept 9, failed 3" in output

    records, errors = extract_cli(warcs, tmp_path)
    got = rows(out / "records")
    for row in got:  # extract names a WARC by path, the manifest by URI
        uri = row.pop("warc_path")
        assert uri in uris
        record_id = row.pop("warc_record_id")
        assert record_id.startswith("urn:uuid:") and row["source"] == f"{uri}#{record_id}"
        assert row.pop("warc_date") == row["fetched_at"] == "2024-03-01T10:00:00+00:00"
    assert by_url(got) == by_url(_by_uri(records, warcs, uris))  # every field, every value

    expected = _by_uri([{"url": e["url"], "source": e["source"], **e["error"]}
                        for e in errors], warcs, uris)
    error_rows = [{k: r[k] for k in ("url", "source", "kind", "message", "status")}
                  for r in rows(out / "errors")]
    assert by_url(error_rows) == by_url(expected)
    assert {e["kind"] for e in expected} == {"input", "no_article"}

    # the rerun skips the WARCs done; the two that could not be read whole are tried again
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    code, output = spark_cli("spark-warc", manifest(tmp_path, uris), str(out), "--format", fmt)
    assert code == 1 and "4 WARCs (2 already done)" in output
    assert "html 1, kept 1, failed 2" in output
    again = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert again.keys() == written.keys()
    changed = {p.name.split("-")[0] for p in written if again[p] != written[p]}
    assert changed == {"c", "missing"}


def test_hosts_file_keeps_listed_hosts(spark: Any, warcs: list[Path], tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.txt"
    hosts.write_text("example.net\nnews0.example.org\n")
    out = tmp_path / "out"
    code, output = spark_cli("spark-warc", manifest(tmp_path, [str(warcs[0])]), str(out),
                             "--hosts", str(hosts), "--format", "jsonl")
    assert code == 0, output
    urls = [r["url"] for r in rows(out / "records")]
    assert urls and all(u.startswith("https://news0.example.org/") for u in urls)
    assert f"html 4, kept {len(urls)}, failed 0, timed out 0, skipped host {4 - len(urls)}" \
        in output


def test_date_window_on_a_cc_news_listing(spark: Any, tmp_path: Path) -> None:
    """warc.paths.gz lines joined to --input-base-url; only files in the window run."""
    base = tmp_path / "cc"
    stamps = ["20240101235959", "20240102000000", "20240102120000", "20240103000000"]
    lines = []
    for i, stamp in enumerate(stamps):
        line = f"crawl-data/CC-NEWS/2024/01/CC-NEWS-{stamp}-{i:05d}.warc.gz"
        (base / line).parent.mkdir(parents=True, exist_ok=True)
        write_warc(base / line, fixture_pages(NAMES[i:i + 1]))
        lines.append(line)
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    out = tmp_path / "out"
    code, output = spark_cli("spark-warc", str(listing), str(out), "--input-base-url",
                             base.as_uri(), "--since", "2024-01-02", "--until", "2024-01-03")
    assert code == 0, output
    assert "2 WARCs (0 already done; 2 outside --since/--until, 0 undated)" in output
    done = [json.loads(p.read_text())["warc"] for p in (out / "_done").iterdir()]
    assert sorted(done) == [f"{base.as_uri()}/{line}" for line in lines[1:3]]


def test_select_by_cc_news_time() -> None:
    from datetime import UTC, datetime

    names = ["s3a://cc/CC-NEWS-20240105101500-00001.warc.gz", "/data/other.warc.gz",
             "https://x/CC-NEWS-20231231235959-00002.warc.gz"]
    assert warc_time(names[0]) == datetime(2024, 1, 5, 10, 15, tzinfo=UTC)
    assert warc_time(names[1]) is None
    chosen = select(names, since=datetime(2024, 1, 1, tzinfo=UTC), until=None)
    assert chosen.warcs == (names[0],) and chosen.outside_window == 1 and chosen.undated == 1
    assert select(names, since=None, until=None).warcs == tuple(names)


def test_a_hanging_page_times_out_and_the_task_goes_on(spark: Any, tmp_path: Path) -> None:
    """A page that keeps the parser busy for seconds inside C code (no signal reaches
    it) becomes an extract_timeout row; the pages after it are still extracted."""
    deep = ("<html><body><article><p>" + "Words of a story. " * 40 + "</p>"
            + "<div>" * DEEP + "x" + "</div>" * DEEP + "</article></body></html>").encode()
    pages = [("https://slow.example.org/deep", deep), *fixture_pages(NAMES[:2])]
    warc = write_warc(tmp_path / "deep.warc.gz", pages)
    out = tmp_path / "out"
    started = time.monotonic()
    code, output = spark_cli("spark-warc", manifest(tmp_path, [str(warc)]), str(out),
                             "--page-timeout", "1.5")
    assert code == 1, output
    assert "kept 2, failed 1, timed out 1" in output
    (error,) = rows(out / "errors")
    assert (error["url"], error["kind"]) == ("https://slow.example.org/deep", "extract_timeout")
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_store_keeps_every_record_field(tmp_path: Path, fmt: str) -> None:
    """Written and read back, a record with provenance is its row (no Spark)."""
    html = (PAGES / f"{NAMES[0]}.html").read_text(encoding="utf-8")
    record = extract_outcome(Page(url="https://a.example/1", html=html, status=200,
                                  source="x.warc.gz#urn:uuid:1"),
                             ExtractOptions(provenance=True))
    assert isinstance(record, Record) and record.provenance and record.published_utc
    failure = Failure(input="x", kind="input", message="m", source="x")
    store = Store(str(tmp_path / "out"), fmt, str(tmp_path / "tmp"))
    with store.unit("one", record_columns(provenance=True), error_columns()) as unit:
        unit.write(record)
        unit.write(failure)
        unit.commit({"n": 1})
    assert rows(tmp_path / "out" / "records") == [record_row(record)]
    assert rows(tmp_path / "out" / "errors") == [error_row(failure)] == [
        {"url": "x", "source": "x", "kind": "input", "message": "m", "status": None}]
    assert store.done() == {"one"}
    assert not list((tmp_path / "tmp").iterdir())  # staged files moved, not left behind


def test_columns_follow_the_published_schema() -> None:
    """Every key of a record line and of an error row has its column, in order."""
    from newsscrape.schema import RECORD_FIELDS

    assert [n for n, _ in record_columns(provenance=False)] == list(RECORD_FIELDS)
    assert [n for n, _ in error_columns()] == ["url", "source", "kind", "message", "status"]
    assert dict(record_columns(provenance=True))["provenance"].startswith("map<")


def test_spark_submit_entry_runs_the_commands() -> None:
    """``python -m newsscrape.spark`` (the file spark-submit is given) has both jobs."""
    result = subprocess.run([sys.executable, "-m", "newsscrape.spark", "--help"],
                            capture_output=True, text=True, timeout=60, env=cli_env(),
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "spark-warc" in result.stdout and "spark-fetch" in result.stdout


def test_http_opener_streams_a_warc(warcs: list[Path]) -> None:
    data = warcs[0].read_bytes()
    with Server({"/a.warc.gz": respond(data, content_type="application/warc")}) as server, \
            open_uri(server.url("/a.warc.gz")) as stream:
        assert stream.read() == data
    with Server({}) as server, pytest.raises(OSError, match="404"):
        open_uri(server.url("/missing.warc.gz"))


def test_spark_fetch_keeps_sites_whole_and_polite(spark: Any, tmp_path: Path) -> None:
    """Each site is fetched in one partition with its --delay spacing; every URL ends as
    one record or one error row."""
    delay = 0.3
    with sites("127.0.0.1", "127.0.0.4") as both:
        urls = [u for site in both for u in site.urls()]
        listing = tmp_path / "urls.txt"
        discovered = json.dumps({"url": urls[1], "source": "rss", "title": "From a feed"})
        listing.write_text("\n".join(["# list", urls[0], discovered, *urls[2:], urls[0]])
                           + "\n")
        out = tmp_path / "out"
        code, output = spark_cli("spark-fetch", str(listing), str(out), "--partitions", "2",
                                 "--delay", str(delay), "--retries", "0", "--format", "jsonl")
        assert code == 1, output  # the two 404s
        for site in both:
            assert_spaced(site, delay)
    records, errors = rows(out / "records"), rows(out / "errors")
    assert sorted(r["url"] for r in records + errors) == sorted(urls)
    assert {e["kind"] for e in errors} == {"http_status"}
    for path in (out / "records").iterdir():  # a site's pages all in one partition
        hosts = {json.loads(line)["url"].split("/")[2] for line in path.read_text().splitlines()}
        assert len(hosts) <= 1
    assert "2 partitions (0 already done), urls 10, kept 8, failed 2, duplicates 1" in output
