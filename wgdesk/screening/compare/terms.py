"""Rules for names as sets of weighted terms: organisations and non-Korean personal names.

Two names are aligned term by term; each query term may pair with one list term, or a
run of adjacent terms with one term on the other side (AM ROK GANG = AMROGGANG). The
score is the weighted share of both names that found a partner (a Dice coefficient with
rarity weights), so a shared rare word counts for much and a shared "Korea" or
"Trading" for little, and a word on either side without a partner pulls the score down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.features import feature
from wgdesk.screening.korean.hangul import has_hangul
from wgdesk.screening.korean.readings import any_sequences_agree, join_segmentations
from wgdesk.screening.results import RuleResult
from wgdesk.screening.terms import Role, Term, TermSet, is_proper, own_keys

RULE = "name_terms"
ROMANIZATION = feature("korean_reading")
SKELETON_FLOOR = feature("consonants")
MIN_SPELLING = feature("spelling")
MIN_FUZZY_LENGTH = int(feature("fuzzy_letters"))
SUBSTITUTION_FACTOR = feature("substitution")
GENERIC_QUERY_FACTOR = feature("generic_query")


@dataclass(frozen=True, slots=True)
class Pairing:
    """Terms of the query paired with terms of the candidate, and how well they agree."""

    query: tuple[int, ...]
    candidate: tuple[int, ...]
    similarity: float
    how: str


def term_similarity(q: Term, c: Term, korean: bool = False) -> tuple[float, str]:
    """Two terms agree when equal, both name Korea, one translates the other, or spell alike."""
    if q.role != c.role:
        return 0.0, ""
    # Labels depend on what the memo is keyed by (key, role, parts), never on the
    # spelling shown: the explanation leaves out the label of words written alike.
    if q.role == Role.KOREA:
        return 1.0, "names of Korea"
    if q.key == c.key:
        return 1.0, "same word"
    if q.role == Role.LEGAL:
        return 0.0, ""
    if own_keys(q).isdisjoint(own_keys(c)):
        # Every rule below needs a blocking key the two words share: so the index finds
        # every pair a rule could score, and a bound computed from keys is exact.
        return 0.0, ""
    if (c.key,) in q.translations or (q.key,) in c.translations:
        return 1.0, "translation"
    # Same skeleton first (cheap), except for Hangul, whose spelling and sound may differ.
    similar = bool(q.spoken) and q.loose == c.loose
    similar = similar or not (q.key + c.key).isascii()
    if similar and _long_enough(q) and _long_enough(c) and romanizations_agree(q.parts, c.parts):
        return ROMANIZATION, _variant_label(q.key + c.key)
    if korean and _syllabic(q) and _syllabic(c):
        return 0.0, ""  # Korean words that read differently are different words
    return _spelling_similarity(q, c)


def _long_enough(term: Term) -> bool:
    """True unless a Latin word is too short to be judged by reading (Kia is not GIA)."""
    return not term.key.isascii() or len(term.key) >= MIN_FUZZY_LENGTH


def _syllabic(term: Term) -> bool:
    """True when a term can be read as Korean syllables."""
    return bool(term.parts) and bool(join_segmentations(term.parts))


def _variant_label(text: str) -> str:
    """Name the link between two spellings of the same Korean syllables."""
    return "spelling variant" if text.isascii() else "romanization"


@lru_cache(maxsize=65536)
def romanizations_agree(q_parts: tuple[str, ...], c_parts: tuple[str, ...]) -> bool:
    """True when two words can be read as the same Korean syllables."""
    if not q_parts or not c_parts:
        return False
    return any_sequences_agree(join_segmentations(q_parts), join_segmentations(c_parts))


def _spelling_similarity(q: Term, c: Term) -> tuple[float, str]:
    """Score near-identical spellings by edit distance, lifted when the consonants agree."""
    if q.latin == c.latin:
        return (1.0, "transliteration") if q.latin else (0.0, "")
    if min(len(q.latin), len(c.latin)) < MIN_FUZZY_LENGTH:
        return 0.0, ""
    if q.spoken == c.spoken and len(q.spoken) >= 2 and _abjad_pair(q.key, c.key):
        # A transliteration from a script that omits vowels (Arabic) agrees by consonants.
        score = Levenshtein.normalized_similarity(q.latin, c.latin)
        return max(score, SKELETON_FLOOR), "transliteration"
    score = Levenshtein.normalized_similarity(q.latin, c.latin, score_cutoff=MIN_SPELLING)
    return (score, "spelling") if score else (0.0, "")


def _abjad_pair(a: str, b: str) -> bool:
    """True when one word is in a non-Latin, non-Hangul script (one that may omit vowels)."""
    return any(not w.isascii() and not has_hangul(w) for w in (a, b))


# A query term's comparisons with list terms, by the list term's key, role and parts (or
# by the index's number for those, see ScreeningIndex.record_term_ids), and Korean context.
MemoRow = dict[object, tuple[float, str]]
Memo = list[MemoRow]  # one row per query term, in the query's order


class TermMemo:
    """Term comparisons kept across queries: bulk names repeat their words (Kim, Trading).

    Rows are keyed by the whole query term, so a row serves any query holding that term.
    Past ``size`` terms the rows are forgotten and collected again, bounding memory.
    """

    def __init__(self, size: int = 20000) -> None:
        self._rows: BoundedCache[Term, MemoRow] = BoundedCache(size)

    def rows(self, terms: Sequence[Term]) -> Memo:
        """Return the comparison row of each term, new rows empty."""
        rows = []
        for term in terms:
            row = self._rows.get(term)
            rows.append(self._rows.put(term, {}) if row is None else row)
        return rows


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two names' terms paired up, with the numbers that make the score.

    ``base`` is the weighted share of both names that found a partner (each pair counts
    its agreement times the weight of its terms); ``factors`` are the name-level features
    applied to it, and ``score`` is ``base`` times each factor.
    """

    query: TermSet
    candidate: TermSet
    query_weights: tuple[float, ...]
    candidate_weights: tuple[float, ...]
    pairs: tuple[Pairing, ...]
    total: float
    base: float
    factors: tuple[tuple[str, float], ...]
    score: float

    @property
    def complete(self) -> bool:
        """True when every term of both names pairs with the same word (names alike)."""
        paired = sum(len(p.query) + len(p.candidate) for p in self.pairs if p.similarity == 1.0)
        return paired == len(self.query.terms) + len(self.candidate.terms)

    def pair_weight(self, pairing: Pairing) -> float:
        """Return the weight of the terms a pairing joins, on both sides."""
        return sum(self.query_weights[i] for i in pairing.query) + sum(
            self.candidate_weights[j] for j in pairing.candidate
        )


def align(
    query: TermSet,
    query_weights: Sequence[float],
    candidate: TermSet,
    candidate_weights: Sequence[float],
    memo: Memo | None = None,
    candidate_ids: Sequence[int] | None = None,
    floor: float = 0.0,
) -> Alignment | None:
    """Pair terms greedily, best agreement first, and return the alignment and its score.

    ``memo`` keeps term comparisons (one row per query term) across candidates and
    queries: list names share many words (Korea, Trading, Company), so most repeat.
    ``candidate_ids`` numbers the candidate's terms for the memo (the index's even
    numbers, one more in Korean context; by default each term's key, role and parts).
    Returns None when nothing pairs, or when the score cannot reach ``floor`` even if
    every term with a possible partner paired (agreements are at most 1.0 each).
    """
    korean = query.korean or candidate.korean
    rows = [{} for _ in query.terms] if memo is None else memo
    if candidate_ids is None:
        keys: Sequence[object] = [(c.key, c.role, c.parts, korean) for c in candidate.terms]
    else:
        keys = [n + 1 for n in candidate_ids] if korean else candidate_ids
    options = _single_options(query.terms, candidate.terms, korean, rows, keys)
    if query.runs:
        options += _run_options(query, candidate, flip=False)
    if candidate.runs:
        options += _run_options(candidate, query, flip=True)
    if query.translated or candidate.translated:
        options += _translation_options(query.terms, candidate.terms)
    if not options:
        return None  # most candidates: nothing pairs
    total = sum(query_weights) + sum(candidate_weights)
    if not total:
        return None
    if floor and _pairable_weight(options, query_weights, candidate_weights) < floor * total:
        return None
    weighted = [
        (p, sum(query_weights[i] for i in p.query) + sum(candidate_weights[j] for j in p.candidate))
        for p in options
    ]
    chosen = _pick(weighted)
    base = sum(p.similarity * w for p, w in chosen) / total
    pairs = tuple(p for p, _ in chosen)
    factors = _penalties(query.terms, candidate.terms, pairs)
    score = base
    for _, value in factors:
        score *= value
    return Alignment(
        query,
        candidate,
        tuple(query_weights),
        tuple(candidate_weights),
        pairs,
        total,
        base,
        factors,
        score,
    )


def _pairable_weight(
    options: list[Pairing], query_weights: Sequence[float], candidate_weights: Sequence[float]
) -> float:
    """Return the weight of the terms that have a possible partner: all that can pair."""
    used_q = {i for p in options for i in p.query}
    used_c = {j for p in options for j in p.candidate}
    return sum(query_weights[i] for i in used_q) + sum(candidate_weights[j] for j in used_c)


def _pick(weighted: list[tuple[Pairing, float]]) -> list[tuple[Pairing, float]]:
    """Choose pairings greedily: best agreement, then the most constrained terms, then weight.

    Among equal agreements the terms with the fewest partners go first, so a word with
    one possible partner is not left out (해운 takes Shipping, 해양 takes Marine).
    """
    partners: dict[tuple[bool, int], int] = {}
    for pairing, _ in weighted:
        for key in _sides(pairing):
            partners[key] = partners.get(key, 0) + 1
    weighted.sort(
        key=lambda pw: (-pw[0].similarity, sum(partners[k] for k in _sides(pw[0])), -pw[1])
    )
    used: set[tuple[bool, int]] = set()
    chosen = []
    for pairing, weight in weighted:
        sides = _sides(pairing)
        if used.isdisjoint(sides):
            used.update(sides)
            chosen.append((pairing, weight))
    return chosen


def _sides(pairing: Pairing) -> list[tuple[bool, int]]:
    """Return the terms a pairing uses: (True, i) on the query side, (False, j) on the list's."""
    return [(True, i) for i in pairing.query] + [(False, j) for j in pairing.candidate]


def _penalties(
    query: Sequence[Term], candidate: Sequence[Term], pairs: tuple[Pairing, ...]
) -> tuple[tuple[str, float], ...]:
    """Return the factors for a substituted word, or for a generic query missing a listed word."""
    used_q = {i for p in pairs for i in p.query}
    used_c = {j for p in pairs for j in p.candidate}
    factors = []
    if _unpaired_word(query, used_q) and _unpaired_word(candidate, used_c):
        factors.append(("substitution", SUBSTITUTION_FACTOR))
    if _unpaired_word(candidate, used_c) and not any(is_proper(t) for t in query):
        # A query of generic words only ("Bank of Korea") has no name of its own: every
        # word of the list name must be there, or it names another organisation.
        factors.append(("generic_query", GENERIC_QUERY_FACTOR))
    return tuple(factors)


def _unpaired_word(terms: Sequence[Term], used: set[int]) -> bool:
    """True when a name has a word (not a legal form or Korea) left without a partner."""
    return any(i not in used and t.role == Role.WORD for i, t in enumerate(terms))


def _single_options(
    query: Sequence[Term],
    candidate: Sequence[Term],
    korean: bool,
    memo: Memo,
    keys: Sequence[object],
) -> list[Pairing]:
    """Return every one-to-one pairing whose terms agree at all."""
    options = []
    # Translations are the query's (Hangul) side; a list term is its key and parts, so
    # its number stands for it; Korean context changes the rule, so it is in the key.
    for i, q in enumerate(query):
        row = memo[i]
        for j, key in enumerate(keys):
            found = row.get(key)
            if found is None:
                found = row[key] = term_similarity(q, candidate[j], korean)
            if found[0] > 0.0:
                options.append(Pairing((i,), (j,), *found))
    return options


def _run_options(many: TermSet, one: TermSet, *, flip: bool) -> list[Pairing]:
    """Return pairings of a run of adjacent words with one word (Nam Chon Gang = Namchongang)."""
    options = []
    by_latin, by_skel = one.by_latin, one.by_skel
    for run in many.runs:
        if run.latin not in by_latin and run.loose not in by_skel:
            continue  # the usual case: nothing on the other side reads like the run
        found = dict.fromkeys(by_latin.get(run.latin, ()), (1.0, "joined"))
        for j in by_skel.get(run.loose, ()):
            if j not in found and romanizations_agree(run.parts, one.terms[j].parts):
                found[j] = (ROMANIZATION, _variant_label(run.latin + one.terms[j].key))
        for j, (score, how) in found.items():
            pair = (
                Pairing((j,), run.indices, score, how)
                if flip
                else Pairing(run.indices, (j,), score, how)
            )
            options.append(pair)
    return options


def _translation_options(query: Sequence[Term], candidate: Sequence[Term]) -> list[Pairing]:
    """Return pairings of a glossary term with the several words of its English translation."""
    options = []
    for side_a, side_b, flip in ((query, candidate, False), (candidate, query, True)):
        if not any(t.translations for t in side_a):
            continue
        keys = {t.key: j for j, t in enumerate(side_b)}
        for i, term in enumerate(side_a):
            for translation in term.translations:
                if len(translation) < 2 or not all(k in keys for k in translation):
                    continue
                others = tuple(sorted(keys[k] for k in translation))
                pair = (
                    Pairing(others, (i,), 1.0, "translation")
                    if flip
                    else Pairing((i,), others, 1.0, "translation")
                )
                options.append(pair)
    return options


def terms_match(
    query: TermSet,
    query_weights: Sequence[float],
    candidate: TermSet,
    candidate_weights: Sequence[float],
) -> RuleResult:
    """Names match in proportion to the rarity-weighted share of their words that pair up."""
    found = align(query, query_weights, candidate, candidate_weights)
    if found is None:
        return RuleResult(RULE, 0.0, "no words agree")
    return RuleResult(RULE, found.score, explain_terms(found))


def explain_terms(alignment: Alignment) -> str:
    """List the word pairs and the words left unpaired, in plain words."""
    query, candidate = alignment.query.terms, alignment.candidate.terms
    pairs = alignment.pairs
    shown = []
    for pair in sorted(pairs, key=lambda p: p.query):
        left = " ".join(_display(query[i]) for i in pair.query)
        right = " ".join(_display(candidate[j]) for j in pair.candidate)
        if left.lower() == right.lower():
            shown.append(left)
        else:
            shown.append(f"{left} = {right} ({pair.how})")
    paired_q = {i for p in pairs for i in p.query}
    paired_c = {j for p in pairs for j in p.candidate}
    missing_q = [
        _display(t) for i, t in enumerate(query) if i not in paired_q and t.role != Role.LEGAL
    ]
    missing_c = [
        _display(t) for j, t in enumerate(candidate) if j not in paired_c and t.role != Role.LEGAL
    ]
    text = "words agree: " + ", ".join(shown) if shown else "no words agree"
    if missing_q:
        text += "; only in the query: " + ", ".join(missing_q)
    if missing_c:
        text += "; only in the list name: " + ", ".join(missing_c)
    return text


def _display(term: Term) -> str:
    """Show a term as written (title case for Latin)."""
    shown = term.shown or term.key
    return shown.title() if shown.isascii() else shown
