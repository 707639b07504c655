"""The command line's contract under hostile conditions: every input ends as one record or
one error, output failures end the run with one clear line, stderr failures cost nothing,
usage errors exit 2 before any work, and no expected failure prints a traceback.

Most cases run ``python -m newsscrape`` in a subprocess, since they need real file
descriptors (a closed pipe, /dev/full, a closed stderr). Every URL is on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import article_page, cli_env, invoke, newsscrape_argv, run_cli_raw
from httpserver import Server, respond

from newsscrape.batch.resume import load_done
from newsscrape.errors import ArgumentError, ResumeError
from newsscrape.options import BatchOptions, FetchOptions
from newsscrape.output import Reporter, to_jsonl
from newsscrape.record import Failure, Record

TEXT = "The river authority opened the new flood gates after a decade of planning. " * 4


def page(n: int | str = "x") -> str:
    return article_page(f"Gates {n}", TEXT)


NOISE = ("Traceback", "Exception ignored", "Broken pipe")
needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


@pytest.fixture
def server() -> Iterator[Server]:
    with Server({"/a": respond(page(), content_type="text/html; charset=utf-8")}) as srv:
        yield srv


@pytest.fixture
def html(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(page(), encoding="utf-8")
    return path


def quiet(stderr: bytes) -> bool:
    return not any(word.encode() in stderr for word in NOISE)


def fetch_args(*urls: str) -> list[str]:
    return ["fetch", *urls, "--delay", "0", "--ignore-robots", "--jobs", "0", "--retries", "0"]


# --- 1. outputs are opened before any work --------------------------------------------------


def test_errors_file_is_emptied_by_a_clean_run(html: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    errors.write_text('{"url": "old", "error": {}}\n', encoding="utf-8")
    result = invoke("extract", str(html), "--errors", str(errors))
    assert result.exit_code == 0
    assert errors.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(("command", "option"), [
    ("fetch", "-o"), ("fetch", "--errors"), ("fetch", "--warc"), ("extract", "-o"),
    ("extract", "--errors"),
])
def test_unopenable_output_is_a_usage_error(command: str, option: str, html: Path,
                                            tmp_path: Path) -> None:
    target = str(tmp_path / "missing" / "dir" / "out")
    args = (fetch_args("http://127.0.0.1:9/") if command == "fetch" else
            ["extract", str(html), str(html)])
    result = run_cli_raw(*args, option, target)
    assert result.returncode == 2, result.stderr
    assert b"cannot open" in result.stderr and quiet(result.stderr)
    assert result.stdout == b""


@pytest.mark.parametrize("case", ["extract-o", "extract-errors", "fetch-resume", "o-is-errors"])
def test_a_file_written_cannot_be_an_input(case: str, html: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("http://127.0.0.1:9/x\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = {
        "extract-o": ["extract", str(html), "-o", str(html)],
        "extract-errors": ["extract", str(html), "--errors", str(html)],
        "fetch-resume": [*fetch_args(), "-i", str(listing), "-o", str(listing), "--resume"],
        "o-is-errors": ["extract", str(html), "-o", str(out), "--errors", str(out)],
    }[case]
    before = html.read_bytes(), listing.read_bytes()
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert ("is also an input" if case != "o-is-errors" else "is the same file as") \
        in result.output
    assert (html.read_bytes(), listing.read_bytes()) == before


# --- 2. write failures ------------------------------------------------------------------------


@needs_dev_full
@pytest.mark.parametrize("where", ["stdout", "-o", "--errors"])
def test_write_failure_is_one_line_and_exit_1(where: str, html: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.html")
    args: list[str | Path] = ["extract", html, missing, html]
    if where == "stdout":
        with open("/dev/full", "wb") as full:
            result = run_cli_raw(*args, stdout=full)
    else:
        result = run_cli_raw(*args, where, "/dev/full")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if b"cannot write" in line]
    assert len(lines) == 1 and b"No space left on device" in lines[0], result.stderr
    assert quiet(result.stderr), result.stderr


@needs_dev_full
def test_full_stdout_while_reading_a_warc_is_an_output_error(tmp_path: Path) -> None:
    archive = _warc(tmp_path / "a.warc.gz", 3)
    with open("/dev/full", "wb") as full:
        result = run_cli_raw("extract", archive, stdout=full)
    assert result.returncode == 1
    assert b"cannot write output: No space left on device" in result.stderr
    assert b"cannot read" not in result.stderr and quiet(result.stderr)


@pytest.mark.parametrize("stderr", ["closed", "full"])
@pytest.mark.parametrize("command", ["fetch", "extract"])
def test_stderr_failure_costs_nothing(stderr: str, command: str, server: Server, html: Path,
                                      tmp_path: Path) -> None:
    if stderr == "full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    suffix = "2>&-" if stderr == "closed" else "2>/dev/full"
    urls = [server.url(f"/a?n={i}") for i in range(3)]
    args = fetch_args(*urls) if command == "fetch" else ["extract", html, html, html]
    result = run_cli_raw(*args, shell_suffix=suffix)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 3
    failing = run_cli_raw(*args, tmp_path / "missing.html" if command == "extract" else "nope:",
                      shell_suffix=suffix)
    assert failing.returncode == 1
    assert len(failing.stdout.splitlines()) == 3


def test_reporter_survives_a_broken_stderr() -> None:
    class Broken:
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    import io

    out = io.StringIO()
    report = Reporter(out, stderr=Broken())  # type: ignore[arg-type]
    report.write(Failure(input="http://x/", kind="network", message="refused"))
    report.say("newsscrape: done")
    report.write(Record(url="http://y/"))
    assert report.failed == 1 and report.ok == 1 and out.getvalue().count("\n") == 1


# --- 3. bytes that are not UTF-8 -----------------------------------------------------------


def test_lone_surrogates_give_valid_utf8_json() -> None:
    """An undecodable byte (a lone surrogate) is written as the visible text ``\\xff``:
    a ``\\udcff`` escape is valid JSON, but strict readers (DuckDB) refuse the line."""
    line = to_jsonl({"url": "http://x/\udcff", "title": "café", "tags": ["a\udce9"]})
    assert json.loads(line) == {"url": "http://x/\\xff", "title": "café", "tags": ["a\\xe9"]}
    assert "\\u" not in line
    line.encode("utf-8")
    assert to_jsonl({"title": "café"}) == '{"title":"café"}'  # UTF-8 kept when possible


@pytest.mark.parametrize("source", ["list", "stdin", "arg"])
def test_undecodable_url_is_one_error(source: str, server: Server, tmp_path: Path) -> None:
    good, bad = server.url("/a").encode(), server.url("/a?").encode() + b"\xff\xfe"
    errors = tmp_path / "errors.jsonl"
    stdin = b""
    if source == "list":
        listing = tmp_path / "list.txt"
        listing.write_bytes(good + b"\n" + bad + b"\n")
        args: list[str | bytes | Path] = [*fetch_args(), "-i", listing]
    elif source == "stdin":
        stdin = good + b"\n" + bad + b"\n"
        args = fetch_args()
    else:
        args = [*fetch_args(), good, bad]
    result = run_cli_raw(*args, "--errors", errors, stdin=stdin)
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 1 and quiet(result.stderr), result.stderr
    [line] = errors.read_text(encoding="utf-8").splitlines()
    error = json.loads(line)
    assert error["url"] == server.url("/a?") + "\\xff\\xfe"  # the bytes, visibly
    assert error["error"] == {"kind": "invalid_url", "status": None, "message":
                              "not UTF-8 text: the bytes \\xff \\xfe cannot be read as "
                              "part of a URL"}


def test_undecodable_file_name_and_url(html: Path, tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/p\xff.html"
    Path(os.fsdecode(odd)).write_bytes(html.read_bytes())
    missing = os.fsencode(tmp_path) + b"/m\xff.html"
    errors = tmp_path / "errors.jsonl"
    result = run_cli_raw("extract", odd, missing, "--errors", errors)
    assert result.returncode == 1 and quiet(result.stderr), result.stderr
    assert len(result.stdout.splitlines()) == 1
    [line] = errors.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["url"] == os.fsdecode(tmp_path) + "/m\\xff.html"
    named = run_cli_raw("extract", odd, "--url", b"http://127.0.0.1/\xff")
    assert named.returncode == 0 and quiet(named.stderr), named.stderr
    record = json.loads(named.stdout)
    assert record["url"] == "http://127.0.0.1/\\xff"
    assert record["source"] == os.fsdecode(tmp_path) + "/p\\xff.html"


# --- 4, 9, 10: what counts as an input ------------------------------------------------------


def test_directory_among_inputs_is_one_error(html: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    errors = tmp_path / "errors.jsonl"
    result = invoke("extract", str(folder), str(html), "--errors",
                                      str(errors))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    [line] = errors.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"url": str(folder), "source": str(folder), "error": {
        "kind": "input", "message": f"cannot read {folder}: Is a directory", "status": None}}


def test_fetch_dash_reads_stdin(server: Server) -> None:
    result = run_cli_raw(*fetch_args("-"), stdin=server.url("/a").encode() + b"\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["url"] == server.url("/a")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_extract_caps_what_it_reads(html: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = run_cli_raw("extract", "/dev/zero", html, "-", "--max-bytes", "100000",
                     "--errors", errors, stdin=b"<p>" * 50_000)
    assert result.returncode == 1 and quiet(result.stderr), result.stderr
    assert len(result.stdout.splitlines()) == 1
    kinds = {json.loads(line)["url"]: json.loads(line)["error"]["kind"]
             for line in errors.read_text(encoding="utf-8").splitlines()}
    assert kinds == {"/dev/zero": "too_large", "-": "too_large"}


# --- 5. numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("option", "value"), [
    ("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "0"), ("--timeout", "1e9"),
    ("--delay", "inf"), ("--delay", "1e300"), ("--delay", "nan"), ("--delay", "-1"),
])
def test_absurd_seconds_are_usage_errors(option: str, value: str) -> None:
    result = invoke(*fetch_args("http://127.0.0.1:9/"), option, value)
    assert result.exit_code == 2, result.output
    assert option in result.output


def test_options_refuse_absurd_seconds() -> None:
    with pytest.raises(ArgumentError, match=r"^timeout: ") as caught:
        FetchOptions(timeout=float("nan"))
    assert isinstance(caught.value, ValueError) and caught.value.argument == "timeout"
    with pytest.raises(ArgumentError, match=r"^delay: "):
        BatchOptions(delay=float("inf"))
    assert BatchOptions(delay=0).delay == 0 and FetchOptions(timeout=86400).timeout == 86400


# --- 6. a closed stdout --------------------------------------------------------------------


def _read_one_line_then_close(args: list[str | Path]) -> tuple[int, bytes]:
    argv = newsscrape_argv(*args)
    with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=cli_env()) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        try:
            assert proc.stdout.readline()
            proc.stdout.close()
            stderr = proc.stderr.read()
            return proc.wait(timeout=60), stderr
        finally:
            if proc.poll() is None:  # pragma: no cover - only when the CLI hangs
                proc.kill()


@pytest.mark.parametrize("command", ["fetch", "extract", "extract-warc"])
def test_closed_stdout_ends_quietly_with_0(command: str, server: Server, html: Path,
                                             tmp_path: Path) -> None:
    if command == "fetch":
        args: list[str | Path] = [*fetch_args(*(server.url(f"/a?n={i}") for i in range(300)))]
    elif command == "extract":
        args = ["extract", *[html] * 300]
    else:
        args = ["extract", *[_warc(tmp_path / "a.warc.gz", 100)] * 3]
    status, stderr = _read_one_line_then_close(args)
    assert status == 0, stderr
    assert quiet(stderr) and b"cannot" not in stderr, stderr


# --- 8. --resume --------------------------------------------------------------------------------


def test_resume_keeps_a_whole_last_record_without_newline(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"url": "http://a/1"}\n{"url": "http://a/2"}')
    done = load_done(out)
    assert "http://a/2" in done and len(done) == 2
    assert out.read_bytes() == b'{"url": "http://a/1"}\n{"url": "http://a/2"}\n'


@pytest.mark.parametrize("content", [b"\x89PNG\r\x1a\x00\xff random", b"name,url\nx,y\n"])
def test_resume_refuses_a_file_that_is_not_jsonl(content: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    with pytest.raises(ResumeError):
        load_done(out)
    result = invoke(*fetch_args("http://127.0.0.1:9/"), "-o", str(out),
                                      "--resume")
    assert result.exit_code == 2 and str(out) in result.output
    assert out.read_bytes() == content


def test_resume_drops_a_torn_first_record(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"url": "http://a/1", "ti')
    assert len(load_done(out)) == 0
    assert out.read_bytes() == b""


# --- helpers -----------------------------------------------------------------------------------


def _warc(path: Path, count: int) -> Path:
    """A .warc.gz of ``count`` HTML responses, written as ``--warc`` writes them."""
    from newsscrape.fetcher.archive import WarcArchive

    archive = WarcArchive(path)
    for i in range(count):
        body = page(i).encode()
        response = httpx.Response(200, headers={"Content-Type": "text/html; charset=utf-8"},
                                  content=body)
        archive.exchange(httpx.Request("GET", f"http://127.0.0.1/p{i}"), response, body)
    archive.close()
    return path


# --- files that are our own stdin, stdout or stderr -------------------------------------


@pytest.mark.parametrize("option", ["-o", "--errors"])
def test_a_file_read_as_stdin_cannot_be_written(option: str, html: Path) -> None:
    """``extract - -o F < F`` would empty F before reading it: a usage error, F intact."""
    before = html.read_bytes()
    with html.open("rb") as stdin:
        result = subprocess.run(
            newsscrape_argv("extract", "-", option, html),
            stdin=stdin, capture_output=True, env=cli_env(), timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert b"also an input (stdin)" in result.stderr
    assert html.read_bytes() == before


@pytest.mark.parametrize("errors", ["-", "/dev/stdout"])
def test_errors_on_the_records_stream_is_refused(errors: str, html: Path,
                                                 tmp_path: Path) -> None:
    """``--errors -`` (or ``/dev/stdout`` with the records on stdout) would interleave two
    shapes of line in one stream: a usage error, nothing written."""
    mixed = tmp_path / "mixed.jsonl"
    with mixed.open("wb") as out:
        result = run_cli_raw("extract", html, tmp_path / "missing.html",
                             "--errors", errors, stdout=out)
    assert result.returncode == 2, result.stderr
    assert b"would mix error lines into the records" in result.stderr
    assert mixed.read_bytes() == b"" and not (Path.cwd() / "-").exists()
    # records in a file, errors on stdout: two streams, allowed
    with mixed.open("wb") as out:
        result = run_cli_raw("extract", html, tmp_path / "missing.html", "-o",
                             tmp_path / "records.jsonl", "--errors", errors, stdout=out)
    assert result.returncode == (1 if errors != "-" else 2), result.stderr


def test_stdout_file_named_again_is_written_through_stdout(html: Path, tmp_path: Path) -> None:
    """``-o /dev/stdout >> F`` appends instead of emptying F."""
    log = tmp_path / "log.jsonl"
    log.write_text('{"url": "earlier"}\n', encoding="utf-8")
    with log.open("ab") as out:
        assert run_cli_raw("extract", html, "-o", "/dev/stdout", stdout=out).returncode == 0
    assert [json.loads(line)["url"] for line in log.read_text().splitlines()] == \
        ["earlier", None]


def test_stderr_file_named_as_errors_is_not_emptied(tmp_path: Path) -> None:
    log = tmp_path / "e.log"
    log.write_text("PREVIOUS\n", encoding="utf-8")
    with log.open("ab") as err:
        result = run_cli_raw("extract", tmp_path / "missing.html", "--errors", "/dev/fd/2",
                         stderr=err)
    assert result.returncode == 1
    text = log.read_text(encoding="utf-8")
    assert text.startswith("PREVIOUS\n")
    assert '"kind":"input"' in text


def test_stdin_can_be_read_once(html: Path) -> None:
    result = run_cli_raw("extract", "-", "-", stdin=html.read_bytes())
    assert result.returncode == 2
    assert b"only once" in result.stderr


def test_resume_refusal_changes_no_file(tmp_path: Path) -> None:
    """A usage error found after --resume's check (an unopenable --errors) must not have
    cut the torn last line already."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"url": "a"}\n{"url": "b')
    result = run_cli_raw("fetch", "--resume", "-o", out, "--errors", tmp_path / "no" / "e",
                     "http://127.0.0.1:9/")
    assert result.returncode == 2
    assert out.read_bytes() == b'{"url": "a"}\n{"url": "b'


def test_interrupted_extract_exits_130_with_a_summary(html: Path, tmp_path: Path) -> None:
    import signal
    import time

    files = []
    for i in range(3000):
        path = tmp_path / f"p{i}.html"
        path.write_bytes(html.read_bytes())
        files.append(str(path))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(newsscrape_argv("extract", *files, "-o", out),
                            stderr=subprocess.PIPE, env=cli_env())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"newsscrape: interrupted: " in stderr and quiet(stderr)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(records) < 3000


# --- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["fetch"], ["extract"], ["discover"], ["watch"]])
def test_help_is_plain_text(command: list[str]) -> None:
    """No reStructuredText markup from docstrings (````-````) in what users read."""
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "``" not in result.output


def test_top_level_help_lists_whole_sentences() -> None:
    """Each command's line in ``newsscrape --help`` is a whole sentence, not cut with '...'."""
    result = invoke("--help")
    commands = result.output.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in commands] == [
        "discover", "extract", "fetch", "schema", "spark-fetch", "spark-warc", "watch"]
    for line in commands:
        assert line.rstrip().endswith(".") and not line.rstrip().endswith("..."), line
