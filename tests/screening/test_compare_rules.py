"""The scoring rules: Korean names, weighted terms and the entity details."""

from __future__ import annotations

import datetime as dt

import pytest

from wgdesk.screening.analyse import extra_keys, run_keys
from wgdesk.screening.compare.entity import (
    BIRTH_DATE_CONFLICT,
    birth_date_match,
    country_match,
    parse_birth_date,
    type_match,
)
from wgdesk.screening.compare.korean import korean_name_match
from wgdesk.screening.compare.terms import align, term_similarity
from wgdesk.screening.korean.names import read_korean_name
from wgdesk.screening.model import BirthDate, EntityType
from wgdesk.screening.terms import (
    Role,
    given_start,
    legal_typo,
    org_terms,
    own_key_set,
    own_keys,
    person_terms,
    term_set,
)
from wgdesk.screening.text import tokenize

REVIEW, MATCH = 0.70, 0.88


def korean(a: str, b: str) -> float:
    result = korean_name_match(read_korean_name(tokenize(a)), read_korean_name(tokenize(b)))
    assert result is not None
    return result.score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Lee Won-ho", "RI WON HO"),
        ("Wonho Ri", "RI WON HO"),
        ("RI, Won Ho", "Ri Won-ho"),
        ("리원호", "RI WON HO"),
        ("이원호", "RI WON HO"),
        ("Chung Chul", "Jong Chol"),
        ("Choi Song-il", "CHOE SONG IL"),
        ("KO CH'O'L-CHAE", "Ko Cheol-jae"),
        ("Park Pyo’ng-nam", "PAK PYONG NAM"),
        ("Sunghyuk Yi", "RI SONG HYOK"),
        ("Gang Ryeong", "KANG RYONG"),
    ],
)
def test_same_korean_name_in_other_spellings_matches(query: str, listed: str) -> None:
    assert korean(query, listed) >= MATCH


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Kim Song Il", "Kim Song Chol"),
        ("Kim Chol Ho", "Kim Hyok Chol"),
        ("Ri Su Gil", "Ri Su Yong"),
        ("Pak Chun Sik", "Choe Chun Sik"),  # another family
        ("김성민", "KIM SONG CHOL"),
    ],
)
def test_different_korean_people_stay_different(query: str, listed: str) -> None:
    assert korean(query, listed) < REVIEW


def test_missing_syllable_is_at_most_review() -> None:
    assert korean("Kim Song", "Kim Song Chol") < MATCH
    assert REVIEW <= korean("Kim Song Chol", "Kim Song Chol Ho") < MATCH


def test_korean_explanation_names_the_initial_sound_law() -> None:
    result = korean_name_match(
        read_korean_name(tokenize("Lee Won-ho")), read_korean_name(tokenize("RI WON HO"))
    )
    assert result is not None
    assert result.detail == (
        "surname Lee = Ri (initial ㄹ, South/North spelling of 李); given name Won-Ho = Won Ho"
    )


def org(text: str, korean: bool = False):  # type: ignore[no-untyped-def]
    return term_set(org_terms(tokenize(text)), korean=korean)


def org_score(a: str, b: str) -> float:
    """Score a query against a name listed in a Korean context (a DPRK entry)."""
    q, c = org(a), org(b, korean=True)
    found = align(
        q,
        [1.0 if t.role != Role.LEGAL else 0.1 for t in q.terms],
        c,
        [1.0 if t.role != Role.LEGAL else 0.1 for t in c.terms],
    )
    return 0.0 if found is None else found.score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("AM ROK GANG DEVELOPMENT BANKING CO", "AMROGGANG DEVELOPMENT BANKING CORPORATION"),
        ("NAM CHEON KANG TRADING CO", "NAMCHONGANG TRADING CORPORATION"),
        ("Dprk Bu-Gang Trading Co", "KOREA PUGANG TRADING CORPORATION"),
        ("CHOSON GWANG-SUNG TRADING CORP", "KOREA KWANGSONG TRADING CORPORATION"),
        ("CHEON-MYONG SHPG CO", "CHONMYONG SHIPPING CO"),
        ("조선대성은행", "Choson Taesong Unhaeng"),
        ("조선대성은행", "KOREA DAESONG BANK"),
        ("조선민족보험총회사", "KOREAN NATIONAL INSURANCE COMPANY"),
        (
            "Korea Ryonha Machinery J/V Corporation",
            "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION",
        ),
        ("Alfa Trans Limited-Liability Company", "ALFA TRANS LLC"),  # a form hyphenated
        # Pvt. Ltd. is a private limited company; Serv. and Ind's are written out.
        ("Mehdi Bros. Ship Services Private Limited", "MEHDI BROS SHIP SERV. PVT. LTD"),
        ("Yazd Metallurgical Ind's Co", "YAZD METALLURGICAL INDUSTRIES"),
        # A legal form typed in pieces, a letter on its own, is joined again.
        ("Trade Point International SAR L", "TRADE POINT INTERNATIONAL S.A.R.L."),
        ("Irital Shipping SR L", "IRITAL SHIPPING S.R.L."),
        # A name of Korea joined to the next word, either way round.
        ("KOREAMINING DEVELOPMENT TRADING CORPORATION", "KOREA MINING DEVELOPMENT TRADING CO"),
        ("KOREA MINING DEVELOPMENT TRADING CORP", "KOREAMINING DEVELOPMENT TRADING CO"),
    ],
)
def test_organisation_variants_match(query: str, listed: str) -> None:
    assert org_score(query, listed) >= MATCH


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Korea Electric Power Corporation", "KOREA KWANGSONG TRADING CORPORATION"),
        ("KB Kookmin Bank", "KOREA DAESONG BANK"),
        ("Korea Kwangson Trading", "KOREA KWANGSONG TRADING CORPORATION"),
        ("한국전력공사", "KOREA KUMSAN TRADING CORPORATION"),
        ("Private Holdings", "ZIDCO HOLDINGS (PVT) LTD"),  # Pvt is a legal form, not a name
    ],
)
def test_other_organisations_stay_clear(query: str, listed: str) -> None:
    assert org_score(query, listed) < REVIEW


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Sheikh Aboud Rogo", ["aboud", "rogo"]),  # a title opening the name
        ("Prof. Dr. Ali Hassan", ["ali", "hassan"]),  # titles in a row
        ("SHALLAH, Dr. Ramadan Abdullah", ["shallah", "ramadan", "abdullah"]),  # after a comma
        ("SHEIKH, Mohammed Anwar", ["sheikh", "mohammed", "anwar"]),  # a family name
        ("Khalid Shaikh Mohammed", ["khalid", "shaikh", "mohammed"]),  # a name in the middle
        ("Kim Haji", ["kim", "haji"]),  # two words must remain: a Korean given name
    ],
)
def test_titles_opening_a_personal_name_are_dropped(name: str, words: list[str]) -> None:
    assert [t.key for t in person_terms(tokenize(name))] == words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("LASHKAR-E-TAYYIBA", ["lashkar", "tayyiba"]),  # the izafat links two words
        ("TEHREEK-E-AZADI-E-JAMMU", ["tehreek", "azadi", "jammu"]),
        ("JAISH-I-MOHAMMED", ["jaish", "mohammed"]),
        ("JAMAAT-UD-DAWA", ["jamaat", "dawa"]),  # the article with its case vowel
        ("HARAKAT-UL JIHAD", ["harakat", "jihad"]),  # ... ending the first word
        ("MIRA-E.U", ["mira-e-u"]),  # not beside a one-letter part: a name and a form
        ("RYON-BONG", ["ryon-bong"]),  # Korean syllables stay one word
    ],
)
def test_an_izafat_in_a_hyphenated_name_links_its_words(name: str, words: list[str]) -> None:
    terms = org_terms(tokenize(name))
    assert ["-".join(t.parts) if len(t.parts) > 1 else t.key for t in terms] == words


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        ("Abu", "Abou", True),  # French ou for u
        ("Nia", "Niya", True),  # y for i, between vowels
        ("Ali", "Aly", True),
        ("Yu", "Yoo", True),  # oo for u
        ("Bu", "Bou", True),
        ("Bol", "Bor", False),  # one consonant changes a short word
        ("Han", "Khan", False),  # kh is a consonant of its own here
        ("Ana", "Anna", False),  # ... and so is a doubled one (ANA, an acronym)
        ("Abu", "Aba", False),  # another vowel, not another spelling of it
        ("Saad", "Sad", True),  # a doubled vowel
        ("Liyi", "Li", False),  # iy before a vowel is i, but a syllable stays one
        ("理宜", "Lee", False),  # Latin words only: 理宜 reads liyi
        ("علی", "Lee", False),  # ... and علی ly
    ],
)
def test_short_words_agree_only_with_their_vowels_spelt_another_way(
    one: str, other: str, agree: bool
) -> None:
    q, c = person_terms(tokenize(f"{one} Rashid"))[0], person_terms(tokenize(f"{other} Rashid"))[0]
    for a, b in ((q, c), (c, q)):
        # Spelling alone (rigour's name symbols, which know Han and Khan as one name in
        # personal names, left out).
        score, label = term_similarity(a, b, person=False)
        assert (score == 1.0 and label == "spelling") if agree else score == 0.0
        # Every rule needs a key both words hold: retrieval and the bound stay exact.
        assert (not own_key_set(a).isdisjoint(own_keys(b))) or not agree


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        ("Hekhmartyar", "Hekmatyar", True),  # two letters apart: skeletons one sound apart
        ("Mashhadani", "Meshedani", True),  # a letter and two vowels
        ("Alhosseini", "Alhoseini", True),  # one letter apart: shared a key before
        ("Jindong", "Jianming", False),  # syllables: their readings decide, not spelling
        ("Export", "Support", False),  # short words: two edits make another word
    ],
)
def test_long_words_two_or_three_letters_apart_share_a_key(
    one: str, other: str, agree: bool
) -> None:
    q, c = person_terms(tokenize(f"{one} Rashid"))[0], person_terms(tokenize(f"{other} Rashid"))[0]
    for a, b in ((q, c), (c, q)):
        score, label = term_similarity(a, b, person=False)
        assert (score >= 0.75 and label == "spelling") if agree else score == 0.0
        # The rule is the spelling rule; the keys only let it see the pair (and keep
        # retrieval and the bound exact: no agreement without a shared key).
        assert (not own_key_set(a).isdisjoint(own_keys(b))) or not agree


@pytest.mark.parametrize(
    ("arabic", "latin", "agree"),
    [
        ("آغا", "Agha", True),  # one consonant: the vowels tell (VKV)
        ("یار", "Yar", True),  # a consonant y before a long vowel
        ("عیسی", "Essa", True),  # ayn and long vowels written as vowels
        ("اياد", "Ayyad", True),  # a doubled letter is one sound
        ("جمعه", "Juma", True),  # a final heh not written in Latin
        ("حمزه", "Hamza", True),  # ... read without it (not hmzh, zh as in Zhukov)
        ("فاطمة", "Fatima", True),  # ... nor a final ta marbuta
        ("وثيق", "Wassiq", True),  # tha read s, as in Persian and Urdu
        ("علي", "Lee", False),  # Ali begins with ayn, a vowel sound Lee lacks
        ("یار", "Ira", False),  # the consonant y is missing
        ("آغا", "Aga", True),  # gh and g: one consonant class
        # After an alif, ي and و are consonants, as a y or w between vowels is in Latin:
        # two consonants without them say too little for a word this long.
        ("جراية", "Jarraya", True),
        ("عزاوي", "Azzawi", True),
        # Arabic script writes no short vowel: ولی is Wali without its a.
        ("ولی", "Wali", True),
        ("ولی", "Lee", False),  # the w is missing
    ],
)
def test_arabic_words_of_few_consonants_meet_their_transliteration(
    arabic: str, latin: str, agree: bool
) -> None:
    q, c = person_terms(tokenize(arabic))[0], person_terms(tokenize(latin))[0]
    assert (term_similarity(q, c, person=True)[0] > 0.0) is agree
    assert (term_similarity(c, q, person=True)[0] > 0.0) is agree


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        # Abd and a name beginning with h, written apart on one side and joined on the
        # other: the d and the h are two letters, not the dh of ذ.
        ("عبد الحكيم", "Abdelhakim"),
        ("عبدالحميد", "Abd-al-Hamid"),
        ("عبدالحميد", "Abd Hamid"),
    ],
)
def test_abd_and_a_name_meet_joined_in_one_script_and_apart_in_the_other(
    arabic: str, latin: str
) -> None:
    def person(text: str):  # type: ignore[no-untyped-def]
        return term_set(person_terms(tokenize(text)), person=True)

    for q, c in ((person(arabic), person(latin)), (person(latin), person(arabic))):
        found = align(q, [1.0] * len(q.terms), c, [1.0] * len(c.terms))
        assert found is not None and found.score >= 0.85  # every word paired
        assert [p.how for p in found.pairs] == ["transliteration"]


@pytest.mark.parametrize(
    ("apart", "joined"),
    [
        ("Abdul Hossein", "Abdolhossein"),  # the article spelt differently in each
        ("Abdel Rochim", "Abdurochim"),
    ],
)
def test_abdul_and_a_name_meet_the_two_written_as_one_word(apart: str, joined: str) -> None:
    def person(text: str):  # type: ignore[no-untyped-def]
        return term_set(person_terms(tokenize(text)), person=True)

    for q, c in ((person(apart), person(joined)), (person(joined), person(apart))):
        found = align(q, [1.0] * len(q.terms), c, [1.0] * len(c.terms))
        assert found is not None and found.score == 1.0
        assert [p.how for p in found.pairs] == ["joined"]
        # The keys the pairing needs are shared, so retrieval and the bound see it.
        assert any(
            not own_key_set(t).isdisjoint(keys)
            for t in c.terms
            for _, keys in run_keys(q, False, True)
        ) or any(
            not own_key_set(t).isdisjoint(keys)
            for t in q.terms
            for _, keys in run_keys(c, False, False)
        )


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("DELLOSA, Habil Akmad", "Habil Akmaddellosa"),
        ("SERPA DIAZ, Alvaro Enrique", "Alvaro Enriqueserpa Diaz"),
    ],
)
def test_a_surname_first_name_meets_its_last_given_name_and_surname_joined(
    listed: str, query: str
) -> None:
    # Said Given SURNAME, the last given name and the surname are next to each other.
    def person(text: str):  # type: ignore[no-untyped-def]
        tokens = tokenize(text)
        return term_set(person_terms(tokens), person=True, given=given_start(tokens))

    for q, c in ((person(query), person(listed)), (person(listed), person(query))):
        found = align(q, [1.0] * len(q.terms), c, [1.0] * len(c.terms))
        assert found is not None and found.score == 1.0
        assert "joined" in [p.how for p in found.pairs]


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        ("Eldin", "Din", True),  # al-Din, the article joined
        ("Uddin", "Din", True),  # ... its l become the doubled sun letter d
        ("Eddine", "Din", True),
        ("الدين", "Eldin", True),  # the Arabic article is dropped: دين, Din
        ("Edin", "Din", False),  # Edin is a name of its own, as are Adin and Udin
    ],
)
def test_al_din_with_its_article_joined_is_din(one: str, other: str, agree: bool) -> None:
    q, c = person_terms(tokenize(f"Nur {one}"))[1], person_terms(tokenize(f"Nur {other}"))[1]
    for a, b in ((q, c), (c, q)):
        assert (term_similarity(a, b, person=True)[0] > 0.0) is agree


@pytest.mark.parametrize("abbreviated", ["Mohd", "Mhd", "Muhd"])
@pytest.mark.parametrize("full", ["Muhammad", "Mohammed", "Mohamed", "Mohamad", "Muhamad"])
def test_abbreviations_of_muhammad_are_the_name(abbreviated: str, full: str) -> None:
    q, c = person_terms(tokenize(f"{abbreviated} Rashid"))[0], person_terms(tokenize(full))[0]
    for a, b in ((q, c), (c, q)):
        assert term_similarity(a, b, person=True)[0] >= 0.9
        # A shared symbol key, so retrieval and the bound see the pair.
        shared = set(extra_keys(a, True, False, False, True)) & set(
            extra_keys(b, True, False, False, False)
        )
        assert any(key.startswith("s:") for key in shared)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("copmany", "company"),
        ("limtied", "limited"),
        ("copr", "corp"),
        ("coop", None),  # a word of its own, one letter from Corp but not two swapped
        ("golding", None),  # one edit from Holding, which is not read so
        ("limitee", None),  # a word of the phrase Societe a Responsabilite Limitee
        ("company", None),  # the form itself needs no reading
    ],
)
def test_misspelt_legal_forms(word: str, form: str | None) -> None:
    assert legal_typo(word) == form


def test_term_similarity_names_its_reason() -> None:
    daesong, taesong = org_terms(tokenize("Daesong"))[0], org_terms(tokenize("Taesong"))[0]
    assert term_similarity(daesong, taesong)[1] == "spelling variant"
    korea = org_terms(tokenize("Choson"))[0]
    assert korea.role == Role.KOREA
    assert person_terms(tokenize("Muhammad al Anwari"))[-1].key == "anwari"


def test_birth_date_rules() -> None:
    listed = (BirthDate(dt.date(1964, 7, 17), dt.date(1964, 7, 17), "1964-07-17"),)
    same_day = birth_date_match(parse_birth_date("1964-07-17"), listed)
    same_year = birth_date_match(parse_birth_date("1964"), listed)
    conflict = birth_date_match(parse_birth_date("1971-02"), listed)
    assert same_day is not None and same_year is not None and conflict is not None
    assert same_day.score > same_year.score > 0 > conflict.score == BIRTH_DATE_CONFLICT
    assert birth_date_match(None, listed) is None
    with pytest.raises(ValueError, match="not YYYY"):
        parse_birth_date("17/07/1964")
    with pytest.raises(ValueError, match="not a real date"):
        parse_birth_date("1964-02-30")


def test_country_and_type_rules() -> None:
    agrees = country_match(("KP",), ("Democratic People's Republic of Korea",))
    differs = country_match(("Korea, South",), ("Korea, North",))
    assert agrees is not None and agrees.score > 0
    assert differs is not None and differs.score < 0
    assert country_match(("Atlantis",), ("Korea, North",)) is None
    assert type_match(EntityType.PERSON, EntityType.ORGANIZATION) is not None
    assert type_match(EntityType.ORGANIZATION, EntityType.VESSEL) is None
    assert type_match(None, EntityType.PERSON) is None


def test_a_legal_form_in_pieces_is_joined() -> None:
    WORD, LEGAL = Role.WORD, Role.LEGAL
    assert [t.role for t in org_terms(tokenize("Irital Shipping SR L"))] == [WORD, WORD, LEGAL]
    # Not pieces of a legal form: a letter with a word (Kim L), or no legal form made.
    assert [t.key for t in org_terms(tokenize("Kim L Trading"))][:2] == ["kim", "l"]
