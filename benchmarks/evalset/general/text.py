"""Name text for the generator: folding, words, a coarse sound key, and how two names relate.

These are the generator's own rules, written for deciding which list pairs are fair
tests of *name matching* (and which negatives are really different names). They are
deliberately simple and independent of wgdesk's matcher:

* ``fold`` lowercases and strips accents ("Armé" -> "arme", "ß" -> "ss");
* ``words`` splits on anything that is not a letter or digit, dropping apostrophes
  ("Qa'ida" -> "qaida");
* ``sound_key`` is a consonant skeleton with romanization-level equivalences
  (kh/h, q/k/c, z/s, w/v, ph/f, ou/u; vowels after the first letter dropped), so that
  "Muhammad"/"Mohammed" and "Qaida"/"Kaida" share a key;
* ``similar`` says two words are spellings of one word (same key, or an edit
  similarity of at least 0.7 for words of four letters or more);
* ``relation`` aligns the words of two names (a word may also match two adjacent
  words joined: "Abdulrahman" ~ "Abdul Rahman") and says whether they are the same
  words in the same order, in another order, one a part of the other, or unrelated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# Letters NFKD does not decompose.
_FOLD = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "đ": "d", "Đ": "d", "ł": "l"}
    | {"Ł": "l", "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d"}
)
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


# Arabic and other name particles, honorifics and titles: they do not identify a person.
PARTICLES = word_set(
    "al el ul ad ar as ash at az an ath bin ibn ben bint binti ould walad wuld "
    "de da do dos das del della di du la le van von der den y e and of the for in on "
    "mr mrs dr haji hajji hadji alhaj alhajj hajj mullah mulla molah mawlawi maulavi "
    "maulawi maulana qari sheikh shaykh shaikh sayed sayyed sayyid syed agha akhund "
    "general gen col colonel commander sahib saheb son daughter"
)
KUNYA = frozenset({"abu", "abou", "abo", "umm", "um", "umme"})

# Legal forms, written out and abbreviated (as words after ``words``). Used to tell the
# distinctive words of an organisation name from its legal form.
LEGAL_WORDS = word_set(
    "ltd limited co company corp corporation inc incorporated llc llp lp plc pllc "
    "ag gmbh kg ohg mbh gesellschaft aktiengesellschaft haftung beschrankter mit "
    "sa sas sarl srl sl spa sdn bhd berhad sendirian pte pvt private public pjsc ojsc "
    "cjsc jsc oao zao ooo pao ao tov fze fzco fzc fz dmcc est establishment "
    "cv bv nv ev eg sociedad anonima responsabilidad limitada capital variable sac saic "
    "joint stock closed open liability societe anonyme holding holdings group "
    "international intl trading general enterprise enterprises industries industrial "
    "services service shipping trade commercial"
)
# Country and place words that many organisation names share.
PLACE_WORDS = word_set(
    "iran iranian korea korean dprk choson chosun syria syrian russia russian china "
    "chinese hong kong uae dubai emirates lebanon iraq iraqi afghanistan pakistan "
    "venezuela cuba mexico panama turkey islamic republic national arab"
)

_KEY_STEPS = (
    ("sch", "s"),
    ("tch", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "j"),
    ("dj", "j"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("w", "v"),
    ("y", "i"),
)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase and strip accents; other scripts pass through."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Split a folded name into words of letters and digits (apostrophes dropped)."""
    return [w for w in _NON_WORD.split(_APOSTROPHES.sub("", fold(text))) if w]


@lru_cache(maxsize=1 << 16)
def sound_key(word: str) -> str:
    """Return a coarse consonant skeleton of a Latin word ("mohammed" -> "mhmd")."""
    if not word:
        return ""
    for old, new in _KEY_STEPS:
        word = word.replace(old, new)
    head, tail = word[0], word[1:]
    tail = "".join(c for c in tail if c not in "aeiouh")
    skeleton = head + tail
    return re.sub(r"(.)\1+", r"\1", skeleton)


def similar(a: str, b: str) -> bool:
    """True when two folded words are spellings of one word."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    if len(a) >= 3 and len(b) >= 3 and sound_key(a) == sound_key(b):
        return True
    return min(len(a), len(b)) >= 4 and Levenshtein.normalized_similarity(a, b) >= 0.7


def dissimilar(a: str, b: str) -> bool:
    """True when two words are clearly different words, not spellings of one."""
    if a == b or sound_key(a) == sound_key(b):
        return False
    return Levenshtein.normalized_similarity(a, b) < 0.6


def is_acronym(text: str) -> bool:
    """True for a one-word name of 2 to 7 capitals, optionally dotted ("KPC", "K.P.C.")."""
    bare = text.replace(".", "").replace(" ", "")
    return 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper() and len(text.split()) == 1


def significant(tokens: Sequence[str], kind: str) -> list[str]:
    """Return the words that identify: particles always dropped, legal words for organisations."""
    out = [t for t in tokens if t not in PARTICLES]
    if kind == "organization":
        out = [t for t in out if t not in LEGAL_WORDS]
    if kind == "vessel":
        out = [t for t in out if t not in {"mv", "mt", "ms", "m", "v", "t"}]
    return out


def strip_al(word: str) -> str:
    """Drop a joined Arabic article ("alzawahiri" -> "zawahiri") from a long word."""
    for prefix in ("al", "el", "ul"):
        if word.startswith(prefix) and len(word) >= len(prefix) + 4:
            return word[len(prefix) :]
    return word


@dataclass(frozen=True, slots=True)
class Alignment:
    """Which words of two names matched, and in what order."""

    left: list[str]
    right: list[str]
    pairs: list[tuple[int, int]]  # (left index, right index), in left order
    left_free: list[str]  # words of the left name with no counterpart
    right_free: list[str]

    @property
    def in_order(self) -> bool:
        """True when the matched words come in the same order on both sides."""
        rights = [j for _, j in self.pairs]
        return rights == sorted(rights)


def align(left: Sequence[str], right: Sequence[str]) -> Alignment:
    """Match each word to a similar word of the other name, or to two adjacent words joined."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[int, int]] = []

    def take(i: int, j: int, i2: int | None = None, j2: int | None = None) -> None:
        used_left.update({i} | ({i2} if i2 is not None else set()))
        used_right.update({j} | ({j2} if j2 is not None else set()))
        pairs.append((i, j))

    for i, word in enumerate(left):
        free = [j for j in range(len(right)) if j not in used_right]
        exact = [j for j in free if right[j] == word]
        close = exact or [j for j in free if similar(strip_al(word), strip_al(right[j]))]
        if close:
            take(i, close[0])
    for i, word in enumerate(left):  # joined words: "abdulrahman" ~ "abdul rahman"
        if i in used_left:
            continue
        for j in range(len(right) - 1):
            if j in used_right or j + 1 in used_right:
                continue
            if similar(word, right[j] + right[j + 1]):
                take(i, j, None, j + 1)
                break
        else:
            if i + 1 < len(left) and i + 1 not in used_left:
                pair = left[i] + left[i + 1]
                for j in range(len(right)):
                    if j not in used_right and similar(pair, right[j]):
                        take(i, j, i + 1)
                        break
    pairs.sort()
    return Alignment(
        list(left),
        list(right),
        pairs,
        [w for i, w in enumerate(left) if i not in used_left],
        [w for j, w in enumerate(right) if j not in used_right],
    )


SAME, SPELLING, ORDER, PARTIAL = "same", "spelling", "order", "partial"
CONFLICTING, UNRELATED = "conflicting", "unrelated"


def natural_order(name: str, kind: str) -> str:
    """Read an OFAC-style "SURNAME, Given" person name as "Given SURNAME"."""
    if kind == "person" and name.count(",") == 1:
        surname, given = (p.strip() for p in name.split(","))
        if surname and given:
            return f"{given} {surname}"
    return name


def loosely_similar(a: str, b: str) -> bool:
    """True when two words may still be spellings of one word (edit similarity >= 0.5)."""
    if a.isdigit() or b.isdigit():
        return a == b
    return min(len(a), len(b)) >= 3 and Levenshtein.normalized_similarity(a, b) >= 0.5


def abbreviates(short: str, long: str) -> bool:
    """True when a word is a cut-off abbreviation of another ("eng" of "engineering")."""
    return len(short) >= 3 and len(long) >= len(short) + 2 and long.startswith(short)


def _pair_leftovers(found: Alignment, kind: str) -> tuple[list[str], list[str], int]:
    """Pair the unmatched words loosely, in order; return what is still unmatched."""
    left, right = list(found.left_free), list(found.right_free)
    paired = 0
    for word in list(left):
        for other in right:
            close = loosely_similar(word, other)
            if kind != "person":
                close = close or abbreviates(word, other) or abbreviates(other, word)
            if close:
                left.remove(word)
                right.remove(other)
                paired += 1
                break
    return left, right, paired


def relation(a: str, b: str, kind: str) -> str:
    """Say how two names of one entry relate, for deciding whether a matcher could link them.

    * ``same``: the same words (case and punctuation aside): not a test of anything;
    * ``spelling``: every identifying word has a counterpart (a spelling, a joined or
      split form, a loose respelling where everything else agrees), in the same order;
      legal forms, particles and titles may differ;
    * ``order``: the same, in another order;
    * ``partial``: the shorter name's words all have counterparts and the longer adds
      words (persons: the shorter has two words or more; organisations: the shorter
      covers at least half of the longer);
    * ``conflicting``: two or more words agree but each name has a word the other lacks
      ("Mohamad Rafi bin Udin" / "Mhammad Rahim Bin Udin"): by name alone, this looks
      like a different person, though the list says it is the same;
    * ``unrelated``: anything else: different names, kunyas against full names,
      one-word nicknames, acronyms against spelt-out names, translations.
    """
    full_a, full_b = words(natural_order(a, kind)), words(natural_order(b, kind))
    if full_a == full_b:
        return SAME
    if kind == "organization" and (is_acronym(a) != is_acronym(b)):
        return UNRELATED
    ta, tb = significant(full_a, kind), significant(full_b, kind)
    if not ta or not tb:
        return UNRELATED
    if kind == "person" and ((ta[0] in KUNYA) != (tb[0] in KUNYA)):
        return UNRELATED
    found = align(ta, tb)
    if not found.pairs:  # nothing agrees: a loose pairing would link any two short names
        return UNRELATED
    free_a, free_b, loose = _pair_leftovers(found, kind)
    agreed = len(found.pairs) + loose
    if not free_a and not free_b:
        return SPELLING if found.in_order else ORDER
    if free_a and free_b:
        return CONFLICTING if len(found.pairs) >= 2 else UNRELATED
    shorter, longer = (tb, ta) if free_a else (ta, tb)
    if kind == "person":
        return PARTIAL if len(shorter) >= 2 and agreed >= 2 else UNRELATED
    if kind == "organization" and 2 * agreed >= len(longer):
        generic = all(w in PLACE_WORDS for w in free_a or free_b)
        return PARTIAL if len(shorter) >= 2 or generic else UNRELATED
    return UNRELATED
