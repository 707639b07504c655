"""Whether one element matches a list of simple selectors, tested on the element alone.

``metadata.in_chrome`` asks about the ancestors of a few elements a page (its dates,
bylines, tag links); matching the ~50 chrome selectors page-wide costs ~0.5 ms a page,
testing those ancestors a fraction of it. Selectors stay data: they are compiled from
their text, and a form this module does not know fails at import.

Known forms: ``tag``, ``#id``, ``.class``, ``tag#id``, ``tag.class``, ``parent > tag``,
``[attr='v']``, ``[attr~='v']``, ``[attr*='v']``, ``[attr^='v']``, the last ones with
`` i`` (ASCII case-insensitive). As in lexbor, class and id names compare
case-insensitively in quirks mode: ``ElementTest.test`` answers None where the mode
would change the answer, and the caller asks the page-wide query instead.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

_FORM = re.compile(
    r"(?:(?P<parent>[a-z][a-z0-9]*) > )?(?P<tag>[a-z][a-z0-9]*)?(?:#(?P<id>[\w-]+))?"
    r"(?:\.(?P<cls>[\w-]+))?(?:\[(?P<attr>[\w-]+)(?P<op>[~*^]?=)'(?P<value>[^']*)'"
    r"(?P<fold> i)?\])?")
_ASCII_SPACE = re.compile(r"[ \t\n\f\r]+")
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass(frozen=True, slots=True)
class _Simple:
    """One compound selector: each part set must hold."""

    parent: str | None
    tag: str | None
    id: str | None
    cls: str | None
    attr: str | None
    value_test: Callable[[str, str], bool] | None
    value_op: tuple[str, str, bool]
    """The attribute test as written: operator, value, whether ASCII case is folded."""


def _value_test(op: str, value: str, fold: bool) -> Callable[[str, str], bool]:
    """A test of an attribute's value, given as written and in ASCII lower case."""
    value = value.translate(_LOWER) if fold else value
    if not value and op != "=":
        return lambda _text, _lowered: False  # an empty value matches nothing but "="

    def test(text: str, lowered: str) -> bool:
        text = lowered if fold else text
        if op == "~=":
            return value in _ASCII_SPACE.split(text)
        if op == "*=":
            return value in text
        return text.startswith(value) if op == "^=" else text == value

    return test


def _compile(selector: str) -> _Simple:
    match = _FORM.fullmatch(selector.strip())
    if match is None or not any(match.group("tag", "id", "cls", "attr")):
        raise ValueError(f"selector form not supported here: {selector!r}")
    op, attr = match["op"], match["attr"]
    fold = bool(match["fold"])
    return _Simple(match["parent"], match["tag"], match["id"], match["cls"], attr,
                   _value_test(op, match["value"], fold) if attr else None,
                   (op or "", match["value"] or "", fold))


def _same(text: str, name: str, quirks: bool) -> bool:
    return text.translate(_LOWER) == name.translate(_LOWER) if quirks else text == name


def _matches(node: LexborNode, attrs: dict[str, str | None], simple: _Simple,
             quirks: bool, lowered: dict[str, str]) -> bool:
    if simple.tag is not None and node.tag != simple.tag:
        return False
    if simple.parent is not None and (node.parent is None or node.parent.tag != simple.parent):
        return False
    if simple.id is not None and not _same(attrs.get("id") or "", simple.id, quirks):
        return False
    if simple.cls is not None and not any(
            _same(c, simple.cls, quirks) for c in _ASCII_SPACE.split(attrs.get("class") or "")):
        return False
    if simple.attr is not None and simple.value_test is not None:
        value = attrs.get(simple.attr)
        if value is None:
            return False
        if simple.attr not in lowered:  # (each value lowered once an element)
            lowered[simple.attr] = value.translate(_LOWER)
        return simple.value_test(value, lowered[simple.attr])
    return True


def _pure(simple: _Simple) -> bool:
    """``simple`` tests one attribute's value and nothing else (``[class*='share' i]``)."""
    return simple.attr is not None and simple.tag is None and simple.parent is None \
        and simple.id is None and simple.cls is None


@dataclass(frozen=True, slots=True)
class _AnyValue:
    """Whether an attribute's value passes any of its pure selectors' tests: one test
    per operator and case rule (a regex search for the substrings, a set lookup for
    the words and whole values, a tuple for the prefixes), not one call per selector."""

    tests: tuple[tuple[str, bool, frozenset[str] | tuple[str, ...] | re.Pattern[str]], ...]
    """``(operator, folded, values)``: ``*=`` a regex of the values, ``^=`` a tuple,
    ``~=`` and ``=`` a set."""

    @classmethod
    def of(cls, simples: list[_Simple]) -> _AnyValue:
        values: dict[tuple[str, bool], list[str]] = {}
        for simple in (s for s in simples if _pure(s)):
            op, value, fold = simple.value_op
            if value or op == "=":  # an empty value matches nothing but "="
                values.setdefault((op, fold), []).append(
                    value.translate(_LOWER) if fold else value)
        return cls(tuple((op, fold, _values(op, found)) for (op, fold), found in values.items()))

    def test(self, text: str, lowered: str) -> bool:
        words: dict[bool, list[str]] = {}
        for op, fold, values in self.tests:
            value = lowered if fold else text
            if isinstance(values, re.Pattern):
                if values.search(value) is not None:
                    return True
            elif isinstance(values, tuple):
                if value.startswith(values):
                    return True
            elif op == "=":
                if value in values:
                    return True
            else:  # "~=": the value's space-separated words
                if fold not in words:
                    words[fold] = _ASCII_SPACE.split(value)
                if not values.isdisjoint(words[fold]):
                    return True
        return False


def _values(op: str, values: list[str]) -> frozenset[str] | tuple[str, ...] | re.Pattern[str]:
    if op == "*=":
        return re.compile("|".join(re.escape(value) for value in values))
    return tuple(values) if op == "^=" else frozenset(values)


class ElementTest:
    """A comma-separated list of simple selectors, tested on one element."""

    def __init__(self, selectors: str) -> None:
        self._named: dict[str, list[_Simple]] = {}
        """By their id or class name (ASCII lower case), the selectors that need one."""
        self._by_attr: dict[str, list[_Simple]] = {}
        """By the attribute they test, the others that test one."""
        self._by_tag: dict[str, list[_Simple]] = {}
        """By their tag, the rest."""
        for simple in (_compile(s) for s in selectors.split(",")):
            name = simple.id or simple.cls
            if simple.attr is not None:
                self._by_attr.setdefault(simple.attr, []).append(simple)
            elif name is not None:
                self._named.setdefault(name.translate(_LOWER), []).append(simple)
            else:
                self._by_tag.setdefault(simple.tag or "", []).append(simple)
        self._values = {attr: _AnyValue.of(simples) for attr, simples in self._by_attr.items()}
        """By attribute, one test for its selectors that test nothing else."""
        for attr, simples in self._by_attr.items():
            self._by_attr[attr] = [s for s in simples if not _pure(s)]

    def test(self, node: LexborNode) -> bool | None:
        """Whether ``node`` matches a selector; None when the answer depends on the
        document's mode (standards or quirks), which the caller must settle."""
        attrs = node.attributes
        lowered: dict[str, str] = {}
        candidates = list(self._by_tag.get(node.tag or "", ()))
        for attr, value in attrs.items():
            values = self._values.get(attr)
            if values is not None and value is not None:
                lowered[attr] = value.translate(_LOWER)
                if values.test(value, lowered[attr]):
                    return True  # (an attribute's value alone: no mode to settle)
            candidates += self._by_attr.get(attr, ())
        names = _ASCII_SPACE.split(attrs.get("class") or "")
        names.append(attrs.get("id") or "")
        candidates += (s for name in names if name
                       for s in self._named.get(name.translate(_LOWER), ()))
        if not candidates:
            return False
        # Only class and id names compare by mode: the other selectors answer once.
        if any(_matches(node, attrs, s, False, lowered) for s in candidates
               if s.id is None and s.cls is None):
            return True
        named = [s for s in candidates if s.id is not None or s.cls is not None]
        strict = any(_matches(node, attrs, s, False, lowered) for s in named)
        quirks = any(_matches(node, attrs, s, True, lowered) for s in named)
        return strict if strict == quirks else None
