"""What OpenSanctions' ``rigour`` knows about names, in the few forms the matcher uses.

``rigour`` carries data that no hand-written table here could match:
- **person-name symbols**: each given or family name linked to its Wikidata items, in
  every script and language Wikidata records (Aleksandr, Alexander, Олександр and
  Александр share one; Muhammad and Mohamed; the katakana ウラジーミル and Vladimir),
  plus English nicknames (Bill for William);
- **organisation types**: legal forms in many languages and spellings, each with its
  class (Aktiengesellschaft, AG, S.A. and OAO are joint-stock companies; GmbH, OOO, Ltd
  and LLC limited-liability ones);
- **scripts** of a text, and a phonetic code (metaphone) for the optional phonetic mode.

Everything is looked up word by word and kept (names repeat their words). Person-name
symbols come from a table built once from rigour's own data (name_table.py), not from its
tagger, which costs every process seconds to build; the ``name_symbols`` setting switches
them off (docs/settings.md).
"""

from __future__ import annotations

from functools import cache

from wgdesk import config
from wgdesk.screening.cache import word_cache
from wgdesk.screening.name_table import open_table

NAME = "NAME"  # a Wikidata name item: the same name in another spelling, script or language
NICK = "NICK"  # a nickname or hypocoristic (Bill, Sasha)


@cache
def symbols_enabled() -> bool:
    """True when person-name symbols are looked up (the ``name_symbols`` setting)."""
    return config.get_bool("name_symbols")


# Written abbreviations of a given name, which Wikidata does not record as its forms: Mohd
# (Malaysia, Singapore) and Mhd (Syria) for Muhammad, in each spelling Wikidata keeps as a
# name of its own (Mohamad and Muhamad are items apart from Muhammad). Md is left out: it
# is also the medical degree written after a name.
_MUHAMMAD = ("muhammad", "mohammad", "mohammed", "mohamed", "mohamad", "muhamad")
ABBREVIATED_NAMES = {"mohd": _MUHAMMAD, "mhd": _MUHAMMAD, "muhd": _MUHAMMAD}


@word_cache(65536)
def name_symbols(word: str) -> frozenset[str]:
    """Return the name and nickname symbols of one word of a personal name (may be empty).

    An abbreviation of a given name (Mohd, Mhd) has the symbols of the name as well.
    """
    if not symbols_enabled() or len(word) < 2 or word.isdigit():
        return frozenset()
    spellings = ABBREVIATED_NAMES.get(word)
    if spellings is not None:
        return _symbols_of(word).union(*(_symbols_of(full) for full in spellings))
    return _symbols_of(word)


def _symbols_of(word: str) -> frozenset[str]:
    """Return a word's symbols from the table, or from rigour's tagger without one."""
    table = open_table()
    if table is None:
        return _tagged_symbols(word)
    return table.symbols(word)


def _tagged_symbols(word: str) -> frozenset[str]:
    """Return a word's symbols from rigour's own tagger (where the table cannot be built)."""
    from rigour.names import NameTypeTag, analyze_names

    found = analyze_names(
        NameTypeTag.PER,
        [word],
        phonetics=False,
        numerics=False,
        consolidate=False,
        rewrite=False,
    )
    return frozenset(
        f"{symbol.category.value}:{symbol.id}"
        for name in found
        for symbol in name.symbols
        if symbol.category.value in (NAME, NICK)
    )


@word_cache(4096)
def legal_class(form: str) -> str | None:
    """Return the class of a legal form as written (ag -> JSC, gmbh -> LLC), or None.

    Generic words (company, corporation, co) have no class: they say an organisation,
    not which kind.
    """
    from rigour.names import NameTypeTag, analyze_names

    found = analyze_names(
        NameTypeTag.ORG, ["x " + form], phonetics=False, numerics=False, consolidate=False
    )
    classes = {
        symbol.id for name in found for symbol in name.symbols if symbol.category.value == "ORGCLS"
    }
    return min(classes) if classes else None


@word_cache(65536)
def org_type_forms(text: str) -> tuple[tuple[str, str], ...]:
    """Return the legal-form phrases of an organisation name with their compare forms.

    ("Open Joint Stock Company", "ojsc"), ("Aktiengesellschaft", "ag"): each a phrase as
    written and the one word it is compared as.
    """
    from rigour.names import extract_org_types

    return tuple((found, compare) for found, compare in extract_org_types(text) if compare)


@word_cache(65536)
def phonetic_code(word: str) -> str:
    """Return a word's metaphone code (Vladimir and Wladimir: FLTMR, LTMR), or ''."""
    if not word.isascii() or not word.isalpha() or len(word) < 3:
        return ""
    from rigour.text import metaphone

    return str(metaphone(word))


@cache
def person_name_prefixes() -> tuple[str, ...]:
    """Return rigour's honorific prefixes of personal names (Mr., Dr., His Excellency)."""
    from rigour._core import person_name_prefixes_list

    return tuple(person_name_prefixes_list())


@cache
def ordinals() -> dict[str, int]:
    """Return number words and ordinals as written in English and in figures (second -> 2)."""
    from rigour._core import ordinals_dict

    forms: dict[str, int] = {}
    for value, spellings in ordinals_dict().items():
        for spelling in spellings:
            folded = spelling.lower().replace("-", " ")
            if _english_number(folded):
                forms[folded.replace(" ", "")] = value
                forms[folded] = value
    return forms


_ENGLISH_NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
        "hundredth",
    ]
)


def _english_number(text: str) -> bool:
    """True for an English number or ordinal in words, or a figure with an ordinal suffix."""
    words = text.split()
    if words and all(w in _ENGLISH_NUMBER_WORDS for w in words):
        return True
    return len(words) == 1 and text[:-2].isdigit() and text[-2:] in ("st", "nd", "rd", "th")
