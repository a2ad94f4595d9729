"""The new version as a Word document with real tracked changes, for reviewers.

Reviewers read the consolidated text in Word or LibreOffice and want to accept or reject
what an order changed, so the changes are written as Word revisions rather than coloured
text: changed words are `w:ins`/`w:del` runs, whole rows are tracked rows
(`<w:trPr><w:ins/></w:trPr>`), paragraphs that exist in one version only have their
paragraph mark tracked (`<w:pPr><w:rPr><w:ins/></w:rPr></w:pPr>`), and a paragraph whose
style differs between the versions carries `w:pPrChange`. Accepting every change gives the
consolidated DOCX of the new version, rejecting every change gives that of the old one
(tests/test_redline_docx.py checks both, on the XML and through LibreOffice).

The layout is the consolidated DOCX's (consolidate/export/docx.py): the same styles,
sections, table skeleton and cell XML helpers are imported from it, and a line that did not
change is written by its `TableWriter`, byte for byte as there. The table is the new
version's, with the old version's lines woven in where they stood: the printed lines of
both versions (units and note rows, laid out by consolidate/export/layout.py) are aligned
on the units the `VersionDiff` pairs, so whatever the alignment, dropping the old-only
lines leaves exactly the new table and dropping the new-only lines exactly the old one.

Merges are the new version's. Word cannot track a vertical merge as such; the only way the
format records an earlier merge state is `w:tcPrChange` holding the cell's previous
`w:tcPr`. Every cell whose merge state differs between the versions carries one, so a
consumer that restores previous cell properties on reject (as the format says it should)
gets the old merges back. docs/exports.md says what LibreOffice does with it.

The output is deterministic: revision ids count up in document order, the revision date is
the order's date at 00:00 UTC, and the package goes through `normalize_zip`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import cast
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from consolidate.diff.model import AnnexDiff, Piece, TextDiff, UnitChange, VersionDiff
from consolidate.diff.words import cell_text, diff_words
from consolidate.export.docx import (
    COLUMN_SHARES,
    HEADER_FILL,
    INVALID_XML,
    TableWriter,
    add_styles,
    as_serialised,
    column_widths,
    core_properties,
    escape_text,
    fixed_time,
    front_matter,
    landscape_section,
    package_bytes,
    portrait,
    rows_placeholder,
    set_defaults,
    table_xml,
    tc_xml,
)
from consolidate.export.layout import Cell, NoteRow, TableLine, UnitView, table_lines, unit_views
from consolidate.gcpause import collector_paused
from consolidate.labels import Labels, labels_for
from consolidate.model.act import Act, Annex

DEFAULT_AUTHOR = "consolidate"
"""Author of the revisions when the diff names none (w:author is required)."""

TRACKED = ("insert", "delete")
_ATTRIBUTE_SPACE = re.compile(r"\r\n|[\t\n\r]")
_MARK_TAG = {"insert": "w:ins", "delete": "w:del"}


# --- revisions -------------------------------------------------------------------------


class _Revisions:
    """Author, date and the running revision id: every revision gets the next id, in
    document order, so the same diff always numbers its revisions the same way."""

    def __init__(self, author: str, when: str) -> None:
        # Tabs and line ends become spaces, as an XML parser reads them in an attribute: the
        # rows of the tables are spliced into the document as written, never parsed.
        author = _ATTRIBUTE_SPACE.sub(" ", INVALID_XML.sub("", author or DEFAULT_AUTHOR))
        self.author = escape(author, {'"': "&quot;"})
        self.when = when
        self.next_id = 1

    def attrs(self) -> str:
        """The attributes of one revision: a fresh w:id, w:author, w:date."""
        rid = self.next_id
        self.next_id += 1
        return f'w:id="{rid}" w:author="{self.author}" w:date="{self.when}"'

    def marker(self, ops: Sequence[str]) -> str:
        """Empty `w:ins`/`w:del` markers (paragraph marks, rows), in schema order."""
        return "".join(f"<{_MARK_TAG[op]} {self.attrs()}/>" for op in ("insert", "delete") if op in ops)


def revision_time(diff: VersionDiff) -> str:
    """The w:date of every revision: the order's date at 00:00 UTC.

    Without a usable `diff.date` the new version's own fixed timestamp is used (the latest
    date it knows), never the clock, so the bytes stay reproducible.
    """
    try:
        day = Date.fromisoformat(diff.date)
    except ValueError:
        day = fixed_time(diff.new).date()
    return f"{day.isoformat()}T00:00:00Z"


# --- paragraphs with tracked runs and marks ------------------------------------------------


@dataclass(frozen=True)
class _Para:
    """One paragraph of the redline: its runs (op, text) and what happens to its mark.

    `mark` is "equal" (the mark exists in both versions), "insert"/"delete" (in one only:
    the paragraph joins the next one when the change is rejected/accepted), or "end": the
    last mark of a cell or block, which both versions have. `new_style`/`old_style` are the
    styles it has in each version (None where it does not exist in that version).
    """

    runs: tuple[tuple[str, str], ...]
    mark: str
    new_style: str | None = None
    old_style: str | None = None


def _split(pieces: Sequence[Piece]) -> list[_Para]:
    """Cut a word diff of "\\n"-joined lines into paragraphs.

    Every "\\n" is a paragraph mark and takes the op of the piece it is in: a line added
    before an equal line makes an inserted mark, so rejecting it leaves no empty paragraph.
    """
    paras: list[_Para] = []
    runs: list[tuple[str, str]] = []
    for piece in pieces:
        for index, part in enumerate(piece.text.split("\n")):
            if index:
                paras.append(_Para(tuple(runs), piece.op))
                runs = []
            if part:
                runs.append((piece.op, part))
    paras.append(_Para(tuple(runs), "end"))
    return paras


def _whole(texts: Sequence[str], op: str) -> list[_Para]:
    """Paragraphs of one version only: every run and every mark tracked (as Word writes an
    inserted or deleted row: the cell's paragraph marks are tracked too)."""
    return [_Para(((op, text),) if text else (), op) for text in texts]


def _rotate_end(paras: list[_Para]) -> list[_Para]:
    """Make the last mark one both versions have.

    A block's last mark cannot be tracked: a paragraph that ends the block has no next
    paragraph to join. If the block ends in paragraphs of one version only, the marks from
    the last shared paragraph on are shifted by one (the shared mark moves to the end, and
    the last shared paragraph takes the tracked mark of its follower), which keeps both
    texts; with no shared paragraph the last paragraph of each version become one.
    """
    shared = [i for i, para in enumerate(paras) if para.mark == "equal"]
    if paras[-1].mark not in TRACKED:
        return [*paras[:-1], _Para(paras[-1].runs, "end")]
    if shared:
        start = shared[-1]
        marks = [para.mark for para in paras[start + 1 :]] + ["end"]
        return paras[:start] + [_Para(para.runs, mark) for para, mark in zip(paras[start:], marks, strict=True)]
    last_old = max(i for i, para in enumerate(paras) if para.mark == "delete")
    last_new = max(i for i, para in enumerate(paras) if para.mark == "insert")
    joined = _Para(paras[last_old].runs + paras[last_new].runs, "end")
    return [para for i, para in enumerate(paras) if i not in (last_old, last_new)] + [joined]


def _block(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[_Para]:
    """The paragraphs of a block of (style, text) paragraphs in both versions.

    Paragraphs are aligned first; only a paragraph replaced by one of the same style is
    compared word by word, so a new note reads as one inserted paragraph rather than as
    words borrowed from its neighbours. A "\\n" inside a text is a line break (w:br) here.
    """
    if not old or not new:
        op, side = ("insert", new) if not old else ("delete", old)
        return _styled(_whole([text for _, text in side], op), old, new)
    paras: list[_Para] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            paras.extend(_Para((("equal", text),) if text else (), "equal") for _, text in old[i1:i2])
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        dropped, added = [], []
        for position in range(max(len(olds), len(news))):
            before = olds[position] if position < len(olds) else None
            after = news[position] if position < len(news) else None
            if before is not None and after is not None and before[0] == after[0]:
                paras.extend(dropped)
                paras.extend(added)
                dropped, added = [], []
                pieces = diff_words(before[1], after[1])
                paras.append(_Para(tuple((p.op, p.text) for p in pieces if p.text), "equal"))
                continue
            if before is not None:
                dropped.extend(_whole([before[1]], "delete"))
            if after is not None:
                added.extend(_whole([after[1]], "insert"))
        paras.extend(dropped)
        paras.extend(added)
    return _styled(_rotate_end(paras), old, new)


def _styled(paras: list[_Para], old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[_Para]:
    """Give every paragraph the style it has in each version.

    The style of a paragraph lives in its mark, so the n-th mark that is not inserted is
    the end of the old version's n-th paragraph, and likewise for the new version.
    """
    old_at, new_at = 0, 0
    result = []
    for para in paras:
        new_style = old_style = None
        if para.mark != "delete":
            new_style = new[new_at][0]
            new_at += 1
        if para.mark != "insert":
            old_style = old[old_at][0]
            old_at += 1
        result.append(_Para(para.runs, para.mark, new_style, old_style))
    if (old_at, new_at) != (len(old), len(new)):
        raise AssertionError("redline paragraphs do not add up to both versions")  # a bug, not bad input
    return result


def _fits(pieces: Sequence[Piece], old: str, new: str) -> bool:
    """Do the pieces spell `old` (equal + delete) and `new` (equal + insert)?"""
    before = "".join(p.text for p in pieces if p.op != "insert")
    after = "".join(p.text for p in pieces if p.op != "delete")
    return before == old and after == new


def _pieces(old: str, new: str, hint: TextDiff | None) -> tuple[Piece, ...]:
    """The word diff of two printed texts: the diff's own pieces when they spell exactly
    these texts (a heading label adds "8-тарау. " in front of the compared heading; a
    covered cell prints nothing), else a fresh word diff of what is printed."""
    if hint is not None:
        hint_old, hint_new = cell_text(hint.old), cell_text(hint.new)
        if old.endswith(hint_old) and new.endswith(hint_new):
            prefix = old[: len(old) - len(hint_old)]
            if prefix == new[: len(new) - len(hint_new)]:
                pieces = ((Piece("equal", prefix),) if prefix else ()) + tuple(hint.pieces)
                if _fits(pieces, old, new):
                    return pieces
    return diff_words(old, new)


# --- table XML ---------------------------------------------------------------------------


def _vmerge(cell: Cell) -> str | None:
    """A printed cell's merge state as `tc_xml` takes it."""
    if cell.covered_by:
        return "continue"
    return "restart" if cell.rowspan > 1 else None


LINE_BREAK = "\x0b"
"""A line break inside one printed line (w:br), kept apart from the "\n" between a cell's
paragraphs. XML cannot hold U+000B, so `escape_text` drops it from any text, and it is stripped
before lines are encoded: it can only mean a line break here."""


def _encode(lines: Sequence[str]) -> str:
    """Printed lines as one text: "\n" between paragraphs, `LINE_BREAK` for a "\n" inside a
    line (a specialty may hold one; `_p` prints it as w:br in one paragraph)."""
    return "\n".join(INVALID_XML.sub("", line).replace("\n", LINE_BREAK) for line in lines)


def _printed(cell: Cell) -> str:
    """What a cell prints, encoded: a covered cell prints nothing."""
    return "" if cell.covered_by else _encode(cell.lines)


def _one(text: str | None) -> str | None:
    """A one-paragraph text (a label, a column header) encoded like a cell's lines."""
    return None if text is None else _encode([text])


class _TableRedliner:
    """Writes the rows of one annex table with revisions, as `w:tr` XML strings."""

    def __init__(self, revisions: _Revisions, ids: dict[str, str], widths: list[int]) -> None:
        self.revisions = revisions
        self.ids = ids
        self.widths = widths
        self.writer = TableWriter(widths, ids)

    # runs and paragraphs

    def run(self, op: str, text: str) -> str:
        runs = escape_text(text.replace(LINE_BREAK, "\n"))
        if op == "equal":
            return f"<w:r>{runs}</w:r>"
        if op == "insert":
            return f"<w:ins {self.revisions.attrs()}><w:r>{runs}</w:r></w:ins>"
        deleted = runs.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        return f"<w:del {self.revisions.attrs()}><w:r>{deleted}</w:r></w:del>"

    def paragraph(self, para: _Para) -> str:
        style = self.ids[para.new_style or para.old_style or "Table Text"]
        props = f'<w:pStyle w:val="{style}"/>'
        if para.mark in TRACKED:
            props += f"<w:rPr>{self.revisions.marker([para.mark])}</w:rPr>"
        if para.new_style and para.old_style and para.new_style != para.old_style:
            old = self.ids[para.old_style]
            props += f'<w:pPrChange {self.revisions.attrs()}><w:pPr><w:pStyle w:val="{old}"/></w:pPr></w:pPrChange>'
        return f"<w:p><w:pPr>{props}</w:pPr>{''.join(self.run(op, text) for op, text in para.runs)}</w:p>"

    def paragraphs(self, paras: Sequence[_Para]) -> str:
        return "".join(self.paragraph(para) for para in paras)

    def text(self, style: str, old: str | None, new: str | None, hint: TextDiff | None = None) -> str:
        """The paragraphs of one encoded cell text (see `_encode`) in one style; None for
        the version that does not have the cell."""
        if old is None or new is None:
            op, text = ("insert", new) if old is None else ("delete", old)
            assert text is not None
            paras = _whole(text.split("\n"), op)
            return self.paragraphs([_Para(p.runs, p.mark, style, style) for p in paras])
        paras = _split(_pieces(old, new, hint))
        return self.paragraphs([_Para(p.runs, p.mark, style, style) for p in paras])

    # cells and rows

    def cell(self, width: int, old: Cell | None, new: Cell | None, hint: TextDiff | None) -> str:
        """A cell with the new merge state and, if the old one differs, `w:tcPrChange`."""
        current = new if new is not None else old
        assert current is not None
        change = ""
        if old is not None and new is not None and _vmerge(old) != _vmerge(new):
            previous = tc_xml(width, "", vmerge=_vmerge(old))[len("<w:tc>") : -len("</w:tc>")]
            change = f"<w:tcPrChange {self.revisions.attrs()}>{previous}</w:tcPrChange>"
        body = self.text(
            "Table Text", None if old is None else _printed(old), None if new is None else _printed(new), hint
        )
        return tc_xml(width, body, vmerge=_vmerge(current)).replace("</w:tcPr>", change + "</w:tcPr>", 1)

    def row(self, cells: str, marker: str = "", *, keep: bool = False, header: bool = False) -> str:
        """`_tr` with the row's revision marker (`w:trPr/w:ins` or `w:del`), if any."""
        props = ("<w:cantSplit/>" if keep or header else "") + ("<w:tblHeader/>" if header else "") + marker
        return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>" if props else f"<w:tr>{cells}</w:tr>"

    def row_marker(self, old: object, new: object) -> str:
        """The marker of a row in one version only; taken before its cells are written, so
        that revision ids count up in document order."""
        if old is not None and new is not None:
            return ""
        return self.revisions.marker(["insert" if old is None else "delete"])

    def header(self, old: list[str] | None, new: list[str] | None) -> str:
        """The column-header row (grey, repeated on every page)."""
        if old is not None and new is not None and old == new:
            return self.writer.header(new)
        marker = self.row_marker(old, new)
        cells = []
        for index, width in enumerate(self.widths):
            body = self.text(
                "Table Column", _one(None if old is None else old[index]), _one(None if new is None else new[index])
            )
            cells.append(tc_xml(width, body, fill=HEADER_FILL))
        return self.row("".join(cells), marker, header=True)

    def line(self, old: TableLine | None, new: TableLine | None, change: UnitChange | None) -> str:
        """One printed line: in both versions (compared), or in one only (a tracked row)."""
        if old is not None and new is not None:
            unchanged = self.writer.line(new)
            if old == new or self.writer.line(old) == unchanged:  # same printed line: as in the DOCX
                return unchanged
        marker = self.row_marker(old, new)
        sample = new if new is not None else old
        assert sample is not None
        if isinstance(sample, NoteRow):
            paras = _block(_note_paragraphs(old), _note_paragraphs(new))
            return self.row(tc_xml(sum(self.widths), self.paragraphs(paras), span=len(self.widths)), marker)
        old_view, new_view = cast(UnitView | None, old), cast(UnitView | None, new)
        hints = {t.field: t for t in change.texts} if change is not None else {}
        if sample.kind != "row":
            style = "Table Chapter" if sample.kind == "chapter" else "Table Paragraph"
            body = self.text(
                style, _one(old_view and old_view.label), _one(new_view and new_view.label), hints.get("heading")
            )
            return self.row(tc_xml(sum(self.widths), body, span=len(self.widths)), marker, keep=True)
        labels = _one(old_view and old_view.label), _one(new_view and new_view.label)
        cells = [tc_xml(self.widths[0], self.text("Table Text", *labels))]
        for index, width in enumerate(self.widths[1:]):
            before = old_view.cells[index] if old_view is not None else None
            after = new_view.cells[index] if new_view is not None else None
            column = (after or before).column  # type: ignore[union-attr]
            cells.append(self.cell(width, before, after, hints.get(column)))
        return self.row("".join(cells), marker)


def _note_paragraphs(line: TableLine | None) -> list[tuple[str, str]]:
    """A note row's paragraphs as `TableWriter` prints them: the row's number when the
    notes are deferred past a merge, then the notes."""
    if not isinstance(line, NoteRow):
        return []
    head = [line.label] if line.deferred else []
    return [("Table Note", text) for text in (*head, *line.notes)]


def _keyed_lines(
    annex: Annex | None, labels: Labels, changes: dict[int, int]
) -> tuple[list[TableLine], list[Hashable]]:
    """The printed lines of one version's table and the key each is aligned by.

    A unit the diff pairs with a unit of the other version has the key of that pairing (its
    change's index); a unit the diff does not name is keyed by its address. A note row has
    its unit's key, marked as a note.
    """
    if annex is None:
        return [], []
    views = unit_views(annex, labels)
    view_keys: dict[int, Hashable] = {}
    eid_keys: dict[str, Hashable] = {}
    for unit, view in zip(annex.units, views, strict=True):
        index = changes.get(id(unit))
        key = ("change", index) if index is not None else ("eid", view.eid)
        view_keys[id(view)] = key
        eid_keys.setdefault(view.eid, key)
    lines = table_lines(views)
    keys: list[Hashable] = [
        ("note", eid_keys.get(line.eid)) if isinstance(line, NoteRow) else ("unit", view_keys[id(line)])
        for line in lines
    ]
    return lines, keys


def _change_of(annex_diff: AnnexDiff, key: Hashable) -> UnitChange | None:
    """The change a line key names, if it names one."""
    kind, unit_key = cast(tuple[str, Hashable], key)
    if kind == "unit" and isinstance(unit_key, tuple) and unit_key[0] == "change":
        return annex_diff.changes[unit_key[1]]
    return None


def _table_rows(
    redliner: _TableRedliner,
    annex_diff: AnnexDiff,
    old: Annex | None,
    new: Annex | None,
    old_labels: Labels,
    new_labels: Labels,
) -> list[str]:
    """The rows of one annex table: the header row, then both versions' lines aligned."""
    by_old = {id(c.old): i for i, c in enumerate(annex_diff.changes) if c.old is not None}
    by_new = {id(c.new): i for i, c in enumerate(annex_diff.changes) if c.new is not None}
    old_lines, old_keys = _keyed_lines(old, old_labels, by_old)
    new_lines, new_keys = _keyed_lines(new, new_labels, by_new)
    rows = [
        redliner.header(
            None if old is None else old_labels.header(old.header),
            None if new is None else new_labels.header(new.header),
        )
    ]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for before, after, key in zip(old_lines[i1:i2], new_lines[j1:j2], new_keys[j1:j2], strict=True):
                rows.append(redliner.line(before, after, _change_of(annex_diff, key)))
            continue
        rows.extend(redliner.line(before, None, None) for before in old_lines[i1:i2])
        rows.extend(redliner.line(None, after, None) for after in new_lines[j1:j2])
    return rows


# --- the document ---------------------------------------------------------------------------


class _Recorder:
    """Stands in for the document while `front_matter` runs, to learn which paragraphs
    (style, text) a version's front matter has, from the very code that writes them."""

    def __init__(self) -> None:
        self.paragraphs: list[tuple[str, str]] = []

    def add_paragraph(self, text: str = "", style: str | None = None) -> None:
        self.paragraphs.append((style or "Normal", text))


def _front_paragraphs(act: Act, labels: Labels) -> list[tuple[str, str]]:
    recorder = _Recorder()
    front_matter(cast(DocumentObject, recorder), act, labels)
    return recorder.paragraphs


def _annex_paragraphs(annex: Annex | None, labels: Labels) -> list[tuple[str, str]]:
    """The paragraphs above an annex table, as `consolidate.export.docx._annex` writes them."""
    if annex is None:
        return []
    notes = [("Act Note", labels.note(note)) for note in annex.notes]
    stamp = [("Annex Label", line) for line in annex.stamp or [labels.word("annex", num=annex.num)]]
    return [*stamp, ("Annex Title", annex.title), *notes]


class _BodyWriter:
    """Writes tracked paragraphs into the document body through python-docx, so their text
    (tabs, line breaks) is encoded exactly as `add_paragraph` encodes it there."""

    def __init__(self, document: DocumentObject, revisions: _Revisions, ids: dict[str, str]) -> None:
        self.document = document
        self.revisions = revisions
        self.ids = ids

    def _wrap(self, run: etree._Element, op: str) -> None:
        if op == "delete":
            for text in run.iter(qn("w:t")):
                text.tag = qn("w:delText")
        wrapper = parse_xml(f"<{_MARK_TAG[op]} {nsdecls('w')} {self.revisions.attrs()}/>")
        run.addprevious(wrapper)
        wrapper.append(run)

    def paragraph(self, para: _Para) -> Paragraph:
        paragraph = self.document.add_paragraph(style=para.new_style or para.old_style)
        extra = ""  # the mark's revisions first: ids count up in document order
        if para.mark in TRACKED:
            extra += f"<w:rPr>{self.revisions.marker([para.mark])}</w:rPr>"
        if para.new_style and para.old_style and para.new_style != para.old_style:
            old = self.ids[para.old_style]
            extra += f'<w:pPrChange {self.revisions.attrs()}><w:pPr><w:pStyle w:val="{old}"/></w:pPr></w:pPrChange>'
        if extra:
            properties = paragraph._p.get_or_add_pPr()
            properties.extend(list(parse_xml(f"<w:pPr {nsdecls('w')}>{extra}</w:pPr>")))
        for op, text in para.runs:
            run = paragraph.add_run(text)._r
            if op in TRACKED:
                self._wrap(run, op)
        return paragraph

    def block(self, old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> None:
        for para in _block(old, new):
            self.paragraph(para)

    def section_break(self, ops: Sequence[str]) -> None:
        """A new landscape section; `ops` tracks the break closing the section before it."""
        landscape_section(self.document)
        if ops:
            sect = self.document.element.body.sectPr.getprevious()  # the paragraph python-docx just added
            holder = sect.find(qn("w:pPr")).find(qn("w:sectPr"))
            holder.addprevious(parse_xml(f"<w:rPr {nsdecls('w')}>{self.revisions.marker(ops)}</w:rPr>"))


def _break_ops(statuses: Sequence[str]) -> list[list[str]]:
    """How the section break opening each annex is tracked, for annexes of one version only.

    In the view that drops an annex (reject for an inserted one, accept for a deleted one)
    one section break per dropped annex must go too: the break after it when a kept annex
    follows (so the section before keeps its own properties), else the break before it.
    A break dropped in both views carries both markers.
    """
    ops: list[list[str]] = [[] for _ in statuses]
    for op, gone in (("insert", "inserted"), ("delete", "deleted")):
        dropped = [status == gone for status in statuses]
        index = 0
        while index < len(statuses):
            if not dropped[index]:
                index += 1
                continue
            end = index
            while end + 1 < len(statuses) and dropped[end + 1]:
                end += 1
            kept_after = any(not flag for flag in dropped[end + 1 :])
            targets = range(index + 1, end + 2) if kept_after else range(index, end + 1)
            for target in targets:
                ops[target].append(op)
            index = end + 1
    return ops


def _annex_pairs(diff: VersionDiff) -> list[tuple[AnnexDiff, Annex | None, Annex | None]]:
    """(annex diff, old annex, new annex) in the diff's order; every annex must be named."""
    old = {annex.num: annex for annex in diff.old.annexes}
    new = {annex.num: annex for annex in diff.new.annexes}
    named = {annex_diff.num for annex_diff in diff.annexes}
    missing = sorted((old.keys() | new.keys()) - named)
    if missing:
        raise ValueError(f"the diff does not name annex(es) {', '.join(missing)}")
    return [(annex_diff, old.get(annex_diff.num), new.get(annex_diff.num)) for annex_diff in diff.annexes]


def _table(document: DocumentObject, rows: list[str], ids: dict[str, str], labels: Labels, tables: list[bytes]) -> None:
    """Put the rows into a table with the consolidated DOCX's table properties and grid.

    The skeleton is `table_xml` of an annex without units (its one header row is dropped),
    so the table looks exactly like the consolidated one. The rows are not parsed: a
    placeholder holds their place and `package_bytes` splices them into the written
    document (`tables` collects them, in document order).
    """
    skeleton = table_xml(Annex(num="", title="", header={}), labels, ids)
    parsed = parse_xml(skeleton[: skeleton.index("<w:tr>", skeleton.index("</w:tblGrid>"))] + "</w:tbl>")
    parsed.append(rows_placeholder(len(tables)))
    tables.append(as_serialised("".join(rows)))
    table = document.add_table(rows=0, cols=len(COLUMN_SHARES))._tbl
    for child in list(table):
        table.remove(child)
    table.extend(list(parsed))


def export_redline_docx(diff: VersionDiff) -> bytes:
    """The new version as DOCX with every change from the old one as a tracked revision.

    Revisions are authored by `diff.author` (or "consolidate") on `diff.date` at 00:00 UTC.
    Accepting all of them gives the text of `render(diff.new, "docx")`, rejecting all of
    them that of `render(diff.old, "docx")`. The same diff always gives the same bytes.
    """
    with collector_paused():  # a few objects per cell, none in a cycle: see consolidate/gcpause.py
        return _redline_docx(diff)


def _redline_docx(diff: VersionDiff) -> bytes:
    old_labels, new_labels = labels_for(diff.old.lang), labels_for(diff.new.lang)
    revisions = _Revisions(diff.author, revision_time(diff))
    document = Document()
    set_defaults(document, new_labels)
    ids = add_styles(document)
    portrait(document)
    body = _BodyWriter(document, revisions, ids)
    body.block(_front_paragraphs(diff.old, old_labels), _front_paragraphs(diff.new, new_labels))
    pairs = _annex_pairs(diff)
    statuses = ["deleted" if new is None else "inserted" if old is None else "both" for _, old, new in pairs]
    redliner = _TableRedliner(revisions, ids, column_widths())
    tables: list[bytes] = []
    for (annex_diff, old, new), ops in zip(pairs, _break_ops(statuses), strict=True):
        body.section_break(ops)
        body.block(_annex_paragraphs(old, old_labels), _annex_paragraphs(new, new_labels))
        rows = _table_rows(redliner, annex_diff, old, new, old_labels, new_labels)
        _table(document, rows, ids, new_labels, tables)
    core_properties(document, diff.new, new_labels)
    return package_bytes(document, tables)


__all__ = ["DEFAULT_AUTHOR", "export_redline_docx", "revision_time"]
