"""The one loader of data/columns.toml: the columns of a table that does not say its own.

A table on the provision tree carries its columns (`model.tree.Column`: key, header, the
number column, the list columns) as data. The table model's files (AKN and JSON of a
version) and the rows an amending order quotes do not: for them the columns of a table of
qualification requirements are read here, once, and checked: keys unique and non-empty,
exactly one number column, flags true or false, nothing else in an entry.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from consolidate.errors import ConsolidateError
from consolidate.model.tree import Column

_FIELDS = {"key": str, "number": bool, "items": bool}


@cache
def default_columns() -> tuple[Column, ...]:
    """The columns of data/columns.toml, in printed order (headers empty: the annex's own)."""
    data = tomllib.loads(resources.files("consolidate.data").joinpath("columns.toml").read_text("utf-8"))
    return parse_columns(data, "consolidate/data/columns.toml")


def parse_columns(data: dict[str, object], where: str) -> tuple[Column, ...]:
    """Columns from the data of a columns file, checked; a wrong entry is a `ConsolidateError`."""
    entries = data.get("columns")
    if not isinstance(entries, list) or not entries:
        raise ConsolidateError("no [[columns]] entries", where=where)
    columns = []
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or set(entry) - set(_FIELDS):
            raise ConsolidateError(f"column {index}: only {', '.join(_FIELDS)} are allowed", where=where)
        for name, kind in _FIELDS.items():
            if name in entry and not isinstance(entry[name], kind):
                raise ConsolidateError(f"column {index}: {name} must be a {kind.__name__}", where=where)
        key = entry.get("key", "")
        if not key:
            raise ConsolidateError(f"column {index}: no key", where=where)
        columns.append(Column(key, number=entry.get("number", False), items=entry.get("items", False)))
    keys = [c.key for c in columns]
    if len(set(keys)) != len(keys):
        raise ConsolidateError(f"a key is repeated: {keys}", where=where)
    if sum(c.number for c in columns) != 1:
        raise ConsolidateError("exactly one column prints the row's number (number = true)", where=where)
    return tuple(columns)
