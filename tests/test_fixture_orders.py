"""Further amending orders of our own (tests/fixtures/orders/*.txt) parse to their
expected operations: other targets, other operations, other damage than the seed."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from consolidate.model.json_io import amendment_to_dict
from consolidate.parse.order import parse_file
from tests.conftest import FIXTURES

ORDERS = sorted((FIXTURES / "orders").glob("*.txt"))


def fold(value):
    if isinstance(value, list):
        return [fold(v) for v in value]
    if isinstance(value, dict):
        return {k: fold(v) for k, v in value.items()}
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    return value


def test_there_are_fixture_orders():
    assert len(ORDERS) >= 4


@pytest.mark.parametrize("path", ORDERS, ids=lambda p: p.stem)
def test_fixture_order_parses_to_expected(path: Path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    parsed = amendment_to_dict(parse_file(path, lang="ru" if path.stem.endswith("-rus") else "kk"))
    order = parsed["order"]
    assert order["number"] == expected["order"]["number"]
    assert order["date"] == expected["order"]["date"]
    assert order["amends"]["number"] == expected["order"]["amends"]["number"]
    assert order["amends"]["date"] == expected["order"]["amends"]["date"]
    for key, value in expected["order"]["entry_into_force"].items():
        assert order["entry_into_force"][key] == value, key
    assert len(parsed["operations"]) == len(expected["operations"])
    for ours, theirs in zip(parsed["operations"], expected["operations"], strict=True):
        for key in ("seq", "op", "unit", "annex", "old_words", "new_words", "scope", "act"):
            assert fold(ours.get(key)) == fold(theirs.get(key)), (theirs["seq"], key)
        assert_target(ours["target"], theirs["target"], theirs["seq"])
        assert ours["source"]["line"] == theirs["source"]["line"]
        strip = [{k: v for k, v in u.items() if k not in ("eid", "notes")} for u in ours["content"]]
        want = [{k: v for k, v in u.items() if k not in ("eid", "notes")} for u in theirs.get("content", [])]
        assert fold(strip) == fold(want), theirs["seq"]


def assert_target(ours: dict, expected: dict, seq) -> None:
    """The keys the expectation names are equal; every other key is empty."""
    for key, value in ours.items():
        assert value == expected.get(key, [] if isinstance(value, list) else None), (seq, key)
