"""Convert the UN consolidated list into FollowTheMoney entities for nomenklatura.

The mapping follows OpenSanctions' ``un_sc_sanctions`` crawler (zavod ``shed/un_sc.py``
and the dataset's ``crawler.py``), so that the peer sees the list the way OpenSanctions
publishes it:

* INDIVIDUAL -> ``Person``, ENTITY -> ``LegalEntity``;
* FIRST..FOURTH_NAME joined by spaces -> ``name``; with several parts, the first ->
  ``firstName`` and the last -> ``lastName``;
* aliases by quality: Good / a.k.a. -> ``alias``, Low -> ``weakAlias``,
  f.k.a. -> ``previousName``, no quality -> skipped; NAME_ORIGINAL_SCRIPT -> ``alias``;
* DATE or YEAR of birth -> ``birthDate`` (ranges are skipped, as the crawler does);
* NATIONALITY -> ``nationality``; place-of-birth and address countries -> ``country``;
* DESIGNATION -> ``position``, TITLE -> ``title``; the UN reference -> ``unscId`` (kept
  here on the entity itself so results can be scored by reference).

Output: one JSON object per line, ``{"id", "schema", "properties"}``, which
``followthemoney.model.get_proxy`` reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from benchmarks.evalset.unxml import FORMER_QUALITY, LOW_QUALITY, UnRecord, read_un_list

# The crawler's NAME_QUALITY table; an alias with an empty quality is skipped there too.
ALIAS_PROPERTY = {
    "Good": "alias",
    "a.k.a.": "alias",
    LOW_QUALITY: "weakAlias",
    FORMER_QUALITY: "previousName",
}


def entity(record: UnRecord) -> dict[str, object]:
    """Return one list entry as an FtM entity dict."""
    props: dict[str, list[str]] = {}

    def add(prop: str, *values: str) -> None:
        for value in values:
            if value and value not in props.setdefault(prop, []):
                props[prop].append(value)

    add("name", record.name)
    if len(record.name_parts) > 1:
        add("firstName", record.name_parts[0])
        add("lastName", record.name_parts[-1])
    for alias in record.aliases:
        if alias.quality in ALIAS_PROPERTY:
            add(ALIAS_PROPERTY[alias.quality], alias.name)
    add("alias", record.original_script)
    add("topics", "sanction")
    if record.kind == "person":
        add("birthDate", *(d for d in record.birth_dates if ".." not in d))
        add("nationality", *record.nationalities)
        add("country", *record.birth_countries)
        add("position", *record.positions)
        add("title", *record.titles)
    add("country", *record.address_countries)
    schema = "Person" if record.kind == "person" else "LegalEntity"
    return {"id": f"un-{record.ref}", "schema": schema, "properties": props, "ref": record.ref}


def write_entities(records: Iterable[UnRecord], path: Path) -> int:
    """Write the entities as JSON lines; return how many were written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(entity(record), ensure_ascii=False) + "\n")
            count += 1
    return count


def convert(list_path: Path, out: Path) -> int:
    """Read a UN list file and write its FtM entities."""
    return write_entities(read_un_list(list_path), out)
