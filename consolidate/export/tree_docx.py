"""A version held as a provision tree, as a Word document (DOCX).

It prints the blocks of `export.tree_view`, the same as the text and HTML exports, each
with a paragraph style named after its kind (headings keep with the next paragraph,
stamps to the right, notes in italics) and tables with their merged cells. The file is
deterministic: fixed core properties (dated by the act's latest date, never the clock)
and a re-zipped package with fixed member times.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from consolidate.export.docx import EPOCH, normalize_zip, portrait, set_defaults
from consolidate.export.tree_view import Line, Style, document_lines
from consolidate.labels import labels_for
from consolidate.model.tree import Cell, Document

# style: (size, bold, italic, alignment, keep with next)
STYLES: dict[Style, tuple[int, bool, bool, WD_ALIGN_PARAGRAPH | None, bool]] = {
    Style.FRONT: (10, False, False, None, False),
    Style.TITLE: (14, True, False, WD_ALIGN_PARAGRAPH.CENTER, True),
    Style.PREAMBLE: (12, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
    Style.HEADING: (12, True, False, WD_ALIGN_PARAGRAPH.CENTER, True),
    Style.PROVISION: (12, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
    Style.PART: (12, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
    Style.NOTE: (10, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
    Style.SIGNATURE: (12, True, False, None, False),
    Style.STAMP: (11, False, True, WD_ALIGN_PARAGRAPH.RIGHT, True),
    Style.ANNEX_TITLE: (12, True, False, WD_ALIGN_PARAGRAPH.CENTER, True),
    Style.REPEALED: (12, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
}


def _style_name(style: Style) -> str:
    return f"Act {style.value.replace('-', ' ').title()}"


def _add_styles(document) -> None:
    for style, (size, bold, italic, alignment, keep) in STYLES.items():
        added = document.styles.add_style(_style_name(style), WD_STYLE_TYPE.PARAGRAPH)
        added.base_style = document.styles["Normal"]
        added.font.size = Pt(size)
        added.font.bold = bold
        added.font.italic = italic
        if alignment is not None:
            added.paragraph_format.alignment = alignment
        if style in (Style.PROVISION, Style.PART, Style.PREAMBLE, Style.REPEALED):
            added.paragraph_format.first_line_indent = Pt(24)
        added.paragraph_format.keep_with_next = keep


def _grid(rows: tuple[tuple[Cell, ...], ...]) -> tuple[list[tuple[int, int, Cell]], int]:
    """Where each cell starts in the table's grid (row, column), and the number of columns."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return placed, width


def _table(document, line: Line) -> None:
    placed, width = _grid(line.rows)
    if not placed or width == 0:
        return
    height = max(r + cell.rowspan for r, _, cell in placed)
    table = document.add_table(rows=height, cols=width)
    table.style = document.styles["Table Grid"]
    for r, c, cell in placed:
        target = table.cell(r, c)
        last = table.cell(min(height, r + cell.rowspan) - 1, min(width, c + cell.colspan) - 1)
        if last is not target:
            target = target.merge(last)
        target.text = cell.text


def core_title(text: str) -> str:
    """A title as a DOCX core property holds it: at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


def document_time(document: Document) -> datetime:
    """The document's timestamp: its latest date (the act's, its orders'), never the clock."""
    dates = [d for d in (document.identity.date, *(o.in_force or o.date for o in document.applied)) if d]
    if not dates:
        return EPOCH
    latest = max(dates)
    return datetime(int(latest[:4]), int(latest[5:7]), int(latest[8:10]), tzinfo=UTC)


def export_tree_docx(document: Document) -> bytes:
    labels = labels_for(document.identity.lang)
    doc = new_docx()
    set_defaults(doc, labels)
    _add_styles(doc)
    portrait(doc)
    for line in document_lines(document):
        if line.style is Style.TABLE:
            _table(doc, line)
            continue
        for text in line.text.split("\n"):  # a stamp or a quoted note of several lines
            doc.add_paragraph(text, style=_style_name(line.style))
    props = doc.core_properties
    props.created = props.modified = props.last_printed = document_time(document)
    props.author = props.last_modified_by = "consolidate"
    props.title = core_title(document.title)
    props.language = labels.words["culture"]
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue())
