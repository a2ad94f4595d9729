"""Several operations in one sentence (issue 10, item 2): each is read, in order, and a
later clause takes the containers of the first. Real sentences from the corpus
(tests/corpus/instructions.jsonl) and the misreads reported in the issue."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import read_sentence
from consolidate.parse.reading import reading


def read(sentence: str, lang: str) -> dict:
    return reading(read_sentence(sentence, grammar(lang), "sentence"))


def replace(unit: str, target: dict, old: str, new: str, **extra: str) -> dict:
    return {"op": "replace_words", "unit": unit, "target": target, "old_words": old, "new_words": new, **extra}


def test_a_word_change_and_a_repeal_joined_by_a_converb():
    # once read as one operation: the word change was lost
    assert read("«а» деген сөздер «б» деген сөздермен ауыстырылып, 3), 4) тармақшалары алып тасталсын;", "kk") == {
        "op": "several",
        "operations": [
            replace("text", {}, "а", "б"),
            {"op": "repeal", "unit": "subpoint", "target": {"subpoints": ["3", "4"]}},
        ],
    }


def test_a_later_clause_takes_the_containers_of_the_first():
    sentence = (
        '6) 69-баптың 10-тармағының 3) тармақшасындағы "салық есептiлiгi салық органына берiлмеген болып '
        'есептеледi." деген сөздер алып тасталып, мынадай мазмұндағы 4) тармақшамен толықтырылсын:'
    )
    target = {"articles": ["69"], "points": ["10"]}
    assert read(sentence, "kk") == {
        "op": "several",
        "operations": [
            {"op": "delete_words", "unit": "subpoint", "target": {**target, "subpoints": ["3"]},
             "old_words": "салық есептiлiгi салық органына берiлмеген болып есептеледi."},
            {"op": "insert", "unit": "subpoint", "target": {**target, "subpoints": ["4"]}},
        ],
    }  # fmt: skip


def test_two_word_replacements_in_one_sentence_are_both_kept():
    sentence = (
        '3-тармақтың бiрiншi бөлiгiндегi "олармен" деген сөз "олармен келiсiлген" деген сөздермен, '
        '"келiседi" деген сөз "бекiтедi" деген сөзбен ауыстырылсын;'
    )
    target = {"points": ["3"], "parts": ["1"]}
    assert read(sentence.replace("i", "і"), "kk") == {
        "op": "several",
        "operations": [
            replace("part", target, "олармен", "олармен келісілген"),
            replace("part", target, "келіседі", "бекітеді"),
        ],
    }


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("kk", "бірінші абзацтағы «бірінші және екінші бөліктерінде», «әрекеттер» деген сөздер тиісінше "
               "«екінші бөлігінде», «әрекет» деген сөздермен ауыстырылсын;"),
        ("ru", "в абзаце первом слова \"выдачей\", \"выданным\" заменить словами \"выпуском\", \"выпущенным\" соответственно;"),
    ],
)  # fmt: skip
def test_lists_of_words_replaced_respectively(lang, sentence):
    got = read(sentence, lang)
    assert got["op"] == "several"
    pairs = [(o["old_words"], o["new_words"]) for o in got["operations"]]
    expected = {
        "kk": [("бірінші және екінші бөліктерінде", "екінші бөлігінде"), ("әрекеттер", "әрекет")],
        "ru": [("выдачей", "выпуском"), ("выданным", "выпущенным")],
    }[lang]
    assert pairs == expected
    assert {json.dumps(o["target"]) for o in got["operations"]} == {json.dumps({"indents": ["1"]})}


def test_russian_clauses_each_with_its_verb():
    sentence = (
        'в части первой слово "конкретного" исключить, после слов "местным исполнительным органом" '
        'дополнить словами "в форме заключения договора (соглашения) о займе";'
    )
    assert read(sentence, "ru") == {
        "op": "several",
        "operations": [
            {"op": "delete_words", "unit": "part", "target": {"parts": ["1"]}, "old_words": "конкретного"},
            {"op": "insert_words", "unit": "part", "target": {"parts": ["1"]}, "old_words": "местным исполнительным органом",
             "new_words": "в форме заключения договора (соглашения) о займе"},
        ],
    }  # fmt: skip


def test_a_list_of_quoted_words_deleted():
    got = read('"Жезқазған - 38", "Көкшетау", "Семей" деген сөздер алып тасталсын.', "kk")
    assert [o["old_words"] for o in got["operations"]] == ["Жезқазған - 38", "Көкшетау", "Семей"]
    assert {o["op"] for o in got["operations"]} == {"delete_words"}


def test_fragment_mode_prints_several_on_one_line_and_keeps_single_readings():
    lines = ["в пункте 2 слова «а» заменить словами «б», слова «в» заменить словами «г»;", "пункт 3 исключить;"]
    result = subprocess.run(
        [sys.executable, "-m", "consolidate", "parse", "--fragment", "--lang", "ru", "-"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["op"] == "several"
    assert [(o["op"], o["target"]["points"], o["old_words"], o["new_words"]) for o in first["operations"]] == [
        ("replace_words", ["2"], "а", "б"),
        ("replace_words", ["2"], "в", "г"),
    ]
    assert second == {
        "op": "repeal", "unit": "point", "old_words": None, "new_words": None, "scope": None,
        "target": {"annex": None, "section": None, "chapter": None, "paragraphs": [], "articles": [],
                   "points": ["3"], "subpoints": [], "indents": [], "rows": []},
    }  # fmt: skip


def test_an_order_gives_each_operation_of_a_sentence_its_own_operation():
    from pathlib import Path

    from consolidate.parse.order import parse_text

    text = (Path(__file__).resolve().parent.parent / "amendments" / "900" / "kaz.txt").read_text(encoding="utf-8")
    old = "7-тармақ алып тасталсын."
    assert old in text
    new = (
        "7-тармақтағы «тоқтатыла» деген сөз алып тасталып, мынадай мазмұндағы 8-тармақпен толықтырылсын:\n\n"
        "«8. Өкім бір жұмыс күні ішінде жіберіледі.»."
    )
    before = parse_text(text, "kaz.txt").operations
    after = parse_text(text.replace(old, new), "kaz.txt").operations
    assert len(after) == len(before) + 1
    delete, insert = after[-2:]
    assert (delete.op, delete.unit, delete.target.points, delete.old_words) == (
        "delete_words",
        "point",
        ("7",),
        "тоқтатыла",
    )
    assert (insert.op, insert.unit, insert.target.points) == ("insert", "point", ("8",))
    assert insert.provisions and [o.seq for o in after] == list(range(1, len(after) + 1))
    assert delete.source.line == insert.source.line


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        (
            "ru",
            "в части второй пункта 1, в пунктах 3 и 3-2 слова «а» заменить словами «б»;",
            [("part", {"points": ["1"], "parts": ["2"]}), ("point", {"points": ["3", "3-2"]})],
        ),
        (
            "ru",
            '7) часть первую и подпункт 2) части второй статьи 571 после цифр "178," дополнить цифрами "179-2,";',
            [
                ("part", {"articles": ["571"], "parts": ["1"]}),
                ("subpoint", {"articles": ["571"], "parts": ["2"], "subpoints": ["2"]}),
            ],
        ),
        (
            "ru",
            '6) в заголовке и в тексте статьи 22-2 слова "специальной связи" заменить словами "специальной почтовой связи";',
            [("heading", {"articles": ["22-2"]}), ("article", {"articles": ["22-2"]})],
        ),
        (
            "kk",
            "13) 96-баптың тақырыбы және бірінші бөлігінің бірінші абзацы мынадай редакцияда жазылсын:",
            [("heading", {"articles": ["96"]}), ("indent", {"articles": ["96"], "parts": ["1"], "indents": ["1"]})],
        ),
        (
            "kk",
            "тақырып және бірінші бөліктің бірінші абзацы мынадай редакцияда жазылсын:",
            [("heading", {}), ("indent", {"parts": ["1"], "indents": ["1"]})],
        ),
    ],
)
def test_places_named_apart_each_get_the_change(lang, sentence, expected):
    """Once two rows in different chapters kept the last; now each place is an operation,
    with the outer units named for all (Russian after, Kazakh before)."""
    got = read(sentence, lang)
    assert got["op"] == "several"
    assert [(o["unit"], o["target"]) for o in got["operations"]] == expected


def test_a_genitive_after_a_comma_still_qualifies_the_unit_before_it():
    assert read("строки, порядковые номера 42 и 43, главы 13 исключить.", "ru") == {
        "op": "repeal",
        "unit": "row",
        "target": {"chapter": "13", "rows": ["42", "43"]},
    }
