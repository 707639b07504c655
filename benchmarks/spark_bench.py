"""WARC extraction at scale: ``newsscrape extract`` vs ``spark-warc`` vs trafilatura.

Builds gzipped WARC files from the article-benchmark pages (``../shared/bench/aeb-dev``,
each page repeated under distinct URLs, a request record before each response, as a
crawler writes them) at two sizes, then runs, in one go and each as its own process
tree (wall time and peak RSS of the whole tree, polled every 100 ms):

* ``newsscrape extract W1 ... Wn -o /dev/null --jobs 1``: one extraction process (with
  the per-page time limit, as each Spark task has);
* the same with its worker pool on both cores, ``--jobs 2``;
* ``newsscrape spark-warc`` on ``local[1]`` and ``local[2]`` (Parquet output, JVM start
  included; one extraction process per task);
* trafilatura (``trafilatura.extract(html, url=url)``) over the same HTML records read
  with warcio, in one process.

Each run's time is split into a fixed cost and a marginal rate from the two sizes
(``t = fixed + records / rate``), and the crossover (the size from which ``spark-warc
local[2]`` beats one ``extract`` process) follows. Then the WARC readers are compared on
the large set, reading only: warcio through ``newsscrape.document.warc.read_warc`` (what
both commands use) and fastwarc, if installed (``pip install -e '.[bench]'``).

    python benchmarks/spark_bench.py                       # 1,000 and 10,000 records
    python benchmarks/spark_bench.py --sizes 500 3000      # quicker
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fetch_bench import Measured, run_measured

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "aeb-dev"
PY = sys.executable
RUNS = ("extract --jobs 1", "extract --jobs 2", "spark-warc local[1]", "spark-warc local[2]",
        "trafilatura+warcio")
CORES = {"extract --jobs 1": 1, "extract --jobs 2": 2, "spark-warc local[1]": 1,
         "spark-warc local[2]": 2, "trafilatura+warcio": 1}


def build(pages: list[bytes], folder: Path, records: int, files: int) -> list[Path]:
    """``records`` HTML responses spread over ``files`` gzipped WARCs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"CC-NEWS-20240101{i:06d}-{i:05d}.warc.gz" for i in range(files)]
    streams = [open(p, "wb") for p in paths]  # noqa: SIM115 - closed below
    writers = [WARCWriter(s, gzip=True) for s in streams]
    asked = b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n"
    for i in range(records):
        writer, body = writers[i % files], pages[i % len(pages)]
        url = f"https://site{i % 97}.example/news/{i % len(pages)}/{i}"
        writer.write_record(writer.create_warc_record(
            url, "request", payload=io.BytesIO(asked), length=len(asked)))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                              ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"}))
    for stream in streams:
        stream.close()
    return paths


def command(run: str, warcs: list[Path], work: Path) -> list[str]:
    """The command line of one run."""
    names = [str(w) for w in warcs]
    if run.startswith("extract"):
        return [PY, "-m", "newsscrape", "extract", *names, "-o", os.devnull,
                "--jobs", run.split()[-1]]
    if run.startswith("spark-warc"):
        master = run.split()[-1]
        manifest = work / "manifest.txt"
        manifest.write_text("\n".join(w.as_uri() for w in warcs) + "\n")
        out = work / f"out-{master}-{len(warcs)}-{time.monotonic_ns()}"
        return [PY, "-m", "newsscrape", "spark-warc", str(manifest), str(out), "--master",
                master]
    return [PY, __file__, "--trafilatura-worker", *names]


def trafilatura_worker(names: Sequence[str]) -> None:
    """trafilatura over every HTML response of the WARCs, read with warcio."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    done = 0
    for name in names:
        with open(name, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                html = record.content_stream().read()
                url = record.rec_headers.get_header("WARC-Target-URI")
                trafilatura.extract(html, url=url, include_comments=False)
                done += 1
    print(done, file=sys.stderr)


@dataclass
class Row:
    run: str
    small: Measured
    large: Measured


def fit(small: int, large: int, row: Row) -> tuple[float, float]:
    """(fixed seconds, marginal records/s) from the two sizes."""
    rate = (large - small) / max(1e-9, row.large.wall - row.small.wall)
    return max(0.0, row.small.wall - small / rate), rate


def cpu_per_record(small: int, large: int, row: Row) -> float:
    """CPU milliseconds (the whole tree) each extra record cost: steadier than wall time
    on a machine shared with other work."""
    return 1000 * (row.large.cpu - row.small.cpu) / (large - small)


def read_rates(warcs: list[Path]) -> list[tuple[str, float, float]]:
    """(reader, records/s, MB/s of gzip read) over the WARCs, HTML bodies read whole."""
    from newsscrape.document.warc import read_warc

    size = sum(w.stat().st_size for w in warcs) / 1e6
    out = []
    start, count = time.perf_counter(), 0
    for warc in warcs:
        with open(warc, "rb") as stream:
            count += sum(1 for _ in read_warc(stream))
    took = time.perf_counter() - start
    out.append(("warcio (newsscrape.document.warc.read_warc)", count / took, size / took))
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        print("fastwarc is not installed: pip install -e '.[bench]'")
        return out
    start, count = time.perf_counter(), 0
    for warc in warcs:
        with open(warc, "rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response,
                                          parse_http=True):
                record.reader.read()
                count += 1
    took = time.perf_counter() - start
    out.append(("fastwarc", count / took, size / took))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 10_000],
                        metavar=("SMALL", "LARGE"), help="records in the two runs")
    parser.add_argument("--warcs", type=int, default=8, help="WARC files per size")
    parser.add_argument("--only", choices=RUNS, action="append", help="run only these")
    parser.add_argument("--trafilatura-worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.trafilatura_worker:
        trafilatura_worker(args.trafilatura_worker)
        return
    files = sorted((args.data / "html").glob("*.html.gz"))
    pages = [gzip.decompress(p.read_bytes()) for p in files]
    work = Path(tempfile.mkdtemp(prefix="spark-bench-"))
    try:
        report(args, pages, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, pages: list[bytes], work: Path) -> None:
    small, large = args.sizes
    sets = {n: build(pages, work / str(n), n, args.warcs) for n in (small, large)}
    mb = sum(w.stat().st_size for w in sets[large]) / 1e6
    print(f"{len(pages)} pages -> {small:,} and {large:,} records in {args.warcs} WARCs each "
          f"({mb:.1f} MB gzipped at {large:,}); {os.cpu_count()} cores")
    rows = []
    for run in args.only or RUNS:
        measured = {}
        for n in (small, large):
            measured[n] = run_measured(command(run, sets[n], work), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            if measured[n].code not in (0, 1):
                raise SystemExit(f"{run} at {n} records exited {measured[n].code}")
        rows.append(Row(run, measured[small], measured[large]))
        print(f"  {run}: {measured[small].wall:.1f} s, {measured[large].wall:.1f} s", flush=True)
    print()
    print(f"| run | {small:,} records | {large:,} records | records/s at {large:,} | fixed s | "
          "marginal records/s | per core | CPU ms/record (marginal) | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    fits = {}
    for row in rows:
        fixed, rate = fits[row.run] = fit(small, large, row)
        print(f"| {row.run} | {row.small.wall:.1f} s | {row.large.wall:.1f} s | "
              f"{large / row.large.wall:.1f} | {fixed:.1f} | {rate:.1f} | "
              f"{rate / CORES[row.run]:.1f} | {cpu_per_record(small, large, row):.2f} | "
              f"{row.large.peak_rss / 1e6:.0f} |")
    ratios(fits)
    print()
    for name, rate, mbs in read_rates(sets[large]):
        share = ""
        if "extract --jobs 1" in fits:
            share = (f", {100 * fits['extract --jobs 1'][1] / rate:.1f}% of extract's time "
                     "per record")
        print(f"read only, {name}: {rate:,.0f} records/s, {mbs:.1f} MB/s{share}")


def ratios(fits: dict[str, tuple[float, float]]) -> None:
    """The issue's targets and the crossover, from the fits."""
    print()
    one, spark1 = fits.get("extract --jobs 1"), fits.get("spark-warc local[1]")
    spark2, traf = fits.get("spark-warc local[2]"), fits.get("trafilatura+warcio")
    if one and spark1:
        print(f"spark-warc local[1] marginal / extract marginal: {spark1[1] / one[1]:.2f} "
              "(target >= 0.85)")
    if spark1 and traf:
        print(f"spark-warc local[1] marginal / trafilatura: {spark1[1] / traf[1]:.2f} "
              "(target >= 2)")
    pool = fits.get("extract --jobs 2")
    if pool and spark2:
        print(f"spark-warc local[2] marginal / extract --jobs 2 marginal: "
              f"{spark2[1] / pool[1]:.2f}")
    if one and spark2:
        gain = 1 / one[1] - 1 / spark2[1]
        if gain > 0:
            print(f"crossover: spark-warc local[2] beats one extract process from "
                  f"{(spark2[0] - one[0]) / gain:,.0f} records")
        else:
            print("crossover: none (spark-warc local[2] is not faster per record)")


if __name__ == "__main__":
    main()
