"""Discovery benchmark: ``newsscrape discover`` on a big loopback site, vs trafilatura.

A server process on 127.0.0.1 serves a robots.txt naming a sitemap index of N sitemaps
of 50,000 URLs each (one month of articles each, ``lastmod`` on every entry and on every
index entry) plus a Google News sitemap of 1,000 URLs. Measured in the same run, each
writing its list to a file, wall time and peak RSS of the process tree sampled every
100 ms:

* ``newsscrape discover http://127.0.0.1:PORT/ --delay 0`` at each size (2 sitemaps =
  100k URLs, 20 = 1M by default): every URL must come out exactly once;
* ``trafilatura --sitemap http://127.0.0.1:PORT/ --list`` on the largest size, with a
  config setting ``SLEEP_TIME = 0``, loopback allowed and ``MAX_FILE_SIZE`` raised so
  it reads sitemaps this large (its default 20 MB would skip them);
* ``newsscrape discover … --since <the last month's first day>``: how many sitemaps
  were requested (the target: at most 2, the news sitemap and the last month's).

``--feeds`` times our lxml feed reader against feedparser (if installed: ``pip install
'.[bench]'``) on one 100-item RSS feed, in this process.

    python benchmarks/discover_bench.py [--sizes 2 20] [--skip-trafilatura] [--feeds]
"""

from __future__ import annotations

import argparse
import multiprocessing
import multiprocessing.synchronize
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from fetch_bench import Measured, mb, run_measured, trafilatura_config

PER_SITEMAP = 50_000
RESULTS: dict[str, Measured] = {}
"""Each run's measurement, by name, for the closing ratios."""
TRAFILATURA_HOST = "bench.example.com"
"""trafilatura refuses IP addresses and names without a public suffix, so its copy of
the site is named this; its process resolves the name to 127.0.0.1 (``LOOPBACK_ONLY``)."""
LOOPBACK_ONLY = (
    "import socket, sys, runpy\n"
    "real = socket.getaddrinfo\n"
    "def local(host, *args, **kwargs):\n"
    f"    if host != {TRAFILATURA_HOST!r}:\n"
    "        raise socket.gaierror('benchmark: loopback only')\n"
    "    return real('127.0.0.1', *args, **kwargs)\n"
    "socket.getaddrinfo = local\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')\n")
NEWS = 1_000
FIRST_MONTH = datetime(2024, 1, 1, tzinfo=UTC)


def month_start(i: int) -> datetime:
    year, month = divmod(FIRST_MONTH.month - 1 + i, 12)
    return FIRST_MONTH.replace(year=FIRST_MONTH.year + year, month=month + 1)


def build(directory: Path, sitemaps: int, base: str) -> None:
    """Write the site's files, naming its URLs from ``base``, into ``directory``."""
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    children = []
    for i in range(sitemaps):
        start = month_start(i)
        with open(directory / f"sitemap-{i:02d}.xml", "w") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {ns}>\n')
            for n in range(PER_SITEMAP):
                when = start + timedelta(seconds=n * 50)
                out.write(f"<url><loc>{base}/{when:%Y/%m/%d}/story-{i}-{n}-about-the-news"
                          f"</loc><lastmod>{when:%Y-%m-%dT%H:%M:%S}+00:00</lastmod></url>\n")
            out.write("</urlset>\n")
        end = month_start(i + 1) - timedelta(seconds=1)
        children.append(f"<sitemap><loc>{base}/sitemap-{i:02d}.xml</loc>"
                        f"<lastmod>{end:%Y-%m-%dT%H:%M:%S}+00:00</lastmod></sitemap>")
    last = month_start(sitemaps - 1)
    news = "".join(
        f"<url><loc>{base}/news/{n}/a-breaking-story-number-{n}</loc><news:news>"
        f"<news:publication><news:name>Bench</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{last:%Y-%m-%d}</news:publication_date>"
        f"<news:title>Breaking story {n}</news:title></news:news></url>\n" for n in range(NEWS))
    (directory / "news.xml").write_text(
        f'<?xml version="1.0"?>\n<urlset {ns} xmlns:news="http://www.google.com/schemas/'
        f'sitemap-news/0.9">\n{news}</urlset>\n')
    children.insert(0, f"<sitemap><loc>{base}/news.xml</loc></sitemap>")
    (directory / "sitemap_index.xml").write_text(
        f'<?xml version="1.0"?>\n<sitemapindex {ns}>{"".join(children)}</sitemapindex>\n')
    (directory / "robots.txt").write_text(f"User-agent: *\nSitemap: {base}/sitemap_index.xml\n")
    (directory / "index.html").write_text("<html><head><title>Bench</title></head></html>")


def serve(directory: str, port: int, log: str, ready: multiprocessing.synchronize.Event) -> None:
    """Serve the site's files (``/`` is index.html) from ``directory``/HOST, logging each
    path requested; HEAD too (trafilatura checks the home page with one)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_HEAD(self) -> None:
            self.do_GET(body=False)

        def do_GET(self, body: bool = True) -> None:
            with open(log, "a") as out:
                out.write(self.path + "\n")
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            root = Path(directory) / (host if host == TRAFILATURA_HOST else "127.0.0.1")
            path = root / ("index.html" if self.path == "/" else self.path.lstrip("/"))
            if not path.is_file() or ".." in self.path:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            kind = "text/html" if path.suffix == ".html" else \
                "text/plain" if path.suffix == ".txt" else "application/xml"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(path.stat().st_size))
            self.end_headers()
            if not body:
                return
            with open(path, "rb") as data:
                shutil.copyfileobj(data, self.wfile, 1 << 20)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    ready.set()
    server.serve_forever()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bin_of(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def requested(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def count_lines(path: Path) -> tuple[int, int]:
    """(lines, distinct URLs) of a file of JSON lines or bare URLs."""
    import json

    urls = set()
    lines = 0
    with open(path) as data:
        for line in data:
            lines += 1
            urls.add(json.loads(line)["url"] if line.startswith("{") else line.strip())
    return lines, len(urls)


def run_size(sitemaps: int, work: Path, args: argparse.Namespace) -> None:
    port = free_port()
    site = work / f"site-{sitemaps}"
    for host in ("127.0.0.1", TRAFILATURA_HOST):
        (site / host).mkdir(parents=True)
        if host == "127.0.0.1" or (sitemaps == max(args.sizes) and not args.skip_trafilatura):
            build(site / host, sitemaps, f"http://{host}:{port}")
    log = work / f"requests-{sitemaps}.log"
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(str(site), port, str(log), ready),
                                     daemon=True)
    server.start()
    ready.wait(10)
    expected = sitemaps * PER_SITEMAP + NEWS
    try:
        out = work / f"newsscrape-{sitemaps}.jsonl"
        with open(out, "wb") as sink:
            m = run_measured([bin_of("newsscrape"), "discover", f"http://127.0.0.1:{port}/",
                              "--delay", "0"], server_pid=server.pid, stdout=sink)
        lines, distinct = count_lines(out)
        print(f"| newsscrape discover | {expected:,} | {m.wall:.1f} s | {m.cpu:.1f} s | "
              f"{expected / m.wall:,.0f} | {mb(m.peak_rss)} | {lines:,} lines, "
              f"{distinct:,} distinct, exit {m.code} |", flush=True)
        RESULTS[f"newsscrape-{sitemaps}"] = m
        if sitemaps == max(args.sizes) and not args.skip_trafilatura:
            RESULTS["trafilatura"] = _trafilatura(port, work, expected, server.pid)
        if sitemaps == max(args.sizes):
            _since(port, work, sitemaps, log)
    finally:
        server.terminate()


def _trafilatura(port: int, work: Path, expected: int, server_pid: int | None) -> Measured:
    config = trafilatura_config(work)
    text = config.read_text().replace("MAX_FILE_SIZE = 20000000", "MAX_FILE_SIZE = 200000000")
    config.write_text(text)
    out = work / "trafilatura.txt"
    with open(out, "wb") as sink:
        m = run_measured([sys.executable, "-c", LOOPBACK_ONLY, bin_of("trafilatura"),
                          "--sitemap", f"http://{TRAFILATURA_HOST}:{port}/", "--list",
                          "--config-file", str(config)], server_pid=server_pid,
                         stdout=sink, stderr=open(work / "trafilatura.err", "wb"))  # noqa: SIM115
    lines, distinct = count_lines(out)
    print(f"| trafilatura --sitemap --list | {expected:,} | {m.wall:.1f} s | {m.cpu:.1f} s | "
          f"{expected / m.wall:,.0f} | {mb(m.peak_rss)} | {lines:,} lines, {distinct:,} "
          f"distinct, exit {m.code} |", flush=True)
    return m


def _since(port: int, work: Path, sitemaps: int, log: Path) -> None:
    since = month_start(sitemaps - 1).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = len(requested(log))
    out = work / "since.jsonl"
    with open(out, "wb") as sink:
        m = run_measured([bin_of("newsscrape"), "discover", f"http://127.0.0.1:{port}/",
                          "--delay", "0", "--since", since], stdout=sink)
    paths = requested(log)[before:]
    fetched = sorted(p for p in paths if p.startswith(("/sitemap-", "/news")))
    lines, _ = count_lines(out)
    print(f"| newsscrape discover --since {since} | | {m.wall:.1f} s | {m.cpu:.1f} s | | "
          f"{mb(m.peak_rss)} | "
          f"{lines:,} lines; sitemaps requested: {len(fetched)} ({', '.join(fetched)}) |")


def feeds() -> None:
    from newsscrape.discover.feeds import read_feed

    items = "".join(
        f"<item><title>Story number {i} about things</title><link>https://example.com/{i}"
        f"</link><pubDate>Thu, 03 Dec 2026 10:{i % 60:02d}:00 +0100</pubDate><description>"
        f"&lt;p&gt;Some &lt;b&gt;html&lt;/b&gt; teaser {i}&lt;/p&gt;</description>"
        f"<category>Politics</category></item>" for i in range(100))
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
           f"</channel></rss>").encode()

    def timed(fn: object, n: int = 20) -> float:
        fn()  # type: ignore[operator]
        start = time.perf_counter()
        for _ in range(n):
            fn()  # type: ignore[operator]
        return (time.perf_counter() - start) / n * 1000

    print("| feed reader (100-item RSS) | ms per feed |")
    print("|---|---|")
    print(f"| newsscrape (lxml) | {timed(lambda: read_feed(rss, 'https://example.com/')):.2f} |")
    try:
        import feedparser
    except ImportError:
        print("| feedparser | not installed (pip install '.[bench]') |")
        return
    for label, kwargs in (("feedparser, sanitize_html and resolve_relative_uris off",
                           {"sanitize_html": False, "resolve_relative_uris": False}),
                          ("feedparser, defaults", {})):
        print(f"| {label} | {timed(lambda kw=kwargs: feedparser.parse(rss, **kw)):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 20],
                        help="sitemaps of 50,000 URLs; the largest is also run by trafilatura")
    parser.add_argument("--skip-trafilatura", action="store_true")
    parser.add_argument("--feeds", action="store_true", help="only the feed-reader timing")
    args = parser.parse_args()
    if args.feeds:
        feeds()
        return
    _compiled()
    print("| run | URLs | wall | CPU | URLs/s | peak RSS | output |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="discover-bench-") as tmp:
        for sitemaps in sorted(args.sizes):
            run_size(sitemaps, Path(tmp), args)
    _ratios(sorted(args.sizes))


def _compiled() -> None:
    """Byte-compile newsscrape's modules first, as an installed package has them: from
    an editable install, with PYTHONDONTWRITEBYTECODE set, every run would compile them
    again (a few tenths of a second), where trafilatura's came compiled by pip."""
    import compileall

    import newsscrape

    compileall.compile_dir(Path(newsscrape.__file__).parent, quiet=1)


def _ratios(sizes: list[int]) -> None:
    """Speed against trafilatura (same run) and memory growth between the sizes."""
    ours = RESULTS.get(f"newsscrape-{sizes[-1]}")
    theirs = RESULTS.get("trafilatura")
    if ours is not None and theirs is not None:
        print(f"\nspeed vs trafilatura, {sizes[-1] * PER_SITEMAP + NEWS:,} URLs: "
              f"{theirs.wall / ours.wall:.1f}x by wall time, {theirs.cpu / ours.cpu:.1f}x by "
              f"CPU time; peak RSS {ours.peak_rss / theirs.peak_rss:.2f} of trafilatura's")
    if len(sizes) > 1 and ours is not None:
        small = RESULTS[f"newsscrape-{sizes[0]}"]
        print(f"peak RSS from {sizes[0] * PER_SITEMAP + NEWS:,} to "
              f"{sizes[-1] * PER_SITEMAP + NEWS:,} URLs: {mb(small.peak_rss)} -> "
              f"{mb(ours.peak_rss)} ({(ours.peak_rss - small.peak_rss) / 1e6:+.0f} MB)")


if __name__ == "__main__":
    main()
