"""Reading an amending order from a Word file (.docx) into blocks.

Ministries circulate their orders as Word files, where the quoted tables are real tables:
the rows, the cells and the merges are written down, so nothing has to be guessed from
the layout of extracted text (see `parse.table` for that). This reader only turns the
file into the blocks of `parse.document`, in document order: every body paragraph is a
`Para` (a tab is "\\t", a line break "\\n"), every table a `Grid` whose merged cells carry
their spans the way HTML writes them (covered cells left out), so Word and HTML tables
go through the same `parse.grid`.

Tables are read from the raw XML of their rows (`w:tr`/`w:tc`), never through
python-docx's `table.cell()`, which rebuilds the whole cell grid on each call and is
quadratic in the number of rows (research/deps.md §2).

A Word file is a ZIP package of XML parts from outside the tool. Before python-docx sees
it, the package is checked: it must be a ZIP with a content-types part, not inflate to more
than the limits of `consolidate.limits` (counted while inflating), and no XML part may
carry a DOCTYPE or an ENTITY declaration
(Word never writes one; python-docx's parser would keep such entities as silent nodes).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from consolidate.errors import InputError
from consolidate.limits import MAX_DOCX_UNPACKED, MAX_DOCX_XML, MAX_PARTS, limit_error
from consolidate.parse.document import Block, Grid, GridCell, Para

CHUNK = 1024 * 1024

_DTD_RE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, TBL, TR, TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
SDT, SDT_CONTENT, CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
T, TAB, PTAB, BR, CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
TC_PR, TR_PR = qn("w:tcPr"), qn("w:trPr")
GRID_SPAN, V_MERGE, GRID_BEFORE = qn("w:gridSpan"), qn("w:vMerge"), qn("w:gridBefore")
VAL = qn("w:val")

# Subtrees whose text is not the paragraph's text: properties (a w:tab there is a tab
# stop), tracked deletions, the fallback copy of alternate content (its text is also in
# the chosen branch) and drawings (text boxes float outside the paragraph's text).
_SKIPPED = frozenset(
    {
        qn("w:pPr"),
        qn("w:rPr"),
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:drawing"),
        qn("w:pict"),
        qn("w:object"),
        MC_FALLBACK,
    }
)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _check_package(data: bytes, where: str) -> None:
    """Refuse what is not a Word package before python-docx parses it (see module doc)."""
    if not isinstance(data, bytes):
        raise InputError("a Word file must be given as bytes", where=where)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a damaged header naming a ZIP version zipfile does not read.
        raise InputError("not a Word file (.docx): not a ZIP package", where=where) from exc
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names:
            raise InputError("a ZIP file but not a Word document (no [Content_Types].xml)", where=where)
        if len(members) > MAX_PARTS:
            raise limit_error("MAX_PARTS", "the Word package holds too many parts", "parts", where)
        unpacked = {"all": 0, "xml": 0}
        for member in members:
            is_xml = member.filename.endswith((".xml", ".rels"))
            part = _inflate(archive, member, unpacked, is_xml, where)
            if is_xml and _DTD_RE.search(part):
                raise InputError(
                    f"DOCTYPE or ENTITY declarations are not allowed in a Word file ({member.filename})", where=where
                )


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, unpacked: dict[str, int], is_xml: bool,
             where: str) -> bytes:  # fmt: skip
    """One part, inflated in chunks and counted as it inflates: the sizes a package
    declares in its headers are not trusted (a package can lie about them)."""
    chunks: list[bytes] = []
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                unpacked["all"] += len(chunk)
                if unpacked["all"] > MAX_DOCX_UNPACKED:
                    raise limit_error("MAX_DOCX_UNPACKED", "the Word package inflates too much", "bytes", where)
                if is_xml:
                    unpacked["xml"] += len(chunk)
                    if unpacked["xml"] > MAX_DOCX_XML:
                        raise limit_error("MAX_DOCX_XML", "the Word package's XML inflates too much", "bytes", where)
                    chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, ValueError, EOFError, NotImplementedError) as exc:
        message = f"damaged Word file: cannot unpack {member.filename}: {_one_line(exc)}"
        raise InputError(message, where=where) from exc
    return b"".join(chunks)


def _flatten(parent: etree._Element, wanted: frozenset[str]) -> Iterator[etree._Element]:
    """Children of `parent` with a tag in `wanted`, looking through content controls
    (`w:sdt`) and custom XML wrappers, which Word puts around paragraphs, rows and cells."""
    for child in parent:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _flatten(content, wanted)
        elif tag == CUSTOM_XML:
            yield from _flatten(child, wanted)


def _collect_text(element: etree._Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == T:
            out.append(child.text or "")
        elif tag in (TAB, PTAB):
            out.append("\t")
        elif tag in (BR, CR):
            out.append("\n")
        elif tag == NO_BREAK_HYPHEN:
            out.append("-")
        else:
            _collect_text(child, out)


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of a `w:p` as Word shows it: runs, tabs as "\\t", line breaks as "\\n"
    (instruction text of fields and deleted text are not shown, so not read)."""
    out: list[str] = []
    _collect_text(paragraph, out)
    return unicodedata.normalize("NFC", "".join(out))


def _cell_lines(container: etree._Element) -> list[str]:
    """The paragraphs of a cell, a nested table's cells contributing theirs in order."""
    lines: list[str] = []
    for child in _flatten(container, frozenset({P, TBL})):
        if child.tag == P:
            lines.append(paragraph_text(child))
        else:
            for row in _flatten(child, frozenset({TR})):
                for cell in _flatten(row, frozenset({TC})):
                    lines.extend(_cell_lines(cell))
    return lines


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, int(element.get(VAL, default)))
    except ValueError:
        return default


@dataclass
class _Cell:
    """A cell while its vertical merge is being counted."""

    text: str
    colspan: int
    rowspan: int = 1

    def freeze(self) -> GridCell:
        return GridCell(self.text, self.rowspan, self.colspan)


def table_grid(table: etree._Element, line: int) -> Grid:
    """A `w:tbl` as a `Grid`: `w:gridSpan` gives the colspan; a run of `w:vMerge` cells
    (restart, then continue) becomes one cell with a rowspan on its first row, the
    continuing cells left out, as HTML writes it.

    A continuing cell joins the cell above it in the same grid column when both span the
    same columns; otherwise (a continue with nothing to continue) it is a cell of its own,
    as Word draws it. Text typed into a continuing cell is hidden by Word but kept here,
    appended to the merged cell, so no text of the file is lost.
    """
    rows: list[list[_Cell]] = []
    above: dict[int, _Cell] = {}  # grid column -> the cell (or merge) occupying it in the row above
    for tr in _flatten(table, frozenset({TR})):
        cells: list[_Cell] = []
        here: dict[int, _Cell] = {}
        properties = tr.find(TR_PR)
        column = _int_val(properties.find(GRID_BEFORE) if properties is not None else None, 0)
        if column:
            cells.append(_Cell("", column))  # columns the row leaves out before its first cell
        for tc in _flatten(tr, frozenset({TC})):
            tc_pr = tc.find(TC_PR)
            span = _int_val(tc_pr.find(GRID_SPAN) if tc_pr is not None else None, 1)
            merge = tc_pr.find(V_MERGE) if tc_pr is not None else None
            text = "\n".join(_cell_lines(tc))
            origin = above.get(column)
            if merge is not None and merge.get(VAL, "continue") == "continue" and origin and origin.colspan == span:
                origin.rowspan += 1
                if text.strip():
                    origin.text = f"{origin.text}\n{text}" if origin.text else text
                here[column] = origin
            else:
                cell = _Cell(text, span)
                cells.append(cell)
                here[column] = cell
            column += span
        rows.append(cells)
        above = here
    return Grid(line, tuple(tuple(cell.freeze() for cell in row) for row in rows))


def read_docx(data: bytes, where: str) -> list[Block]:
    """The blocks of a Word file, in body order: a `Para` per paragraph (empty ones too,
    so `line` is the paragraph's position in the file) and a `Grid` per table. `line`
    counts the body's paragraphs and tables from 1.

    A file that is not a Word document, or a damaged one, is an `InputError` naming `where`.
    """
    _check_package(data, where)
    try:
        document = Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… on damaged packages
        raise InputError(f"not a readable Word document: {_one_line(exc)}", where=where) from exc
    if body is None:
        raise InputError("a Word document without a body", where=where)
    blocks: list[Block] = []
    for element in _flatten(body, frozenset({P, TBL})):
        line = len(blocks) + 1
        if element.tag == P:
            blocks.append(Para(line, paragraph_text(element)))
        else:
            blocks.append(table_grid(element, line))
    return blocks
