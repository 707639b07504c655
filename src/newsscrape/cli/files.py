"""The files a command writes, opened and checked before any input is read.

Every path a run will write is checked first, and nothing is emptied until all pass:
``--cache`` (its directory made and its database opened), the ``--resume`` file (read
only), then ``-o``, ``--errors`` and ``--warc``, all opened in append mode, and only
then are ``-o`` and ``--errors`` truncated (except with ``--resume``; the WARC file is
always appended to). So a path that cannot be used, or that is also an input, is a
usage error naming it, with every file as it was, and a clean run never leaves an
older run's errors behind. ``--errors`` never shares the records' stream: two shapes of
line interleaved on stdout would break every reader of it. A path that is this process's
own stdout or stderr under another name (``/dev/stdout``, ``/dev/fd/2``, the file the
shell redirected to) is written through that stream, so ``>>`` logs are never emptied.

When the reader of stdout goes away (``| head -1``) the run stops at once and ends
quietly with 0: the reader chose to stop, nothing failed, and ``set -o pipefail``
scripts should not see an error there (the conventional alternative, 141 = 128 +
SIGPIPE as ``cat`` reports, was rejected for that).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

import click

from newsscrape.errors import OutputError, ResumeError
from newsscrape.output import Reporter, discard_unwritten

if TYPE_CHECKING:
    from newsscrape.batch.urls import UrlSet

EXIT_BROKEN_PIPE = 0
"""stdout's reader stopped early (``| head``): not a failure (see the module docstring)."""
EXIT_INTERRUPTED = 130
"""Ctrl-C or SIGINT ended the run (128 + SIGINT, as shells report it)."""


def done_urls(output: str, *, check_only: bool = False) -> UrlSet | None:
    """The URLs ``output`` already holds records for (with ``check_only``: only refuse a
    file that is not ours, changing nothing)."""
    from newsscrape.batch import resume

    try:
        if check_only:
            resume.check_resumable(output)
            return None
        return resume.load_done(output)
    except ResumeError as exc:
        raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from exc
    except OSError as exc:
        raise click.BadParameter(f"cannot read {output!r} to resume: "
                                 f"{exc.strerror or exc}", param_hint="'-o'") from exc


class Targets:
    """The files a run writes: ``-o`` (``-`` = stdout), ``--errors``, ``--warc``, and the
    ``--cache`` directory."""

    def __init__(self, output: str, errors: str | None, warc: str | None = None, *,
                 cache: str | None = None) -> None:
        self.output = output
        self.errors = errors
        self.warc = warc
        self.cache = cache
        self._named = [(p, name) for p, name in ((output, "-o"), (errors, "--errors"),
                                                 (warc, "--warc")) if p and p != "-"]

    def check_cache(self) -> None:
        """Usage error unless the ``--cache`` directory can be made and its database
        opened (nothing else is written)."""
        if self.cache is None:
            return
        from newsscrape.fetcher.cache import check_directory

        problem = check_directory(self.cache)
        if problem:
            raise click.BadParameter(f"cannot use {self.cache!r}: {problem}",
                                     param_hint="'--cache'")

    def check_apart(self, inputs: Iterable[str], *, stdin: bool = False) -> None:
        """Usage error when a file written is also read (stdin included, when it is read),
        or written twice (it would be emptied before it is read, or two writers would
        interleave). A path that is this process's own stdout or stderr is written
        through that stream (see ``open``), so naming it twice is fine."""
        self._check_errors_stream()
        read = {key: p for p in inputs if p != "-" and (key := _file_key(p)) is not None}
        stdin_key = _fd_key(0) if stdin else None
        if stdin_key is not None:
            read[stdin_key] = "stdin"
        written: dict[tuple[int, int] | str, str] = {}
        for path, label in self._named:
            key = _file_key(path)
            if key is None:
                continue
            if key in read:
                raise click.UsageError(f"{label} {path} is also an input ({read[key]})")
            if key in (_fd_key(1), _fd_key(2)):
                continue  # written through the open stream, not a second writer
            if key in written:
                raise click.UsageError(f"{label} {path} is the same file as {written[key]}")
            written[key] = f"{label} {path}"

    def _check_errors_stream(self) -> None:
        """``--errors`` may not be where the records go (stdout included, by any name)."""
        if self.errors is None:
            return
        message = f"--errors {self.errors} would mix error lines into the records"
        if self.errors == "-":
            raise click.UsageError("--errors - would mix error lines into the records on "
                                   "stdout; name a file (errors are also on stderr)")
        if self.output == "-" and _same_stream(self.errors, 1):
            raise click.UsageError(f"{message} on stdout; name another file")

    @contextlib.contextmanager
    def open(self, *, append: bool) -> Iterator[Reporter]:
        """Open (and truncate) every target before any work; an unopenable one is a usage
        error. Yields the Reporter writing to them."""
        with contextlib.ExitStack() as stack:
            # all in append mode first: nothing is emptied unless every one opens
            out = self._open(stack, self.output, "-o")
            errors = self._open(stack, self.errors, "--errors")
            if self.warc:
                self._open(stack, self.warc, "--warc", binary=True)
            for stream, keep in ((out, append), (errors, False)):
                if stream is not None and not keep and stream not in (sys.stdout, sys.stderr):
                    _truncate(stream)
            out_name = "output" if self.output == "-" else f"output {self.output}"
            yield Reporter(out or sys.stdout, errors, output_name=out_name,
                           errors_name=f"--errors file {self.errors}")

    def _open(self, stack: contextlib.ExitStack[Any], path: str | None, label: str, *,
              binary: bool = False) -> IO[Any] | None:
        if path is None:
            return None
        if path == "-":
            return _stdout()
        key = _file_key(path)
        if key is not None and not binary:
            # our own stdout or stderr by another name (/dev/stdout, /dev/fd/2, the file
            # the shell redirected to): write through that stream, at its position and in
            # its mode (an append stays an append), and never empty it
            if key == _fd_key(1):
                return _stdout()
            if key == _fd_key(2) and sys.stderr is not None:
                return sys.stderr
        try:
            stream = open(path, "ab") if binary else open(  # noqa: SIM115
                path, "a", encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot open {path!r}: {exc.strerror or exc}",
                                     param_hint=f"'{label}'") from exc
        stack.callback(_close_quietly, stream)
        return stream


def _file_key(path: str) -> tuple[int, int] | str | None:
    """What identifies a file: (device, inode) of an existing regular file, the resolved
    path of one not made yet, None for a device such as /dev/null (which many options
    may name at once)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _same_stream(path: str, fd: int) -> bool:
    """Whether ``path`` names what descriptor ``fd`` is open on (``/dev/stdout``, the
    file the shell redirected to, the same terminal or pipe)."""
    try:
        named, open_on = os.stat(path), os.fstat(fd)
    except (OSError, ValueError):
        return False
    return (named.st_dev, named.st_ino, named.st_rdev) == (open_on.st_dev, open_on.st_ino,
                                                            open_on.st_rdev)


def _fd_key(fd: int) -> tuple[int, int] | None:
    """(device, inode) of the regular file open on descriptor ``fd``, if it is one."""
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _truncate(stream: IO[Any]) -> None:
    with contextlib.suppress(OSError):  # a pipe or a device: nothing to empty
        stream.truncate(0)


def _close_quietly(stream: IO[Any]) -> None:
    """Close a target. Every line was flushed as it was written, so a close that fails
    (a full disk, already reported as ``OutputError``) loses nothing unreported."""
    with contextlib.suppress(OSError):
        stream.close()


def _stdout() -> IO[str]:
    if sys.stdout is None:  # Python started with descriptor 1 closed
        raise click.UsageError("stdout is closed: name an output file with -o")
    if (isinstance(sys.stdout, io.TextIOWrapper)
            and sys.stdout.encoding.lower().replace("-", "") != "utf8"):
        sys.stdout.reconfigure(encoding="utf-8")  # records are UTF-8 whatever the locale
    return sys.stdout


@contextlib.contextmanager
def ending_on_output_failure(targets: Targets, report: Reporter) -> Iterator[None]:
    """An ``OutputError`` ends the run: quietly (exit 0) when stdout's reader left,
    else with one stderr line and exit 1. Nothing more is written to the failed stream."""
    try:
        yield
    except OutputError as exc:
        if "-" in (targets.output, targets.errors) and sys.stdout is not None:
            discard_unwritten(sys.stdout)
        if exc.broken_pipe:
            sys.exit(EXIT_BROKEN_PIPE)
        report.say(f"newsscrape: {exc}")
        sys.exit(1)


def reserve_std_descriptors() -> None:
    """Put /dev/null on a closed descriptor 0, 1 or 2 (``2>&-``), so no file this run
    opens takes its number: whatever writes to "stderr" (a library, a worker process)
    would otherwise write into the records file."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
