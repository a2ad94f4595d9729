"""Quoted content given as a real table: headings, rows, cells and merges read from a Grid.

The seed's tables, read from its Word file and its web page, must give the golden
reading's rows exactly as the text file does (same comparison as test_golden_192.py);
the fixture orders' tables must give their expected readings. The small grids below pin
down one rule each, above all that merges come from rowspans only, never from empty cells.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from consolidate.errors import ParseError
from consolidate.model.json_io import units_to_list
from consolidate.model.units import ChapterHeading, ParagraphHeading
from consolidate.parse.cleanup import CleanupLog, Lexicon
from consolidate.parse.document import Grid, GridCell
from consolidate.parse.docx_input import read_docx
from consolidate.parse.grid import parse_grid
from consolidate.parse.html_input import read_html
from tests.conftest import FIXTURES, GOLDEN
from tests.fixtures import make_inputs
from tests.golden_compare import assert_units_equal_golden

INPUTS = FIXTURES / "inputs"
needs_golden = pytest.mark.skipif(not GOLDEN.exists(), reason="golden reading not available")


def grids_of(name: str) -> list[Grid]:
    data = (INPUTS / name).read_bytes()
    blocks = read_docx(data, name) if name.endswith(".docx") else read_html(data, name)
    return [block for block in blocks if isinstance(block, Grid)]


def read(grid: Grid, chapter: str | None = None) -> tuple[list, CleanupLog]:
    log = CleanupLog()
    text = " ".join(cell.text for row in grid.rows for cell in row)
    return parse_grid(grid, "t.docx", log, Lexicon(text), chapter=chapter), log


def cells(*texts: str, **spans: int) -> tuple[GridCell, ...]:
    """A row of cells; `spans` gives rowspans by position: c4=2 is the fifth cell."""
    return tuple(GridCell(text, spans.get(f"c{index}", 1)) for index, text in enumerate(texts))


ROW = ("Бас маман", "С-SVO-7 (қызметкер)", "Жоғарыдан төмен емес")


# --- the seed, against the golden reading -----------------------------------------------


@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@needs_golden
@pytest.mark.parametrize("name", ["order-192-kaz.docx", "order-192-kaz.html"])
@pytest.mark.parametrize("seq", range(1, 12))
def test_seed_tables_equal_the_golden(golden, name, seq):
    operation = golden["operations"][seq - 1]
    grid = grids_of(name)[seq - 1]
    log = CleanupLog()
    units = parse_grid(grid, name, log, Lexicon(""), chapter=operation["target"]["chapter"])
    ours, theirs = units_to_list(units), operation["content"]
    assert_units_equal_golden(ours, theirs)


@needs_golden
@pytest.mark.parametrize("name", ["order-192-kaz.docx", "order-192-kaz.html"])
def test_artefacts_carried_by_the_files_are_repaired_and_reported(golden, name):
    """The Word file carries the seed's Latin C's, the page also its slid parentheses:
    every one of them is repaired (the cells equal the golden) and reported."""
    kinds = {"homoglyph"} if name.endswith(".docx") else {"homoglyph", "moved-parenthesis"}
    assert make_inputs.seed_damage(golden, kinds)  # the file does carry them
    put_back = Counter(
        entry["kind"]
        for entry in golden["normalizations"]
        if entry["kind"] in kinds and "/ row " in entry["where"] and "\n" not in entry["raw"]
    )
    log = CleanupLog()
    grids = grids_of(name)
    for operation, grid in zip(golden["operations"], grids, strict=True):
        parse_grid(grid, name, log, Lexicon(""), chapter=operation["target"]["chapter"])
    found = Counter(entry.kind for entry in log.entries)
    assert found == put_back
    assert found["homoglyph"] == golden["counts"]["normalizations_by_kind"]["homoglyph"] == 23
    assert found["moved-parenthesis"] == (19 if "moved-parenthesis" in kinds else 0)  # row 18's is PDF-only
    assert set(found) <= kinds
    assert {entry.line for entry in log.entries} <= {grid.line for grid in grids}


@pytest.mark.parametrize(
    ("name", "order"), [("order-301-kaz.docx", "order-301-kaz"), ("order-304-kaz.html", "order-304-kaz")]
)
def test_fixture_order_tables_equal_their_expected_reading(name, order):
    expected = json.loads((FIXTURES / "orders" / f"{order}.expected.json").read_text(encoding="utf-8"))
    operations = [op for op in expected["operations"] if op["content"]]
    grids = grids_of(name)
    assert len(grids) == len(operations)
    for operation, grid in zip(operations, grids, strict=True):
        units = parse_grid(grid, name, CleanupLog(), Lexicon(""), chapter=operation["target"]["chapter"])
        assert units_to_list(units) == operation["content"]


# --- headings, header rows, numbered rows -------------------------------------------------


def test_headings_and_rows_know_their_chapter_and_paragraph():
    grid = Grid(
        7,
        (
            (GridCell("17-тарау. Оқу орталығы", colspan=6),),
            (GridCell("3 - параграф. Даярлық бөлімшелері", colspan=6),),
            cells("56.", *ROW, "Өрт қауіпсіздігі", "Талап етілмейді."),
        ),
    )
    units, log = read(grid, chapter="9")
    assert units[0] == ChapterHeading("17", "Оқу орталығы")
    assert units[1] == ParagraphHeading("3", "17", "Даярлық бөлімшелері")
    assert (units[2].num, units[2].chapter, units[2].paragraph) == ("56", "17", "3")
    assert [(e.raw, e.clean, e.kind, e.line) for e in log.entries] == [("3 - параграф", "3-параграф", "other", 7)]


def test_rows_sit_in_the_given_chapter_without_a_heading():
    (row,), _ = read(Grid(1, (cells("48", *ROW, "", "Талап етілмейді."),)), chapter="8")
    assert (row.num, row.chapter, row.paragraph) == ("48", "8", None)
    assert row.cells == {
        "title": "Бас маман",
        "category": "С-SVO-7 (қызметкер)",
        "education": "Жоғарыдан төмен емес",
        "specialties": [],
        "experience": "Талап етілмейді.",
    }


def test_column_headers_and_column_numbers_are_skipped():
    grid = Grid(
        1,
        (
            cells("Р/с №", "Лауазымның атауы", "Лауазым санаты", "Білім деңгейі", "Мамандықтар", "Жұмыс өтілі"),
            cells("1", "2", "3", "4", "5", "6"),
            cells(),
            cells("26-1.", *ROW, "Құқықтану", "Талап етілмейді."),
        ),
    )
    units, _ = read(grid)
    assert [unit.num for unit in units] == ["26-1"]


def test_a_first_row_with_a_mistyped_number_is_not_taken_for_a_header():
    with pytest.raises(ParseError, match="without a row number"):
        read(Grid(3, (cells("26-1. Департамент бастығы", "С-SV-2 (қызметкер)", "", "", "", ""),)))


def test_a_text_row_without_a_number_after_the_rows_is_an_error():
    grid = Grid(12, (cells("26-1.", *ROW, "Құқықтану", "Талап."), cells("", "Жетім мәтін", "", "", "", "")))
    with pytest.raises(ParseError) as caught:
        read(grid)
    assert str(caught.value).startswith("t.docx:12: a table row without a row number")


# --- merges ---------------------------------------------------------------------------------


def test_a_rowspan_is_a_merge_and_an_empty_cell_is_an_empty_cell():
    grid = Grid(
        1,
        (
            cells("71.", *ROW, "Құқықтану Экономика", "Бір мәтін.", c4=2),
            cells("72.", *ROW, "Екі мәтін."),
            cells("73.", *ROW, "", ""),
        ),
    )
    units, _ = read(grid, chapter="13")
    first, second, third = units
    assert second.cells["specialties"] == ["Құқықтану", "Экономика"] and second.continues == {"specialties"}
    assert third.cells["specialties"] == [] and third.continues == frozenset()
    assert third.cells["experience"] == ""  # no merge is inferred from an empty cell
    assert units_to_list(units)[0]["spans"] == {"specialties": 2}
    assert second.cells["specialties"] is not first.cells["specialties"]  # a copy, not shared


def test_a_merged_number_cell_joins_the_physical_rows_of_one_row():
    grid = Grid(
        1,
        (
            (GridCell("18.", rowspan=2), *cells("Орталық", "С-SVU-6 (қызметкер)", "Жоғары", "Физика", "Талап")),
            cells("бастығы", "", "", "Химия", "етілмейді."),
            cells("19.", *ROW, "Биология", "Талап."),
        ),
    )
    units, _ = read(grid)
    assert [unit.num for unit in units] == ["18", "19"]
    assert units[0].cells["title"] == "Орталық бастығы"
    assert units[0].cells["specialties"] == ["Физика", "Химия"]
    assert units[0].cells["experience"] == "Талап етілмейді."


def test_a_merge_from_a_physical_row_reaches_the_next_row():
    grid = Grid(
        1,
        (
            (GridCell("1.", rowspan=2), *cells("А", "С-SV-2 (қызметкер)", "Жоғары", "Физика", "Т")),
            (*cells("", "", "", ""), GridCell("ортақ", rowspan=2)),
            cells("2.", "Б", "С-SV-3 (қызметкер)", "Жоғары", "Химия"),
        ),
    )
    units, _ = read(grid)
    assert units[0].cells["experience"] == "Т ортақ"
    assert units[1].cells["experience"] == "Т ортақ" and units[1].continues == {"experience"}


def test_a_colspan_gives_its_text_to_the_first_column():
    grid = Grid(1, ((*cells("5.", *ROW), GridCell("Жұмыс өтілі талап етілмейді.", colspan=2)),))
    ((row,), _) = read(grid)
    assert row.cells["specialties"] == ["Жұмыс өтілі талап етілмейді."]
    assert row.cells["experience"] == ""


# --- cells ------------------------------------------------------------------------------------


def test_specialties_one_per_paragraph_or_split_at_capitals():
    grid = Grid(
        1,
        (
            cells("1.", *ROW, "Өрт қауіпсіздігі\nДенсаулық сақтау\n(медицина)\nТехник-құрылысшы\n", "Т."),
            cells("2.", *ROW, "Өрт қауіпсіздігі Денсаулық сақтау (медицина) Техник-құрылысшы", "Т."),
            cells("3.", *ROW, "Мемлекеттік және\nжергілікті басқару\nЗаңгер", "Т."),
        ),
    )
    units, _ = read(grid)
    # A paragraph that does not start with a capital continues the item above.
    assert units[0].cells["specialties"] == ["Өрт қауіпсіздігі", "Денсаулық сақтау (медицина)", "Техник-құрылысшы"]
    assert units[1].cells["specialties"] == ["Өрт қауіпсіздігі", "Денсаулық сақтау (медицина)", "Техник-құрылысшы"]
    assert units[2].cells["specialties"] == ["Мемлекеттік және жергілікті басқару", "Заңгер"]


def test_cells_are_cleaned_and_the_repairs_reported_with_the_table_line():
    grid = Grid(
        30,
        (
            cells(
                "26-1.", "Департамент\nбастығы", "C-SV-2 қызметкер)", "(Жоғарыдан төмен емес", "<p>Құқықтану</p>", "Т."
            ),
        ),
    )
    ((row,), log) = read(grid)
    assert row.cells["title"] == "Департамент бастығы"
    assert row.cells["category"] == "С-SV-2 (қызметкер)"
    assert row.cells["education"] == "Жоғарыдан төмен емес"
    assert row.cells["specialties"] == ["Құқықтану"]
    assert sorted(entry.kind for entry in log.entries) == ["homoglyph", "html-tag", "moved-parenthesis"]
    assert {entry.line for entry in log.entries} == {30}


def test_cell_text_is_nfc():
    ((row,), _) = read(Grid(1, (cells("1.", "Й", "", "", "", ""),)))
    assert row.cells["title"] == "Й"


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((cells("1.", *ROW, "Ф", "Т.", "артық"),), "table row 1 has more than 6 columns"),
        ((cells("1.", *ROW, "Ф", "Т.", c4=3), cells("2.", *ROW, "Т.")), "spans 3 rows, 1 past the end of the table"),
        (
            (cells("1.", *ROW, "Ф", "Т.", c4=2), (GridCell("2-тарау. Басқа", colspan=6),)),
            "a cell of table row 2 overlaps a merged cell",
        ),
        (
            (cells("1.", *ROW, "Ф", "Т.", c4=2), (GridCell("2-тарау. Басқа"),)),
            "a merged cell runs into the heading row",
        ),
        ((cells("2-тарау. Басқа", "мәтін"),), "a heading row with other cells"),
        (((GridCell("8-тарау. Басқа", rowspan=2, colspan=6),), ()), "only a row number may be merged down"),
        (
            ((*cells("Р/с №", "Атауы", "", "", ""), GridCell("Өтілі", rowspan=2)), cells("1.", *ROW, "Ф")),
            "starts outside a numbered row",
        ),
    ],
)
def test_bad_tables_are_errors_naming_the_table_line(rows, message):
    with pytest.raises(ParseError) as caught:
        read(Grid(41, rows))
    text = str(caught.value)
    assert text.startswith("t.docx:41: ") and message in text and "\n" not in text


def test_empty_cells_beyond_the_sixth_column_are_tolerated():
    ((row,), _) = read(Grid(1, (cells("1.", *ROW, "Ф", "Т.", "", " "),)))
    assert row.cells["experience"] == "Т."
