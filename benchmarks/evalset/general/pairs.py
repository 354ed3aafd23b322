"""Every candidate pair of each category, before sampling (README.md beside this file).

Each ``*_pairs`` function takes the listed entries of one split and a seeded random
generator and returns candidate pairs; ``build.py`` samples them to the category sizes.
A pair's ``candidate`` is always a name as a list writes it; its ``query`` is another
listed name of the same entry, a variant made from a listed name, or (negatives) a name
of a different entry or a changed name.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from anyascii import anyascii

from benchmarks.evalset.general import forms
from benchmarks.evalset.general.sources import (
    ORGANIZATION,
    ORIGINAL,
    PERSON,
    VESSEL,
    Listed,
    ListedName,
    script_of,
)
from benchmarks.evalset.general.text import (
    KUNYA,
    LEGAL_WORDS,
    ORDER,
    PARTIAL,
    PARTICLES,
    PLACE_WORDS,
    SPELLING,
    dissimilar,
    fold,
    is_acronym,
    natural_order,
    relation,
    significant,
    sound_key,
    words,
)


@dataclass(frozen=True, slots=True)
class Pair:
    """One query/candidate pair with its label and where it comes from."""

    query: str
    candidate: str
    type: str
    category: str
    label: bool
    origin: str
    uids: tuple[str, ...]  # the entries it is made from (for the dev/test split)


def latin_names(entry: Listed) -> list[ListedName]:
    """The entry's names in Latin script, the primary first."""
    return [n for n in entry.names if n.kind != ORIGINAL and script_of(n.text) == "LATIN"]


def usable(name: str, kind: str) -> bool:
    """True for a name worth varying: letters, not a note, persons without digits."""
    if not re.search(r"[A-Za-z]{2}", name) or len(name) > 90:
        return False
    return not (kind == PERSON and re.search(r"\d", name))


def as_query(name: str, kind: str, rng: random.Random) -> str:
    """Write a listed name as a user might type it: "SURNAME, Given" half the time in order."""
    if kind == PERSON and name.count(",") == 1 and rng.random() < 0.5:
        return natural_order(name, kind)
    return name


# --- true pairs from the lists' own names ----------------------------------------------------

ALIAS_CATEGORY = {
    (PERSON, SPELLING): "alias_person_latin",
    (PERSON, ORDER): "alias_person_order",
    (PERSON, PARTIAL): "alias_person_partial",
    (ORGANIZATION, SPELLING): "alias_org",
    (ORGANIZATION, ORDER): "alias_org",
    (ORGANIZATION, PARTIAL): "alias_org_partial",
    (VESSEL, SPELLING): "vessel_variant",
    (VESSEL, ORDER): "vessel_variant",
    (VESSEL, PARTIAL): "vessel_variant",
}


def alias_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Pair each listed name with the entry's earlier names; classify by how they relate."""
    out: list[Pair] = []
    for entry in entries:
        if entry.type not in (PERSON, ORGANIZATION, VESSEL):
            continue
        names = [n.text for n in latin_names(entry) if usable(n.text, entry.type)]
        for i, j in itertools.combinations(range(len(names)), 2):
            candidate, query = names[i], names[j]
            kind = relation(query, candidate, entry.type)
            if kind == "same":
                continue
            category = ALIAS_CATEGORY.get((entry.type, kind), f"alias_{kind}")
            text = as_query(query, entry.type, rng)
            out.append(Pair(text, candidate, entry.type, category, True, entry.uid, (entry.uid,)))
    return out


_SCRIPT_CATEGORY = {"ARABIC": "script_arabic", "CYRILLIC": "script_cyrillic", "CJK": "script_han"}


def _transliteration_of(original: str, latin: str) -> bool:
    """True when an original-script organisation name reads as its Latin name, not a translation.

    At least half of the original's words, romanized by anyascii with a joined Arabic
    article dropped, must share most of a consonant skeleton with a Latin word.
    """
    romanized = [w for w in words(anyascii(original)) if w not in PARTICLES]
    romanized = [w[1:] if w.startswith("l") and len(w) > 4 else w for w in romanized]
    latin_words = [w for w in words(latin) if w not in PARTICLES]
    if not romanized or not latin_words:
        return False
    from rapidfuzz.distance import Levenshtein

    def close(word: str) -> bool:
        key = sound_key(word)
        return any(
            Levenshtein.normalized_similarity(key, sound_key(other)) >= 0.6 for other in latin_words
        )

    if script_of(original) == "CJK":  # Han: the Latin name's words appear in the reading
        joined = "".join(romanized)
        return sum(w in joined for w in latin_words if w not in LEGAL_WORDS) >= 1
    return 2 * sum(close(w) for w in romanized) >= len(romanized)


def script_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Original-script names against the Latin name the list gives them for, and its respellings."""
    out: list[Pair] = []
    for entry in entries:
        latin = [n.text for n in latin_names(entry)]
        for name in entry.names:
            category = _SCRIPT_CATEGORY.get(script_of(name.text))
            if name.kind != ORIGINAL or not name.of or category is None:
                continue
            if entry.type != PERSON and not _transliteration_of(name.text, name.of):
                continue
            others = [
                t for t in latin if t != name.of and relation(t, name.of, entry.type) == SPELLING
            ]
            for candidate in [name.of, *others]:
                out.append(
                    Pair(name.text, candidate, entry.type, category, True, entry.uid, (entry.uid,))
                )
    return out


# --- synthetic true variants of listed names -------------------------------------------------


def base_names(entries: Sequence[Listed], kinds: Iterable[str]) -> Iterator[tuple[Listed, str]]:
    """Yield (entry, name) for the primary and alias names of entries of the given types."""
    wanted = set(kinds)
    for entry in entries:
        if entry.type not in wanted:
            continue
        for name in latin_names(entry):
            if name.kind in ("primary", "alias") and usable(name.text, entry.type):
                yield entry, name.text


def _synthetic(
    entry: Listed, candidate: str, query: str, category: str, rule: str, label: bool = True
) -> Pair | None:
    """A pair made by a rule from a listed name; None when the rule changed nothing."""
    if query == candidate or not query.strip():
        return None
    origin = f"synthetic:{rule} of {entry.uid}"
    return Pair(query, candidate, entry.type, category, label, origin, (entry.uid,))


def _keep_case(new: str, old: str) -> str:
    """Give a replacement letter the case of the letter it replaces."""
    return new.upper() if old.isupper() else new.lower()


def typo(text: str, rng: random.Random, transpose: bool) -> tuple[str, str] | None:
    """One typing error in a word of four letters or more (not its first letter)."""
    spans = [m.span() for m in re.finditer(r"[A-Za-z]{4,}", text)]
    if not spans:
        return None
    start, end = rng.choice(spans)
    word = text[start:end]
    if transpose:
        options = [i for i in range(1, len(word) - 1) if word[i].lower() != word[i + 1].lower()]
        if not options:
            return None
        i = rng.choice(options)
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return text[:start] + new + text[end:], "transposition"
    operation = rng.choice(("substitution", "insertion", "deletion"))
    i = rng.randrange(1, len(word))
    if operation == "substitution":
        near = forms.keyboard_neighbours(word[i])
        new = word[:i] + _keep_case(rng.choice(near), word[i]) + word[i + 1 :]
    elif operation == "insertion":
        near = forms.keyboard_neighbours(word[i - 1]) + word[i - 1].lower()
        new = word[:i] + _keep_case(rng.choice(near), word[i - 1]) + word[i:]
    else:
        new = word[:i] + word[i + 1 :]
    return text[:start] + new + text[end:], operation


def typo_pairs(entries: Sequence[Listed], rng: random.Random, transpose: bool) -> list[Pair]:
    """Listed names with one substitution, insertion or deletion, or one transposition."""
    category = "typo_transpose" if transpose else "typo_edit"
    out: list[Pair] = []
    for entry, name in base_names(entries, (PERSON, ORGANIZATION, VESSEL)):
        made = typo(natural_order(name, entry.type), rng, transpose)
        if made is not None:
            pair = _synthetic(entry, name, made[0], category, made[1])
            if pair and fold(pair.query) != fold(natural_order(name, entry.type)):
                out.append(pair)
    return out


def _initial(word: str, dots: bool) -> str:
    """ "Aleksandr" -> "A."; "Jean-Pierre" -> "J.-P."."""
    parts = word.split("-")
    mark = "." if dots else ""
    return "-".join(p[0].upper() + mark for p in parts if p)


def initials_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """OFAC person names ("SURNAME, Given Middle") with given names cut to initials."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (PERSON,)):
        if name.count(",") != 1:
            continue
        surname, given_text = (p.strip() for p in name.split(","))
        given = given_text.split()
        if not given or not surname or any(w.lower() in PARTICLES | KUNYA for w in words(name)):
            continue
        if not all(re.fullmatch(r"[A-Za-z]{2,}(-[A-Za-z]{2,})?", g) for g in given):
            continue
        shown = surname.title() if rng.random() < 0.5 else surname
        style = rng.choice(("all", "first", "middle", "nodots", "comma"))
        if style == "middle" and len(given) < 2:
            style = "all"
        dots = style != "nodots"
        if style == "first":
            text = f"{_initial(given[0], True)} {shown}"
        elif style == "middle":
            rest = " ".join(_initial(g, True) for g in given[1:])
            text = f"{given[0].title()} {rest} {shown}"
        elif style == "comma":
            text = f"{shown}, {' '.join(_initial(g, True) for g in given)}"
        else:
            text = f"{' '.join(_initial(g, dots) for g in given)} {shown}"
        pair = _synthetic(entry, name, text, "initials", f"initials-{style}")
        if pair:
            out.append(pair)
    return out


_ARABIC_COMPOUND = re.compile(
    r"^(abd[eu]l|abdul|abdal|abu|abou)([a-z]{3,})$|^([a-z]{3,})(ullah|allah|uddin|eddine|uddine)$",
    re.IGNORECASE,
)


def _vocabulary(entries: Sequence[Listed]) -> frozenset[str]:
    """Words that stand alone in at least two organisation or vessel names of the lists."""
    counts: dict[str, int] = defaultdict(int)
    for _entry, name in base_names(entries, (ORGANIZATION, VESSEL)):
        for word in set(words(name)):
            counts[word] += 1
    return frozenset(w for w, c in counts.items() if c >= 2 and len(w) >= 3 and w.isalpha())


def joined_split_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Words joined ("RamzanKadyrov", "SEASTAR") or split ("Abdul Rahman", "PETRO PARS")."""
    vocabulary = _vocabulary(entries)
    out: list[Pair] = []
    for entry, name in base_names(entries, (PERSON, ORGANIZATION, VESSEL)):
        text = natural_order(name, entry.type)
        tokens = text.split()
        made: tuple[str, str] | None = None
        splits = []
        for i, token in enumerate(tokens):
            bare = token.strip(",.")
            if entry.type == PERSON:
                match = _ARABIC_COMPOUND.match(bare)
                if match:
                    head = match.group(1) or match.group(3)
                    splits.append((i, head, bare[len(head) :]))
            elif len(bare) >= 7 and bare.isalpha():
                for cut in range(3, len(bare) - 2):
                    if bare[:cut].lower() in vocabulary and bare[cut:].lower() in vocabulary:
                        splits.append((i, bare[:cut], bare[cut:]))
                        break
        joins = [
            i
            for i in range(len(tokens) - 1)
            if tokens[i].isalpha()
            and tokens[i + 1].isalpha()
            and tokens[i].lower() not in PARTICLES | LEGAL_WORDS
            and tokens[i + 1].lower() not in PARTICLES | LEGAL_WORDS
            and (entry.type == PERSON or len(tokens[i]) + len(tokens[i + 1]) <= 14)
        ]
        if splits and (not joins or rng.random() < 0.5):
            i, head, tail = rng.choice(splits)
            made = (" ".join([*tokens[:i], head, tail, *tokens[i + 1 :]]), "split")
        elif joins:
            i = rng.choice(joins)
            first, second = tokens[i], tokens[i + 1]
            camel = entry.type == PERSON and rng.random() < 0.6
            joined = first.title() + second.title() if camel else first + second.lower()
            if first.isupper() and not camel:
                joined = (first + second).upper()
            made = (" ".join([*tokens[:i], joined, *tokens[i + 2 :]]), "join")
        if made:
            pair = _synthetic(entry, name, made[0], "joined_split", made[1])
            if pair:
                out.append(pair)
    return out


def _dotted(acronym: str, rng: random.Random) -> str:
    """ "KPC" -> "K.P.C." (or "K. P. C.", or lower-case "k.p.c.")."""
    style = rng.random()
    if style < 0.6:
        return ".".join(acronym) + "."
    if style < 0.85:
        return ". ".join(acronym) + "."
    return (".".join(acronym) + ".").lower()


_DOTTED_RUN = re.compile(r"\b(?:[A-Za-z]\.\s?){2,}")


def abbreviation_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Acronyms dotted or undotted ("KPC"/"K.P.C."), legal forms with or without dots."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (ORGANIZATION,)):
        pair = None
        if is_acronym(name) and "." not in name and len(name) <= 6:
            pair = _synthetic(entry, name, _dotted(name, rng), "abbrev_dots", "dotted-acronym")
        elif _DOTTED_RUN.search(name):
            text = _DOTTED_RUN.sub(
                lambda m: m.group(0).replace(".", "").replace(" ", "") + " ", name
            )
            pair = _synthetic(entry, name, " ".join(text.split()), "abbrev_dots", "undotted")
        else:
            found = forms.find_form(name, entry.countries)
            if found is not None:
                written = name[found.start : found.end]
                # Dots between letters only ("L.L.C."/"LLC", "S.A."/"SA"), not a final full stop.
                same = [
                    f
                    for f in found.group.forms
                    if forms.letters(f) == forms.letters(written)
                    and f.rstrip(".") != written.rstrip(".")
                    and re.search(r"[A-Z]\.\s?[A-Z]", f + written.upper())
                ]
                if same:
                    form = rng.choice(same)
                    if form in ("P.L.C.",) and rng.random() < 0.5:
                        form = form.lower()
                    text = forms.replace_form(name, found, form)
                    if forms.letters(text) == forms.letters(name):
                        pair = _synthetic(entry, name, text, "abbrev_dots", "legal-form-dots")
        if pair:
            out.append(pair)
    return out


# A number standing alone: not part of "25-13" or "3/4".
_NUMBER_TOKEN = re.compile(
    r"(?<![-/\d])\b(\d{1,2})(st|nd|rd|th)?\b(?![-/]\d)|\b([A-Za-z]+(?:-[A-Za-z]+)?)\b"
)


def _number_variants(name: str) -> list[tuple[str, str]]:
    """Every way of writing one number of a name differently: digits, words, ordinals."""
    out: list[tuple[str, str]] = []
    for match in _NUMBER_TOKEN.finditer(name):
        digits, suffix, word = match.group(1), match.group(2), match.group(3)
        start, end = match.span()
        if digits:
            n = int(digits)
            if suffix:
                new, rule = forms.ordinal_word(n), "ordinal-to-word"
            elif n == 0:
                continue
            else:
                new, rule = forms.number_word(n), "digits-to-word"
        elif word and word.lower() in forms.NUMBER_WORDS and word.lower() != "zero":
            new, rule = str(forms.NUMBER_WORDS[word.lower()]), "word-to-digits"
        elif word and word.lower() in forms.ORDINAL_WORDS:
            new, rule = forms.ordinal_suffix(forms.ORDINAL_WORDS[word.lower()]), "word-to-ordinal"
        else:
            continue
        if name.isupper():
            new = new.upper()
        elif (word and word.istitle()) or name.istitle():
            new = new.title() if not new[0].isdigit() else new
        out.append((name[:start] + new + name[end:], rule))
    return out


def number_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Numbers written another way: "17"/"Seventeen", "2nd"/"Second", "Three"/"3"."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (ORGANIZATION, VESSEL)):
        variants = _number_variants(name)
        if variants:
            text, rule = rng.choice(variants)
            pair = _synthetic(entry, name, text, "numbers", rule)
            if pair:
                out.append(pair)
    return out


def legal_form_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """A legal form written out or abbreviated with the same meaning ("AG"/"Aktiengesellschaft")."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (ORGANIZATION,)):
        found = forms.find_form(name, entry.countries)
        if found is None:
            continue
        here = forms.letters(name[found.start : found.end])
        others = [f for f in found.group.forms if forms.letters(f) != here]
        if others:
            text = forms.replace_form(name, found, rng.choice(others))
            pair = _synthetic(entry, name, text, "legal_form", f"legal-form-{found.group.key}")
            if pair:
                out.append(pair)
    return out


def _case_punct(text: str, kind: str, rng: random.Random) -> str:
    """Change the letter case and the punctuation of a name, not its letters.

    Punctuation is dropped (hyphens become spaces), or for organisations, vessels and
    aircraft two words are hyphenated; a person's given name and surname are never
    hyphenated together, as nobody writes them so.
    """
    cases = [c for c in (str.lower, str.title, str.upper) if c(text) != text]
    out = rng.choice(cases)(text) if cases else text
    punctuation: list[Callable[[str], str]] = []
    if re.search(r"[-.,'’]", out):
        punctuation.append(
            lambda t: re.sub(r"[-.,'’]", lambda m: " " if m.group(0) == "-" else "", t)
        )
    if " " in out.strip() and kind != PERSON:
        punctuation.append(lambda t: re.sub(r" ", "-", t, count=1))
    if punctuation:
        out = rng.choice(punctuation)(out)
    return " ".join(out.split())


def case_punct_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Letter case and punctuation noise: "AL-QAIDA" / "al qaida", "EP-GOM" / "ep gom"."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (PERSON, ORGANIZATION, VESSEL, "aircraft")):
        text = _case_punct(natural_order(name, entry.type), entry.type, rng)
        pair = _synthetic(entry, name, text, "case_punct", "case-punctuation")
        if pair:
            out.append(pair)
    return out


def vessel_prefix_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Vessel names with a ship prefix ("M/V", "MV", "M.V.", "MT"), as reports write them."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (VESSEL,)):
        prefix = rng.choice(("M/V", "MV", "M.V.", "MT", "M/T"))
        pair = _synthetic(entry, name, f"{prefix} {name}", "vessel_variant", "ship-prefix")
        if pair:
            out.append(pair)
    return out


RUSSIAN_PROGRAMS = frozenset(
    {
        "UKRAINE-EO13660",
        "UKRAINE-EO13661",
        "UKRAINE-EO13662",
        "UKRAINE-EO13685",
        "CAATSA - RUSSIA",
        "MAGNIT",
        "CYBER2",
        "ELECTION-EO13848",
        "BELARUS",
        "RUSSIA-EO14024",
    }
)
_SLAVIC = re.compile(r"(ov|ev|ova|eva|in|ina|sky|skiy|skaya|enko|vich|vna|yy|iy|aya)$")


def cyrillic_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Russian names of the OFAC list written back in Cyrillic (given-name or surname order)."""
    out: list[Pair] = []
    for entry in entries:
        if entry.type != PERSON or not set(entry.programs) & RUSSIAN_PROGRAMS:
            continue
        name = entry.primary
        if name.count(",") != 1 or not re.fullmatch(r"[A-Za-z ,'-]+", name):
            continue
        surname, given = (p.strip() for p in name.split(","))
        if not any(_SLAVIC.search(w) for w in words(name)):
            continue
        cyr = [forms.to_cyrillic(w) for w in given.split()]
        last = "-".join(forms.to_cyrillic(w) for w in surname.split("-"))
        order = rng.random() < 0.3
        text = " ".join([last, *cyr] if order else [*cyr, last])
        pair = _synthetic(entry, name, text, "script_cyrillic", "cyrillic")
        if pair:
            out.append(pair)
    return out


_CHINESE_PLACES = ("china", "hong kong", "taiwan", "macau", "macao")


def han_name(name: str, rng: random.Random) -> str | None:
    """Write a listed pinyin name ("LI, Fangwei") in common Han characters with that reading."""
    if name.count(",") != 1 or re.search(r"['’-]", name):
        return None
    surname, given = (p.strip().lower() for p in name.split(","))
    parts = given.split()
    if len(parts) != 1:  # pinyin writes a given name as one word ("Fangwei"); "Chun Song" is Korean
        return None
    syllables = [surname] if surname in forms.syllables() else None
    given_syllables: list[str] = []
    for part in parts:
        split = forms.split_pinyin(part)
        if split is None:
            return None
        given_syllables += split
    if not syllables or not 1 <= len(given_syllables) <= 2:
        return None
    table = forms.chars_by_reading()
    chars = []
    for syllable in syllables + given_syllables:
        choices = table.get(syllable)
        if not choices:
            return None
        chars.append(rng.choice(choices))
    return "".join(chars)


def han_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Listed Chinese names in pinyin written in Han characters."""
    out: list[Pair] = []
    for entry in entries:
        if entry.type != PERSON or not any(
            place in c.lower() for c in entry.countries for place in _CHINESE_PLACES
        ):
            continue
        made = han_name(entry.primary, rng)
        if made:
            pair = _synthetic(entry, entry.primary, made, "script_han", "han-characters")
            if pair:
                out.append(pair)
    return out


# --- negatives ----------------------------------------------------------------------------------


def _negative(
    query_entry: Listed, query: str, candidate_entry: Listed, candidate: str, category: str
) -> Pair:
    """A pair of names of two different listed entries."""
    origin = f"{query_entry.uid} vs {candidate_entry.uid}"
    uids = (query_entry.uid, candidate_entry.uid)
    return Pair(query, candidate, candidate_entry.type, category, False, origin, uids)


def _split_person(name: str) -> tuple[list[str], list[str]] | None:
    """Split an OFAC "SURNAME, Given" name into significant surname and given words."""
    if name.count(",") != 1:
        return None
    surname, given = (p.strip() for p in name.split(","))
    sur = significant(words(surname), PERSON)
    giv = significant(words(given), PERSON)
    if not sur or not giv or any(w in KUNYA for w in sur + giv):
        return None
    return sur, giv


def _all_dissimilar(left: Sequence[str], right: Sequence[str]) -> bool:
    """True when every word of one list is clearly different from every word of the other."""
    return all(dissimilar(a, b) for a in left for b in right)


def _ofac_people(entries: Sequence[Listed]) -> list[tuple[Listed, str, list[str], list[str]]]:
    """OFAC persons' primary names split into surname and given words."""
    out = []
    for entry in entries:
        if entry.type == PERSON and entry.source == "ofac" and usable(entry.primary, PERSON):
            split = _split_person(entry.primary)
            if split:
                out.append((entry, entry.primary, *split))
    return out


def _grouped_pairs(
    people: Sequence[tuple[Listed, str, list[str], list[str]]],
    key: Callable[[list[str], list[str]], tuple[str, ...] | None],
    differ: Callable[[list[str], list[str], list[str], list[str]], bool],
    category: str,
    rng: random.Random,
    per_group: int = 3,
) -> list[Pair]:
    """Pairs of different entries that share a key and differ as ``differ`` requires."""
    groups: dict[tuple[str, ...], list[tuple[Listed, str, list[str], list[str]]]] = defaultdict(
        list
    )
    for person in people:
        k = key(person[2], person[3])
        if k:
            groups[k].append(person)
    out: list[Pair] = []
    for k in sorted(groups):
        members = groups[k]
        found = [
            (a, b)
            for a, b in itertools.permutations(members, 2)
            if a[0].uid != b[0].uid and differ(a[2], a[3], b[2], b[3])
        ]
        for a, b in rng.sample(found, min(per_group, len(found))):
            out.append(_negative(a[0], as_query(a[1], PERSON, rng), b[0], b[1], category))
    return out


def shared_surname_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Different listed people with the same surname and clearly different given names."""
    return _grouped_pairs(
        _ofac_people(entries),
        lambda sur, giv: tuple(sur) if sum(map(len, sur)) >= 3 else None,
        lambda s1, g1, s2, g2: _all_dissimilar(g1, g2),
        "neg_shared_surname",
        rng,
    )


def shared_given_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Different listed people with the same given names and clearly different surnames."""
    return _grouped_pairs(
        _ofac_people(entries),
        lambda sur, giv: tuple(giv) if max(map(len, giv)) >= 3 else None,
        lambda s1, g1, s2, g2: _all_dissimilar(s1, s2),
        "neg_shared_given",
        rng,
    )


def _person_words(entry: Listed, name: str) -> list[str]:
    """A person's significant words in natural order."""
    return significant(words(natural_order(name, PERSON)), PERSON)


def one_name_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Names that differ in one given name: real pairs of two entries, then changed names."""
    people = [
        (e, n, _person_words(e, n))
        for e, n in base_names(entries, (PERSON,))
        if n == e.primary and 3 <= len(_person_words(e, n)) <= 5
    ]
    masked: dict[tuple[int, tuple[str, ...]], list[tuple[Listed, str, list[str]]]] = defaultdict(
        list
    )
    for person in people:
        for i in range(len(person[2]) - 1):  # the last word is the family name: keep it
            key = tuple(w if j != i else "*" for j, w in enumerate(person[2]))
            masked[(i, key)].append(person)
    out: list[Pair] = []
    for (i, _key), members in sorted(masked.items()):
        for a, b in itertools.combinations(members, 2):
            if a[0].uid != b[0].uid and dissimilar(a[2][i], b[2][i]):
                out.append(_negative(a[0], as_query(a[1], PERSON, rng), b[0], b[1], "neg_one_name"))
    given_pool = sorted({w for _, _, ws in people for w in ws[:-1] if len(w) >= 3 and w.isalpha()})
    for entry, name, tokens in people:
        text = natural_order(name, PERSON)
        spans = [
            m
            for m in re.finditer(r"[A-Za-z]+", text)
            if m.group(0).lower() in tokens[:-1] and m.end() < len(text.rstrip()) - 1
        ]
        if not spans:
            continue
        match = rng.choice(spans)
        for _ in range(20):
            new = rng.choice(given_pool)
            if all(dissimilar(new, w) for w in tokens):
                break
        else:
            continue
        shown = new.upper() if match.group(0).isupper() else new.title()
        query = text[: match.start()] + shown + text[match.end() :]
        out.append(
            Pair(
                query,
                name,
                PERSON,
                "neg_one_name",
                False,
                f"synthetic:one-name of {entry.uid}",
                (entry.uid,),
            )
        )
    return out


_NASAB = re.compile(r"\b([A-Za-z'’]+)(\s+(?:bin|ibn|ben|bint|ould)\s+)([A-Za-z'’]+)", re.IGNORECASE)


def nasab_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """ "Khalid bin Abdullah" against "Abdullah bin Khalid": the father and the son swapped."""
    out: list[Pair] = []
    for entry, name in base_names(entries, (PERSON,)):
        text = natural_order(name, PERSON)
        for match in _NASAB.finditer(text):
            son, link, father = match.group(1), match.group(2), match.group(3)
            if son.lower() in PARTICLES | KUNYA or father.lower() in PARTICLES | KUNYA:
                continue
            if not dissimilar(fold(son), fold(father)):
                continue
            swapped = text[: match.start()] + father + link + son + text[match.end() :]
            out.append(
                Pair(
                    swapped,
                    name,
                    PERSON,
                    "neg_nasab_swap",
                    False,
                    f"synthetic:nasab-swap of {entry.uid}",
                    (entry.uid,),
                )
            )
            break
    return out


def _distinctive(name: str) -> list[str]:
    """An organisation name's identifying words: no legal forms, particles or place words."""
    return [w for w in significant(words(name), ORGANIZATION) if w not in PLACE_WORDS]


def org_word_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Organisations differing by one distinctive word: real pairs, then changed names."""
    orgs = [
        (e, n, significant(words(n), ORGANIZATION)) for e, n in base_names(entries, (ORGANIZATION,))
    ]
    orgs = [o for o in orgs if 2 <= len(o[2]) <= 6 and not is_acronym(o[1])]
    masked: dict[tuple[int, tuple[str, ...]], list[tuple[Listed, str, list[str]]]] = defaultdict(
        list
    )
    for org in orgs:
        for i, word in enumerate(org[2]):
            if word not in PLACE_WORDS and len(word) >= 3:
                masked[(i, tuple(w if j != i else "*" for j, w in enumerate(org[2])))].append(org)
    out: list[Pair] = []
    for (i, _key), members in sorted(masked.items()):
        found = [
            (a, b)
            for a, b in itertools.combinations(members, 2)
            if a[0].uid != b[0].uid and dissimilar(a[2][i], b[2][i])
        ]
        for a, b in rng.sample(found, min(2, len(found))):
            out.append(_negative(a[0], a[1], b[0], b[1], "neg_org_word"))
    pool = sorted({w for _, n, _ in orgs for w in _distinctive(n) if len(w) >= 4 and w.isalpha()})
    for entry, name, _sig in orgs:
        mine = _distinctive(name)
        if len(mine) < 2:
            continue
        spans = [m for m in re.finditer(r"[A-Za-z]+", name) if m.group(0).lower() in mine]
        if not spans:
            continue
        match = rng.choice(spans)
        old = match.group(0).lower()
        for _ in range(30):
            new = rng.choice(pool)
            if abs(len(new) - len(old)) <= 3 and all(dissimilar(new, w) for w in words(name)):
                break
        else:
            continue
        shown = new.upper() if match.group(0).isupper() else new.title()
        query = name[: match.start()] + shown + name[match.end() :]
        out.append(
            Pair(
                query,
                name,
                ORGANIZATION,
                "neg_org_word",
                False,
                f"synthetic:org-word of {entry.uid}",
                (entry.uid,),
            )
        )
    return out


def legal_only_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Two listed organisations that share only generic words and a legal form ("X Trading LLC")."""
    groups: dict[tuple[str, ...], list[tuple[Listed, str, list[str]]]] = defaultdict(list)
    for entry, name in base_names(entries, (ORGANIZATION,)):
        tokens = [w for w in words(name) if w not in PARTICLES]
        generic = tuple(w for w in tokens if w in LEGAL_WORDS)
        own = [w for w in tokens if w not in LEGAL_WORDS]
        if generic and 1 <= len(own) <= 2 and forms.find_form(name, entry.countries):
            groups[generic].append((entry, name, own))
    out: list[Pair] = []
    for key in sorted(groups):
        found = [
            (a, b)
            for a, b in itertools.combinations(groups[key], 2)
            if a[0].uid != b[0].uid and _all_dissimilar(a[2], b[2])
        ]
        for a, b in rng.sample(found, min(3, len(found))):
            out.append(_negative(a[0], a[1], b[0], b[1], "neg_org_legal_only"))
    return out


def _other_number(name: str, rng: random.Random) -> str | None:
    """Change one number of a name: "PARTNERS II" -> "PARTNERS III", "NEKA 455" -> "NEKA 457"."""
    options = []
    for match in re.finditer(r"\b(\d{1,4})\b|\b([IVX]{1,4})\b|\b([A-Za-z]+)\b", name):
        digits, roman, word = match.groups()
        if digits:
            n = int(digits)
            options.append(
                (match, str(rng.choice([m for m in range(max(1, n - 3), n + 4) if m != n])))
            )
        elif roman and roman in forms.ROMAN and (roman != "I" or match.start() > 0):
            n = forms.ROMAN[roman]
            options.append(
                (
                    match,
                    forms.ROMAN_OF[
                        rng.choice([m for m in (n - 1, n + 1, n + 2) if m in forms.ROMAN_OF])
                    ],
                )
            )
        elif word and word.lower() in forms.ORDINAL_WORDS:
            n = forms.ORDINAL_WORDS[word.lower()]
            options.append((match, forms.ordinal_word(n + 1 if n < 90 else n - 1)))
        elif word and word.lower() in forms.NUMBER_WORDS and word.lower() not in ("zero", "one"):
            n = forms.NUMBER_WORDS[word.lower()]
            options.append((match, forms.number_word(n + 1 if n < 90 else n - 1)))
    if not options:
        return None
    match, new = rng.choice(options)
    old = match.group(0)
    new = new.upper() if old.isupper() else new.title() if old.istitle() else new
    return name[: match.start()] + new + name[match.end() :]


def _number_key(name: str) -> tuple[str, ...]:
    """A name's words with every number replaced by a mark."""
    return tuple("#" if w.isdigit() or w.upper() in forms.ROMAN else w for w in words(name))


def number_negative_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """Names that differ only in a number: real pairs of two entries, then changed numbers."""
    out: list[Pair] = []
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[Listed, str]]] = defaultdict(list)
    numbered = [
        (e, n)
        for e, n in base_names(entries, (ORGANIZATION, VESSEL))
        if re.search(r"\b(\d{1,4}|[IVX]{2,4})\b", n)
        or any(w in forms.ORDINAL_WORDS or w in forms.NUMBER_WORDS for w in words(n))
    ]
    for entry, name in numbered:
        if "#" in _number_key(name) and len(_number_key(name)) >= 2:
            groups[(entry.type, _number_key(name))].append((entry, name))
    for key in sorted(groups):
        found = [
            (a, b)
            for a, b in itertools.combinations(groups[key], 2)
            if a[0].uid != b[0].uid and words(a[1]) != words(b[1])
        ]
        category = "neg_vessel_number" if key[0] == VESSEL else "neg_number"
        for a, b in rng.sample(found, min(3, len(found))):
            out.append(_negative(a[0], a[1], b[0], b[1], category))
    for entry, name in numbered:
        changed = _other_number(name, rng)
        if changed and changed != name:
            category = "neg_vessel_number" if entry.type == VESSEL else "neg_number"
            out.append(
                Pair(
                    changed,
                    name,
                    entry.type,
                    category,
                    False,
                    f"synthetic:other-number of {entry.uid}",
                    (entry.uid,),
                )
            )
    return out


def legal_form_negative_pairs(entries: Sequence[Listed], rng: random.Random) -> list[Pair]:
    """The same words with a different legal form of the same country: AG/GmbH, OAO/ZAO, LLC/Inc."""
    families: dict[str, list[forms.LegalGroup]] = defaultdict(list)
    for group in forms.LEGAL_GROUPS:
        if group.family:
            families[group.family].append(group)
    out: list[Pair] = []
    for entry, name in base_names(entries, (ORGANIZATION,)):
        found = forms.find_form(name, entry.countries)
        if found is None or not found.group.family:
            continue
        others = [g for g in families[found.group.family] if g.key != found.group.key]
        if not others or not _distinctive(name):
            continue
        group = rng.choice(others)
        form = group.forms[0] if rng.random() < 0.7 else group.forms[-1]
        text = forms.replace_form(name, found, form)
        out.append(
            Pair(
                text,
                name,
                ORGANIZATION,
                "neg_legal_form",
                False,
                f"synthetic:legal-form-{found.group.key}-to-{group.key} of {entry.uid}",
                (entry.uid,),
            )
        )
    return out


def homophone(han: str, rng: random.Random, positions: Sequence[int]) -> str | None:
    """Replace one character by another common character with the same reading."""
    table = forms.chars_by_reading()
    options = []
    for i in positions:
        if i >= len(han):
            continue
        reading = forms.reading_of(han[i])
        others = [c for c in table.get(reading or "", ()) if c != han[i]]
        if others:
            options.append((i, others))
    if not options:
        return None
    i, others = rng.choice(options)
    return han[:i] + rng.choice(others) + han[i + 1 :]


def han_negative_pairs(
    entries: Sequence[Listed], made: Sequence[tuple[Listed, str]], rng: random.Random
) -> list[Pair]:
    """Two Chinese names in Han characters that read alike in pinyin but are written differently."""
    out: list[Pair] = []
    sources: list[tuple[Listed, str, str]] = []
    for entry in entries:
        for name in entry.names:
            if name.kind == ORIGINAL and script_of(name.text) == "CJK":
                sources.append((entry, name.text, "listed"))
    sources += [(entry, text, "made") for entry, text in made]
    for entry, han, kind in sources:
        # A person's surname stays; an organisation's distinctive part is its first characters.
        positions = range(1, len(han)) if entry.type == PERSON else range(0, min(4, len(han)))
        for _ in range(3 if kind == "listed" else 1):
            other = homophone(han, rng, list(positions))
            if other and other != han:
                origin = f"synthetic:homophone of {entry.uid}" + (
                    " (Han from pinyin)" if kind == "made" else ""
                )
                out.append(
                    Pair(other, han, entry.type, "neg_han_homophone", False, origin, (entry.uid,))
                )
    return out
