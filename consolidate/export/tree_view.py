"""A provision tree laid out for reading: the one sequence of printed blocks that the text,
HTML and DOCX exports all print, so the three give the same text in the same order.

Labels are printed as the source printed them ("5.", "3)", "1-тарау."), the first part of
a point on its label's line, a container's heading after its label, notes where the
source had them (or, for new notes, where the reference bank puts them), tables as rows
of cells with their spans.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from consolidate.model.tree import CONTAINERS, Annex, Cell, Document, Kind, Node, Note


class Style(StrEnum):
    """What a printed block is, for the exports' styles."""

    FRONT = "front"
    TITLE = "title"
    PREAMBLE = "preamble"
    HEADING = "heading"  # a container's label and heading
    PROVISION = "provision"  # a point's or subpoint's label with its first paragraph
    PART = "part"
    NOTE = "note"
    TABLE = "table"
    SIGNATURE = "signature"
    STAMP = "stamp"
    ANNEX_TITLE = "annex-title"
    REPEALED = "repealed"


@dataclass(frozen=True)
class Line:
    """One printed block: its style, the unit it belongs to, its text, its depth in the tree."""

    style: Style
    text: str = ""
    eid: str = ""
    depth: int = 0
    rows: tuple[tuple[Cell, ...], ...] = field(default=())


def _notes_at(notes: list[Note], pos: int, eid: str, depth: int) -> Iterator[Line]:
    for note in notes:
        if note.pos == pos:
            yield Line(Style.NOTE, note.text, eid, depth)


def _children(owner_notes: list[Note], children: list[Node], start: int, eid: str, depth: int) -> Iterator[Line]:
    for index in range(start, len(children)):
        yield from _notes_at(owner_notes, index, eid, depth)
        yield from _unit(children[index], depth)
    yield from _notes_at(owner_notes, len(children), eid, depth)


def _unit(node: Node, depth: int) -> Iterator[Line]:
    if node.kind is Kind.PART:
        yield Line(Style.PART, node.text, node.eid, depth)
        return
    if node.kind is Kind.TABLE:
        yield Line(Style.TABLE, "", node.eid, depth, tuple(tuple(row) for row in node.rows))
        return
    start = 0
    if node.kind in CONTAINERS:
        yield Line(Style.HEADING, " ".join(p for p in (node.label, node.text, node.mark) if p), node.eid, depth)
    elif node.repealed:
        yield Line(Style.REPEALED, " ".join(p for p in (node.label, node.mark) if p), node.eid, depth)
    elif node.children and node.children[0].kind is Kind.PART:
        yield Line(Style.PROVISION, f"{node.label} {node.children[0].text}", node.eid, depth)
        start = 1
    else:
        yield Line(Style.PROVISION, node.label, node.eid, depth)
    for note in node.notes:
        if note.pos < start:
            yield Line(Style.NOTE, note.text, node.eid, depth)
    yield from _children(node.notes, node.children, start, node.eid, depth + 1)


def _annex(annex: Annex) -> Iterator[Line]:
    for line in annex.stamp:
        yield Line(Style.STAMP, line, annex.eid)
    if annex.title:
        yield Line(Style.ANNEX_TITLE, annex.title, annex.eid)
    yield from _children(annex.notes, annex.body, 0, annex.eid, 0)


def document_lines(document: Document) -> list[Line]:
    """The act as printed blocks, in order."""
    lines = [Line(Style.FRONT, text) for text in document.front]
    lines.append(Line(Style.TITLE, document.title, "title"))
    lines.extend(_notes_at(document.title_notes, 0, "title", 0))
    for index, paragraph in enumerate(document.preamble):
        lines.extend(_notes_at(document.preamble_notes, index, "preamble", 0))
        lines.append(Line(Style.PREAMBLE, paragraph, "preamble"))
    lines.extend(_notes_at(document.preamble_notes, len(document.preamble), "preamble", 0))
    lines.extend(_children([], document.body, 0, "", 0))
    lines.extend(Line(Style.SIGNATURE, text, "signature") for text in document.signature)
    for annex in document.annexes:
        lines.extend(_annex(annex))
    return lines


def table_lines(rows: Sequence[Sequence[Cell]]) -> list[str]:
    """A table as plain text: a line per row, its cells separated by a tab."""
    return ["\t".join(" ".join(cell.text.split()) for cell in row) for row in rows]


def text_of(line: Line) -> list[str]:
    """A printed block as lines of plain text (a table: a line per row, cells tab-separated)."""
    if line.style is Style.TABLE:
        return table_lines(line.rows)
    return line.text.split("\n")
