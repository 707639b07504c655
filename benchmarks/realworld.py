#!/usr/bin/env python3
"""Real-page benchmark (realworld-dev): newsscrape vs trafilatura and htmldate, one run.

Runs, on every page of the development half (gzipped bytes as served, handed over raw so
each tool decodes them as it would in production):

* ``newsscrape``: ``newsscrape.extract(page, url=url)``; a ``NewsscrapeError`` (e.g.
  ``no_article``) means nothing found and is recorded. Record fields map to the metric's:
  title, authors, date = ``published`` (never ``modified``), tags, categories = ``section``,
  text.
* ``trafilatura.extract_metadata(page, default_url=url)``: title, author (its "; "-joined
  string split back into a list; the metric splits every tool's names further alike),
  date (htmldate inside, extensive search), tags, categories.
* ``trafilatura.extract(page, fast=False, include_comments=False, include_tables=True,
  include_formatting=False)``: the body text, with its own benchmark's settings, no URL.
* ``htmldate.find_date(page, original_date=True, extensive_search=True)``: the date.

It writes the predictions of each tool as JSONL (``--out``), then prints the metric's table
(``score.py`` imported from the data directory, never reimplemented), the coverage per
field (share of labelled pages where a value came back), CPU seconds per tool (process CPU
time around each tool's calls, summed over workers) and, with ``--misses FIELD``, every
page newsscrape gets wrong on that field with the label and the anchors' values.

    python benchmarks/realworld.py                          # everything, one process
    python benchmarks/realworld.py --jobs 2                 # the same over 2 workers
    python benchmarks/realworld.py --only newsscrape --suite trafilatura --limit 50
    python benchmarks/realworld.py --misses authors --misses date --out /tmp/rw

Pages are read in place from ``--data`` (default ``../shared/bench/realworld-dev`` from
the repo root). ``labels.jsonl`` lists one page twice under two URLs; like ``score.py``,
the last line of a file wins.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import multiprocessing as mp
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "realworld-dev"
sys.path.insert(0, str(REPO / "src"))  # benchmark the working tree, installed or not

NEWSSCRAPE = "newsscrape"
TRAF_META = "trafilatura-metadata"
TRAF_TEXT = "trafilatura-extract"
HTMLDATE = "htmldate"
SUITES = ("trafilatura", "htmldate")
METADATA = frozenset({"title", "title~", "authors", "date", "tags", "categories"})
MISS_FIELDS = ("title", "title~", "authors", "date", "tags", "categories", "boilerplate")
WARMUP_HTML = (
    b"<html><head><title>Warm</title></head><body><article><h1>Warm</h1>"
    b"<p>By Jane Doe, 5 March 2024</p><p>" + b"Some words here. " * 40 + b"</p></article>"
)

Prediction = dict[str, Any]  # the metric's JSONL fields: title, authors, date, tags, ...
# (row label, score.py column, field as the tools declare it)
COLUMNS = (
    ("title (exact)", "trafilatura/title", "title"),
    ("title~", "trafilatura/title~", "title~"),
    ("authors", "trafilatura/authors", "authors"),
    ("date, trafilatura suite", "trafilatura/date", "date"),
    ("date, htmldate suite", "htmldate/date", "date"),
    ("tags", "trafilatura/tags", "tags"),
    ("categories", "trafilatura/categories", "categories"),
    ("boilerplate with", "boilerplate/with", "boilerplate"),
    ("boilerplate without", "boilerplate/without", "boilerplate"),
    ("boilerplate hmean", "boilerplate/hmean", "boilerplate"),
)


# --------------------------------------------------------------------------- tools


def run_newsscrape(raw: bytes, url: str) -> Prediction:
    """newsscrape's record, as the metric's fields; a NewsscrapeError is recorded."""
    import newsscrape
    from newsscrape.errors import NewsscrapeError

    try:
        record = newsscrape.extract(raw, url=url)
    except NewsscrapeError as exc:
        return {"error": exc.kind}
    return {
        "title": record.title,
        "authors": list(record.authors),
        "date": record.published,  # a modified stamp is not a publication date
        "tags": list(record.tags),
        "categories": list(record.section),
        "text": record.text,
    }


def run_trafilatura_metadata(raw: bytes, url: str) -> Prediction:
    """trafilatura's metadata (htmldate inside it, as its own evaluation runs it)."""
    from trafilatura import extract_metadata

    meta = extract_metadata(raw, default_url=url)
    author = meta.author or ""
    return {
        "title": meta.title,
        "authors": [a.strip() for a in author.split(";") if a.strip()],
        "date": meta.date,
        "tags": list(meta.tags or []),
        "categories": list(meta.categories or []),
    }


def run_trafilatura_extract(raw: bytes, url: str) -> Prediction:
    """trafilatura's body text with its own benchmark's settings (no URL)."""
    from trafilatura import extract

    text = extract(raw, fast=False, include_comments=False, include_tables=True,
                   include_formatting=False)
    return {"text": text}


def run_htmldate(raw: bytes, url: str) -> Prediction:
    """htmldate's original publication date, extensive search (no URL, as in its reference)."""
    from htmldate import find_date

    return {"date": find_date(raw, original_date=True, extensive_search=True)}


@dataclass(frozen=True, slots=True)
class Tool:
    """One tool of the run: what it predicts and how it is called."""

    name: str
    fields: frozenset[str]
    run: Callable[[bytes, str], Prediction]


TOOLS = (
    Tool(NEWSSCRAPE, METADATA | {"boilerplate"}, run_newsscrape),
    Tool(TRAF_META, METADATA, run_trafilatura_metadata),
    Tool(TRAF_TEXT, frozenset({"boilerplate"}), run_trafilatura_extract),
    Tool(HTMLDATE, frozenset({"date"}), run_htmldate),
)
TOOL_BY_NAME = {tool.name: tool for tool in TOOLS}


def safe_run(tool: Tool, raw: bytes, url: str) -> Prediction:
    """Call one tool; an unexpected exception is recorded, never fatal."""
    try:
        return tool.run(raw, url)
    except Exception as exc:  # a crash on one page scores as nothing found
        return {"error": f"exception {type(exc).__name__}: {str(exc)[:120]}"}


# --------------------------------------------------------------------------- running


@dataclass(frozen=True, slots=True)
class Task:
    """One page to run: where its bytes are and the URL it was fetched from."""

    file: str
    path: Path
    url: str


@dataclass(slots=True)
class PageResult:
    """Every selected tool's prediction on one page, and the CPU time each took."""

    file: str
    predictions: dict[str, Prediction] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)


_WORKER_TOOLS: list[Tool] = []


def init_tools(names: Sequence[str]) -> None:
    """Import and warm up the tools (outside timing), quieten their loggers."""
    for logger in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    _WORKER_TOOLS[:] = [TOOL_BY_NAME[name] for name in names]
    for tool in _WORKER_TOOLS:
        safe_run(tool, WARMUP_HTML, "https://example.com/2024/03/05/warm-up")


def run_task(task: Task) -> PageResult:
    """Run every tool on one page, timing each with the process CPU clock."""
    raw = gzip.decompress(task.path.read_bytes())
    result = PageResult(task.file)
    for tool in _WORKER_TOOLS:
        start = time.process_time()
        result.predictions[tool.name] = safe_run(tool, raw, task.url)
        result.cpu[tool.name] = time.process_time() - start
    return result


def run_all(tasks: Sequence[Task], names: Sequence[str], jobs: int) -> Iterator[PageResult]:
    """Results for all tasks: in this process, or in `jobs` spawned workers."""
    if jobs == 1:
        init_tools(names)
        yield from map(run_task, tasks)
        return
    by_size = sorted(tasks, key=lambda t: t.path.stat().st_size, reverse=True)
    with mp.get_context("spawn").Pool(jobs, initializer=init_tools, initargs=(names,)) as pool:
        yield from pool.imap_unordered(run_task, by_size, chunksize=4)


# --------------------------------------------------------------------------- data


def load_score(data: Path) -> ModuleType:
    """Import the metric, ``score.py``, from the data directory."""
    spec = importlib.util.spec_from_file_location("realworld_score", data / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no score.py in {data}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def select_labels(score: ModuleType, data: Path, suite: str | None, limit: int | None
                  ) -> dict[str, dict[str, Any]]:
    """Labels by file (last line of a file wins, as in score.py), filtered by suite and limit."""
    labels = {row["file"]: row for row in score.load_labels(data / "labels.jsonl")}
    chosen = [row for row in labels.values() if suite in (None, row["suite"])]
    return {row["file"]: row for row in chosen[:limit]}


def write_predictions(out: Path, name: str, results: Sequence[PageResult]) -> Path:
    """One JSON line per page for one tool, in the format score.py reads."""
    path = out / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for result in results:
            if name in result.predictions:
                line = {"file": result.file, **result.predictions[name]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------- reports


def score_tables(score: ModuleType, labels: dict[str, dict[str, Any]],
                 preds: dict[str, dict[str, Prediction]]) -> dict[str, Any]:
    """One score.Table per tool over the selected labelled pages."""
    tables = {}
    for name, by_file in preds.items():
        table = score.Table()
        for file, label in labels.items():
            table.add(label, by_file.get(file, {}))
        tables[name] = table
    return tables


def column_size(table: Any, column: str) -> str:
    """How many pages (or snippets) a column is measured on."""
    if column == "boilerplate/with":
        return f"{table.bp[1]} snippets"
    if column == "boilerplate/without":
        return f"{table.bp[3]} snippets"
    if column == "boilerplate/hmean":
        return ""
    suite, name = column.split("/")
    return f"{len(table.sums.get((suite, name), []))} pages"


def print_scores(tables: dict[str, Any]) -> None:
    """The metric's figures, a row per field and a column per tool."""
    names = list(tables)
    print("\n| field | labelled | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 2) + "|")
    any_table = next(iter(tables.values()))
    for row_label, column, field_name in COLUMNS:
        rows = {name: table.row() for name, table in tables.items()}
        if not any(column in row for row in rows.values()):
            continue
        cells = [f"{rows[n][column]:.1f}" if field_name in TOOL_BY_NAME[n].fields
                 and column in rows[n] else "–" for n in names]
        print(f"| {row_label} | {column_size(any_table, column)} | " + " | ".join(cells) + " |")


def has_value(pred: Prediction, field_name: str) -> bool:
    """Whether a tool returned something for a field (whatever its worth)."""
    key = {"title~": "title", "boilerplate": "text"}.get(field_name, field_name)
    return bool(pred.get(key))


def coverage(score: ModuleType, labels: dict[str, dict[str, Any]],
             by_file: dict[str, Prediction], field_name: str, suite: str
             ) -> tuple[int, int]:
    """(pages with a value back, labelled pages) for one tool, field and suite."""
    if field_name == "boilerplate":
        pages = [f for f, lab in labels.items() if lab.get("with") or lab.get("without")]
    else:
        pages = [f for f, lab in labels.items()
                 if lab["suite"] == suite and field_name in score.score_page(lab, {})]
    return sum(has_value(by_file.get(f, {}), field_name) for f in pages), len(pages)


def print_coverage(score: ModuleType, labels: dict[str, dict[str, Any]],
                   preds: dict[str, dict[str, Prediction]]) -> None:
    """Share of labelled pages where each tool returned a value."""
    names = list(preds)
    print("\ncoverage: labelled pages where a value came back (right or wrong)")
    print("| field | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    rows = [("title", "title", "trafilatura"), ("authors", "authors", "trafilatura"),
            ("date, trafilatura suite", "date", "trafilatura"),
            ("date, htmldate suite", "date", "htmldate"), ("tags", "tags", "trafilatura"),
            ("categories", "categories", "trafilatura"), ("text", "boilerplate", "trafilatura")]
    for row_label, field_name, suite in rows:
        cells = []
        for name in names:
            got, total = coverage(score, labels, preds[name], field_name, suite)
            if field_name not in TOOL_BY_NAME[name].fields or not total:
                cells.append("–")
            else:
                cells.append(f"{100 * got / total:.1f} ({got}/{total})")
        print(f"| {row_label} | " + " | ".join(cells) + " |")


def print_cpu(cpu: dict[str, float], pages: int, wall: float, jobs: int) -> None:
    """CPU seconds per tool, per page, and relative to trafilatura.extract."""
    base = cpu.get(TRAF_TEXT)
    print(f"\nCPU time per tool ({pages} pages, {jobs} process(es), wall {wall:.1f} s)")
    print("| tool | CPU s | ms/page | vs trafilatura.extract |")
    print("|---|---|---|---|")
    for name, seconds in cpu.items():
        ratio = f"{seconds / base:.2f}x" if base else "–"
        print(f"| {name} | {seconds:.1f} | {1000 * seconds / max(pages, 1):.1f} | {ratio} |")


def print_errors(preds: dict[str, dict[str, Prediction]]) -> None:
    """What each tool raised, by kind."""
    for name, by_file in preds.items():
        kinds = Counter(p["error"] for p in by_file.values() if p.get("error"))
        if kinds:
            listed = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
            print(f"{name} raised on {sum(kinds.values())} pages: {listed}")


# --------------------------------------------------------------------------- misses


def short(value: Any, width: int = 110) -> str:
    """A value on one line, cut to width."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def anchors_for(field_name: str, names: Iterable[str]) -> list[str]:
    """The anchors (other tools) that predict a field."""
    return [n for n in names if n != NEWSSCRAPE and field_name in TOOL_BY_NAME[n].fields]


def print_field_misses(score: ModuleType, labels: dict[str, dict[str, Any]],
                       preds: dict[str, dict[str, Prediction]], field_name: str) -> None:
    """newsscrape's wrong values on one metadata field, with the anchors' values."""
    key = "title" if field_name == "title~" else field_name
    anchors = anchors_for(field_name, preds)
    misses = 0
    for file, label in labels.items():
        ours = preds[NEWSSCRAPE].get(file, {})
        if score.score_page(label, ours).get(field_name, 1.0) >= 1:
            continue
        misses += 1
        print(f"\n{file} [{label['suite']}] ({label['url']})")
        print(f"  label                {short(label.get(key))}")
        print(f"  {NEWSSCRAPE:<20} {short(ours.get(key) or ours.get('error'))}")
        for name in anchors:
            theirs = preds[name].get(file, {})
            mark = "right" if score.score_page(label, theirs).get(field_name, 0) >= 1 else "wrong"
            print(f"  {name:<20} {mark}: {short(theirs.get(key) or theirs.get('error'))}")
    print(f"\n{misses} pages where newsscrape is not fully right on {field_name}")


def print_boilerplate_misses(score: ModuleType, labels: dict[str, dict[str, Any]],
                             preds: dict[str, dict[str, Prediction]]) -> None:
    """Snippets newsscrape misses or leaks, and whether trafilatura.extract does too."""
    anchor = preds.get(TRAF_TEXT, {})
    pages = 0
    for file, label in labels.items():
        ours = preds[NEWSSCRAPE].get(file, {})
        _, _, missing, leaked = score.snippets(label, ours.get("text"))
        if not missing and not leaked:
            continue
        pages += 1
        _, _, t_missing, t_leaked = score.snippets(label, anchor.get(file, {}).get("text"))
        print(f"\n{file} ({label['url']}){'  ' + ours['error'] if ours.get('error') else ''}")
        for snippet in missing:
            also = "also missed" if snippet in t_missing else "found"
            print(f"  missing  {short(snippet, 90)}   [trafilatura: {also}]")
        for snippet in leaked:
            also = "also leaked" if snippet in t_leaked else "kept out"
            print(f"  leaked   {short(snippet, 90)}   [trafilatura: {also}]")
    print(f"\n{pages} pages where newsscrape misses or leaks a boilerplate snippet")


def print_misses(score: ModuleType, labels: dict[str, dict[str, Any]],
                 preds: dict[str, dict[str, Prediction]], fields: Sequence[str]) -> None:
    """--misses: one block per field."""
    if NEWSSCRAPE not in preds:
        print("\n--misses: newsscrape was not run")
        return
    for field_name in fields:
        print(f"\n===== misses: {field_name} =====")
        if field_name == "boilerplate":
            print_boilerplate_misses(score, labels, preds)
        else:
            print_field_misses(score, labels, preds, field_name)


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="realworld-dev folder")
    parser.add_argument("--only", choices=list(TOOL_BY_NAME), action="append",
                        help="run this tool only (repeatable)")
    parser.add_argument("--suite", choices=SUITES, help="pages of one suite only")
    parser.add_argument("--limit", type=int, help="first N pages only (quick runs)")
    parser.add_argument("--misses", choices=MISS_FIELDS, action="append", default=[],
                        metavar="FIELD", help=f"list newsscrape's wrong values: {MISS_FIELDS}")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--out", type=Path, help="folder for the JSONL predictions")
    args = parser.parse_args(argv)
    if args.jobs < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--jobs and --limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    args = parse_args(argv)
    names = args.only or [tool.name for tool in TOOLS]
    score = load_score(args.data)
    labels = select_labels(score, args.data, args.suite, args.limit)
    tasks = [Task(f, args.data / f, label["url"]) for f, label in labels.items()]
    print(f"realworld-dev: {len(tasks)} pages from {args.data}; tools: {', '.join(names)}")
    start = time.perf_counter()
    results = sorted(run_all(tasks, names, args.jobs), key=lambda r: r.file)
    wall = time.perf_counter() - start
    out = args.out or Path(tempfile.mkdtemp(prefix="realworld-"))
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        write_predictions(out, name, results)
    print(f"predictions written to {out}/<tool>.jsonl")
    preds = {n: {r.file: r.predictions[n] for r in results} for n in names}
    print_scores(score_tables(score, labels, preds))
    print_coverage(score, labels, preds)
    cpu = {n: sum(r.cpu[n] for r in results) for n in names}
    print_cpu(cpu, len(results), wall, args.jobs)
    print_errors(preds)
    print_misses(score, labels, preds, args.misses)


if __name__ == "__main__":
    main()
