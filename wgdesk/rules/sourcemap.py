"""Parse YAML or JSON into plain values while remembering where each value was written.

A project file's problems are reported as ``items[2].hs`` with the YAML line number,
so the parser keeps a map from value paths to lines, and the raw text of scalars
(``hs: 8415.10`` must stay "8415.10", not become the float 8415.1).
"""

from __future__ import annotations

import decimal
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from wgdesk.rules.schema import Problem
from wgdesk.yamlio import compose_yaml

MAX_NODES = 200_000  # generous for a 10,000-item project; stops alias "billion laughs"
MAX_DEPTH = 50  # a project nests a few levels; deeper is an attack on the parser
# A lone UTF-16 surrogate (JSON "\\ud800", YAML "\\ud800") is not a character: it cannot be
# written as UTF-8, so it would fail later, far from the input. Refused where it is read.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
TOO_DEEP = "document is too large or too deeply nested"


class ParseError(ValueError):
    """The text is not valid YAML or JSON; carries the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems


@dataclass
class Parsed:
    """Plain data plus where each path was written and the raw scalar texts."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: str) -> int | None:
        """Return the line of a path, or of its nearest ancestor that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = _parent(path)


def _parent(path: str) -> str:
    """Return the enclosing path: items[2].hs -> items[2] -> items -> ''."""
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def _join(path: str, key: str) -> str:
    """Return the child path of a mapping key."""
    return f"{path}.{key}" if path else key


class _Builder:
    """Turns a composed YAML node tree into values, recording lines and raw texts."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def build(self, node: yaml.Node, path: str, depth: int = 0) -> Any:
        """Convert one node (and its children) into a plain value."""
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise ParseError([Problem(path, TOO_DEEP)])
        self.parsed.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(child, f"{path}[{i}]", depth + 1) for i, child in enumerate(node.value)
            ]
        self.parsed.raw[path] = str(node.value)
        if LONE_SURROGATE.search(str(node.value)):
            self.parsed.problems.append(Problem(path, "text with a lone surrogate (not Unicode)"))
            return ""
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.parsed.problems.append(Problem(path, f"unreadable value: {error.problem}"))
        except ValueError:
            pass  # 2018-13-01 looks like a date but is not: keep the text for the schema
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, Any]:
        """Convert a mapping, reporting duplicate or non-text keys."""
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = _join(path, key)
            if not isinstance(key_node, yaml.ScalarNode):
                self.parsed.problems.append(Problem(path, "mapping keys must be plain names"))
                continue
            if key in result:
                line = key_node.start_mark.line + 1
                self.parsed.problems.append(Problem(child, "duplicate key", line))
                continue
            result[key] = self.build(value_node, child, depth + 1)
        return result


def parse_yaml(text: str) -> Parsed:
    """Parse YAML with locations; raise ParseError for syntax errors."""
    parsed = Parsed(None)
    try:
        node = compose_yaml(text)
    except RecursionError:
        # PyYAML composes nested collections recursively: "[[[[..." exhausts the stack.
        raise ParseError([Problem("", TOO_DEEP)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        message = f"not valid YAML: {error.problem or error}"
        raise ParseError([Problem("", message, line)]) from None
    except yaml.YAMLError as error:
        raise ParseError([Problem("", f"not valid YAML: {error}")]) from None
    if node is None:
        raise ParseError([Problem("", "the file is empty")])
    parsed.data = _Builder(parsed).build(node, "")
    return parsed


def _plain(value: Any, path: str, raw: dict[str, str], depth: int = 0) -> Any:
    """Replace JSON decimals by floats, keeping their text as the raw scalar; refuse
    deep nesting and lone surrogates (in keys and values) as YAML does."""
    if depth > MAX_DEPTH:
        raise ParseError([Problem(path, TOO_DEEP)])
    if isinstance(value, dict):
        if any(LONE_SURROGATE.search(k) for k in value):
            raise ParseError([Problem(path, "a key with a lone surrogate (not Unicode)")])
        return {k: _plain(v, _join(path, k), raw, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, f"{path}[{i}]", raw, depth + 1) for i, v in enumerate(value)]
    if isinstance(value, str) and LONE_SURROGATE.search(value):
        raise ParseError([Problem(path, "text with a lone surrogate (not Unicode)")])
    if isinstance(value, decimal.Decimal):
        raw[path] = str(value)
        return float(value)
    if isinstance(value, int | str) and not isinstance(value, bool):
        raw[path] = str(value)
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing duplicate keys (JSON allows them silently)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_json(text: str) -> Parsed:
    """Parse JSON with raw number texts; raise ParseError for syntax errors."""
    try:
        data = json.loads(text, parse_float=decimal.Decimal, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise ParseError(
            [Problem("", f"not valid JSON: {error.msg} (column {error.colno})", error.lineno)]
        ) from None
    except ValueError as error:  # duplicate keys, integers of thousands of digits
        raise ParseError([Problem("", f"not valid JSON: {error}")]) from None
    except RecursionError:
        raise ParseError([Problem("", TOO_DEEP)]) from None
    parsed = Parsed(None)
    parsed.data = _plain(data, "", parsed.raw)
    return parsed


def parse_text(text: str, fmt: str) -> Parsed:
    """Parse a project text as 'yaml' or 'json'."""
    return parse_json(text) if fmt == "json" else parse_yaml(text)
