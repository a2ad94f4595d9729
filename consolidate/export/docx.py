"""One version as a Word document: portrait front matter, a landscape section per annex.

Annex tables are written as raw `w:tr`/`w:tc` XML text and spliced into the written
document part, never parsed, because python-docx's cell API (`table.cell()`, `merge()`) is
quadratic in the number of rows (research/deps.md §2: 20,000 rows took over 5 minutes that
way) and parsing the rows, moving them and serialising them again was most of the cost.
Merged cells are real vertical merges (`w:vMerge restart` on the first cell, bare
`w:vMerge` on the covered ones), heading and note rows are one cell spanning the six
columns, and the column-header row repeats on every page.

The output is byte-identical across runs: the core properties carry a date taken from
the act (never "now"), and the package is zipped with fixed member timestamps.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from lxml import etree

from consolidate.export.layout import (
    Cell,
    NoteRow,
    TableLine,
    UnitView,
    act_line,
    applied_views,
    point_paragraphs,
    table_lines,
    unit_views,
    version_line,
)
from consolidate.labels import Labels, labels_for
from consolidate.model.act import Act, Annex

FONT = "Times New Roman"
A4_SHORT, A4_LONG = Twips(11906), Twips(16838)
LANDSCAPE_MARGIN = Mm(15)
COLUMN_SHARES = (6, 17, 11, 13, 31, 22)  # percent of the text width: num, title, ... experience
HEADER_FILL = "F2F2F2"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Paragraph styles added to the document: name -> (size pt, bold, italic, alignment).
STYLES: dict[str, tuple[float, bool, bool, WD_ALIGN_PARAGRAPH | None]] = {
    "Notice": (12, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Act Meta": (12, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Act Title": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Act Note": (10, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Act Heading": (12, True, False, None),
    "Act Point": (12, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Act Signature": (12, True, False, WD_ALIGN_PARAGRAPH.LEFT),
    "Annex Label": (12, False, False, WD_ALIGN_PARAGRAPH.RIGHT),
    "Annex Title": (13, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Text": (10, False, False, None),
    "Table Column": (10, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Chapter": (10, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Paragraph": (10, False, True, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Note": (9, False, True, None),
}
TABLE_STYLES = ("Table Text", "Table Column", "Table Chapter", "Table Paragraph", "Table Note")


# --- document setup ----------------------------------------------------------------


def set_defaults(document: DocumentObject, labels: Labels) -> None:
    """Times New Roman everywhere (it has the Kazakh letters) and the act's language."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = rpr.find(qn("w:lang"))
    language.set(qn("w:val"), labels.words["culture"])
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.0


def add_styles(document: DocumentObject) -> dict[str, str]:
    """Create our paragraph styles; returns name -> style id (used in the raw table XML)."""
    ids = {}
    for name, (size, bold, italic, alignment) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        if alignment is not None:
            style.paragraph_format.alignment = alignment
        if name in TABLE_STYLES:
            style.paragraph_format.space_after = Pt(0)
        if name in ("Table Chapter", "Table Paragraph", "Annex Title", "Act Heading"):
            style.paragraph_format.keep_with_next = True
        ids[name] = style.style_id
    box(document.styles["Notice"])
    return ids


def box(style: ParagraphStyle) -> None:
    """Dark red text in a red frame: the reconstructed notice must not be overlooked."""
    style.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="B00000"/>'
        for side in ("top", "left", "bottom", "right")
    )
    border = parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>")
    style.element.get_or_add_pPr().insert_element_before(
        border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl"
    )


def portrait(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_SHORT, A4_LONG
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)


def landscape_section(document: DocumentObject) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_LONG, A4_SHORT
    section.left_margin = section.right_margin = LANDSCAPE_MARGIN
    section.top_margin = section.bottom_margin = LANDSCAPE_MARGIN


# --- front matter ------------------------------------------------------------------


def front_matter(document: DocumentObject, act: Act, labels: Labels) -> None:
    """Notice, issuer and number, title, act notes, applied orders, the preamble, the act's
    points and its signature block."""
    if act.reconstructed:
        document.add_paragraph(labels.word("reconstructed"), style="Notice")
    if act.issuer:
        document.add_paragraph(act.issuer, style="Act Meta")
    document.add_paragraph(act_line(act, labels), style="Act Meta")
    document.add_paragraph(act.title, style="Act Title")
    for note in act.notes:
        document.add_paragraph(labels.note(note), style="Act Note")
    applied = applied_views(act, labels)
    if applied:
        document.add_paragraph(labels.word("applied_heading"), style="Act Heading")
        for view in applied:
            document.add_paragraph(f"– {view.text}", style="Act Note")
    document.add_paragraph(version_line(act, labels), style="Act Meta")
    for paragraph in act.preamble:
        document.add_paragraph(paragraph, style="Act Point")
    for note in act.preamble_notes:
        document.add_paragraph(labels.note(note), style="Act Note")
    for point in act.points:
        for paragraph in point_paragraphs(point):
            document.add_paragraph(paragraph, style="Act Point")
    for line in act.signature:
        document.add_paragraph(line, style="Act Signature")


# --- annex tables as raw XML --------------------------------------------------------


def escape_text(text: str) -> str:
    """Runs of one line of text, escaped; characters XML cannot hold are dropped."""
    pieces = [escape(INVALID_XML.sub("", piece)) for piece in text.split("\n")]
    return "<w:br/>".join(f'<w:t xml:space="preserve">{piece}</w:t>' for piece in pieces)


@lru_cache(maxsize=65536)
def _p(style_id: str, text: str = "") -> str:
    """A paragraph of one style. Cached: tables repeat the same cell texts (categories,
    education levels, specialties) over thousands of rows."""
    run = f"<w:r>{escape_text(text)}</w:r>" if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{run}</w:p>'


def tc_xml(width: int, body: str, *, span: int = 1, vmerge: str | None = None, fill: str | None = None) -> str:
    """A table cell; `vmerge` is "restart" (first of a merge) or "continue" (covered)."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _tr(cells: str, *, header: bool = False, keep: bool = False) -> str:
    props = ("<w:cantSplit/>" if keep or header else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>" if props else f"<w:tr>{cells}</w:tr>"


class TableWriter:
    """Turns the printed layout of an annex into `w:tr` XML strings."""

    def __init__(self, widths: list[int], ids: dict[str, str]) -> None:
        self.widths = widths
        self.total = sum(widths)
        self.ids = ids

    def header(self, texts: list[str]) -> str:
        style = self.ids["Table Column"]
        pairs = zip(self.widths, texts, strict=True)
        return _tr("".join(tc_xml(w, _p(style, t), fill=HEADER_FILL) for w, t in pairs), header=True)

    def full_width(self, paragraphs: str, keep: bool) -> str:
        return _tr(tc_xml(self.total, paragraphs, span=len(self.widths)), keep=keep)

    def cell(self, width: int, cell: Cell) -> str:
        style = self.ids["Table Text"]
        if cell.covered_by:
            return tc_xml(width, _p(style), vmerge="continue")
        body = "".join(_p(style, line) for line in cell.lines) or _p(style)
        return tc_xml(width, body, vmerge="restart" if cell.rowspan > 1 else None)

    def line(self, line: TableLine) -> str:
        if isinstance(line, NoteRow):
            label = _p(self.ids["Table Note"], line.label) if line.deferred else ""
            notes = "".join(_p(self.ids["Table Note"], note) for note in line.notes)
            return self.full_width(label + notes, keep=False)
        if line.kind != "row":
            style = self.ids["Table Chapter" if line.kind == "chapter" else "Table Paragraph"]
            return self.full_width(_p(style, line.label), keep=True)
        return self.row(line)

    def row(self, view: UnitView) -> str:
        number = tc_xml(self.widths[0], _p(self.ids["Table Text"], view.label))
        cells = "".join(self.cell(w, c) for w, c in zip(self.widths[1:], view.cells, strict=True))
        return _tr(number + cells)


def column_widths() -> list[int]:
    """Column widths in twips over the text width of a landscape A4 page."""
    total = A4_LONG.twips - 2 * LANDSCAPE_MARGIN.twips
    widths = [total * share // 100 for share in COLUMN_SHARES[:-1]]
    return [*widths, total - sum(widths)]


def _table_head(widths: list[int]) -> str:
    """A table's opening tag, properties and grid: everything before its rows."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:firstColumn="0"'
        ' w:lastRow="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )


def table_rows(annex: Annex, labels: Labels, ids: dict[str, str]) -> list[str]:
    """The rows of an annex table as `w:tr` XML strings: the column header, then every line."""
    writer = TableWriter(column_widths(), ids)
    rows = [writer.header(labels.header(annex.header))]
    rows.extend(writer.line(line) for line in table_lines(unit_views(annex, labels)))
    return rows


def table_xml(annex: Annex, labels: Labels, ids: dict[str, str]) -> str:
    """The whole annex table as one `w:tbl` element."""
    return f"{_table_head(column_widths())}{''.join(table_rows(annex, labels, ids))}</w:tbl>"


def _annex(document: DocumentObject, annex: Annex, labels: Labels, ids: dict[str, str], tables: list[bytes]) -> None:
    """The annex's section, label, title, notes and table.

    The table's rows are never parsed: python-docx places new body content before the
    final sectPr, so an empty table made by it marks the spot; the table's properties and
    grid (parsed, a few elements) move into it with a placeholder after them, and
    `package_bytes` splices the rows, written as lxml writes them (`as_serialised`), into
    the serialised document. Parsing 20,000 rows, moving them and serialising them again
    was most of the export's cost.
    """
    landscape_section(document)
    for line in annex.stamp or [labels.word("annex", num=annex.num)]:
        document.add_paragraph(line, style="Annex Label")
    document.add_paragraph(annex.title, style="Annex Title")
    for note in annex.notes:
        document.add_paragraph(labels.note(note), style="Act Note")
    table = document.add_table(rows=0, cols=len(COLUMN_SHARES))._tbl
    for child in list(table):
        table.remove(child)
    table.extend(list(parse_xml(_table_head(column_widths()) + "</w:tbl>")))
    table.append(rows_placeholder(len(tables)))
    tables.append(as_serialised("".join(table_rows(annex, labels, ids))))


# --- determinism -------------------------------------------------------------------


def fixed_time(act: Act) -> datetime:
    """The document's timestamp: the latest date the act knows (its own, its orders').

    A version changes only when an order is applied, so this date moves with the content
    and never with the clock.
    """
    candidates = [act.date]
    for order in act.applied:
        candidates.extend(d for d in (order.date, order.in_force) if d)
    dates = []
    for text in candidates:
        try:
            dates.append(date.fromisoformat(text))
        except ValueError:
            continue
    if not dates:
        return EPOCH
    latest = max(dates)
    return datetime(latest.year, latest.month, latest.day, tzinfo=UTC)


def core_properties(document: DocumentObject, act: Act, labels: Labels) -> None:
    props = document.core_properties
    stamp = fixed_time(act)
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = "consolidate"
    props.title = act.title
    props.language = labels.words["culture"]
    props.revision = 1


def normalize_zip(data: bytes) -> bytes:
    """Re-zip a package with fixed member timestamps and attributes, members in order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


class _Members:
    """Collects the members python-docx's package writer writes, instead of a zip file."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.members.append((pack_uri.membername, blob))


def rows_placeholder(index: int) -> etree._Comment:
    """The comment that stands in a table of the document for the rows `package_bytes`
    splices in (`tables[index]`). No text of an act can hold it: "<" is always escaped."""
    return etree.Comment(f"consolidate table rows {index}")


def as_serialised(rows: str) -> bytes:
    """Table rows written as XML text, as lxml would write them back after parsing them:
    an empty `w:t` or `w:delText` is self-closed, and a carriage return (the only line end
    a text may hold besides "\n") reads as "\n". Attribute values must not hold tabs or
    line ends (the parser would turn them into spaces)."""
    rows = rows.replace('<w:t xml:space="preserve"></w:t>', '<w:t xml:space="preserve"/>')
    rows = rows.replace('<w:delText xml:space="preserve"></w:delText>', '<w:delText xml:space="preserve"/>')
    if "\r" in rows:
        rows = rows.replace("\r\n", "\n").replace("\r", "\n")
    return rows.encode("utf-8")


def package_bytes(document: DocumentObject, tables: Sequence[bytes] = ()) -> bytes:
    """The document as DOCX bytes, the same as `normalize_zip` of `document.save`, deflated once.

    `document.save` zips every part, and `normalize_zip` unzips and zips them again with
    fixed timestamps: for a table of 20,000 rows that second round trip was a tenth of the
    whole export. Here python-docx's own package writer writes the members (in its order,
    by its code) into a list, and they are zipped once as `normalize_zip` zips them.

    `tables[i]` (see `as_serialised`) replaces `rows_placeholder(i)` in the document part:
    rows written as text need not be parsed into elements, moved into the document and
    serialised again, which is most of the cost of a big table.
    """
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = _Members()
    PackageWriter._write_content_types_stream(members, parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, parts)  # type: ignore[arg-type]
    if tables:
        main = document.part.partname.membername
        members.members = [(name, _spliced(blob, tables) if name == main else blob) for name, blob in members.members]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name, blob in members.members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, blob)
    return out.getvalue()


def _spliced(xml: bytes, tables: Sequence[bytes]) -> bytes:
    parts = []
    for index, rows in enumerate(tables):
        marker = f"<!--consolidate table rows {index}-->".encode()
        before, found, xml = xml.partition(marker)
        if not found:
            raise AssertionError(f"table {index} has no place in the document")  # a bug, not bad input
        parts += [before, rows]
    parts.append(xml)
    return b"".join(parts)


def export_docx(act: Act) -> bytes:
    """The version as DOCX bytes; the same act always gives the same bytes."""
    labels = labels_for(act.lang)
    document = Document()
    set_defaults(document, labels)
    ids = add_styles(document)
    portrait(document)
    front_matter(document, act, labels)
    tables: list[bytes] = []
    for annex in act.annexes:
        _annex(document, annex, labels, ids, tables)
    core_properties(document, act, labels)
    return package_bytes(document, tables)
