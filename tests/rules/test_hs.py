"""HS codes: parsing, impossible codes, ranges, the nomenclature, search and fetch."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import shared_path
from wgdesk.rules.hs import HSCode, HSCodeError, Nomenclature, fetch, parse_code, parse_range
from wgdesk.rules.hs_search import SearchIndex, stem


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("8602.10", "860210"),
        ("86 02 10", "860210"),
        ("0808.10", "080810"),
        ("84", "84"),
        ("8415", "8415"),
        ("8704.31.10", "87043110"),
        ("8704.31.10.00", "8704311000"),
        (" 8415.10 ", "841510"),
        (8415, "8415"),
    ],
)
def test_codes_are_normalised_to_digits(text: str | int, digits: str) -> None:
    assert parse_code(text).digits == digits


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("12a4", "only digits, dots and spaces"),
        ("8415-10", "only digits"),
        ("", "empty"),
        ("808.10", "write '0808.10'"),
        ("841", "3 digits"),
        ("84151", "5 digits"),
        ("1234567890123", "at most 10"),
        ("00", "chapter 00 does not exist"),
        ("7701", "chapter 77 is reserved"),
        ("9801.00", "chapters 98 and 99 are reserved for national use"),
        ("99", "national use"),
        ("８４１５", "only digits"),
    ],
)
def test_impossible_codes_are_rejected_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(HSCodeError, match=fragment):
        parse_code(text)


@given(st.text(alphabet="0123456789", min_size=2, max_size=10), st.data())
def test_separators_never_change_a_code(digits: str, data: st.DataObject) -> None:
    if len(digits) % 2 or digits[:2] in ("00", "77", "98", "99"):
        return
    pieces = [digits[i : i + 2] for i in range(0, len(digits), 2)]
    separators = data.draw(
        st.lists(st.sampled_from([".", " ", ""]), min_size=len(pieces), max_size=len(pieces))
    )
    written = "".join(p + s for p, s in zip(pieces, separators, strict=True))
    assert parse_code(written).digits == digits


def test_dotted_form() -> None:
    assert HSCode("860210").dotted() == "8602.10"
    assert HSCode("0808").dotted() == "0808"
    assert HSCode("8704311000").dotted() == "8704.31.10.00"


def test_ranges_compare_at_their_own_level() -> None:
    metals = parse_range("72-83")
    assert metals.contains(HSCode("7308"))
    assert metals.contains(HSCode("830140"))
    assert not metals.contains(HSCode("8415"))
    coal = parse_range("2701-2704")
    assert coal.contains(HSCode("270112"))
    assert not coal.contains(HSCode("2705"))
    assert coal.contains(HSCode("27"))  # a coarser code overlapping the range may name coal
    assert not coal.contains(HSCode("26"))


def test_bad_ranges_are_rejected() -> None:
    with pytest.raises(HSCodeError, match="mixes levels"):
        parse_range("72-8301")
    with pytest.raises(HSCodeError, match="backwards"):
        parse_range("83-72")


@pytest.mark.realdata
def test_nomenclature_rejects_unknown_headings(nomenclature: Nomenclature) -> None:
    assert len(nomenclature) > 6000
    with pytest.raises(HSCodeError, match="heading 8499 is not in the HS 2022"):
        parse_code("8499.10", nomenclature)
    assert parse_code("8415.10", nomenclature).digits == "841510"


@pytest.mark.realdata
def test_codes_are_described_from_hs_2022(nomenclature: Nomenclature) -> None:
    lineage = nomenclature.lineage(parse_code("8602.10"))
    assert [e.code for e in lineage] == ["86", "8602", "860210"]
    assert (
        nomenclature.describe(parse_code("8602.10")) == "Rail locomotives; diesel-electric powered"
    )
    assert nomenclature.section_name(lineage[0]) is not None


def test_stemming_joins_forms_of_a_word() -> None:
    assert stem("refrigerators") == stem("refrigerating") == stem("refrigerator")
    assert stem("vaccines") == stem("vaccine")
    assert stem("trucks") == stem("truck")


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(Nomenclature.load(shared_path("data", "hs", "harmonized-system-2022.csv")))


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vaccine refrigerator", {"8418", "3002"}),
        ("diesel locomotive", {"8602"}),
        ("truck", {"8704"}),
        ("cotton t-shirts", {"6109"}),
        ("fiber optic cable", {"8544", "9001"}),
        ("wheat flour", {"1101"}),
        ("백신 냉장고", {"8418", "3002"}),
        ("트럭", {"8704"}),
        ("광케이블", {"8544", "9001"}),
    ],
)
def test_search_finds_candidate_codes(index: SearchIndex, query: str, expected: set[str]) -> None:
    headings = {hit.code[:4] for hit in index.search(query, limit=8)}
    assert expected <= headings


@pytest.mark.realdata
def test_search_ranks_the_full_match_first(index: SearchIndex) -> None:
    assert index.search("diesel-electric locomotive", limit=1)[0].code == "860210"
    assert index.search("nonsenseword qqq") == []


def _write_small_nomenclature(folder: Path, count: int) -> Path:
    """Write a syntactically valid nomenclature of `count` subheadings."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["section,hscode,description,parent,level", "I,01,Animals; live,TOTAL,2"]
    rows += [f"I,01{i:04d},Thing {i},01,6" for i in range(count)]
    path = folder / "harmonized-system.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "sections.csv").write_text("section,name\nI,Live animals\n", encoding="utf-8")
    return path


def test_fetch_installs_from_a_local_copy(tmp_path: Path) -> None:
    source = _write_small_nomenclature(tmp_path / "src", 6000)
    installed, count = fetch(target_dir=tmp_path / "hs", source=str(source))
    assert count == 6001
    assert Nomenclature.load(installed).sections == {"I": "Live animals"}


def test_a_broken_download_leaves_the_installed_copy_intact(tmp_path: Path) -> None:
    good = _write_small_nomenclature(tmp_path / "good", 6000)
    target = tmp_path / "hs"
    fetch(target_dir=target, source=str(good))
    before = (target / "harmonized-system.csv").read_bytes()
    truncated = _write_small_nomenclature(tmp_path / "bad", 10)
    with pytest.raises(ValueError, match="only 11 HS codes"):
        fetch(target_dir=target, source=str(truncated))
    assert (target / "harmonized-system.csv").read_bytes() == before
    assert sorted(p.name for p in target.iterdir()) == ["harmonized-system.csv", "sections.csv"]


def test_fetch_refuses_other_url_schemes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="refusing"):
        fetch(target_dir=tmp_path, source="ftp://example.org/hs.csv")


def test_installed_nomenclature_is_found_in_the_data_dir(
    tmp_path: Path, _isolated_data_dir: Path
) -> None:
    assert Nomenclature.installed() is None
    fetch(source=str(_write_small_nomenclature(tmp_path / "src", 6000)))
    installed = Nomenclature.installed()
    assert installed is not None and "010001" in installed
