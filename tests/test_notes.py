"""Amendment notes in the reference bank's wording, Kazakh and Russian, one order or a chain."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from consolidate.apply.notes import NoteOrder, render_note
from consolidate.errors import ApplyError
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


# --- amending laws and decrees: the bank's forms, never an empty field ----------------------------
# Written by hand from ../shared/research/conventions.md §1.2 and the notes of the laws in
# quyse/kz-laws (kaz/1021.md: «Ескерту. 4-бапқа өзгеріс енгізілді - ҚР 03.07.2014 № 227-V
# (01.01.2015 бастап қолданысқа енгізіледі) Заңымен.»).

LAW_22307_KK = NoteOrder.of(
    dataclasses.replace(
        parse_file(Path(__file__).parent / "corpus" / "amending" / "kzlaws-22307-kaz" / "kaz.md").order,
        number="14", date="2004-12-21",
    )
)  # fmt: skip
LAW_22307_RU = NoteOrder.of(
    dataclasses.replace(
        parse_file(Path(__file__).parent / "corpus" / "amending" / "kzlaws-22307-rus" / "rus.md").order,
        number="14", date="2004-12-21",
    )
)  # fmt: skip
KK_LAW_EIF = "(ресми жарияланған күнінен бастап қолданысқа енгізіледі)"  # «№ Осы Заң …» of its last article
RU_LAW_EIF = "(вводится в действие со дня его официального опубликования)"


def test_a_law_note_in_kazakh():
    assert render_note([LAW_22307_KK], "amended", "article", "8", "") == (
        f"Ескерту. 8-бапқа өзгеріс енгізілді - ҚР 21.12.2004 № 14 {KK_LAW_EIF} Заңымен."
    )
    assert render_note([LAW_22307_KK], "restated", "article", "13", "") == (
        f"Ескерту. 13-бап жаңа редакцияда - ҚР 21.12.2004 № 14 {KK_LAW_EIF} Заңымен."
    )
    earlier = dataclasses.replace(LAW_22307_KK, number="280", date="2002-01-15")
    assert render_note([earlier, LAW_22307_KK], "amended", "article", "8", "") == (
        f"Ескерту. 8-бапқа өзгеріс енгізілді - ҚР 15.01.2002 № 280 {KK_LAW_EIF}; 21.12.2004 № 14 {KK_LAW_EIF} Заңдарымен."
    )


def test_a_law_note_in_russian():
    assert render_note([LAW_22307_RU], "amended", "article", "8", "") == (
        f"Сноска. Статья 8 с изменением, внесенным Законом РК от 21.12.2004 № 14 {RU_LAW_EIF}."
    )
    assert render_note([LAW_22307_RU], "repealed", "article", "14", "") == (
        f"Сноска. Статья 14 исключена Законом РК от 21.12.2004 № 14 {RU_LAW_EIF}."
    )
    earlier = dataclasses.replace(LAW_22307_RU, number="280", date="2002-01-15")
    assert render_note([earlier, LAW_22307_RU], "amended", "article", "613", "") == (
        f"Сноска. Статья 613 с изменениями, внесенными законами РК от 15.01.2002 № 280 {RU_LAW_EIF}; "
        f"от 21.12.2004 № 14 {RU_LAW_EIF}."
    )


def test_a_decree_note_names_the_president():
    ru = dataclasses.replace(LAW_22307_RU, act_word="Указ", number="2483", date="1995-10-03", eif="")
    assert render_note([ru], "amended", "article", "5", "") == (
        "Сноска. Статья 5 с изменением, внесенным Указом Президента РК от 03.10.1995 № 2483."
    )
    kk = dataclasses.replace(LAW_22307_KK, act_word="Жарлық", number="2483", date="1995-10-03", eif="")
    assert render_note([kk], "amended", "article", "5", "") == (
        "Ескерту. 5-бапқа өзгеріс енгізілді - ҚР Президентінің 03.10.1995 № 2483 Жарлығымен."
    )


@pytest.mark.parametrize(
    ("change", "gap"),
    [
        ({"number": ""}, "number"),
        ({"date": ""}, "date"),
        ({"act_word": "Кодекс"}, "«Кодекс»"),
    ],
)
def test_no_note_is_written_with_an_empty_field(change, gap):
    for order in (LAW_22307_RU, LAW_22307_KK, KK, RU):
        with pytest.raises(ApplyError, match=gap):
            render_note([dataclasses.replace(order, **change)], "amended", "article", "8", "")
    with pytest.raises(ApplyError, match="issuer"):  # an order's issuer is its own: never left out
        render_note([dataclasses.replace(KK, issuer="")], "amended", "article", "8", "")
    # a law's issuer is the Republic whoever signed it: an unsigned copy still has its note
    assert "Законом РК от 21.12.2004" in render_note([dataclasses.replace(LAW_22307_RU, issuer="")], "amended",
                                                     "article", "8", "")  # fmt: skip
