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

and the ratio of the measured rate to the smaller of the two. Also printed: the CPU of
the fetching process and of the extraction processes per page, the limit that CPU
implies, and how the machine's CPU time was shared during the run (newsscrape, the
server, this script's own watching, other processes, idle): on a small machine other
users' benchmarks move the figures, so compare runs made together. trafilatura runs as
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


def latency(path: str | bytes) -> float:
    """The fixed artificial latency of one URL path (uniform in 50-200 ms)."""
    data = path.encode() if isinstance(path, str) else path
    digest = hashlib.blake2b(data, digest_size=4).digest()
    return LOW + (HIGH - LOW) * int.from_bytes(digest, "big") / 0xFFFFFFFF


def _response(body: bytes, kind: bytes) -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)


class _Origin(asyncio.Protocol):
    """One keep-alive connection: each request answered, after its latency, with a response
    encoded up front. The server shares the machine with what it measures, so it is kept
    as cheap as it can be (no streams, no per-request formatting); its CPU is reported."""

    def __init__(self, pages: list[bytes], robots: bytes) -> None:
        self.pages = pages
        self.robots = robots
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            try:
                path = head.split(b" ", 2)[1]
                if path == b"/robots.txt":
                    self._reply(self.robots)
                    continue
                answer = self.pages[int(path.rsplit(b"/", 1)[1]) % len(self.pages)]
            except (IndexError, ValueError):
                self._close()
                return
            asyncio.get_running_loop().call_later(latency(path), self._reply, answer)

    def _reply(self, answer: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(answer)

    def _close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


def serve(ports: list[int], ready: multiprocessing.synchronize.Event) -> None:
    """Serve every port until killed (runs in its own process, on uvloop when installed)."""
    pages = [_response(p.read_bytes(), b"text/html") for p in PAGES]
    robots = _response(b"User-agent: *\nDisallow:\n", b"text/plain")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for port in ports:
            await loop.create_server(lambda: _Origin(pages, robots), "127.0.0.1", port,
                                     backlog=1024)
        ready.set()
        await asyncio.Event().wait()

    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            runner.run(main())


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
    """One run of a command, with its process tree (and the machine) watched."""

    wall: float
    peak_rss: int
    """Peak of the summed RSS of the tree (shared pages counted in every process)."""
    peak_pss: int
    """Peak of the summed PSS (shared pages split between the processes sharing them)."""
    cpu: float
    """CPU seconds (user + system) of the whole tree."""
    code: int
    parent_cpu: float = 0.0
    """CPU seconds of the command's own process (for newsscrape: the fetching one)."""
    server_cpu: float = 0.0
    """CPU seconds of the benchmark's server during the run."""
    machine_cpu: float = 0.0
    """CPU seconds the whole machine spent busy during the run (all processes)."""
    monitor_cpu: float = 0.0
    """CPU seconds of this script's own watching during the run."""

    @property
    def other_cpu(self) -> float:
        """CPU seconds taken by processes that are none of the above (other users)."""
        return max(0.0, self.machine_cpu - self.cpu - self.server_cpu - self.monitor_cpu)


def _busy(times: object) -> float:
    """Busy CPU seconds of the machine from ``psutil.cpu_times()``."""
    idle = getattr(times, "idle", 0.0) + getattr(times, "iowait", 0.0)
    return sum(times) - idle  # type: ignore[call-overload,no-any-return]


def run_measured(cmd: list[str], *, server_pid: int | None = None, **kwargs: object) -> Measured:
    """Run ``cmd`` and watch its process tree every 100 ms."""
    import psutil

    server = psutil.Process(server_pid) if server_pid else None
    server_start = sum(server.cpu_times()[:2]) if server else 0.0
    machine_start, monitor_start = _busy(psutil.cpu_times()), time.process_time()
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
    monitor = time.process_time() - monitor_start
    machine = _busy(psutil.cpu_times()) - machine_start
    server_cpu = sum(server.cpu_times()[:2]) - server_start if server else 0.0
    return Measured(wall, peak_rss, peak_pss, sum(cpu.values()), proc.returncode,
                    parent_cpu=cpu.get(proc.pid, 0.0), server_cpu=server_cpu,
                    machine_cpu=machine, monitor_cpu=monitor)


def single_core_rate(seconds: float = 8.0) -> float:
    """Pages per second one core extracts, over the fixture pages in list order."""
    from newsscrape.document.decode import decode_html
    from newsscrape.options import ExtractOptions
    from newsscrape.pipeline import extract_page
    from newsscrape.record import Page

    options = ExtractOptions()
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
            _bench_newsscrape(listing, size, work, args, cores, rate1, mean, server.pid or 0)
            if n == 0 and not args.skip_trafilatura:
                _bench_trafilatura(listing, size, work, args)
    finally:
        server.kill()
        server.join()
        shutil.rmtree(work, ignore_errors=True)


def _bench_newsscrape(listing: Path, size: int, work: Path, args: argparse.Namespace,
                      cores: int, rate1: float, mean_latency: float, server_pid: int) -> None:
    out = work / "out.jsonl"
    cmd = [sys.executable, "-m", "newsscrape", "fetch", "-i", str(listing), "-o", str(out),
           "--delay", "0", "--per-host", str(args.per_host), "--concurrency", "256",
           "--no-progress"]
    run = run_measured(cmd, server_pid=server_pid, stderr=subprocess.PIPE)
    records = sum(1 for _ in out.open())
    polite = args.origins * args.per_host / mean_latency
    extraction = cores * rate1
    limit = min(polite, extraction)
    rate = size / run.wall
    cpu_limit = cores * size / run.cpu  # if the tree had every core to itself
    per_page = 1000 / size
    print(f"\nnewsscrape fetch, {size} URLs: {run.wall:.1f} s, {rate:.1f} pages/s "
          f"({records} records, exit {run.code}); peak RSS {mb(run.peak_rss)}, "
          f"peak PSS {mb(run.peak_pss)}")
    print(f"  limit: politeness {polite:.0f}/s ({args.origins} x {args.per_host} / "
          f"{mean_latency * 1000:.0f} ms), extraction {extraction:.0f}/s ({cores} x "
          f"{rate1:.1f}); ratio {rate / limit:.0%} of {limit:.0f}/s")
    print(f"  CPU: {run.cpu:.1f} s for the process tree ({run.cpu * per_page:.2f} ms a page: "
          f"fetching process {run.parent_cpu * per_page:.2f}, extraction processes "
          f"{(run.cpu - run.parent_cpu) * per_page:.2f}): {cores} cores allow "
          f"{cpu_limit:.0f}/s; ratio {rate / min(cpu_limit, polite):.0%} of "
          f"min(politeness, CPU)")
    machine = cores * run.wall
    print(f"  machine CPU during the run ({machine:.1f} core-seconds): newsscrape "
          f"{run.cpu / machine:.0%}, benchmark server {run.server_cpu / machine:.0%} "
          f"({run.server_cpu * per_page:.2f} ms a page), benchmark monitor "
          f"{run.monitor_cpu / machine:.0%}, other processes {run.other_cpu / machine:.0%}, "
          f"idle {max(0.0, 1 - run.machine_cpu / machine):.0%}")


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
