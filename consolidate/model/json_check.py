"""Reading JSON from outside the tool, and checking it against the shapes of docs/json.md.

`json.loads` alone accepts what the model must not see: a string where a list is expected
(split into characters later), `null` where text is expected (printed as "None"),
`"no"` where a boolean is expected (true, since the string is not empty), `1e400`
(infinity), a number of 5,000 digits (a ValueError deep in the program), a lone
surrogate (an encoding error when writing), nesting a thousand levels deep. Every input
JSON is therefore loaded by `load_json` and checked by `check` before any model object is
built; an error names the file and the path inside it (`annexes[0].units[3].num`).

The shapes are written as data (`Spec` values) next to the checker, one per document.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from consolidate.errors import InputError
from consolidate.limits import MAX_DAYS, MAX_NESTING, limit_error
from consolidate.model.amendment import LIST_KEYS, OPS
from consolidate.model.numbering import is_printed_num


@dataclass(frozen=True)
class Spec:
    """The shape of one JSON value.

    kind: "str", "num" (a unit number string), "date" (YYYY-MM-DD), "bool", "int",
    "list" (of `item`), "map" (string keys to `item`), "object" (`fields`), "any-text"
    (a string or a list of strings, for cells). `choices` closes a string's values;
    `nullable` allows null; `required` names the fields an object must have."""

    kind: str
    item: Spec | None = None
    fields: dict[str, Spec] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    nullable: bool = False
    maximum: int = 10**9 - 1  # of an "int"


def _s(**kw: Any) -> Spec:
    return Spec("str", **kw)


TEXT = _s()
TEXT_OR_NULL = _s(nullable=True)
NUM = Spec("num")
NUM_OR_NULL = Spec("num", nullable=True)
DATE = Spec("date")
DATE_OR_NULL = Spec("date", nullable=True)
TEXTS = Spec("list", item=TEXT)
NUMS = Spec("list", item=NUM)

CHANGE = Spec("object", fields={"action": TEXT, "order": TEXT, "date": DATE}, required=("action", "order", "date"))
CELLS = Spec("map", item=Spec("any-text"))
SPANS = Spec("map", item=Spec("int"))
UNIT = Spec(
    "object",
    fields={
        "type": _s(choices=("chapter", "paragraph", "row")),
        "num": NUM,
        "eid": TEXT,
        "heading": TEXT,
        "chapter": NUM_OR_NULL,
        "paragraph": NUM_OR_NULL,
        "cells": CELLS,
        "spans": SPANS,
        "repealed": Spec("bool"),
        "notes": TEXTS,
        "changes": Spec("list", item=CHANGE),
    },
    required=("type", "num"),
)
UNITS = Spec("list", item=UNIT)
APPLIED = Spec(
    "object",
    fields={
        "number": TEXT,
        "date": DATE,
        "title": TEXT,
        "in_force": DATE_OR_NULL,
        "first_publication": DATE_OR_NULL,
        "issuer": TEXT,
        "eif": TEXT,
        "act_word": TEXT,
        "lang": TEXT,
    },
    required=("number", "date"),
)
VERSION = Spec(
    "object",
    fields={
        "act": Spec(
            "object",
            fields={
                "number": TEXT,
                "date": DATE_OR_NULL,
                "lang": _s(choices=("kk", "ru")),
                "doctype": TEXT,
                "title": TEXT,
                "issuer": TEXT,
                "reconstructed": Spec("bool"),
                "applied": Spec("list", item=APPLIED),
                "notes": TEXTS,
                "preamble": TEXTS,
                "preamble_notes": TEXTS,
                "points": Spec(
                    "list", item=Spec("object", fields={"num": NUM, "text": TEXTS}, required=("num", "text"))
                ),
                "signature": TEXTS,
            },
            required=("number", "date", "lang"),
        ),
        "annexes": Spec(
            "list",
            item=Spec(
                "object",
                fields={
                    "num": NUM,
                    "stamp": TEXTS,
                    "title": TEXT,
                    "eid": TEXT,
                    "header": Spec("map", item=TEXT),
                    "notes": TEXTS,
                    "units": UNITS,
                },
                required=("num", "title", "units"),
            ),
        ),
    },
    required=("act", "annexes"),
)

RULE_FIELDS = {
    "kind": _s(choices=("working", "calendar", "on", "next_day", "date", "unstated")),
    "days": Spec("int", nullable=True, maximum=MAX_DAYS),
    "after": TEXT_OR_NULL,
    "date": DATE_OR_NULL,
    "text": TEXT,
}
TARGET = Spec(
    "object",
    fields={
        "annex": NUM_OR_NULL,
        "section": NUM_OR_NULL,
        "chapter": NUM_OR_NULL,
        **{key: NUMS for key in LIST_KEYS},
        "text_only": Spec("bool"),
    },
)
OPERATION = Spec(
    "object",
    fields={
        "seq": Spec("int"),
        "op": _s(choices=OPS),
        "unit": TEXT,
        "annex": TEXT_OR_NULL,
        "target": TARGET,
        "old_words": TEXT_OR_NULL,
        "new_words": TEXT_OR_NULL,
        "scope": TEXT_OR_NULL,
        "position": _s(choices=("before",), nullable=True),
        "act": Spec("object", fields={"number": TEXT, "date": DATE}, required=("number", "date"), nullable=True),
        "amends": Spec(
            "object", fields={"kind": TEXT, "number": TEXT, "date": DATE, "title": TEXT}, required=("number", "date")
        ),
        "content": UNITS,
        "source": Spec(
            "object",
            fields={"file": TEXT, "line": Spec("int"), "text": TEXT, "point": TEXT_OR_NULL, "subpoint": TEXT_OR_NULL},
            required=("line",),
        ),
    },
    required=("seq", "op", "unit", "annex", "target", "source"),
)
READING = Spec(
    "object",
    fields={
        "source": Spec("object", fields={"file": TEXT, "sha256": TEXT}),
        "order": Spec(
            "object",
            fields={
                "number": TEXT,
                "date": DATE_OR_NULL,
                "lang": _s(choices=("kk", "ru")),
                "title": TEXT,
                "issuer": TEXT,
                "amends": Spec(
                    "object", fields={"number": TEXT, "date": DATE, "title": TEXT}, required=("number", "date")
                ),
                "entry_into_force": Spec(
                    "object",
                    fields={
                        **RULE_FIELDS,
                        "exceptions": Spec(
                            "list",
                            item=Spec(
                                "object", fields={**RULE_FIELDS, "points": NUMS, "subpoints": NUMS}, required=("kind",)
                            ),
                        ),
                    },
                    required=("kind",),
                ),
                "first_publication": DATE_OR_NULL,
                "act_word": TEXT,
            },
            required=("number", "date", "lang", "amends", "entry_into_force"),
        ),
        "operations": Spec("list", item=OPERATION),
        "cleanups": Spec(
            "list",
            item=Spec(
                "object",
                fields={"raw": TEXT, "clean": TEXT, "kind": TEXT, "line": Spec("int")},
                required=("raw", "clean", "kind", "line"),
            ),
        ),
    },
    required=("order", "operations"),
)

def _bad(path: str, message: str, where: str) -> InputError:
    return InputError(f"{path or 'the document'}: {message}", where=where)


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _text_ok(value: str, path: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(path, "a string holding a lone surrogate (not Unicode text)", where) from None


def check(value: Any, spec: Spec, where: str, path: str = "") -> None:
    """Raise `InputError` naming `where` and the path of the first value not of its shape."""
    if value is None:
        if spec.nullable:
            return
        raise _bad(path, "null where a value is required", where)
    kind = spec.kind
    if kind in ("str", "num", "date"):
        if not isinstance(value, str):
            raise _bad(path, f"{_type_name(value)} where a string is expected", where)
        _text_ok(value, path, where)
        if kind == "num" and not is_printed_num(value):
            raise _bad(path, f"{value[:40]!r} is not a unit number (7, 7-1)", where)
        if kind == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise _bad(path, f"{value[:40]!r} is not a date (YYYY-MM-DD)", where) from None
        if spec.choices and value not in spec.choices:
            raise _bad(path, f"{value[:40]!r} is not one of {', '.join(spec.choices)}", where)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise _bad(path, f"{_type_name(value)} where a boolean (true or false) is expected", where)
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(path, f"{_type_name(value)} where a whole number is expected", where)
        if not 0 <= value <= spec.maximum:
            raise _bad(path, f"{value} is out of range (0 to {spec.maximum:,})", where)
    elif kind == "any-text":
        if isinstance(value, list):
            for index, item in enumerate(value):
                check(item, TEXT, where, f"{path}[{index}]")
        else:
            check(value, TEXT, where, path)
    elif kind == "list":
        if not isinstance(value, list):
            raise _bad(path, f"{_type_name(value)} where a list is expected", where)
        assert spec.item is not None
        for index, item in enumerate(value):
            check(item, spec.item, where, f"{path}[{index}]")
    elif kind == "map":
        if not isinstance(value, dict):
            raise _bad(path, f"{_type_name(value)} where an object is expected", where)
        assert spec.item is not None
        for key, item in value.items():
            _text_ok(key, path, where)
            check(item, spec.item, where, f"{path}.{key}")
    elif kind == "object":
        if not isinstance(value, dict):
            raise _bad(path, f"{_type_name(value)} where an object is expected", where)
        for name in spec.required:
            if name not in value:
                raise _bad(path, f"the field {name!r} is missing", where)
        for name, item in value.items():
            sub = spec.fields.get(name)
            if sub is not None:
                check(item, sub, where, f"{path}.{name}" if path else name)
            else:
                _text_ok(name, path, where)
    else:  # pragma: no cover - the specs above are the only ones
        raise AssertionError(kind)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _float(text: str) -> float:
    if len(text) > 40:
        raise ValueError(f"the number {text[:20]}… is too long")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text} is out of range")
    return value


def _int(text: str) -> int:
    if len(text) > 18:
        raise ValueError(f"the number {text[:20]}… is too long")
    return int(text)


def _depth(value: Any) -> int:
    """The nesting depth of a loaded value, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_NESTING:
                return depth
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def load_json(data: bytes, where: str) -> Any:
    """Parse JSON bytes from outside: UTF-8, finite numbers of sane size, nesting at
    most `MAX_NESTING`; anything else is an `InputError` naming `where`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid JSON (not UTF-8 at byte {exc.start})", where=where) from exc
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_float, parse_int=_int)
    except RecursionError:
        raise limit_error("MAX_NESTING", "the JSON is nested too deeply", "levels", where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})", where=where) from exc
    except ValueError as exc:
        raise InputError(f"not valid JSON ({exc})", where=where) from exc
    if _depth(value) > MAX_NESTING:
        raise limit_error("MAX_NESTING", "the JSON is nested too deeply", "levels", where)
    return value
