"""The error tree: one ``Failure`` per exception, and the classes, the tree drawn in
``errors.py``'s docstring and the README's error table naming the same classes and kinds."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from newsscrape import errors
from newsscrape.errors import (
    HTTPStatusError,
    InternalError,
    NewsscrapeError,
    NotHTMLError,
    TooLargeError,
    WorkerDiedError,
)
from newsscrape.record import Failure

README = Path(__file__).resolve().parent.parent / "README.md"


def _classes() -> dict[str, type[NewsscrapeError]]:
    """Every error class of ``errors.py`` but the base."""
    return {name: cls for name, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, NewsscrapeError) and cls is not NewsscrapeError}


def test_failure_from_our_error_keeps_kind_message_and_status() -> None:
    failure = Failure.from_exception("http://x/", HTTPStatusError("HTTP 503", status=503))
    assert failure == Failure(input="http://x/", kind="http_status", message="HTTP 503",
                              status=503)


@pytest.mark.parametrize(("exc", "message"), [
    (KeyError("title"), "KeyError: 'title'"),
    (RecursionError("too deep"), "RecursionError: too deep"),
    (WorkerDiedError("extraction process 7 exited"),
     "WorkerDiedError: extraction process 7 exited"),
    (InternalError.wrapping(ValueError("bad")), "ValueError: bad"),
])
def test_anything_else_is_internal_naming_its_type(exc: Exception, message: str) -> None:
    failure = Failure.from_exception("page.html", exc)
    assert (failure.kind, failure.message, failure.status) == ("internal", message, None)


def test_page_level_errors_are_not_fetch_errors() -> None:
    """Extracting a saved file raises them too."""
    for cls in (NotHTMLError, TooLargeError, errors.ExtractError):
        assert not issubclass(cls, errors.FetchError)


def test_docstring_tree_draws_every_class_with_its_parent_and_kind() -> None:
    doc = errors.__doc__ or ""
    drawn: dict[str, tuple[str, str]] = {}
    parents = ["NewsscrapeError"]
    root = re.search(r"^( *)NewsscrapeError +kind$", doc, flags=re.MULTILINE)
    assert root, "the tree's root line"
    for line in doc.splitlines():
        match = re.match(r"^[│ ]*[├└]── (\w+)(?: \(\w+\))?\s+(\w+)", line)
        if not match:
            continue
        depth = (line.index("──") - 1 - len(root.group(1))) // 4 + 1
        del parents[depth:]
        drawn[match.group(1)] = (parents[-1], match.group(2))
        parents.append(match.group(1))
    expected = {name: (cls.__bases__[0].__name__, cls.kind) for name, cls in _classes().items()}
    assert drawn == expected


def test_readme_table_lists_every_class_with_its_kind() -> None:
    section = README.read_text(encoding="utf-8").split("## Errors and exit status")[1]
    section = section.split("\n## ")[0]
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \|", section, flags=re.MULTILINE)
    listed = {name: kind for kind, name in rows}
    assert len(rows) == len(listed), "a class is listed twice"
    assert listed == {name: cls.kind for name, cls in _classes().items()}
