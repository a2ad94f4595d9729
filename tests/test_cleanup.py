"""Cleaning rule: each extraction artefact is repaired and reported, never silently."""

from __future__ import annotations

from consolidate.parse.cleanup import (
    CleanupLog,
    Lexicon,
    clean_cell,
    fix_category_codes,
    fix_letter_spacing,
    fix_split_words,
    join_pieces,
    strip_tags,
)


def entries(log: CleanupLog):
    return [(c.raw, c.clean, c.kind, c.line) for c in log.entries]


def test_letter_spacing():
    log = CleanupLog()
    assert fix_letter_spacing("білім б е р у мамандықтары, С о т сараптамасы", 7, log) == (
        "білім беру мамандықтары, Сот сараптамасы"
    )
    assert entries(log) == [("б е р у", "беру", "letter-spacing", 7), ("С о т", "Сот", "letter-spacing", 7)]


def test_two_single_letters_are_left_alone():
    log = CleanupLog()
    assert fix_letter_spacing("и в тексте", 1, log) == "и в тексте"
    assert log.entries == []


def test_split_words_use_the_document_as_dictionary():
    lexicon = Lexicon("авариялық-құтқару ісі; конструкцияларын өндіру")
    log = CleanupLog()
    text = fix_split_words("авариялық-құтқа ру ісі, конструкциялар ын өндіру", 3, log, lexicon)
    assert text == "авариялық-құтқару ісі, конструкцияларын өндіру"
    assert [e[2] for e in entries(log)] == ["split-word", "split-word"]


def test_a_word_that_stands_alone_is_never_joined():
    lexicon = Lexicon("Өрт сөндіру. Өртсөндіру. сөндіру жұмыстары")
    log = CleanupLog()
    assert fix_split_words("Өрт сөндіру", 1, log, lexicon) == "Өрт сөндіру"
    assert log.entries == []


def test_hyphen_at_a_line_end_joins_without_space():
    log = CleanupLog()
    assert join_pieces([("бұйрықтың 8-", 18), ("тармағында көзделген", 21)], log) == "бұйрықтың 8-тармағында көзделген"
    assert entries(log) == [("8-\nтармағында", "8-тармағында", "split-word", 21)]


def test_stray_tags():
    log = CleanupLog()
    assert strip_tags("<p>Химия</p> <p>С о т</p>", 4, log) == "Химия С о т"
    assert entries(log)[0][2] == "html-tag"


def test_latin_c_in_category_codes():
    log = CleanupLog()
    assert fix_category_codes("C-SVO-8 және С-SVO-9, C-SV-13", 2, log) == "С-SVO-8 және С-SVO-9, С-SV-13"
    assert entries(log) == [("C-SVO-8", "С-SVO-8", "homoglyph", 2), ("C-SV-13", "С-SV-13", "homoglyph", 2)]


def test_latin_c_elsewhere_is_kept():
    log = CleanupLog()
    assert fix_category_codes("C++ және C-class", 1, log) == "C++ және C-class"
    assert log.entries == []


def test_clean_cell_runs_every_repair_in_order():
    log = CleanupLog()
    lexicon = Lexicon("")
    assert clean_cell("<p>C - S V O - 9  санаты</p>", 9, log, lexicon) == "С-SVO-9 санаты"
    assert [e[2] for e in entries(log)] == ["html-tag", "letter-spacing", "homoglyph"]
