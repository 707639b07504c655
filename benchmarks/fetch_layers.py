"""Where the fetching process's CPU goes, layer by layer, and what two extracting processes
cost each other.

The same loopback origins as ``fetch_bench.py`` (its server, the article benchmark's pages,
50-200 ms latency, two connections an origin) are fetched by ever more of the stack, each
layer in a fresh interpreter on uvloop, and each prints CPU ms a page (process time over
the fetch loop, imports left out):

* ``raw``: asyncio streams alone, the request written by hand and ``Content-Length`` bytes
  read (the event loop and the sockets: a floor, not a client);
* ``h11``: the same, the response parsed by h11;
* ``httpcore``: httpcore's connection pool on newsscrape's asyncio network backend;
* ``httpx``: an httpx ``AsyncClient`` over that pool, body read with ``aiter_raw``;
* ``newsscrape``: ``newsscrape fetch`` with extraction replaced by a canned record (the
  politeness, robots.txt, address policy, size caps, the page pickled as for a worker,
  the JSONL written).

Then ``--pair``: one process extracting the pages in memory alone, then two at once
(no network, no pool): what running side by side costs each, which a ceiling of cores x
one process alone does not count.

    python benchmarks/fetch_layers.py [--urls 1000] [--rounds 3] [--pair]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fetch_bench

LAYERS = ("raw", "h11", "httpcore", "httpx", "newsscrape")
PER_ORIGIN = 2


def _split(host_port: str) -> tuple[str, int]:
    host, port = host_port.rsplit(":", 1)
    return host, int(port)


async def _raw(origin: str, paths: list[str]) -> None:
    host, port = _split(origin)
    reader, writer = await asyncio.open_connection(host, port)
    for path in paths:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {origin}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        size = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        await reader.readexactly(size)
    writer.close()


async def _h11(origin: str, paths: list[str]) -> None:
    import h11

    host, port = _split(origin)
    reader, writer = await asyncio.open_connection(host, port)
    conn = h11.Connection(h11.CLIENT)
    for path in paths:
        writer.write(conn.send(h11.Request(method="GET", target=path,
                                           headers=[("Host", origin)])) or b"")
        writer.write(conn.send(h11.EndOfMessage()) or b"")
        parts: list[bytes] = []
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                conn.receive_data(await reader.read(65536))
            elif isinstance(event, h11.Data):
                parts.append(event.data)
            elif isinstance(event, h11.EndOfMessage):
                break
        b"".join(parts)
        conn.start_next_cycle()
    writer.close()


def _pool() -> Any:
    import httpcore

    from newsscrape.fetcher.backend import AsyncioBackend

    return httpcore.AsyncConnectionPool(network_backend=AsyncioBackend(),
                                        max_connections=PER_ORIGIN + 2)


async def _httpcore(origin: str, paths: list[str], pool: Any) -> None:
    for path in paths:
        async with pool.stream("GET", f"http://{origin}{path}") as response:
            b"".join([chunk async for chunk in response.aiter_stream()])


async def _httpx(origin: str, paths: list[str], client: Any) -> None:
    for path in paths:
        async with client.stream("GET", f"http://{origin}{path}") as response:
            b"".join([chunk async for chunk in response.aiter_raw()])


def _workload(layer: str, urls: list[str]) -> Callable[[], Coroutine[Any, Any, None]]:
    import httpx

    by_origin: dict[str, list[str]] = {}
    for url in urls:
        origin, _, path = url.removeprefix("http://").partition("/")
        by_origin.setdefault(origin, []).append("/" + path)

    async def run() -> None:
        jobs: list[Awaitable[None]] = []
        closers: list[Callable[[], Awaitable[None]]] = []
        for origin, paths in by_origin.items():
            shares = [paths[i::PER_ORIGIN] for i in range(PER_ORIGIN)]
            if layer == "raw":
                jobs += [_raw(origin, share) for share in shares]
            elif layer == "h11":
                jobs += [_h11(origin, share) for share in shares]
            elif layer == "httpcore":
                pool = _pool()
                closers.append(pool.aclose)
                jobs += [_httpcore(origin, share, pool) for share in shares]
            else:
                transport = httpx.AsyncHTTPTransport()
                transport._pool = _pool()  # httpx's transport on newsscrape's backend
                client = httpx.AsyncClient(transport=transport)
                closers.append(client.aclose)
                jobs += [_httpx(origin, share, client) for share in shares]
        try:
            await asyncio.gather(*jobs)
        finally:
            for close in closers:
                await close()

    return run


def _newsscrape(url_file: str, out: str) -> Callable[[], None]:
    """``newsscrape fetch`` with each page pickled (as for a worker) and a canned record;
    imported and set up first, so that the run alone is timed."""
    from newsscrape.batch import extract
    from newsscrape.cli import cli
    from newsscrape.options import ExtractOptions
    from newsscrape.record import Page

    canned = extract.extract_outcome(Page(url="http://x/", html="<article><p>"
                                          + "word " * 200 + "</p></article>"), ExtractOptions())

    def start(self: extract.Extractor, page: Page) -> asyncio.Future[Any]:
        pickle.dumps(page, pickle.HIGHEST_PROTOCOL)
        future = asyncio.get_running_loop().create_future()
        future.set_result(canned)
        return future

    extract.Extractor._start = start  # type: ignore[method-assign]

    def run() -> None:
        try:
            cli.main(["fetch", "-i", url_file, "-o", out, "--delay", "0", "--per-host",
                      str(PER_ORIGIN), "--no-progress", "--jobs", "1"], standalone_mode=False)
        except SystemExit as exit_:
            if exit_.code:
                raise SystemExit(f"newsscrape fetch failed (exit {exit_.code}): the figure "
                                 "would not be a fetch's") from None
        wanted = len(Path(url_file).read_text().split())
        with open(out, encoding="utf-8") as records:
            got = sum(1 for _ in records)
        if got != wanted:
            raise SystemExit(f"newsscrape fetch wrote {got} records for {wanted} URLs")

    return run


def layer_main(layer: str, url_file: str) -> None:
    """One layer, in this interpreter: print its CPU ms a page."""
    import uvloop

    urls = Path(url_file).read_text().split()
    with tempfile.TemporaryDirectory() as tmp:
        if layer == "newsscrape":
            run = _newsscrape(url_file, os.path.join(tmp, "out.jsonl"))
        else:
            work = _workload(layer, urls)

            def run() -> None:
                uvloop.run(work())
        start = time.process_time()
        run()
        print((time.process_time() - start) / len(urls) * 1000)


def _extract_passes(bodies: list[bytes], passes: int, queue: Any) -> None:
    from newsscrape.pipeline import extract_html

    headers = {"content-type": "text/html; charset=utf-8"}

    def one_pass() -> None:
        for i, body in enumerate(bodies):
            extract_html(body, url=f"http://bench.example/article/{i}", headers=headers)

    one_pass()  # every page extracts (an exception ends the run), and the tables are warm
    start = time.process_time()
    for _ in range(passes):
        one_pass()
    queue.put((time.process_time() - start) / (passes * len(bodies)) * 1000)


def pair(bodies: list[bytes], rounds: int) -> None:
    """CPU ms a page of in-memory extraction, one process alone and two at once."""
    ctx = multiprocessing.get_context("fork")
    for _ in range(rounds):
        for count in (1, 2):
            queue: Any = ctx.Queue()
            procs = [ctx.Process(target=_extract_passes, args=(bodies, 3, queue))
                     for _ in range(count)]
            for proc in procs:
                proc.start()
            for proc in procs:
                proc.join()
            if any(proc.exitcode for proc in procs):
                raise SystemExit("an extracting process failed: no figure for this round")
            figures = ", ".join(f"{queue.get():.2f}" for _ in procs)
            print(f"  extraction, {count} process{'es' if count > 1 else ''} at once: "
                  f"{figures} CPU ms a page", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="each layer this many times, "
                    "interleaved")
    ap.add_argument("--pair", action="store_true", help="also one vs two extracting "
                    "processes at once")
    ap.add_argument("--layer", choices=LAYERS, help=argparse.SUPPRESS)
    ap.add_argument("--url-file", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.layer:
        layer_main(args.layer, args.url_file)
        return
    pages = fetch_bench.load_pages("aeb", fetch_bench.AEB_DEV)
    ports = fetch_bench.free_ports(20)
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    server = ctx.Process(target=fetch_bench.serve, args=(ports, ready, pages, False),
                         daemon=True)
    server.start()
    ready.wait(10)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as url_file:
            url_file.write("".join(f"http://127.0.0.1:{ports[i % len(ports)]}/article/{i}\n"
                                   for i in range(args.urls)))
            url_file.flush()
            print(f"{args.urls} URLs, {pages.name}, mean {pages.mean_kb:.0f} KB; "
                  "CPU ms a page of the fetching process:")
            results: dict[str, list[str]] = {layer: [] for layer in LAYERS}
            for _ in range(args.rounds):
                for layer in LAYERS:
                    out = subprocess.run([sys.executable, __file__, "--layer", layer,
                                          "--url-file", url_file.name], check=True,
                                         capture_output=True, text=True).stdout
                    results[layer].append(f"{float(out.split()[-1]):.2f}")
            for layer in LAYERS:
                print(f"  {layer:<11} {' '.join(results[layer])}")
    finally:
        server.kill()
    if args.pair:
        pair(pages.bodies, args.rounds)


if __name__ == "__main__":
    main()
