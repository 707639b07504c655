"""The tests' network guard: no DNS lookup or connection outside 127.0.0.0/8, in the test
process and in every Python process the tests start.

No single hook sees every connection, so the guard stands at each place one can be made,
and refuses before anything is sent (the refusal is the guard's own exception, raised
before the wrapped method is called):

* ``socket.getaddrinfo`` and ``socket.socket.connect``/``connect_ex``: Python sockets, so
  asyncio's own event loop and any blocking client;
* asyncio's selector event loop and ``uvloop.Loop``: ``create_connection``, ``sock_connect``,
  ``getaddrinfo``, ``create_datagram_endpoint``. uvloop connects and resolves in libuv,
  whose sockets never call Python's ``connect``, so the batch fetcher (which runs on
  uvloop) is only seen here;
* an audit hook on ``socket.connect`` and ``socket.getaddrinfo``: any Python-level socket,
  even one made from ``_socket`` directly. Audit hooks cannot be removed, so it is
  installed once per process and acts only while a guard is active.

Subprocesses: ``conftest`` puts ``tests/guardsite`` on ``PYTHONPATH`` with
``NEWSSCRAPE_TEST_GUARD=1``; its ``sitecustomize`` installs this guard at start-up and
appends each violation to the file named by ``NEWSSCRAPE_TEST_GUARD_LOG``, which the
test's fixture reads when the test ends.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import os
import socket
import sys
import types
from collections.abc import Callable
from typing import Any

GUARD_ENV = "NEWSSCRAPE_TEST_GUARD"
LOG_ENV = "NEWSSCRAPE_TEST_GUARD_LOG"
TRIPWIRE_ENV = "NEWSSCRAPE_TEST_GUARD_TRIPWIRE"
BLOCKED = "blocked by the test guard"
LOOP_METHODS = ("create_connection", "sock_connect", "getaddrinfo", "create_datagram_endpoint")

Report = Callable[[str], None]
Setter = Callable[[object, str, object], None]

_active: list[Report] = []
"""The report function of the active guard (the audit hook's switch)."""


def is_loopback(host: object) -> bool:
    """127.0.0.0/8 or ``localhost`` (None: a passive lookup, no peer at all)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    return isinstance(host, str) and (host == "localhost" or host.startswith("127."))


def _refuse(report: Report, what: str) -> None:
    report(what)
    raise ConnectionRefusedError(BLOCKED)


def _check_address(report: Report, sock: Any, address: Any, what: str) -> None:
    family = getattr(sock, "family", socket.AF_INET)
    if family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
        _refuse(report, f"{what}({address!r})")


def _guard_socket_module(report: Report, setattr_: Setter) -> None:
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback(host):
            report(f"getaddrinfo({host!r})")
            raise socket.gaierror(socket.EAI_NONAME, BLOCKED)
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock: socket.socket, address: Any) -> None:
        _check_address(report, sock, address, "connect")
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        _check_address(report, sock, address, "connect_ex")
        return real_connect_ex(sock, address)

    setattr_(socket, "getaddrinfo", getaddrinfo)
    setattr_(socket.socket, "connect", connect)
    setattr_(socket.socket, "connect_ex", connect_ex)


def _loop_wrapper(name: str, real: Any, report: Report, label: str) -> Any:
    """A guarded version of one event-loop method (``real`` is the unbound method)."""

    def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if name == "sock_connect":
            sock, address = [*args, kwargs.get("sock"), kwargs.get("address")][:2]
            _check_address(report, sock, address, f"{label}.sock_connect")
        elif name == "getaddrinfo":
            host = args[0] if args else kwargs.get("host")
            if not is_loopback(host):
                report(f"{label}.getaddrinfo({host!r})")
                raise socket.gaierror(socket.EAI_NONAME, BLOCKED)
        elif name == "create_connection":
            host = args[1] if len(args) > 1 else kwargs.get("host")
            if kwargs.get("sock") is None and not is_loopback(host):
                _refuse(report, f"{label}.create_connection({host!r})")
        else:  # create_datagram_endpoint
            remote = kwargs.get("remote_addr") or (args[2] if len(args) > 2 else None)
            if remote is not None and not is_loopback(remote[0]):
                _refuse(report, f"{label}.create_datagram_endpoint({remote!r})")

    @functools.wraps(real)
    async def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        check(args, kwargs)
        return await real(self, *args, **kwargs)

    return guarded


def loop_classes() -> list[tuple[type, str]]:
    """The event-loop classes to guard: asyncio's base, and uvloop's when installed."""
    import asyncio.selector_events

    classes: list[tuple[type, str]] = [(asyncio.selector_events.BaseSelectorEventLoop,
                                        "asyncio")]
    try:
        import uvloop
    except ImportError:
        return classes
    return [*classes, (uvloop.Loop, "uvloop")]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _active or event not in ("socket.connect", "socket.getaddrinfo"):
        return
    report = _active[-1]
    if event == "socket.connect":
        _check_address(report, args[0], args[1], "audit socket.connect")
    elif not is_loopback(args[0]):
        report(f"audit socket.getaddrinfo({args[0]!r})")
        raise socket.gaierror(socket.EAI_NONAME, BLOCKED)


@functools.cache
def _audit_hook_installed() -> bool:
    sys.addaudithook(_audit)
    return True


def _guard_loop(cls: type, label: str, report: Report, setattr_: Setter) -> None:
    for name in LOOP_METHODS:
        setattr_(cls, name, _loop_wrapper(name, getattr(cls, name), report, label))


def install(report: Report, setattr_: Setter) -> Callable[[], None]:
    """Guard this process, reporting each refused attempt; returns the function that
    switches the audit hook off again (``setattr_`` undoes the rest, e.g. a monkeypatch)."""
    _guard_socket_module(report, setattr_)
    for cls, label in loop_classes():
        _guard_loop(cls, label, report, setattr_)
    _audit_hook_installed()
    _active.append(report)
    return lambda: _active.remove(report) if report in _active else None


def _trip(calls: list[str], what: str, *, coroutine: bool) -> Any:
    def raiser(*args: Any, **kwargs: Any) -> Any:
        calls.append(what)
        raise ConnectionRefusedError("tripwire: the guard let this through")

    async def async_raiser(*args: Any, **kwargs: Any) -> Any:
        raiser()

    return async_raiser if coroutine else raiser


def _tripwire_socket(calls: list[str], setattr_: Setter) -> None:
    setattr_(socket, "getaddrinfo", _trip(calls, "getaddrinfo", coroutine=False))
    setattr_(socket.socket, "connect", _trip(calls, "connect", coroutine=False))
    setattr_(socket.socket, "connect_ex", _trip(calls, "connect_ex", coroutine=False))


def _tripwire_loop(cls: type, label: str, calls: list[str], setattr_: Setter) -> None:
    for name in LOOP_METHODS:
        setattr_(cls, name, _trip(calls, f"{label}.{name}", coroutine=True))


def tripwire(calls: list[str], setattr_: Setter) -> None:
    """Replace every guarded method by one that records the call and refuses: installed
    beneath a guard, it shows that the guard refused before reaching the real method
    (and makes sure nothing is sent even if the guard let an attempt through)."""
    _tripwire_socket(calls, setattr_)
    for cls, label in loop_classes():
        _tripwire_loop(cls, label, calls, setattr_)


def log_to_file(path: str) -> Report:
    """A report function appending each violation as a line of ``path`` (from any process)."""

    def report(what: str) -> None:
        with contextlib.suppress(OSError), open(path, "a", encoding="utf-8") as log:
            log.write(f"pid {os.getpid()}: {what}\n")

    return report


class _GuardOnImport(importlib.abc.MetaPathFinder):
    """Guards an event-loop class as soon as its module is imported, so a subprocess that
    never uses asyncio or uvloop does not pay for importing them at start-up."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in ("asyncio.selector_events", "uvloop"):
            return None
        others = [finder for finder in sys.meta_path if finder is not self]
        spec = next((s for f in others if (s := f.find_spec(name, path, target))), None)
        if spec is None or spec.loader is None:
            return spec
        real_exec = spec.loader.exec_module

        def exec_module(module: types.ModuleType) -> None:
            real_exec(module)
            asyncio = name == "asyncio.selector_events"
            cls = module.BaseSelectorEventLoop if asyncio else module.Loop
            label = "asyncio" if asyncio else "uvloop"
            if os.environ.get(TRIPWIRE_ENV) == "1":
                _tripwire_loop(cls, label, [], setattr)
            _guard_loop(cls, label, self.report, setattr)

        spec.loader.exec_module = exec_module
        return spec


def install_from_environment() -> None:
    """What ``guardsite/sitecustomize.py`` runs in each subprocess of the tests: the
    socket layers now, the event loops when first imported."""
    if os.environ.get(GUARD_ENV) != "1":
        return
    log = os.environ.get(LOG_ENV)
    report: Report = log_to_file(log) if log else (lambda what: None)
    if os.environ.get(TRIPWIRE_ENV) == "1":
        _tripwire_socket([], setattr)
    _guard_socket_module(report, setattr)
    _audit_hook_installed()
    _active.append(report)
    sys.meta_path.insert(0, _GuardOnImport(report))
