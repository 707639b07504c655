"""Signals and terminals: every interrupt exits 130 without ``Aborted!`` or a traceback
(whenever it lands, and when delivered to the whole process group, as ``timeout -s INT``
does, workers included); SIGINT ignored by a script stays ignored; the progress line is
cleared before a record is printed to the same terminal; long waits are announced even
when stderr is not a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import shlex
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest
from conftest import article_page, cli_env, newsscrape_argv
from httpserver import Server, held, respond, sequence

PAGE = respond(article_page("Signals"), content_type="text/html; charset=utf-8")


@pytest.fixture
def slow() -> Iterator[Server]:
    with Server({"/s": held(0.5, PAGE), "/fast": PAGE}) as srv:
        yield srv


def _interrupt_group(args: list[str], after: float | None) -> tuple[int, bytes, bytes]:
    """Run the command in a process group of its own, SIGINT the whole group after
    ``after`` seconds (``None``: once its first line is out), and return (exit status,
    stdout, stderr)."""
    proc = subprocess.Popen(newsscrape_argv(*args), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
                            start_new_session=True)
    first = b""
    try:
        assert proc.stdout is not None
        if after is None:
            first = proc.stdout.readline()
        else:
            time.sleep(after)
        os.killpg(proc.pid, signal.SIGINT)
        rest, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the command hangs
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    return proc.returncode, first + rest, stderr


@pytest.mark.parametrize("after", [0.3, 1.5], ids=["while-loading", "while-running"])
def test_interrupting_the_process_group_exits_130(after: float, slow: Server) -> None:
    urls = [slow.url(f"/s?i={i}") for i in range(40)]
    status, _, stderr = _interrupt_group(["fetch", *urls, "--delay", "0", "--ignore-robots",
                                          "--jobs", "2", "--per-host", "2"], after)
    assert status == 130, stderr
    assert b"Aborted" not in stderr and b"Traceback" not in stderr, stderr


def test_interrupting_extract_exits_130(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    files = []
    for i in range(2000):
        path = folder / f"p{i}.html"
        path.write_text(article_page(f"P{i}"), encoding="utf-8")
        files.append(str(path))
    # Interrupted once the first record is out, so mid-run however fast the machine is
    # (a fixed delay let a quiet machine finish 400 pages before it).
    status, stdout, stderr = _interrupt_group(["extract", *files, "--jobs", "2"], None)
    lines = stdout.splitlines()
    assert json.loads(lines[0])["title"] == "P0"
    assert status == 130, stderr
    assert len(lines) < len(files)  # it was stopped, not finished
    assert b"Aborted" not in stderr and b"Traceback" not in stderr, stderr


def test_sigint_ignored_by_a_script_stays_ignored(slow: Server) -> None:
    """``cmd &`` in a script starts it with SIGINT ignored: a Ctrl-C meant for the
    script does not stop it."""
    line = shlex.join(map(os.fsdecode, newsscrape_argv("fetch", slow.url("/s"),
                                                       "--ignore-robots", "--jobs", "0")))
    proc = subprocess.Popen(["/bin/sh", "-c", f"trap '' INT; exec {line}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
                            start_new_session=True)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert json.loads(stdout)["title"] == "Signals"


def _screen_lines(transcript: str) -> list[str]:
    """The lines a terminal shows for ``transcript``: carriage returns go back to the
    line's start, ``ESC[K`` erases to its end, later text overwrites earlier."""
    lines: list[str] = []
    line: list[str] = []
    col = 0
    i = 0
    while i < len(transcript):
        char = transcript[i]
        if transcript.startswith("\x1b[K", i):
            del line[col:]
            i += 3
            continue
        if char == "\r":
            col = 0
        elif char == "\n":
            lines.append("".join(line))
            line, col = [], 0
        else:
            line[col:col + 1] = [char]
            col += 1
        i += 1
    return [*lines, "".join(line)]


def test_progress_line_is_cleared_before_a_record_on_the_same_terminal(slow: Server) -> None:
    """stdout and stderr on one terminal: each record is a line of its own on screen,
    not printed after the progress text."""
    main, child = pty.openpty()
    args = ["fetch", *(slow.url(f"/s?i={i}") for i in range(4)), "--delay", "0",
            "--ignore-robots", "--jobs", "0", "--per-host", "1"]
    proc = subprocess.Popen(newsscrape_argv(*args), stdin=subprocess.DEVNULL, stdout=child,
                            stderr=child, env=cli_env())
    os.close(child)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([main], [], [], 60)
            if not ready:
                break
            try:
                data = os.read(main, 65536)
            except OSError:  # EIO: the other side closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(main)
        proc.wait(timeout=60)
    transcript = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, transcript
    assert "\x1b[K" in transcript and " in flight" in transcript  # a progress line was drawn
    shown = [line for line in _screen_lines(transcript) if '"url"' in line]
    assert len(shown) == 4, transcript
    for line in shown:
        assert json.loads(line)["title"] == "Signals"


def test_a_long_wait_is_announced_when_stderr_is_not_a_terminal() -> None:
    route = sequence(respond("busy", status=429, headers={"Retry-After": "3"}), PAGE)
    with Server({"/busy": route}) as srv:
        result = subprocess.run(newsscrape_argv("fetch", srv.url("/busy"), "--retries", "1",
                                                "--ignore-robots", "--jobs", "0"),
                                capture_output=True, env=cli_env(), timeout=60, check=False,
                                stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert f"newsscrape: waiting 3 s (Retry-After) for {srv.url('/busy')}\n".encode() \
        in result.stderr
