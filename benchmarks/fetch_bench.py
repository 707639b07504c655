"""Batch-fetch benchmark: ``newsscrape fetch`` against local slow origins, vs trafilatura's CLI.

A server process listens on ``--origins`` ports of 127.0.0.1 (each one origin) and answers
``/article/N`` with page ``N mod len(pages)`` after an artificial latency of 50-200 ms
(fixed per URL path, so every tool sees the same; ``/robots.txt`` gets one too). The
pages are, by default, the 88 real newsroom pages of the article benchmark's development
half (``--data``, 100-200 KB each); ``--pages fixtures`` serves the repository's small
fixture pages instead (which measures the network side more than extraction).
Both tools read the same URL list. Printed:

* the CPU ceiling: cores x the single-process in-memory extraction rate on the same pages
  (``newsscrape.extract`` on the bytes, decoding included; best of 3 passes over every
  page), measured in this run before the fetches;
* for each list size (default 2,000 and 20,000 URLs): ``newsscrape fetch --delay 0
  --per-host 2``'s pages/s and its share of the ceiling (and of the politeness limit,
  origins x per-host / mean latency, which is far above it on real-sized pages), peak
  RSS/PSS of the whole process tree and of each extraction process (RSS polled every
  100 ms, PSS every 500 ms),
  and where the machine's CPU went: the fetching process and the extraction processes
  (ms a page), the benchmark's own server and watching, other users' processes, idle;
* ``trafilatura -i FILE --parallel 8`` on the first list (a config file sets
  ``SLEEP_TIME = 0`` and ``SSRF_PROTECTION = off``, which it needs for loopback), and the
  ratio;
* a single URL: ``newsscrape fetch URL`` against ``trafilatura -u URL`` (median wall time
  of ``--single-runs``), with newsscrape variants that show where its time goes
  (``--delay 0``, ``--ignore-robots``, ``--jobs 0``, and ``extract`` on the saved page).

The machine is shared: compare the ratios within one run, never absolute rates across runs.

    python benchmarks/fetch_bench.py                          # everything (~6 minutes)
    python benchmarks/fetch_bench.py --sizes 2000 --skip-single
    python benchmarks/fetch_bench.py --sizes 2000 --jobs 1,2,3 --skip-trafilatura
    python benchmarks/fetch_bench.py --pages fixtures         # the small fixture pages
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pages"
AEB_DEV = ROOT.parent / "shared" / "bench" / "aeb-dev"
LOW, HIGH = 0.050, 0.200
PASSES = 3
BUSY = 0.10
"""Share of the machine other processes may take before the rate is flagged as theirs."""


# --- the pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSet:
    """The documents the origins serve, with the Content-Type they are served with."""

    name: str
    bodies: list[bytes]
    content_type: str

    @property
    def mean_kb(self) -> float:
        return sum(map(len, self.bodies)) / len(self.bodies) / 1000


def load_pages(kind: str, data: Path) -> PageSet:
    """``aeb``: the article benchmark's pages (gunzipped); ``fixtures``: the test pages."""
    if kind == "fixtures":
        bodies = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
        return PageSet(f"{len(bodies)} fixture pages", bodies, "text/html")
    files = sorted((data / "html").glob("*.html.gz"))
    if not files:
        sys.exit(f"no pages in {data / 'html'} (--data)")
    bodies = [gzip.decompress(p.read_bytes()) for p in files]
    return PageSet(f"{len(bodies)} article-benchmark pages ({data.name})", bodies,
                   "text/html; charset=utf-8")


# --- the server ----------------------------------------------------------------------------


def latency(path: str | bytes) -> float:
    """The fixed artificial latency of one URL path (uniform in 50-200 ms)."""
    data = path.encode() if isinstance(path, str) else path
    digest = hashlib.blake2b(data, digest_size=4).digest()
    return LOW + (HIGH - LOW) * int.from_bytes(digest, "big") / 0xFFFFFFFF


def _response(body: bytes, kind: str, *, compress: bool = False) -> bytes:
    extra = b""
    if compress:
        body, extra = gzip.compress(body, 6), b"Content-Encoding: gzip\r\n"
    return (b"HTTP/1.1 200 OK\r\nContent-Type: " + kind.encode() + b"\r\n" + extra
            + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


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
                    answer = self.robots
                else:
                    answer = self.pages[int(path.rsplit(b"/", 1)[1]) % len(self.pages)]
            except (IndexError, ValueError):
                if self.transport is not None:
                    self.transport.close()
                return
            asyncio.get_running_loop().call_later(latency(path), self._reply, answer)

    def _reply(self, answer: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(answer)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


def serve(ports: list[int], ready: multiprocessing.synchronize.Event, pages: PageSet,
          compress: bool) -> None:
    """Serve every port until killed (runs in its own process, on uvloop when installed)."""
    answers = [_response(body, pages.content_type, compress=compress) for body in pages.bodies]
    robots = _response(b"User-agent: *\nDisallow:\n", "text/plain")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for port in ports:
            await loop.create_server(lambda: _Origin(answers, robots), "127.0.0.1", port,
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
    code: int
    peak_rss: int = 0
    """Peak of the summed RSS of the tree (shared pages counted in every process)."""
    peak_pss: int = 0
    """Peak of the summed PSS (shared pages split between the processes sharing them)."""
    cpu: float = 0.0
    """CPU seconds (user + system) of the whole tree."""
    parent_cpu: float = 0.0
    """CPU seconds of the command's own process (for newsscrape: the fetching one)."""
    child_rss: dict[int, int] = field(default_factory=dict)
    """Peak RSS of each child process (for newsscrape: the extraction processes)."""
    child_pss: dict[int, int] = field(default_factory=dict)
    """Peak PSS of each child process (pages shared with other processes, such as a
    memory-mapped model, counted in shares)."""
    parent_rss: int = 0
    """Peak RSS of the command's own process (for newsscrape: the fetching one)."""
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


class _Watch:
    """Samples a process tree: summed RSS/PSS peaks, each child's RSS peak, CPU per pid.

    The watching shares the machine with what it watches, so it is kept cheap (its CPU is
    reported): RSS every sample, PSS (``smaps_rollup``, ~2 ms for a large process) and
    the list of children (a walk over every process) every ``slow`` samples.
    """

    def __init__(self, pid: int, slow: int = 5) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.members = [self.root]
        self.slow = slow
        self.count = 0
        self.peak_rss = self.peak_pss = 0
        self.rss: dict[int, int] = {}
        self.pss: dict[int, int] = {}
        self.cpu: dict[int, float] = {}

    def sample(self) -> None:
        import psutil

        full = self.count % self.slow == 0
        self.count += 1
        if full:
            with contextlib.suppress(psutil.Error):
                self.members = [self.root, *self.root.children(recursive=True)]
        rss = pss = 0
        for member in self.members:
            with contextlib.suppress(psutil.Error):
                info = member.memory_full_info() if full else member.memory_info()
                rss += info.rss
                pss += getattr(info, "pss", 0)
                self.rss[member.pid] = max(self.rss.get(member.pid, 0), info.rss)
                if full:
                    self.pss[member.pid] = max(self.pss.get(member.pid, 0),
                                               getattr(info, "pss", 0))
                times = member.cpu_times()
                self.cpu[member.pid] = times.user + times.system
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


def run_measured(cmd: list[str], *, server_pid: int | None = None, **kwargs: object) -> Measured:
    """Run ``cmd`` and watch its process tree every 100 ms (PSS every 500 ms)."""
    import psutil

    server = psutil.Process(server_pid) if server_pid else None
    server_start = sum(server.cpu_times()[:2]) if server else 0.0
    machine_start, monitor_start = _busy(psutil.cpu_times()), time.process_time()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, **kwargs)  # type: ignore[call-overload]
    watch = _Watch(proc.pid)
    while proc.poll() is None:
        watch.sample()
        time.sleep(0.1)
    wall = time.monotonic() - start
    monitor = time.process_time() - monitor_start
    machine = _busy(psutil.cpu_times()) - machine_start
    server_cpu = sum(server.cpu_times()[:2]) - server_start if server else 0.0
    return Measured(wall, proc.returncode, watch.peak_rss, watch.peak_pss,
                    sum(watch.cpu.values()), parent_cpu=watch.cpu.get(proc.pid, 0.0),
                    child_rss={pid: rss for pid, rss in watch.rss.items() if pid != proc.pid},
                    child_pss={pid: pss for pid, pss in watch.pss.items() if pid != proc.pid},
                    parent_rss=watch.rss.get(proc.pid, 0), server_cpu=server_cpu,
                    machine_cpu=machine,
                    monitor_cpu=monitor)


def extraction_rate(pages: PageSet, passes: int = PASSES) -> tuple[float, float]:
    """Pages per second one process extracts, pages in memory: ``newsscrape.extract`` on
    each page's bytes (decoding included), best of ``passes`` passes over every page.

    Returned twice: per CPU second of the process (the ceiling's unit: on a shared machine
    a pass's wall time also holds other users' turns) and per wall second.
    """
    from newsscrape.pipeline import extract_html

    headers = {"content-type": pages.content_type}
    urls = [f"http://bench.example/article/{i}" for i in range(len(pages.bodies))]

    def one_pass() -> tuple[float, float]:
        cpu, wall = time.process_time(), time.perf_counter()
        for url, body in zip(urls, pages.bodies, strict=True):
            with contextlib.suppress(Exception):  # a page without an article costs time too
                extract_html(body, url=url, headers=headers)
        return time.process_time() - cpu, time.perf_counter() - wall

    one_pass()  # warm up: imports, models, caches
    timings = [one_pass() for _ in range(passes)]
    count = len(pages.bodies)
    return count / min(c for c, _ in timings), count / min(w for _, w in timings)


def rate_in_subprocess(args: argparse.Namespace, variant: Variant) -> tuple[float, float]:
    """``extraction_rate`` in a fresh interpreter running ``variant``'s code."""
    cmd = [sys.executable, __file__, "--rate-only", "--pages", args.pages, "--data",
           str(args.data)]
    done = subprocess.run(cmd, env=variant.env(), capture_output=True, text=True, check=True)
    cpu, wall = json.loads(done.stdout.strip().splitlines()[-1])
    return float(cpu), float(wall)


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


def console_script(name: str) -> str:
    """Path of a console script, preferring this interpreter's (avoids pyenv shims)."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"console script {name!r} not found")
    return found


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


# --- the runs ------------------------------------------------------------------------------


@dataclass
class Variant:
    """A newsscrape source tree to run (``--variant LABEL=SRC``; the baseline is the one
    this interpreter imports), with its own extraction rate measured in the run."""

    label: str
    src: Path | None = None
    rate1: float = 0.0
    wall1: float = 0.0

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.src is not None:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(self.src),
                                                              env.get("PYTHONPATH")]))
        return env

    def name(self, bench: Bench) -> str:
        return f" [{self.label}]" if len(bench.variants) > 1 else ""


@dataclass
class Bench:
    """What every run needs: the server, the URL lists, the ceiling, where results go."""

    args: argparse.Namespace
    pages: PageSet
    ports: list[int]
    server_pid: int
    work: Path
    cores: int
    variants: list[Variant]
    rows: list[dict[str, object]] = field(default_factory=list)

    def url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports[i % len(self.ports)]}/article/{i}"

    def listing(self, size: int) -> Path:
        path = self.work / f"urls-{size}.txt"
        if not path.exists():
            path.write_text("".join(self.url(i) + "\n" for i in range(size)))
        return path

    def politeness(self, size: int) -> float:
        mean = sum(latency(f"/article/{i}") for i in range(size)) / size
        return len(self.ports) * self.args.per_host / mean


def bench_newsscrape(bench: Bench, size: int, jobs: str, variant: Variant) -> Measured:
    out = bench.work / "out.jsonl"
    cmd = [console_script("newsscrape"), "fetch", "-i", str(bench.listing(size)),
           "-o", str(out), "--delay", "0", "--per-host", str(bench.args.per_host),
           "--concurrency", "256", "--no-progress", *(["--jobs", jobs] if jobs else [])]
    run = run_measured(cmd, server_pid=bench.server_pid, stderr=subprocess.PIPE,
                       env=variant.env())
    records = sum(1 for _ in out.open())
    rate = size / run.wall
    per_page = 1000 / size
    ceiling = bench.cores * variant.rate1
    label = (f"newsscrape{variant.name(bench)}, {size:,} URLs"
             + (f", --jobs {jobs}" if jobs else ""))
    workers = sorted(run.child_rss.values(), reverse=True)
    shares = sorted(run.child_pss.values(), reverse=True)
    print(f"\n{label}: {run.wall:.1f} s, {rate:.1f} pages/s ({records} records, exit "
          f"{run.code}); {rate / ceiling:.0%} of the CPU ceiling "
          f"({ceiling:.1f}/s), {rate / bench.politeness(size):.0%} of the politeness "
          f"limit ({bench.politeness(size):.0f}/s)")
    print(f"  memory: peak RSS {mb(run.peak_rss)} (PSS {mb(run.peak_pss)}) for the tree; "
          f"fetching process {mb(run.parent_rss)}, extraction processes "
          f"{', '.join(mb(r) for r in workers) or '-'} peak RSS each (PSS "
          f"{', '.join(mb(r) for r in shares) or '-'})")
    print(f"  CPU a page: {run.cpu * per_page:.2f} ms for the tree (fetching process "
          f"{run.parent_cpu * per_page:.2f}, extraction processes "
          f"{(run.cpu - run.parent_cpu) * per_page:.2f}); single-process extraction "
          f"{1000 / variant.rate1:.2f}")
    machine = bench.cores * run.wall
    efficiency = size / variant.rate1 / run.cpu
    print(f"  share of the ceiling = CPU efficiency {efficiency:.0%} (single-process extraction "
          f"CPU / the tree's CPU, per page) x machine share {run.cpu / machine:.0%} (the tree's "
          f"CPU / {bench.cores} cores x wall)")
    print(f"  machine CPU during the run ({machine:.1f} core-seconds): newsscrape "
          f"{run.cpu / machine:.0%}, benchmark server {run.server_cpu / machine:.1%} "
          f"({run.server_cpu * per_page:.2f} ms a page), benchmark monitor "
          f"{run.monitor_cpu / machine:.1%}, other processes {run.other_cpu / machine:.0%}, "
          f"idle {max(0.0, 1 - run.machine_cpu / machine):.0%}")
    if run.other_cpu / machine > BUSY:
        print(f"  ! other processes took {run.other_cpu / machine:.0%} of the machine: the share "
              f"of the ceiling says more about them than about newsscrape; compare the CPU "
              f"efficiency (and CPU ms a page) instead")
    bench.rows.append({
        "run": label, "pages/s": rate, "share": rate / ceiling,
        "rss": f"{mb(run.peak_rss)} ({mb(run.peak_pss)})",
        "worker": max(workers, default=0), "worker_pss": max(shares, default=0),
        "parent_rss": run.parent_rss,
        "cpu": run.cpu * per_page,
        "parent": run.parent_cpu * per_page, "server": run.server_cpu * per_page,
        "efficiency": efficiency, "machine": run.cpu / machine,
        "other": run.other_cpu / machine})
    return run


def bench_trafilatura(bench: Bench, size: int) -> float:
    config = trafilatura_config(bench.work)
    outdir = bench.work / "trafilatura-out"
    cmd = [console_script("trafilatura"), "-i", str(bench.listing(size)),
           "--parallel", str(bench.args.parallel), "--config-file", str(config),
           "-o", str(outdir)]
    run = run_measured(cmd, server_pid=bench.server_pid, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    written = sum(1 for p in outdir.rglob("*") if p.is_file()) if outdir.exists() else 0
    shutil.rmtree(outdir, ignore_errors=True)
    rate = size / run.wall
    print(f"\ntrafilatura -i FILE --parallel {bench.args.parallel} (SLEEP_TIME 0), {size:,} "
          f"URLs: {run.wall:.1f} s, {rate:.1f} pages/s ({written} files of distinct texts, "
          f"exit {run.code}); "
          f"peak RSS {mb(run.peak_rss)} (PSS {mb(run.peak_pss)}), CPU "
          f"{run.cpu * 1000 / size:.2f} ms a page")
    bench.rows.append({
        "run": f"trafilatura, {size:,} URLs", "pages/s": rate,
        "share": rate / (bench.cores * bench.variants[0].rate1),
        "rss": f"{mb(run.peak_rss)} ({mb(run.peak_pss)})", "worker": 0,
        "parent_rss": run.parent_rss,
        "cpu": run.cpu * 1000 / size, "parent": run.parent_cpu * 1000 / size,
        "server": run.server_cpu * 1000 / size, "efficiency": None,
        "machine": run.cpu / (bench.cores * run.wall),
        "other": run.other_cpu / (bench.cores * run.wall)})
    return rate


def median_wall(argv: Sequence[str], runs: int, env: dict[str, str] | None = None,
                ) -> tuple[float, int]:
    """Median wall time of ``runs`` runs of a command, and its last exit status."""
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              check=False, env=env).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code


def single_commands(bench: Bench, url: str, saved: Path) -> dict[str, list[str]]:
    """newsscrape's single-URL commands: the default, then variants that show the pieces."""
    news = console_script("newsscrape")
    fetch = [news, "fetch", url]
    return {
        "newsscrape fetch URL": fetch,
        "  --delay 0": [*fetch, "--delay", "0"],
        "  --ignore-robots": [*fetch, "--ignore-robots"],
        "  --ignore-robots --delay 0": [*fetch, "--ignore-robots", "--delay", "0"],
        "  --ignore-robots --delay 0 --jobs 0": [*fetch, "--ignore-robots", "--delay", "0",
                                                 "--jobs", "0"],
        "newsscrape extract FILE (no network)": [news, "extract", str(saved), "--url", url],
        "newsscrape --version": [news, "--version"],
    }


def bench_single(bench: Bench) -> None:
    """One URL, as a user would fetch it: wall time of the whole command, start-up included."""
    url = bench.url(0)
    saved = bench.work / "page0.html"
    saved.write_bytes(bench.pages.bodies[0])
    runs = bench.args.single_runs
    print(f"\nsingle URL {url} (page latency {latency('/article/0') * 1000:.0f} ms, robots.txt "
          f"{latency('/robots.txt') * 1000:.0f} ms), median of {runs} runs:")
    traf = [console_script("trafilatura"), "-u", url, "--config-file",
            str(trafilatura_config(bench.work))]
    base, code = median_wall(traf, runs)
    print(f"  {'trafilatura -u URL':<52} {base * 1000:7.0f} ms")
    for variant in bench.variants:
        for label, argv in single_commands(bench, url, saved).items():
            wall, code = median_wall(argv, runs, variant.env())
            print(f"  {label + variant.name(bench):<52} {wall * 1000:7.0f} ms  "
                  f"{wall / base:5.2f}x trafilatura{'' if code == 0 else f'  (exit {code})'}")


def print_table(bench: Bench, trafilatura_rate: float | None) -> None:
    ceilings = ", ".join(f"{v.label} {bench.cores} x {v.rate1:.1f} = {bench.cores * v.rate1:.1f}"
                         for v in bench.variants)
    print(f"\nsummary (pages: {bench.pages.name}, mean {bench.pages.mean_kb:.0f} KB; CPU "
          f"ceiling: {ceilings} pages/s)")
    print("| run | pages/s | share of ceiling | = CPU efficiency x machine share "
          "| x trafilatura | peak RSS (PSS), tree "
          "| peak RSS, fetching process / largest worker (PSS) "
          "| CPU ms/page (fetching process) | server ms/page | other users |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in bench.rows:
        ratio = f"{row['pages/s'] / trafilatura_rate:.2f}x" if trafilatura_rate else "-"  # type: ignore[operator]
        worker = mb(row["parent_rss"])  # type: ignore[arg-type]
        worker += (f" / {mb(row['worker'])} ({mb(row['worker_pss'])})"  # type: ignore[arg-type]
                   if row["worker"] else "")
        split = (f"{row['efficiency']:.0%} x {row['machine']:.0%}" if row["efficiency"]
                 else f"- x {row['machine']:.0%}")
        print(f"| {row['run']} | {row['pages/s']:.1f} | {row['share']:.0%} | {split} | {ratio} "
              f"| {row['rss']} | {worker} | {row['cpu']:.2f} ({row['parent']:.2f}) "
              f"| {row['server']:.2f} | {row['other']:.0%} |")


# --- main ----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--pages", choices=("aeb", "fixtures"), default="aeb",
                        help="serve the article benchmark's pages (default) or the fixtures")
    parser.add_argument("--data", type=Path, default=AEB_DEV, help="article benchmark dir")
    parser.add_argument("--gzip", action="store_true", help="serve gzip-compressed bodies")
    parser.add_argument("--origins", type=int, default=20)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--sizes", default="2000,20000",
                        help="URL counts; the first is also run through trafilatura")
    parser.add_argument("--jobs", default="",
                        help="newsscrape --jobs values to run, comma-separated (default: its "
                        "own default); each is run at every size")
    parser.add_argument("--variant", action="append", default=[], metavar="LABEL=SRC",
                        help="also run the newsscrape package under SRC (a checkout's src/ "
                        "directory, put first on PYTHONPATH), interleaved with the baseline")
    parser.add_argument("--label", default="baseline",
                        help="the name of the tree this interpreter imports, beside variants")
    parser.add_argument("--parallel", type=int, default=8, help="trafilatura --parallel")
    parser.add_argument("--skip-trafilatura", action="store_true")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--single-runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the summary rows here")
    parser.add_argument("--rate-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def variants(args: argparse.Namespace) -> list[Variant]:
    """The baseline and each ``--variant``, with its extraction rate measured now."""
    found = [Variant(args.label)]
    for spec in args.variant:
        label, _, src = spec.partition("=")
        if not src or not (Path(src) / "newsscrape").is_dir():
            sys.exit(f"--variant {spec}: expected LABEL=SRC with SRC/newsscrape")
        found.append(Variant(label, Path(src).resolve()))
    for variant in found:  # before the server starts: nothing else of ours runs
        variant.rate1, variant.wall1 = rate_in_subprocess(args, variant)
    return found


def main() -> None:
    args = parse_args()
    pages = load_pages(args.pages, args.data)
    if args.rate_only:
        print(json.dumps(extraction_rate(pages)))
        return
    cores = len(os.sched_getaffinity(0))
    measured = variants(args)
    ports = free_ports(args.origins)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    server = context.Process(target=serve, args=(ports, ready, pages, args.gzip), daemon=True)
    server.start()
    ready.wait(10)
    work = Path(tempfile.mkdtemp(prefix="fetch-bench-"))
    bench = Bench(args, pages, ports, server.pid or 0, work, cores, measured)
    try:
        print(f"machine: {cores} cores; {args.origins} origins on 127.0.0.1, latency "
              f"{LOW * 1000:.0f}-{HIGH * 1000:.0f} ms; {pages.name}, mean "
              f"{pages.mean_kb:.0f} KB{', gzip' if args.gzip else ''}")
        for v in measured:
            print(f"single-process extraction{v.name(bench)}: {v.rate1:.1f} pages per CPU "
                  f"second ({v.wall1:.1f} per wall second; best of {PASSES} passes); CPU "
                  f"ceiling {cores} x {v.rate1:.1f} = {cores * v.rate1:.1f} pages/s")
        traf = _run_all(bench, [int(s) for s in args.sizes.split(",")])
        print_table(bench, traf)
        if not args.skip_single:
            bench_single(bench)
        if args.json:
            args.json.write_text(json.dumps(bench.rows, indent=1, default=str) + "\n")
    finally:
        server.kill()
        server.join()
        shutil.rmtree(work, ignore_errors=True)


def _run_all(bench: Bench, sizes: list[int]) -> float | None:
    traf = None
    for n, size in enumerate(sizes):
        for jobs in bench.args.jobs.split(","):
            for variant in bench.variants:
                bench_newsscrape(bench, size, jobs.strip(), variant)
        if n == 0 and not bench.args.skip_trafilatura:
            traf = bench_trafilatura(bench, size)
    return traf


if __name__ == "__main__":
    main()
