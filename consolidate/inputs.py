"""What a command-line argument is, told cheaply before anything is loaded.

`apply BASE ORDER...` with the arguments swapped, or a path mistyped, would otherwise end
in the loader's message about file formats ("a base must be Akoma Ntoso XML…"), which
does not say what went wrong. Here each argument is classified from its name, its folder
listing or the first bytes of the file, so the error can say "this is an amending order,
not a base" or "no such file or folder".
"""

from __future__ import annotations

import enum
from pathlib import Path

from consolidate.errors import InputError
from consolidate.sources import LANG_STEMS

ORDER_TEXTS = (".txt", ".docx", ".html", ".htm")
PEEK = 4096  # bytes: enough for the AKN root and the act's name, or a JSON object's first key


class Kind(enum.Enum):
    """What a path holds, as far as the command line needs to know."""

    MISSING = "missing"
    BASE = "base"  # a version of an act: AKN XML, the JSON of a version, or its folder
    ORDER = "order"  # an amending order: its text, its reading, or its folder
    UNKNOWN = "unknown"  # left to the loaders, which say exactly what is wrong


def _peek(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(PEEK)
    except OSError:
        return b""


def _file_kind(path: Path) -> Kind:
    suffix = path.suffix.lower()
    if suffix in ORDER_TEXTS:
        return Kind.ORDER
    head = _peek(path)
    if suffix == ".xml":
        if b'name="amendingOrder"' in head:
            return Kind.ORDER
        return Kind.BASE if b"<akomaNtoso" in head or b":akomaNtoso" in head else Kind.UNKNOWN
    if suffix == ".json":
        first_key = head.lstrip().lstrip(b"{").lstrip()
        if first_key.startswith((b'"source"', b'"order"')):
            return Kind.ORDER
        return Kind.BASE if first_key.startswith(b'"act"') else Kind.UNKNOWN
    return Kind.UNKNOWN


def kind_of(path: Path, lang: str = "kk") -> Kind:
    """The kind of a base or order argument."""
    if not path.exists():
        return Kind.MISSING
    if path.is_file():
        return _file_kind(path)
    stem = LANG_STEMS.get(lang, "kaz")
    stems = [stem, *(s for s in LANG_STEMS.values() if s != stem)]
    for name in stems:
        if (path / f"{name}.xml").is_file() or _file_kind(path / f"{name}.json") == Kind.BASE:
            return Kind.BASE
        if any((path / f"{name}{suffix}").is_file() for suffix in ORDER_TEXTS):
            return Kind.ORDER
    return Kind.UNKNOWN


def check_chain_arguments(base: Path, orders: list[Path], lang: str) -> None:
    """Refuse a missing path or swapped arguments with one clear line (exit code 2)."""
    for path, role in ((base, "BASE"), *((order, "ORDER") for order in orders)):
        if kind_of(path, lang) == Kind.MISSING:
            raise InputError(f"no such file or folder (given as {role})", where=str(path))
    if kind_of(base, lang) == Kind.ORDER:
        raise InputError(
            "this is an amending order, not a base act: give the base first, then the orders "
            "(consolidate apply BASE ORDER...)",
            where=str(base),
        )
    for order in orders:
        if kind_of(order, lang) == Kind.BASE:
            raise InputError(
                "this is a base act (a version), not an amending order: give one base, then the orders "
                "(consolidate apply BASE ORDER...)",
                where=str(order),
            )
