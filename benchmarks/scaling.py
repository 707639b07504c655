#!/usr/bin/env python3
"""Extraction time against page size: is it linear?

Two synthetic page shapes, each at growing sizes:

* ``paragraphs``: an ``<article>`` of N short paragraphs (a long live blog, a transcript);
* ``nested``: N nested ``<div>``s around one paragraph (broken or hostile markup).

For each page: the whole pipeline (``newsscrape.extract``), each of its stages timed
alone on the same page (parse, metadata, chrome stripping, body, line cleaning,
normalizing), and trafilatura (``trafilatura.extract``) in the same run as the anchor.
Every measurement runs in a forked child killed after ``--limit`` seconds (shown as
``>N``), so one pathological size cannot stall the benchmark; a page's "x per 2x" column
is how much longer it took than the page half its size (2.0 = linear).

    python benchmarks/scaling.py                         # the default sizes
    python benchmarks/scaling.py --shape paragraphs --sizes 5000 10000 20000 40000 100000
    python benchmarks/scaling.py --no-stages --no-anchor --limit 30
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))  # benchmark the working tree, installed or not

SENTENCE = "The council met on Tuesday to discuss the harbour plan. "
SIZES = {"paragraphs": [5_000, 10_000, 20_000, 40_000, 100_000],
         "nested": [2_500, 5_000, 10_000, 20_000, 50_000, 200_000]}


def page(shape: str, n: int) -> str:
    """A page of ``shape`` at size ``n`` (no ``lang``: language detection runs, as on
    the many real pages that do not state one)."""
    if shape == "paragraphs":
        body = "\n".join(f"<p>Paragraph number {i} says something short here.</p>"
                         for i in range(n))
        return (f"<html><head><title>Big</title></head><body><article><h1>Big story</h1>"
                f"{body}</article></body></html>")
    return (f"<html><head><title>Deep</title></head><body>{'<div>' * n}"
            f"<p>{SENTENCE * 3}</p>{'</div>' * n}</body></html>")


def _stages() -> dict[str, Callable[[str], float]]:
    """Each stage of ``pipeline.find_article`` and ``normalize``, timed alone: what it
    takes is made by the stages before it, untimed."""
    from selectolax.lexbor import LexborHTMLParser

    from newsscrape.extractors.body import read_tree_body
    from newsscrape.extractors.lines import clean_lines
    from newsscrape.extractors.metadata import read_metadata
    from newsscrape.extractors.strip import UNKNOWN, strip_chrome
    from newsscrape.normalize.article import normalize
    from newsscrape.options import ExtractOptions
    from newsscrape.pipeline import find_article
    from newsscrape.record import Page

    def timed(work: Callable[[], Any]) -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    def metadata(html: str) -> float:
        tree = LexborHTMLParser(html)
        return timed(lambda: read_metadata(tree))

    def strip(html: str) -> float:
        tree = LexborHTMLParser(html)
        found = read_metadata(tree)
        return timed(lambda: strip_chrome(tree, root=found.root if found.root_known
                                          else UNKNOWN))

    def stripped(html: str) -> Any:
        tree = LexborHTMLParser(html)
        found = read_metadata(tree)
        strip_chrome(tree, root=found.root if found.root_known else UNKNOWN)
        return tree

    def body(html: str) -> float:
        tree = stripped(html)
        return timed(lambda: read_tree_body(tree, url=None))

    def lines(html: str) -> float:
        text = read_tree_body(stripped(html), url=None).text
        return timed(lambda: clean_lines(text, title=None, labels=frozenset()))

    def normalized(html: str) -> float:
        article_page = Page(url=None, html=html)
        article = find_article(article_page)
        return timed(lambda: normalize(article, article_page, ExtractOptions()))

    return {"parse": lambda html: timed(lambda: LexborHTMLParser(html)),
            "metadata": metadata, "strip": strip, "body": body, "lines": lines,
            "normalize": normalized}


def _pipeline(html: str) -> float:
    import newsscrape

    start = time.perf_counter()
    with contextlib.suppress(newsscrape.NewsscrapeError):  # no_article took its time too
        newsscrape.extract(html)
    return time.perf_counter() - start


def _trafilatura(html: str) -> float:
    import trafilatura

    start = time.perf_counter()
    trafilatura.extract(html, include_comments=False)
    return time.perf_counter() - start


def _child(conn: Any, what: str, shape: str, n: int) -> None:
    html = page(shape, n)
    if what == "pipeline":
        conn.send(_pipeline(html))
    elif what == "trafilatura":
        conn.send(_trafilatura(html))
    else:
        conn.send(_stages()[what](html))


def measure(what: str, shape: str, n: int, limit: float) -> float | None:
    """Seconds ``what`` takes on the page, in a forked child (None: over ``limit``)."""
    mine, theirs = mp.Pipe()
    child = mp.get_context("fork").Process(target=_child, args=(theirs, what, shape, n))
    child.start()
    result = mine.recv() if mine.poll(limit) else None
    child.kill()
    child.join()
    return result


def _cell(seconds: float | None, limit: float) -> str:
    return f">{limit:g}" if seconds is None else f"{seconds:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shape", choices=sorted(SIZES), action="append")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--limit", type=float, default=60.0,
                        help="seconds before a measurement is given up (default 60)")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--no-anchor", action="store_true")
    args = parser.parse_args(argv)
    import trafilatura  # noqa: F401

    import newsscrape.pipeline  # noqa: F401 - imported once, inherited by every child

    _pipeline(page("paragraphs", 50))  # models loaded once, before the children fork
    columns = ["pipeline", *(() if args.no_anchor else ("trafilatura",)),
               *(() if args.no_stages else tuple(_stages()))]
    for shape in args.shape or sorted(SIZES):
        print(f"\n{shape}: seconds (one run each; 'x per 2x' = pipeline time / time at "
              "half the size)")
        print(" | ".join(["N", "MB", *columns, "x per 2x"]))
        previous: dict[int, float] = {}
        for n in args.sizes or SIZES[shape]:
            size = len(page(shape, n).encode()) / 1e6
            cells = {what: measure(what, shape, n, args.limit) for what in columns}
            pipeline = cells["pipeline"]
            half = previous.get(n // 2)
            growth = f"{pipeline / half:.1f}" if pipeline and half else "-"
            if pipeline:
                previous[n] = pipeline
            print(" | ".join([str(n), f"{size:.2f}",
                              *(_cell(cells[what], args.limit) for what in columns), growth]),
                  flush=True)


if __name__ == "__main__":
    main()
