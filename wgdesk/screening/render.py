"""Render screening reasons (``reasons.Reason``) as English or Korean sentences.

English is the text of the JSON contract's ``explanation`` field and must not change by
a byte (the golden files hold it). Korean follows the usage of the ROK ministries'
sanctions desks: 성 and 이름 for surname and given name, 명단 for the sanctions list, 조회
대상 for what the user screens. Names, dates and codes are data and stay as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from wgdesk.screening.reasons import Reason

LANGUAGES = ("en", "ko")
SEPARATOR = "; "

Renderer = Callable[[Reason], str]


def render(reasons: Iterable[Reason], lang: str = "en") -> str:
    """Join the sentences of several reasons, in the order given."""
    return SEPARATOR.join(render_one(r, lang) for r in reasons)


def render_one(found: Reason, lang: str = "en") -> str:
    """Render one reason; an unknown language is an error, an unknown code too."""
    table = _TABLES.get(lang)
    if table is None:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    renderer = table.get(found.code)
    if renderer is None:
        raise KeyError(f"no {lang} sentence for reason {found.code!r}")
    return renderer(found)


class Evidence(Protocol):
    """A rule's result as far as rendering goes (results.RuleResult)."""

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The rule's reasons, in order."""
        ...


def render_match(evidence: Iterable[Evidence], lang: str = "en") -> str:
    """Render a match's explanation from its evidence: each rule's reasons, in order."""
    return render((r for rule in evidence for r in rule.reasons), lang)


class Explained(Protocol):
    """A match as far as its explanation goes (results.Match)."""

    @property
    def explanation(self) -> str:
        """The English explanation."""
        ...

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The rules' results, each with its reasons."""
        ...


def explain(match: Explained, lang: str = "en") -> str:
    """A match's explanation in a language; English as given when there are no reasons."""
    if lang == "en" or not any(rule.reasons for rule in match.evidence):
        return match.explanation
    return render_match(match.evidence, lang)


# The labels of word pairs (compare.terms.Pairing.how): English is also the code.
HOW_KO = {
    "same word": "같은 단어",
    "same legal form": "같은 법인 형태",
    "same number": "같은 번호",
    "same initial": "같은 머리글자",
    "names of Korea": "한국의 명칭",
    "translation": "번역어",
    "spelling variant": "표기 변이",
    "romanization": "로마자 표기",
    "same name": "같은 이름의 다른 표기",
    "nickname": "애칭",
    "initial": "머리글자",
    "sounds alike": "발음 유사",
    "spelling": "철자 유사",
    "transliteration": "음역",
    "joined": "붙여 쓴 표기",
}

# How each name-level factor reads (explain.py gives the factor's name and value).
FACTOR_EN = {
    "substitution": "each name has a word the other lacks",
    "generic_query": "a generic name without a listed word",
    "person_as_organisation": "reads as a person's name, the entry is an organisation",
    "weak_alias": "the list marks this alias as weak",
    "number_conflict": "the numbers differ",
    "legal_form_conflict": "the legal forms are of different kinds",
    "order_conflict": "father and son in another order",
}
FACTOR_KO = {
    "substitution": "양쪽 이름에 서로 없는 단어가 있음",
    "generic_query": "명단의 고유 단어가 없는 일반 명칭",
    "person_as_organisation": "조회 대상은 개인 이름으로 보이나 명단 항목은 단체임",
    "weak_alias": "명단이 약한 별칭으로 표시한 이름",
    "number_conflict": "번호가 다름",
    "legal_form_conflict": "법인 형태의 종류가 다름",
    "order_conflict": "부자(父子) 이름의 순서가 다름",
}

TYPE_KO = {"person": "개인", "organization": "단체", "vessel": "선박", "aircraft": "항공기"}


def _words_en(found: Reason) -> str:
    shown = [_pair_en(p) for p in found.nested("pairs")]
    return "words agree: " + ", ".join(shown)


def _pair_en(pair: Reason) -> str:
    left, right = pair.text("query"), pair.text("listed")
    return left if not right else f"{left} = {right} ({pair.text('how')})"


def _words_ko(found: Reason) -> str:
    shown = [_pair_ko(p) for p in found.nested("pairs")]
    return "일치하는 단어: " + ", ".join(shown)


def _pair_ko(pair: Reason) -> str:
    left, right, how = pair.text("query"), pair.text("listed"), pair.text("how")
    return left if not right else f"{left} = {right} ({HOW_KO.get(how, how)})"


def _north_en(found: Reason) -> str:
    hanja = found.text("hanja")
    of = f" of {hanja}" if hanja else ""
    return (
        f"surname {found.text('query')} = {found.text('listed')} "
        f"(initial {found.text('initial')}, South/North spelling{of})"
    )


def _north_ko(found: Reason) -> str:
    hanja = found.text("hanja")
    of = f"{hanja}의 " if hanja else ""
    return (
        f"성 {found.text('query')} = {found.text('listed')} "
        f"(두음 {found.text('initial')}, {of}남북한 표기 차이)"
    )


def _hanja(found: Reason, word: str) -> str:
    hanja = found.text("hanja")
    shown = f"{word} {found.text('query')} = {found.text('listed')}"
    return f"{shown} ({hanja})" if hanja else shown


def _variants_en(found: Reason) -> str:
    hanja = found.text("hanja")
    return (
        f"surname {found.text('query')} = {found.text('listed')} "
        f"(both {found.text('hangul')}{' ' + hanja if hanja else ''}: romanization variants)"
    )


def _variants_ko(found: Reason) -> str:
    hanja = found.text("hanja")
    return (
        f"성 {found.text('query')} = {found.text('listed')} "
        f"(모두 {found.text('hangul')}{' ' + hanja if hanja else ''}: 로마자 표기 차이)"
    )


def _given_same(found: Reason, word: str) -> str:
    hangul = found.text("hangul")
    shown = f"{word} {found.text('query')} = {found.text('listed')}"
    return f"{shown} ({hangul})" if hangul else shown


def _differ_en(found: Reason) -> str:
    positions = found.texts("syllables")
    noun = "syllable" if len(positions) == 1 else "syllables"
    return (
        f"given name {found.text('query')} ≠ {found.text('listed')} "
        f"({noun} {', '.join(positions)} differ)"
    )


def _differ_ko(found: Reason) -> str:
    positions = found.texts("syllables")
    return (
        f"이름 {found.text('query')} ≠ {found.text('listed')} "
        f"({', '.join(positions)}번째 음절이 다름)"
    )


def _factor_en(found: Reason) -> str:
    return f"{FACTOR_EN[found.text('factor')]} (×{found.number('value'):.2f})"


def _factor_ko(found: Reason) -> str:
    return f"{FACTOR_KO[found.text('factor')]} (×{found.number('value'):.2f})"


def _list(found: Reason, key: str) -> str:
    return ", ".join(found.texts(key))


def _type_ko(found: Reason, key: str) -> str:
    value = found.text(key)
    return TYPE_KO.get(value, value)


EN: Mapping[str, Renderer] = {
    "surname_differs": lambda r: (
        f"surname {r.text('query')} ≠ {r.text('listed')} (different surnames)"
    ),
    "surname_same": lambda r: f"surname {r.text('query')} = {r.text('listed')}",
    "surname_north_south": _north_en,
    "surname_hanja": lambda r: _hanja(r, "surname"),
    "surname_variants": _variants_en,
    "given_same": lambda r: _given_same(r, "given name"),
    "given_missing": lambda r: (
        f"given name {r.text('query')} vs {r.text('listed')}: one syllable missing"
    ),
    "given_syllable_count": lambda r: (
        f"given name {r.text('query')} ≠ {r.text('listed')} (different number of syllables)"
    ),
    "given_differ": _differ_en,
    "words_agree": _words_en,
    "word_pair": _pair_en,
    "no_words_agree": lambda r: "no words agree",
    "only_in_query": lambda r: "only in the query: " + _list(r, "words"),
    "only_in_list": lambda r: "only in the list name: " + _list(r, "words"),
    "omitted_words": lambda r: f"words one name omits count {r.number('share'):.0%}",
    "factor": _factor_en,
    "birth_date_conflict": lambda r: (
        f"born {r.text('query')}, list says {'; '.join(r.texts('listed'))}"
    ),
    "same_birth_day": lambda r: f"same date of birth {r.text('query')}",
    "birth_date_fits": lambda r: f"birth date {r.text('query')} fits {r.text('listed')}",
    "country_agrees": lambda r: f"country {_list(r, 'query')} agrees",
    "country_conflict": lambda r: f"country {_list(r, 'query')}, list says {_list(r, 'listed')}",
    "type_conflict": lambda r: f"the query is a {r.text('query')}, the entry a {r.text('listed')}",
}

KO: Mapping[str, Renderer] = {
    "surname_differs": lambda r: f"성 {r.text('query')} ≠ {r.text('listed')} (다른 성)",
    "surname_same": lambda r: f"성 {r.text('query')} = {r.text('listed')}",
    "surname_north_south": _north_ko,
    "surname_hanja": lambda r: _hanja(r, "성"),
    "surname_variants": _variants_ko,
    "given_same": lambda r: _given_same(r, "이름"),
    "given_missing": lambda r: f"이름 {r.text('query')} 대 {r.text('listed')}: 한 음절 누락",
    "given_syllable_count": lambda r: (
        f"이름 {r.text('query')} ≠ {r.text('listed')} (음절 수가 다름)"
    ),
    "given_differ": _differ_ko,
    "words_agree": _words_ko,
    "word_pair": _pair_ko,
    "no_words_agree": lambda r: "일치하는 단어 없음",
    "only_in_query": lambda r: "조회 이름에만 있는 단어: " + _list(r, "words"),
    "only_in_list": lambda r: "명단 이름에만 있는 단어: " + _list(r, "words"),
    "omitted_words": lambda r: f"한쪽 이름에만 있는 단어는 {r.number('share'):.0%} 반영",
    "factor": _factor_ko,
    "birth_date_conflict": lambda r: (
        f"생년월일 {r.text('query')}, 명단에는 {'; '.join(r.texts('listed'))}"
    ),
    "same_birth_day": lambda r: f"생년월일 {r.text('query')} 일치",
    "birth_date_fits": lambda r: f"생년월일 {r.text('query')}, 명단의 {r.text('listed')}에 부합",
    "country_agrees": lambda r: f"국가 {_list(r, 'query')} 일치",
    "country_conflict": lambda r: f"국가 {_list(r, 'query')}, 명단에는 {_list(r, 'listed')}",
    "type_conflict": lambda r: (
        f"조회 대상은 {_type_ko(r, 'query')}, 명단 항목은 {_type_ko(r, 'listed')}"
    ),
}

_TABLES: Mapping[str, Mapping[str, Renderer]] = {"en": EN, "ko": KO}
CODES = frozenset(EN)
