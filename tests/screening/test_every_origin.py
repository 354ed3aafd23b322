"""Names of every origin: each rule of docs/screening.md ("Names of every origin") screened
end to end against a small list of invented names, with the case it must not confuse."""

from __future__ import annotations

import pytest

from wgdesk.screening import Decision, Screener, Thresholds
from wgdesk.screening.model import EntityType, Entry, ListVersion, Name, NameKind

PER, ORG = EntityType.PERSON, EntityType.ORGANIZATION
ENTRIES = (
    ("P1", PER, ("ALEKSANDR IVANOVICH PETRENKO",)),
    ("P2", PER, ("MOHAMMED YUSUF AL-HASHIMI",)),
    ("P3", PER, ("WILLIAM HARTLEY",)),
    ("P4", PER, ("KHALID BIN ABDULLAH AL-SAADI",)),
    ("P5", PER, ("JEAN-PIERRE MBEMBA",)),
    ("P6", PER, ("ZHANG WEIMING", "张伟明")),
    ("P7", PER, ("JANG MYONG JIN", "장명진")),
    ("P8", PER, ("RAMZAN AKHMADOVICH KADYROV",)),
    ("P9", PER, ("OMAR HASSAN AL-ZUBAIDI", "عمر حسن الزبيدي")),
    ("P10", PER, ("AHMAD TAHA KHALID ABDUL QADIR",)),
    ("P11", PER, ("FAZL MOHAMMAD MAZLOOM",)),
    ("P12", PER, ("SAYYED MOHAMMAD HAQQANI",)),
    ("P13", PER, ("AL-RUBAYSI, Ibrahim bin Sulayman",)),
    ("P14", PER, ("BIN QASIM, Hamid",)),
    ("P15", PER, ("ABDUL RAHIM MANSURI",)),
    ("P16", PER, ("SAAD BIN SAAD AL-KUWAIRI",)),
    ("P17", PER, ("ABD AL-MALIK HAIDARI",)),
    ("P18", PER, ("NAJJAR, Dr. Faisal Karim",)),
    ("P19", PER, ("Sheikh Idris Mahmoud Farah",)),
    ("P20", PER, ("HAJJI, Nasir Fawaz",)),
    ("P21", PER, ("YAR MOHAMMAD TAHIRI",)),
    ("P22", PER, ("AGHA JAN WASSIQ",)),
    ("O1", ORG, ("SEASTAR SHIPPING AG",)),
    ("O2", ORG, ("K.P.C. TRADING",)),
    ("O3", ORG, ("SEVENTEEN STARS HOLDINGS LIMITED",)),
    ("O4", ORG, ("NORTHERN PARTNERS II LLC",)),
    ("O5", ORG, ("OPEN JOINT STOCK COMPANY VOLGATRANS",)),
    ("O6", ORG, ("AL-QAIDA", "القاعدة")),
    ("O7", ORG, ("OFFICE 39",)),
    ("O8", ORG, ("SECOND ECONOMIC COMMITTEE",)),
    ("O9", ORG, ("CASPIAN HORIZON TANKER COMPANY LLC",)),
    ("O10", ORG, ("GREEN SHIPPING LTD",)),
    ("O11", ORG, ("FRIGORIFICOS DEL CAUCA S.A.S.",)),
    ("O12", ORG, ("INVERSIONES TALAVERA S.R.L.",)),
    ("O13", ORG, ("KOTIRA CORP",)),
    ("O14", ORG, ("BU ALI SINA PETROCHEMICAL COMPANY",)),
    ("O15", ORG, ("LASHKAR TAYYIBA",)),
)


@pytest.fixture(scope="module")
def world() -> Screener:
    """A screener over the invented entries, with the default thresholds."""
    entries = tuple(
        Entry(
            "un",
            ref,
            kind,
            names[0],
            tuple(
                Name(n, NameKind.PRIMARY if i == 0 else NameKind.ALIAS) for i, n in enumerate(names)
            ),
            ("TEST",),
        )
        for ref, kind, names in ENTRIES
    )
    version = ListVersion("un", "test", "1", "every origin", entries)
    return Screener([version], Thresholds(0.70, 0.88))


def _found(world: Screener, query: str, kind: EntityType | None) -> dict[str, float]:
    """Return the alerted entries of a query and their scores."""
    result = world.screen(query, type=kind)
    return {m.ref: m.score for m in result.matches if m.decision != Decision.CLEAR}


@pytest.mark.parametrize(
    ("query", "kind", "ref"),
    [
        ("Alexander Ivanovich Petrenko", PER, "P1"),  # given-name equivalent
        ("Олександр Іванович Петренко", PER, "P1"),  # Ukrainian Cyrillic, other spelling
        ("Muhammad Yusuf al-Hashimi", PER, "P2"),
        ("Mohamed Youssef Al Hashimi", PER, "P2"),
        ("Mohd Yusuf Al-Hashimi", PER, "P2"),  # Muhammad abbreviated, as in Malaysia
        ("AL-HASHIMI, Mhd Yusuf", PER, "P2"),  # ... and as in Syria
        ("Bill Hartley", PER, "P3"),  # nickname
        ("J.-P. Mbemba", PER, "P5"),  # initials
        ("Petrneko Aleksandr Ivanovich", PER, "P1"),  # a transposition, word order
        ("RamzanKadyrov", PER, "P8"),  # joined words
        ("张伟明", PER, "P6"),  # Chinese characters as written
        ("張明進", PER, "P7"),  # Hanja read as Korean
        ("Chang Myong-chin", PER, "P7"),  # McCune-Reischauer
        ("عمر حسن الزبيدي", PER, "P9"),
        ("Omar Hasan Zubaydi", PER, "P9"),
        ("Khalid bin Abdullah al-Saadi", PER, "P4"),
        ("خالد بن عبدالله السعدي", PER, "P4"),  # the same nasab in Arabic script
        ("Al-Saadi, Khalid bin Abdullah", PER, "P4"),  # 'SURNAME, Given', same nasab
        ("Ibrahim bin Sulayman al-Rubaysi", PER, "P13"),  # the family name moved to the end
        ("Hamid bin Qasim", PER, "P14"),  # 'BIN QASIM, Hamid' read as spoken
        ("Abd al-Rahim Mansuri", PER, "P15"),  # Abdul: the article joined to Abd
        ("Al-Kuwairi, Saad bin Saad", PER, "P16"),  # a repeated name in either copy
        ("Abdelmalik Haidari", PER, "P17"),  # Abd al-Malik joined, the article between
        ("عبدالملك حيدري", PER, "P17"),  # ... and joined in Arabic script
        ("احمد طه خالد عبد القادر", PER, "P10"),  # the article written with the next word
        ("فضل محمد مظلوم", PER, "P11"),  # ظ read z, as in Persian and Urdu
        ("سيد محمد حقانی", PER, "P12"),  # a doubled letter is one sound (Sayyed)
        ("Sea Star Shipping AG", ORG, "O1"),  # split words
        ("Seastar Shipping Aktiengesellschaft", ORG, "O1"),  # legal form by meaning
        ("KPC Trading", ORG, "O2"),  # dotted abbreviation
        ("17 Stars Holdings Ltd", ORG, "O3"),  # numbers in figures
        ("Northern Partners 2 LLC", ORG, "O4"),
        ("OAO Volgatrans", ORG, "O5"),  # OAO = open joint-stock company
        ("39호실", ORG, "O7"),  # a number in a Hangul name
        ("제2경제위원회", ORG, "O8"),  # a Korean ordinal
        ("Faisal Karim Najjar", PER, "P18"),  # the list's title (Dr.) is no word of the name
        ("Idris Mahmoud Farah", PER, "P19"),  # ... nor is Sheikh
        ("FARAH, Sheikh Idris Mahmoud", PER, "P19"),  # a title opening the given names
        ("Nasir Fawaz Hajji", PER, "P20"),  # Hajji as a family name stays a name
        ("یار محمد طاهری", PER, "P21"),  # a word of one consonant, told by its vowels
        ("آغا جان وثيق", PER, "P22"),  # ... and tha read s (Wassiq)
        ("Caspian Horizon Tanker Company LLC Dubai Branch", ORG, "O9"),  # named in part
        ("Frigorificos del Cauca S.A.", ORG, "O11"),  # a simplified S.A. is an S.A.
        ("Bou Ali Sina Petrochemical Company", ORG, "O14"),  # a short word's vowel spelt ou
        ("Lashkar-e-Tayyiba", ORG, "O15"),  # an izafat, hyphenated
    ],
)
def test_variants_of_a_listed_name_alert(
    world: Screener, query: str, kind: EntityType, ref: str
) -> None:
    assert ref in _found(world, query, kind), query


@pytest.mark.parametrize(
    ("query", "kind", "ref"),
    [
        ("Abdullah bin Khalid al-Saadi", PER, "P4"),  # nasab order carries identity
        ("Al-Saadi, Abdullah bin Khalid", PER, "P4"),  # ... with a comma too
        ("عبدالله بن خالد السعدي", PER, "P4"),  # ... in Arabic script (بن)
        ("Sulayman bin Ibrahim al-Rubaysi", PER, "P13"),  # the father, not the son
        ("Qasim bin Hamid", PER, "P14"),  # 'BIN QASIM, Hamid' is Qasim's son
        ("张卫明", PER, "P6"),  # another character that reads the same (wei)
        ("Northern Partners III LLC", ORG, "O4"),  # II is not III
        ("KT Corporation", ORG, "O6"),  # an abbreviation is no transliteration of Arabic
        ("케이티", ORG, "O6"),  # nor is the reading of a Hangul word
        ("제1경제위원회", ORG, "O8"),  # first is not second
        ("Shipping Holdings Limited", ORG, "O1"),  # legal forms and common words alone
        ("Green Asia Shipping Corporation", ORG, "O10"),  # one proper word is not a name
    ],
)
def test_names_that_only_look_alike_do_not_alert(
    world: Screener, query: str, kind: EntityType, ref: str
) -> None:
    found = _found(world, query, kind)
    assert ref not in found, f"{query}: {found}"


def test_a_legal_form_alone_never_matches(world: Screener) -> None:
    assert _found(world, "Limited Liability Company", ORG) == {}
    assert _found(world, "AG", ORG) == {}


def test_another_legal_form_is_at_most_review(world: Screener) -> None:
    # AG is not GmbH: a sister company perhaps, for a person to look at, never a match.
    other = world.screen("Seastar Shipping GmbH", type=ORG)
    same = world.screen("Seastar Shipping Aktiengesellschaft", type=ORG)
    assert same.decision == Decision.MATCH and same.matches[0].score == 1.0
    assert other.decision != Decision.MATCH
    # S.A.S. is a joint-stock company (S.A.): the same form; S.A.R.L. a limited-liability one.
    assert world.screen("Frigorificos del Cauca S.A.", type=ORG).decision == Decision.MATCH
    assert world.screen("Frigorificos del Cauca SARL", type=ORG).decision != Decision.MATCH


@pytest.mark.parametrize(
    "query",
    [
        "Inversiones Talavera Ltda",  # Limitada: the S.R.L. of Colombia and Brazil
        "Inversiones Talavera Limitada",
        "Inversiones Talavera Sociedad de Responsabilidad Limitada",
        "Inversiones Talavera S. de R.L.",  # as Mexico writes it
        "Inversiones Talavera Societe a Responsabilite Limitee",  # the French SARL
    ],
)
def test_a_limited_liability_company_in_other_words_is_one_form(
    world: Screener, query: str
) -> None:
    found = world.screen(query, type=ORG)
    assert found.decision == Decision.MATCH and found.matches[0].ref == "O12", query


@pytest.mark.parametrize(
    "query",
    ["Faisal Karim Najjar", "NAJJAR, Faisal Karim", "Idris Mahmoud Farah", "Farah, Idris Mahmoud"],
)
def test_a_title_is_no_word_of_the_name(world: Screener, query: str) -> None:
    # The list's Dr. and Sheikh are not words the query omits: the names are alike.
    assert world.screen(query, type=PER).matches[0].score == 1.0


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("Kotira Copr", "O13"),  # two letters of a short form swapped
        ("Caspian Horizon Tanker Copmany LLC", "O9"),  # a long form one edit away
        ("Open Joint Stock Compnay Volgatrans", "O5"),  # ... inside a phrase of forms
    ],
)
def test_a_misspelt_legal_form_is_still_one(world: Screener, query: str, ref: str) -> None:
    found = world.screen(query, type=ORG)
    assert found.decision == Decision.MATCH and found.matches[0].ref == ref, query


def test_a_query_may_name_an_organisation_with_words_more(world: Screener) -> None:
    # The listed name whole, with a branch: the query's extra words count as omitted words.
    found = world.screen("Caspian Horizon Tanker Company LLC Dubai Branch", type=ORG)
    assert found.matches[0].ref == "O9" and found.matches[0].score > 0.8
    assert "omits" in found.matches[0].explanation
    # ... but not around a name of one proper word, which many other names hold.
    assert _found(world, "Green Asia Shipping Corporation", ORG) == {}
