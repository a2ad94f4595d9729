"""Safe parsing: entity payloads, DTDs and malformed input are one-line `InputError`s."""

from __future__ import annotations

import pytest
from lxml import etree

from consolidate.akn.act_xml import act_from_xml
from consolidate.akn.safe_xml import PARSER, parse_xml
from consolidate.errors import InputError

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<r>&xxe;</r>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>"""

NETWORK_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]>
<r>&ext;</r>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd">
<r/>"""

PLAIN_DOCTYPE = b"<!-- a comment first -->\n<!DOCTYPE akomaNtoso>\n<akomaNtoso/>"


def input_error(data: bytes, pattern: str) -> str:
    with pytest.raises(InputError, match=pattern) as caught:
        parse_xml(data, "in.xml")
    message = str(caught.value)
    assert message.startswith("in.xml: ")
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    "payload",
    [XXE_FILE, BILLION_LAUGHS, NETWORK_ENTITY, EXTERNAL_DTD, PLAIN_DOCTYPE],
    ids=["xxe-file", "billion-laughs", "network-entity", "external-dtd", "doctype"],
)
def test_any_doctype_is_refused(payload: bytes) -> None:
    input_error(payload, "DOCTYPE declarations are not allowed")


def test_doctype_after_a_byte_order_mark_is_refused() -> None:
    input_error(b"\xef\xbb\xbf" + XXE_FILE, "DOCTYPE")


def test_doctype_in_utf16_is_refused_after_parsing() -> None:
    # The prolog scan reads ASCII-compatible bytes only; the parsed docinfo catches the rest.
    data = XXE_FILE.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"').decode().encode("utf-16")
    assert not data.startswith(b"<")
    input_error(data, "DOCTYPE declarations are not allowed")


def test_xxe_never_reads_the_file() -> None:
    message = input_error(XXE_FILE, "DOCTYPE")
    try:
        with open("/etc/hostname", encoding="utf-8") as handle:
            secret = handle.read().strip()
    except OSError:
        secret = ""
    if secret:
        assert secret not in message


def test_undeclared_entity_is_malformed() -> None:
    input_error(b"<r>&xxe;</r>", r"not well-formed XML: .*xxe.* \(line 1\)")


@pytest.mark.parametrize(
    "data",
    [b"", b"<r>", b"<r></s>", b"not xml at all", b"<r a='1' a='2'/>", b"\x00\x01"],
    ids=["empty", "unclosed", "mismatched", "text", "duplicate-attribute", "binary"],
)
def test_malformed_xml_is_one_line_error(data: bytes) -> None:
    input_error(data, "not well-formed XML")


def test_text_instead_of_bytes_is_refused() -> None:
    with pytest.raises(InputError, match="bytes"):
        parse_xml("<r/>", "in.xml")  # type: ignore[arg-type]


def test_well_formed_xml_parses_and_keeps_text_exactly() -> None:
    root = parse_xml("<r a='x&#10;y'><p> Ә\r\n&amp; </p><!-- c --><?pi x?></r>".encode(), "in.xml")
    assert root.tag == "r"
    assert root.get("a") == "x\ny"
    assert root[0].text == " Ә\n& "  # XML normalises a literal CR LF to LF


def test_module_parser_never_expands_entities() -> None:
    # Used directly (without parse_xml's DOCTYPE refusal) the parser keeps the entity as a
    # node and reads nothing: which is why parse_xml refuses DOCTYPEs instead of returning it.
    root = etree.fromstring(XXE_FILE, PARSER)
    entities = list(root.iter(etree.Entity))
    assert [e.text for e in entities] == ["&xxe;"]
    assert "".join(root.itertext()) == "&xxe;"


@pytest.mark.parametrize(
    "data",
    [b"<r/>", b'<act xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>', XXE_FILE, b"<r"],
    ids=["other-root", "bare-act", "xxe", "malformed"],
)
def test_act_reader_turns_foreign_or_unsafe_xml_into_input_errors(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        act_from_xml(data, "base.xml")
    assert str(caught.value).startswith("base.xml")
    assert "\n" not in str(caught.value)
