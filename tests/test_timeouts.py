"""``--page-timeout``: a page whose extraction overruns ends as ``extract_timeout``, its
worker process is killed (even inside the parser's C code) and replaced, and the run
goes on, for ``fetch``, ``extract`` and ``newsscrape.extract_many`` alike; ``extract``
also has ``-i`` lists, ``--jobs``, input order and a closing summary.

The pathological page is 200,000 nested ``<div>``s: selectolax spends minutes on it
without returning to Python. The limits here are seconds, far from both that and the
few milliseconds a normal page takes (the pages state their language, so a fresh
worker does not first load the language model).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_batch, run_cli
from httpserver import Server, respond

import newsscrape
from newsscrape.batch.extract import Extractor
from newsscrape.errors import ExtractTimeoutError
from newsscrape.options import ExtractOptions
from newsscrape.record import Failure, Page, Record

NESTED = "<html><body>" + "<div>" * 200_000 + "deep" + "</div>" * 200_000 + "</body></html>"
LIMIT = 2.0


def page(title: str) -> str:
    return (f'<html lang="en"><head><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1><p>{'The ferry timetable changes on Monday for the winter. ' * 4}"
            "</p></article></body></html>")


def _state(pid: int) -> str:
    """The process's state letter (Z: a zombie, dead), or '-' once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return "-"


def test_a_worker_stuck_in_c_code_is_killed_and_replaced() -> None:
    extractor = Extractor(1, ExtractOptions(), page_timeout=LIMIT)

    async def go() -> None:
        [stuck, after] = await asyncio.gather(
            extractor.outcome(Page(url="http://x/deep", html=NESTED, final_url="http://x/deep",
                                   status=200)),
            extractor.outcome(Page(url="http://x/ok", html=page("Ferry"), final_url="http://x/ok",
                                   status=200)))
        assert isinstance(stuck, Failure) and stuck.kind == "extract_timeout"
        assert stuck.input == "http://x/deep" and stuck.status == 200
        assert isinstance(after, Record) and after.title == "Ferry"  # queued behind: moved
        await extractor.detach()

    with extractor:
        first = None
        original = Extractor._receive

        def remember(self: Extractor) -> None:
            nonlocal first
            original(self)
            first = first or (self._workers[0].pid if self._workers else None)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Extractor, "_receive", remember)
            asyncio.run(asyncio.wait_for(go(), 60))
        assert first is not None
        assert _state(first) in ("Z", "-")  # killed, not left parsing


def test_fetch_batch_goes_on_past_a_page_that_overruns() -> None:
    with Server({"/deep": respond(NESTED), "/ok": respond(page("Ok"))}) as srv:
        sink = run_batch([srv.url("/deep"), srv.url("/ok")], jobs=1, page_timeout=LIMIT,
                         respect_robots=False)
    assert sink.kinds() == {srv.url("/deep"): "extract_timeout"}
    assert [r.title for r in sink.records] == ["Ok"]


def test_extract_command_with_lists_jobs_and_a_summary(tmp_path: Path) -> None:
    """``extract -i LIST --jobs 2``: records in input order, the overrunning page an
    ``extract_timeout`` error line, a closing summary, exit 1."""
    names = []
    for i in range(4):
        path = tmp_path / f"p{i}.html"
        path.write_text(page(f"Page {i}"), encoding="utf-8")
        names.append(str(path))
    deep = tmp_path / "deep.html"
    deep.write_text(NESTED, encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join([names[0], str(deep), *names[1:]]) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = run_cli("extract", "-i", listing, "--jobs", "2", "--page-timeout", str(LIMIT),
                     "--errors", errors)
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == [f"Page {i}" for i in range(4)]
    assert [r["source"] for r in records] == names
    [error] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert error["url"] == str(deep) and error["error"]["kind"] == "extract_timeout"
    assert result.stderr.splitlines()[-1].startswith(
        "newsscrape: done: 4 ok, 1 failed (extract_timeout 1), in ")


def test_extract_many_protects_the_library_caller() -> None:
    outcomes = list(newsscrape.extract_many(
        [page("One"), (NESTED, "http://x/deep"), (page("Two").encode(), "http://x/two")],
        page_timeout=LIMIT, jobs=1))
    assert [type(o) for o in outcomes] == [Record, Failure, Record]
    one, deep, two = outcomes
    assert isinstance(one, Record) and one.source == "document 0" and one.url is None
    assert isinstance(deep, Failure) and (deep.input, deep.kind) == ("http://x/deep",
                                                                     "extract_timeout")
    assert isinstance(two, Record) and (two.title, two.url) == ("Two", "http://x/two")


def test_extract_many_refuses_what_is_not_a_document() -> None:
    with pytest.raises(newsscrape.ArgumentTypeError, match=r"^documents: "):
        newsscrape.extract_many("<p>one string</p>")
    outcomes = newsscrape.extract_many([page("One"), 42], jobs=0)
    assert isinstance(next(outcomes), Record)
    with pytest.raises(newsscrape.ArgumentTypeError, match=r"^documents: "):
        next(outcomes)


def test_one_error_class_for_the_page_limit() -> None:
    """One class and kind for the per-page limit wherever it applies (``extract``,
    ``fetch``, the Spark jobs), outside the fetch errors."""
    assert ExtractTimeoutError.kind == "extract_timeout"
    assert ExtractTimeoutError.__bases__ == (newsscrape.NewsscrapeError,)


def test_saved_pages_are_read_only_a_little_ahead_of_the_workers() -> None:
    """Reading a page costs a fraction of extracting it: ``run_pages`` holds a few pages
    per worker, not hundreds (a WARC's pages are 100-200 KB each)."""
    from newsscrape.batch.offline import READ_AHEAD, WAITING_PER_WORKER, run_pages

    read = 0
    leads: list[int] = []

    def pages() -> Iterator[Page]:
        nonlocal read
        for i in range(120):
            read += 1
            yield Page(url=f"http://x/{i}", html=page(f"Story {i}"))

    class Sink:
        def write(self, outcome: object) -> None:
            leads.append(read - len(leads))

    with Extractor(1, ExtractOptions()) as extractor:
        run_pages(pages(), Sink(), extractor)
    assert len(leads) == 120
    # the feed's buffer, the batch taken from it, the pages waiting and the one being read
    assert max(leads) <= 2 * READ_AHEAD + WAITING_PER_WORKER + 1
