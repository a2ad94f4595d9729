"""Grammar rule: whole instruction sentences -> operation, unit and target."""

from __future__ import annotations

import pytest

from consolidate.errors import ParseError
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import read_sentence

ANNEX = (
    "көрсетілген бұйрықпен бекітілген Қазақстан Республикасы Төтенше жағдайлар министрлігінің "
    "аппараты лауазымдарының санаттарына қойылатын біліктілік талаптарында:"
)


def read(text: str):
    return read_sentence(text, grammar("kk"), "test:1")


@pytest.mark.parametrize(
    ("sentence", "op", "unit", "chapter", "paragraphs", "rows"),
    [
        ("мынадай мазмұндағы 7-1-тараумен толықтырылсын:", "insert", "chapter", "7-1", (), ()),
        ("8-тарау мынадай редакцияда жазылсын:", "restate", "chapter", "8", (), ()),
        ("8-тарау жаңа редакцияда жазылсын:", "restate", "chapter", "8", (), ()),
        ("8-тарау жаңа редакцияда баяндалсын:", "restate", "chapter", "8", (), ()),
        (
            "6-тараудың реттік нөмірлері 33 және 34-жолдар мынадай редакцияда жазылсын:",
            "restate",
            "row",
            "6",
            (),
            ("33", "34"),
        ),
        ("9-тарау мынадай мазмұндағы реттік нөмірі 55-1-жолмен толықтырылсын:", "insert", "row", "9", (), ("55-1",)),
        (
            "17-тараудың 3, 4 және 5-параграфтар мынадай редакцияда жазылсын:",
            "restate",
            "paragraph",
            "17",
            ("3", "4", "5"),
            (),
        ),
        ("6-тараудың реттік нөмірі 35-жол алып тасталсын;", "repeal", "row", "6", (), ("35",)),
        ("реттік нөмірлері 42 және 43-жолдар алып тасталсын.", "repeal", "row", None, (), ("42", "43")),
        ("2-тараудың тақырыбы мынадай редакцияда жазылсын:", "restate", "heading", "2", (), ()),
        ("1) 8-тарау мынадай редакцияда жазылсын:", "restate", "chapter", "8", (), ()),
    ],
)
def test_operation(sentence, op, unit, chapter, paragraphs, rows):
    ins = read(sentence)
    assert (ins.kind, ins.op, ins.unit, ins.target.chapter, ins.target.paragraphs, ins.target.rows) == (
        "op",
        op,
        unit,
        chapter,
        paragraphs,
        rows,
    )


def test_content_is_expected_after_insert_and_restate_only():
    assert read("8-тарау мынадай редакцияда жазылсын:").needs_content
    assert not read("6-тараудың реттік нөмірі 35-жол алып тасталсын;").needs_content


@pytest.mark.parametrize(
    "sentence",
    [
        'реттік нөмірі 30-жолда "16-тармағында" деген сөздер "17-тармағында" деген сөздермен ауыстырылсын;',
        "реттік нөмірі 30-жолда «16-тармағында» деген сөз «17-тармағында» деген сөзбен ауыстырылсын;",
    ],
)
def test_word_replacement(sentence):
    ins = read(sentence)
    assert (ins.op, ins.unit, ins.target.rows, ins.old_words, ins.new_words) == (
        "replace_words",
        "row",
        ("30",),
        "16-тармағында",
        "17-тармағында",
    )


def test_quoted_words_are_not_references():
    ins = read("7-тарауда «12-жол» деген сөздер «13-жол» деген сөздермен ауыстырылсын;")
    assert (ins.unit, ins.target.chapter, ins.target.rows) == ("chapter", "7", ())


def test_annex_context():
    ins = read(ANNEX)
    assert ins.kind == "annex"
    assert ins.annex.endswith("біліктілік талаптарында")
    assert not ins.annex.startswith("көрсетілген")


def test_unit_context():
    ins = read("6-тарауда:")
    assert (ins.kind, ins.target.chapter) == ("context", "6")


def test_opening_of_point_one():
    assert read("… № 550 бұйрығына мынадай өзгерістер мен толықтырулар енгізілсін:").kind == "opening"


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("8-тарау жойылып, қайта қаралсын:", "not an instruction"),
        ("мынадай редакцияда жазылсын:", "names no unit"),
        ('"16" деген сөздер ауыстырылсын;', "quote the old words and the new"),
        ("бүгін жаңбыр жауды.", "not an instruction"),
    ],
)
def test_unreadable_sentences(sentence, message):
    with pytest.raises(ParseError, match=message):
        read(sentence)
