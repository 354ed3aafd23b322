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

from rapidfuzz.distance import OSA

from wgdesk.screening.cache import BoundedCache, word_cache
from wgdesk.screening.features import feature
from wgdesk.screening.korean.readings import any_sequences_agree, join_segmentations
from wgdesk.screening.reasons import Reason, reason
from wgdesk.screening.render import render
from wgdesk.screening.results import RuleResult, because
from wgdesk.screening.symbols import NAME, name_symbols, phonetic_code
from wgdesk.screening.terms import (
    ABJADS,
    GENERIC_LEGAL,
    Role,
    Run,
    Term,
    TermSet,
    is_proper,
    own_key_set,
    own_keys,
)
from wgdesk.screening.text import vowel_fold

RULE = "name_terms"
ROMANIZATION = feature("korean_reading")
SKELETON_FLOOR = feature("consonants")
MIN_SPELLING = feature("spelling")
MIN_FUZZY_LENGTH = int(feature("fuzzy_letters"))
SUBSTITUTION_FACTOR = feature("substitution")
EQUIVALENT_NAME = feature("equivalent_name")
NICKNAME = feature("nickname")
INITIAL = feature("initial")
PHONETIC = feature("phonetic")
NUMBER_CONFLICT = feature("number_conflict")
LEGAL_FORM_CONFLICT = feature("legal_form_conflict")
ORDER_CONFLICT = feature("order_conflict")
VOWEL_EDIT = feature("vowel_edit")
OMITTED_WORD = feature("omitted_word")
GENERIC_QUERY_FACTOR = feature("generic_query")


@dataclass(frozen=True, slots=True)
class Pairing:
    """Terms of the query paired with terms of the candidate, and how well they agree."""

    query: tuple[int, ...]
    candidate: tuple[int, ...]
    similarity: float
    how: str


def term_similarity(
    q: Term,
    c: Term,
    korean: bool = False,
    person: bool = False,
    phonetic: bool = False,
    romanize: bool = True,
) -> tuple[float, str]:
    """Two terms agree when equal, both name Korea, one translates the other, or spell alike.

    In personal names (``person``) they also agree as the same name in another language or
    script or as a nickname (rigour's name symbols), and an initial agrees with a word it
    begins; in the phonetic mode (``phonetic``) Latin words that sound alike agree. Latin
    spellings agree by Korean reading when the list name is Korean (``romanize``).
    """
    if q.role != c.role:
        if person and {q.role, c.role} == {Role.INITIAL, Role.WORD}:
            return _initial_agreement(q, c)
        if {q.role, c.role} == {Role.LEGAL, Role.WORD}:
            return _misspelt_legal_form(q, c)
        return 0.0, ""
    # Labels depend on what the memo is keyed by (key, role, parts), never on the
    # spelling shown: the explanation leaves out the label of words written alike.
    if q.role == Role.KOREA:
        return 1.0, "names of Korea"
    if q.key == c.key:
        return 1.0, _SAME_LABEL[q.role]
    if q.role != Role.WORD:
        return 0.0, ""  # another legal form, number or initial
    # Every rule below needs a blocking key the two words share (their own keys, or in a
    # personal name a name symbol, or in the phonetic mode a sound): so the index finds
    # every pair a rule could score, and a bound computed from keys is exact.
    # Spellings of Korean syllables pair by their loosened skeleton, a key a Korean list
    # name and every query carry (analyse.word_keys).
    # (A short loosened skeleton is no key: then the skeletons themselves must agree.)
    reading = (
        romanize
        and bool(q.spoken)
        and q.loose == c.loose
        and (len(q.loose) >= MIN_LOOSE or q.spoken == c.spoken)
    )
    # ... and an Arabic word and its transliteration by their consonants (key c:).
    abjad = (q.script in ABJADS) != (c.script in ABJADS) and _shared_form(q, c) is not None
    keyed = reading or abjad or not own_key_set(q).isdisjoint(own_keys(c))
    if korean and _syllabic(q) and _syllabic(c):
        # Korean words in a Korean context agree by reading only: one letter separates
        # different listed words (Kwangson, Kwangsong).
        return _word_similarity(q, c, korean, reading) if keyed else (0.0, "")
    best = _word_similarity(q, c, korean, reading) if keyed else (0.0, "")
    if person:
        best = max(best, _symbol_agreement(q, c))
    if phonetic and best[0] < PHONETIC:
        sound = phonetic_code(q.latin)
        if sound and sound == phonetic_code(c.latin):
            best = (PHONETIC, "sounds alike")
    return best


LEGAL_TYPO_LETTERS = 5  # shorter legal forms (Co, Ltd) are words too often to be typos

_SAME_LABEL = {
    Role.WORD: "same word",
    Role.LEGAL: "same legal form",
    Role.NUMBER: "same number",
    Role.INITIAL: "same initial",
    Role.KOREA: "names of Korea",
}


def _word_similarity(q: Term, c: Term, korean: bool, reading: bool) -> tuple[float, str]:
    """Compare two words that share a key: translation, Korean reading, then spelling."""
    if (c.key,) in q.translations or (q.key,) in c.translations:
        return 1.0, "translation"
    # Same skeleton first (cheap), except for Hangul, whose spelling and sound may differ.
    similar = reading or not (q.key + c.key).isascii()
    if similar and _long_enough(q) and _long_enough(c) and romanizations_agree(q.parts, c.parts):
        return ROMANIZATION, _variant_label(q.key + c.key)
    if korean and _syllabic(q) and _syllabic(c):
        return 0.0, ""  # Korean words that read differently are different words
    return _spelling_similarity(q, c)


def _symbol_agreement(q: Term, c: Term) -> tuple[float, str]:
    """Two words of personal names agree when rigour links them to the same name."""
    shared = name_symbols(q.key) & name_symbols(c.key)
    if not shared:
        return 0.0, ""
    if any(symbol.startswith(NAME) for symbol in shared):
        return EQUIVALENT_NAME, "same name"
    return NICKNAME, "nickname"


def legal_typo_keys(legal: Term) -> frozenset[str]:
    """Return the keys a word must share with a legal form to be its misspelling (none if
    the legal form is too short to be misspelt: see _misspelt_legal_form)."""
    if len(_legal_written(legal)) < LEGAL_TYPO_LETTERS:
        return frozenset()
    return own_key_set(legal)


def _legal_written(legal: Term) -> str:
    """Return a legal form as written, the letters a misspelling is judged by."""
    return legal.written or legal.shown.replace("-", "")


def _misspelt_legal_form(q: Term, c: Term) -> tuple[float, str]:
    """A misspelt legal form is still one (Cmpany, Copr), judged by what was written."""
    legal, word = (q, c) if q.role == Role.LEGAL else (c, q)
    written = _legal_written(legal)
    if len(written) < LEGAL_TYPO_LETTERS or len(word.latin) < LEGAL_TYPO_LETTERS:
        return 0.0, ""
    if own_key_set(legal).isdisjoint(own_keys(word)):
        return 0.0, ""  # as every rule: only words sharing a key (here one letter apart)
    score = OSA.normalized_similarity(written, word.latin, score_cutoff=MIN_SPELLING)
    return (score, "spelling") if score else (0.0, "")


def _initial_agreement(q: Term, c: Term) -> tuple[float, str]:
    """An initial agrees with a word it begins (A. and Aleksandr), weakly."""
    initial, word = (q, c) if q.role == Role.INITIAL else (c, q)
    if word.latin[:1] == initial.key:
        return INITIAL, "initial"
    return 0.0, ""


def _long_enough(term: Term) -> bool:
    """True unless a Latin word is too short to be judged by reading (Kia is not GIA)."""
    return not term.key.isascii() or len(term.key) >= MIN_FUZZY_LENGTH


def _syllabic(term: Term) -> bool:
    """True when a term can be read as Korean syllables."""
    return bool(term.parts) and bool(join_segmentations(term.parts))


def _variant_label(text: str) -> str:
    """Name the link between two spellings of the same Korean syllables."""
    return "spelling variant" if text.isascii() else "romanization"


@word_cache(65536)
def romanizations_agree(q_parts: tuple[str, ...], c_parts: tuple[str, ...]) -> bool:
    """True when two words can be read as the same Korean syllables."""
    if not q_parts or not c_parts:
        return False
    return any_sequences_agree(join_segmentations(q_parts), join_segmentations(c_parts))


def _spelling_similarity(q: Term, c: Term) -> tuple[float, str]:
    """Score near-identical spellings by edit distance, lifted when the consonants agree.

    A transposition of two letters counts as one edit, and in Latin an edit of a vowel
    counts half (Taysir, Tayseer; Geedar, Gidar: transliterations differ in vowels). Words
    in the same script other than Latin compare as written (Олександр, Александр); Chinese
    and Japanese characters only exactly, since different characters that read alike are
    different names. A word with figures in it agrees only exactly (GP21 is not GP23).
    """
    if q.script == c.script != "latin":
        if q.script in _EXACT_SCRIPTS:
            return 0.0, ""
        score = OSA.normalized_similarity(q.key, c.key, score_cutoff=MIN_SPELLING)
        return (score, "spelling") if score else (0.0, "")
    if q.latin == c.latin:
        return (1.0, "transliteration") if q.latin else (0.0, "")
    if (q.bare or c.bare) and (q.bare or q.latin) == (c.bare or c.latin):
        # The same word with the Arabic article joined in one (Abdul, 'servant of the')
        # and written apart in the other (Abd al-Rahman): however short, one word (the
        # fuzzy rule below finds the longer ones, Albashir and Bashir, the same way).
        return 1.0, "spelling"
    if _has_digit(q.latin + c.latin):
        return 0.0, ""
    if (q.script in ABJADS or c.script in ABJADS) and _same_consonants(q, c):
        # A transliteration from a script that omits vowels (Arabic) agrees by consonants,
        # however short (جمال jml, Djamal).
        score = OSA.normalized_similarity(q.latin, c.latin)
        return max(score, SKELETON_FLOOR), "transliteration"
    if min(len(q.latin), len(c.latin)) < MIN_FUZZY_LENGTH:
        # A short word agrees only as the same word with its vowels spelt another way (Abu
        # and Abou, Nia and Niya, Ali and Aly): one consonant changes a short word (Bol
        # and Bor, Han and Khan, Ana and Anna).
        # Latin words only: another script's transliteration is too rough for that (理宜 is
        # liyi, علی ly).
        latin = q.script == c.script == "latin"
        short = latin and vowel_fold(q.latin) == vowel_fold(c.latin)
        return (1.0, "spelling") if short else (0.0, "")
    score = max(
        _latin_similarity(a, b)
        for a in (q.latin, q.bare, q.written, q.folded)
        if a
        for b in (c.latin, c.bare, c.written, c.folded)
        if b
    )
    return (score, "spelling") if score >= MIN_SPELLING else (0.0, "")


_VOWELS = str.maketrans("", "", "aeiouy")


@word_cache(131072)
def _latin_similarity(a: str, b: str) -> float:
    """Return 1 - edits / letters, a transposition one edit and a vowel's edit half one."""
    longest = max(len(a), len(b))
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH:
        return 0.0
    full = OSA.distance(a, b)
    consonants = OSA.distance(a.translate(_VOWELS), b.translate(_VOWELS))
    return 1.0 - (consonants + VOWEL_EDIT * max(full - consonants, 0)) / longest


_EXACT_SCRIPTS = frozenset({"han", "kana", "hangul"})
# Fewer consonants than this say too little to link a word across scripts by them alone
# (words run together need one more).
MIN_ABJAD_CONSONANTS = 3
MIN_LOOSE = 2  # a loosened skeleton shorter than this (K) says nothing: no reading by it
SHORT_ABJAD_LATIN = 5  # a Latin word this short may match two consonants (Abd, Oumar)


def _has_digit(text: str) -> bool:
    """True when a text holds a figure."""
    return any(char.isdigit() for char in text)


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
    omitted: float = 0.0  # weight of the words one name omits, counted at omitted_word

    @property
    def complete(self) -> bool:
        """True when every term of both names pairs with the same word (names alike)."""
        paired = sum(len(p.query) + len(p.candidate) for p in self.pairs if p.similarity == 1.0)
        return paired == len(self.query.terms) + len(self.candidate.terms)

    def pair_weight(self, pairing: Pairing) -> float:
        """Return the weight of the terms a pairing joins, on both sides."""
        return sum((self.query_weights[i] for i in pairing.query), 0.0) + sum(
            (self.candidate_weights[j] for j in pairing.candidate), 0.0
        )


def align(
    query: TermSet,
    query_weights: Sequence[float],
    candidate: TermSet,
    candidate_weights: Sequence[float],
    memo: Memo | None = None,
    candidate_ids: Sequence[int] | None = None,
    floor: float = 0.0,
    phonetic: bool = False,
) -> Alignment | None:
    """Pair terms greedily, best agreement first, and return the alignment and its score.

    ``memo`` keeps term comparisons (one row per query term) across candidates and
    queries: list names share many words (Korea, Trading, Company), so most repeat.
    ``candidate_ids`` numbers the candidate's terms for the memo (the index's multiples
    of four, plus two in a Korean context and one between personal names; by default each
    term's key, role and parts). ``phonetic`` lets Latin words that sound alike agree.
    Returns None when nothing pairs, or when the score cannot reach ``floor`` even if
    every term with a possible partner paired (agreements are at most 1.0 each).
    """
    korean = query.korean or candidate.korean
    person = query.person and candidate.person
    romanize = candidate.korean
    rows = [{} for _ in query.terms] if memo is None else memo
    if candidate_ids is None:
        keys: Sequence[object] = [
            (c.key, c.role, c.parts, c.shown, korean, person, romanize) for c in candidate.terms
        ]
    else:
        flags = 4 * romanize + 2 * korean + person
        keys = [n + flags for n in candidate_ids] if flags else candidate_ids
    rule = _Rule(korean, person, phonetic, romanize)
    options = _single_options(query.terms, candidate.terms, rule, rows, keys)
    if query.runs:
        options += _run_options(query, candidate, romanize, flip=False)
    if candidate.runs:
        options += _run_options(candidate, query, romanize, flip=True)
    if query.translated or candidate.translated:
        options += _translation_options(query.terms, candidate.terms)
    if not options:
        return None  # most candidates: nothing pairs
    total = sum(query_weights, 0.0) + sum(candidate_weights, 0.0)
    if not total:
        return None
    if floor:
        q_pairable, c_pairable = _pairable_weights(
            query, query_weights, candidate, candidate_weights, options
        )
        q_total, c_total = sum(query_weights, 0.0), sum(candidate_weights, 0.0)
        omits = named_in_part(candidate)
        if best_share(q_pairable, q_total, c_pairable, c_total, omits) < floor:
            return None
    weighted = [
        (
            p,
            sum((query_weights[i] for i in p.query), 0.0)
            + sum((candidate_weights[j] for j in p.candidate), 0.0),
        )
        for p in options
    ]
    chosen = _pick(weighted)
    pairs = tuple(p for p, _ in chosen)
    omitted = _omitted_weight(query, query_weights, candidate, candidate_weights, pairs)
    total -= (1.0 - OMITTED_WORD) * omitted
    base = sum((p.similarity * w for p, w in chosen), 0.0) / total
    factors = _penalties(query, candidate, pairs)
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
        omitted,
    )


def best_share(
    q_pairable: float, q_total: float, c_pairable: float, c_total: float, query_omits: bool
) -> float:
    """Return the most a name score can be when that much of each name's weight may pair.

    At best every pairable term pairs at 1.0. When one name may pair whole, the other's
    remaining words may be words it omits, counting ``omitted_word`` of their weight (the
    query's only when the list name may be named in part, ``query_omits``: see
    named_in_part). An exact bound, to skip names.
    """
    total = q_total + c_total
    if not total:
        return 0.0
    pairable = q_pairable + c_pairable
    best = pairable / total
    if q_pairable >= q_total - _EPSILON:
        best = max(best, pairable / (pairable + OMITTED_WORD * (c_total - c_pairable)))
    if query_omits and c_pairable >= c_total - _EPSILON:
        best = max(best, pairable / (pairable + OMITTED_WORD * (q_total - q_pairable)))
    return best


_EPSILON = 1e-9


def _omitted_weight(
    query: TermSet,
    query_weights: Sequence[float],
    candidate: TermSet,
    candidate_weights: Sequence[float],
    pairs: tuple[Pairing, ...],
) -> float:
    """Return the weight of the words one name lacks when the other name pairs whole."""
    used_q = {i for p in pairs for i in p.query}
    used_c = {j for p in pairs for j in p.candidate}
    q_whole = _whole(query.terms, used_q)
    c_whole = _whole(candidate.terms, used_c)
    if q_whole == c_whole:
        return 0.0  # both whole (nothing omitted) or both with words apart (substitution)
    if q_whole:
        return sum((w for j, w in enumerate(candidate_weights) if j not in used_c), 0.0)
    # A query with words the list name lacks: see named_in_part. An organisation's words
    # must then be the list's as written: GREEN ASIA SHIPPING is not GREEN SHIPPING.
    if not named_in_part(candidate):
        return 0.0
    if not candidate.person and any(p.similarity < 1.0 for p in pairs):
        return 0.0
    return sum((w for i, w in enumerate(query_weights) if i not in used_q), 0.0)


def named_in_part(candidate: TermSet) -> bool:
    """True when a query holding the whole list name and more words may name the same entity.

    A list gives part of a person's name (Yahya AL-HAJ for Yehia Issa Mohamad AL-HAJ), and
    an organisation's name without its branch or the words around it (NATIONAL IRANIAN
    TANKER COMPANY LLC for its Sharjah branch): the query's extra words are then omitted
    words. Not one word of a name (John Smith is not the alias John), and not an
    organisation's name with fewer than two proper words (GREEN SHIPPING, National Bank):
    those are in too many other names.
    """
    words = [t for t in candidate.terms if t.role == Role.WORD]
    if candidate.person:
        return len(words) >= 2
    return sum(1 for t in words if is_proper(t)) >= 2


def _whole(terms: Sequence[Term], used: set[int]) -> bool:
    """True when every term of a name but its legal forms found a partner."""
    return all(i in used or t.role == Role.LEGAL for i, t in enumerate(terms))


def _pairable_weights(
    query: TermSet,
    query_weights: Sequence[float],
    candidate: TermSet,
    candidate_weights: Sequence[float],
    options: list[Pairing],
) -> tuple[float, float]:
    """Return each name's weight that has a possible partner (legal forms counted in, as an
    unpaired legal form leaves a name whole)."""
    used_q = {i for p in options for i in p.query}
    used_c = {j for p in options for j in p.candidate}
    q = sum(
        (
            w
            for i, (t, w) in enumerate(zip(query.terms, query_weights, strict=True))
            if i in used_q or t.role == Role.LEGAL
        ),
        0.0,
    )
    c = sum(
        (
            w
            for j, (t, w) in enumerate(zip(candidate.terms, candidate_weights, strict=True))
            if j in used_c or t.role == Role.LEGAL
        ),
        0.0,
    )
    return q, c


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
    query: TermSet, candidate: TermSet, pairs: tuple[Pairing, ...]
) -> tuple[tuple[str, float], ...]:
    """Return the name-level factors: substituted words, generic queries and conflicts.

    Conflicts are what the two names say differently where both say something: numbers
    (Partners II, Partners III), legal forms of different kinds (AG, GmbH), and in an
    Arabic nasab the order of father and son (Khalid bin Abdullah, Abdullah bin Khalid).
    """
    q_terms, c_terms = query.terms, candidate.terms
    used_q = {i for p in pairs for i in p.query}
    used_c = {j for p in pairs for j in p.candidate}
    factors = []
    if _unpaired_word(q_terms, used_q) and _unpaired_word(c_terms, used_c):
        factors.append(("substitution", SUBSTITUTION_FACTOR))
    if _unpaired_word(c_terms, used_c) and not any(is_proper(t) for t in q_terms):
        # A query of generic words only ("Bank of Korea") has no name of its own: every
        # word of the list name must be there, or it names another organisation.
        factors.append(("generic_query", GENERIC_QUERY_FACTOR))
    if _conflict(q_terms, used_q, c_terms, used_c, Role.NUMBER):
        factors.append(("number_conflict", NUMBER_CONFLICT))
    if _legal_conflict(q_terms, c_terms, pairs):
        factors.append(("legal_form_conflict", LEGAL_FORM_CONFLICT))
    if query.person and candidate.person and _order_conflict(query, candidate, pairs):
        factors.append(("order_conflict", ORDER_CONFLICT))
    return tuple(factors)


def _conflict(
    q_terms: Sequence[Term], used_q: set[int], c_terms: Sequence[Term], used_c: set[int], role: Role
) -> bool:
    """True when both names have terms of a role and one of them is left without a partner."""
    q_has = [i for i, t in enumerate(q_terms) if t.role == role]
    c_has = [j for j, t in enumerate(c_terms) if t.role == role]
    if not q_has or not c_has:
        return False
    return any(i not in used_q for i in q_has) or any(j not in used_c for j in c_has)


def _legal_conflict(
    q_terms: Sequence[Term], c_terms: Sequence[Term], pairs: tuple[Pairing, ...]
) -> bool:
    """True when both names give a specific legal form and no two of them are of one kind."""
    q_forms = [t for t in q_terms if t.role == Role.LEGAL and t.key not in GENERIC_LEGAL]
    c_forms = [t for t in c_terms if t.role == Role.LEGAL and t.key not in GENERIC_LEGAL]
    if not q_forms or not c_forms:
        return False
    return not {t.key for t in q_forms} & {t.key for t in c_forms}


# "Son of" and "daughter of" in Latin letters and in Arabic script (بن, ابن, بنت, ولد).
NASAB = frozenset({"bin", "ibn", "ben", "bint", "binti", "binte", "ould", "walad", "wuld"})
NASAB |= frozenset({"بن", "ابن", "بنت", "ولد"})


def _order_conflict(query: TermSet, candidate: TermSet, pairs: tuple[Pairing, ...]) -> bool:
    """True when both names are a nasab (X bin Y) and a word of both chains pairs across
    generations: Khalid bin Abdullah is the son, Abdullah bin Khalid the father.

    Names are read in their spoken order ('BIN LADEN, Hamza' is Hamza bin Laden). Only a
    word next to a bin in both names counts, since a family name moves freely (AL-QARAWI,
    Saleh bin Abdullah; Saleh bin Abdullah AL-QARAWI), and so does a word repeated in a
    name (Sa'd bin Sa'd), which may pair with either of its copies.
    """
    q_read, c_read = _nasab(query), _nasab(candidate)
    if q_read is None or c_read is None:
        return False
    (q_gen, q_chain), (c_gen, c_chain) = q_read, c_read
    return any(
        q_gen[i] != c_gen[j]
        for p in pairs
        for i in p.query
        for j in p.candidate
        if i in q_chain and j in c_chain
    )


def _nasab(name: TermSet) -> tuple[list[int], set[int]] | None:
    """Return each term's generation in a nasab (0 before the first bin, 1 after...) and the
    words next to a bin (not repeated in the name), or None for a name without a bin.

    Both in the spoken order: the given names first, then what precedes their comma.
    """
    terms, given = name.terms, name.given
    order = [*range(given, len(terms)), *range(given)]
    keys = [terms[position].key for position in order]
    if NASAB.isdisjoint(keys):
        return None
    generation, generations = 0, [0] * len(terms)
    for position, key in zip(order, keys, strict=True):
        generation += key in NASAB
        generations[position] = generation
    chain = {
        position
        for n, (position, key) in enumerate(zip(order, keys, strict=True))
        if key not in NASAB
        and keys.count(key) == 1
        and ((n > 0 and keys[n - 1] in NASAB) or (n + 1 < len(keys) and keys[n + 1] in NASAB))
    }
    return generations, chain


def _unpaired_word(terms: Sequence[Term], used: set[int]) -> bool:
    """True when a name has a word (not a legal form or Korea) left without a partner."""
    return any(i not in used and t.role == Role.WORD for i, t in enumerate(terms))


@dataclass(frozen=True, slots=True)
class _Rule:
    """Which comparisons apply between two names (see term_similarity)."""

    korean: bool
    person: bool
    phonetic: bool
    romanize: bool


def _single_options(
    query: Sequence[Term],
    candidate: Sequence[Term],
    rule: _Rule,
    memo: Memo,
    keys: Sequence[object],
) -> list[Pairing]:
    """Return every one-to-one pairing whose terms agree at all."""
    options = []
    # Translations are the query's (Hangul) side; a list term is its key and parts, so
    # its number stands for it; the rule's flags change the outcome, so they are in the key.
    korean, person, phonetic, romanize = rule.korean, rule.person, rule.phonetic, rule.romanize
    for i, q in enumerate(query):
        row = memo[i]
        for j, key in enumerate(keys):
            found = row.get(key)
            if found is None:
                found = term_similarity(q, candidate[j], korean, person, phonetic, romanize)
                row[key] = found
            if found[0] > 0.0:
                options.append(Pairing((i,), (j,), *found))
    return options


def _run_options(many: TermSet, one: TermSet, romanize: bool, *, flip: bool) -> list[Pairing]:
    """Return pairings of a run of adjacent words with one word (Nam Chon Gang = Namchongang)."""
    options = []
    by_latin, by_skel = one.by_latin, one.by_skel
    abjad_runs, abjad_words = many.abjad, one.abjad
    for run in many.runs:
        plain = "c:" + _run_consonants(many, run) if abjad_runs or abjad_words else ""
        if run.latin not in by_latin and run.loose not in by_skel and plain not in by_skel:
            continue  # the usual case: nothing on the other side reads like the run
        found = dict.fromkeys(by_latin.get(run.latin, ()), (1.0, "joined"))
        for j in (*by_skel.get(run.loose, ()), *by_skel.get(plain, ())):
            if j in found:
                continue
            word = one.terms[j]
            abjad = any(many.terms[i].script in ABJADS for i in run.indices)
            plain = _run_consonants(many, run)
            if (
                (abjad or word.script in ABJADS)
                and len(plain) > MIN_ABJAD_CONSONANTS
                and (plain == word.consonants or plain in word.consonant_forms)
            ):
                # Arabic writes the article and the name apart (عبد الله) or joined.
                score = OSA.normalized_similarity(run.latin, word.latin)
                found[j] = (max(score, SKELETON_FLOOR), "transliteration")
            elif (
                romanize
                and run.short
                and len(run.loose) >= MIN_LOOSE  # the key the pair then shares (l:)
                and romanizations_agree(run.parts, word.parts)
            ):
                found[j] = (ROMANIZATION, _variant_label(run.latin + word.key))
        for j, (score, how) in found.items():
            pair = (
                Pairing((j,), run.indices, score, how)
                if flip
                else Pairing(run.indices, (j,), score, how)
            )
            options.append(pair)
    return options


def _same_consonants(q: Term, c: Term) -> bool:
    """True when two words have the same consonants, enough of them to tell: three, or two
    in a short Latin word (عبد and Abd, عمر and Omar).

    The other word must be Latin as written, with a vowel: an abbreviation (KT) or the
    reading of a Hangul word (케이티) is no transliteration of an Arabic name (القاعدة).
    """
    abjad, other = (q, c) if q.script in ABJADS else (c, q)
    if other.script != "latin" or (other.latin.isalpha() and not _has_vowel(other.latin)):
        return False
    form = _shared_form(abjad, other)
    if form is None or len(form) < MIN_ABJAD_CONSONANTS - 1:
        return False
    # Arabic writes the article with the next word (عبد القادر, Abdul Qadir): the short
    # Latin word is then the one without it.
    latin = other.bare if other.bare and form not in {other.consonants} else other.latin
    # Doubled letters are one sound (Sayyed, Ammari: two consonants, five letters).
    return len(form) >= MIN_ABJAD_CONSONANTS or len(_undoubled(latin)) <= SHORT_ABJAD_LATIN


def _undoubled(latin: str) -> str:
    """Return a Latin word with each doubled letter written once (ammari -> amari)."""
    return "".join(ch for i, ch in enumerate(latin) if i == 0 or ch != latin[i - 1])


def _shared_form(q: Term, c: Term) -> str | None:
    """Return the longest consonant form two words share (Term.consonant_forms), or None."""
    shared = q.consonant_forms & c.consonant_forms
    return max(shared, key=lambda f: (len(f), f)) if shared else None


def _has_vowel(latin: str) -> bool:
    """True when a Latin word writes a vowel (an abbreviation such as KT does not)."""
    return not latin.isascii() or latin != latin.translate(_VOWELS)


def _run_consonants(terms: TermSet, run: Run) -> str:
    """Return the consonants of a run word by word (Bak Hak is not Bakhak: no kh)."""
    return "".join(terms.terms[i].consonants for i in run.indices)


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
        return because(RULE, 0.0, (reason("no_words_agree"),))
    return because(RULE, found.score, terms_reasons(found))


def explain_terms(alignment: Alignment) -> str:
    """List the word pairs and the words left unpaired, in plain words."""
    return render(terms_reasons(alignment))


def terms_reasons(alignment: Alignment) -> tuple[Reason, ...]:
    """Return the word pairs, the words left unpaired and the omitted words' weight."""
    query, candidate = alignment.query.terms, alignment.candidate.terms
    pairs = alignment.pairs
    shown = []
    for pair in sorted(pairs, key=lambda p: p.query):
        left = " ".join(_display(query[i]) for i in pair.query)
        right = " ".join(_display(candidate[j]) for j in pair.candidate)
        if left.lower() == right.lower():
            shown.append(reason("word_pair", query=left, listed="", how=""))
        else:
            shown.append(reason("word_pair", query=left, listed=right, how=pair.how))
    paired_q = {i for p in pairs for i in p.query}
    paired_c = {j for p in pairs for j in p.candidate}
    missing_q = tuple(
        _display(t) for i, t in enumerate(query) if i not in paired_q and t.role != Role.LEGAL
    )
    missing_c = tuple(
        _display(t) for j, t in enumerate(candidate) if j not in paired_c and t.role != Role.LEGAL
    )
    found = [reason("words_agree", pairs=tuple(shown)) if shown else reason("no_words_agree")]
    if missing_q:
        found.append(reason("only_in_query", words=missing_q))
    if missing_c:
        found.append(reason("only_in_list", words=missing_c))
    if alignment.omitted:
        found.append(reason("omitted_words", share=OMITTED_WORD))
    return tuple(found)


def _display(term: Term) -> str:
    """Show a term as written, capitalised in scripts with capitals (Latin, Cyrillic, Greek)."""
    shown = term.shown or term.key
    return shown.title() if shown.isascii() or term.script in ("cyrillic", "greek") else shown
