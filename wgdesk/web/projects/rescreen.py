"""Re-screening: when the active list versions change, every party of every open project
and of every saved review is screened again, and each changed decision is flagged with
the part of the list diff that caused it.

Run by ``wgdesk rescreen`` (cron), or kept running by ``wgdesk rescreen --watch``, after
``wgdesk lists fetch/load/activate``. A record is screened again only when the versions it
was last screened against differ from the active ones, so the command is cheap to run
often and does nothing twice. ``--dask``/``--workers`` screen the names on a Dask cluster
through the bulk path of ``wgdesk screen`` (wgdesk/bulk.py); everything else is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from wgdesk.cli.screen_io import Record, screen_record
from wgdesk.rules.parties import PARTY_TYPES
from wgdesk.rules.project import Party, ProjectError
from wgdesk.screening.diff import ListDiff, diff_versions
from wgdesk.screening.lists.errors import ListError
from wgdesk.screening.results import Query
from wgdesk.screening.screener import Screener
from wgdesk.screening.store import SqliteListStore
from wgdesk.web.audit.actions import record
from wgdesk.web.notifications import actions as notify
from wgdesk.web.projects.models import (
    Project,
    ProjectFlag,
    ReviewFlag,
    ScreeningState,
)
from wgdesk.web.projects.workflow import OPEN_STATES
from wgdesk.web.sanctions import runs, screeners
from wgdesk.web.sanctions.models import ProjectReview
from wgdesk.web.sanctions.screeners import StoreState

_CANDIDATES = 5  # candidates kept per party: enough to explain a decision
LISTED = frozenset({"match", "review"})
Results = dict[str, dict[str, Any]]  # party name -> decision and candidates
BulkOptions = tuple[str | None, int | None, int | None]  # Dask address, workers, partition size


def _query(party: Party) -> Query:
    """What the screener is asked about one party: its name and what the file knows."""
    kind = PARTY_TYPES.get(party.type or "")
    return Query(party.name, kind, party.birth_date, party.nationality, party.country)


def _party_records(text: str) -> list[tuple[str, Record]]:
    """Every party of a project file as a screening record, with the party's name."""
    try:
        project = runs.read(text, runs.project_format(text))
    except ProjectError:
        return []  # a stored file was valid when saved; an engine change must not crash this
    return [
        (party.name, Record(number, _query(party)))
        for number, party in enumerate(project.parties, 1)
    ]


def stored_result(found: dict[str, Any]) -> dict[str, Any]:
    """A party's decision and candidates from the screening contract's object.

    Both paths (in this process, or on Dask workers) answer with that object, so both
    store exactly the same thing. The screener keeps only candidates at or above the
    review threshold, so every candidate is a hit (match or review); a name that cannot
    be screened is clear with none, as the screener answers it.
    """
    return {
        "decision": found.get("decision", "clear"),
        "matches": [
            {"source": m["source"], "ref": m["ref"], "name": m["name"], "score": m["score"]}
            for m in found.get("matches", [])
        ],
    }


def screen_text(screener: Screener, text: str) -> Results:
    """Screen every party of a project file: name -> decision and best candidates."""
    return {
        name: stored_result(screen_record(screener, party_record, _CANDIDATES))
        for name, party_record in _party_records(text)
    }


def screen_bulk_texts(texts: list[str], state: StoreState, bulk: BulkOptions) -> list[Results]:
    """Screen the parties of many project files on a Dask cluster, as `wgdesk screen` does.

    Every party of every file goes into one stream of records through the bulk path
    (the same bundle checked by content hash, index per worker, partitions and input
    order); the answers are put back per file. Returns one result mapping per text.
    """
    from wgdesk.bulk import PARTITION_SIZE, connect, screen_bulk
    from wgdesk.screening.screener import default_thresholds

    owners: list[tuple[int, str]] = []
    records: list[Record] = []
    for number, text in enumerate(texts):
        for name, party_record in _party_records(text):
            owners.append((number, name))
            records.append(party_record)
    out: list[Results] = [{} for _ in texts]
    if not records:
        return out  # nothing to screen: no cluster to reach
    with SqliteListStore(Path(state.path)) as store:
        # Exactly the versions the state names, as the in-process screener is built.
        versions = [store.load(v.id) for v in state.versions]
    address, workers, size = bulk
    with connect(address, workers) as client:
        found = screen_bulk(
            client,
            records,
            versions,
            thresholds=default_thresholds(),
            limit=_CANDIDATES,
            partition_size=size or PARTITION_SIZE,
        )
        for (number, name), data in zip(owners, found, strict=True):
            out[number][name] = stored_result(data)
    return out


def _labels(versions: list[dict[str, Any]]) -> str:
    """Versions on one line: "un 2024-01-01, ofac 2024-02-02"."""
    return ", ".join(f"{v['source']} {v['version']}" for v in versions)[:300]


@dataclass
class Diffs:
    """List diffs between stored versions, computed once per pair in a run."""

    store_path: str
    cache: dict[tuple[int, int], ListDiff] = field(default_factory=dict)

    def between(self, old_id: int, new_id: int) -> ListDiff | None:
        """The diff of two stored versions of one source (None when one is gone)."""
        key = (old_id, new_id)
        if key not in self.cache:
            with SqliteListStore(Path(self.store_path)) as store:
                try:
                    self.cache[key] = diff_versions(store.load(old_id), store.load(new_id))
                except ListError:  # a version gone from the store (StoreError): no diff
                    return None
        return self.cache[key]


def _entry_changes(diff: ListDiff, refs: set[str]) -> list[dict[str, Any]]:
    """The parts of a list diff about the given entries: added, removed or changed."""
    out: list[dict[str, Any]] = []
    for entry in diff.added:
        if entry.ref in refs:
            out.append(
                {
                    "change": "added",
                    "source": diff.new.source,
                    "ref": entry.ref,
                    "name": entry.name,
                    "listed_on": entry.listed_on.isoformat() if entry.listed_on else "",
                }
            )
    for entry in diff.removed:
        if entry.ref in refs:
            out.append(
                {
                    "change": "removed",
                    "source": diff.old.source,
                    "ref": entry.ref,
                    "name": entry.name,
                }
            )
    for change in diff.changed:
        if change.ref in refs:
            fields = [
                {"field": f.field, "removed": list(f.removed), "added": list(f.added)}
                for f in change.changes
            ]
            out.append(
                {
                    "change": "changed",
                    "source": diff.new.source,
                    "ref": change.ref,
                    "name": change.name,
                    "fields": fields,
                }
            )
    return out


def _causes(
    diffs: Diffs, old: list[dict[str, Any]], new: list[dict[str, Any]], refs: set[str]
) -> list[dict[str, Any]]:
    """The list-diff entries that explain a changed decision, source by source."""
    before = {v["source"]: v["id"] for v in old}
    causes: list[dict[str, Any]] = []
    for version in new:
        old_id = before.get(version["source"])
        if old_id is None or old_id == version["id"]:
            continue
        diff = diffs.between(old_id, version["id"])
        if diff is not None:
            causes += _entry_changes(diff, refs)
    return causes


@dataclass
class Change:
    """One party whose decision changed."""

    party: str
    old: dict[str, Any]
    new: dict[str, Any]

    @property
    def newly_listed(self) -> bool:
        """Clear before, a hit now: the project must wait for a disposition."""
        return self.old.get("decision") == "clear" and self.new["decision"] in LISTED


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Parties screened both times whose decision differs (new parties are not changes)."""
    return [
        Change(name, old[name], result)
        for name, result in new.items()
        if name in old and old[name].get("decision") != result["decision"]
    ]


@dataclass
class RunReport:
    """What one re-screening run did."""

    versions: str = ""
    projects: int = 0
    reviews: int = 0
    flags: list[Any] = field(default_factory=list)
    skipped: bool = False


def _described(state: StoreState) -> list[dict[str, Any]]:
    """The active versions with their store ids (the diff needs them)."""
    return [{"id": v.id, **d} for v, d in zip(state.versions, state.described(), strict=True)]


def _flag_kwargs(
    change: Change, causes: list[dict[str, Any]], old_v: str, new_v: str
) -> dict[str, Any]:
    """The columns of a flag for one changed party."""
    return {
        "party": change.party[:500],
        "old_decision": change.old.get("decision", ""),
        "new_decision": change.new["decision"],
        "candidates": change.new["matches"] or change.old.get("matches", []),
        "list_diff": causes,
        "old_versions": old_v,
        "new_versions": new_v,
        "blocking": change.newly_listed,
    }


def _apply(
    diffs: Diffs, versions: list[dict[str, Any]], target: Any, results: Results
) -> list[Any] | None:
    """Store one project's or review's new screening; flag each party whose decision changed.

    None when another run screened the record on these versions first."""
    is_project = isinstance(target, Project)
    lookup = {"project": target} if is_project else {"review": target}
    made: list[Any] = []
    with transaction.atomic():
        # Locked and checked again: a run going on at the same time (cron next to the
        # watcher, or a run by hand) may have done this record meanwhile; never flag twice.
        state = ScreeningState.objects.select_for_update().filter(**lookup).first()
        if state is not None and not _stale(state, _key(versions)):
            return None
        if state is not None:
            for change in changes(state.results, results):
                refs = {m["ref"] for m in (*change.new["matches"], *change.old.get("matches", []))}
                causes = _causes(diffs, state.versions, versions, refs)
                kwargs = _flag_kwargs(change, causes, _labels(state.versions), _labels(versions))
                flag = (ProjectFlag if is_project else ReviewFlag).objects.create(
                    **lookup, **kwargs
                )
                record(
                    None,
                    "rescreen",
                    target,
                    {
                        "party_flag": flag.pk,
                        "old": flag.old_decision,
                        "new": flag.new_decision,
                        "lists": flag.new_versions,
                    },
                )
                made.append(flag)
        ScreeningState.objects.update_or_create(
            **lookup, defaults={"versions": versions, "results": results}
        )
    return made


def baseline(project: Project, text: str) -> None:
    """Screen a project's parties now (after a change of its file), without flagging:
    what later list versions are compared against."""
    screener, state = screeners.current()
    if screener is None:
        return
    ScreeningState.objects.update_or_create(
        project=project,
        defaults={"versions": _described(state), "results": screen_text(screener, text)},
    )


def _key(versions: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """What a record's screening is compared on: each version's store id and hash."""
    return [(v["id"], v["sha256"]) for v in versions]


def _stale(state: Any, key: list[tuple[int, str]]) -> bool:
    """True when a record was last screened against other versions than the active ones."""
    if state is None:
        return True
    return [(v.get("id"), v.get("sha256")) for v in state.versions] != key


def _stale_records(key: list[tuple[int, str]]) -> list[tuple[Any, str]]:
    """Open projects and saved reviews last screened on other versions, with their files."""
    found: list[tuple[Any, str]] = []
    projects = Project.objects.filter(status__in=OPEN_STATES).select_related("screening")
    for project in projects:
        if _stale(getattr(project, "screening", None), key):
            text = project.versions.order_by("-number").values_list("text", flat=True).first()
            found.append((project, text or ""))
    for review in ProjectReview.objects.select_related("screening"):
        if _stale(getattr(review, "screening", None), key):
            found.append((review, review.project_text))
    return found


def _results(
    stale: list[tuple[Any, str]],
    screener: Screener | None,
    state: StoreState,
    bulk: BulkOptions | None,
) -> Iterable[Results]:
    """Each stale record's new results: on the cluster all at once, else one by one here."""
    texts = [text for _, text in stale]
    if bulk is not None:
        return screen_bulk_texts(texts, state, bulk)
    assert screener is not None
    return (screen_text(screener, text) for text in texts)


def run(
    screener: Screener | None = None,
    state: StoreState | None = None,
    *,
    bulk: BulkOptions | None = None,
    stop: Callable[[], bool] | None = None,
) -> RunReport:
    """Re-screen every open project and saved review last screened on other versions.

    ``bulk`` (address, workers, partition size) screens on a Dask cluster instead of in
    this process (which then builds no index); the results are applied the same way.
    ``stop`` is asked between records: a record left undone stays stale for the next run.
    """
    if bulk is not None:
        state = state or screeners.store_state()
    elif screener is None or state is None:
        screener, state = screeners.current()
    report = RunReport()
    if state.empty or (bulk is None and screener is None):
        report.skipped = True
        return report
    versions = _described(state)
    report.versions = _labels(versions)
    diffs = Diffs(state.path)
    stale = _stale_records(_key(versions))
    for (target, _text), results in zip(stale, _results(stale, screener, state, bulk), strict=True):
        if stop is not None and stop():
            break
        made = _apply(diffs, versions, target, results)
        if made is None:
            continue
        report.flags += made
        if isinstance(target, Project):
            report.projects += 1
        else:
            report.reviews += 1
    if report.flags:
        notify.screening_flagged(report.flags)
    return report


def resolve_flags(side_id: int, name_key: str, source: str, ref: str) -> int:
    """A disposition of this name against this entry settles the blocking flags it raised
    (by either side; the disposition itself stays with its side). Returns how many."""
    from wgdesk.web.dispositions.models import name_key as key_of

    settled = 0
    for model in (ProjectFlag, ReviewFlag):
        open_flags = model.objects.filter(blocking=True, resolved_at__isnull=True)
        for flag in open_flags:
            if key_of(flag.party) != name_key:
                continue
            if not any(c["source"] == source and c["ref"] == ref for c in flag.candidates):
                continue
            flag.resolved_at = timezone.now()
            flag.resolved_by_side_id = side_id
            flag.save(update_fields=["resolved_at", "resolved_by_side"])
            settled += 1
    return settled
