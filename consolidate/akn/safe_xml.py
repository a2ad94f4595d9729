"""Parsing untrusted XML without entity expansion, network access or DTDs.

Base versions and exchanged files are Akoma Ntoso XML from outside the tool, so every XML
input goes through `parse_xml`. lxml's defaults already refuse external entities, but the
"safe" settings below keep an undeclared or unexpanded entity as a silent `_Entity` node
whose text is the literal "&name;" (measured in research/deps.md §4). Akoma Ntoso needs no
DTD, so instead of living with that we refuse any DOCTYPE outright: an XXE, a billion-laughs
or a network-entity payload becomes an explicit one-line `InputError`, never a document.
"""

from __future__ import annotations

import re

from lxml import etree

from consolidate.errors import InputError

PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
)
"""The one parser for untrusted XML (lxml serialises concurrent use of a parser)."""

# Anything that may precede the root element: whitespace, the XML declaration, processing
# instructions and comments. A DOCTYPE found here is refused before libxml2 sees it, so the
# message says why instead of reporting an entity-expansion limit.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)

_DOCTYPE_MESSAGE = "DOCTYPE declarations are not allowed (Akoma Ntoso needs no DTD; entities are refused)"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _prolog_has_doctype(data: bytes) -> bool:
    """True when a DOCTYPE comes before the root element (ASCII-compatible encodings)."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        match = _PROLOG_ITEM.match(data, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    return data[position : position + 9].upper() == b"<!DOCTYPE"


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse `data` and return its root element.

    Raises `InputError` naming `where` for malformed XML, any DOCTYPE (with or without an
    internal subset) and any entity reference that survived parsing.
    """
    if not isinstance(data, bytes):
        raise InputError("XML must be given as bytes", where=where)
    if _prolog_has_doctype(data):
        raise InputError(_DOCTYPE_MESSAGE, where=where)
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        line = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise InputError(f"not well-formed XML: {_one_line(exc.msg or exc)}{line}", where=where) from exc
    if root is None:
        raise InputError("no XML document", where=where)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise InputError(_DOCTYPE_MESSAGE, where=where)
    encoding = (docinfo.encoding or "UTF-8").upper().replace("_", "-")
    if encoding not in ("UTF-8", "UTF8", "UTF-16", "UTF-16LE", "UTF-16BE"):
        raise InputError(f"XML must be UTF-8 (it declares {docinfo.encoding})", where=where)
    for entity in root.iter(etree.Entity):
        message = f"entity reference {entity.text} is not allowed (line {entity.sourceline})"
        raise InputError(message, where=where)
    return root
