"""Reading screening queries from files and writing results, record by record.

Input is streamed: a million-line file is never held in memory. Each line is decoded on
its own, so undecodable bytes spoil only their record: it comes out as an object with
an ``error`` field and the rest of the file is still screened.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from wgdesk.screening.model import EntityType
from wgdesk.screening.render import explain
from wgdesk.screening.results import Match, Query, ScreeningResult

if TYPE_CHECKING:
    from wgdesk.screening.screener import Screener

INPUT_FIELDS = ("id", "name", "type", "birth_date", "nationality", "country")
TYPE_WORDS = {
    "person": EntityType.PERSON,
    "individual": EntityType.PERSON,
    "organization": EntityType.ORGANIZATION,
    "organisation": EntityType.ORGANIZATION,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
# Cells starting with these are formulas to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Record:
    """One input record: a query, or why the line could not become one."""

    line: int
    query: Query | None
    error: str | None = None
    id: str | None = None
    name: str | None = None


def input_kind(path: str) -> str:
    """Return jsonl, csv or txt for an input path ('-' is JSON lines on stdin)."""
    if path == "-":
        return "jsonl"
    suffix = Path(path).suffix.lower()
    kinds = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".txt": "txt"}
    if suffix not in kinds:
        raise ValueError(
            f"{path}: unknown input type {suffix or '(none)'!r}; use .jsonl, .csv or .txt"
        )
    return kinds[suffix]


def decoded_lines(stream: IO[bytes]) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) with undecodable bytes kept as surrogate escapes."""
    for number, raw in enumerate(stream, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark, as spreadsheet programs write
        yield number, raw.decode("utf-8", errors="surrogateescape")


def undecodable(text: str) -> str | None:
    """Return an error naming the first undecodable byte in ``text``, or None."""
    for position, char in enumerate(text):
        if "\udc80" <= char <= "\udcff":
            return f"not valid UTF-8 (byte 0x{ord(char) - 0xDC00:02x} at character {position + 1})"
    return None


def read_records(stream: IO[bytes], kind: str) -> Iterator[Record]:
    """Yield the records of an input stream of the given kind."""
    lines = decoded_lines(stream)
    if kind == "txt":
        return _txt_records(lines)
    if kind == "csv":
        return _csv_records(lines)
    return _jsonl_records(lines)


def _txt_records(lines: Iterable[tuple[int, str]]) -> Iterator[Record]:
    """One name per line; blank lines are skipped."""
    for number, text in lines:
        name = text.rstrip("\r\n")
        if not name.strip():
            continue
        problem = undecodable(name)
        if problem:
            yield Record(number, None, f"line {number}: {problem}")
        else:
            yield Record(number, Query(name=name))


def _jsonl_records(lines: Iterable[tuple[int, str]]) -> Iterator[Record]:
    """One JSON object per line, with at least a name; blank lines are skipped."""
    for number, text in lines:
        if not text.strip():
            continue
        problem = undecodable(text)
        if problem:
            yield Record(number, None, f"line {number}: {problem}")
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            yield Record(number, None, f"line {number}: not valid JSON ({error.msg})")
            continue
        if not isinstance(data, dict):
            yield Record(number, None, f"line {number}: expected a JSON object")
            continue
        yield record_from_fields(number, data)


def _csv_records(lines: Iterable[tuple[int, str]]) -> Iterator[Record]:
    """A header row with a name column, then one record per row."""
    numbered = _LineTracker(lines)
    reader = csv.reader(numbered)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        yield Record(1, None, f"line 1: bad CSV header ({error})")
        return
    if "name" not in header:
        yield Record(1, None, "line 1: the CSV header has no 'name' column")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Record(numbered.line, None, f"line {numbered.line}: bad CSV ({error})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        problem = next((p for p in map(undecodable, row) if p), None)
        if problem:
            yield Record(numbered.line, None, f"line {numbered.line}: {problem}")
            continue
        yield record_from_fields(numbered.line, dict(zip(header, row, strict=False)))


class _LineTracker:
    """Feed lines to csv.reader while remembering the current line number."""

    def __init__(self, lines: Iterable[tuple[int, str]]) -> None:
        self._lines = iter(lines)
        self.line = 0

    def __iter__(self) -> _LineTracker:
        return self

    def __next__(self) -> str:
        self.line, text = next(self._lines)
        return text


def record_from_fields(number: int, data: dict[str, Any], where: str | None = None) -> Record:
    """Build a query record from a mapping of input fields, or an error record.

    ``where`` names the record in error messages (default "line N"; the HTTP API says
    "queries[i]").
    """
    where = where or f"line {number}"
    raw_id = data.get("id")
    record_id = None if raw_id in (None, "") else str(raw_id)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        shown = None if name is None else str(name)
        return Record(number, None, f"{where}: no name", record_id, shown)
    values: dict[str, str | None] = {}
    for field in ("birth_date", "nationality", "country"):
        value = data.get(field)
        values[field] = None if value in (None, "") else str(value)
    raw_type = data.get("type")
    entity_type = None
    if raw_type not in (None, ""):
        entity_type = TYPE_WORDS.get(str(raw_type).strip().lower())
        if entity_type is None:
            problem = f"{where}: type {raw_type!r} is not person or organization"
            return Record(number, None, problem, record_id, name)
    query = Query(
        name, entity_type, values["birth_date"], values["nationality"], values["country"], record_id
    )
    return Record(number, query, None, record_id, name)


def result_object(
    result: ScreeningResult, lang: str = "en", reasons: bool = False
) -> dict[str, Any]:
    """Return the contract's JSON object for one result (or its error object).

    ``explanation`` is always the English text; a language other than English adds its
    rendering (``explanation_ko``), and ``reasons`` adds the reasons as codes and parameters.
    """
    query = result.query
    if result.error is not None:
        return {"id": query.id, "name": query.name, "error": result.error}
    return {
        "id": query.id,
        "name": query.name,
        "decision": result.decision.value,
        "matches": [match_object(m, lang, reasons) for m in result.matches],
    }


def match_object(match: Match, lang: str = "en", reasons: bool = False) -> dict[str, Any]:
    """Return one candidate's JSON object, in the contract's field order."""
    found: dict[str, Any] = {
        "source": match.source,
        "ref": match.ref,
        "name": match.name,
        "matched_name": match.matched_name,
        "score": round(match.score, 3),
        "explanation": match.explanation,
    }
    if lang != "en":
        found[f"explanation_{lang}"] = explain(match, lang)
    if reasons:
        found["reasons"] = [r.as_json() for rule in match.evidence for r in rule.reasons]
    return found


def error_object(record: Record) -> dict[str, Any]:
    """Return the JSON object of a record that could not be read."""
    return {"id": record.id, "name": record.name, "error": record.error}


def screen_record(
    screener: Screener, record: Record, limit: int, lang: str = "en", reasons: bool = False
) -> dict[str, Any]:
    """Screen one input record; return the contract's object (an error object if unreadable).

    The CLI, the desk's screening page and the HTTP API all answer through this, so the
    three return the same fields.
    """
    if record.query is None:
        return error_object(record)
    return result_object(screener.screen_query(record.query, limit=limit), lang, reasons)


CSV_COLUMNS = (
    "id",
    "name",
    "decision",
    "rank",
    "source",
    "ref",
    "listed_name",
    "matched_name",
    "score",
    "explanation",
    "error",
)


def safe_cell(value: object) -> str:
    """Neutralise a cell a spreadsheet would run as a formula, by a leading quote (OWASP)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvWriter:
    """Write results as CSV, one row per match (or one row for a result without any).

    A language other than English adds its explanation column after ``explanation``.
    """

    def __init__(self, out: TextIO, lang: str = "en") -> None:
        self._writer = csv.writer(out, lineterminator="\n")
        self._local = () if lang == "en" else (f"explanation_{lang}",)
        at = CSV_COLUMNS.index("explanation") + 1
        self._writer.writerow(CSV_COLUMNS[:at] + self._local + CSV_COLUMNS[at:])

    def write(self, data: dict[str, Any]) -> None:
        """Write the rows of one result object."""
        base = [data.get("id"), data.get("name"), data.get("decision")]
        matches = data.get("matches") or []
        if not matches:
            empty = [None] * (7 + len(self._local))
            self._row([*base, *empty, data.get("error")])
        for rank, m in enumerate(matches, 1):
            details = [
                m["source"],
                m["ref"],
                m["name"],
                m["matched_name"],
                m["score"],
                m["explanation"],
                *(m.get(column) for column in self._local),
            ]
            self._row([*base, rank, *details, None])

    def _row(self, cells: list[object]) -> None:
        """Write one row with every cell made safe."""
        self._writer.writerow([safe_cell(c) for c in cells])


def count_lines(path: str) -> int:
    """Count the lines of a file quickly, in binary blocks (for the progress bar)."""
    count = 0
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


def stdin_bytes() -> IO[bytes]:
    """Return standard input as a binary stream."""
    import sys

    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))


def parquet_available() -> bool:
    """Return whether the optional pyarrow package (Parquet output) is installed."""
    import importlib.util

    return importlib.util.find_spec("pyarrow") is not None


PARQUET_ROW_GROUP = 50_000  # results per row group: bounded memory, few groups


class ParquetWriter:
    """Write results as Parquet, one row per input record, matches as a list of structs."""

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        text = pa.string()
        match = pa.struct(
            [
                ("source", text),
                ("ref", text),
                ("name", text),
                ("matched_name", text),
                ("score", pa.float64()),
                ("explanation", text),
            ]
        )
        self._schema = pa.schema(
            [
                ("id", text),
                ("name", text),
                ("decision", text),
                ("matches", pa.list_(match)),
                ("error", text),
            ]
        )
        self._pa = pa
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, data: dict[str, Any]) -> None:
        """Buffer one result object; a full row group is written out."""
        row = {field: data.get(field) for field in ("id", "name", "decision", "error")}
        row["matches"] = data.get("matches") or []
        # Unreadable bytes are kept as surrogate escapes in error objects: Parquet text
        # must be valid UTF-8, so they are shown as replacement characters there.
        if isinstance(row["name"], str):
            row["name"] = row["name"].encode("utf-8", "replace").decode("utf-8")
        self._rows.append(row)
        if len(self._rows) >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        """Write the buffered rows as one row group."""
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._flush()
        self._writer.close()
