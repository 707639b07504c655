"""Batch-fetch benchmark: ``newsscrape fetch`` against local slow origins, vs trafilatura's CLI.

A server process listens on ``--origins`` ports of 127.0.0.1 (each one origin) and answers
``/article/N`` with one of the repository's fixture pages (``tests/fixtures/pages``) after
an artificial latency of 50-200 ms (fixed per URL, so every tool sees the same). Both
tools read the same URL list. Printed for each run: pages/s, peak RSS of the whole
process tree (parent and worker processes, polled every 50 ms), and for newsscrape the
theoretical limit of the run:

* politeness limit = origins × per-host / mean latency (``--delay 0``, so latency is
  what bounds one connection; with the default ``--delay 0.5`` the bound would be
  origins × 2 pages/s instead);
* extraction limit = cores × the single-core extraction rate on the same pages,
  measured in this same run before the fetches;

and the ratio of the measured rate to the smaller of the two. trafilatura runs as
``trafilatura -i FILE --parallel N`` with a config file setting ``SLEEP_TIME = 0`` and
``SSRF_PROTECTION = off`` (it refuses loopback addresses otherwise).

    python benchmarks/fetch_bench.py                 # 2,000 URLs, then 20,000 for RSS
    python benchmarks/fetch_bench.py --sizes 2000    # quicker
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html"))
LOW, HIGH = 0.050, 0.200


# --- the server ----------------------------------------------------------------------------


def latency(path: str) -> float:
    """The fixed artificial latency of one URL path (uniform in 50-200 ms)."""
    digest = hashlib.blake2b(path.encode(), digest_size=4).digest()
    return LOW + (HIGH - LOW) * int.from_bytes(digest, "big") / 0xFFFFFFFF


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  bodies: list[bytes]) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1].decode()
            if path == "/robots.txt":
                body, kind = b"User-agent: *\nDisallow:\n", b"text/plain"
            else:
                await asyncio.sleep(latency(path))
                body, kind = bodies[int(path.rsplit("/", 1)[1]) % len(bodies)], b"text/html"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, IndexError, ValueError):
        pass
    finally:
        writer.close()


def serve(ports: list[int], ready: multiprocessing.synchronize.Event) -> None:
    """Serve every port until killed (runs in its own process)."""
    bodies = [p.read_bytes() for p in PAGES]

    async def main() -> None:
        for port in ports:
            await asyncio.start_server(lambda r, w: _handle(r, w, bodies), "127.0.0.1", port,
                                       backlog=1024)
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def free_ports(count: int) -> list[int]:
    import socket

    socks = [socket.socket() for _ in range(count)]
    for sock in socks:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in socks]
    for sock in socks:
        sock.close()
    return ports


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Measured:
    """One run of a command, with its process tree watched."""

    wall: float
    peak_rss: int
    """Peak of the summed RSS of the tree (shared pages counted in every process)."""
    peak_pss: int
    """Peak of the summed PSS (shared pages split between the processes sharing them)."""
    cpu: float
    """CPU seconds (user + system) of the whole tree."""
    code: int


def run_measured(cmd: list[str], **kwargs: object) -> Measured:
    """Run ``cmd`` and watch its process tree every 100 ms."""
    import psutil

    start = time.monotonic()
    proc = subprocess.Popen(cmd, **kwargs)  # type: ignore[call-overload]
    root = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        rss = pss = 0
        with contextlib.suppress(psutil.Error):
            for member in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    info = member.memory_full_info()
                    rss, pss = rss + info.rss, pss + info.pss
                    times = member.cpu_times()
                    cpu[member.pid] = times.user + times.system
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.1)
    wall = time.monotonic() - start
    return Measured(wall, peak_rss, peak_pss, sum(cpu.values()), proc.returncode)


def single_core_rate(seconds: float = 8.0) -> float:
    """Pages per second one core extracts, over the fixture pages in list order."""
    from newsscrape.fetch.decode import decode_html
    from newsscrape.options import Options
    from newsscrape.pipeline import extract_page
    from newsscrape.record import Page

    options = Options()
    pages = []
    for i, path in enumerate(PAGES):
        html, enc = decode_html(path.read_bytes(), "text/html")
        pages.append(Page(url=f"http://bench/{i}", html=html, final_url=f"http://bench/{i}",
                          status=200, encoding=enc, headers={"content-type": "text/html"}))

    def one(page: Page) -> None:
        with contextlib.suppress(Exception):  # a page without an article costs time too
            extract_page(page, options)

    for page in pages:  # warm up (imports, caches)
        one(page)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        one(pages[done % len(pages)])
        done += 1
    return done / (time.perf_counter() - start)


def trafilatura_config(directory: Path) -> Path:
    """trafilatura's settings with no sleep between requests and loopback allowed."""
    import trafilatura

    text = (Path(trafilatura.__file__).parent / "settings.cfg").read_text()
    lines = []
    for line in text.splitlines():
        if line.startswith("SLEEP_TIME"):
            line = "SLEEP_TIME = 0"
        elif line.startswith("SSRF_PROTECTION"):
            line = "SSRF_PROTECTION = off"
        lines.append(line)
    path = directory / "trafilatura.cfg"
    path.write_text("\n".join(lines) + "\n")
    return path


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--origins", type=int, default=20)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--sizes", default="2000,20000",
                        help="URL counts; the first is also run through trafilatura")
    parser.add_argument("--parallel", type=int, default=8, help="trafilatura --parallel")
    parser.add_argument("--skip-trafilatura", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    cores = len(os.sched_getaffinity(0))

    rate1 = single_core_rate()
    ports = free_ports(args.origins)
    ready = multiprocessing.get_context("fork").Event()
    server = multiprocessing.get_context("fork").Process(target=serve, args=(ports, ready),
                                                         daemon=True)
    server.start()
    ready.wait(10)
    work = Path(tempfile.mkdtemp(prefix="fetch-bench-"))
    try:
        print(f"machine: {cores} cores; {args.origins} origins on 127.0.0.1, latency "
              f"{LOW * 1000:.0f}-{HIGH * 1000:.0f} ms, {len(PAGES)} fixture pages")
        print(f"single-core extraction: {rate1:.1f} pages/s")
        for n, size in enumerate(sizes):
            urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/article/{i}" for i in range(size)]
            listing = work / f"urls-{size}.txt"
            listing.write_text("\n".join(urls) + "\n")
            mean = sum(latency(u.split(str(ports[i % len(ports)]), 1)[1])
                       for i, u in enumerate(urls)) / size
            _bench_newsscrape(listing, size, work, args, cores, rate1, mean)
            if n == 0 and not args.skip_trafilatura:
                _bench_trafilatura(listing, size, work, args)
    finally:
        server.kill()
        server.join()
        shutil.rmtree(work, ignore_errors=True)


def _bench_newsscrape(listing: Path, size: int, work: Path, args: argparse.Namespace,
                      cores: int, rate1: float, mean_latency: float) -> None:
    out = work / "out.jsonl"
    cmd = [sys.executable, "-m", "newsscrape", "fetch", "-i", str(listing), "-o", str(out),
           "--delay", "0", "--per-host", str(args.per_host), "--concurrency", "256",
           "--no-progress"]
    run = run_measured(cmd, stderr=subprocess.PIPE)
    records = sum(1 for _ in out.open())
    polite = args.origins * args.per_host / mean_latency
    extraction = cores * rate1
    limit = min(polite, extraction)
    rate = size / run.wall
    cpu_limit = cores * size / run.cpu  # if the tree had every core to itself
    print(f"\nnewsscrape fetch, {size} URLs: {run.wall:.1f} s, {rate:.1f} pages/s "
          f"({records} records, exit {run.code}); peak RSS {mb(run.peak_rss)}, "
          f"peak PSS {mb(run.peak_pss)}")
    print(f"  limit: politeness {polite:.0f}/s ({args.origins} x {args.per_host} / "
          f"{mean_latency * 1000:.0f} ms), extraction {extraction:.0f}/s ({cores} x "
          f"{rate1:.1f}); ratio {rate / limit:.0%} of {limit:.0f}/s")
    print(f"  CPU: {run.cpu:.1f} s for the process tree ({run.cpu / size * 1000:.1f} ms a page, "
          f"fetching included): {cores} cores allow {cpu_limit:.0f}/s; ratio "
          f"{rate / min(cpu_limit, polite):.0%} of min(politeness, CPU)")


def _bench_trafilatura(listing: Path, size: int, work: Path, args: argparse.Namespace) -> None:
    config = trafilatura_config(work)
    outdir = work / "trafilatura-out"
    cmd = ["trafilatura", "-i", str(listing), "--parallel", str(args.parallel),
           "--config-file", str(config), "-o", str(outdir)]
    run = run_measured(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"\ntrafilatura -i FILE --parallel {args.parallel} (SLEEP_TIME 0), {size} URLs: "
          f"{run.wall:.1f} s, {size / run.wall:.1f} pages/s, exit {run.code}; "
          f"peak RSS {mb(run.peak_rss)}, peak PSS {mb(run.peak_pss)}, CPU {run.cpu:.1f} s")


if __name__ == "__main__":
    main()
