"""Load, check and index the rule base: the YAML records under ``wgdesk/rules/measures``.

Each file holds one area (exports, supply, services, ...). Every record is validated
against RULE_SCHEMA, then cross-checked (unique ids, references to existing records,
date order). A broken record is a packaging error, so loading raises with every
problem listed rather than skipping records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from wgdesk.rules.hs import HSCodeError, parse_range
from wgdesk.rules.model import (
    EFFECTS,
    ActivityMatcher,
    Cap,
    ItemMatcher,
    Notification,
    PartyMatcher,
    ProjectMatcher,
    Rule,
    RuleException,
    Scope,
    Text,
)
from wgdesk.rules.schema import Problem, Validator
from wgdesk.rules.vocabulary import ACTIVITY_KINDS, DIRECTIONS, Vocabulary
from wgdesk.yamlio import load_yaml

_TEXT = {
    "type": "object",
    "required": ["en", "ko"],
    "properties": {
        "en": {"type": "string", "min_length": 1},
        "ko": {
            "type": "string",
            "min_length": 1,
            "pattern": r"(?s).*[\uac00-\ud7a3].*",
            "pattern_hint": "must be written in Korean (Hangul)",
        },
    },
}
_STRINGS = {"type": "array", "items": {"type": "string", "min_length": 1}}
_VERDICT_EFFECTS = ["not_restricted", "notification_required", "exemption_required", "prohibited"]

ITEM_MATCHER = {
    "type": "object",
    "properties": {
        "directions": {"type": "array", "items": {"enum": list(DIRECTIONS)}},
        "hs": {"type": "array", "items": {"type": "string", "format": "hs_range"}},
        "hs_source": {"enum": ["resolution", "engine-mapping"]},
        "keywords": _STRINGS,
        "also_keywords": _STRINGS,
        "unless_keywords": _STRINGS,
        "min_unit_value_usd": {"type": "number", "minimum": 0},
    },
}
ACTIVITY_MATCHER = {
    "type": "object",
    "properties": {
        "kinds": {"type": "array", "items": {"enum": list(ACTIVITY_KINDS)}},
        "fields": {"type": "array", "items": {"type": "string", "format": "field_category"}},
        "unless_fields": {"type": "array", "items": {"type": "string", "format": "field_category"}},
        "directions": {"type": "array", "items": {"enum": list(DIRECTIONS)}},
        "keywords": _STRINGS,
        "unless_keywords": _STRINGS,
        "new_only": {"type": "boolean"},
    },
}
RULE_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "instrument",
        "paragraph",
        "adopted",
        "confirmed",
        "status",
        "direction",
        "type",
        "effect",
        "summary",
        "in_force_from",
    ],
    "properties": {
        "id": {
            "type": "string",
            "pattern": r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+",
            "pattern_hint": "must look like SUP-IND-02",
        },
        "instrument": {
            "type": "string",
            "pattern": r"S/RES/\d{4} \(\d{4}\)",
            "pattern_hint": "must look like 'S/RES/2397 (2017)'",
        },
        "paragraph": {
            "type": "string",
            "pattern": r"OP\d+(\([a-z]+\))*(\([ivx]+\))?|Annex [IVX]+",
            "pattern_hint": "must look like 'OP7', 'OP8(a)(iii)' or 'Annex IV'",
        },
        "adopted": {"type": "date"},
        "confirmed": {"type": "boolean"},
        "status": {"type": "string", "min_length": 1},
        "direction": {
            "enum": [
                "export_from_dprk",
                "supply_to_dprk",
                "both_directions",
                "service",
                "finance",
                "maritime",
                "targeted",
                "procedure",
            ]
        },
        "type": {
            "enum": [
                "ban",
                "cap",
                "notification",
                "approval",
                "call",
                "clarify",
                "obligation",
                "exception",
                "designation",
                "procedure",
            ]
        },
        "effect": {"enum": list(EFFECTS)},
        "precedence": {"type": "integer", "minimum": 0},
        "summary": _TEXT,
        "in_force_from": {"type": "date"},
        "in_force_until": {"type": ["date", "null"]},
        "superseded_by": {"type": ["string", "null"]},
        "scope": {
            "type": "object",
            "properties": {
                "items": {"type": "array", "items": ITEM_MATCHER},
                "activities": {"type": "array", "items": ACTIVITY_MATCHER},
                "parties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "decisions": {
                                "type": "array",
                                "items": {"enum": ["match", "review", "clear", "unscreened"]},
                            },
                            "types": _STRINGS,
                            "countries": _STRINGS,
                        },
                    },
                },
                "project": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "activity_kinds": {
                                "type": "array",
                                "items": {"enum": list(ACTIVITY_KINDS)},
                            },
                            "any_items": {"type": "boolean"},
                        },
                    },
                },
            },
        },
        "exceptions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "en", "ko", "effect"],
                "properties": {
                    "id": {"type": "string"},
                    "en": {"type": "string", "min_length": 1},
                    "ko": {"type": "string", "min_length": 1},
                    "effect": {"enum": [*_VERDICT_EFFECTS, "note"]},
                    "items": {"type": "array", "items": ITEM_MATCHER},
                    "activities": {"type": "array", "items": ACTIVITY_MATCHER},
                    "rule": {"type": "string"},
                },
            },
        },
        "notifications": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["why", "what", "to", "when", "confirmed"],
                "properties": {
                    "why": _TEXT,
                    "what": _TEXT,
                    "to": _TEXT,
                    "when": _TEXT,
                    "confirmed": {"type": "boolean"},
                },
            },
        },
        "notes": {"type": "array", "items": _TEXT},
        "covers": {"type": "array", "items": _TEXT},
        "exemption_via": _STRINGS,
        "cited_with": _STRINGS,
        "cap": {
            "type": "object",
            "required": ["commodity", "limit", "unit", "period", "over_effect"],
            "properties": {
                "commodity": {"type": "string"},
                "limit": {"type": "number", "minimum": 0},
                "unit": {"enum": ["bbl", "t"]},
                "period": _TEXT,
                "over_effect": {"enum": _VERDICT_EFFECTS},
                "alternative_limit": {"type": "number", "minimum": 0},
                "alternative_unit": {"enum": ["bbl", "t"]},
            },
        },
    },
}
FILE_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "required": ["area", "title", "rules"],
    "properties": {
        "area": {"type": "string"},
        "title": _TEXT,
        "intro": _TEXT,
        "rules": {"type": "array", "items": RULE_SCHEMA, "min_items": 1},
    },
}


class RuleBaseError(ValueError):
    """The rule base is malformed; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("rule base is invalid:\n  " + "\n  ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Area:
    """One file of the rule base: an area of measures with a title."""

    name: str
    title: Text
    intro: Text | None
    rules: tuple[Rule, ...]


def _hs_range_check(value: Any, path: str) -> str | None:
    """Accept an HS code or range as used in rule scopes."""
    try:
        parse_range(str(value))
    except HSCodeError as error:
        return str(error)
    return None


def _validator(vocabulary: Vocabulary) -> Validator:
    """Return a validator knowing the HS-range and field-category formats."""

    def field_category(value: Any, path: str) -> str | None:
        if value in vocabulary.field_categories or value == "other":
            return None
        return f"{value!r} is not a field category of vocabulary.yaml"

    return Validator({"hs_range": _hs_range_check, "field_category": field_category})


def _text(data: Mapping[str, Any]) -> Text:
    """Build a bilingual text."""
    return Text(str(data["en"]).strip(), str(data["ko"]).strip())


def _date(value: Any) -> dt.date:
    """Return a date from a YAML date or an ISO string."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _items(data: Iterable[Mapping[str, Any]]) -> tuple[ItemMatcher, ...]:
    """Build item matchers."""
    return tuple(
        ItemMatcher(
            directions=tuple(d.get("directions", ())),
            hs=tuple(parse_range(str(h)) for h in d.get("hs", ())),
            hs_source=d.get("hs_source"),
            keywords=tuple(k.lower() for k in d.get("keywords", ())),
            also_keywords=tuple(k.lower() for k in d.get("also_keywords", ())),
            unless_keywords=tuple(k.lower() for k in d.get("unless_keywords", ())),
            min_unit_value_usd=d.get("min_unit_value_usd"),
        )
        for d in data
    )


def _activities(data: Iterable[Mapping[str, Any]]) -> tuple[ActivityMatcher, ...]:
    """Build activity matchers."""
    return tuple(
        ActivityMatcher(
            kinds=tuple(d.get("kinds", ())),
            fields=tuple(d.get("fields", ())),
            unless_fields=tuple(d.get("unless_fields", ())),
            directions=tuple(d.get("directions", ())),
            keywords=tuple(k.lower() for k in d.get("keywords", ())),
            unless_keywords=tuple(k.lower() for k in d.get("unless_keywords", ())),
            new_only=bool(d.get("new_only", False)),
        )
        for d in data
    )


def _scope(data: Mapping[str, Any]) -> Scope:
    """Build a rule's scope."""
    return Scope(
        items=_items(data.get("items", ())),
        activities=_activities(data.get("activities", ())),
        parties=tuple(
            PartyMatcher(
                tuple(p.get("decisions", ("match",))),
                tuple(p.get("types", ())),
                tuple(p.get("countries", ())),
            )
            for p in data.get("parties", ())
        ),
        project=tuple(
            ProjectMatcher(tuple(p.get("activity_kinds", ())), bool(p.get("any_items", False)))
            for p in data.get("project", ())
        ),
    )


def _exception(data: Mapping[str, Any]) -> RuleException:
    """Build one carve-out."""
    return RuleException(
        id=data["id"],
        text=Text(data["en"].strip(), data["ko"].strip()),
        effect=data["effect"],
        items=_items(data.get("items", ())),
        activities=_activities(data.get("activities", ())),
        rule=data.get("rule"),
    )


def _cap(data: Mapping[str, Any] | None) -> Cap | None:
    """Build a quantitative cap, if the record has one."""
    if data is None:
        return None
    return Cap(
        commodity=data["commodity"],
        limit=float(data["limit"]),
        unit=data["unit"],
        period=_text(data["period"]),
        over_effect=data["over_effect"],
        alternative_limit=data.get("alternative_limit"),
        alternative_unit=data.get("alternative_unit"),
    )


def build_rule(data: Mapping[str, Any], area: str) -> Rule:
    """Turn one validated record into a Rule."""
    until = data.get("in_force_until")
    return Rule(
        id=data["id"],
        area=area,
        instrument=data["instrument"],
        paragraph=data["paragraph"],
        adopted=_date(data["adopted"]),
        confirmed=data["confirmed"],
        status=data["status"].strip(),
        direction=data["direction"],
        type=data["type"],
        effect=data["effect"],
        summary=_text(data["summary"]),
        scope=_scope(data.get("scope", {})),
        in_force_from=_date(data["in_force_from"]),
        in_force_until=_date(until) if until is not None else None,
        superseded_by=data.get("superseded_by"),
        precedence=data.get("precedence", 50),
        exceptions=tuple(_exception(e) for e in data.get("exceptions", ())),
        notifications=tuple(
            Notification(
                _text(n["why"]), _text(n["what"]), _text(n["to"]), _text(n["when"]), n["confirmed"]
            )
            for n in data.get("notifications", ())
        ),
        notes=tuple(_text(n) for n in data.get("notes", ())),
        exemption_via=tuple(data.get("exemption_via", ())),
        cap=_cap(data.get("cap")),
        covers=tuple(_text(c) for c in data.get("covers", ())),
        cited_with=tuple(data.get("cited_with", ())),
    )


class RuleBase:
    """All rule records, indexed by id, with date filtering."""

    def __init__(self, areas: Iterable[Area], vocabulary: Vocabulary) -> None:
        self.areas = tuple(areas)
        self.vocabulary = vocabulary
        self.rules = tuple(r for a in self.areas for r in a.rules)
        self.by_id = {r.id: r for r in self.rules}

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule:
        """Return a record by id."""
        return self.by_id[rule_id]

    def in_force(self, day: dt.date) -> list[Rule]:
        """Return the records that applied on a day, whatever their scope."""
        return [r for r in self.rules if r.in_force(day)]


def _cross_check(rules: list[Rule]) -> list[str]:
    """Check ids are unique, references resolve and dates run forwards."""
    problems: list[str] = []
    ids = [r.id for r in rules]
    problems += [f"{i}: duplicate id" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    for rule in rules:
        refs = [rule.superseded_by, *rule.exemption_via, *(e.rule for e in rule.exceptions)]
        refs += rule.cited_with
        problems += [
            f"{rule.id}: refers to unknown record {ref}" for ref in refs if ref and ref not in known
        ]
        if rule.in_force_until and rule.in_force_until < rule.in_force_from:
            problems.append(f"{rule.id}: in_force_until is before in_force_from")
        if rule.in_force_from < rule.adopted:
            problems.append(f"{rule.id}: in force before its adoption date")
        if rule.superseded_by and rule.in_force_until is None:
            problems.append(f"{rule.id}: superseded_by needs in_force_until")
        if rule.scope.items and any(m.hs and not m.hs_source for m in rule.scope.items):
            problems.append(f"{rule.id}: every HS scope needs hs_source")
        if rule.cap and rule.type != "cap":
            problems.append(f"{rule.id}: a cap needs type: cap")
    return problems


def load_area(source: Traversable, vocabulary: Vocabulary) -> tuple[Area | None, list[str]]:
    """Load and validate one measures file; return the area or the problems found."""
    try:
        data = load_yaml(source.read_text("utf-8"))
    except yaml.YAMLError as error:
        return None, [f"{source.name}: not valid YAML: {error}"]
    problems = _validator(vocabulary).validate(data, FILE_SCHEMA)
    if problems:
        return None, [_render(source.name, p) for p in problems]
    rules = tuple(build_rule(r, data["area"]) for r in data["rules"])
    intro = _text(data["intro"]) if "intro" in data else None
    return Area(data["area"], _text(data["title"]), intro, rules), []


def _render(name: str, problem: Problem) -> str:
    """Render a schema problem with its file name."""
    return problem.render(name)


def measure_files() -> list[Traversable]:
    """Return the packaged measures files in a stable order."""
    folder = resources.files("wgdesk.rules").joinpath("measures")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def load_rulebase(files: Iterable[Traversable] | None = None) -> RuleBase:
    """Load every measures file, raising RuleBaseError listing all problems."""
    vocabulary = Vocabulary.bundled()
    areas: list[Area] = []
    problems: list[str] = []
    for source in files if files is not None else measure_files():
        area, found = load_area(source, vocabulary)
        problems += found
        if area is not None:
            areas.append(area)
    problems += _cross_check([r for a in areas for r in a.rules])
    if problems:
        raise RuleBaseError(problems)
    return RuleBase(areas, vocabulary)


@cache
def default_rulebase() -> RuleBase:
    """Return the packaged rule base, loaded once per process."""
    return load_rulebase()
