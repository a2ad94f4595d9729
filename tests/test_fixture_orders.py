"""Further amending orders of our own (tests/fixtures/orders/*.txt) read as a person reads them.

Each order has a reading written by hand from its text (`*.reading.json`, shape in
tests/fixtures/orders/README.md). The parser's `Amendment` is turned into that shape by
`compact` below, written from the README, and compared field by field: the order, the act it
amends, the entry-into-force rule, and each operation (line, op, unit, target, words, scope,
act lost force, the numbers of the quoted rows and headings, the first words of a quoted
heading, the first three cells of each quoted row).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from consolidate.model.amendment import Amendment, EntryIntoForce, Operation
from consolidate.model.json_io import amendment_to_dict
from consolidate.parse.order import parse_file
from tests.conftest import FIXTURES

ORDERS_DIR = FIXTURES / "orders"
ORDERS = sorted(ORDERS_DIR.glob("*.txt"))
TARGET_SINGLES = ("annex", "section", "chapter")
TARGET_LISTS = ("paragraphs", "articles", "points", "subpoints", "parts", "indents", "sentences", "rows")
FIRST_CELLS = ("title", "category", "education")
QUOTED_KEYS = {"chapter": "chapters", "paragraph": "paragraphs", "row": "rows"}

# Where the parser and the hand reading disagree and the reading was checked again against the
# text: (order stem, index of the operation in the reading) -> why. Strict: fixed means remove.
DISAGREEMENTS: dict[tuple[str, int], str] = {}


def fold(value: Any) -> Any:
    """NFC and single spaces in every string: the reading is typed, the text may wrap."""
    if isinstance(value, list):
        return [fold(v) for v in value]
    if isinstance(value, dict):
        return {k: fold(v) for k, v in value.items()}
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    return value


def reading_of(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.stem + ".reading.json").read_text(encoding="utf-8"))


@cache
def parsed(path: Path) -> Amendment:
    return parse_file(path, lang="ru" if path.stem.endswith("-rus") else "kk")


# --- the parser's Amendment in the shape of the hand reading ------------------------------------


def compact_in_force(rule: EntryIntoForce) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": rule.kind}
    if rule.kind in ("calendar", "working"):
        out["days"] = rule.days
    if rule.kind == "date":
        out["date"] = rule.date
    else:
        out["after"] = rule.after
    return out


def compact_operation(op: Operation, annex_names: dict[str, str]) -> dict[str, Any]:
    """One operation as the README's shape: only the keys that hold something."""
    target: dict[str, Any] = {}
    annex = op.target.annex or op.annex
    if annex is not None:
        target["annex"] = annex_names.get(fold(annex), annex)  # an unknown title stays itself
    for key in TARGET_SINGLES[1:]:
        if getattr(op.target, key):
            target[key] = getattr(op.target, key)
    for key in TARGET_LISTS:
        if getattr(op.target, key):
            target[key] = list(getattr(op.target, key))
    out: dict[str, Any] = {"line": op.source.line, "op": op.op, "unit": op.unit, "target": target}
    for key in ("old_words", "new_words", "scope"):
        if getattr(op, key) is not None:
            out[key] = getattr(op, key)
    if op.act is not None:
        out["act"] = {"number": op.act.number, "date": op.act.date}
    if op.op in ("insert", "restate"):
        quoted: dict[str, Any] = {}
        for unit in op.content:
            quoted.setdefault(QUOTED_KEYS[unit.type], []).append(unit.num)
        headings = [unit.heading for unit in op.content if unit.type != "row"]
        if headings:
            quoted["starts"] = headings[0]  # the whole heading: the reading gives its first words
        rows = {unit.num: [unit.cell(column) for column in FIRST_CELLS] for unit in op.content if unit.type == "row"}
        if rows:
            quoted["cells"] = rows
        if op.provisions:
            quoted["provisions"] = [node.label for node in op.provisions]  # none in these orders
        out["quoted"] = quoted
    return out


def compact(amendment: Amendment, annexes: dict[str, str]) -> dict[str, Any]:
    """The Amendment in the reading's shape; annex titles named by the reading's short names."""
    order = amendment.order
    names = {fold(title): name for name, title in annexes.items()}
    return {
        "order": {"number": order.number, "date": order.date},
        "amends": {"number": order.amends.number, "date": order.amends.date},
        "in_force": compact_in_force(order.entry_into_force),
        "operations": [compact_operation(op, names) for op in amendment.operations],
    }


# --- the hand reading in the form the comparison needs ------------------------------------------


def expand(numbers: list[Any]) -> list[str]:
    """A range of whole numbers as the list of its numbers (the Amendment keeps lists)."""
    out: list[str] = []
    for item in numbers:
        if isinstance(item, dict):
            out.extend(str(n) for n in range(int(item["from"]), int(item["to"]) + 1))
        else:
            out.append(item)
    return out


def expected_operation(reading: dict[str, Any]) -> dict[str, Any]:
    out = {key: value for key, value in reading.items() if key != "after"}  # no place for it
    out["target"] = {key: expand(value) if key in TARGET_LISTS else value for key, value in reading["target"].items()}
    return out


def compare_operation(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    ours, theirs = fold(ours), fold(expected_operation(theirs))
    starts = theirs.get("quoted", {}).get("starts")
    if starts is not None:
        heading = ours.get("quoted", {}).get("starts", "")
        assert heading.startswith(starts), (heading, starts)
        ours["quoted"]["starts"] = starts
    assert ours == theirs


# --- the tests ------------------------------------------------------------------------------------


def test_there_are_fixture_orders_each_with_a_reading():
    assert len(ORDERS) >= 9
    for path in ORDERS:
        assert path.with_name(path.stem + ".reading.json").is_file(), path.name


@pytest.mark.parametrize("path", ORDERS, ids=lambda p: p.stem)
def test_fixture_order_heading_and_entry_into_force(path: Path):
    reading = reading_of(path)
    ours = compact(parsed(path), reading["annexes"])
    assert ours["order"] == reading["order"]
    assert ours["amends"] == reading["amends"]
    assert ours["in_force"] == reading["in_force"]


@pytest.mark.parametrize("path", ORDERS, ids=lambda p: p.stem)
def test_fixture_order_has_the_operations_of_its_reading(path: Path):
    reading = reading_of(path)
    ours = compact(parsed(path), reading["annexes"])
    assert [(op["line"], op["op"]) for op in ours["operations"]] == [
        (op["line"], op["op"]) for op in reading["operations"]
    ]


def operation_cases() -> list[Any]:
    cases = []
    for path in ORDERS:
        for index, _ in enumerate(reading_of(path)["operations"]):
            why = DISAGREEMENTS.get((path.stem, index))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            cases.append(pytest.param(path, index, id=f"{path.stem}-op{index + 1}", marks=marks))
    return cases


@pytest.mark.parametrize(("path", "index"), operation_cases())
def test_fixture_order_operation_reads_as_by_hand(path: Path, index: int):
    reading = reading_of(path)
    ours = compact(parsed(path), reading["annexes"])["operations"]
    theirs = reading["operations"][index]
    found = [op for op in ours if op["line"] == theirs["line"]]
    assert len(found) == 1, f"{len(found)} operations read from line {theirs['line']}"
    compare_operation(found[0], theirs)


@pytest.mark.parametrize("path", ORDERS, ids=lambda p: p.stem)
def test_fixture_order_quoted_cells_as_recorded(path: Path):
    """REGRESSION ONLY, not evidence: the cells of the quoted tables against the older
    `*.expected.json`, which were very likely recorded from the parser's own output. Kept
    because no hand reading checks the cells yet (merged cells, slid parentheses, Latin C's,
    split specialties); replace with a hand reading of the cells, then delete the files."""
    recorded = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    ours = amendment_to_dict(parsed(path))["operations"]
    want = {op["source"]["line"]: op.get("content", []) for op in recorded["operations"]}
    got = {op["source"]["line"]: op["content"] for op in ours}
    assert set(got) == set(want)

    def strip(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in unit.items() if k not in ("eid", "notes")} for unit in units]

    for line, units in want.items():
        assert fold(strip(got[line])) == fold(strip(units)), line


def test_the_comparison_can_fail():
    """The comparison is not blind: a wrong chapter, a missing row, a wrong heading fail it."""
    reading = {"line": 1, "op": "restate", "unit": "heading", "target": {"annex": "a", "chapter": "3"},
               "quoted": {"chapters": ["3"], "starts": "По должностям"}}  # fmt: skip
    good = {"line": 1, "op": "restate", "unit": "heading", "target": {"annex": "a", "chapter": "3"},
            "quoted": {"chapters": ["3"], "starts": "По должностям подразделений"}}  # fmt: skip
    compare_operation(json.loads(json.dumps(good)), reading)
    for key, value in (("target", {"annex": "a", "chapter": "4"}), ("quoted", {"chapters": ["3"], "starts": "Глава"})):
        with pytest.raises(AssertionError):
            compare_operation({**json.loads(json.dumps(good)), key: value}, reading)
    ranged = {"line": 2, "op": "repeal", "unit": "row", "target": {"rows": [{"from": "12", "to": "13"}]}}
    compare_operation({"line": 2, "op": "repeal", "unit": "row", "target": {"rows": ["12", "13"]}}, ranged)
    with pytest.raises(AssertionError):
        compare_operation({"line": 2, "op": "repeal", "unit": "row", "target": {"rows": ["12"]}}, ranged)
