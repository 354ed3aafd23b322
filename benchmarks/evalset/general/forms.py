"""The generator's tables: legal forms, numbers, keyboard neighbours, Cyrillic and Han spellings.

Written for this generator (not taken from wgdesk or from another project's tests):

* ``LEGAL_GROUPS``: legal forms with one meaning, each written several ways
  ("LTD" / "LIMITED"), grouped into families in which *different* groups are different
  legal forms (AG and GmbH, OAO and ZAO, LLC and Inc);
* number words for 0-99 and ordinals, and Roman numerals;
* the QWERTY neighbours of each letter, for typing errors;
* a reverse of the usual English romanization of Russian (BGN/PCGN-style, as the OFAC
  list writes Russian names) to write a listed Russian name back in Cyrillic;
* Chinese characters by Mandarin reading (toneless pinyin), from the ``pypinyin``
  package's character readings, restricted to the 3,755 common characters of GB 2312
  level 1, for writing a listed pinyin name in Han characters and for finding
  homophones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class LegalGroup:
    """Legal forms with the same meaning; ``family`` groups the forms that compete."""

    key: str
    family: str
    forms: tuple[str, ...]  # as written on lists, upper case; the first is the usual one
    spanish: bool = False  # "S.A." is Spanish only where the entry is in a Spanish country


LEGAL_GROUPS: tuple[LegalGroup, ...] = (
    LegalGroup("ltd", "uk", ("LTD", "LTD.", "LIMITED")),
    LegalGroup("plc", "uk", ("PLC", "P.L.C.", "PUBLIC LIMITED COMPANY")),
    LegalGroup("llp", "uk", ("LLP", "L.L.P.", "LIMITED LIABILITY PARTNERSHIP")),
    LegalGroup("co_ltd", "", ("CO., LTD.", "CO., LTD", "CO. LTD", "CO LTD", "COMPANY LIMITED")),
    LegalGroup("co", "", ("CO.", "CO", "COMPANY")),
    LegalGroup("corp", "", ("CORP.", "CORP", "CORPORATION")),
    LegalGroup("inc", "us", ("INC.", "INC", "INCORPORATED")),
    LegalGroup("llc", "us", ("LLC", "L.L.C.", "LIMITED LIABILITY COMPANY")),
    LegalGroup("lp", "us", ("LP", "L.P.", "LIMITED PARTNERSHIP")),
    LegalGroup("ag", "de", ("AG", "AKTIENGESELLSCHAFT")),
    LegalGroup("gmbh", "de", ("GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG")),
    LegalGroup("kg", "de", ("KG", "KOMMANDITGESELLSCHAFT")),
    LegalGroup("oao", "ru", ("OAO", "OJSC", "OPEN JOINT STOCK COMPANY")),
    LegalGroup("zao", "ru", ("ZAO", "CJSC", "CLOSED JOINT STOCK COMPANY")),
    LegalGroup("pao", "ru", ("PAO", "PJSC", "PUBLIC JOINT STOCK COMPANY")),
    LegalGroup("ao", "ru", ("AO", "JSC", "JOINT STOCK COMPANY")),
    LegalGroup("ooo", "ru", ("OOO", "LIMITED LIABILITY COMPANY")),
    LegalGroup("sa", "es", ("S.A.", "SA", "SOCIEDAD ANONIMA"), spanish=True),
    LegalGroup("sacv", "", ("S.A. DE C.V.", "SA DE CV", "SOCIEDAD ANONIMA DE CAPITAL VARIABLE")),
    LegalGroup(
        "srl",
        "es",
        ("S.R.L.", "SRL", "S. DE R.L.", "LTDA", "LTDA.", "SOCIEDAD DE RESPONSABILIDAD LIMITADA"),
    ),
    LegalGroup("sarl", "fr", ("SARL", "S.A.R.L.", "SOCIETE A RESPONSABILITE LIMITEE")),
    LegalGroup("sas", "fr", ("SAS", "S.A.S.", "SOCIETE PAR ACTIONS SIMPLIFIEE")),
    LegalGroup("fze", "ae", ("FZE", "FREE ZONE ESTABLISHMENT")),
    LegalGroup("fzco", "ae", ("FZCO", "FREE ZONE COMPANY")),
    LegalGroup("sdnbhd", "my", ("SDN BHD", "SDN. BHD.", "SENDIRIAN BERHAD")),
    LegalGroup("bhd", "my", ("BHD", "BERHAD")),
    LegalGroup("pteltd", "", ("PTE LTD", "PTE. LTD.", "PRIVATE LIMITED")),
    LegalGroup("as", "tr", ("A.S.", "AS", "ANONIM SIRKETI")),
    LegalGroup("ltdsti", "tr", ("LTD. STI.", "LTD STI", "LIMITED SIRKETI")),
)
SPANISH_COUNTRIES = frozenset(
    re.split(
        ",",
        "mexico,colombia,venezuela,panama,peru,ecuador,spain,argentina,guatemala,honduras,"
        "el salvador,nicaragua,costa rica,bolivia,chile,paraguay,uruguay,cuba,dominican republic",
    )
)
# Groups whose short forms tell their meaning only with the written-out form beside them.
_FORM_WORDS = re.compile(r"[A-Z0-9]+")


def form_words(form: str) -> tuple[str, ...]:
    """Return a legal form's words without dots and commas ("S. DE R.L." -> S, DE, RL)."""
    collapsed = re.sub(r"(?<=\b[A-Z])\.(?=[A-Z]\b)", "", form.upper())  # L.L.C -> LLC
    return tuple(_FORM_WORDS.findall(collapsed.replace(".", " ").replace(",", " ")))


def letters(form: str) -> str:
    """Return a form's letters only ("CO., LTD." -> "COLTD")."""
    return "".join(c for c in form.upper() if c.isalnum())


@dataclass(frozen=True, slots=True)
class FoundForm:
    """A legal form found at the start or end of a name."""

    group: LegalGroup
    form: str  # the form as the group writes it
    start: int  # character span in the name
    end: int


def _pattern(form: str) -> str:
    """A regular expression for a form, tolerant of dots, commas and spacing."""
    parts = [re.escape(w) for w in form_words(form)]
    return r"[\s,.]*".join(
        r"\.?".join(re.escape(c) for c in p) if len(p) <= 4 else p for p in parts
    )


@cache
def _compiled() -> tuple[tuple[LegalGroup, str, re.Pattern[str], re.Pattern[str]], ...]:
    """Every form's end-of-name and start-of-name patterns, longest form first."""
    rows = []
    for group in LEGAL_GROUPS:
        for form in group.forms:
            body = _pattern(form)
            end = re.compile(r"(?:^|[\s,]+)(" + body + r")\.?\s*$", re.IGNORECASE)
            start = re.compile(r"^(" + body + r")(?:\s+|$)", re.IGNORECASE)
            rows.append((group, form, end, start))
    rows.sort(key=lambda row: -len(letters(row[1])))
    return tuple(rows)


def find_form(name: str, countries: tuple[str, ...] = ()) -> FoundForm | None:
    """Find the legal form a name ends (or starts) with, the longest first."""
    spanish = any(c.lower() in SPANISH_COUNTRIES for c in countries)
    for group, form, end, start in _compiled():
        if group.spanish and not spanish:
            continue
        for pattern in (end, start):
            match = pattern.search(name)
            if match and match.group(1).strip() != name.strip():
                return FoundForm(group, form, match.start(1), match.end(1))
    return None


def in_case_of(text: str, like: str) -> str:
    """Write text in the letter case of ``like`` (upper, lower or title)."""
    if like.isupper():
        return text.upper()
    if like.islower():
        return text.lower()
    return " ".join(
        w if w.isupper() and len(w) <= 4 and "." in w else w.title() for w in text.split()
    )


def replace_form(name: str, found: FoundForm, form: str) -> str:
    """Put another legal form in place of the one found, in the name's letter case."""
    before, after = name[: found.start], name[found.end :]
    if after.startswith("."):
        after = after[1:]
    if name.isupper() or (" " not in form and len(letters(form)) <= 5):
        written = form  # abbreviations stay in capitals: "Alpha Trading LLC"
    else:
        written = in_case_of(form, name)
    joiner = ", " if before.rstrip().endswith(",") else " "
    return " ".join(f"{before.rstrip(' ,')}{joiner}{written}{after}".split()).strip()


# --- numbers ------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """The words of a space-separated list."""
    return text.split()


_ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
_ORDINAL_ONES = _words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_ORDINAL_TENS = _words(
    "_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
)


def number_word(n: int) -> str:
    """Spell 0-99 in English ("17" -> "seventeen", "42" -> "forty-two")."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def ordinal_word(n: int) -> str:
    """Spell an ordinal 1-99 ("2" -> "second", "21" -> "twenty-first")."""
    if n < 20:
        return _ORDINAL_ONES[n]
    tens, ones = divmod(n, 10)
    return _ORDINAL_TENS[tens] if not ones else f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}"


def ordinal_suffix(n: int) -> str:
    """Write an ordinal in figures ("2" -> "2nd", "11" -> "11th")."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


NUMBER_WORDS = {number_word(n): n for n in range(100)}
ORDINAL_WORDS = {ordinal_word(n): n for n in range(1, 100)}
ROMAN = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
    "X": 10, "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15,
}  # fmt: skip
ROMAN_OF = {n: r for r, n in ROMAN.items()}


# --- typing errors ------------------------------------------------------------------------

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@cache
def keyboard_neighbours(letter: str) -> str:
    """Return the letters next to one on a QWERTY keyboard (same row and the rows beside)."""
    letter = letter.lower()
    for r, row in enumerate(_ROWS):
        if letter in row:
            c = row.index(letter)
            near = {row[i] for i in (c - 1, c + 1) if 0 <= i < len(row)}
            for other in (r - 1, r + 1):
                if 0 <= other < len(_ROWS):
                    near |= {_ROWS[other][i] for i in (c - 1, c) if 0 <= i < len(_ROWS[other])}
            return "".join(sorted(near))
    return ""


# --- Cyrillic -------------------------------------------------------------------------------

_CYR_MULTI = (
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
)  # fmt: skip
_CYR_ONE = dict(zip("abvgdezijklmnoprstufhcwxq", "абвгдезийклмнопрстуфхквкск", strict=False))
_CYR_ONE |= {"x": "кс", "w": "в", "q": "к", "c": "к", "j": "дж", "h": "х"}
_VOWELS = set("aeiouy")


def to_cyrillic(word: str) -> str:
    """Write a romanized Russian word in Cyrillic ("Valeryevich" -> "Валерьевич")."""
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        rest = low[i:]
        prev = low[i - 1] if i else ""
        after_consonant = bool(prev) and prev not in _VOWELS and prev != "'"
        if rest.startswith(("iy", "yy")) and len(rest) == 2:
            out.append("ий" if rest[0] == "i" else "ый")
            i += 2
            continue
        if rest[0] == "y" and len(rest) > 1 and rest[1] in "aeuo":
            soft = {"a": "я", "e": "е", "u": "ю", "o": "ё"}[rest[1]]
            # "Valeryevich" -> Валерьевич, "Ilya" -> Илья; but "Klyuyev" -> Клюев.
            sign = after_consonant and (rest[1] == "e" or (rest[1] == "a" and len(rest) == 2))
            out.append(("ь" if sign else "") + soft)
            i += 2
            continue
        if rest == "ych":  # Ukrainian patronymics: "Petrovych" -> Петрович
            out.append("ич")
            break
        if rest[0] == "y":
            if len(rest) == 1 and after_consonant:
                out.append("ий")  # "Valery" -> Валерий, "Kostrubitsky" -> Кострубицкий
            else:
                out.append("й" if prev in _VOWELS or not prev else "ы")
            i += 1
            continue
        if rest[0] == "e" and (not prev or prev in _VOWELS) and i == 0:
            out.append("е")
            i += 1
            continue
        for latin, cyr in _CYR_MULTI:
            if rest.startswith(latin):
                out.append(cyr)
                i += len(latin)
                break
        else:
            char = rest[0]
            out.append("ь" if char == "'" else _CYR_ONE.get(char, char))
            i += 1
    text = "".join(out)
    return text[:1].upper() + text[1:]


# --- Han characters ----------------------------------------------------------------------


def _toneless(reading: str) -> str:
    """Strip tone marks from a pinyin reading ("zhōng" -> "zhong", "lǜ" -> "lv")."""
    reading = reading.replace("ü", "v")
    return "".join(c for c in unicodedata.normalize("NFKD", reading) if c.isascii())


def _common(char: str) -> bool:
    """True for the 3,755 common characters of GB 2312 level 1 (first byte 0xB0-0xD7)."""
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


@cache
def han_readings() -> dict[str, tuple[str, ...]]:
    """Map common characters with one Mandarin reading to it (toneless), from pypinyin."""
    from pypinyin.pinyin_dict import pinyin_dict  # the generator's only use of pypinyin

    table: dict[str, tuple[str, ...]] = {}
    for code in sorted(pinyin_dict):
        char = chr(code)
        if not _common(char):
            continue
        readings = tuple(dict.fromkeys(_toneless(r) for r in pinyin_dict[code].split(",")))
        table[char] = readings
    return table


@cache
def chars_by_reading() -> dict[str, tuple[str, ...]]:
    """Map a toneless pinyin syllable to the common characters with only that reading."""
    out: dict[str, list[str]] = {}
    for char, readings in han_readings().items():
        if len(readings) == 1:
            out.setdefault(readings[0], []).append(char)
    return {k: tuple(v) for k, v in sorted(out.items())}


@cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable a common character has."""
    return frozenset(r for readings in han_readings().values() for r in readings)


def reading_of(char: str) -> str | None:
    """Return the one toneless reading of a common character, or None when it has several."""
    readings = han_readings().get(char, ())
    return readings[0] if len(readings) == 1 else None


def split_pinyin(word: str) -> list[str] | None:
    """Split a romanized Chinese given name into syllables ("fangwei" -> ["fang", "wei"])."""
    word = word.lower()
    if word in syllables():
        return [word]
    for cut in range(len(word) - 1, 0, -1):
        head, tail = word[:cut], word[cut:]
        if head in syllables() and tail in syllables():
            return [head, tail]
    return None
