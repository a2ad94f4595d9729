"""Table rule: rows, slices, one-cell-per-line rows and merges rebuilt from extracted text."""

from __future__ import annotations

import pytest

from consolidate.errors import ParseError
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row
from consolidate.parse.cleanup import CleanupLog, Lexicon
from consolidate.parse.table import parse_table, split_items


def table(text: str, chapter: str | None = None):
    lines = list(enumerate(text.split("\n"), start=1))
    log = CleanupLog()
    return parse_table(lines, "t.txt", log, Lexicon(text), chapter=chapter), log


def test_plain_rows_and_a_heading():
    units, _ = table(
        "3-тарау. Заң бөлімшелерінің лауазымдары бойынша\t\t\t\t\t\n"
        "10.\tБас маман\tС-SVO-7 (қызметкер)\tЖоғарыдан төмен емес\tҚұқықтану Құқық\tБір мәтін.\n"
        "11.\tМаман\tС-SVO-8 (қызметкер)\tЖоғарыдан төмен емес\tЭкономика\tЕкі мәтін."
    )
    assert isinstance(units[0], ChapterHeading) and units[0].num == "3"
    assert [u.num for u in units[1:]] == ["10", "11"]
    assert units[1].cells["specialties"] == ["Құқықтану", "Құқық"]
    assert units[2].chapter == "3" and units[2].paragraph is None


def test_slices_before_the_first_row_and_after_a_row_belong_to_it():
    units, _ = table(
        "\t\t\t\tАлғы бөлік\tТәжірибе басы\t\n"
        "5.\t\t\t\t\t\n"
        "\tАтауы\tС-SV-2 (қызметкер)\tЖоғарыдан төмен емес\tСоңғы бөлік\tжалғасы."
    )
    (row,) = units
    assert row.cells == {
        "title": "Атауы",
        "category": "С-SV-2 (қызметкер)",
        "education": "Жоғарыдан төмен емес",
        "specialties": ["Алғы бөлік", "Соңғы бөлік"],
        "experience": "Тәжірибе басы жалғасы.",
    }


def test_row_printed_one_cell_per_line():
    units, _ = table(
        "18.\n\nОрталық\nбастығы\n\nС-SVU-6\n(қызметкер)\n\nЖоғары\n\nФизика\nХимия\n\nТалап\nетілмейді.\n"
        "\t\t\t\tБиология\t"
    )
    (row,) = units
    assert row.cells["title"] == "Орталық бастығы"
    assert row.cells["category"] == "С-SVU-6 (қызметкер)"
    assert row.cells["specialties"] == ["Физика", "Химия", "Биология"]
    assert row.cells["experience"] == "Талап етілмейді."


def test_empty_cells_are_covered_by_the_merge_above():
    units, _ = table(
        "1.\tА\tС-SV-1 (қызметкер)\tЖоғарыдан төмен емес\tФизика\tМәтін.\n"
        "2.\tБ\tС-SV-2 (қызметкер)\tЖоғарыдан төмен емес\t\t\n"
        "3.\tВ\tС-SV-3 (қызметкер)\tЖоғарыдан төмен емес\t\tБасқа.\n"
        "4.\tГ\tС-SV-13 (қызметкер)\tорташадан төмен емес\t\tТалап етілмейді."
    )
    _, two, three, four = units
    assert two.continues == {"specialties", "experience"} and two.cells["experience"] == "Мәтін."
    assert three.continues == {"specialties"} and three.cells["specialties"] == ["Физика"]
    # A position needing only secondary education has no specialties: its empty cell is its own.
    assert four.continues == frozenset() and four.cells["specialties"] == []


def test_a_heading_ends_every_merge():
    units, _ = table(
        "1-параграф. Бірінші\t\t\t\t\n"
        "1.\tА\tС-SV-1 (қызметкер)\tЖоғарыдан төмен емес\tФизика\tМәтін.\n"
        "2 - параграф. Екінші\t\t\t\t\n"
        "2.\tБ\tС-SV-2 (қызметкер)\tЖоғарыдан төмен емес\t\tМәтін.",
        chapter="17",
    )
    assert [type(u) for u in units] == [ParagraphHeading, Row, ParagraphHeading, Row]
    assert units[2].num == "2" and units[2].chapter == "17"
    assert units[3].continues == frozenset() and units[3].cells["specialties"] == []
    assert units[3].paragraph == "2"


def test_a_row_number_without_its_dot_is_reported():
    units, log = table("48\tА\tС-SV-1 (қызметкер)\tЖоғарыдан төмен емес\tФизика\tМәтін.")
    assert units[0].num == "48"
    assert [(c.raw, c.clean, c.kind) for c in log.entries] == [("48", "48.", "other")]


def test_separator_lines_are_ignored():
    units, _ = table(
        "5.\tА\tС-SV-1 (қызметкер)\tЖоғары\tФизика\tМәтін\n-----\t---\t---\t---\t---\t---\n\t\t\t\t\tсоңы."
    )
    assert units[0].cells["experience"] == "Мәтін соңы."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Бір жол мәтін, кестеде емес", "t.txt:1: text outside any table cell"),
        ("\t\t\t\tЕшкімдікі емес\t", "belong to no row"),
        ("1.\tА\tБ\tВ\tГ\tД\tЕ\tЖ", "more than 6 cells"),
    ],
)
def test_unreadable_tables(text, message):
    with pytest.raises(ParseError, match=message):
        table(text)


def test_specialties_split_at_capital_letters():
    assert split_items("Өрт қауіпсіздігі Денсаулық сақтау (медицина) Техник-құрылысшы") == [
        "Өрт қауіпсіздігі",
        "Денсаулық сақтау (медицина)",
        "Техник-құрылысшы",
    ]
