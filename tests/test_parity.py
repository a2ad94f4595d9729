"""`consolidate parity`: the Kazakh and Russian texts of one order, operation by operation.

The true pairs among the fixtures were found by reading them: order-301-kaz and
order-401-rus are both Order No. 301 of 27.07.2026, order-302-kaz and order-402-rus both
Order No. 302 of 29.07.2026, and tests/fixtures/tree/order-900-{kaz,rus} are Order No. 900
(ours) in both languages. order-403-rus (No. 403) and order-404-kaz (No. 404) look alike
but are different orders. Each disagreement below is made by editing one side by hand.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from consolidate.cli import main
from consolidate.parity.facts import tokens
from consolidate.parity.patterns import Lang, ParityDataError, build
from consolidate.parse.grammar import load_data
from tests.conftest import FIXTURES, ROOT

ORDERS = FIXTURES / "orders"
KK_301, RU_301 = ORDERS / "order-301-kaz.txt", ORDERS / "order-401-rus.txt"
KK_302, RU_302 = ORDERS / "order-302-kaz.txt", ORDERS / "order-402-rus.txt"
KK_900, RU_900 = FIXTURES / "tree" / "order-900-kaz.txt", FIXTURES / "tree" / "order-900-rus.txt"
AMENDING = ROOT / "tests" / "corpus" / "amending"


def run(args: list, capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def edited(tmp_path: Path, source: Path, *changes: tuple[str, str]) -> Path:
    """A copy of `source` with each passage replaced once (each must be there)."""
    text = source.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path


def findings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("DIFF ", "NOTE "))]


def assert_one_line_error(code: int, err: str, *fragments: str) -> str:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("consolidate: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("kk", "ru", "operations"),
    [
        (KK_301, RU_301, 3),
        (KK_302, RU_302, 3),
        (KK_900, RU_900, 7),
        (ROOT / "amendments/900", ROOT / "amendments/900", 7),
    ],
)
def test_the_two_texts_of_one_order_agree(kk, ru, operations, capsys):
    code, out, err = run(["parity", kk, ru], capsys)
    assert code == 0, out + err
    assert findings(out) == []
    assert f"(kk, {operations} operations)" in out and f"(ru, {operations} operations); {operations} aligned" in out
    assert out.splitlines()[-1] == "the texts agree"


def test_two_different_orders_do_not_agree(capsys):
    """order-404-kaz and order-403-rus share phrasings but are two orders."""
    code, out, _ = run(["parity", ORDERS / "order-404-kaz.txt", ORDERS / "order-403-rus.txt"], capsys)
    assert code == 1
    lines = findings(out)
    assert any("the order's number [kk: 404 | ru: 403]" in line for line in lines)
    assert any("the order's date [kk: 2026-08-17 | ru: 2026-08-10]" in line for line in lines)
    assert any("operation only in the Kazakh text: repeal row: row 43" in line for line in lines)
    assert any("entry into force: kind [kk: calendar | ru: working]" in line for line in lines)


def test_a_changed_row_number_is_reported_with_both_lines(tmp_path, capsys):
    ru = edited(
        tmp_path, RU_301,
        ("строку, порядковый номер 40, главы 7", "строку, порядковый номер 41, главы 7"),
        ("40.\tГлавный специалист", "41.\tГлавный специалист"),
    )  # fmt: skip
    code, out, _ = run(["parity", KK_301, ru], capsys)
    assert code == 1
    lines = findings(out)
    assert len(lines) == 2, out
    operation, content = lines
    assert operation.startswith("DIFF operation: the operations differ [kk: restate row: row 40 (chapter 7) | "
                                "ru: restate row: row 41 (chapter 7)]")  # fmt: skip
    assert f"kk {KK_301}:15 «7-тараудың реттік нөмірі 40-жол мынадай редакцияда жазылсын:»" in operation
    assert f"ru {ru}:17 «строку, порядковый номер 41, главы 7 изложить в следующей редакции:»" in operation
    assert "[kk: row 40 (chapter 7) | ru: row 41 (chapter 7)]" in content
    assert f"kk {KK_301}:19 «40. Бас маман, жедел кезекші" in content
    assert f"ru {ru}:21 «41. Главный специалист, оперативный дежурный" in content


def test_a_changed_figure_in_quoted_words(tmp_path, capsys):
    ru = edited(tmp_path, RU_302, ("заменить словами «пунктом 17»", "заменить словами «пунктом 18»"))
    code, out, _ = run(["parity", KK_302, ru], capsys)
    assert code == 1
    (line,) = findings(out)
    assert line.startswith("DIFF words: figures in the new words differ (replace_words row: row 30) [kk: 17 | ru: 18]")
    assert f'kk {KK_302}:25 «реттік нөмірі 30-жолда "16-тармағында" деген сөздер "17-тармағында"' in line
    assert f"ru {ru}:27 «в строке, порядковый номер 30, слова «пунктом 16» заменить словами «пунктом 18»;»" in line
    assert out.splitlines()[-1] == "1 disagreement"


def test_changed_figures_and_codes_in_a_quoted_row(tmp_path, capsys):
    kk = edited(
        tmp_path, KK_301,
        ("№ 67 бұйрықтың 15-тармағында", "№ 67 бұйрықтың 16-тармағында"),
        ("С-SVO-13 (қызметкер)", "С-SVO-12 (қызметкер)"),
    )  # fmt: skip
    code, out, _ = run(["parity", kk, RU_301], capsys)
    assert code == 1
    experience, category = findings(out)
    assert experience.startswith("DIFF content: row 40 (chapter 7), experience: figures differ [kk: 16 | ru: 15]")
    assert (
        f"kk {kk}:19 «С-SVO-7 санаты лауазымдарына орналасу үшін жұмыс өтілі № 67 бұйрықтың 16-тармағында" in experience
    )
    assert f"ru {RU_301}:21 «Стаж работы для занятия должностей категории С-SVO-7" in experience
    assert category.startswith(
        "DIFF content: row 70-1 (chapter 12), category: figures differ [kk: С-SVO-12 | ru: С-SVO-13]"
    )
    assert f"kk {kk}:27 «С-SVO-12 (қызметкер)»" in category and f"ru {RU_301}:29 «С-SVO-13 (сотрудник)»" in category


def test_an_emptied_cell_is_reported(tmp_path, capsys):
    kk = edited(tmp_path, KK_301, ("орташадан төмен емес\t\tЖұмыс", "\t\tЖұмыс"))
    code, out, _ = run(["parity", kk, RU_301], capsys)
    assert code == 1
    assert any("row 70-1 (chapter 12): education filled differ [kk: no | ru: yes]" in line for line in findings(out))


def test_a_dropped_instruction_does_not_misalign_the_rest(tmp_path, capsys):
    kk = edited(tmp_path, KK_301, ("6-тараудың реттік нөмірі 35-жол алып тасталсын;\n", "\n"))
    code, out, _ = run(["parity", kk, RU_301], capsys)
    assert code == 1
    (line,) = findings(out)  # the two operations after it still meet their counterparts
    assert line.startswith("DIFF missing: operation only in the Russian text: repeal row: row 35 (chapter 6)")
    assert f"kk {kk}:— (nothing) —" in line
    assert f"ru {RU_301}:15 «строку, порядковый номер 35, главы 6 исключить;»" in line
    assert "(ru, 3 operations); 2 aligned" in out


def test_a_dropped_last_instruction(tmp_path, capsys):
    ru = edited(tmp_path, RU_900, ("производства.»;\n\nпункт 7 исключить.", "производства.»."))
    code, out, _ = run(["parity", KK_900, ru], capsys)
    assert code == 1
    (line,) = findings(out)
    assert line.startswith("DIFF missing: operation only in the Kazakh text: repeal point: point 7;")
    assert f"kk {KK_900}:37 «7-тармақ алып тасталсын.»" in line
    assert f"ru {ru}:— (after line 33) —" in line


def test_a_different_date_of_the_order_and_of_the_amended_act(tmp_path, capsys):
    ru = edited(
        tmp_path, RU_900,
        ("от 1 октября 2026 года № 900", "от 2 октября 2026 года № 900"),
        ("1. Внести в приказ Министра юстиции Республики Казахстан от 14 сентября 2020 года",
         "1. Внести в приказ Министра юстиции Республики Казахстан от 14 сентября 2021 года"),
    )  # fmt: skip
    code, out, _ = run(["parity", KK_900, ru], capsys)
    assert code == 1
    order, act = findings(out)
    assert order.startswith("DIFF metadata: the order's date [kk: 2026-10-01 | ru: 2026-10-02]")
    assert f"kk {KK_900}:3 «Қазақстан Республикасы Әділет министрінің 2026 жылғы 1 қазандағы № 900 бұйрығы»" in order
    assert f"ru {ru}:3 «Приказ Министра юстиции Республики Казахстан от 2 октября 2026 года № 900»" in order
    assert act.startswith("DIFF metadata: the amended act's date [kk: 2020-09-14 | ru: 2021-09-14]")
    assert f"kk {KK_900}:7 «1. «Лицензиясының" in act and f"ru {ru}:7 «1. Внести в приказ" in act


def test_a_different_entry_into_force(tmp_path, capsys):
    kk = edited(tmp_path, KK_302, ("жиырма бір күнтізбелік күн", "жиырма күнтізбелік күн"))
    code, out, _ = run(["parity", kk, RU_302], capsys)
    assert code == 1
    (line,) = findings(out)
    assert line.startswith("DIFF metadata: entry into force: days [kk: 20 | ru: 21]")
    assert f"kk {kk}:37 «4. Осы бұйрық" in line and f"ru {RU_302}:39 «4. Настоящий приказ" in line


def test_a_changed_provision_number_and_figure_in_quoted_text(tmp_path, capsys):
    ru = edited(tmp_path, RU_900, ("в течение одного рабочего дня", "в течение 2 рабочих дней"))
    code, out, _ = run(["parity", KK_900, ru], capsys)
    assert code == 1
    (line,) = findings(out)
    assert "DIFF content: point 5-1 / part 1, text: figures differ [kk: none | ru: 2]" in line
    assert f"kk {KK_900}:31 «Шығыс операцияларын тоқтата тұру туралы өкімнің көшірмесі" in line
    assert f"ru {ru}:31 «Копия распоряжения о приостановлении" in line


def test_the_russian_text_declares_a_change_of_the_kazakh_text_only(tmp_path, capsys):
    ru = edited(
        tmp_path, RU_302,
        ("в строке, порядковый номер 30, слова «пунктом 16» заменить словами «пунктом 17»;",
         "в строке, порядковый номер 30, изменение вносится в текст на казахском языке, "
         "текст на русском языке не изменяется;"),
    )  # fmt: skip
    code, out, _ = run(["parity", KK_302, ru], capsys)
    assert code == 0, out
    (line,) = findings(out)
    assert line.startswith(
        f"NOTE one_language: only the Kazakh text changes at {KK_302}:25: replace_words row: row 30;"
    )
    assert f"ru {ru}:27 «в строке, порядковый номер 30, изменение вносится в текст на казахском языке" in line
    assert out.splitlines()[-1] == "the texts agree, 1 one-language change"


def test_a_kazakh_instruction_declared_for_the_kazakh_text_only(tmp_path, capsys):
    kk = edited(
        tmp_path,
        KK_302,
        ("деген сөздермен ауыстырылсын;", "деген сөздермен ауыстырылсын, орыс тіліндегі мәтін өзгермейді;"),
    )
    ru = edited(
        tmp_path, RU_302, ("в строке, порядковый номер 30, слова «пунктом 16» заменить словами «пунктом 17»;\n", "")
    )
    code, out, _ = run(["parity", kk, ru], capsys)
    assert code == 0, out
    (line,) = findings(out)
    assert line.startswith(f"NOTE one_language: only the Kazakh text changes at {kk}:25: replace_words row: row 30;")
    assert f"ru {ru}:— (after line 15) —" in line


def test_a_kazakh_statement_of_its_own(tmp_path, capsys):
    """ "қазақ тіліндегі мәтінге өзгеріс енгізіледі, орыс тіліндегі мәтін өзгермейді" on a line
    of its own marks the Kazakh operation on the row it names."""
    kk = edited(
        tmp_path, KK_302,
        ("реттік нөмірі 30-жолда", "реттік нөмірі 30-жолда қазақ тіліндегі мәтінге өзгеріс енгізіледі, орыс тіліндегі "
         "мәтін өзгермейді;\n\nреттік нөмірі 30-жолда"),
    )  # fmt: skip
    ru = edited(
        tmp_path, RU_302, ("в строке, порядковый номер 30, слова «пунктом 16» заменить словами «пунктом 17»;\n", "")
    )
    code, out, _ = run(["parity", kk, ru], capsys)
    assert code == 0, out
    (line,) = findings(out)
    assert line.startswith(f"NOTE one_language: only the Kazakh text changes at {kk}:27 (as line 25 says)")


def test_a_statement_with_nothing_to_match_is_a_disagreement(tmp_path, capsys):
    ru = edited(
        tmp_path, RU_302,
        ("строки, порядковые номера 42 и 43, главы 13 исключить.",
         "строки, порядковые номера 42 и 43, главы 13 исключить;\n\nв пункте 9 изменение вносится в текст на "
         "казахском языке, текст на русском языке не изменяется."),
    )  # fmt: skip
    code, out, _ = run(["parity", KK_302, ru], capsys)
    assert code == 1
    (line,) = findings(out)
    assert line.startswith(
        "DIFF statement: the Russian text says only the Kazakh text changes, but no Kazakh operation"
    )
    assert f"ru {ru}:31 «в пункте 9 изменение вносится" in line


def test_json_report(tmp_path, capsys):
    ru = edited(tmp_path, RU_302, ("заменить словами «пунктом 17»", "заменить словами «пунктом 18»"))
    code, out, _ = run(["parity", KK_302, ru, "--format", "json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert data["agree"] is False and data["aligned"] == 3 and data["one_language"] == []
    (finding,) = data["disagreements"]
    assert finding["kind"] == "words"
    assert finding["kk"]["file"] == str(KK_302) and finding["kk"]["line"] == 25
    assert finding["ru"]["file"] == str(ru) and finding["ru"]["line"] == 27
    assert (finding["kk_value"], finding["ru_value"]) == ("17", "18")
    assert finding["ru"]["text"].endswith("заменить словами «пунктом 18»;")


def test_output_is_deterministic(tmp_path, capsys):
    first = run(["parity", ORDERS / "order-404-kaz.txt", ORDERS / "order-403-rus.txt", "--format", "json"], capsys)
    second = run(["parity", ORDERS / "order-404-kaz.txt", ORDERS / "order-403-rus.txt", "--format", "json"], capsys)
    assert first == second


def test_a_law_the_parser_refuses_exits_2_with_the_parsers_message(tmp_path, capsys):
    # kzlaws-1763 with its first change damaged: a verb the grammar does not know.
    ru = AMENDING / "kzlaws-1763-rus" / "rus.md"
    kk = tmp_path / "kaz.md"
    real = (AMENDING / "kzlaws-1763-kaz" / "kaz.md").read_text(encoding="utf-8")
    assert "тармақшалары алынып тасталсын;" in real
    kk.write_text(real.replace("тармақшалары алынып тасталсын;", "тармақшалары жойылсын;", 1), encoding="utf-8")
    code, _, parse_err = run(["parse", kk], capsys)
    assert code == 2
    code, out, err = run(["parity", kk, ru], capsys)
    assert out == ""
    assert assert_one_line_error(code, err, str(kk)) == parse_err.strip()
    # The same texts as plain text files: read as laws, and refused for the same reason.
    kk_txt, ru_txt = tmp_path / "kaz.txt", tmp_path / "rus.txt"
    kk_txt.write_text(kk.read_text(encoding="utf-8"), encoding="utf-8")
    ru_txt.write_text(ru.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(["parity", kk_txt, ru_txt], capsys)
    assert_one_line_error(code, err, str(kk_txt), "not an instruction the grammar knows")


def test_several_unreadable_sentences_make_one_line(tmp_path, capsys):
    kk = edited(
        tmp_path, KK_302,
        ("13-тараудың реттік нөмірлері 42 және 43-жолдар алып тасталсын.",
         "13-тарау бір нәрсе болсын;\n\n14-тарау басқа нәрсе болсын."),
    )  # fmt: skip
    code, _, err = run(["parity", kk, RU_302], capsys)
    assert_one_line_error(code, err, f"{kk}:27", "and 1 more sentences the grammar cannot read")


def test_bad_inputs_exit_2_naming_the_file(tmp_path, capsys):
    code, _, err = run(["parity", RU_900, KK_900], capsys)
    assert_one_line_error(code, err, str(RU_900), "expected the Kazakh text here")
    code, _, err = run(["parity", KK_900, tmp_path / "missing.txt"], capsys)
    assert_one_line_error(code, err, "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run(["parity", empty, RU_900], capsys)
    assert_one_line_error(code, err, str(empty))


def test_figures_are_the_same_in_both_languages():
    kk = tokens("2025 жылғы 18 желтоқсандағы № 550 бұйрығының 15-тармағында, C-SVO-7 санаты, 2,5 айлық", Lang.KK)
    ru = tokens("пунктом 15 приказа от 18 декабря 2025 года № 550, категории С-SVO-7, 2.5 месячных", Lang.RU)
    assert kk == ru == Counter({"date 2025-12-18": 1, "№550": 1, "15": 1, "С-SVO-7": 1, "2.5": 1})
    assert tokens("18.12.2025 N 2671", Lang.RU) == Counter({"date 2025-12-18": 1, "№2671": 1})


def test_the_data_file_is_checked():
    data = load_data("parity.toml")
    assert build(data).one_language
    bad = dict(data, one_language=[{"lang": "kk", "changes": "de", "pattern": "x"}])
    with pytest.raises(ParityDataError, match=r"parity.toml: one_language\[0\].changes must be 'kk' or 'ru'"):
        build(bad)
    bad = dict(data, tokens=dict(data["tokens"], code="(unclosed"))
    with pytest.raises(ParityDataError, match=r"tokens\.code does not compile"):
        build(bad)


@pytest.mark.parametrize(
    ("lang", "sentence", "changes", "alone", "nums", "left"),
    [
        # real sentences of the corpus (tests/corpus/sources-*.md): quyse/kz-laws rus/121707, kaz/61007, kaz/169508
        ("ru", "в пункт 5 вносится изменение на казахском языке, текст на русском языке не изменяется;",
         "kk", True, {"5"}, ""),
        ("kk", "56) тармақша бойынша орыс тіліндегі мәтінге түзету енгізілді, қазақ тіліндегі мәтін өзгермейді;",
         "ru", True, {"56"}, ""),
        ("kk", "түзету орыс тіліндегі мәтінге енгізіледі, қазақ тіліндегі мәтін өзгермейді;", "ru", True, set(), ""),
        ("ru", "в пункте 3 слова «пунктом 16» заменить словами «пунктом 17», текст на казахском языке не изменяется;",
         "ru", False, {"3"}, "в пункте 3 слова «пунктом 16» заменить словами «пунктом 17»;"),
        ("kk", "3-тармақтағы «жүргізу» деген сөз «жүзеге асыру» деген сөзбен ауыстырылсын, орыс тіліндегі мәтін өзгермейді;",
         "kk", False, {"3"}, "3-тармақтағы «жүргізу» деген сөз «жүзеге асыру» деген сөзбен ауыстырылсын;"),
    ],
)  # fmt: skip
def test_one_language_statements_of_real_texts(lang, sentence, changes, alone, nums, left):
    from consolidate.parity.statements import find_statements
    from consolidate.parse.document import Para

    blocks, (statement,) = find_statements([Para(7, sentence)], Lang(lang), "order.txt")
    assert (statement.changes.value, statement.alone, set(statement.nums), statement.line) == (changes, alone, nums, 7)
    assert blocks == [Para(7, left)]  # what the parser is given: nothing, or the instruction without the statement


def test_the_kazakh_text_declares_a_change_of_the_russian_text_only(tmp_path, capsys):
    kk = edited(
        tmp_path, KK_302,
        ('реттік нөмірі 30-жолда "16-тармағында" деген сөздер "17-тармағында" деген сөздермен ауыстырылсын;',
         "реттік нөмірі 30-жол бойынша орыс тіліндегі мәтінге түзету енгізілді, қазақ тіліндегі мәтін өзгермейді;"),
    )  # fmt: skip
    code, out, _ = run(["parity", kk, RU_302], capsys)
    assert code == 0, out
    (line,) = findings(out)
    assert line.startswith(
        f"NOTE one_language: only the Russian text changes at {RU_302}:27: replace_words row: row 30;"
    )
    assert f"kk {kk}:25 «реттік нөмірі 30-жол бойынша орыс тіліндегі мәтінге түзету енгізілді" in line
    assert f"ru {RU_302}:27 «в строке, порядковый номер 30, слова «пунктом 16»" in line
