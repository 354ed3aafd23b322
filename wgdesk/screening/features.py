"""Every scoring feature of the matcher and its value, in one declarative table.

A name score is built from a few kinds of numbers, and each has its home here with a
sentence saying what it means:
- **agreement**: how much two words agree when a rule pairs them (1.0 the same word);
- **weight**: how much a word counts in its name, relative to its rarity;
- **factor**: multiplies a whole name score when the names relate in a certain way;
- **korean**: an outcome of the Korean personal-name rule;
- **adjustment**: added to a name score for what the query says besides the name;
- **limit**: a bound a rule applies (a minimum similarity, a minimum length).

The rules in ``compare/`` and ``score.py`` read their numbers from here, and explanations
name the features that made a score, so the two cannot drift apart. ``docs/screening.md``
lists every feature (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a feature's value does to a score."""

    AGREEMENT = "agreement"
    WEIGHT = "weight"
    FACTOR = "factor"
    KOREAN = "korean"
    ADJUSTMENT = "adjustment"
    LIMIT = "limit"


@dataclass(frozen=True, slots=True)
class Feature:
    """One named number of the matcher, with what it means."""

    name: str
    kind: Kind
    value: float
    description: str


FEATURES: tuple[Feature, ...] = (
    # How two words agree.
    Feature(
        "same_word",
        Kind.AGREEMENT,
        1.0,
        "The same word once folded (case, diacritics, apostrophes and breves ignored).",
    ),
    Feature(
        "names_of_korea",
        Kind.AGREEMENT,
        1.0,
        "Both words name Korea (Korea, Korean, Choson, Chosun, DPRK, 조선).",
    ),
    Feature(
        "translation",
        Kind.AGREEMENT,
        1.0,
        "A Hangul glossary term and its English translation (은행 = Bank).",
    ),
    Feature(
        "joined_words",
        Kind.AGREEMENT,
        1.0,
        "Adjacent words written as one (AM ROK GANG = Amrokgang).",
    ),
    Feature(
        "transliteration",
        Kind.AGREEMENT,
        1.0,
        "The same word in another script once transliterated to Latin (Иван = Ivan).",
    ),
    Feature(
        "korean_reading",
        Kind.AGREEMENT,
        0.9,
        "Two spellings that read as the same Korean syllables (Daesong = Taesong = 대성): "
        "likely the same word, not certain.",
    ),
    Feature(
        "consonants",
        Kind.AGREEMENT,
        0.85,
        "A word of a script that writes no short vowels (Arabic) and a Latin word with the "
        "same consonants: at least this, or the spelling similarity when higher.",
    ),
    Feature(
        "equivalent_name",
        Kind.AGREEMENT,
        0.9,
        "Two words of personal names that rigour links to the same given or family name in "
        "another language or script (Aleksandr = Alexander = Олександр, ウラジーミル = "
        "Vladimir): at least this, or the spelling similarity when higher.",
    ),
    Feature(
        "nickname",
        Kind.AGREEMENT,
        0.85,
        "A nickname or hypocoristic of a given name (Bill = William, Sasha = Aleksandr).",
    ),
    Feature(
        "initial",
        Kind.AGREEMENT,
        0.6,
        "An initial and a word of a personal name it begins (A. = Aleksandr): it says the "
        "name could be that, not that it is.",
    ),
    Feature(
        "phonetic",
        Kind.AGREEMENT,
        0.85,
        "In the phonetic mode only: two Latin words with the same metaphone code (Vladimir, "
        "Wladimir).",
    ),
    Feature(
        "spelling",
        Kind.LIMIT,
        0.75,
        "Edit similarity (1 - edits / letters) below which two spellings are different "
        "words; at or above it, the similarity is the agreement.",
    ),
    Feature(
        "vowel_edit",
        Kind.LIMIT,
        0.5,
        "What an edit of a vowel counts in a Latin spelling, against 1 for a consonant: "
        "transliterations differ in vowels (Taysir, Tayseer; Hanifa, Hanifeh).",
    ),
    Feature(
        "fuzzy_letters",
        Kind.LIMIT,
        4,
        "Words shorter than this many letters agree only exactly, or with their vowels spelt "
        "another way (Kia is not Gia; Abu is Abou).",
    ),
    # How much a word weighs in its name.
    Feature(
        "legal_form_weight",
        Kind.WEIGHT,
        0.3,
        "The fixed weight of a legal form (Co., Ltd, JSC), about that of the commonest word.",
    ),
    Feature(
        "descriptor_weight",
        Kind.WEIGHT,
        0.5,
        "Multiplies the rarity of a descriptive word (bank, trade, export) in a name that "
        "also has a proper name: such words say what, not which.",
    ),
    Feature(
        "korea_weight",
        Kind.WEIGHT,
        0.25,
        "Multiplies the rarity of a name of Korea, which is on nearly every DPRK entity.",
    ),
    Feature(
        "omitted_word",
        Kind.WEIGHT,
        0.5,
        "When every word of one name pairs, the other name's extra words count this share "
        "of their weight: a name given in part (Vladimir Putin for Vladimir Vladimirovich "
        "Putin) omits words, where a different name would replace them.",
    ),
    Feature(
        "initial_weight",
        Kind.WEIGHT,
        0.5,
        "The fixed weight of an initial, whatever its rarity: a letter says little.",
    ),
    # How a relation between two whole names changes the score.
    Feature(
        "substitution",
        Kind.FACTOR,
        0.9,
        "Each name keeps a word the other lacks (Oil / Insurance): one word stands in for "
        "another, which makes another organisation or person.",
    ),
    Feature(
        "generic_query",
        Kind.FACTOR,
        0.75,
        "A query of generic words only (Bank of Korea) against a list name with a word it "
        "lacks: without a proper name, the exact combination of words is the identity.",
    ),
    Feature(
        "person_as_organisation",
        Kind.FACTOR,
        0.85,
        "An untyped query that reads as a Korean personal name, against an organisation "
        "(Jung Kook and the 정국 of 정찰총국).",
    ),
    Feature(
        "number_conflict",
        Kind.FACTOR,
        0.6,
        "Both names carry a number and a number of one has no equal in the other (Partners "
        "II / Partners III, KUM GANG 2 / KUM GANG 3): another entity.",
    ),
    Feature(
        "legal_form_conflict",
        Kind.FACTOR,
        0.75,
        "Both names give a specific legal form, of different kinds (AG, a joint-stock "
        "company, and GmbH, a limited-liability one): most likely another company.",
    ),
    Feature(
        "order_conflict",
        Kind.FACTOR,
        0.6,
        "Both names are an Arabic nasab and a word next to a bin in both pairs across "
        "generations, counted in spoken order: Khalid bin Abdullah is the son, Abdullah bin "
        "Khalid the father, 'BIN QASIM, Hamid' the son of Qasim.",
    ),
    Feature(
        "weak_alias",
        Kind.FACTOR,
        0.92,
        "A list alias that the list itself marks as weak (UN low quality, OFAC weak a.k.a.).",
    ),
    # The Korean personal-name rule (compare/korean.py).
    Feature(
        "korean_same_name",
        Kind.KOREAN,
        0.94,
        "Same surname and every given-name syllable agrees, spelled differently; up to "
        "korean_same_name_span more the closer the spellings, 1.0 when spelled alike.",
    ),
    Feature(
        "korean_same_name_span",
        Kind.KOREAN,
        0.05,
        "Added to korean_same_name in proportion to how alike the two spellings are.",
    ),
    Feature(
        "korean_missing_syllable",
        Kind.KOREAN,
        0.74,
        "Same surname, a two-syllable given name inside a three-syllable one: review.",
    ),
    Feature(
        "korean_missing_from_pair",
        Kind.KOREAN,
        0.62,
        "Same surname, a one-syllable given name inside a two-syllable one (Son Min / Son "
        "Heung-min): they share one syllable, which random names often do.",
    ),
    Feature(
        "korean_other_surname",
        Kind.KOREAN,
        0.50,
        "The same given name under another surname: another family.",
    ),
    Feature(
        "korean_differing",
        Kind.KOREAN,
        0.30,
        "Same surname, a given-name syllable differs (Kim Song Il / Kim Song Chol); up to "
        "korean_differing_span more in proportion to the syllables that agree.",
    ),
    Feature(
        "korean_differing_span",
        Kind.KOREAN,
        0.25,
        "Added to korean_differing in proportion to the given-name syllables that agree.",
    ),
    # What the query says besides the name (compare/entity.py).
    Feature(
        "same_birth_day",
        Kind.ADJUSTMENT,
        0.04,
        "The query's date of birth is a day the list gives.",
    ),
    Feature(
        "same_birth_year",
        Kind.ADJUSTMENT,
        0.02,
        "The query's date of birth falls within a date or range the list gives.",
    ),
    Feature(
        "birth_date_conflict",
        Kind.ADJUSTMENT,
        -0.10,
        "The query's date of birth is outside every listed one; the score is also capped "
        "just below the match threshold, but a name that alone was a match stays at review.",
    ),
    Feature(
        "country_agrees",
        Kind.ADJUSTMENT,
        0.02,
        "The query's nationality or country is among the entry's.",
    ),
    Feature(
        "country_conflict",
        Kind.ADJUSTMENT,
        -0.05,
        "The query's nationality or country is none of the entry's.",
    ),
    Feature(
        "type_conflict",
        Kind.ADJUSTMENT,
        -0.25,
        "A person against an organisation, vessel or aircraft, or the reverse.",
    ),
)

_BY_NAME = {feature.name: feature for feature in FEATURES}


def feature(name: str) -> float:
    """Return a feature's value (KeyError for a name the table does not have)."""
    return _BY_NAME[name].value


def describe(name: str) -> Feature:
    """Return a feature with its kind and description."""
    return _BY_NAME[name]
