"""The comparative table (салыстырма кесте / сравнительная таблица) of a `VersionDiff`.

A draft amending act goes to approval with this table: one row per changed structural
unit, its current wording next to the proposed one and a justification the drafter fills
in. The convention of the form is kept: in the current wording the words that go are
struck through, in the proposed wording the new words are bold; a unit the draft adds has
"Жоқ." ("Отсутствует.") as its current wording and is bold throughout, a unit it removes
has "Алып тасталсын." ("Исключить.") as its proposed wording.

Both renderings (HTML for the browser, DOCX for the drafter's Word) are built from one
list of `ComparativeRow`s, so they always say the same thing. The marks come straight from
the diff's word pieces (delete -> struck, insert -> bold), never from a second comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from consolidate.diff.model import FrontChange, UnitChange, VersionDiff
from consolidate.export.docx import (
    A4_LONG,
    A4_SHORT,
    HEADER_FILL,
    INVALID_XML,
    LANDSCAPE_MARGIN,
    box,
    fixed_time,
    package_bytes,
    set_defaults,
)
from consolidate.export.redline_html import (
    Run,
    column_names,
    find_annex,
    kind_label,
    runs,
    unit_place,
    unit_texts,
)
from consolidate.gcpause import collector_paused
from consolidate.labels import Labels, labels_for, print_date
from consolidate.model.units import LIST_COLUMNS
from consolidate.resources import environment

TEMPLATE = "comparative.html.j2"
COLUMN_SHARES = (5, 15, 33, 33, 14)  # percent of the text width: №, unit, current, proposed, justification
STRUCK, BOLD, PLAIN = "s", "b", ""


class Segment(NamedTuple):
    """A run of a wording line: its text and its mark (`STRUCK`, `BOLD` or `PLAIN`)."""

    text: str
    mark: str


Line = tuple[Segment, ...]


@dataclass(frozen=True)
class ComparativeRow:
    """One changed unit as a row of the table."""

    number: int
    eid: str
    kind: str
    kind_label: str
    place: str  # "2-қосымша, 6-тарау, реттік нөмірі 33-жол"
    current: tuple[Line, ...]
    proposed: tuple[Line, ...]


# --- wordings -------------------------------------------------------------------------


class _Lines:
    """Collects segments into lines; a newline inside a piece starts a new line."""

    def __init__(self) -> None:
        self.lines: list[list[Segment]] = [[]]

    def add(self, text: str, mark: str) -> None:
        for index, part in enumerate(text.split("\n")):
            if index:
                self.lines.append([])
            if part:
                self.lines[-1].append(Segment(part, mark))

    def add_runs(self, pieces: tuple[Run, ...], mark: str, force: str | None) -> None:
        for run in pieces:
            self.add("\n".join(run.lines), force if force is not None else (PLAIN if run.op == "equal" else mark))

    def newline(self) -> None:
        self.lines.append([])

    def result(self) -> tuple[Line, ...]:
        lines = [tuple(line) for line in self.lines]
        while lines and not lines[-1]:
            lines.pop()
        return tuple(lines)


def _wording(change: UnitChange, side: str, labels: Labels, names: dict[str, str]) -> tuple[Line, ...]:
    """The unit's wording on one side ("old" current, "new" proposed), marked from the pieces.

    A row's wording is its cells labelled by their column header, list items (specialties)
    one per line; a heading's wording is its label and heading ("8-тарау. ...").
    """
    if side == "old" and change.kind == "inserted":
        return ((Segment(labels.word("cmp_absent"), PLAIN),),)
    if side == "new" and change.kind in ("deleted", "repealed"):
        return ((Segment(labels.word("cmp_delete"), PLAIN),),)
    mark = STRUCK if side == "old" else BOLD
    force = BOLD if side == "new" and change.kind == "inserted" else None  # a new unit is bold throughout
    frame = force or PLAIN
    texts = unit_texts(change)
    out = _Lines()
    num = change.old_num if side == "old" and change.kind == "moved" and change.old_num else change.num
    num_mark = mark if change.kind == "moved" else frame
    if change.type != "row":
        label = labels.chapter(num, "") if change.type == "chapter" else labels.paragraph(num, "")
        out.add(label, num_mark)
        pieces = runs(texts["heading"], side)
        if pieces:
            out.add(" ", frame)
            out.add_runs(pieces, mark, force)
        return out.result()
    if change.kind == "moved":
        out.add(f"{names['num']}: ", frame)
        out.add(num, num_mark)
        out.newline()
    for name, text in texts.items():
        pieces = runs(text, side)
        if not pieces:
            continue
        header = names.get(name, name)
        if name in LIST_COLUMNS:
            out.add(f"{header}:", frame)
            out.newline()
        else:
            out.add(f"{header}: ", frame)
        out.add_runs(pieces, mark, force)
        out.newline()
    return out.result()


def _front_wording(change: FrontChange, side: str, labels: Labels) -> tuple[Line, ...]:
    """The preamble's or the signature block's wording on one side, marked from its pieces."""
    if side == "old" and change.kind == "inserted":
        return ((Segment(labels.word("cmp_absent"), PLAIN),),)
    if side == "new" and change.kind == "deleted":
        return ((Segment(labels.word("cmp_delete"), PLAIN),),)
    keep, mark = ("delete", STRUCK) if side == "old" else ("insert", BOLD)
    out = _Lines()
    for piece in change.pieces:
        if piece.op in ("equal", keep):
            out.add(piece.text, PLAIN if piece.op == "equal" else mark)
    return out.result()


def _front_rows(diff: VersionDiff, labels: Labels) -> list[ComparativeRow]:
    """The preamble and the signature block when an order changed them: they come first."""
    return [
        ComparativeRow(
            number=number,
            eid=change.eid,
            kind=change.kind,
            kind_label=kind_label(change.kind, labels),
            place=labels.unit_name(list(change.path) or [(change.eid, "")]),
            current=_front_wording(change, "old", labels),
            proposed=_front_wording(change, "new", labels),
        )
        for number, change in enumerate(diff.front_changes(), start=1)
    ]


def comparative_rows(diff: VersionDiff) -> list[ComparativeRow]:
    """One row per changed unit, in document order (the preamble, the signature block, then
    annex by annex)."""
    labels = labels_for(diff.new.lang)
    rows = _front_rows(diff, labels)
    for number, change in enumerate(diff.changes(), start=len(rows) + 1):
        annex = find_annex(diff.new, change.annex) or find_annex(diff.old, change.annex)
        names = column_names(annex, labels)
        rows.append(
            ComparativeRow(
                number=number,
                eid=change.eid,
                kind=change.kind,
                kind_label=kind_label(change.kind, labels),
                place=unit_place(change, labels),
                current=_wording(change, "old", labels, names),
                proposed=_wording(change, "new", labels, names),
            )
        )
    return rows


def _front(diff: VersionDiff, labels: Labels) -> dict[str, Any]:
    """The lines above the table: notice, title, the act amended, the orders compared."""
    orders = diff.meta.get("orders", "")
    return {
        "notice": labels.word("reconstructed") if diff.old.reconstructed or diff.new.reconstructed else None,
        "title": labels.word("cmp_title"),
        "act_line": labels.word("act_number", date=print_date(diff.new.date), number=diff.new.number),
        "act_title": diff.new.title,
        "orders": labels.word("redline_orders", orders=orders) if orders else "",
        "header": [labels.word(k) for k in ("cmp_num", "cmp_unit", "cmp_current", "cmp_proposed", "cmp_reason")],
        "no_changes": labels.word("no_changes"),
    }


# --- HTML -----------------------------------------------------------------------------


def export_comparative_html(diff: VersionDiff) -> bytes:
    """The comparative table as one self-contained UTF-8 HTML page (same diff, same bytes)."""
    labels = labels_for(diff.new.lang)
    with collector_paused():  # a few objects per changed unit, none in a cycle: see consolidate/gcpause.py
        context = {"lang": diff.new.lang, "rows": comparative_rows(diff), **_front(diff, labels)}
        return environment().get_template(TEMPLATE).render(context).encode("utf-8")


# --- DOCX -----------------------------------------------------------------------------

# Paragraph styles: name -> (size pt, bold, alignment). Bold of the column headers comes
# from their style, so run-level <w:b/> in the body marks exactly the new words.
STYLES: dict[str, tuple[float, bool, WD_ALIGN_PARAGRAPH | None]] = {
    "Notice": (12, True, WD_ALIGN_PARAGRAPH.CENTER),
    "Comparative Title": (14, True, WD_ALIGN_PARAGRAPH.CENTER),
    "Act Meta": (12, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Text": (10, False, None),
    "Table Column": (10, True, WD_ALIGN_PARAGRAPH.CENTER),
}


def _add_styles(document: DocumentObject) -> dict[str, str]:
    ids = {}
    for name, (size, bold, alignment) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.font.bold = bold
        if alignment is not None:
            style.paragraph_format.alignment = alignment
        if name.startswith("Table"):
            style.paragraph_format.space_after = Pt(0)
        ids[name] = style.style_id
    box(document.styles["Notice"])
    return ids


def _landscape(document: DocumentObject) -> None:
    """One landscape A4 section: five columns of long specialty lists need the width."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_LONG, A4_SHORT
    section.left_margin = section.right_margin = LANDSCAPE_MARGIN
    section.top_margin = section.bottom_margin = LANDSCAPE_MARGIN


RUN_PROPS = {STRUCK: "<w:rPr><w:strike/></w:rPr>", BOLD: "<w:rPr><w:b/><w:bCs/></w:rPr>", PLAIN: ""}


def _run(segment: Segment) -> str:
    text = escape(INVALID_XML.sub("", segment.text))
    return f'<w:r>{RUN_PROPS[segment.mark]}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(style_id: str, line: Line = ()) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{"".join(_run(s) for s in line)}</w:p>'


def _tc(width: int, body: str, fill: str | None = None) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>{body}</w:tc>'


def _column_widths() -> list[int]:
    total = A4_LONG.twips - 2 * LANDSCAPE_MARGIN.twips
    widths = [total * share // 100 for share in COLUMN_SHARES[:-1]]
    return [*widths, total - sum(widths)]


def _table_xml(rows: list[ComparativeRow], header: list[str], ids: dict[str, str]) -> str:
    """The whole table as one `w:tbl`, built as text and parsed once (see docx.py on why)."""
    widths = _column_widths()
    text, column = ids["Table Text"], ids["Table Column"]
    head = "".join(_tc(w, _p(column, (Segment(h, PLAIN),)), HEADER_FILL) for w, h in zip(widths, header, strict=True))
    body = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>"]
    for row in rows:
        cells = (
            _p(text, (Segment(str(row.number), PLAIN),)),
            _p(text, (Segment(row.place, PLAIN),)),
            "".join(_p(text, line) for line in row.current) or _p(text),
            "".join(_p(text, line) for line in row.proposed) or _p(text),
            _p(text),  # justification: for the drafter to fill in
        )
        body.append("<w:tr>" + "".join(_tc(w, c) for w, c in zip(widths, cells, strict=True)) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:firstColumn="0"'
        ' w:lastRow="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
    )


def diff_time(diff: VersionDiff) -> datetime:
    """The document's timestamp: the diff's date (the amending order's), else the newest
    date the new version knows; never the clock, so the bytes repeat."""
    try:
        day = date.fromisoformat(diff.date.strip())
    except ValueError:
        return fixed_time(diff.new)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def export_comparative_docx(diff: VersionDiff) -> bytes:
    """The comparative table as a landscape DOCX (same diff, same bytes)."""
    labels = labels_for(diff.new.lang)
    front = _front(diff, labels)
    title = f"{front['title']}: {diff.new.title}"
    with collector_paused():  # a few objects per changed unit, none in a cycle: see consolidate/gcpause.py
        return comparative_docx(comparative_rows(diff), front, labels, diff_time(diff), title)


def comparative_docx(
    rows: list[ComparativeRow], front: dict[str, Any], labels: Labels, stamp: datetime, title: str
) -> bytes:
    """The table of `rows` under the lines of `front` (see `_front`), dated `stamp`: the one
    writer of comparative tables, for table versions and provision trees alike."""
    document = Document()
    set_defaults(document, labels)
    ids = _add_styles(document)
    _landscape(document)
    if front["notice"]:
        document.add_paragraph(front["notice"], style="Notice")
    document.add_paragraph(front["title"], style="Comparative Title")
    document.add_paragraph(front["act_line"], style="Act Meta")
    document.add_paragraph(front["act_title"], style="Act Meta")
    if front["orders"]:
        document.add_paragraph(front["orders"], style="Act Meta")
    if not rows:
        document.add_paragraph(front["no_changes"], style="Act Meta")
    # As in docx.py: an empty table made by python-docx marks the spot before the sectPr,
    # and the children of our parsed table move into it.
    table = document.add_table(rows=0, cols=len(COLUMN_SHARES))._tbl
    for child in list(table):
        table.remove(child)
    table.extend(list(parse_xml(_table_xml(rows, front["header"], ids))))
    props = document.core_properties
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = "consolidate"
    props.title = title
    props.language = labels.words["culture"]
    props.revision = 1
    return package_bytes(document)


__all__ = [
    "BOLD",
    "PLAIN",
    "STRUCK",
    "TEMPLATE",
    "ComparativeRow",
    "Segment",
    "comparative_docx",
    "comparative_rows",
    "diff_time",
    "export_comparative_docx",
    "export_comparative_html",
]
