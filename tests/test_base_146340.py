"""The shipped base of Order No. 354 is exactly what importing its official text gives."""

from __future__ import annotations

import pytest

from consolidate.akn.tree_xml import tree_to_xml
from consolidate.importer.official import import_official
from tests.conftest import ROOT


@pytest.mark.parametrize("stem", ["kaz", "rus"])
def test_shipped_base_is_a_fresh_import(stem):
    source = ROOT / "tests" / "corpus" / "acts" / f"ministerial-146340-{stem}" / f"{stem}.md"
    shipped = ROOT / "base_orders" / "146340" / f"{stem}.xml"
    assert shipped.read_bytes() == tree_to_xml(import_official(source).document)
