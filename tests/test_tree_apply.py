"""Every operation on text provisions of a real imported act (Order No. 354 of the Minister
of Justice, 14.09.2020, Kazakh and Russian texts of the reference bank), amended by an
order of our own making (tests/fixtures/tree/order-900-*.txt).

The expected texts and notes below were written by hand from the order's instructions and
the reference bank's note forms, before the engine was run on them.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest

from consolidate.apply.tree_apply import apply_to_tree
from consolidate.errors import ApplyError
from consolidate.importer.official import import_official
from consolidate.model.tree import Kind, find
from consolidate.parse.order import parse_file
from tests.conftest import FIXTURES, ROOT

CORPUS = ROOT / "tests" / "corpus" / "acts"
KK_EIF = "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі)"
RU_EIF = "(вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования)"


@pytest.fixture(scope="module")
def kk():
    base = import_official(CORPUS / "ministerial-146340-kaz" / "kaz.md").document
    order = parse_file(FIXTURES / "tree" / "order-900-kaz.txt")
    return base, order, *apply_to_tree(base, order)


@pytest.fixture(scope="module")
def ru():
    base = import_official(CORPUS / "ministerial-146340-rus" / "rus.md").document
    order = parse_file(FIXTURES / "tree" / "order-900-rus.txt")
    return base, order, *apply_to_tree(base, order)


def texts(node):
    return [c.text for c in node.children if c.kind is Kind.PART]


def notes(node):
    return [n.text for n in node.notes]


def test_the_base_knows_its_identity_from_the_source_metadata(kk):
    identity = kk[0].identity
    assert (identity.doctype, identity.number, identity.date, identity.register_number) == (
        "order", "354", "2020-09-14", "21209"
    )


def test_words_replaced_in_a_point_of_the_order_itself(kk):
    _, _, new, _ = kk
    point = find(new, "point_2")
    assert texts(point) == ["Қазақстан Республикасы Әділет министрлігі Сот актілерін орындау комитеті заңнамада белгіленген тәртіппен:"]
    assert notes(point) == [f"Ескерту. 2-тармаққа өзгеріс енгізілді - ҚР Әділет министрінің 01.10.2026 № 900 {KK_EIF} бұйрығымен."]


def test_heading_restated_note_under_the_heading(kk):
    _, _, new, _ = kk
    chapter = find(new, "att_1__chp_1")
    assert (chapter.label, chapter.text) == ("1-тарау.", "Негізгі ережелер")
    assert [(n.pos, n.text) for n in chapter.notes] == [
        (0, f"Ескерту. 1-тараудың тақырыбы жаңа редакцияда - ҚР Әділет министрінің 01.10.2026 № 900 {KK_EIF} бұйрығымен.")
    ]


def test_point_restated_with_its_new_subpoints(kk):
    _, _, new, _ = kk
    point = find(new, "att_1__chp_2__point_2")
    assert texts(point) == ["ЖСО ағымдағы шот бойынша шығыс операцияларын тоқтата тұру мынадай жағдайларда жүргізіледі:"]
    subpoints = [c for c in point.children if c.kind is Kind.SUBPOINT]
    assert [(s.label, s.eid) for s in subpoints] == [
        ("1)", "att_1__chp_2__point_2__subpoint_1"),
        ("2)", "att_1__chp_2__point_2__subpoint_2"),
        ("3)", "att_1__chp_2__point_2__subpoint_3"),
    ]
    assert texts(subpoints[1]) == ["жеке сот орындаушысы лицензиясынан айырылғанда;"]
    assert notes(point) == [f"Ескерту. 2-тармақ жаңа редакцияда - ҚР Әділет министрінің 01.10.2026 № 900 {KK_EIF} бұйрығымен."]


def test_point_inserted_after_its_predecessor_and_nothing_renumbered(kk):
    _, _, new, _ = kk
    chapter = find(new, "att_1__chp_2")
    assert [c.num for c in chapter.children] == ["2", "3", "4", "5", "5-1"]
    inserted = find(new, "att_1__chp_2__point_5-1")
    assert texts(inserted) == ["Шығыс операцияларын тоқтата тұру туралы өкімнің көшірмесі жеке сот орындаушысына бір жұмыс күні ішінде жіберіледі."]
    assert notes(inserted) == [f"Ескерту. 2-тарау 5-1-тармақпен толықтырылды - ҚР Әділет министрінің 01.10.2026 № 900 {KK_EIF} бұйрығымен."]
    # the notes the bank printed under point 5 stay where they were
    assert notes(find(new, "att_1__chp_2__point_5")) == [
        "Ескерту. 5-тармақ жаңа редакцияда - ҚР Әділет министрінің 30.05.2026 № 510 (12.07.2026 бастап қолданысқа енгізіледі) бұйрығымен."
    ]


def test_second_indent_inserted(kk):
    _, _, new, _ = kk
    point = find(new, "att_1__chp_3__point_6")
    assert len(texts(point)) == 2
    assert texts(point)[1] == "Күшін жою туралы өкім атқарушылық іс жүргізудің мемлекеттік автоматтандырылған цифрлық жүйесінде тіркеледі."
    assert find(new, "att_1__chp_3__point_6__part_2") is not None


def test_repealed_point_keeps_its_number_and_shows_its_note(kk):
    _, _, new, _ = kk
    point = find(new, "att_1__chp_3__point_7")
    assert point.repealed and point.children == [] and point.label == "7."
    assert notes(point) == [f"Ескерту. 7-тармақ алып тасталды - ҚР Әділет министрінің 01.10.2026 № 900 {KK_EIF} бұйрығымен."]
    assert [c.num for c in find(new, "att_1__chp_3").children] == ["6", "7", "8"]


def test_the_base_is_not_modified(kk):
    base, order, _, _ = kk
    again = copy.deepcopy(base)
    apply_to_tree(base, order)
    assert base == again


def test_russian_order_gives_the_same_changes_with_russian_notes(kk, ru):
    _, _, _, changes_kk = kk
    _, _, new_ru, changes_ru = ru
    assert [(c.eid, c.action) for c in changes_ru] == [(c.eid, c.action) for c in changes_kk]
    assert notes(find(new_ru, "att_1__chp_3__point_7")) == [f"Сноска. Пункт 7 исключен приказом Министра юстиции РК от 01.10.2026 № 900 {RU_EIF}."]
    assert notes(find(new_ru, "att_1__chp_2__point_5-1")) == [
        f"Сноска. Глава 2 дополнена пунктом 5-1 в соответствии с приказом Министра юстиции РК от 01.10.2026 № 900 {RU_EIF}."
    ]
    assert find(new_ru, "att_1__chp_1").text == "Основные положения"


def _with_op(order, index, **changes):
    ops = list(order.operations)
    ops[index] = dataclasses.replace(ops[index], **changes)
    return dataclasses.replace(order, operations=tuple(ops))


def test_a_missing_target_names_the_line_the_address_and_the_nearest_units(kk):
    base, order, _, _ = kk
    repeal = order.operations[-1]
    wrong = _with_op(order, len(order.operations) - 1, target=dataclasses.replace(repeal.target, points=("70",)))
    with pytest.raises(ApplyError) as caught:
        apply_to_tree(base, wrong)
    message = str(caught.value)
    assert message.startswith(f"order-900-kaz.txt:{repeal.source.line}:")
    assert "no point 70" in message and "nearest points: 7, 8" in message


def test_a_number_already_taken_is_refused(kk):
    base, order, _, _ = kk
    insert = next(i for i, op in enumerate(order.operations) if op.op == "insert" and op.unit == "point")
    node = dataclasses.replace(order.operations[insert].provisions[0], num="5", label="5.")
    taken = _with_op(order, insert, target=dataclasses.replace(order.operations[insert].target, points=("5",)),
                     provisions=(node,))  # fmt: skip
    with pytest.raises(ApplyError, match="point 5 already exists"):
        apply_to_tree(base, taken)


def test_words_not_in_the_unit_are_an_error_not_a_silent_no_op(kk):
    base, order, _, _ = kk
    wrong = _with_op(order, 0, old_words="Жоқ сөздер")
    with pytest.raises(ApplyError, match="the words «Жоқ сөздер» are not in point_2"):
        apply_to_tree(base, wrong)
