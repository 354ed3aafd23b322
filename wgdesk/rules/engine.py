"""Review a project against the rule base: goods, activities and parties.

The engine knows no measure by name. For every item, activity and party it collects
the records in force on the project's date whose scope matches, applies the records'
own carve-outs and caps, and keeps the most severe effect. Records are cited most
severe first, then by the record's precedence and how narrowly its scope fits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wgdesk.rules.i18n import bilingual, message
from wgdesk.rules.model import NOTE, Cap, Notification, Rule, RuleException, Text, Verdict
from wgdesk.rules.parties import PARTY_TYPES, PartyScreener
from wgdesk.rules.project import Activity, Item, Party, Project
from wgdesk.rules.rulebase import RuleBase, default_rulebase
from wgdesk.rules.units import Conversions
from wgdesk.rules.vocabulary import Vocabulary
from wgdesk.screening.results import ScreeningResult

COUNTRY_ALIASES = {
    "KP": (
        "kp",
        "prk",
        "dprk",
        "north korea",
        "democratic people's republic of korea",
        "북한",
        "조선",
    ),
    "KR": ("kr", "kor", "rok", "south korea", "republic of korea", "korea", "한국", "대한민국"),
}
UNSCREENED = "unscreened"
DISCIPLINE_KINDS = ("training", "scientific_cooperation")


@dataclass(frozen=True, slots=True)
class Hit:
    """One record matching one element, with the effect it has there."""

    rule: Rule
    effect: str
    specificity: int
    exception: RuleException | None = None
    notes: tuple[Text, ...] = ()

    def sort_key(self) -> tuple[int, int, int, int, str]:
        """Order hits: most severe effect, then precedence, then narrowest scope, then newest."""
        rank = Verdict(self.effect).rank if self.effect != NOTE else -1
        return (
            -rank,
            self.rule.precedence,
            -self.specificity,
            -self.rule.adopted.toordinal(),
            self.rule.id,
        )


@dataclass
class Finding:
    """What the rules say about one item, activity or party."""

    verdict: Verdict = Verdict.NOT_RESTRICTED
    rules: list[Rule] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    notifications: list[tuple[Rule, Notification]] = field(default_factory=list)
    exemption_rules: list[Rule] = field(default_factory=list)

    def add_note(self, note: Text) -> None:
        """Add a note once."""
        if note not in self.notes:
            self.notes.append(note)


@dataclass
class ItemReview:
    """The finding for one item."""

    item: Item
    finding: Finding


@dataclass
class ActivityReview:
    """The finding for one activity, with the field categories it was judged by."""

    activity: Activity
    finding: Finding
    categories: frozenset[str] = frozenset()


@dataclass
class PartyReview:
    """The screening result and finding for one party."""

    party: Party
    decision: str
    result: ScreeningResult | None
    finding: Finding
    error: str | None = None


@dataclass
class ExemptionNeed:
    """Whether a 1718 Committee exemption is needed, for what, and what it must cover."""

    needed: bool
    items: list[str]
    activities: list[str]
    routes: list[Rule]
    paragraphs: list[str]
    must_cover: list[Text]
    cannot_be_exempted: list[str]


@dataclass
class Review:
    """The full review of one project on one date."""

    project: Project
    day: dt.date
    items: list[ItemReview]
    activities: list[ActivityReview]
    parties: list[PartyReview]
    notes: list[Text]
    lists: list[str]
    exemption: ExemptionNeed

    @property
    def verdict(self) -> Verdict:
        """Return the most severe verdict of any item, activity or party."""
        findings = [r.finding for r in self.items]
        findings += [r.finding for r in self.activities]
        findings += [r.finding for r in self.parties]
        return Verdict.worst(f.verdict for f in findings)

    def notifications(self) -> list[tuple[Rule, Notification, list[str]]]:
        """Return each notification owed once, with the ids of the elements that trigger it."""
        owed: dict[tuple[str, str], tuple[Rule, Notification, list[str]]] = {}
        elements = [(r.item.id, r.finding) for r in self.items]
        elements += [(r.activity.id, r.finding) for r in self.activities]
        for ident, finding in elements:
            for rule, notification in finding.notifications:
                key = (rule.id, notification.when.en)
                owed.setdefault(key, (rule, notification, []))[2].append(ident)
        return list(owed.values())


def _country(value: str | None) -> str | None:
    """Return the ISO code for KP or KR spelled any usual way, else the value upper-cased."""
    if not value:
        return None
    lowered = value.strip().lower()
    for code, aliases in COUNTRY_ALIASES.items():
        if lowered in aliases:
            return code
    return value.strip().upper()


def _item_hits(rules: Iterable[Rule], item: Item) -> list[Hit]:
    """Return the records whose item scope covers this item, with carve-outs applied."""
    hits = []
    text, unit_value = item.text, item.unit_value
    for rule in rules:
        matched = [
            m for m in rule.scope.items if m.matches(item.direction, item.hs, text, unit_value)
        ]
        if not matched:
            continue
        exception = next(
            (
                e
                for e in rule.exceptions
                if any(m.matches(item.direction, item.hs, text, unit_value) for m in e.items)
            ),
            None,
        )
        effect = exception.effect if exception else rule.effect
        specificity = max(m.specificity(item.hs) for m in matched)
        hits.append(Hit(rule, effect, specificity, exception))
    return hits


def _activity_hits(
    rules: Iterable[Rule], activity: Activity, categories: frozenset[str]
) -> list[Hit]:
    """Return the records whose activity scope covers this activity, with carve-outs applied."""
    hits = []
    args = (activity.kind, categories, activity.direction, activity.text, activity.existing)
    for rule in rules:
        matched = [m for m in rule.scope.activities if m.matches(*args)]
        if not matched:
            continue
        exception = next(
            (e for e in rule.exceptions if any(m.matches(*args) for m in e.activities)), None
        )
        effect = exception.effect if exception else rule.effect
        hits.append(Hit(rule, effect, max(m.specificity() for m in matched), exception))
    return hits


class Engine:
    """Reviews projects against a rule base, screening parties with a PartyScreener."""

    def __init__(
        self,
        rulebase: RuleBase | None = None,
        screener: PartyScreener | None = None,
        *,
        unscreened_reason: str = "no sanctions list is loaded",
        lists: Sequence[str] = (),
        conversions: Conversions | None = None,
    ) -> None:
        self.rulebase = rulebase or default_rulebase()
        self.screener = screener
        self.unscreened_reason = unscreened_reason
        self.lists = list(lists)
        self.conversions = conversions or Conversions.bundled()

    def review(self, project: Project, day: dt.date | None = None) -> Review:
        """Review every item, activity and party on the given day (default: start, else today)."""
        day = day or project.start or dt.date.today()
        rules = self.rulebase.in_force(day)
        items = self._items(project.items, rules)
        activities = self._activities(project.activities, rules)
        parties = [self._party(p, rules) for p in project.parties]
        self._later_rules(project, day, items, activities)
        notes = [message("judged_on", date=day.isoformat()), *project.notes]
        notes += self._project_notes(project, rules)
        if self.lists:
            notes.append(message("lists_used", lists=", ".join(self.lists)))
        review = Review(project, day, items, activities, parties, notes, self.lists, _NO_NEED)
        review.exemption = self._exemption(review)
        return review

    # Goods -----------------------------------------------------------------------

    def _items(self, items: Sequence[Item], rules: list[Rule]) -> list[ItemReview]:
        """Judge every item, then check the caps across all of them."""
        scoped = [r for r in rules if r.scope.items]
        hits = {item.id: _item_hits(scoped, item) for item in items}
        cap_notes = self._apply_caps(items, hits)
        reviews = []
        for item in items:
            finding = _finding(hits[item.id], self.rulebase)
            for note in cap_notes.get(item.id, []):
                finding.add_note(note)
            if item.temporary and finding.verdict is not Verdict.NOT_RESTRICTED:
                finding.add_note(message("temporary"))
            if len(item.hs.digits) < 6 and finding.verdict is not Verdict.NOT_RESTRICTED:
                finding.add_note(message("coarse_code", code=item.hs.dotted()))
            reviews.append(ItemReview(item, finding))
        return reviews

    def _apply_caps(
        self, items: Sequence[Item], hits: dict[str, list[Hit]]
    ) -> dict[str, list[Text]]:
        """Add up the quantities under each capped record and apply its over-cap effect."""
        notes: dict[str, list[Text]] = {}
        by_rule: dict[str, list[tuple[Item, int]]] = {}
        for item in items:
            for index, hit in enumerate(hits[item.id]):
                if hit.rule.cap and hit.exception is None:
                    by_rule.setdefault(hit.rule.id, []).append((item, index))
        for rule_id, entries in by_rule.items():
            cap = self.rulebase.get(rule_id).cap
            assert cap is not None
            total, per_item = self._cap_amounts(cap, [item for item, _ in entries])
            for item, _ in entries:
                notes.setdefault(item.id, []).append(per_item[item.id])
            if total is not None and total > cap.limit:
                over = _cap_over(cap, total)
                for item, index in entries:
                    hit = hits[item.id][index]
                    hits[item.id][index] = dataclasses.replace(
                        hit, effect=cap.over_effect, notes=(*hit.notes, over)
                    )
        return notes

    def _cap_amounts(self, cap: Cap, items: list[Item]) -> tuple[float | None, dict[str, Text]]:
        """Convert each item's quantity to the cap's unit; return the total and a note per item."""
        total = 0.0
        notes: dict[str, Text] = {}
        known = True
        limit = f"{cap.limit:,.0f} {cap.unit}"
        for item in items:
            amount = None
            if item.quantity is not None:
                amount = self.conversions.convert(
                    cap.commodity, item.quantity, item.unit, item.text, cap.unit
                )
            if amount is None:
                known = False
                notes[item.id] = bilingual(
                    "cap_unknown", unit=str(item.unit), limit=limit, period=cap.period
                )
                continue
            total += amount.value
            share = f"{amount.value / cap.limit:.2%}"
            notes[item.id] = bilingual(
                "cap_share",
                amount=f"{amount.value:,.0f} {amount.unit}",
                period=cap.period,
                share=share,
                limit=limit,
                how=amount.how,
            )
        return (total if known or total > cap.limit else None), notes

    # Activities --------------------------------------------------------------------

    def _activities(
        self, activities: Sequence[Activity], rules: list[Rule]
    ) -> list[ActivityReview]:
        """Judge every activity by kind, field and wording."""
        scoped = [r for r in rules if r.scope.activities]
        vocabulary = self.rulebase.vocabulary
        reviews = []
        for activity in activities:
            categories = vocabulary.categorize(_discipline(activity))
            hits = _activity_hits(scoped, activity, categories)
            finding = _finding(hits, self.rulebase)
            if activity.kind in DISCIPLINE_KINDS:
                if not activity.field:
                    finding.add_note(message("field_from_description"))
                finding.add_note(_categories_note(vocabulary, categories))
            if not hits:
                finding.add_note(message("activity_unrestricted"))
            reviews.append(ActivityReview(activity, finding, categories))
        return reviews

    # Parties -------------------------------------------------------------------------

    def _party(self, party: Party, rules: list[Rule]) -> PartyReview:
        """Screen one party and apply the targeted measures to the decision."""
        result, error = self._screen(party)
        decision = result.decision.value if result else UNSCREENED
        country = _country(party.country)
        hits = [
            Hit(rule, rule.effect, 1)
            for rule in rules
            if any(m.matches(decision, party.type, country) for m in rule.scope.parties)
        ]
        finding = _finding(hits, self.rulebase)
        best = result.best if result else None
        if best is not None and decision in ("match", "review"):
            key = "party_match" if decision == "match" else "party_review"
            finding.notes.insert(
                0,
                message(
                    key, name=best.name, source=best.source, ref=best.ref, score=f"{best.score:.2f}"
                ),
            )
        if error:
            finding.notes.insert(0, message("party_unscreened", reason=error))
        return PartyReview(party, decision, result, finding, error)

    def _screen(self, party: Party) -> tuple[ScreeningResult | None, str | None]:
        """Screen a party's name, returning the result or why it could not be screened."""
        if self.screener is None:
            return None, self.unscreened_reason
        result = self.screener.screen(
            party.name,
            type=PARTY_TYPES.get(party.type or ""),
            birth_date=party.birth_date,
            nationality=party.nationality,
            country=party.country,
        )
        return result, result.error

    # Project-wide ----------------------------------------------------------------------

    def _project_notes(self, project: Project, rules: list[Rule]) -> list[Text]:
        """Return the notes of records triggered by the project as a whole."""
        kinds = {a.kind for a in project.activities}
        return [
            bilingual("rule_note", citation=rule.citation, summary=rule.summary)
            for rule in rules
            if any(m.matches(kinds, len(project.items)) for m in rule.scope.project)
        ]

    def _later_rules(
        self,
        project: Project,
        day: dt.date,
        items: list[ItemReview],
        activities: list[ActivityReview],
    ) -> None:
        """Note measures that take effect after the judged day but before the project ends."""
        if project.end is None or project.end <= day:
            return
        later = [r for r in self.rulebase if day < r.in_force_from <= project.end]
        for review in items:
            for hit in _item_hits([r for r in later if r.scope.items], review.item):
                _note_later(review.finding, hit)
        for areview in activities:
            for hit in _activity_hits(
                [r for r in later if r.scope.activities], areview.activity, areview.categories
            ):
                _note_later(areview.finding, hit)

    def _exemption(self, review: Review) -> ExemptionNeed:
        """Work out whether an exemption is needed, by which route, and what it must cover."""
        needing = [
            (r.item.id, r.finding)
            for r in review.items
            if r.finding.verdict is Verdict.EXEMPTION_REQUIRED
        ]
        acts = [
            (r.activity.id, r.finding)
            for r in review.activities
            if r.finding.verdict is Verdict.EXEMPTION_REQUIRED
        ]
        cannot = [r.item.id for r in review.items if r.finding.verdict is Verdict.PROHIBITED]
        cannot += [
            r.activity.id for r in review.activities if r.finding.verdict is Verdict.PROHIBITED
        ]
        cannot += [r.party.name for r in review.parties if r.finding.verdict is Verdict.PROHIBITED]
        rules = _unique(rule for _, f in needing + acts for rule in f.exemption_rules)
        routes = _unique(
            self.rulebase.get(ref)
            for rule in rules
            for ref in rule.exemption_via
            if ref in self.rulebase.by_id
        )
        paragraphs = list(dict.fromkeys(r.citation for r in rules))
        must_cover = _must_cover(review, rules, paragraphs) if rules else []
        return ExemptionNeed(
            bool(rules),
            [i for i, _ in needing],
            [i for i, _ in acts],
            routes,
            paragraphs,
            must_cover,
            cannot,
        )


_NO_NEED = ExemptionNeed(False, [], [], [], [], [], [])


def _discipline(activity: Activity) -> str | None:
    """Return the text a discipline is judged by (the field, or for teaching the description)."""
    if activity.field or activity.kind not in DISCIPLINE_KINDS:
        return activity.field
    return activity.description


def _categories_note(vocabulary: Vocabulary, categories: frozenset[str]) -> Text:
    """Return the note naming the field categories an activity was judged by."""
    names = sorted(categories)
    return bilingual(
        "field_categories",
        categories=Text(
            ", ".join(vocabulary.category_label(c, "en") for c in names),
            ", ".join(vocabulary.category_label(c, "ko") for c in names),
        ),
    )


def _unique(rules: Iterable[Rule]) -> list[Rule]:
    """Return rules once each, in first-seen order."""
    return list({r.id: r for r in rules}.values())


def _note_later(finding: Finding, hit: Hit) -> None:
    """Note a restrictive measure that starts during the project."""
    if hit.effect in (NOTE, Verdict.NOT_RESTRICTED.value):
        return
    finding.add_note(
        bilingual(
            "coming_into_force",
            citation=hit.rule.citation,
            date=hit.rule.in_force_from.isoformat(),
            summary=hit.rule.summary,
        )
    )


def _cap_over(cap: Cap, total: float) -> Text:
    """Return the note for a project total above a cap."""
    return bilingual(
        "cap_over",
        total=f"{total:,.0f} {cap.unit}",
        limit=f"{cap.limit:,.0f} {cap.unit}",
        period=cap.period,
    )


def _finding(hits: list[Hit], rulebase: RuleBase) -> Finding:
    """Turn matching records into a verdict, ordered citations, notes and notifications."""
    finding = Finding()
    for hit in sorted(hits, key=Hit.sort_key):
        rule = hit.rule
        if hit.effect == NOTE:
            finding.add_note(bilingual("rule_note", citation=rule.citation, summary=rule.summary))
            continue
        verdict = Verdict(hit.effect)
        if hit.exception is not None:
            finding.add_note(
                bilingual("exception", text=hit.exception.text, citation=rule.citation)
            )
        if verdict is Verdict.NOT_RESTRICTED:
            continue
        finding.verdict = Verdict.worst((finding.verdict, verdict))
        _cite(finding, [rule, *(rulebase.get(i) for i in rule.cited_with)])
        for note in (*hit.notes, *rule.notes):
            finding.add_note(note)
        if verdict is Verdict.NOTIFICATION_REQUIRED:
            source = (
                rulebase.get(hit.exception.rule) if hit.exception and hit.exception.rule else rule
            )
            finding.notifications += [(source, n) for n in source.notifications]
        elif verdict is Verdict.EXEMPTION_REQUIRED:
            finding.exemption_rules.append(rule)
        else:
            finding.add_note(message("no_route"))
    return finding


def _cite(finding: Finding, rules: list[Rule]) -> None:
    """Cite each record once, in the order given (a record, then those cited with it)."""
    finding.rules += [r for r in rules if r not in finding.rules]


def _must_cover(review: Review, rules: list[Rule], paragraphs: list[str]) -> list[Text]:
    """List what the request must show: the IAN 7 elements, then each measure's specifics."""
    cover = [
        message("ian7_nature"),
        message("ian7_recipients"),
        message("ian7_reasons", paragraphs="; ".join(paragraphs)),
        message("ian7_items"),
        message("ian7_parties"),
        message("ian7_shipping"),
        message("ian7_finance"),
        message("ian7_monitoring"),
        message("ian7_duration"),
    ]
    for rule in rules:
        for text in rule.covers:
            cover.append(bilingual("rule_covers", citation=rule.citation, text=text))
    temporary = [
        r.item.id
        for r in review.items
        if r.item.temporary and r.finding.verdict is Verdict.EXEMPTION_REQUIRED
    ]
    if temporary:
        cover.append(message("temporary_return", ids=", ".join(temporary)))
    return list(dict.fromkeys(cover))
