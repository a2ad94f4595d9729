"""One version as plain UTF-8 text, for archives and for reading without any software.

A table does not survive as text, so every numbered row becomes a block: its number on a
line, then one line per cell labelled with the column's printed header, specialties one
per line. A cell covered by a vertical merge is not repeated: it says which row's cell it
is merged with, so the text keeps the table's structure and stays short. Notes follow
their unit directly ("Ескерту. ..."). Lines are never wrapped; the same act gives the same
bytes.
"""

from __future__ import annotations

from consolidate.export.layout import (
    Cell,
    UnitView,
    act_line,
    applied_views,
    point_paragraphs,
    unit_views,
    version_line,
)
from consolidate.labels import Labels, labels_for
from consolidate.model.act import Act, Annex

INDENT = "  "


def _cell_lines(cell: Cell, header: str, labels: Labels) -> list[str]:
    """One cell: "Header: value", continuation and list lines indented under it."""
    if cell.covered_by:
        return [f"{INDENT}{header}: {labels.word('merged', num=cell.covered_by)}"]
    if not cell.lines:
        return [f"{INDENT}{header}:"]
    if cell.is_list:
        return [f"{INDENT}{header}:"] + [f"{INDENT * 2}- {item}" for item in cell.lines]
    first, *rest = cell.lines
    return [f"{INDENT}{header}: {first}"] + [f"{INDENT * 2}{line}" for line in rest]


def _unit_block(view: UnitView, headers: list[str], labels: Labels) -> list[str]:
    """A heading line, or a row block; the unit's notes right after it."""
    if view.kind != "row":
        return [view.label, *view.notes]
    if view.repealed:
        lines = [f"{view.label} {labels.word('repealed')}"]
    else:
        lines = [view.label]
        for cell, header in zip(view.cells, headers[1:], strict=True):
            lines.extend(_cell_lines(cell, header, labels))
    lines.extend(f"{INDENT}{note}" for note in view.notes)
    return lines


def _annex_blocks(annex: Annex, labels: Labels) -> list[list[str]]:
    headers = [" ".join(text.split()) for text in labels.header(annex.header)]
    head = [*(annex.stamp or [labels.word("annex", num=annex.num)]), annex.title]
    head.extend(labels.note(n) for n in annex.notes)
    return [head] + [_unit_block(view, headers, labels) for view in unit_views(annex, labels)]


def _front_blocks(act: Act, labels: Labels) -> list[list[str]]:
    """Notice, identity and title, act notes, applied orders, the preamble, the act's points
    and its signature block (each a block of its own, as the reference bank prints them)."""
    blocks: list[list[str]] = []
    if act.reconstructed:
        blocks.append([labels.word("reconstructed")])
    blocks.append([line for line in (act.issuer, act_line(act, labels), act.title, version_line(act, labels)) if line])
    if act.notes:
        blocks.append([labels.note(n) for n in act.notes])
    applied = applied_views(act, labels)
    if applied:
        blocks.append([f"{labels.word('applied_heading')}:"] + [f"- {view.text}" for view in applied])
    if act.preamble or act.preamble_notes:
        blocks.append([*act.preamble, *(labels.note(n) for n in act.preamble_notes)])
    blocks.extend(point_paragraphs(point) for point in act.points)
    if act.signature:
        blocks.append(list(act.signature))
    return blocks


def export_txt(act: Act) -> bytes:
    """The version as plain text: blocks separated by a blank line, annexes by two."""
    labels = labels_for(act.lang)
    parts = ["\n\n".join("\n".join(block) for block in _front_blocks(act, labels))]
    for annex in act.annexes:
        parts.append("\n\n".join("\n".join(block) for block in _annex_blocks(annex, labels)))
    return ("\n\n\n".join(parts) + "\n").encode("utf-8")
