"""Find candidate HS codes from a plain-language description, in English or Korean.

A small ranked full-text search over the nomenclature's descriptions: words are
lower-cased and reduced by a light stemmer, query words are expanded with synonyms
(trade words that HS descriptions do not use, e.g. "truck" for "vehicles for the
transport of goods") and Korean words are translated through a small glossary. Scores
are BM25 with a bonus for codes that match every query concept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wgdesk.rules.hs import Entry, Nomenclature
from wgdesk.yamlio import load_yaml

_WORD = re.compile(r"[a-z0-9]+|[\uac00-\ud7a3]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ers", "er", "ors", "or", "ed", "e")
_STOP_WORDS = """a an and or of the for to in on with by from other than not nes nec its their
whether thereof such as be are is this that etc item items no heading chapter"""
_STOP = frozenset(_STOP_WORDS.split())
SYNONYM_WEIGHT = 0.7
_K1, _B = 1.2, 0.6


def stem(word: str) -> str:
    """Reduce a lower-case English word to a crude stem shared by its common forms."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """Return the stemmed, stop-word-free words of a text."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


_CLAUSE = re.compile(r"[;,()]")
_NEGATION = re.compile(r"\b(?:other than|excluding|except|not|n\.e\.c)\b")


def affirmed_tokens(description: str) -> list[str]:
    """Return the words a description asserts, dropping those it excludes.

    "Rail locomotives; other than diesel-electric powered" is not about diesel-electric
    locomotives, so words after "other than", "excluding" or "not" in a clause are dropped.
    """
    words: list[str] = []
    for clause in _CLAUSE.split(description.lower()):
        negated = _NEGATION.search(clause)
        words += tokens(clause[: negated.start()] if negated else clause)
    return words


@dataclass(frozen=True, slots=True)
class Hit:
    """One candidate code with its score and the words that matched."""

    code: str
    description: str
    score: float
    matched: tuple[str, ...]


Phrase = tuple[str, ...]
Concept = dict[Phrase, float]


@dataclass(frozen=True, slots=True)
class Glossary:
    """English synonyms and Korean-to-English translations used to expand queries."""

    synonyms: dict[str, tuple[str, ...]]
    korean: dict[str, tuple[str, ...]]

    @classmethod
    def bundled(cls) -> Glossary:
        """Load the glossary shipped with the package (hs_glossary.yaml)."""
        return _bundled_glossary()

    def concepts(self, query: str) -> list[Concept]:
        """Return each query concept as alternative phrases (stem tuples) with weights."""
        concepts: list[Concept] = []
        for word in _WORD.findall(query.lower()):
            if word in _STOP:
                continue
            if word.isascii():
                concepts.append(self._expand(word))
            else:
                concepts.extend(self._korean(word))
        return [c for c in concepts if c]

    def _expand(self, word: str) -> Concept:
        """Return the word itself and its synonym phrases, synonyms weighted lower."""
        concept: Concept = {(stem(word),): 1.0}
        for phrase in self.synonyms.get(word, ()) + self.synonyms.get(stem(word), ()):
            concept.setdefault(tuple(tokens(phrase)), SYNONYM_WEIGHT)
        return concept

    def _korean(self, word: str) -> list[Concept]:
        """Translate a Hangul word by the longest glossary terms it contains."""
        found: list[Concept] = []
        i = 0
        while i < len(word):
            for j in range(len(word), i, -1):
                if word[i:j] in self.korean:
                    found.append({tuple(tokens(p)): 1.0 for p in self.korean[word[i:j]]})
                    i = j
                    break
            else:
                i += 1
        return found


@cache
def _bundled_glossary() -> Glossary:
    """Read and cache the packaged glossary file."""
    text = resources.files("wgdesk.rules").joinpath("hs_glossary.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return Glossary(
        {k: tuple(v) for k, v in data["synonyms"].items()},
        {k: tuple(v) for k, v in data["korean"].items()},
    )


class SearchIndex:
    """An inverted index over headings and subheadings of one nomenclature."""

    def __init__(self, nomenclature: Nomenclature, glossary: Glossary | None = None) -> None:
        self.glossary = glossary or Glossary.bundled()
        self.entries = [e for e in nomenclature.entries.values() if e.level in (4, 6)]
        self.postings: dict[str, dict[int, int]] = {}
        self.lengths: list[int] = []
        for doc, entry in enumerate(self.entries):
            words = affirmed_tokens(entry.description)
            self.lengths.append(len(words))
            for word in words:
                counts = self.postings.setdefault(word, {})
                counts[doc] = counts.get(doc, 0) + 1
        self.average = sum(self.lengths) / max(len(self.lengths), 1)

    def _idf(self, word: str) -> float:
        """Return the BM25 inverse document frequency of a stem."""
        df = len(self.postings.get(word, {}))
        return math.log(1 + (len(self.entries) - df + 0.5) / (df + 0.5))

    def _term(self, word: str, doc: int) -> float:
        """Return the BM25 contribution of one stem to one description."""
        tf = self.postings[word][doc]
        norm = _K1 * (1 - _B + _B * self.lengths[doc] / self.average)
        return self._idf(word) * tf * (_K1 + 1) / (tf + norm)

    def _phrase(self, phrase: Phrase) -> dict[int, float]:
        """Score descriptions containing words of a phrase, scaled by coverage squared."""
        sums: dict[int, float] = {}
        hits: dict[int, int] = {}
        for word in phrase:
            for doc in self.postings.get(word, {}):
                sums[doc] = sums.get(doc, 0.0) + self._term(word, doc)
                hits[doc] = hits.get(doc, 0) + 1
        return {
            doc: value * (hits[doc] / len(phrase)) ** 2
            for doc, value in sums.items()
            if hits[doc] * 2 >= len(phrase)
        }

    def _concept(self, concept: Concept) -> dict[int, tuple[float, str]]:
        """Return each description's best score for one concept, with the phrase that won."""
        best: dict[int, tuple[float, str]] = {}
        for phrase, weight in concept.items():
            for doc, value in self._phrase(phrase).items():
                if weight * value > best.get(doc, (0.0, ""))[0]:
                    best[doc] = (weight * value, " ".join(phrase))
        return best

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Return the best codes, best first; codes matching every concept lead."""
        concepts = self.glossary.concepts(query)
        per_concept = [self._concept(c) for c in concepts]
        scores: dict[int, float] = {}
        matched: dict[int, list[str]] = {}
        for found in per_concept:
            for doc, (value, phrase) in found.items():
                scores[doc] = scores.get(doc, 0.0) + value
                matched.setdefault(doc, []).append(phrase)
        total = max(len(concepts), 1)
        final = {d: s * (len(matched[d]) / total) ** 2 for d, s in scores.items()}
        ranked = sorted(final, key=lambda d: (-final[d], self.entries[d].code))
        if ranked and len(matched[ranked[0]]) < total:
            ranked = self._interleave(per_concept)
        return [self._hit(d, final[d], matched[d]) for d in ranked[:limit]]

    def _interleave(self, per_concept: list[dict[int, tuple[float, str]]]) -> list[int]:
        """Alternate the best codes of each concept when no code matches them all."""
        lists = [
            sorted(found, key=lambda d, f=found: (-f[d][0], self.entries[d].code))  # type: ignore[misc]
            for found in per_concept
        ]
        order: dict[int, None] = {}
        for rank in range(max((len(x) for x in lists), default=0)):
            for ranked in lists:
                if rank < len(ranked):
                    order.setdefault(ranked[rank], None)
        return list(order)

    def _hit(self, doc: int, score: float, words: list[str]) -> Hit:
        """Build the public result for one ranked description."""
        entry: Entry = self.entries[doc]
        return Hit(entry.code, entry.description, round(score, 3), tuple(words))
