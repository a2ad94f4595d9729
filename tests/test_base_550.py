"""The reconstructed base text of Order No. 550 keeps the skeleton other code relies on.

The official text of Order No. 550 (18.12.2025) is not available; base_orders/550 holds a
reconstruction (see its README.md). Its titles, chapters, paragraphs and row numbers are a
contract: the parser's targets for Order No. 192 and test fixtures address them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from consolidate.akn.act_xml import act_from_xml
from consolidate.model.act import Act, Annex
from consolidate.model.json_io import act_to_dict
from consolidate.model.units import COLUMNS, ChapterHeading, ParagraphHeading, Row

BASE = Path(__file__).resolve().parents[1] / "base_orders" / "550"
XML = BASE / "kaz.xml"

CYRILLIC_ES = "\u0421"

TITLES = {
    "1": "Қазақстан Республикасы Төтенше жағдайлар министрлігінің аппараты лауазымдарының санаттарына "
    "қойылатын біліктілік талаптары",
    "2": "Қазақстан Республикасы Төтенше жағдайлар министрлігінің облыстық (республикалық маңызы бар "
    "қалалардың және астананың) аумақтық органдары лауазымдарының санаттарына қойылатын біліктілік "
    "талаптары",
    "3": '"Төтенше жағдайлар министрлігі Мәлік Ғабдуллин атындағы Азаматтық қорғау академиясы" '
    "мемлекеттік мекемесі лауазымдарының санаттарына қойылатын біліктілік талаптары",
}

HEADER = {
    "num": "Р/с №",
    "title": "Лауазымның атауы",
    "category": "Лауазым санаты",
    "education": "Білім деңгейі",
    "specialties": "Мамандықтар / білім беру бағдарламалары",
    "experience": "Жұмыс өтілі",
}

# annex -> chapter -> (first row, last row); chapters in document order, the last one last
CHAPTERS = {
    "1": {
        "1": (1, 4),
        "2": (5, 8),
        "3": (9, 12),
        "4": (13, 16),
        "5": (17, 19),
        "6": (20, 22),
        "7": (23, 26),
        "8": (27, 30),
    },
    "2": {
        "1": (1, 5),
        "2": (6, 9),
        "3": (10, 14),
        "4": (15, 19),
        "5": (20, 27),
        "6": (28, 35),
        "7": (36, 43),
        "8": (44, 49),
        "9": (50, 56),
        "10": (57, 62),
        "11": (63, 66),
        "12": (67, 70),
    },
    "3": {
        "1": (1, 4),
        "2": (5, 8),
        "3": (9, 12),
        "4": (13, 17),
        "5": (18, 19),
        "6": (20, 21),
        "7": (22, 24),
        "8": (25, 28),
        "9": (29, 31),
        "10": (32, 34),
        "11": (35, 37),
        "12": (38, 40),
        "13": (41, 43),
        "14": (44, 46),
        "15": (47, 49),
        "16": (50, 51),
        "17": (52, 60),
    },
}

ACADEMY_CH17_PARAGRAPHS = {"1": (52, 53), "2": (54, 55), "3": (56, 57), "4": (58, 58), "5": (59, 60)}

CODE_FAMILY = {"1": "SV", "2": "SVO", "3": "SVU"}


def _load() -> Act:
    return act_from_xml(XML.read_bytes(), str(XML))


@pytest.fixture(scope="module")
def act() -> Act:
    return _load()


def _row(annex: Annex, num: str) -> Row:
    [row] = [r for r in annex.rows() if r.num == num]
    return row


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_identity(act: Act) -> None:
    assert (act.number, act.date, act.lang, act.doctype) == ("550", "2025-12-18", "kk", "order")
    assert act.title == (
        "Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын бекіту туралы"
    )
    assert act.issuer == "Қазақстан Республикасы Төтенше жағдайлар министрі"
    assert act.reconstructed is True
    assert act.applied == []
    assert act.notes == []


def test_points(act: Act) -> None:
    assert [p.num for p in act.points] == ["1", "2", "3", "4"]
    first = act.points[0].text
    assert first[0] == "Мыналар бекітілсін:"
    for n in ("1", "2", "3"):
        assert f"{n}) осы бұйрыққа {n}-қосымшаға сәйкес {TITLES[n]}" in first[int(n)]
    assert "вице-министріне жүктелсін" in act.points[2].text[0]
    assert "күнтізбелік он күн өткен соң қолданысқа енгізіледі" in act.points[3].text[-1]


def test_annex_titles_and_headers(act: Act) -> None:
    assert [a.num for a in act.annexes] == ["1", "2", "3"]
    for annex in act.annexes:
        assert annex.title == TITLES[annex.num]
        assert annex.header == HEADER


@pytest.mark.parametrize("annex_num", ["1", "2", "3"])
def test_chapters_and_row_ranges(act: Act, annex_num: str) -> None:
    annex = act.annex(annex_num)
    chapters = [u.num for u in annex.units if isinstance(u, ChapterHeading)]
    assert chapters == list(CHAPTERS[annex_num])
    assert isinstance(annex.units[0], ChapterHeading)
    for chapter, (first, last) in CHAPTERS[annex_num].items():
        nums = [r.num for r in annex.rows() if r.chapter == chapter]
        assert nums == [str(n) for n in range(first, last + 1)], f"annex {annex_num}, chapter {chapter}"


@pytest.mark.parametrize("annex_num", ["1", "2", "3"])
def test_rows_numbered_consecutively_in_document_order(act: Act, annex_num: str) -> None:
    annex = act.annex(annex_num)
    nums = [r.num for r in annex.rows()]
    assert nums == [str(n) for n in range(1, len(nums) + 1)]
    chapter = paragraph = None
    for unit in annex.units:
        if isinstance(unit, ChapterHeading):
            chapter, paragraph = unit.num, None
        elif isinstance(unit, ParagraphHeading):
            assert unit.chapter == chapter
            paragraph = unit.num
        else:
            assert (unit.chapter, unit.paragraph) == (chapter, paragraph), f"row {unit.num}"


def test_academy_chapter_17_paragraphs(act: Act) -> None:
    annex = act.annex("3")
    paragraphs = [u for u in annex.units if isinstance(u, ParagraphHeading)]
    assert [(p.chapter, p.num) for p in paragraphs] == [("17", n) for n in ACADEMY_CH17_PARAGRAPHS]
    for num, (first, last) in ACADEMY_CH17_PARAGRAPHS.items():
        rows = [r.num for r in annex.rows() if r.chapter == "17" and r.paragraph == num]
        assert rows == [str(n) for n in range(first, last + 1)], f"paragraph {num}"
    assert all(r.paragraph is None for r in annex.rows() if r.chapter != "17")
    assert not any(isinstance(u, ParagraphHeading) for a in act.annexes if a.num != "3" for u in a.units)


def test_headings_follow_the_pattern(act: Act) -> None:
    for annex in act.annexes:
        for unit in annex.units:
            if not isinstance(unit, Row):
                assert unit.heading.endswith("лауазымдары бойынша"), unit.heading


def test_territorial_rows_40_41(act: Act) -> None:
    annex = act.annex("2")
    row40, row41 = _row(annex, "40"), _row(annex, "41")
    assert row40.chapter == row41.chapter == "7"
    assert row40.cell("education") == row41.cell("education") == "Жоғарыдан төмен емес"
    assert "№ 67 бұйрықтың 16-тармағында" in row41.cell("experience")


def test_rows_order_192_addresses_exist(act: Act) -> None:
    """Insertions of Order 192 follow rows 26 (annex 1), 9 and 55 (annex 2), 22 and 47 (annex 3)."""
    assert _row(act.annex("1"), "26").chapter == "7"
    territorial = act.annex("2")
    assert _row(territorial, "9").chapter == "2"
    assert _row(territorial, "55").chapter == "9"
    assert [_row(territorial, n).chapter for n in ("33", "34")] == ["6", "6"]
    academy = act.annex("3")
    assert _row(academy, "22").chapter == "7"
    assert _row(academy, "47").chapter == "15"


def test_rows_are_complete_and_unchanged(act: Act) -> None:
    for annex in act.annexes:
        for unit in annex.units:
            assert unit.notes == [] and unit.changes == []
            if isinstance(unit, Row):
                assert set(unit.cells) == set(COLUMNS), f"annex {annex.num}, row {unit.num}"
                assert not unit.repealed
                for column in ("title", "category", "education", "experience"):
                    assert unit.cell(column).strip(), f"annex {annex.num}, row {unit.num}, {column}"


def test_merges_are_consistent(act: Act) -> None:
    for annex in act.annexes:
        before = [u.continues for u in annex.rows()]
        annex.normalize_merges()
        assert [u.continues for u in annex.rows()] == before, f"annex {annex.num}"


def test_category_codes(act: Act) -> None:
    code = re.compile(r"[CС]-[A-Za-z]+-\d+")
    for annex in act.annexes:
        for row in annex.rows():
            category = row.cell("category")
            assert category.startswith(CYRILLIC_ES), f"annex {annex.num}, row {row.num}: {category!r}"
            assert re.fullmatch(r"С-(SV|SVO|SVU)-\d+ \(қызметкер\)", category), category
            family = category.split("-")[1]
            assert family in (CODE_FAMILY[annex.num], "SV"), f"annex {annex.num}, row {row.num}"
            for text in (category, row.cell("experience")):
                for found in code.findall(text):
                    assert found.startswith(CYRILLIC_ES), f"annex {annex.num}, row {row.num}: {found!r}"


def test_text_is_nfc(act: Act) -> None:
    data = act_to_dict(act)
    for text in _strings(data):
        assert unicodedata.normalize("NFC", text) == text, text
