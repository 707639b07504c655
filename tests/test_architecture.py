"""The layout holds: no module imports a later stage, no package import cycles, and the
offline path (saved files, WARC input, ``newsscrape.extract``) never loads the HTTP stack.

Layers (ARCHITECTURE.md): a module may import its own package and lower layers only.
The walk reads every module's imports from its syntax tree, those inside functions too
(a lazy import is still an import), but not those under ``if TYPE_CHECKING:``, which
never run.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from conftest import archive_page, article_page

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsscrape"
ROOT = "newsscrape"

LAYERS: dict[str, int] = {
    "version": 0, "errors": 0, "record": 0, "options": 0, "schema": 0, "lexicon": 0,
    "document": 1,
    "extractors": 2, "normalize": 2, "fetcher": 2,
    "pipeline": 3,
    "batch": 4, "output": 4,
    "api": 5, "discover": 5, "spark": 5, ROOT: 5,
    "cli": 6, "__main__": 6,
}
"""Each top-level module or package of ``newsscrape`` (the root package itself is the
library surface, layer 5). A new one must be placed here."""
SIBLINGS = 2
"""In this layer the stages (extractors, normalize, fetcher) do not import each other."""



def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, skipping ``if TYPE_CHECKING:`` bodies (their
    ``else:`` branches do run)."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for child in node.orelse:
            yield from _import_nodes(child)
        return
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    for child in ast.iter_child_nodes(node):
        yield from _import_nodes(child)


def _targets(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The newsscrape modules that module ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from a import b``: the submodule a.b when there is one, else a itself
            candidates = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                          for a in node.names]
        found |= {c for c in candidates if c == ROOT or c.startswith(ROOT + ".")}
    return found


@cache
def _graph() -> dict[str, frozenset[str]]:
    modules = _modules()
    return {name: frozenset(_targets(name, path, modules)) for name, path in modules.items()}


def _unit(module: str) -> str:
    """The top-level module or package a module belongs to; a package's ``__main__``
    (``python -m newsscrape.spark``) is command-line code, as the root's is."""
    parts = module.split(".")
    if parts[-1] == "__main__":
        return "__main__"
    return parts[1] if len(parts) > 1 else ROOT


def _backward(source: str, target: str) -> bool:
    a, b = _unit(source), _unit(target)
    if a == b:
        return False
    return LAYERS[b] > LAYERS[a] or LAYERS[a] == LAYERS[b] == SIBLINGS


def test_every_unit_has_a_layer() -> None:
    units = {_unit(m) for m in _modules()}
    assert units - set(LAYERS) == set(), "place new modules and packages in LAYERS"
    assert {"document", "extractors", "normalize", "fetcher", "batch", "cli"} <= units


def test_no_backward_imports() -> None:
    edges = {(s, t) for s, targets in _graph().items() for t in targets if _backward(s, t)}
    assert edges == set()


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (as its nodes in order), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_no_package_cycles() -> None:
    units: dict[str, set[str]] = {}
    for source, targets in _graph().items():
        units.setdefault(_unit(source), set()).update(
            _unit(t) for t in targets if _unit(t) != _unit(source))
    assert _cycle(units) is None


def test_no_module_cycles() -> None:
    """Within packages too (``fetcher.client`` and ``fetcher.transports`` once imported
    each other from inside functions to hide it)."""
    graph = {source: set(targets) - {source} for source, targets in _graph().items()}
    assert _cycle(graph) is None


def test_the_walk_sees_lazy_imports_and_skips_type_checking(tmp_path: Path) -> None:
    """The walker itself: an import inside a function counts, one under TYPE_CHECKING
    does not (else the allow-list and layers above would prove nothing)."""
    module = tmp_path / "probe.py"
    module.write_text("from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from newsscrape.cli import main\n"
                      "def f():\n    from newsscrape.fetcher import client\n"
                      "    import newsscrape.batch.run\n", encoding="utf-8")
    found = _targets("newsscrape.probe", module, _modules())
    assert found == {"newsscrape.fetcher.client", "newsscrape.batch.run"}


OFFLINE = """
import json, sys
import newsscrape
import newsscrape.document, newsscrape.pipeline
from newsscrape.batch.offline import extract_files
from newsscrape.cli import main

html, warc, out = sys.argv[1:]
newsscrape.extract(open(html, "rb").read(), url="https://example.com/a")
kept = []
extract_files([html, warc], type("Sink", (), {"write": lambda self, o: kept.append(o)})())
try:
    main(["extract", html, warc, "-o", out])
except SystemExit as exit:
    assert exit.code == 0, exit.code
http = ("httpx", "httpcore", "hishel", "newsscrape.fetcher")
loaded = [m for m in sys.modules if m in http or m.startswith(tuple(h + "." for h in http))]
print(json.dumps({"outcomes": [type(o).__name__ for o in kept], "loaded": sorted(loaded)}))
"""


def test_offline_path_never_loads_the_http_stack(tmp_path: Path) -> None:
    """``extract`` (library and command), saved HTML and WARC input, in a fresh process."""
    from newsscrape.fetcher.archive import WarcArchive

    html = tmp_path / "page.html"
    html.write_text(article_page("Offline"), encoding="utf-8")
    warc = tmp_path / "pages.warc.gz"
    archive = WarcArchive(warc)
    body = article_page("Archived").encode()
    archive_page(archive, "http://127.0.0.1/a", body)
    archive.close()
    result = subprocess.run([sys.executable, "-c", OFFLINE, str(html), str(warc),
                             str(tmp_path / "out.jsonl")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"outcomes": ["Record", "Record"], "loaded": []}
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("module", ["newsscrape", "newsscrape.cli"])
def test_start_up_imports_stay_light(module: str) -> None:
    """``import newsscrape`` and the command line's start (``--version``, ``--help``) load
    neither the HTTP stack nor the extractors."""
    code = (f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('httpx', 'trafilatura', 'selectolax') or m.startswith('newsscrape.fetcher')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"
