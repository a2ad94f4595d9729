"""Whole amending laws, on the real texts of tests/corpus/amending: `parse` prints the act of
each operation or refuses with every problem; `apply` applies only the operations that amend
the base's act and says which acts it skipped, or exits 2 when none amends the base."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate.apply.act_match import for_base
from consolidate.apply.tree_chain import tree_versions
from consolidate.errors import ApplyError, ParseError
from consolidate.importer.official import import_official
from consolidate.model.amendment import ActRef
from consolidate.model.tree import Kind
from consolidate.parse.reading import compact_target
from consolidate.sources import parse_source

CORPUS = Path(__file__).parent / "corpus"
AMENDING = CORPUS / "amending"
GUARD_RU = CORPUS / "acts" / "kzlaws-104320-rus" / "rus.md"
REQUISITE = "Указ Президента Республики Казахстан, имеющий силу закона, от 5 декабря 1995 года № 2671."


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "consolidate", *args], capture_output=True, text=True, check=False)


def _guard_base(tmp_path: Path, with_identity: bool):
    """The decree-law «О Республиканской гвардии» (Russian), imported, with or without the
    bank's metadata naming its number and date."""
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(GUARD_RU, folder / "rus.md")
    if with_identity:
        (folder / "meta.yaml").write_text(f'requisite: "{REQUISITE}"\n', encoding="utf-8")
    return import_official(folder / "rus.md", "ru").document


def test_a_law_amending_two_decrees_names_the_act_of_each_operation() -> None:
    amendment = parse_source(AMENDING / "kzlaws-104475-rus" / "rus.md", "ru")
    acts = [op.amends for op in amendment.operations]
    first = ActRef("2483", "1995-10-03", "О Службе охраны Президента Республики Казахстан", "decree")
    second = ActRef("2671", "1995-12-05", "О Республиканской гвардии", "decree")
    assert acts == [first, second, second, second, second]
    assert amendment.order.entry_into_force.kind == "unstated"  # the law says nothing of it


def test_the_entry_into_force_article_is_the_rule_not_a_change() -> None:
    amendment = parse_source(AMENDING / "kzlaws-30679-kaz" / "kaz.md", "kk")
    rule = amendment.order.entry_into_force
    assert (rule.kind, rule.after) == ("on", "first_publication")
    assert "қолданысқа енгізіледі" in rule.text
    assert all(op.source.line < 17 for op in amendment.operations)  # article 2 (line 17) is no operation
    assert amendment.order.issuer == "Қазақстан Республикасының Президенті"


def test_only_the_operations_for_the_base_are_kept_and_the_others_named(tmp_path: Path) -> None:
    base = _guard_base(tmp_path, with_identity=True)
    amendment = parse_source(AMENDING / "kzlaws-104475-rus" / "rus.md", "ru")
    warnings: list[str] = []
    kept = for_base(base, amendment, warnings)
    assert [op.seq for op in kept.operations] == [2, 3, 4, 5]
    assert {op.amends.number for op in kept.operations if op.amends} == {"2671"}
    assert len(warnings) == 1
    assert "skipped 1 operation for 1 other act: decree № 2483 of 1995-10-03" in warnings[0]


def test_a_base_without_its_date_is_matched_by_title_and_said_so(tmp_path: Path) -> None:
    base = _guard_base(tmp_path, with_identity=False)
    amendment = parse_source(AMENDING / "kzlaws-845-rus" / "rus.md", "ru")  # title printed "…Республиканскойгвардии"
    warnings: list[str] = []
    kept = for_base(base, amendment, warnings)
    assert len(kept.operations) == len(amendment.operations)
    assert any("matched to it by title only" in w for w in warnings)


def test_a_law_for_another_act_is_never_applied(tmp_path: Path) -> None:
    base = _guard_base(tmp_path, with_identity=True)
    amendment = parse_source(AMENDING / "kzlaws-30679-rus" / "rus.md", "ru")
    with pytest.raises(ApplyError, match="no operation amends this base; the text amends: law of 2003-03-06"):
        for_base(base, amendment, [])


def test_apply_exits_2_in_one_line_when_no_operation_amends_the_base(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(GUARD_RU, folder / "rus.md")
    (folder / "meta.yaml").write_text(f'requisite: "{REQUISITE}"\n', encoding="utf-8")
    imported = _cli("import", str(folder / "rus.md"), "-o", str(tmp_path / "base"))
    assert imported.returncode == 0, imported.stderr
    result = _cli("apply", str(tmp_path / "base"), str(AMENDING / "kzlaws-32167-rus" / "rus.md"),
                  "-o", str(tmp_path / "out"))  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "О международных договорах Республики Казахстан" in lines[0]
    assert not (tmp_path / "out").exists()


def test_parse_prints_the_act_of_each_operation() -> None:
    result = _cli("parse", str(AMENDING / "kzlaws-104475-kaz" / "kaz.md"))
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    numbers = [op["amends"]["number"] for op in reading["operations"]]
    assert numbers == ["2483", "2671", "2671", "2671", "2671"]
    assert reading["operations"][0]["amends"]["title"] == "Қазақстан Республикасы Президентiнiң Күзет қызметi туралы"
    assert reading["order"]["date"] is None  # the bank's copy does not print the law's own date


def test_parse_refuses_a_law_listing_every_problem_with_its_line(tmp_path: Path) -> None:
    # The real Law 11040 (Kazakh) with the verb of every word change it makes with
    # «ауыстырылсын» replaced by one the grammar does not know: each such line is a problem.
    real = (AMENDING / "kzlaws-11040-kaz" / "kaz.md").read_text(encoding="utf-8")
    damaged = [line.replace("ауыстырылсын", "алмастырылсын") for line in real.split("\n")]
    expected = [number for number, line in enumerate(damaged, 1) if "алмастырылсын" in line]
    assert len(expected) >= 5
    text = tmp_path / "kaz.md"
    text.write_text("\n".join(damaged), encoding="utf-8")
    result = _cli("parse", str(text))
    assert result.returncode == 2
    assert result.stdout == ""
    problems = {int(match.group(1)) for match in re.finditer(rf"{re.escape(str(text))}:(\d+):", result.stderr)}
    # Every problem is a damaged line; a damaged line opening with a quote right after another
    # is taken as the wording of the refused one before it (one problem reported once).
    assert problems <= set(expected) and len(problems) >= 5
    assert f"{len(problems)} sentences the grammar cannot read" in result.stderr


def test_words_added_at_the_end_go_before_the_final_punctuation() -> None:
    amendment = parse_source(AMENDING / "kzlaws-22307-rus" / "rus.md", "ru")
    # Its number and date, which the bank's copy does not print (publication.toml gives them to apply).
    amendment = dataclasses.replace(amendment, order=dataclasses.replace(amendment.order, number="14", date="2004-12-21"))
    at_end = tuple(op for op in amendment.operations if op.words_at_the_end)
    assert [(op.source.line, op.target.articles, op.target.indents) for op in at_end] == [(31, ("11",), ("6",))]
    base = import_official(CORPUS / "acts" / "kzlaws-104140-rus" / "rus.md", "ru").document
    versions, _ = tree_versions(base, [dataclasses.replace(amendment, operations=at_end)])
    (article,) = [n for n in versions[-1].document.units() if n.kind is Kind.ARTICLE and n.num == "11"]
    sixth = [n for n in article.children if n.kind is Kind.PART][5]
    assert sixth.text == (
        "обеспечивать юридических и физических лиц, предоставляющих информацию органам государственной "
        "статистики, бланками статистической отчетности и инструкциями по их заполнению в порядке, "
        "установленном законодательством Республики Казахстан;"
    )


def _order_with_a_second_act(tmp_path: Path) -> Path:
    """Order 192 (a real order's text) with a second amending point inserted before its point
    2: the changes of another order (№ 45). Before, such a point was silently skipped."""
    lines = (Path(__file__).parent.parent / "amendments" / "192" / "kaz.txt").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("2. "))
    second = [
        '2. "Азаматтық қорғау органдары туралы" Қазақстан Республикасы Төтенше жағдайлар министрінің 2024 жылғы '
        "3 наурыздағы № 45 бұйрығына мынадай өзгерістер енгізілсін:",
        "",
        "3-тармақ алып тасталсын.",
        "",
    ]
    rest = [f"{int(line[0]) + 1}{line[1:]}" if line[:2] in ("2.", "3.", "4.") else line for line in lines[at:]]
    path = tmp_path / "kaz.txt"
    path.write_text("\n".join(lines[:at] + second + rest), encoding="utf-8")
    return path


def test_an_order_amending_two_acts_names_the_act_of_each_operation(tmp_path: Path) -> None:
    amendment = parse_source(_order_with_a_second_act(tmp_path), "kk")
    numbers = [op.amends.number if op.amends else None for op in amendment.operations]
    assert numbers == ["550"] * 11 + ["45"]
    last = amendment.operations[-1]
    assert (last.op, last.target.points) == ("repeal", ("3",))
    plain = parse_source(Path(__file__).parent.parent / "amendments" / "192" / "kaz.txt", "kk")
    assert all(op.amends is None for op in plain.operations)  # one act: the reading is as before


def test_apply_skips_the_operations_for_the_other_act_and_says_so(tmp_path: Path) -> None:
    order = _order_with_a_second_act(tmp_path)
    base = Path(__file__).parent.parent / "base_orders" / "550"
    result = _cli("apply", str(base), str(order), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "11 operations" in result.stderr
    assert "skipped 1 operation for 1 other act: act № 45 of 2024-03-03" in result.stderr


def test_a_point_changing_acts_it_does_not_name_is_refused_not_skipped(tmp_path: Path) -> None:
    """Order 192 with a second point that changes "some orders" named by no number and date:
    such a point was skipped without a word; it is now a problem with its line."""
    lines = (Path(__file__).parent.parent / "amendments" / "192" / "kaz.txt").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("2. "))
    second = ["2. Қазақстан Республикасы Төтенше жағдайлар министрінің кейбір бұйрықтарына мынадай өзгерістер енгізілсін:", ""]
    rest = [f"{int(line[0]) + 1}{line[1:]}" if line[:2] in ("2.", "3.", "4.") else line for line in lines[at:]]
    path = tmp_path / "kaz.txt"
    path.write_text("\n".join(lines[:at] + second + rest), encoding="utf-8")
    with pytest.raises(ParseError, match="point 2 makes changes but names no act by its number and date") as refusal:
        parse_source(path, "kk")
    assert f"{path}:{at + 1}" in str(refusal.value)


EXCERPT = Path(__file__).parent / "fixtures" / "laws" / "kzlaws-63611-kaz-excerpt.md"
COUNCIL = ActRef("", "2008-11-17", "Қазақстан Республикасының Жоғары Сот Кеңесі туралы", "law")
LOST = [  # written by hand from the text: (line, kind, date, title)
    (33, "decree", "1990-01-11", "Қазақ КСР соттары судьяларының біліктілік алқалары туралы ережені бекіту туралы"),
    (35, "decree", "1990-01-11", "Қазақ КСР соттары судьяларының және халық заседательдерінің тәртіптік "
     "жауапкершілігі, кері шақыру және мерзімінен бұрын босату туралы ережені бекіту туралы"),
    (37, "decree", "1990-01-11", "Қазақ КСР соттары судьяларының және халық заседательдерінің анты туралы"),
    (39, "resolution", "1992-01-02", "Қазақстан Республикасының аудандық (қалалық) халықтық соттарында әкімшілік "
     "және атқарушылық іс жүргізу жөніндегі судьялардың саны туралы"),
    (41, "resolution", "1992-03-05", "Қазақстан Республикасының төрелік соты судьяларының тәртіптік жауапкершілігі, "
     "кері шақыру және мерзімінен бұрын босату туралы"),
    (43, "resolution", "1993-02-01", "Қазақстан Республикасы судьяларының біліктілік сыныптары, сыныбы және еңбек "
     "сіңірген жылдары үшін үстемақылары туралы уақытша ережені бекіту туралы"),
    (45, "resolution", "1992-06-04", "Қазақстан Республикасы төрелік соттарының штат санын және оларды "
     "қаржыландыруға, материалдық-техникалық қамтамасыз етуге және қызмет көрсетуге қаржы мөлшерін бекіту туралы"),
    (47, "resolution", "1994-07-14", "Қазақстан Республикасының Бас прокурорына, прокурор-тергеу қызметкерлеріне "
     "лауазымдық жалақы белгілеу және Қазақстан Республикасы Конституциялық Сотының, Жоғары Төрелік Сотының, "
     "төмен тұрған және әскери соттардың, прокуратура органдары қызметкерлерінің лауазымдық жалақыларына еңбек "
     "сіңірген жылдары үшін үстемеақы төлеу тәртібі туралы ережені бекіту туралы"),
]


def test_a_law_amending_one_act_and_declaring_acts_lost_force_by_title_and_date() -> None:
    amendment = parse_source(EXCERPT, "kk")
    changes = [op for op in amendment.operations if op.op != "lose_force"]
    shape = [(op.source.line, op.op, op.unit, compact_target(op.target), op.old_words, op.new_words) for op in changes]
    assert shape == [  # written by hand from the text
        (7, "restate", "point", {"articles": ["12"], "points": ["3"]}, None, None),
        (11, "insert", "point", {"articles": ["12"], "points": ["3-1"]}, None, None),
        (15, "replace_words", "point", {"articles": ["12"], "points": ["5"]}, "алты", "бес"),
        (21, "delete_words", "point", {"articles": ["18"], "points": ["1"]}, "оң", None),
        (23, "insert", "part", {"articles": ["18"], "points": ["1"], "parts": ["2"]}, None, None),
        (27, "restate", "heading", {"chapter": "7"}, None, None),
    ]
    assert all(op.amends == COUNCIL for op in changes)
    lost = [op for op in amendment.operations if op.op == "lose_force"]
    assert [(op.source.line, op.act.kind, op.act.date, op.act.number, op.act.title) for op in lost if op.act] == [
        (line, kind, date, "", title) for line, kind, date, title in LOST
    ]
    assert all(op.amends == op.act for op in lost)  # each names the act it ends
    rule = amendment.order.entry_into_force
    assert (rule.kind, rule.days, rule.after) == ("calendar", 10, "first_publication")


EXCERPT_RU = Path(__file__).parent / "fixtures" / "laws" / "kzlaws-63611-rus-excerpt.md"
LOST_RU = [  # written by hand from the text: (line, kind, date, title)
    (33, "decree", "1990-01-11", "Об утверждении Положения о квалификационных коллегиях судей судов Казахской ССР"),
    (35, "decree", "1990-01-11", "Об утверждении Положения о дисциплинарной ответственности, отзыве и досрочном "
     "освобождении судей и народных заседателей судов Казахской ССР"),
    (37, "decree", "1990-01-11", "О присяге судей и народных заседателей судов Казахской ССР"),
    (39, "resolution", "1992-01-02", "О количестве судей по административному и исполнительному производству в "
     "районных (городских) народных судах Республики Казахстан"),
    (41, "resolution", "1992-03-05", "Об утверждении Положения о дисциплинарной ответственности, отзыве и досрочном "
     "освобождении судей арбитражного суда Республики Казахстан"),
    (43, "resolution", "1993-02-01", "Об утверждении Временного Положения о квалификационных классах, надбавках за "
     "классность и выслугу лет судьям Республики Казахстан"),
    (45, "resolution", "1992-06-04", "Об утверждении штатной численности арбитражных судов Республики Казахстан и "
     "размере ассигнований на их финансирование, материально-техническое обеспечение и обслуживание"),
    (47, "resolution", "1994-07-14", "Об установлении должностных окладов Генеральному прокурору Республики "
     "Казахстан, прокурорско-следственным работникам и утверждении Положения о порядке выплаты надбавок за выслугу "
     "лет к должностным окладам работникам Конституционного Суда, Высшего Арбитражного Суда, нижестоящих и военных "
     "судов, органов прокуратуры Республики Казахстан"),
]


def test_the_russian_text_reads_the_same_changes_and_acts_lost_force() -> None:
    amendment = parse_source(EXCERPT_RU, "ru")
    changes = [op for op in amendment.operations if op.op != "lose_force"]
    shape = [(op.source.line, op.op, op.unit, compact_target(op.target), op.old_words, op.new_words) for op in changes]
    assert shape == [  # written by hand from the text
        (7, "restate", "point", {"articles": ["12"], "points": ["3"]}, None, None),
        (11, "insert", "point", {"articles": ["12"], "points": ["3-1"]}, None, None),
        (15, "replace_words", "point", {"articles": ["12"], "points": ["5"]}, "шести", "пяти"),
        (21, "delete_words", "point", {"articles": ["18"], "points": ["1"]}, "положительное", None),
        (23, "insert", "part", {"articles": ["18"], "points": ["1"], "parts": ["2"]}, None, None),
        (27, "restate", "heading", {"chapter": "7"}, None, None),
    ]
    council = ActRef("", "2008-11-17", "О Высшем Судебном Совете Республики Казахстан", "law")
    assert all(op.amends == council for op in changes)
    lost = [op for op in amendment.operations if op.op == "lose_force"]
    assert [(op.source.line, op.act.kind, op.act.date, op.act.number, op.act.title) for op in lost if op.act] == [
        (line, kind, date, "", title) for line, kind, date, title in LOST_RU
    ]
    rule = amendment.order.entry_into_force
    assert (rule.kind, rule.days, rule.after) == ("calendar", 10, "first_publication")


def test_a_change_of_letter_case_gives_the_new_words_it_does_not_print() -> None:
    """kzlaws-11040-rus line 7 (under "1. По всему тексту закона:"), read as a sentence."""
    from consolidate.parse.reading import read_as_in_an_order

    line = (AMENDING / "kzlaws-11040-rus" / "rus.md").read_text(encoding="utf-8").split("\n")[6]
    instruction, _ = read_as_in_an_order(line, "ru", "rus.md:7")
    pairs = [(part.op, part.old_words, part.new_words) for part in instruction.parts]
    assert pairs == [("replace_words", "плана", "Плана"), ("replace_words", "планом", "Планом"),
                     ("replace_words", "плану", "Плану")]  # fmt: skip
