"""Rules for Korean personal names, compared syllable by syllable through reading sets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz.fuzz import ratio

from wgdesk.screening.cache import word_cache
from wgdesk.screening.features import feature
from wgdesk.screening.korean.hangul import INITIALS, decompose, is_syllable
from wgdesk.screening.korean.names import KoreanReading, SurnameKey
from wgdesk.screening.korean.readings import ReadingSeq
from wgdesk.screening.korean.tables import surnames
from wgdesk.screening.reasons import Reason, reason
from wgdesk.screening.render import render
from wgdesk.screening.results import RuleResult, because

RULE = "korean_name"

# The outcomes' scores, from the surest to the weakest (features.py says what each means).
# Korean given names are whole units: one differing syllable makes a different person
# (Kim Song Il is not Kim Song Chol), so that case stays well below the review threshold.
SAME_NAME_FLOOR = feature("korean_same_name")
SAME_NAME_SPAN = feature("korean_same_name_span")
MISSING_SYLLABLE = feature("korean_missing_syllable")
MISSING_FROM_PAIR = feature("korean_missing_from_pair")
OTHER_SURNAME = feature("korean_other_surname")
DIFFERING_FLOOR = feature("korean_differing")
DIFFERING_SPAN = feature("korean_differing_span")


_NORTH_SPELLING = re.compile(r"^(?:r[iy]|li$|ro$|ra$)")


class Relation(IntEnum):
    """How two given names relate, worst to best."""

    DIFFERENT = 0
    MISSING = 1
    SAME = 2


@dataclass(frozen=True, slots=True)
class GivenComparison:
    """The best pairing of two given names' syllable cuts."""

    relation: Relation
    agreeing: int
    length: int
    query_cut: ReadingSeq
    candidate_cut: ReadingSeq


@word_cache(65536)  # given names repeat across queries and list names (Chol, Song Il)
def compare_given(
    query: tuple[ReadingSeq, ...], candidate: tuple[ReadingSeq, ...]
) -> GivenComparison:
    """Return the best relation between any cut of one given name and any cut of the other."""
    best = GivenComparison(Relation.DIFFERENT, -1, 1, (), ())
    q_fewest = min((len(q) for q in query), default=0)
    c_fewest = min((len(c) for c in candidate), default=0)
    for q in query:
        for c in candidate:
            found = _relate(q, c, len(q) == q_fewest and len(c) == c_fewest)
            if (found.relation, found.agreeing / found.length) > (
                best.relation,
                best.agreeing / best.length,
            ):
                best = found
    return best


def _relate(q: ReadingSeq, c: ReadingSeq, natural: bool = True) -> GivenComparison:
    """Relate two syllable sequences: same, one syllable missing, or differing.

    A syllable is judged missing only between natural cuts (the fewest syllables): an odd
    cut such as Yo-ung-cheol would otherwise hold almost any two-syllable name.
    """
    if len(q) == len(c):
        agreeing = sum(1 for a, b in zip(q, c, strict=True) if not a.isdisjoint(b))
        relation = Relation.SAME if agreeing == len(q) else Relation.DIFFERENT
        return GivenComparison(relation, agreeing, len(q), q, c)
    if abs(len(q) - len(c)) == 1 and natural and _one_missing(q, c):
        return GivenComparison(Relation.MISSING, min(len(q), len(c)), max(len(q), len(c)), q, c)
    return GivenComparison(Relation.DIFFERENT, 0, max(len(q), len(c)), q, c)


def _one_missing(a: ReadingSeq, b: ReadingSeq) -> bool:
    """True when the shorter sequence is the longer one with one syllable left out."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for skip in range(len(long)):
        rest = long[:skip] + long[skip + 1 :]
        if all(not x.isdisjoint(y) for x, y in zip(short, rest, strict=True)):
            return True
    return False


@dataclass(frozen=True, slots=True)
class KoreanPairing:
    """The best-agreeing pair of readings of two names, and its score."""

    score: float
    query: KoreanReading
    candidate: KoreanReading
    given: GivenComparison


def best_korean_pairing(
    query: tuple[KoreanReading, ...], candidate: tuple[KoreanReading, ...]
) -> KoreanPairing | None:
    """Return the pair of readings (one per name) that scores best, or None."""
    best: KoreanPairing | None = None
    for q in query:
        for c in candidate:
            given = compare_given(q.given, c.given)
            score = _score(q, c, given)
            if best is None or score > best.score:
                best = KoreanPairing(score, q, c, given)
    return best


def korean_score_bound(
    query: tuple[KoreanReading, ...], candidate: tuple[KoreanReading, ...]
) -> float:
    """Return the most two names can score: under different surnames, at most OTHER_SURNAME."""
    for q in query:
        for c in candidate:
            if not q.surname.isdisjoint(c.surname):
                return 1.0
    return max(OTHER_SURNAME, DIFFERING_FLOOR)  # see _score: the two other-surname outcomes


def korean_name_match(
    query: tuple[KoreanReading, ...], candidate: tuple[KoreanReading, ...]
) -> RuleResult | None:
    """Two Korean names match when surname and every given-name syllable share a Hangul reading."""
    best = best_korean_pairing(query, candidate)
    if best is None:
        return None
    return because(RULE, best.score, korean_reasons(best))


def _score(q: KoreanReading, c: KoreanReading, given: GivenComparison) -> float:
    """Turn surname agreement and the given-name relation into a score."""
    same_surname = not q.surname.isdisjoint(c.surname)
    if given.relation == Relation.SAME:
        if not same_surname:
            return OTHER_SURNAME
        return _same_name_score(q, c)
    if not same_surname:
        return DIFFERING_FLOOR * given.agreeing / given.length
    if given.relation == Relation.MISSING:
        return MISSING_SYLLABLE if given.agreeing >= 2 else MISSING_FROM_PAIR
    return DIFFERING_FLOOR + DIFFERING_SPAN * given.agreeing / given.length


def _same_name_score(q: KoreanReading, c: KoreanReading) -> float:
    """Score an agreeing pair: 1.0 when spelled alike, a little less the further apart."""
    q_text = _compact(q.surname_text + q.given_text)
    c_text = _compact(c.surname_text + c.given_text)
    if q_text == c_text:
        return 1.0
    return SAME_NAME_FLOOR + SAME_NAME_SPAN * ratio(q_text, c_text) / 100.0


def _compact(text: str) -> str:
    """Drop spaces and hyphens, which carry no identity in a Korean name."""
    return text.replace(" ", "").replace("-", "")


def explain_korean(pairing: KoreanPairing) -> str:
    """Say in plain words how the surnames and the given names compare."""
    return render(korean_reasons(pairing))


def korean_reasons(pairing: KoreanPairing) -> tuple[Reason, Reason]:
    """Return why two Korean names compare as they do: the surname pair, the given-name pair."""
    q, c = pairing.query, pairing.candidate
    return _explain_surname(q, c), _explain_given(q, c, pairing.given)


def _explain_surname(q: KoreanReading, c: KoreanReading) -> Reason:
    """Explain the surname pair, naming the initial-sound law when it links them."""
    shown = {"query": _title(q.surname_text), "listed": _title(c.surname_text)}
    common = q.surname & c.surname
    if not common:
        return reason("surname_differs", **shown)
    if q.surname_text == c.surname_text:
        return reason("surname_same", **shown)
    surname = surnames().by_key.get(min(common))
    hangul = surname.hangul if surname else "".join(map(chr, min(common)))
    hanja = surname.hanja.split()[0] if surname and surname.hanja else ""
    if _north_form(q.surname_text) != _north_form(c.surname_text):
        initial = "ㄹ" if surname is None or surname.north is None else surname.north[0]
        return reason("surname_north_south", **shown, initial=_initial_letter(initial), hanja=hanja)
    if not (q.surname_text + c.surname_text).isascii():
        return reason("surname_hanja", **shown, hanja=hanja)
    return reason("surname_variants", **shown, hangul=hangul, hanja=hanja)


def _initial_letter(syllable: str) -> str:
    """Return the initial consonant of a Hangul syllable, e.g. 리 -> ㄹ."""
    return INITIALS[decompose(syllable)[0]] if is_syllable(syllable) else syllable


def _north_form(text: str) -> bool:
    """True when a surname is written in its North form (리, Ri, Ryu, Rim, Ro), keeping ㄹ."""
    if text and is_syllable(text[0]):
        return INITIALS[decompose(text[0])[0]] == "ㄹ"
    # Southern passports also write L and R (Lee, Rhee, Lim, Roh, Lyu), so only the DPRK
    # system's own forms count as North: r before an i-sound, Li, and the bare Ro / Ra.
    return _NORTH_SPELLING.match(text) is not None


def _explain_given(q: KoreanReading, c: KoreanReading, given: GivenComparison) -> Reason:
    """Explain the given-name pair syllable by syllable."""
    shown = {"query": _title(q.given_text), "listed": _title(c.given_text)}
    if given.relation == Relation.SAME:
        shared = [a & b for a, b in zip(given.query_cut, given.candidate_cut, strict=True)]
        # Show the Hangul only when the readings pin it down to one syllable each.
        hangul = ""
        if all(len(s) == 1 for s in shared) and (q.given_text + c.given_text).isascii():
            hangul = "".join(chr(min(s)) for s in shared)
        return reason("given_same", **shown, hangul=hangul)
    if given.relation == Relation.MISSING:
        return reason("given_missing", **shown)
    if len(given.query_cut) != len(given.candidate_cut):
        return reason("given_syllable_count", **shown)
    differing = tuple(
        str(i)
        for i, (a, b) in enumerate(zip(given.query_cut, given.candidate_cut, strict=True), 1)
        if a.isdisjoint(b)
    )
    return reason("given_differ", **shown, syllables=differing)


def _title(text: str) -> str:
    """Title-case Latin text for display; Hangul is left alone."""
    if not text.isascii():
        return text
    return " ".join("-".join(p.capitalize() for p in word.split("-")) for word in text.split(" "))


__all__ = [
    "SurnameKey",
    "best_korean_pairing",
    "explain_korean",
    "korean_name_match",
    "korean_reasons",
    "korean_score_bound",
]
