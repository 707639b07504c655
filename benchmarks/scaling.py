#!/usr/bin/env python3
"""Extraction time against page size: does it grow linearly?

Builds plain article pages of N short paragraphs (an ``<article>`` with a headline and
N ``<p>`` of ~45 characters, the shape of a long list article or a transcript) for each
N of ``--sizes``, and times ``newsscrape.extract`` on each (process CPU, best of
``--passes``), beside ``trafilatura.extract`` (``--anchor``) in the same run. It prints
seconds, microseconds per paragraph, and the growth from one size to the next against
the growth in size: a linear pipeline keeps the ratio near 1.0.

    python benchmarks/scaling.py                              # 2,500 ... 40,000 paragraphs
    python benchmarks/scaling.py --sizes 10000 20000 40000 80000 --anchor
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))  # benchmark the working tree, installed or not


def page(paragraphs: int) -> bytes:
    """A plain article of ``paragraphs`` short paragraphs."""
    body = "\n".join(f"<p>Paragraph number {i} says something short here.</p>"
                     for i in range(paragraphs))
    return (f"<html><head><title>Big</title></head><body><article><h1>Big story</h1>"
            f"{body}</article></body></html>").encode()


def cpu_seconds(run: Callable[[bytes], object], raw: bytes, passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        run(raw)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000, 20000, 40000])
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--anchor", action="store_true", help="time trafilatura.extract too")
    args = parser.parse_args()
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    import trafilatura

    import newsscrape

    tools: dict[str, Callable[[bytes], object]] = {
        "newsscrape": lambda raw: newsscrape.extract(raw)}
    if args.anchor:
        tools["trafilatura"] = lambda raw: trafilatura.extract(raw)
    for name, run in tools.items():
        run(page(100))  # warm up: imports, compiled patterns
        print(f"\n{name}: CPU seconds, best of {args.passes}")
        print("| paragraphs | MB | seconds | us/paragraph | time growth / size growth |")
        print("|---|---|---|---|---|")
        previous: tuple[int, float] | None = None
        for size in args.sizes:
            raw = page(size)
            seconds = cpu_seconds(run, raw, args.passes)
            growth = "–"
            if previous is not None and previous[1] > 0:
                growth = f"{(seconds / previous[1]) / (size / previous[0]):.2f}"
            print(f"| {size} | {len(raw) / 1e6:.1f} | {seconds:.2f} | "
                  f"{1e6 * seconds / size:.0f} | {growth} |")
            previous = (size, seconds)


if __name__ == "__main__":
    main()
