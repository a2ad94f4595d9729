"""Amendment notes in the reference bank's wording, Kazakh and Russian, one order or a chain."""

from __future__ import annotations

import dataclasses

import pytest

from consolidate.apply.notes import NoteOrder, render_note
from consolidate.parse.order import parse_file
from tests.conftest import FIXTURES, SEED

KK = NoteOrder.of(parse_file(SEED).order)
RU = NoteOrder.of(parse_file(FIXTURES / "orders" / "order-401-rus.txt").order)
KK_EIF = "(алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі)"
RU_EIF = "(вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования)"


@pytest.mark.parametrize(
    ("action", "unit", "num", "expected"),
    [
        ("restated", "chapter", "8", f"Ескерту. 8-тарау жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF} бұйрығымен."),
        ("inserted", "row", "55-1", f"Ескерту. 2-қосымша реттік нөмірі 55-1-жолмен толықтырылды - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF} бұйрығымен."),
        ("repealed", "row", "35", f"Ескерту. Реттік нөмірі 35-жол алып тасталды - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF} бұйрығымен."),
        ("amended", "row", "30", f"Ескерту. Реттік нөмірі 30-жолға өзгеріс енгізілді - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF} бұйрығымен."),
        ("restated", "heading", "3", f"Ескерту. 3-тараудың тақырыбы жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF} бұйрығымен."),
    ],
)  # fmt: skip
def test_kazakh_notes(action, unit, num, expected):
    assert render_note([KK], action, unit, num, "2") == expected


@pytest.mark.parametrize(
    ("action", "unit", "num", "expected"),
    [
        ("restated", "chapter", "8", f"Сноска. Глава 8 в редакции приказа Министра по чрезвычайным ситуациям РК от 27.07.2026 № 301 {RU_EIF}."),
        ("inserted", "row", "70-1", f"Сноска. Приложение 2 дополнено строкой, порядковый номер 70-1, в соответствии с приказом Министра по чрезвычайным ситуациям РК от 27.07.2026 № 301 {RU_EIF}."),
        ("repealed", "row", "35", f"Сноска. Строка, порядковый номер 35, исключена приказом Министра по чрезвычайным ситуациям РК от 27.07.2026 № 301 {RU_EIF}."),
        ("amended", "chapter", "6", f"Сноска. Глава 6 с изменением, внесенным приказом Министра по чрезвычайным ситуациям РК от 27.07.2026 № 301 {RU_EIF}."),
    ],
)  # fmt: skip
def test_russian_notes(action, unit, num, expected):
    assert render_note([RU], action, unit, num, "2") == expected


def test_a_chain_of_orders_names_them_all_once_with_the_issuer_once():
    later = dataclasses.replace(KK, date="2026-09-01", number="501")
    note = render_note([KK, later], "restated", "chapter", "8", "2")
    assert note == (
        f"Ескерту. 8-тарау жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF}; "
        f"01.09.2026 № 501 {KK_EIF} бұйрықтарымен."
    )
    ru = render_note([RU, dataclasses.replace(RU, date="2026-09-01", number="501")], "restated", "chapter", "8", "2")
    assert ru.startswith("Сноска. Глава 8 в редакции приказов Министра по чрезвычайным ситуациям РК от 27.07.2026 № 301")
    assert "; от 01.09.2026 № 501 (" in ru


def test_lost_force_and_changes_throughout():
    assert render_note([KK], "lost_force", "act", "550", "") == (
        f"Ескерту. Күші жойылды - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 {KK_EIF} бұйрығымен.")
    assert render_note([KK], "replaced_throughout", "act", "", "2", "Ережесі", "Қағидасы").startswith(
        "Ескерту. Бүкіл мәтін бойынша «Ережесі» деген сөздер «Қағидасы» деген сөздермен ауыстырылды - ҚР")
