"""A small JSON-Schema-like validator that reports every problem with its location.

Both the rule base and project files are checked with it. It supports the subset we
need (object properties, required keys, no unknown keys, arrays, enums, patterns,
numeric minimums and named formats such as ``date`` and ``hs``) and, unlike a
fail-fast parser, collects all problems so a user can fix a file in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Schema = Mapping[str, Any]
FormatCheck = Callable[[Any, str], str | None]  # (value, path) -> problem or None

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "date": "a date (YYYY-MM-DD)",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, at a path such as ``items[2].hs``."""

    path: str
    message: str
    line: int | None = None

    def render(self, source: str | None = None) -> str:
        """Return ``source:line: path: message`` with the parts that are known."""
        where = source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        head = f"{where}: " if where else ""
        return f"{head}{self.path or '(top level)'}: {self.message}"


def _type_of(value: Any) -> str:
    """Return the schema type name of a Python value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return type(value).__name__


def _accepts(expected: str, actual: str) -> bool:
    """True when a value of type ``actual`` satisfies the schema type ``expected``."""
    return expected == actual or (expected == "number" and actual == "integer")


def _join(path: str, key: str) -> str:
    """Return the child path of a mapping key."""
    return f"{path}.{key}" if path else key


def check_date(value: Any, path: str = "") -> str | None:
    """Accept a date object or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.date):
        return None
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"{value!r} is not a date; write YYYY-MM-DD"


class Validator:
    """Validates values against schemas, with named format checks."""

    def __init__(self, formats: Mapping[str, FormatCheck] | None = None) -> None:
        self.formats: dict[str, FormatCheck] = {"date": check_date, **(formats or {})}

    def validate(self, value: Any, schema: Schema, path: str = "") -> list[Problem]:
        """Return every problem found in a value, in document order."""
        problems: list[Problem] = []
        self._check(value, schema, path, problems)
        return problems

    def _check(self, value: Any, schema: Schema, path: str, out: list[Problem]) -> None:
        """Check one value and recurse into its children."""
        if not self._check_type(value, schema, path, out):
            return
        if "enum" in schema and value not in schema["enum"]:
            out.append(Problem(path, _enum_message(value, schema["enum"])))
        if "format" in schema and value is not None:
            message = self.formats[schema["format"]](value, path)
            if message:
                out.append(Problem(path, message))
        self._check_scalar(value, schema, path, out)
        if isinstance(value, Mapping):
            self._check_object(value, schema, path, out)
        elif isinstance(value, list | tuple):
            self._check_array(value, schema, path, out)

    def _check_type(self, value: Any, schema: Schema, path: str, out: list[Problem]) -> bool:
        """Report a wrong type; return False when children should not be checked."""
        expected = schema.get("type")
        if expected is None:
            return True
        allowed = [expected] if isinstance(expected, str) else list(expected)
        actual = _type_of(value)
        if any(_accepts(t, actual) for t in allowed):
            return True
        if "date" in allowed and actual == "string":
            message = check_date(value)
            if message is None:
                return True
            out.append(Problem(path, message))
            return False
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in allowed)
        out.append(Problem(path, f"expected {wanted}, got {_TYPE_NAMES.get(actual, actual)}"))
        return False

    def _check_scalar(self, value: Any, schema: Schema, path: str, out: list[Problem]) -> None:
        """Check string patterns, lengths and numeric minimums."""
        if isinstance(value, str):
            if "pattern" in schema and not re.fullmatch(schema["pattern"], value):
                hint = schema.get("pattern_hint", f"must match {schema['pattern']}")
                out.append(Problem(path, f"{value!r} {hint}"))
            if schema.get("min_length", 0) > len(value.strip()):
                out.append(Problem(path, "must not be empty"))
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if is_number and "minimum" in schema and value < schema["minimum"]:
            out.append(Problem(path, f"{value} is below the minimum of {schema['minimum']}"))

    def _check_object(
        self, value: Mapping[str, Any], schema: Schema, path: str, out: list[Problem]
    ) -> None:
        """Check required keys, unknown keys and each property."""
        properties: Mapping[str, Schema] = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                out.append(Problem(_join(path, key), "is required"))
        values_schema = schema.get("values")
        for key, child in value.items():
            child_path = _join(path, str(key))
            if key in properties:
                self._check(child, properties[key], child_path, out)
            elif values_schema is not None:
                self._check(child, values_schema, child_path, out)
            elif not schema.get("additional", False):
                out.append(Problem(child_path, _unknown_message(str(key), properties)))

    def _check_array(self, value: Any, schema: Schema, path: str, out: list[Problem]) -> None:
        """Check the length and each element of a list."""
        if len(value) < schema.get("min_items", 0):
            out.append(Problem(path, f"needs at least {schema['min_items']} entries"))
        item_schema = schema.get("items")
        if item_schema is not None:
            for index, child in enumerate(value):
                self._check(child, item_schema, f"{path}[{index}]", out)


def _unknown_message(key: str, properties: Mapping[str, Any]) -> str:
    """Explain an unknown key, suggesting the closest allowed one."""
    close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.8)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    allowed = ", ".join(properties)
    return f"unknown field {key!r}{hint} (allowed: {allowed})"


def _enum_message(value: Any, choices: list[Any]) -> str:
    """Explain a value outside an enumeration, suggesting the closest choice."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.8)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{value!r} is not one of {', '.join(map(str, choices))}{hint}"
