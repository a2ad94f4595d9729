"""The README of an imported base folder: where the text came from and how it was checked."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from consolidate.model.tree import Document


def base_readme(source: Path, document: Document, ratio: float, doubts: Sequence[str] = ()) -> str:
    """Names the source file (and its SHA-256), the act's identity as far as known, the
    round-trip figure and the doubts met (a page cut short), so a reader of the base knows
    what it rests on."""
    identity = document.identity
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    known = [
        ("type", identity.doctype),
        ("issuer", identity.issuer),
        ("number", identity.number),
        ("date", identity.date),
        ("State Register number", identity.register_number),
        ("language", identity.lang),
    ]
    lines = [
        f"# {document.title}",
        "",
        f"Imported by `consolidate import` from `{source.name}` (SHA-256 `{digest}`).",
        "",
        "| field | value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value or 'unknown (not in the source)'} |" for name, value in known]
    lines += [
        "",
        f"Units: {sum(1 for _ in document.units())}; annexes: {len(document.annexes)}. "
        f"Exported back as text, the import gives {ratio:.2%} of the source's characters.",
        "",
    ]
    if doubts:
        lines += ["Doubts met on import (the base may not be the whole act):", ""]
        lines += [f"- {doubt}" for doubt in doubts] + [""]
    return "\n".join(lines)
