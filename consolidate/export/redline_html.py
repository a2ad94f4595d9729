"""The redline page of a `VersionDiff`: what changed, unit by unit and word by word.

A reviewer (legal expertise, Ministry of Justice) reads the change twice: *inline*, in the
annex table as it now stands (merged cells as in the new version, so the page looks like
the act the reviewer knows), and *side by side*, old wording next to new wording for every
changed unit, where nothing is hidden by a merge. A summary at the top counts the changes
and links to each of them.

Every piece of changed text is an `<ins class="ins">` or `<del class="del">` with
`data-eid` and `data-field`; the labels of inserted or deleted units ("26-1.", "7-1-тарау.")
are marked with class `label` instead, so counting `ins.ins` / `del.del` gives exactly the
word pieces of the diff. `<body>` states those counts (`data-inserted`, `data-deleted`,
`data-changed-units`), computed from the diff, so a browser test can compare the page with
the model without re-deriving anything.

The helpers below (`unit_texts`, `unit_place`, `kind_label`) are shared with the
comparative table (consolidate/export/comparative.py) so both review outputs describe a
change in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from consolidate.diff.model import AnnexDiff, Piece, TextDiff, UnitChange, VersionDiff
from consolidate.export.layout import covered_cells
from consolidate.gcpause import collector_paused
from consolidate.labels import Labels, labels_for, print_date
from consolidate.model.act import Act, Annex
from consolidate.model.units import COLUMNS, CellValue, ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.resources import environment

TEMPLATE = "redline.html.j2"
REVIEW_KINDS: tuple[str, ...] = ("inserted", "deleted", "repealed", "restated", "moved")
"""The kinds a reviewer is shown (every kind but "unchanged"), in the summary's order."""


# --- the diff's texts, normalised -----------------------------------------------------


def _text(value: CellValue | None) -> str:
    """A field value as one text: list items (specialties) one per line."""
    if value is None:
        return ""
    return "\n".join(value) if isinstance(value, list) else value


def _field_value(unit: Unit | None, name: str) -> CellValue | None:
    if unit is None:
        return None
    if isinstance(unit, Row):
        return None if unit.repealed else unit.cell(name)
    return unit.heading if name == "heading" else None


def _synthesized(name: str, old: CellValue | None, new: CellValue | None) -> TextDiff:
    """A field the diff did not carry, as whole-text pieces.

    `diff_versions` gives every field of every unit; a hand-made diff (or a future differ
    that keeps only changed fields) may not, and a renderer must still print the full unit.
    """
    old_text, new_text = _text(old), _text(new)
    if old_text == new_text:
        pieces: tuple[Piece, ...] = (Piece("equal", new_text),) if new_text else ()
    else:
        pieces = tuple(p for p in (Piece("delete", old_text), Piece("insert", new_text)) if p.text)
    blank: CellValue = [] if isinstance(old if old is not None else new, list) else ""
    return TextDiff(name, old if old is not None else blank, new if new is not None else blank, pieces)


def unit_fields(change: UnitChange) -> list[str]:
    """The fields of a unit in printed order: a row's cells in table order (plus any
    column the diff knows that the table does not), or "heading"."""
    if change.type != "row":
        return ["heading"]
    extra = [t.field for t in change.texts if t.field not in COLUMNS]
    return [*COLUMNS, *dict.fromkeys(extra)]


def unit_texts(change: UnitChange) -> dict[str, TextDiff]:
    """Every field of a changed unit with its word pieces, in printed order.

    The diff's own `TextDiff`s are used as they are (they are what the counts report);
    fields it left out are filled in from the units so every output prints whole units.
    """
    given = {text.field: text for text in change.texts}
    result = {}
    for name in unit_fields(change):
        text = given.get(name)
        if text is None:
            text = _synthesized(name, _field_value(change.old, name), _field_value(change.new, name))
        result[name] = text
    return result


def piece_counts(texts: dict[str, TextDiff]) -> tuple[int, int]:
    """(inserted, deleted) pieces of non-empty text: one `<ins>`/`<del>` each on the page."""
    inserted = sum(1 for t in texts.values() for p in t.pieces if p.op == "insert" and p.text)
    deleted = sum(1 for t in texts.values() for p in t.pieces if p.op == "delete" and p.text)
    return inserted, deleted


# --- printed words about a change ---------------------------------------------------


def kind_label(kind: str, labels: Labels) -> str:
    """The printed word of a change kind ("толықтырылды", "жаңа редакцияда", ...)."""
    return labels.word(f"kind_{kind}")


def unit_place(change: UnitChange, labels: Labels) -> str:
    """Where a unit stands, as a drafter writes it: "2-қосымша, 6-тарау, реттік нөмірі 33-жол"."""
    unit = change.new if change.new is not None else change.old
    parts = [labels.word("annex", num=change.annex)]
    if isinstance(unit, ChapterHeading):
        parts.append(labels.word("unit_chapter", num=change.num))
    elif isinstance(unit, ParagraphHeading):
        if unit.chapter:
            parts.append(labels.word("unit_chapter", num=unit.chapter))
        parts.append(labels.word("unit_paragraph", num=change.num))
    elif isinstance(unit, Row):
        if unit.chapter:
            parts.append(labels.word("unit_chapter", num=unit.chapter))
        if unit.paragraph:
            parts.append(labels.word("unit_paragraph", num=unit.paragraph))
        parts.append(labels.word("unit_row", num=change.num))
    place = ", ".join(parts)
    if change.kind == "moved" and change.old_num:
        place = f"{place} {labels.word('moved_from', num=change.old_num)}"
    return place


def unit_label(change: UnitChange, labels: Labels) -> str:
    """The label printed in the table: "26-1." for a row, "8-тарау." for a chapter."""
    if change.type == "chapter":
        return labels.chapter(change.num, "")
    if change.type == "paragraph":
        return labels.paragraph(change.num, "")
    return labels.row(change.num)


def column_names(annex: Annex | None, labels: Labels) -> dict[str, str]:
    """Column key -> printed header of the annex (ours where it has none), plus "heading"."""
    header = annex.header if annex is not None else {}
    names = dict(zip(("num", *COLUMNS), labels.header(header), strict=True))
    names["heading"] = labels.word("heading_field")
    return names


def find_annex(act: Act, num: str) -> Annex | None:
    for annex in act.annexes:
        if annex.num == num:
            return annex
    return None


# --- runs: pieces as printed ---------------------------------------------------------


class Run(NamedTuple):
    """A piece of text as printed: its op ("equal", "insert", "delete") and its lines."""

    op: str
    lines: tuple[str, ...]


def runs(text: TextDiff, side: str | None = None) -> tuple[Run, ...]:
    """The pieces of one field as printed; `side` "old" drops inserts, "new" drops deletes."""
    skip = {"old": "insert", "new": "delete"}.get(side or "")
    return tuple(Run(p.op, tuple(p.text.split("\n"))) for p in text.pieces if p.text and p.op != skip)


# --- HTML of pieces -------------------------------------------------------------------

_SPECIAL = re.compile(r"[&<>\"']")


def _esc(text: str) -> str:
    """`text` escaped as the page's autoescape does (markupsafe), skipping the work for the
    usual text with nothing to escape."""
    return text if _SPECIAL.search(text) is None else str(escape(text))


def _show(pieces: Iterable[Piece], eid: str, field: str) -> str:
    """Printed pieces as HTML: inserted and deleted text in `<ins>`/`<del>` naming the unit
    and field, lines of a piece joined by `<br>`. `eid` and `field` come escaped."""
    out = []
    for piece in pieces:
        body = _esc(piece.text).replace("\n", "<br>")
        if piece.op == "insert":
            out.append(f'<ins class="ins" data-eid="{eid}" data-field="{field}">{body}</ins>')
        elif piece.op == "delete":
            out.append(f'<del class="del" data-eid="{eid}" data-field="{field}">{body}</del>')
        else:
            out.append(body)
    return "".join(out)


def _printed(text: TextDiff, skip: str = "") -> tuple[Piece, ...]:
    """The pieces of a field that print: non-empty, and not of the op `skip` (the side view
    drops inserts from the old wording and deletes from the new)."""
    pieces = text.pieces
    if len(pieces) == 1 and not skip:  # the usual field of an unchanged unit: one equal piece
        return pieces if pieces[0].text else ()
    return tuple(p for p in pieces if p.text and p.op != skip)


def _tally(pieces: Iterable[Piece], counts: list[int]) -> None:
    """Add the inserted and deleted pieces to `counts` ([inserted, deleted])."""
    for piece in pieces:
        if piece.op == "insert":
            counts[0] += 1
        elif piece.op == "delete":
            counts[1] += 1


# --- the inline view ----------------------------------------------------------------


class _InlineCell:
    """A printed cell of a row: its pieces, and changes of rows its merge covers.

    `also` holds ("34-жолда:", eid, pieces) of covered rows whose own change differs from
    the head row's: the merged cell can only print one text, and a reviewer must not lose
    the rest. Kept until the annex is done, since a covered row comes after its head.
    """

    __slots__ = ("also", "column", "pieces", "rowspan")

    def __init__(self, column: str, rowspan: int, pieces: tuple[Piece, ...]) -> None:
        self.column = column
        self.rowspan = rowspan
        self.pieces = pieces
        self.also: list[tuple[str, str, tuple[Piece, ...]]] = []


class _InlineLine(NamedTuple):
    """A row of the inline table: a heading row or a numbered row, with its change."""

    change: UnitChange
    id: str
    label: str
    label_op: str
    moved_from: str
    heading: tuple[Piece, ...]
    cells: list[_InlineCell]

    @property
    def continues_merge(self) -> bool:
        """True when a cell of the row above runs on into this row (some cell is covered)."""
        return self.change.type == "row" and len(self.cells) < len(COLUMNS)


class _Ids:
    """Unique element ids, deterministic: a repeated address gets "-2", "-3" appended."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{wanted}-{n}"
        self.seen.add(candidate)
        return candidate


def _label_op(change: UnitChange) -> str:
    """How a unit's label is marked: new units inserted, gone units deleted.

    A repealed row keeps its number (the reference bank prints "26-5. алып тасталды"), so
    only its cells are struck.
    """
    if change.kind == "inserted":
        return "insert"
    if change.kind == "deleted" or (change.kind == "repealed" and change.type != "row"):
        return "delete"
    return "equal"


class _Layout(NamedTuple):
    """The merges of the new version's table, as the consolidated page prints them:
    unit index by address, row spans of merge heads, and (index, column) -> number of the
    row whose merged cell covers it. Only what the redline needs of `unit_views`."""

    index: dict[str, int]
    spans: dict[int, dict[str, int]]
    covered: dict[tuple[int, str], str]
    row_eids: dict[str, str]


def _layout(annex: Annex | None) -> _Layout:
    if annex is None:
        return _Layout({}, {}, {}, {})
    spans = annex.spans()
    index = {annex.unit_eid(unit): i for i, unit in enumerate(annex.units)}
    units = annex.units
    row_eids = {units[i].num: eid for eid, i in index.items() if isinstance(units[i], Row)}
    return _Layout(index, spans, covered_cells(annex, spans), row_eids)


def _inline_line(
    change: UnitChange, texts: dict[str, TextDiff], at: int | None, layout: _Layout, line_id: str, labels: Labels
) -> _InlineLine:
    """A unit of the inline table; `at` is its index in the new version (None for a deleted
    unit or one the new version does not hold: all its cells printed, no merges)."""
    moved_from = labels.word("moved_from", num=change.old_num) if change.kind == "moved" and change.old_num else ""
    if change.type != "row":
        return _InlineLine(change, line_id, unit_label(change, labels), _label_op(change), moved_from,
                           _printed(texts["heading"]), [])  # fmt: skip
    if at is None:
        cells = [_InlineCell(c, 1, _printed(texts[c])) for c in COLUMNS]
    else:
        spans, covered = layout.spans.get(at, {}), layout.covered
        cells = [_InlineCell(c, spans.get(c, 1), _printed(texts[c])) for c in COLUMNS if (at, c) not in covered]
    return _InlineLine(change, line_id, labels.row(change.num), _label_op(change), moved_from, (), cells)


def _changed(text: TextDiff) -> bool:
    return any(p.op != "equal" and p.text for p in text.pieces)


def _inline_annex(annex_diff: AnnexDiff, diff: VersionDiff, labels: Labels, ids: _Ids) -> list[_InlineLine]:
    """The inline table of one annex, rows in document order.

    Units of the new version take its layout (the same rowspans as the consolidated page).
    A deleted unit is printed where it stood, unless that is inside a merge block of the
    new version: a row there would cut the merged cell, so it waits until the block ends
    (as deferred notes do in the consolidated page).
    """
    layout = _layout(find_annex(diff.new, annex_diff.num))
    lines: list[_InlineLine] = []
    pending: list[_InlineLine] = []
    heads: dict[tuple[str, str], _InlineCell] = {}
    covered: list[tuple[str, str, str, str, TextDiff]] = []  # (head eid, column, "34-жолда:", eid, text)
    for change in annex_diff.changes:
        at = layout.index.get(change.eid) if change.kind != "deleted" else None
        texts = unit_texts(change)
        line = _inline_line(change, texts, at, layout, ids.take(change.eid), labels)
        if at is None:
            if change.kind == "deleted":
                pending.append(line)
            else:
                lines.append(line)
            continue
        if pending and not line.continues_merge:
            lines.extend(pending)
            pending = []
        lines.append(line)
        if change.type != "row":
            continue
        for cell in line.cells:
            if cell.rowspan > 1:
                heads[(change.eid, cell.column)] = cell
        for column in COLUMNS:
            head_num = layout.covered.get((at, column))
            if head_num and head_num in layout.row_eids:
                also = labels.word("also_changed", num=change.num)
                covered.append((layout.row_eids[head_num], column, also, change.eid, texts[column]))
    lines.extend(pending)
    _attach_covered(heads, covered)
    return lines


def _attach_covered(
    heads: dict[tuple[str, str], _InlineCell], covered: list[tuple[str, str, str, str, TextDiff]]
) -> None:
    """Add to each merged cell the changes of covered rows that differ from its own."""
    for head_eid, column, label, eid, text in covered:
        head = heads.get((head_eid, column))
        if head is None or not _changed(text):
            continue
        own = _printed(text)
        if own != head.pieces:
            head.also.append((label, eid, own))


def _line_html(line: _InlineLine, counts: list[int]) -> str:
    """One `<tr>` of the inline table (and its newline); counts its pieces into `counts`."""
    change = line.change
    eid, kind = _esc(change.eid), _esc(change.kind)
    label = _esc(line.label)
    if line.label_op == "insert":
        label = f'<ins class="label" data-eid="{eid}">{label}</ins>'
    elif line.label_op == "delete":
        label = f'<del class="label" data-eid="{eid}">{label}</del>'
    moved = f' <span class="moved-from">{_esc(line.moved_from)}</span>' if line.moved_from else ""
    kind_attrs = f'{kind}" data-kind="{kind}" data-eid="{eid}">'
    if change.type != "row":
        _tally(line.heading, counts)
        heading = f" {_show(line.heading, eid, 'heading')}" if line.heading else ""
        return (f'<tr id="{_esc(line.id)}" class="{_esc(change.type)} {kind_attrs}'
                f'<th colspan="6" scope="rowgroup">{label}{heading}{moved}</th></tr>\n')  # fmt: skip
    out = [f'<tr id="{_esc(line.id)}" class="row {kind_attrs}<td class="c-num">{label}{moved}</td>']
    for cell in line.cells:
        column = _esc(cell.column)
        _tally(cell.pieces, counts)
        span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
        out.append(f'<td class="c-{column}"{span}>{_show(cell.pieces, eid, column)}')
        for also_label, also_eid, also_pieces in cell.also:
            _tally(also_pieces, counts)
            also = _esc(also_eid)
            out.append(f'<div class="also" data-for="{also}"><span class="also-label">{_esc(also_label)}</span> '
                       f"{_show(also_pieces, also, column)}</div>")  # fmt: skip
        out.append("</td>")
    out.append("</tr>\n")
    return "".join(out)


# --- the side-by-side view ----------------------------------------------------------


def _side_fields(change: UnitChange, texts: dict[str, TextDiff], names: dict[str, str]) -> list[dict[str, Any]]:
    """Field by field, old wording next to new wording (as HTML); fields empty in both
    versions are left out."""
    result = []
    eid = _esc(change.eid)
    for name, text in texts.items():
        old, new = _printed(text, "insert"), _printed(text, "delete")
        if old or new:
            field = _esc(name)
            result.append({"name": names.get(name, name), "field": name,
                           "old": Markup(_show(old, eid, field)), "new": Markup(_show(new, eid, field))})  # fmt: skip
    return result


# --- the page -----------------------------------------------------------------------


def _summary(diff: VersionDiff, labels: Labels) -> list[dict[str, Any]]:
    """Counts by annex and kind, each with its breakdown by unit type ("жол: 5, тарау: 1")."""
    rows = []
    for num, kinds in diff.counts().items():
        cells = []
        for kind in REVIEW_KINDS:
            by_type = kinds.get(kind, {})
            detail = ", ".join(f"{labels.word('type_' + t)}: {n}" for t, n in sorted(by_type.items()))
            cells.append({"kind": kind, "count": sum(by_type.values()), "detail": detail})
        rows.append({"annex": num, "label": labels.word("annex", num=num), "cells": cells,
                     "total": sum(c["count"] for c in cells)})  # fmt: skip
    return rows


def _front_changes(diff: VersionDiff, labels: Labels) -> list[dict[str, Any]]:
    """The preamble and the signature block when an order changed them, for the side by
    side view (they stand before the annexes, which the inline view shows)."""
    changes = []
    for change in diff.front_changes():
        eid = _esc(change.eid)
        place = labels.unit_name(list(change.path) or [(change.eid, "")])
        text = TextDiff(change.eid, "\n".join(change.old), "\n".join(change.new), change.pieces)
        ins, dels = piece_counts({change.eid: text})
        old, new = _printed(text, "insert"), _printed(text, "delete")
        changes.append({
            "target": f"side-{change.eid}", "id": f"side-{change.eid}", "eid": change.eid, "kind": change.kind,
            "kind_label": kind_label(change.kind, labels), "same_words": False, "place": place,
            "fields": [{"name": place, "field": change.eid,
                        "old": Markup(_show(old, eid, eid)), "new": Markup(_show(new, eid, eid))}],
            "inserted": ins, "deleted": dels,
        })  # fmt: skip
    return changes


def page_context(diff: VersionDiff) -> dict[str, Any]:
    """Everything the redline template prints, in printed form, with the counts it states.

    The two big parts, the rows of each inline table and the fields of each side-by-side
    change, come as ready HTML (`Markup`): written in one pass in Python rather than by a
    template macro per cell, which cost 15-27 times a plain table of the same cells.
    """
    labels = labels_for(diff.new.lang)
    ids = _Ids()
    annexes = []
    inline_counts = [0, 0]
    for annex_diff in diff.annexes:
        lines = _inline_annex(annex_diff, diff, labels, ids)
        if not any(line.change.kind != "unchanged" for line in lines):
            continue
        annex = find_annex(diff.new, annex_diff.num) or find_annex(diff.old, annex_diff.num)
        annexes.append({
            "eid": f"inline-att_{annex_diff.num}",
            "label": labels.word("annex", num=annex_diff.num),
            "title": annex_diff.title,
            "header": labels.header(annex.header if annex is not None else {}),
            "rows": Markup("".join(_line_html(line, inline_counts) for line in lines)),
            "line_ids": {line.change.eid: line.id for line in lines if line.change.kind != "unchanged"},
        })  # fmt: skip
    line_ids = {eid: line_id for annex in annexes for eid, line_id in annex["line_ids"].items()}
    changes = _front_changes(diff, labels)
    inserted = sum(c["inserted"] for c in changes)
    deleted = sum(c["deleted"] for c in changes)
    for change in diff.changes():
        texts = unit_texts(change)
        ins, dels = piece_counts(texts)
        inserted, deleted = inserted + ins, deleted + dels
        annex = find_annex(diff.new, change.annex) or find_annex(diff.old, change.annex)
        target = line_ids.get(change.eid, change.eid)
        changes.append({
            "target": target,
            "id": f"side-{target}",
            "eid": change.eid,
            "kind": change.kind,
            "kind_label": kind_label(change.kind, labels),
            "same_words": change.same_words,
            "place": unit_place(change, labels),
            "fields": _side_fields(change, texts, column_names(annex, labels)),
            "inserted": ins,
            "deleted": dels,
        })  # fmt: skip
    orders = diff.meta.get("orders", "")
    return {
        "lang": diff.new.lang,
        "w": labels.words,
        "kinds": [{"kind": k, "label": kind_label(k, labels)} for k in REVIEW_KINDS],
        "notice": labels.word("reconstructed") if diff.old.reconstructed or diff.new.reconstructed else None,
        "title": labels.word("redline_title"),
        "act_title": diff.new.title,
        "act_line": labels.word("act_number", date=print_date(diff.new.date), number=diff.new.number),
        "orders": labels.word("redline_orders", orders=orders) if orders else "",
        "author": labels.word("redline_author", author=diff.author) if diff.author else "",
        "date": labels.word("redline_date", date=print_date(diff.date)) if diff.date else "",
        "summary": _summary(diff, labels),
        "changes": changes,
        "annexes": annexes,
        "counts": {"inserted": inserted, "deleted": deleted, "units": len(changes)},
        "inline_counts": {"inserted": inline_counts[0], "deleted": inline_counts[1]},
    }


def export_redline_html(diff: VersionDiff) -> bytes:
    """The redline of a diff as one self-contained UTF-8 HTML page (same diff, same bytes).

    The cyclic collector is paused (see consolidate/gcpause.py): the page allocates a few
    strings per cell, none in a cycle, and each full collection would walk both versions."""
    with collector_paused():
        page = environment().get_template(TEMPLATE).render(page_context(diff))
    return page.encode("utf-8")


__all__ = [
    "REVIEW_KINDS",
    "Run",
    "column_names",
    "export_redline_html",
    "find_annex",
    "kind_label",
    "page_context",
    "piece_counts",
    "runs",
    "unit_fields",
    "unit_label",
    "unit_place",
    "unit_texts",
]
