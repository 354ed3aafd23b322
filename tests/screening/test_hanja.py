"""Hanja: Korean readings of Han characters, words and personal names."""

from __future__ import annotations

import bz2
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wgdesk.screening.compare.korean import SAME_NAME_FLOOR, korean_name_match
from wgdesk.screening.korean import make_hanja
from wgdesk.screening.korean.hangul import is_syllable
from wgdesk.screening.korean.hanja import (
    MAX_READINGS,
    HanjaName,
    char_readings,
    hanja_name_readings,
    hanja_readings,
    has_han,
    is_han,
    listed_readings,
    read_hanja_name,
    surname_forms,
    unify,
)
from wgdesk.screening.korean.names import read_korean_name
from wgdesk.screening.text import tokenize

REVIEW = 0.70
DEBIAN_UNIHAN = Path("/usr/share/unicode")


def _data_text() -> str:
    return (
        resources.files("wgdesk.screening.korean")
        .joinpath("data")
        .joinpath("hanja.tsv")
        .read_text("utf-8")
    )


def _data_rows() -> list[list[str]]:
    text = _data_text()
    body = text[text.index("char\treadings\tvia\n") :].splitlines()[1:]
    return [line.split("\t") for line in body]


def best_score(hanja: str, latin: str) -> float:
    """The Korean rule's best score over the hanja name's readings, as the matcher pairs them."""
    latin_readings = read_korean_name(tokenize(latin))
    scores = [0.0]
    for reading in hanja_name_readings(hanja):
        result = korean_name_match(read_korean_name(tokenize(reading)), latin_readings)
        if result is not None:
            scores.append(result.score)
    return max(scores)


# --- characters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("張", True),
        ("金", True),
        ("㐀", True),  # Extension A
        ("𠀀", True),  # Extension B
        ("\U00030000", True),  # Extension G
        ("\uf9e1", True),  # compatibility ideograph 李
        ("\U0002f800", True),  # compatibility supplement
        ("김", False),
        ("A", False),
        ("の", False),
        ("〇", False),  # ideographic zero is a number sign, not an ideograph
        ("金正", False),  # not one character
        ("", False),
    ],
)
def test_is_han(char: str, expected: bool) -> None:
    assert is_han(char) is expected


def test_has_han() -> None:
    assert has_han("KIM Jong Un (金正恩)")
    assert not has_han("Kim Jong Un")
    assert not has_han("김정은")
    assert not has_han("")


def test_compatibility_ideographs_unify_to_their_unified_character() -> None:
    assert unify("\uf9e1") == "李"  # NFC maps the KS X 1001 duplicate
    assert unify("\uf914") == unify("\uf95c") == unify("\uf9bf") == "樂"
    assert unify("\ufa0e") == "\ufa0e"  # one of the twelve unified ideographs in the block
    assert unify("張") == "張"


@pytest.mark.parametrize(
    ("char", "readings"),
    [
        ("金", ("금", "김")),
        ("樂", ("낙", "락", "악", "요")),
        ("說", ("설", "세", "열")),
        ("張", ("장",)),
        ("明", ("명",)),
    ],
)
def test_characters_with_one_or_several_readings(char: str, readings: tuple[str, ...]) -> None:
    assert hanja_readings(char) == readings


@pytest.mark.parametrize(
    ("char", "south", "north"),
    [
        ("李", "이", "리"),
        ("柳", "유", "류"),
        ("羅", "나", "라"),
        ("盧", "노", "로"),
        ("林", "임", "림"),
        ("龍", "용", "룡"),
        ("女", "여", "녀"),
        ("尼", "이", "니"),  # ㄴ before an i-vowel, though Unihan lists only 니
    ],
)
def test_initial_sound_law_gives_south_first_and_keeps_north(
    char: str, south: str, north: str
) -> None:
    assert hanja_readings(char)[:2] == (south, north)


def test_law_duplicates_are_one_reading_with_two_spellings() -> None:
    """KS X 1001 encodes 李 as 리 and as 이; they are one reading, not two."""
    assert listed_readings("李") == ("리", "이")
    [reading] = char_readings("李")
    assert (reading.sound, reading.initial) == ("리", "이")


def test_inside_a_word_a_character_keeps_its_sound() -> None:
    assert hanja_readings("新羅") == ("신라",)
    assert hanja_readings("國利")[0] == "국리"
    assert hanja_readings("羅列")[:2] == ("나열", "라렬")  # law at the start; 렬 after a vowel


def test_ryeol_and_ryul_after_a_vowel_or_nieun_in_the_south() -> None:
    assert hanja_readings("比率")[:2] == ("비율", "비률")  # after a vowel
    assert hanja_readings("確率")[0] == "확률"  # after ㄱ: the sound stays
    assert "확율" not in hanja_readings("確率")


def test_compatibility_ideograph_puts_its_own_reading_first() -> None:
    assert hanja_readings("\uf9e1") == ("이", "리")
    assert hanja_readings("\uf9bf")[0] == "요"  # 樂 encoded for the reading 요
    assert set(hanja_readings("\uf9bf")) == set(hanja_readings("樂"))


def test_simplified_and_japanese_forms_read_through_their_variants() -> None:
    assert hanja_readings("张明进") == hanja_readings("張明進") == ("장명진",)
    assert hanja_readings("龙")[:2] == ("용", "룡")
    assert hanja_readings("関") == ("관",)  # Japanese form of 關


@pytest.mark.parametrize(
    "text", ["", "   ", "Kim", "김정은", "金X", "金 正恩", "X金", "〇", "金正恩。"]
)
def test_non_han_words_read_as_nothing(text: str) -> None:
    assert hanja_readings(text) == ()


def test_word_readings_are_bounded() -> None:
    # Four characters with several readings each: many combinations, at most eight kept.
    word = "樂說率金"
    assert len(hanja_readings(word)) == MAX_READINGS
    assert hanja_readings(word)[0] == "낙설률금"  # the most usual reading of each first


# --- surnames ---------------------------------------------------------------------------


def test_surname_table_reads_surnames() -> None:
    assert surname_forms("金") == (("김", "김"),)  # never 금 as a surname
    assert surname_forms("李") == (("이", "리"),)
    assert surname_forms("柳") == (("유", "류"),)
    assert surname_forms("羅") == (("나", "라"),)
    assert surname_forms("盧") == (("노", "로"),)


def test_table_north_form_needs_the_characters_reading() -> None:
    """The 이/리 row also holds 伊, which reads only 이: no North 리 for it."""
    assert surname_forms("伊") == (("이", "이"),)
    assert hanja_name_readings("伊英浩") == ("이영호",)
    assert surname_forms("任") == (("임", "임"),)  # the 임/림 row is 林's North form


def test_surname_outside_the_table_is_read_by_its_characters() -> None:
    assert surname_forms("魏") == (("위", "위"),)
    assert hanja_name_readings("魏成") == ("위성",)


@pytest.mark.parametrize(
    ("name", "surname"),
    [("南宮玉", "남궁"), ("諸葛亮", "제갈"), ("皇甫仁", "황보"), ("鮮于龍", "선우")],
)
def test_two_character_surnames(name: str, surname: str) -> None:
    first = read_hanja_name(name)[0]
    assert first.surname == surname
    assert first.hangul.startswith(surname)
    assert read_korean_name(tokenize(first.hangul))


def test_surname_metal_is_kim_and_the_word_is_geum() -> None:
    assert hanja_readings("金")[0] == "금"
    assert hanja_name_readings("金正恩") == ("김정은",)


# --- whole names ------------------------------------------------------------------------


def test_name_forms_south_north_and_south_press() -> None:
    assert read_hanja_name("崔龍海") == (
        HanjaName("최", "용해"),  # the South's law at the given name's start
        HanjaName("최", "룡해"),  # the North's spelling, also how the South's press writes it
    )
    assert hanja_name_readings("李陸史")[:3] == ("이육사", "리륙사", "이륙사")
    assert hanja_name_readings("崔麟") == ("최인", "최린")  # a one-syllable given name
    assert hanja_name_readings("金龍洙") == ("김용수", "김룡수")


def test_spaced_and_unspaced_names_read_alike() -> None:
    assert hanja_name_readings("金 正恩") == hanja_name_readings("金正恩")
    assert hanja_name_readings("南宮 玉")[0] == "남궁옥"


@pytest.mark.parametrize(
    "text",
    ["", "金", "金正恩日成龍", "Kim 正恩", "金 正 恩", "金正恩X", "김정은", "南宮三四五六 七"],
)
def test_not_a_hanja_name(text: str) -> None:
    assert hanja_name_readings(text) == ()
    assert read_hanja_name(text) == ()


def test_name_readings_are_bounded_and_read_by_the_korean_reader() -> None:
    readings = hanja_name_readings("李樂說率")
    assert 1 < len(readings) <= MAX_READINGS
    for reading in readings:
        assert all(is_syllable(c) for c in reading)
        assert read_korean_name(tokenize(reading)), reading


@pytest.mark.parametrize(
    ("hanja", "latin"),
    [
        ("張明進", "Jang Myong Jin"),
        ("張明進", "Chang Myong-chin"),
        ("張明進", "JANG MYONG JIN"),
        ("張明進", "Jang Myeong-jin"),
        ("张明进", "Jang Myong Jin"),
        ("金正恩", "Kim Jong Un"),
        ("金正恩", "Gim Jeong-eun"),
        ("金正恩", "Kim Chŏng-ŭn"),
        ("李英浩", "Ri Yong Ho"),
        ("李英浩", "Lee Young-ho"),
        ("李英浩", "Yi Yŏng-ho"),
        ("崔龍海", "Choe Ryong Hae"),
        ("崔龍海", "Choi Yong-hae"),
        ("崔龍海", "Ch'oe Ryong-hae"),
        ("崔龙海", "Choe Ryong Hae"),
        ("朴奉珠", "Pak Pong Ju"),
        ("朴奉珠", "Park Bong-ju"),
        ("李雪主", "Ri Sol Ju"),
        ("李雪主", "Lee Seol-ju"),
        ("盧光鐵", "Ro Kwang Chol"),
        ("盧光鐵", "No Kwang-chol"),
        ("南宮玉", "Namgung Ok"),
        ("柳京", "Ryu Kyong"),
        ("\uf9e1英浩", "RI YONG HO"),
        ("金 正恩", "KIM, Jong Un"),
    ],
)
def test_hanja_names_match_their_latin_spellings(hanja: str, latin: str) -> None:
    assert best_score(hanja, latin) >= SAME_NAME_FLOOR


def test_hanja_name_matches_its_hangul_exactly() -> None:
    assert best_score("張明進", "장명진") == 1.0
    assert best_score("李英浩", "리영호") == 1.0


@pytest.mark.parametrize(
    ("hanja", "other"),
    [
        ("金正恩", "Kim Jong Il"),  # 金正日: one given-name syllable differs
        ("金正日", "Kim Jong Un"),
        ("張明進", "Jo Myong Jin"),  # 趙明進: another surname
        ("崔龍海", "Choe Ryong Su"),
        ("朴奉珠", "Pak Pong Chol"),
        ("李英浩", "Ri Yong Chol"),
    ],
)
def test_different_hanja_names_do_not_match(hanja: str, other: str) -> None:
    assert best_score(hanja, other) < REVIEW


@pytest.mark.parametrize(
    ("first", "second"), [("金正恩", "金正日"), ("張明進", "趙明進"), ("李英浩", "李永哲")]
)
def test_two_different_hanja_names_do_not_match_each_other(first: str, second: str) -> None:
    scores = []
    for a in hanja_name_readings(first):
        for b in hanja_name_readings(second):
            result = korean_name_match(read_korean_name(tokenize(a)), read_korean_name(tokenize(b)))
            assert result is not None
            scores.append(result.score)
    assert scores
    assert max(scores) < REVIEW


# --- the data file ----------------------------------------------------------------------


def test_every_character_in_the_data_has_a_single_syllable_reading() -> None:
    rows = _data_rows()
    assert len(rows) > 10_000
    for row in rows:
        char, readings, _via = row
        assert len(char) == 1 and is_han(char), row
        listed = readings.split()
        assert listed and all(len(r) == 1 and is_syllable(r) for r in listed), row
        assert len(set(listed)) == len(listed), row
        assert char_readings(char), row


def test_data_header_names_source_version_and_licence() -> None:
    header = _data_text().split("char\treadings\tvia\n", 1)[0]
    assert "Unihan" in header
    assert "Unicode 15.0.0" in header
    assert "LICENSE-Unicode.txt" in header
    assert "MODIFIED" in header
    licence = resources.files("wgdesk.screening.korean").joinpath("data/LICENSE-Unicode.txt")
    assert "Permission is hereby granted" in licence.read_text("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([row[0] for row in _data_rows()]), min_size=1, max_size=6))
def test_any_word_of_known_characters_reads_within_bounds(chars: list[str]) -> None:
    word = "".join(chars)
    readings = hanja_readings(word)
    assert 1 <= len(readings) <= MAX_READINGS
    assert len(set(readings)) == len(readings)
    for reading in readings:
        assert len(reading) == len(chars)
        assert all(is_syllable(c) for c in reading)
        # Every syllable is one the data lists for its character (or its law form).
        for char, syllable in zip(chars, reading, strict=True):
            assert any(syllable in (r.sound, r.initial) for r in char_readings(char))


# --- the generator ----------------------------------------------------------------------


def _write_unihan(folder: Path, readings: str, variants: str) -> None:
    folder.mkdir()
    head = "# Unihan_Readings.txt\n# Unicode version: 99.0.0\n#\n"
    (folder / "Unihan_Readings.txt").write_text(head + readings, "utf-8")
    with bz2.open(folder / "Unihan_Variants.txt.bz2", "wt", encoding="utf-8") as handle:
        handle.write("# Unihan_Variants.txt\n" + variants)


def test_generator_ranks_tags_and_borrows_from_variants(tmp_path: Path) -> None:
    unihan = tmp_path / "unihan"
    _write_unihan(
        unihan,
        "U+674E\tkHangul\t리:0E 이:0\n"
        "U+6A02\tkHangul\t낙:0 락:0E 악:0N 요:0N\n"
        "U+5F35\tkHangul\t장:0E\n"
        "U+5F35\tkMandarin\tzhāng\n"
        "U+5BE7\tkHangul\t녕:0E\n"
        "U+5B81\tkHangul\t저:0N\n",
        "U+5F20\tkTraditionalVariant\tU+5F35\n"  # 张 -> 張: borrows 장
        "U+5B81\tkTraditionalVariant\tU+5B81 U+5BE7\n",  # 宁 -> 寧; never 寧 <- 宁
    )
    out = tmp_path / "hanja.tsv"
    assert make_hanja.main([str(unihan), "--out", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "Unicode 99.0.0" in text
    body = text.split("char\treadings\tvia\n", 1)[1].splitlines()
    assert body == [
        "宁\t저 녕\t寧",
        "寧\t녕\t",
        "张\t장\t張",
        "張\t장\t",
        "李\t리 이\t",
        "樂\t락 악 요 낙\t",
    ]


def test_generator_rejects_a_reading_that_is_not_one_syllable(tmp_path: Path) -> None:
    unihan = tmp_path / "unihan"
    _write_unihan(unihan, "U+674E\tkHangul\tri:0E\n", "")
    with pytest.raises(ValueError, match="not one Hangul syllable"):
        make_hanja.main([str(unihan), "--out", str(tmp_path / "out.tsv")])


@pytest.mark.skipif(
    not (DEBIAN_UNIHAN / "Unihan_Readings.txt.bz2").exists(),
    reason="Debian's unicode-data package is not installed",
)
def test_committed_data_is_what_the_generator_makes(tmp_path: Path) -> None:
    out = tmp_path / "hanja.tsv"
    make_hanja.main([str(DEBIAN_UNIHAN), "--out", str(out)])
    with bz2.open(DEBIAN_UNIHAN / "Unihan_Readings.txt.bz2", "rt", encoding="utf-8") as lines:
        version = next(line for line in lines if line.startswith("# Unicode version:"))
    if "15.0.0" not in version:
        pytest.skip(f"the installed Unihan is another version ({version.strip()})")
    assert out.read_text("utf-8") == _data_text()
