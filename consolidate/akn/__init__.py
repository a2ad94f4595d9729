"""Akoma Ntoso 3.0: the on-disk form of a version (see docs/akn.md).

`act_to_xml` / `act_from_xml` write and read a version; `parse_xml` is the only way XML
from outside enters the tool; `validate` checks against the strict OASIS schema.
"""

from consolidate.akn.act_xml import AKN_NS, CZ_NS, act_from_xml, act_to_xml
from consolidate.akn.safe_xml import parse_xml
from consolidate.akn.schema import validate
from consolidate.akn.uri import act_uri, expression_date, work_uri

__all__ = [
    "AKN_NS",
    "CZ_NS",
    "act_from_xml",
    "act_to_xml",
    "act_uri",
    "expression_date",
    "parse_xml",
    "validate",
    "work_uri",
]
