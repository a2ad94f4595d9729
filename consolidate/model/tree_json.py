"""The JSON of a provision tree, derived from the model's dataclasses.

Writing walks the dataclass fields (`dataclasses.fields`), so a field added to the model
is written without touching this module; reading checks each field's type against the
field's annotation and names the path inside the file of anything wrong. Enums are
written as their values. This is version 2 of a version's JSON (docs/json.md); version 1
(the table model of Order 550) is still read by `model.json_io`.
"""

from __future__ import annotations

import dataclasses
import typing
from enum import Enum
from typing import Any

from consolidate.errors import InputError
from consolidate.model.tree import Annex, Applied, Cell, Change, Column, Document, Identity, Kind, Node, Note, RowCell

VERSION = 2
_TYPES = {cls.__name__: cls for cls in (Annex, Applied, Cell, Change, Column, Document, Identity, Node, Note, RowCell)}


def to_data(value: Any) -> Any:
    """A model object as plain JSON data (dicts in field order, lists, strings, ...)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    return value


def document_to_dict(document: Document) -> dict[str, Any]:
    return {"version": VERSION, "document": to_data(document)}


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, globalns={**vars(typing), **_TYPES, "Kind": Kind})


def from_data(cls: type, data: Any, path: str, where: str) -> Any:
    """Build `cls` from JSON data, checking every field; errors name the path."""
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected an object", where=where)
    unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
    if unknown:
        raise InputError(f"{path}: unknown fields {sorted(unknown)}", where=where)
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _value(hints[f.name], data[f.name], f"{path}.{f.name}", where)
    return cls(**values)


def _value(hint: Any, data: Any, path: str, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(data, list):
            raise InputError(f"{path}: expected a list", where=where)
        return [_value(item, x, f"{path}[{i}]", where) for i, x in enumerate(data)]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_data(hint, data, path, where)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(data)
        except ValueError:
            raise InputError(f"{path}: unknown value {data!r}", where=where) from None
    if hint is bool:
        if not isinstance(data, bool):
            raise InputError(f"{path}: expected true or false", where=where)
        return data
    if hint is int:
        if not isinstance(data, int) or isinstance(data, bool) or not 0 <= data < 10**6:
            raise InputError(f"{path}: expected a small whole number", where=where)
        return data
    if hint is str:
        if not isinstance(data, str):
            raise InputError(f"{path}: expected a string", where=where)
        return data
    raise InputError(f"{path}: cannot read a value of type {hint}", where=where)


def document_from_dict(data: Any, where: str) -> Document:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise InputError(f"not a version {VERSION} document (no \"version\": {VERSION})", where=where)
    return from_data(Document, data.get("document"), "document", where)


def node_to_dict(node: Node) -> dict[str, Any]:
    return to_data(node)


def node_from_dict(data: Any, path: str, where: str) -> Node:
    return from_data(Node, data, path, where)
