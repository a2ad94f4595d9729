"""The parser's reading of the seed (Order 192) equals the hand-checked golden reading.

The golden file is test data only. Its vocabulary differs from the program's JSON in
places (unit "rows"/"paragraphs", content "kind"s, covered cells left out); this test maps
one onto the other rather than bending the program to the golden.
"""

from __future__ import annotations

import json

import pytest

from consolidate.model.json_io import amendment_to_dict
from tests.conftest import GOLDEN, SEED
from tests.golden_compare import assert_units_equal_golden

UNIT_NAMES = {"rows": "row", "paragraphs": "paragraph", "chapter": "chapter", "row": "row"}

pytestmark = pytest.mark.skipif(not GOLDEN.exists(), reason="golden reading not available")


@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed(seed_amendment):
    return amendment_to_dict(seed_amendment)


def test_seed_is_the_shipped_official_text():
    assert SEED.read_bytes() == (GOLDEN.parent.parent / "seeds" / "order-192-kaz.txt").read_bytes()


def test_order_metadata(parsed, golden):
    order, expected = parsed["order"], golden["order"]
    assert order["number"] == expected["number"] == "192"
    assert order["date"] == expected["date"]
    assert order["amends"]["number"] == expected["amends"]["number"]
    assert order["amends"]["date"] == expected["amends"]["date"]
    assert order["amends"]["title"] == expected["amends"]["title"]
    assert order["title"] == expected["title"]
    assert order["entry_into_force"]["kind"] == "working"
    assert order["entry_into_force"]["days"] == expected["entry_into_force"]["days"] == 10
    assert order["entry_into_force"]["after"] == "first_publication"


def test_same_operations(parsed, golden):
    ours = [
        (
            op["seq"],
            op["op"],
            op["unit"],
            op["annex"],
            op["target"]["chapter"],
            op["target"]["paragraphs"],
            op["target"]["rows"],
            op["source"]["line"],
        )
        for op in parsed["operations"]
    ]
    theirs = [
        (
            op["seq"],
            op["op"],
            UNIT_NAMES[op["unit"]],
            op["annex"],
            op["target"]["chapter"],
            op["target"]["paragraphs"],
            op["target"]["rows"],
            op["source"]["line"],
        )
        for op in golden["operations"]
    ]
    assert ours == theirs


@pytest.mark.parametrize("seq", range(1, 12))
def test_same_content(parsed, golden, seq):
    ours = parsed["operations"][seq - 1]["content"]
    theirs = golden["operations"][seq - 1]["content"]
    assert_units_equal_golden(ours, theirs)


def test_every_specialty_item(seed_amendment, golden):
    """246 specialty items in the cells that are not covered by a merge."""
    items = [
        item
        for op in seed_amendment.operations
        for unit in op.content
        if unit.type == "row" and "specialties" not in unit.continues
        for item in unit.cells["specialties"]
    ]
    assert len(items) == golden["counts"]["specialty_items"] == 246


def test_cleanups_are_reported(parsed, golden):
    kinds = {}
    for cleanup in parsed["cleanups"]:
        kinds[cleanup["kind"]] = kinds.get(cleanup["kind"], 0) + 1
        assert cleanup["raw"] != cleanup["clean"]
        assert cleanup["line"] >= 1
    expected = golden["counts"]["normalizations_by_kind"]
    for kind in ("homoglyph", "moved-parenthesis", "letter-spacing", "split-word", "html-tag"):
        assert kinds.get(kind) == expected[kind], kind


def test_every_latin_c_in_a_code_is_replaced(parsed):
    text = json.dumps([op["content"] for op in parsed["operations"]], ensure_ascii=False)
    assert "C-S" not in text  # Latin C
    assert "С-S" in text  # Cyrillic С
