"""Explanations as data: a reason code and its parameters, rendered by the caller.

The rules in ``compare/`` and ``explain.py`` say why they scored as they did with
``Reason`` values, never with sentences: ``render.py`` turns them into English (the
text of the JSON contract, byte for byte) or Korean. A parameter is a text as it was
written (a name, a date, a country code), a number, a list of texts, or a list of
nested reasons (the word pairs of an alignment).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# A parameter's value; nested reasons carry the parts of a list (word pairs).
Value = str | float | tuple[str, ...] | tuple["Reason", ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason a rule gives: a code (see render.CODES) and its named parameters."""

    code: str
    params: tuple[tuple[str, Value], ...] = ()

    def get(self, key: str) -> Value:
        """Return one parameter; a missing one is a bug in the rule that made the reason."""
        for name, value in self.params:
            if name == key:
                return value
        raise KeyError(f"reason {self.code!r} has no parameter {key!r}")

    def text(self, key: str) -> str:
        """Return a parameter that is a text."""
        value = self.get(key)
        if not isinstance(value, str):
            raise TypeError(f"reason {self.code!r}: {key!r} is not a text")
        return value

    def number(self, key: str) -> float:
        """Return a parameter that is a number."""
        value = self.get(key)
        if isinstance(value, str | tuple):
            raise TypeError(f"reason {self.code!r}: {key!r} is not a number")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """Return a parameter that is a list of texts."""
        value = self.get(key)
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"reason {self.code!r}: {key!r} is not a list of texts")
        return tuple(str(v) for v in value)

    def nested(self, key: str) -> tuple[Reason, ...]:
        """Return a parameter that is a list of nested reasons."""
        value = self.get(key)
        if not isinstance(value, tuple) or not all(isinstance(v, Reason) for v in value):
            raise TypeError(f"reason {self.code!r}: {key!r} is not a list of reasons")
        return tuple(v for v in value if isinstance(v, Reason))

    def as_json(self) -> dict[str, object]:
        """Return the reason as JSON data: {"code": ..., "params": {...}}."""
        return {"code": self.code, "params": {k: _json(v) for k, v in self.params}}


def reason(code: str, **params: Value) -> Reason:
    """Build a reason from keyword parameters, in the order given."""
    return Reason(code, tuple(params.items()))


def _json(value: Value) -> object:
    """Return a parameter as JSON data."""
    if isinstance(value, tuple):
        return [v.as_json() if isinstance(v, Reason) else v for v in value]
    return value


def from_json(data: Mapping[str, object]) -> Reason:
    """Read a reason back from its JSON form (``Reason.as_json``); raise ValueError if malformed."""
    code, params = data.get("code"), data.get("params", {})
    if not isinstance(code, str) or not isinstance(params, Mapping):
        raise ValueError("a reason is {'code': text, 'params': {...}}")
    return Reason(code, tuple((str(k), _value(v)) for k, v in params.items()))


def _value(raw: object) -> Value:
    """Read one parameter back from JSON."""
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, list):
        if all(isinstance(v, str) for v in raw):
            return tuple(str(v) for v in raw)
        if all(isinstance(v, Mapping) for v in raw):
            return tuple(from_json(v) for v in raw if isinstance(v, Mapping))
    raise ValueError(f"a reason's parameter must be a text, number or list, not {raw!r}")
