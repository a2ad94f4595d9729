"""The shape of the hand readings of whole amending laws (tests/corpus/amending/*/reading.json,
defined in tests/corpus/amending/READING.md). Only the shape: the readings are written by hand
and are the yardstick for the parser, so nothing here runs the parser or compares with it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

AMENDING = Path(__file__).parent / "corpus" / "amending"
READINGS = sorted(AMENDING.glob("*/reading.json"))

OPS = {"insert", "restate", "repeal", "replace_words", "insert_words", "delete_words", "lose_force", "no_change"}
UNITS = {
    "act", "title", "preamble", "stamp", "section", "chapter", "paragraph", "article", "point", "subpoint",
    "part", "indent", "sentence", "row", "heading", "annex", "text",
}
ACT_TYPES = {"law", "code", "decree", "resolution", "order", "constitutional_law"}
ACT_KEYS = {"type", "date", "number", "title"}
OP_REQUIRED = ["act", "line", "op", "unit", "target"]
OP_OPTIONAL = ["old_words", "new_words", "position", "scope", "language", "after", "quoted_first"]
SCALAR_TARGET_KEYS = {"annex", "section", "chapter", "row_text"}
LIST_TARGET_KEYS = {"paragraphs", "articles", "points", "subpoints", "parts", "indents", "sentences", "rows"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _text_lines(reading_path: Path, lang: str) -> list[str]:
    name = {"kk": "kaz.md", "ru": "rus.md"}[lang]
    return (reading_path.parent / name).read_text(encoding="utf-8").split("\n")


def _check_number(value: Any, where: str) -> None:
    """A unit number is a non-empty string, or a range {"from", "to"} of such strings."""
    if isinstance(value, dict):
        assert set(value) == {"from", "to"}, f"{where}: a range has only from/to: {value}"
        for end in value.values():
            assert isinstance(end, str) and end.strip(), f"{where}: bad range end {value}"
    else:
        assert isinstance(value, str) and value.strip() == value and value, f"{where}: bad number {value!r}"


def _check_target(target: Any, where: str) -> None:
    assert isinstance(target, dict), f"{where}: target is not an object"
    for key, value in target.items():
        if key in SCALAR_TARGET_KEYS:
            assert isinstance(value, str) and value, f"{where}: {key} must be a non-empty string"
        elif key in LIST_TARGET_KEYS:
            assert isinstance(value, list) and value, f"{where}: {key} must be a non-empty list"
            for number in value:
                _check_number(number, f"{where}: {key}")
        else:
            raise AssertionError(f"{where}: unknown target key {key!r}")


@pytest.mark.parametrize("path", READINGS, ids=lambda p: p.parent.name)
def test_a_reading_has_the_shape_of_reading_md(path: Path) -> None:
    reading = json.loads(path.read_text(encoding="utf-8"))
    assert list(reading) == ["lang", "acts", "operations"]
    lang = reading["lang"]
    assert lang == {"kaz": "kk", "rus": "ru"}[path.parent.name.rsplit("-", 1)[1]]
    lines = _text_lines(path, lang)

    acts = reading["acts"]
    assert isinstance(acts, dict) and acts, "a reading names at least one act"
    for key, act in acts.items():
        assert set(act) == ACT_KEYS, f"act {key}: keys {sorted(act)}"
        assert act["type"] in ACT_TYPES, f"act {key}: type {act['type']}"
        assert ISO_DATE.fullmatch(act["date"]), f"act {key}: date {act['date']}"
        assert isinstance(act["number"], str)
        assert act["title"] and act["title"] in "\n".join(lines), f"act {key}: title not in the text"

    operations = reading["operations"]
    assert operations, "a reading has at least one operation"
    previous_line = 0
    for index, op in enumerate(operations):
        where = f"{path.parent.name} op {index}"
        keys = list(op)
        assert keys[:5] == OP_REQUIRED, f"{where}: required keys {keys[:5]}"
        assert all(k in OP_OPTIONAL for k in keys[5:]), f"{where}: unknown keys {keys[5:]}"
        assert keys[5:] == [k for k in OP_OPTIONAL if k in op], f"{where}: keys out of order"
        assert op["act"] in acts, f"{where}: act {op['act']} not in acts"
        assert op["op"] in OPS, f"{where}: op {op['op']}"
        assert op["unit"] in UNITS, f"{where}: unit {op['unit']}"
        _check_target(op["target"], where)

        line_no = op["line"]
        assert isinstance(line_no, int) and 1 <= line_no <= len(lines), f"{where}: line {line_no}"
        assert line_no >= previous_line, f"{where}: operations out of text order"
        previous_line = line_no
        line = lines[line_no - 1]
        assert line.strip(), f"{where}: line {line_no} is empty"
        if line.startswith(("\"", "«", "“")):
            # Quoted new wording is never an instruction line; an instruction may open with old words.
            opening = [o.get("old_words", "\0") for o in operations if o["line"] == line_no]
            assert any(line[1:].startswith(w) for w in opening), f"{where}: line {line_no} is quoted wording"
        # The instruction and what follows it (quoted words may run over a few lines).
        following = "\n".join(lines[line_no - 1:line_no + 4])
        if "old_words" in op:
            assert op["old_words"] and op["old_words"] in following, f"{where}: old_words not at line {line_no}"
        if "new_words" in op:
            new = op["new_words"]
            # Printed, or the old words with only the case of their first letter changed
            # ("изложить с прописной буквы", "бас әріппен жазылсын").
            recased = "old_words" in op and new[1:] == op["old_words"][1:] and new[:1] != op["old_words"][:1] \
                and new[:1].lower() == op["old_words"][:1].lower()
            assert new and (new in following or recased), f"{where}: new_words not at line {line_no}"
        if "position" in op:
            assert op["position"] == "before" and op["op"] == "insert_words", f"{where}: position"
        if op["op"] in {"insert", "restate"}:
            assert "quoted_first" in op, f"{where}: an {op['op']} records quoted_first"
        if "quoted_first" in op:
            assert op["op"] in {"insert", "restate"}, f"{where}: quoted_first only for insert/restate"
            first = op["quoted_first"]
            assert 0 < len(first) <= 30 and first in "\n".join(lines[line_no:]), f"{where}: quoted_first"
        if "scope" in op:
            assert op["scope"] == "whole_text"
        if "language" in op:
            assert op["language"] in {"kk", "ru"}


def test_there_are_readings_in_both_languages() -> None:
    langs = [json.loads(p.read_text(encoding="utf-8"))["lang"] for p in READINGS]
    assert langs.count("kk") >= 3 and langs.count("ru") >= 3
