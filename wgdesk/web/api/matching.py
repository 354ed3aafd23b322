"""The ecosystem's matching protocols over the desk's screening engine.

yente (OpenSanctions' matching server) and the OpenRefine reconciliation protocol ask
with FollowTheMoney examples: a schema and lists of property values. This module turns
them into the engine's own queries, screens each name with the same Screener the CLI
and ``/api/v1/screen`` use, and writes the answers in those protocols' shapes. Nothing
here scores: a result's score, decision and evidence are the engine's.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from wgdesk.screening.ftm import SchemaError, entity_id, entity_of, entry_type, matchable_schema
from wgdesk.screening.model import Entry
from wgdesk.screening.results import Decision, Match, Query
from wgdesk.screening.screener import Screener

# A dataset name meaning every active list, as yente's own "default" collection does.
ALL_LISTS = ("default", "sanctions", "wgdesk")
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
MAX_NAMES = 10  # names screened per query; more is a list, not one party
MAX_VALUES = 50  # values per property
MAX_LIMIT = 50  # candidates per query (the screening page's cap)
PROPERTY_QUERY = {"birthDate": "birth_date", "nationality": "nationality", "country": "country"}


class MatchRequestError(ValueError):
    """A request the matching endpoints refuse, with the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Example:
    """One query of a match request: FtM schema and properties, and the engine's queries."""

    key: str
    schema: str
    properties: dict[str, list[str]]
    queries: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Options:
    """How many candidates to return, which to call a match, which to leave out."""

    limit: int = 5
    threshold: float | None = None  # None: the desk's match threshold
    cutoff: float = 0.0


def _values(where: str, value: Any) -> list[str]:
    """A property's values: a string or a list of strings, bounded."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise MatchRequestError(f"{where} must be a string or a list of strings")
    if len(values) > MAX_VALUES:
        raise MatchRequestError(f"{where} has {len(values)} values: at most {MAX_VALUES}")
    return [v.strip() for v in values if v.strip()]


def example(key: str, raw: Any) -> Example:
    """Read one FtM example ({"schema": ..., "properties": {...}}) into engine queries."""
    where = f"queries.{key}"
    if not isinstance(raw, Mapping):
        raise MatchRequestError(f"{where} must be an object with schema and properties")
    try:
        schema = matchable_schema(raw.get("schema", ""))
    except SchemaError as problem:
        raise MatchRequestError(f"{where}.schema: {problem}") from None
    props = raw.get("properties", {})
    if not isinstance(props, Mapping):
        raise MatchRequestError(f"{where}.properties must be an object")
    properties = {str(k): _values(f"{where}.properties.{k}", v) for k, v in props.items()}
    unknown = sorted(p for p in properties if schema.get(p) is None)
    if unknown:
        raise MatchRequestError(f"{where}: {schema.name} has no property {', '.join(unknown)}")
    names = _names(properties)
    if not names:
        raise MatchRequestError(f"{where} needs a name (properties.name)")
    if len(names) > MAX_NAMES:
        raise MatchRequestError(f"{where} has {len(names)} names: at most {MAX_NAMES}")
    details = {
        field: properties[prop][0] for prop, field in PROPERTY_QUERY.items() if properties.get(prop)
    }
    kind = entry_type(schema)
    queries = tuple(Query(name, kind, id=key, **details) for name in names)
    return Example(key, schema.name, properties, queries)


def _names(properties: Mapping[str, list[str]]) -> list[str]:
    """The names to screen: the name properties, else first and last name joined."""
    names = [v for p in NAME_PROPS for v in properties.get(p, [])]
    if not names:
        joined = " ".join(properties[p][0] for p in ("firstName", "lastName") if properties.get(p))
        names = [joined] if joined else []
    return list(dict.fromkeys(names))


def options(params: Mapping[str, str]) -> Options:
    """Read yente's query parameters: limit, threshold and cutoff."""
    try:
        limit = int(params.get("limit", 5))
        threshold = params.get("threshold")
        cutoff = float(params.get("cutoff", 0))
        chosen = Options(limit, float(threshold) if threshold is not None else None, cutoff)
    except ValueError:
        raise MatchRequestError(
            "limit must be a whole number, threshold and cutoff numbers"
        ) from None
    if not 1 <= chosen.limit <= MAX_LIMIT:
        raise MatchRequestError(f"limit must be from 1 to {MAX_LIMIT}")
    for name in ("threshold", "cutoff"):
        value = getattr(chosen, name)
        if value is not None and not 0 <= value <= 1:
            raise MatchRequestError(f"{name} must be between 0 and 1")
    return chosen


def sources(screener: Screener, dataset: str) -> frozenset[str]:
    """The list sources a dataset name stands for; 404 for an unknown one."""
    loaded = frozenset(v.source for v in screener.versions)
    if dataset in ALL_LISTS:
        return loaded
    if dataset in loaded:
        return frozenset({dataset})
    names = ", ".join(sorted({*ALL_LISTS[:1], *loaded}))
    raise MatchRequestError(f"no dataset {dataset!r} (datasets: {names})", 404)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The candidates found for one example, best first, and any name the engine refused."""

    example: Example
    matches: tuple[Match, ...]
    error: str | None = None

    @property
    def decision(self) -> Decision:
        """The best candidate's decision (clear when there is none)."""
        return self.matches[0].decision if self.matches else Decision.CLEAR


def screen(screener: Screener, found: Example, within: frozenset[str], chosen: Options) -> Outcome:
    """Screen every name of an example; keep each entry's best score, within the datasets."""
    best: dict[str, Match] = {}
    for query in found.queries:
        result = screener.screen_query(query, limit=MAX_LIMIT)
        if result.error:
            return Outcome(found, (), result.error)
        for match in result.matches:
            key = f"{match.source}:{match.ref}"
            if match.source in within and (key not in best or match.score > best[key].score):
                best[key] = match
    kept = [m for m in best.values() if m.score >= chosen.cutoff]
    # Stable: equal scores keep the engine's own ranking, as the CLI shows it.
    kept.sort(key=lambda m: -m.score)
    if chosen.threshold is not None:
        # The caller's threshold decides what is a match, as yente's does.
        review = screener.thresholds.review
        kept = [replace(m, decision=_decide(m.score, review, chosen.threshold)) for m in kept]
    return Outcome(found, tuple(kept[: chosen.limit]))


def _decide(score: float, review: float, match: float) -> Decision:
    """Decide with the caller's match threshold (review never above it)."""
    if score >= match:
        return Decision.MATCH
    return Decision.REVIEW if score >= min(review, match) else Decision.CLEAR


_ENTRIES: weakref.WeakKeyDictionary[Screener, dict[str, Entry]] = weakref.WeakKeyDictionary()


def entries(screener: Screener) -> dict[str, Entry]:
    """Every entry of the screener's lists by FtM id (built once per screener)."""
    found = _ENTRIES.get(screener)
    if found is None:
        found = {entity_id(e): e for v in screener.versions for e in v.entries}
        _ENTRIES[screener] = found
    return found


def features(match: Match) -> dict[str, float]:
    """The engine's evidence as yente-style features: each rule's score and name factors."""
    found: dict[str, float] = {}
    for rule in match.evidence:
        found[rule.rule] = round(rule.score, 4)
        for factor, value in rule.factors:
            found[f"{rule.rule}.{factor}"] = round(value, 4)
    return found


def _result(screener: Screener, match: Match) -> dict[str, Any]:
    """One candidate in yente's shape: the FtM entity with score, match and features."""
    entry = entries(screener)[f"{match.source}-{match.ref}"]
    return {
        **entity_of(entry),
        "datasets": [entry.source],
        "referents": [],
        "target": True,
        "score": round(match.score, 4),
        "match": match.decision is Decision.MATCH,
        "features": features(match),
        # The desk's own words on why, which yente leaves to its features.
        "explanation": match.explanation,
        "decision": match.decision.value,
    }


def yente_response(screener: Screener, outcome: Outcome) -> dict[str, Any]:
    """One query's answer in yente's shape (status, results, total, query)."""
    found = outcome.example
    query = {"id": found.key, "schema": found.schema, "properties": found.properties}
    if outcome.error:
        return {"status": 400, "detail": outcome.error, "results": [], "query": query,
                "total": {"value": 0, "relation": "eq"}}  # fmt: skip
    results = [_result(screener, m) for m in outcome.matches]
    return {
        "status": 200,
        "results": results,
        "total": {"value": len(results), "relation": "eq"},
        "query": query,
    }


def matcher(screener: Screener, chosen: Options) -> dict[str, Any]:
    """What matched: the engine, its thresholds, the lists."""
    threshold = chosen.threshold if chosen.threshold is not None else screener.thresholds.match
    return {
        "name": "wgdesk",
        "description": "the desk's screening engine (docs/screening.md), as `wgdesk screen`",
        "threshold": threshold,
        "cutoff": chosen.cutoff,
        "lists": [f"{v.source} {v.version}" for v in screener.versions],
    }


def reconcile_examples(raw: Any) -> list[Example]:
    """Read OpenRefine's batch ({"q0": {"query": ..., "type": ..., "properties": [...]}})."""
    if not isinstance(raw, Mapping) or not raw:
        raise MatchRequestError("queries must be a non-empty JSON object")
    found = []
    for key, query in raw.items():
        if not isinstance(query, Mapping) or not isinstance(query.get("query"), str):
            raise MatchRequestError(f"queries.{key} needs a query string")
        props: dict[str, Any] = {"name": [query["query"]]}
        for pair in _pairs(key, query.get("properties", [])):
            props.setdefault(pair[0], []).append(pair[1])
        schema = query.get("type") or "LegalEntity"
        found.append(example(str(key), {"schema": schema, "properties": props}))
    return found


def _pairs(key: str, raw: Any) -> Iterable[tuple[str, str]]:
    """OpenRefine's property constraints [{"pid": ..., "v": ...}] as pairs."""
    if not isinstance(raw, list):
        raise MatchRequestError(f"queries.{key}.properties must be a list")
    for pair in raw:
        if not isinstance(pair, Mapping) or not isinstance(pair.get("pid"), str):
            raise MatchRequestError(f"queries.{key}.properties needs pid and v in each entry")
        value = pair.get("v")
        values = value if isinstance(value, list) else [value]
        yield from ((pair["pid"], str(v)) for v in values if v not in (None, ""))


def reconcile_result(screener: Screener, outcome: Outcome) -> dict[str, Any]:
    """One query's candidates in OpenRefine's shape (score 0-100)."""
    entries_by_id = entries(screener)
    result = []
    for match in outcome.matches:
        entry = entries_by_id[f"{match.source}-{match.ref}"]
        schema = entity_of(entry)["schema"]
        result.append(
            {
                "id": entity_id(entry),
                "name": entry.name,
                "score": round(match.score * 100, 1),
                "match": match.decision is Decision.MATCH,
                "type": [{"id": schema, "name": schema}],
                "description": f"{entry.source.upper()} {entry.ref}: {match.explanation}",
            }
        )
    return {"result": result}
