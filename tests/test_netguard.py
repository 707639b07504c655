"""The tests' network guard fires for every way a connection can be made: asyncio's loop,
uvloop's (whose libuv sockets never call Python's ``connect``), a raw Python socket, the
batch fetcher itself, and a subprocess.

Nothing is ever sent: each attempt names 192.0.2.1 (TEST-NET-1, documentation only), and
beneath the guard every real method is replaced by a tripwire that records the call and
refuses, so the test sees whether the guard refused first, and a guard that failed would
still send nothing.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import netguard
import pytest
import uvloop
from conftest import run_batch

OUTSIDE = "192.0.2.1"


@pytest.fixture
def layered(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[str], list[str]]]:
    """(violations seen by a fresh guard, calls that reached the tripwires beneath it)."""
    calls: list[str] = []
    netguard.tripwire(calls, monkeypatch.setattr)
    violations: list[str] = []
    switch_off = netguard.install(violations.append, monkeypatch.setattr)
    yield violations, calls
    switch_off()


async def _open() -> None:
    await asyncio.open_connection(OUTSIDE, 9)


async def _sock_connect() -> None:
    with socket.socket() as sock:
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (OUTSIDE, 9))


async def _resolve() -> None:
    await asyncio.get_running_loop().getaddrinfo("news.example", 80)


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
@pytest.mark.parametrize("attempt", [_open, _sock_connect, _resolve],
                         ids=["open_connection", "sock_connect", "getaddrinfo"])
def test_guard_fires_on_either_event_loop(loop: str, attempt: Callable[[], Awaitable[None]],
                                          layered: tuple[list[str], list[str]],
                                          only_loopback: list[str]) -> None:
    violations, calls = layered
    factory = uvloop.new_event_loop if loop == "uvloop" else asyncio.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner, \
            pytest.raises(OSError, match=netguard.BLOCKED):
        runner.run(attempt())
    assert len(violations) == 1 and loop in violations[0], violations
    assert calls == []  # refused before the real method was called
    only_loopback.clear()  # the outer guard saw it too: expected here


def test_guard_fires_on_a_plain_socket(layered: tuple[list[str], list[str]],
                                       only_loopback: list[str]) -> None:
    violations, calls = layered
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError, match="guard"):
        sock.connect((OUTSIDE, 9))
    assert violations == [f"connect(('{OUTSIDE}', 9))"] and calls == []
    only_loopback.clear()


def test_audit_hook_sees_sockets_below_the_class(only_loopback: list[str]) -> None:
    """The audit layer refuses what a ``_socket`` socket would do; raised here with
    ``sys.audit`` itself, so no socket exists at all."""
    fake = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    fake.close()
    with pytest.raises(ConnectionRefusedError, match="guard"):
        sys.audit("socket.connect", fake, (OUTSIDE, 9))
    with pytest.raises(socket.gaierror):
        sys.audit("socket.getaddrinfo", "news.example", 80, 0, 0, 0)
    assert any("audit socket.connect" in v for v in only_loopback), only_loopback
    only_loopback.clear()


def test_guard_sees_the_batch_fetcher_on_uvloop(layered: tuple[list[str], list[str]],
                                                only_loopback: list[str]) -> None:
    """The batch fetches on uvloop: its connection to a non-loopback address is refused
    by the guard (and the input fails as a network error)."""
    violations, calls = layered
    sink = run_batch([f"http://{OUTSIDE}:9/story"], respect_robots=False)
    assert sink.kinds() == {f"http://{OUTSIDE}:9/story": "network"}
    assert any(v.startswith("uvloop.create_connection") for v in violations), violations
    assert calls == []
    only_loopback.clear()


CHILD = f"""
import asyncio, uvloop
async def go():
    await asyncio.open_connection("{OUTSIDE}", 9)
try:
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(go())
except OSError as exc:
    print(type(exc).__name__, exc)
"""


def test_guard_reaches_subprocesses(tmp_path: Path) -> None:
    """A Python process the tests start has the guard (``guardsite/sitecustomize.py``),
    reports to the test's log, and refuses before the real method (the tripwire under it
    stays untouched)."""
    import os

    log = tmp_path / "child.log"
    env = {**os.environ, netguard.LOG_ENV: str(log), netguard.TRIPWIRE_ENV: "1"}
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.stdout.strip() == f"ConnectionRefusedError {netguard.BLOCKED}", result
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and f"uvloop.create_connection('{OUTSIDE}')" in lines[0]
