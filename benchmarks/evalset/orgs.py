"""Organisation names: parse a listed name into parts, respell it, and put it into Hangul.

A name such as ``KOREA DAESONG GENERAL TRADING CORPORATION`` is read as parts: a country
word, romanized Korean words (from the glossary), English terms, connectors and a legal
form. Variants swap the country word (Korea, Choson, Chosun, DPRK), respell and re-space
the Korean words (Daesong, Dae-song, Dae Song, Taesong, Daeseong), swap legal forms and
common abbreviations, and change the letter case. The Hangul form translates every part
with the glossary, Korean word order (``A of B`` becomes B A).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from benchmarks.evalset import korean, people
from benchmarks.evalset.glossary import (
    COUNTRY_WORDS,
    KOREAN_LEGAL_SUFFIXES,
    KOREAN_WORDS,
    LEGAL_FORMS,
    ORDINALS,
    SINO_KOREAN_TERMS,
    TERMS,
)

CONNECTORS = frozenset({"OF", "THE", "FOR", "AND", "&"})
_PAREN = re.compile(r"\([^)]*\)")
_NUMBER = re.compile(r"^#?\d+$")
_MAX_PHRASE = 4


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of an organisation name."""

    kind: str  # country | korean | term | legal | ordinal | number | conn | word
    text: str  # as the list writes it (normalised to upper case for matching)
    hangul: str = ""


def _norm_token(token: str) -> str:
    """Upper-case a token and drop trailing dots and commas (CO. -> CO)."""
    return token.strip(".,\"'").upper()


def _korean_key(tokens: list[str]) -> str:
    """Join tokens into a glossary key: no hyphens, apostrophes or breve marks."""
    joined = "".join(tokens).upper()
    return re.sub(r"[-'’‘`]", "", joined)


def _legal_suffix(tokens: list[str]) -> tuple[list[str], Part | None]:
    """Split a trailing legal form (longest match) off the tokens."""
    for size in (3, 2, 1):
        if len(tokens) > size:
            phrase = " ".join(tokens[-size:])
            if phrase in LEGAL_FORMS:
                return tokens[:-size], Part("legal", phrase, LEGAL_FORMS[phrase])
    return tokens, None


def _match_at(tokens: list[str], raw: list[str], start: int) -> tuple[Part, int]:
    """Read the longest part starting at ``start``; return it and how many tokens it used."""
    token = tokens[start]
    for size in range(min(_MAX_PHRASE, len(tokens) - start), 0, -1):
        key = _korean_key(raw[start : start + size])
        if key in KOREAN_WORDS:
            return Part("korean", " ".join(raw[start : start + size]), KOREAN_WORDS[key]), size
        phrase = " ".join(tokens[start : start + size])
        if phrase in TERMS:
            return Part("term", phrase, TERMS[phrase]), size
    if token in COUNTRY_WORDS:
        return Part("country", token, "조선"), 1
    if token in ORDINALS:
        return Part("ordinal", token, f"제{ORDINALS[token]}"), 1
    if token == "CHE" and start + 1 < len(tokens) and _NUMBER.match(tokens[start + 1]):
        return Part("ordinal", f"CHE {tokens[start + 1]}", f"제{tokens[start + 1]}"), 2
    if _NUMBER.match(token):
        return Part("number", token.lstrip("#"), token.lstrip("#")), 1
    if token in CONNECTORS:
        return Part("conn", token), 1
    return Part("word", token), 1


def parse_org(name: str) -> list[Part] | None:
    """Parse a listed organisation name into parts; None for names in another script."""
    if not re.search(r"[A-Za-z]", name) or re.search(r"[^\x00-\x7f’‘]", name):
        return None
    text = _PAREN.sub(" ", name).replace(",", " ").replace('"', " ")
    raw = [t.strip(".,") for t in text.split() if t.strip(".,")]
    if raw and raw[-1].upper() == "NO":
        return None
    tokens = [_norm_token(t) for t in raw]
    body, legal = _legal_suffix(tokens)
    parts: list[Part] = []
    index = 0
    while index < len(body):
        part, used = _match_at(body, raw, index)
        if part.kind == "word" and part.text == "NO" and index + 1 < len(body):
            index += 1  # "Office No. 39": the number follows
            continue
        parts.append(part)
        index += used
    if legal:
        parts.append(legal)
    return parts or None


COMMERCIAL_TERMS = frozenset(
    {"TRADING", "TRADE", "SHIPPING", "SHPG", "MACHINERY", "ELECTRONICS", "CHEMICAL", "CHEMICALS"}
)


def is_commercial(parts: list[Part]) -> bool:
    """True for a trading or shipping firm, where adding "Co." or "Ltd" is realistic."""
    return any(p.text in COMMERCIAL_TERMS for p in parts)


def squash(text: str) -> str:
    """Compare organisation names ignoring case, punctuation and parenthesised acronyms."""
    return re.sub(r"[^0-9a-z]", "", _PAREN.sub(" ", text).lower())


def has_slot(parts: list[Part]) -> bool:
    """True when a name has something to vary beyond letter case."""
    variable = {"country", "korean", "legal"}
    return any(p.kind in variable or p.text in ABBREVIATIONS for p in parts)


def _general(parts: list[Part]) -> bool:
    """True when "General" appears, as a word or in the legal form (General Corporation)."""
    return any(p.text == "GENERAL" or (p.kind == "legal" and "GENERAL" in p.text) for p in parts)


def _counts_in_key(part: Part) -> bool:
    """True for the parts that identify a name: not the legal form, country, "the", "general"."""
    return part.kind not in ("legal", "country") and part.text not in ("THE", "GENERAL")


def coarse_key(parts: list[Part]) -> tuple[str, ...]:
    """Key that ignores romanization, spacing, legal form, "General" and the country word.

    Two entities whose names share this key can only be told apart by the exact spelling
    (see :func:`exact_key`).
    """
    out: list[str] = []
    for part in filter(_counts_in_key, parts):
        if part.kind in ("korean", "term"):
            out.append(part.hangul)
        elif part.text in ("&", "AND"):
            out.append("AND")
        else:
            out.append(part.text)
    return tuple(out)


def exact_key(parts: list[Part], spellings: dict[int, str] | None = None) -> tuple[str, ...]:
    """Like :func:`coarse_key`, but Korean words keep their Latin spelling, and whether the
    name has a country word and "General" (as a word or in the legal form) counts.

    So "Taesong Trading General Corp." is neither Korea Taesong Trading Company nor Korea
    Daesong General Trading Corporation, and "Taesong Trading Co." is not exactly Korea
    Taesong Trading Company either (Daesong Trading Company is as close): both are dropped
    as ambiguous, while "Choson Taesong Trading Ltd" stays KPe.041.
    """
    out = list(coarse_key(parts))
    for index, part in enumerate(filter(_counts_in_key, parts)):
        if part.kind == "korean":
            spelling = (spellings or {}).get(index, part.text)
            out[index] = re.sub(r"[^a-z]", "", spelling.lower())
    if any(p.kind == "country" for p in parts):
        out.append("+K")
    if _general(parts):
        out.append("+GENERAL")
    return tuple(out)


COUNTRY_FORMS = ("Korea", "Choson", "Chosun", "DPRK", "Joseon")
COUNTRY_WEIGHTS = (3, 3, 2, 2, 1)
LEGAL_RENDER = (
    "Corporation",
    "Corp.",
    "Corp",
    "Co.",
    "Co",
    "Company",
    "Co., Ltd.",
    "Co. Ltd",
    "Company Limited",
    "Ltd",
    "Limited",
    "General Corporation",
    "General Corp.",
)
ABBREVIATIONS: dict[str, tuple[tuple[str, ...], float]] = {
    "SHIPPING": (("SHPG",), 0.4),
    "INTERNATIONAL": (("INTL", "INT'L"), 0.3),
    "TECHNOLOGY": (("TECH",), 0.15),
    "MANAGEMENT": (("MGMT",), 0.2),
    "JOINT VENTURE": (("JV", "J/V"), 0.4),
    "SHPG": (("SHIPPING",), 0.5),
    "JV": (("JOINT VENTURE",), 0.4),
    "&": (("AND",), 0.5),
    "AND": (("&",), 0.3),
}
SMALL_WORDS = frozenset({"OF", "THE", "FOR", "AND"})
KOREAN_STYLES = ("rr", "dprk", "mr_plain", "folk", "south")
KOREAN_STYLE_WEIGHTS = (3, 3, 1, 3, 1)


def initial_law(hangul: str) -> str:
    """Apply the South's initial-sound law to a word's first syllable (련 -> 연, 로 -> 노)."""
    return korean.south_form(hangul[0]) + hangul[1:] if hangul else hangul


def respell_korean(hangul: str, rng: random.Random) -> str:
    """Respell a Korean word from its Hangul: a romanization, then joined, hyphenated or spaced."""
    style = rng.choices(KOREAN_STYLES, weights=KOREAN_STYLE_WEIGHTS)[0]
    if style == "south":
        hangul, style = initial_law(hangul), "rr"
    syllables = people.given_parts(hangul, style, rng)
    how = rng.choices(("joined", "hyphen", "space"), weights=(4, 2, 2))[0]
    if how == "joined":
        return "".join(syllables).capitalize()
    if how == "hyphen":
        return "-".join([syllables[0].capitalize(), *syllables[1:]])
    return " ".join(s.capitalize() for s in syllables)


def _word_case(word: str) -> str:
    """Title-case a word, keeping acronyms and small connecting words as English writes them."""
    if word in SMALL_WORDS:
        return word.lower()
    if word in ("DPRK", "JV", "J/V", "SHPG", "INTL", "INT'L", "MGMT", "&") or _NUMBER.match(word):
        return word
    return word[:1] + word[1:].lower() if word.isupper() else word


def _render_part(part: Part, rng: random.Random, leading: bool) -> tuple[str, str | None]:
    """Render one part of a variant; also return the Korean spelling used, if any."""
    if part.kind == "country" and leading:
        forms = (
            ("Korean", "Korea", "Choson", "Chosun", "DPRK")
            if part.text == "KOREAN"
            else COUNTRY_FORMS
        )
        return rng.choice(forms) if rng.random() < 0.9 else "", None
    if part.kind == "korean":
        spelling = part.text if rng.random() < 0.35 else respell_korean(part.hangul, rng)
        return spelling, spelling
    if part.kind == "legal":
        return rng.choice(LEGAL_RENDER), None
    if part.text in ABBREVIATIONS:
        options, chance = ABBREVIATIONS[part.text]
        if rng.random() < chance:
            return rng.choice(options), None
    return " ".join(_word_case(w) for w in part.text.split()), None


def latin_variant(parts: list[Part], rng: random.Random) -> tuple[str, list[Part], dict[int, str]]:
    """Write one random variant of a parsed name.

    Returns the text, the parts it now contains (a dropped country word is gone, the legal
    form is the one written) and the Latin spelling used for each Korean word, indexed as
    in :func:`exact_key`.
    """
    words: list[str] = []
    effective: list[Part] = []
    spellings: dict[int, str] = {}
    for position, part in enumerate(parts):
        text, spelling = _render_part(part, rng, leading=position == 0)
        if not text:
            continue
        if spelling is not None and _counts_in_key(part):
            spellings[sum(1 for p in effective if _counts_in_key(p))] = spelling
        effective.append(Part("legal", text.upper(), part.hangul) if part.kind == "legal" else part)
        words.append(text)
    if parts[-1].kind != "legal" and is_commercial(parts) and rng.random() < 0.15:
        legal = rng.choice(("Co.", "Corp.", "Ltd", "Co., Ltd."))
        words.append(legal)
        effective.append(Part("legal", legal.upper(), "회사"))
    text = " ".join(words)
    case = rng.choices(("title", "upper", "lower"), weights=(5, 4, 1))[0]
    if case == "upper":
        text = text.upper()
    elif case == "lower":
        text = text.lower()
    return text, effective, spellings


def _segments(parts: list[Part]) -> list[list[Part]]:
    """Split parts at OF / FOR connectors."""
    segments: list[list[Part]] = [[]]
    for part in parts:
        if part.kind == "conn" and part.text in ("OF", "FOR"):
            segments.append([])
        elif not (part.kind == "conn" and part.text in ("THE", "AND", "&")):
            segments[-1].append(part)
    return [s for s in segments if s]


def to_hangul(parts: list[Part]) -> list[tuple[str, bool]] | None:
    """Translate a parsed name into Hangul components in Korean order; None if a word is unknown.

    A leading country word and a leading ordinal stay in front (조선, 제2); the segments
    around "of"/"for" are reversed ("Ministry of Atomic Energy Industry" -> 원자력공업성).
    Each component comes with a flag: True when the South's initial-sound law applies to it
    (Korean words and Sino-Korean terms, not loanwords such as 로케트).
    """
    texts = [p.text for p in parts]
    if texts[:1] == ["OFFICE"] and len(parts) == 2 and parts[1].kind == "number":
        return [(f"{parts[1].text}호실", False)]
    prefix: list[tuple[str, bool]] = []
    rest = list(parts)
    while rest and rest[0].kind in ("country", "ordinal"):
        prefix.append((rest.pop(0).hangul, False))
    general = any(p.text == "GENERAL" and p.kind == "word" for p in rest)
    rest = [p for p in rest if not (p.text == "GENERAL" and p.kind == "word")]
    if any(p.kind == "word" for p in rest):
        return None
    components: list[tuple[str, bool]] = []
    for segment in reversed(_segments(rest)):
        for part in segment:
            value = part.hangul
            if part.kind == "legal":
                if components and components[-1][0].endswith("은행"):
                    continue  # "Banking Corporation" is simply 은행
                value = "총회사" if general else value
            sino = part.kind == "korean" or value in SINO_KOREAN_TERMS
            components.append((value, sino))
    if prefix and prefix[-1][0].startswith("제") and components:
        components[0] = (prefix.pop()[0] + components[0][0], False)
    return [*prefix, *components] if components else None


def hangul_key(text: str) -> str:
    """Key for Hangul collisions: no spaces, no trailing legal suffix (회사 = 총회사)."""
    squeezed = text.replace(" ", "")
    for suffix in KOREAN_LEGAL_SUFFIXES:
        if squeezed.endswith(suffix) and len(squeezed) > len(suffix):
            return squeezed[: -len(suffix)]
    return squeezed


def hangul_variants(parts: list[Part], rng: random.Random) -> list[str]:
    """Return a name's Hangul forms: joined, spaced after 조선, South spelling, other suffix."""
    components = to_hangul(parts)
    if components is None:
        return []
    texts = [text for text, _ in components]
    out = ["".join(texts)]
    if len(texts) > 1 and texts[0] == "조선":
        out.append("조선 " + "".join(texts[1:]))
    south = [initial_law(text) if sino else text for text, sino in components]
    if south != texts:
        out.append("".join(south))
    last = texts[-1]
    if last.endswith("총회사") or (last.endswith("회사") and rng.random() < 0.5):
        swapped = (
            last[: -len("총회사")] + "회사" if last.endswith("총회사") else last[:-2] + "총회사"
        )
        out.append("".join([*texts[:-1], swapped]))
    return list(dict.fromkeys(out))
