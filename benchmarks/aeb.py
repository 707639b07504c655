#!/usr/bin/env python3
"""Article-body benchmark (AEB, development half): newsscrape vs trafilatura.

Scores both extractors with the benchmark's own metric (``evaluate.py`` beside this
script), times extraction on pages held in memory (best of ``--passes``), and reports
peak memory. The data is read in place from ``--data`` (default
``../shared/bench/aeb-dev`` from the repo root) and never copied.

    python benchmarks/aeb.py                       # both extractors, 3 passes
    python benchmarks/aeb.py --only trafilatura --passes 1
    python benchmarks/aeb.py --jobs 2 --startup --json /tmp/aeb.json
    python benchmarks/aeb.py --show 042bb7b5       # one page: expected vs predicted
    python benchmarks/aeb.py --cpu --passes 5      # also CPU time, extractors alternating

Wall-clock ratios swing on a shared machine; ``--cpu`` also times each extractor by this
process's CPU time (``time.process_time``), the two extractors alternating pass by pass
so that both see the same machine, and reports the best pass of each.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.pool import Pool
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "aeb-dev"
sys.path.insert(0, str(REPO / "src"))  # benchmark the working tree, installed or not

# the metric, beside this script (the script's directory is first on sys.path)
from evaluate import PageScore, Summary, aggregate, page_counts  # noqa: E402

NEWSSCRAPE = "newsscrape"
TRAFILATURA = "trafilatura"
EXTRACTORS = (NEWSSCRAPE, TRAFILATURA)
MB = 1_000_000
WARMUP_HTML = "<html><body><article><h1>Warm</h1><p>" + "Some words here. " * 40 + "</p>"

Html = str | bytes
ExtractFn = Callable[[Html, str], str]


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page, held in memory."""

    id: str
    url: str
    raw: bytes
    html: str
    expected: str


@dataclass(slots=True)
class Run:
    """What one extractor produced on all pages, and its best single-process time."""

    name: str
    texts: dict[str, str]
    errors: dict[str, str]
    seconds: float
    scores: dict[str, PageScore] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PoolRun:
    """Result of running newsscrape in a pool of worker processes."""

    jobs: int
    seconds: float
    worker_rss_kib: dict[int, int]
    texts: dict[str, str]


# --------------------------------------------------------------------------- data


def load_pages(data: Path) -> list[Page]:
    """Read ground truth and all gzipped pages into memory."""
    truth: dict[str, dict[str, str]] = json.loads((data / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(
            Page(
                id=page_id,
                url=item.get("url", ""),
                raw=raw,
                html=raw.decode("utf-8"),
                expected=item.get("articleBody", ""),
            )
        )
    return pages


def find_page(pages: Sequence[Page], prefix: str) -> Page:
    """Return the one page whose id starts with prefix (exit if none or several)."""
    matches = [p for p in pages if p.id.startswith(prefix)]
    if len(matches) != 1:
        sys.exit(f"--show {prefix!r}: {len(matches)} pages match, need exactly one")
    return matches[0]


# --------------------------------------------------------------------------- extractors


def newsscrape_problem() -> str | None:
    """Return why newsscrape's pipeline cannot be imported, or None when it can."""
    try:
        importlib.import_module("newsscrape.pipeline")
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def extract_newsscrape(html: Html, url: str) -> str:
    """Article text from the full newsscrape pipeline."""
    import newsscrape

    return newsscrape.extract(html, url=url).text or ""


def extract_trafilatura(html: Html, url: str) -> str:
    """Article text from trafilatura without comments (the benchmark's setting)."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def extractor(name: str) -> ExtractFn:
    """The extraction function of an extractor name."""
    return extract_newsscrape if name == NEWSSCRAPE else extract_trafilatura


def page_input(name: str, page: Page, use_bytes: bool) -> Html:
    """The document handed to an extractor: bytes for newsscrape with --bytes, else text."""
    return page.raw if use_bytes and name == NEWSSCRAPE else page.html


def safe_extract(fn: ExtractFn, html: Html, url: str) -> tuple[str, str | None]:
    """Run one extraction; an exception becomes an empty text and an error message."""
    try:
        return fn(html, url), None
    except Exception as exc:
        return "", f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------- timing


def run_pass(name: str, pages: Sequence[Page], use_bytes: bool) -> Run:
    """Extract every page once, timing extraction only."""
    fn = extractor(name)
    inputs = [(p.id, page_input(name, p, use_bytes), p.url) for p in pages]
    texts: dict[str, str] = {}
    errors: dict[str, str] = {}
    start = time.perf_counter()
    for page_id, html, url in inputs:
        texts[page_id], error = safe_extract(fn, html, url)
        if error:
            errors[page_id] = error
    return Run(name, texts, errors, time.perf_counter() - start)


def cpu_pass(name: str, pages: Sequence[Page], use_bytes: bool) -> float:
    """CPU seconds of this process for one extraction of every page."""
    fn = extractor(name)
    inputs = [(page_input(name, p, use_bytes), p.url) for p in pages]
    start = time.process_time()
    for html, url in inputs:
        safe_extract(fn, html, url)
    return time.process_time() - start


def cpu_times(names: Sequence[str], pages: Sequence[Page], passes: int,
              use_bytes: bool) -> dict[str, float]:
    """Best CPU seconds per extractor over ``passes`` rounds, the extractors alternating
    within each round (warmed up already by the main run)."""
    best = dict.fromkeys(names, float("inf"))
    for _ in range(passes):
        for name in names:
            best[name] = min(best[name], cpu_pass(name, pages, use_bytes))
    return best


def run_extractor(name: str, pages: Sequence[Page], passes: int, use_bytes: bool) -> Run:
    """Warm up, then run all pages `passes` times; keep the first outputs and the best time."""
    safe_extract(extractor(name), WARMUP_HTML, "https://example.com/warmup")
    runs = [run_pass(name, pages, use_bytes) for _ in range(passes)]
    first = runs[0]
    first.seconds = min(r.seconds for r in runs)
    first.scores = {p.id: page_counts(first.texts[p.id], p.expected) for p in pages}
    return first


def max_rss_kib() -> int:
    """Peak resident set size of this process in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


# --------------------------------------------------------------------------- pool


def _init_worker(ready: Queue[int]) -> None:
    """Pool initializer: import and warm up newsscrape, then report ready."""
    safe_extract(extract_newsscrape, WARMUP_HTML, "https://example.com/warmup")
    ready.put(os.getpid())


def _worker_extract(task: tuple[str, Html, str]) -> tuple[str, str, int, int]:
    """Pool task: (id, html, url) -> (id, text, worker pid, worker peak RSS KiB)."""
    page_id, html, url = task
    text, _ = safe_extract(extract_newsscrape, html, url)
    return page_id, text, os.getpid(), max_rss_kib()


def timed_map(pool: Pool, tasks: list[tuple[str, Html, str]]) -> tuple[float, list[Any]]:
    """Run all tasks on the pool once; return seconds and results."""
    start = time.perf_counter()
    results = pool.map(_worker_extract, tasks, chunksize=1)
    return time.perf_counter() - start, results


def run_pool(pages: Sequence[Page], jobs: int, passes: int, use_bytes: bool) -> PoolRun:
    """Run newsscrape on all pages in `jobs` spawned workers; best of `passes` passes."""
    ctx = mp.get_context("spawn")  # fresh interpreters: per-worker RSS is not the parent's
    ready: Queue[int] = ctx.Queue()
    biggest_first = sorted(pages, key=lambda p: len(p.raw), reverse=True)
    tasks = [(p.id, page_input(NEWSSCRAPE, p, use_bytes), p.url) for p in biggest_first]
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(ready,)) as pool:
        for _ in range(jobs):
            ready.get()
        timings = [timed_map(pool, tasks) for _ in range(passes)]
    rss: dict[int, int] = {}
    texts: dict[str, str] = {}
    for _, results in timings:
        for page_id, text, pid, kib in results:
            rss[pid] = max(rss.get(pid, 0), kib)
            texts.setdefault(page_id, text)
    return PoolRun(jobs, min(seconds for seconds, _ in timings), rss, texts)


# --------------------------------------------------------------------------- start-up


def console_script(name: str) -> str | None:
    """Path of a console script, preferring this interpreter's (avoids pyenv shims)."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def median_wall(argv: Sequence[str], runs: int = 5) -> float:
    """Median wall time in seconds of running a command `runs` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_startup() -> dict[str, float]:
    """Time and print CLI start-up medians (newsscrape ones skipped when not installed)."""
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "trafilatura --version": [TRAFILATURA, "--version"],
        "newsscrape --version": [NEWSSCRAPE, "--version"],
        "newsscrape --help": [NEWSSCRAPE, "--help"],
    }
    out: dict[str, float] = {}
    for label, argv in commands.items():
        exe = argv[0] if argv[0] == sys.executable else console_script(argv[0])
        if exe is None:
            print(f"  {label:<24} skipped: console script {argv[0]!r} not installed")
            continue
        try:
            out[label] = median_wall([exe, *argv[1:]])
        except subprocess.CalledProcessError as exc:
            print(f"  {label:<24} skipped: exit status {exc.returncode}")
            continue
        print(f"  {label:<24} {out[label] * 1000:7.1f} ms")
    return out


# --------------------------------------------------------------------------- report


def print_quality_and_speed(runs: Sequence[Run], pages: Sequence[Page]) -> None:
    """Print the main table: quality figures and single-process speed."""
    megabytes = sum(len(p.raw) for p in pages) / MB
    print(f"\n{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'pages/s':>8} {'MB/s':>6}")
    for run in runs:
        s = aggregate(run.scores.values())
        print(
            f"{run.name:<12} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.accuracy:6.3f}"
            f" {len(pages) / run.seconds:8.1f} {megabytes / run.seconds:6.2f}"
        )
    by_name = {r.name: r for r in runs}
    if len(by_name) == 2:
        ratio = by_name[TRAFILATURA].seconds / by_name[NEWSSCRAPE].seconds
        print(f"speed ratio newsscrape/trafilatura: {ratio:.2f}x")
    for run in runs:
        for page_id, error in sorted(run.errors.items()):
            print(f"! {run.name} raised on {page_id}: {error}")


def body_paths(pages: Sequence[Page]) -> dict[str, str]:
    """How newsscrape found each page's body: ``fast`` or ``trafilatura: <reason>``.

    Re-runs the pipeline's steps up to the body (untimed), as ``pipeline.find_article`` does.
    """
    from selectolax.lexbor import LexborHTMLParser

    from newsscrape.extractors.body import read_body
    from newsscrape.extractors.metadata import read_metadata
    from newsscrape.extractors.strip import strip_chrome

    paths = {}
    for page in pages:
        tree = LexborHTMLParser(page.html)
        read_metadata(tree)
        strip_chrome(tree)
        paths[page.id] = read_body(tree.html or "", url=page.url).path
    return paths


def print_paths(run: Run, pages: Sequence[Page]) -> None:
    """Print how many pages took each body path, with newsscrape's scores on them."""
    paths = body_paths(pages)
    print(f"\nnewsscrape body paths{'':14} {'pages':>5} {'F1':>6} {'P':>6} {'R':>6}")
    for path in sorted(set(paths.values()), key=lambda p: (p != "fast", p)):
        s = aggregate(run.scores[i] for i, taken in paths.items() if taken == path)
        count = sum(taken == path for taken in paths.values())
        print(f"  {path:<33} {count:5} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f}")


def print_worst(run: Run, pages: Sequence[Page], count: int) -> None:
    """Print the pages with the lowest page F1 for one extractor."""
    urls = {p.id: p.url for p in pages}
    worst = sorted(run.scores.items(), key=lambda item: (item[1].f1, item[0]))[:count]
    print(f"\n{count} worst pages for {run.name} (page F1; --show ID for details)")
    print(f"{'id':<16} {'P':>5} {'R':>5} {'F1':>5}  url")
    for page_id, s in worst:
        print(f"{page_id[:16]} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {urls[page_id]}")


def print_cpu(best: dict[str, float], pages: Sequence[Page], passes: int) -> None:
    """Print CPU-time rates and the newsscrape/trafilatura ratio."""
    print(f"\nCPU time (process time), best of {passes} alternating pass(es):")
    for name, seconds in best.items():
        print(f"  {name:<12} {seconds:6.2f} s  {len(pages) / seconds:6.1f} pages/s"
              f"  {seconds / len(pages) * 1000:5.1f} ms/page")
    if len(best) == 2:
        print(f"  CPU speed ratio newsscrape/trafilatura: "
              f"{best[TRAFILATURA] / best[NEWSSCRAPE]:.2f}x")


def print_pool(pool: PoolRun, single: Run, pages: Sequence[Page]) -> None:
    """Print pool throughput, speedup over one process, and per-worker peak RSS."""
    rate = len(pages) / pool.seconds
    speedup = single.seconds / pool.seconds
    same = sum(pool.texts[p.id] == single.texts[p.id] for p in pages)
    rss = sorted(pool.worker_rss_kib.values())
    print(f"\nnewsscrape, {pool.jobs} worker processes (spawn, largest pages first):")
    print(f"  {rate:.1f} pages/s, speedup {speedup:.2f}x over one process ({os.cpu_count()} CPUs)")
    print(f"  peak RSS per worker: {', '.join(f'{k / 1024:.0f}' for k in rss)} MB")
    print(f"  outputs identical to the single-process run: {same}/{len(pages)}")


def print_startup_ratios(times: dict[str, float]) -> None:
    """Print newsscrape/trafilatura start-up ratios."""
    base = times.get("trafilatura --version")
    for label in ("newsscrape --version", "newsscrape --help"):
        if base and label in times:
            print(f"  {label} / trafilatura --version: {times[label] / base:.2f}")


def write_json(path: Path, runs: Sequence[Run], pages: Sequence[Page], data: Path) -> None:
    """Write summaries and all per-page scores (sorted, for diffing)."""
    urls = {p.id: p.url for p in pages}
    out: dict[str, Any] = {"data": str(data), "pages": len(pages), "summary": {}, "scores": {}}
    for run in runs:
        summary: Summary = aggregate(run.scores.values())
        out["summary"][run.name] = {**asdict(summary), "pages_per_s": len(pages) / run.seconds}
        out["scores"][run.name] = {
            page_id: {
                **asdict(s),
                "f1": s.f1,
                "url": urls[page_id],
                "error": run.errors.get(page_id),
            }
            for page_id, s in run.scores.items()
        }
    path.write_text(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nper-page scores written to {path}")


def show_page(page: Page, names: Sequence[str], use_bytes: bool) -> None:
    """Print the expected text and each extractor's prediction for one page."""
    print(f"id:  {page.id}\nurl: {page.url}\n\n===== expected =====\n{page.expected}")
    for name in names:
        text, error = safe_extract(extractor(name), page_input(name, page, use_bytes), page.url)
        s = page_counts(text, page.expected)
        print(f"\n===== {name}: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} =====")
        print(f"raised {error}" if error else text)


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--only", choices=EXTRACTORS, help="run one extractor only")
    parser.add_argument("--passes", type=int, default=3, help="timed passes, best kept")
    parser.add_argument("--jobs", type=int, default=1, help="also run newsscrape in N workers")
    parser.add_argument("--startup", action="store_true", help="also time CLI start-up")
    parser.add_argument("--cpu", action="store_true",
                        help="also time by CPU (process time), extractors alternating")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write per-page scores")
    parser.add_argument("--show", metavar="ID", help="print one page (id prefix) and exit")
    parser.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    parser.add_argument(
        "--bytes", action="store_true", help="give newsscrape raw bytes instead of decoded text"
    )
    args = parser.parse_args(argv)
    if args.passes < 1 or args.jobs < 1:
        parser.error("--passes and --jobs must be at least 1")
    return args


def selected_extractors(only: str | None) -> list[str]:
    """Extractors to run: --only, minus newsscrape when its pipeline cannot be imported."""
    names = [only] if only else list(EXTRACTORS)
    problem = newsscrape_problem() if NEWSSCRAPE in names else None
    if problem:
        print(f"newsscrape pipeline not importable ({problem}); skipping newsscrape")
        names.remove(NEWSSCRAPE)
    if not names:
        sys.exit("nothing to run")
    return names


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    args = parse_args(argv)
    names = selected_extractors(args.only)
    pages = load_pages(args.data)
    if args.show:
        show_page(find_page(pages, args.show), names, args.bytes)
        return
    megabytes = sum(len(p.raw) for p in pages) / MB
    print(f"AEB dev: {len(pages)} pages, {megabytes:.1f} MB of HTML, from {args.data}")
    print(f"best of {args.passes} pass(es), one process, pages in memory")
    runs = [run_extractor(name, pages, args.passes, args.bytes) for name in names]
    print_quality_and_speed(runs, pages)
    print(f"peak RSS of this process: {max_rss_kib() / 1024:.0f} MB")
    if runs[0].name == NEWSSCRAPE:
        print_paths(runs[0], pages)
    if args.worst > 0:
        print_worst(runs[0], pages, args.worst)
    if args.cpu:
        print_cpu(cpu_times(names, pages, args.passes, args.bytes), pages, args.passes)
    if args.jobs > 1 and NEWSSCRAPE in names:
        print_pool(run_pool(pages, args.jobs, args.passes, args.bytes), runs[0], pages)
    elif args.jobs > 1:
        print("\n--jobs: skipped, newsscrape is not being run")
    if args.startup:
        print("\nstart-up (median of 5 runs):")
        print_startup_ratios(measure_startup())
    if args.json:
        write_json(args.json, runs, pages, args.data)


if __name__ == "__main__":
    main()
