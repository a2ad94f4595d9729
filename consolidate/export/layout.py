"""The printed layout of an annex table, shared by the HTML, DOCX and text exporters.

Working out merges and note placement once keeps the three formats in agreement: the same
cell is merged, the same cell is covered and every note lands in the same place whatever
the output. The layout is computed from `Annex.spans()` and never changes the act.

Notes of a row are printed as a full-width row directly under it. Where a vertical merge
runs on past that row (the row is covered, or heads a merge, and the next row is covered
too), a full-width row there would cut the merged cell in two; such notes are *deferred*
to just after the merge block ends, marked with the number of the row they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from consolidate.labels import Labels, print_date
from consolidate.model.act import Act, Annex, Point
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row


class Cell(NamedTuple):
    """One printed cell of a numbered row.

    `rowspan` > 1 on the first row of a merge; `covered_by` names the row whose merged cell
    covers this one (such a cell is not printed in HTML and is a vMerge continuation in
    DOCX); `is_list` when its column holds lists of items (the annex's `lists`). A named
    tuple rather than a dataclass: big tables make 100,000s of cells.
    """

    column: str
    lines: tuple[str, ...]
    rowspan: int = 1
    covered_by: str | None = None
    is_list: bool = False


@dataclass(frozen=True)
class UnitView:
    """A unit as printed: a heading row (`kind` chapter/paragraph) or a numbered row."""

    kind: str
    eid: str
    num: str
    label: str  # "8-тарау. <heading>" for headings, "26-1." for rows
    notes: tuple[str, ...]
    cells: tuple[Cell, ...] = ()
    repealed: bool = False


@dataclass(frozen=True)
class NoteRow:
    """A full-width row of notes of the unit `eid`; `deferred` when printed after a merge."""

    eid: str
    label: str
    notes: tuple[str, ...]
    deferred: bool = False

    kind = "note"


TableLine = UnitView | NoteRow


def _lines(value: str | list[str]) -> tuple[str, ...]:
    """A cell value as printed lines: list items one per line, text split at newlines."""
    if isinstance(value, list):
        return tuple(item for item in value if item.strip())
    return tuple(value.split("\n")) if value.strip() else ()


def covered_cells(annex: Annex, spans: dict[int, dict[str, int]]) -> dict[tuple[int, str], str]:
    """(unit index, column) -> number of the row heading the merge that covers the cell."""
    covered: dict[tuple[int, str], str] = {}
    for head, columns in spans.items():
        for column, span in columns.items():
            for offset in range(1, span):
                covered[(head + offset, column)] = annex.units[head].num
    return covered


def _row_view(
    annex: Annex,
    index: int,
    row: Row,
    spans: dict[int, dict[str, int]],
    covered: dict[tuple[int, str], str],
    labels: Labels,
) -> UnitView:
    # The hot loop of every table export (100,000s of cells): the row's spans looked up
    # once, covered cells only looked up when the row is in a merge (`continues`).
    row_spans = spans.get(index, _NO_SPANS)
    in_merge = bool(row.continues and covered)
    values = row.cells
    cells = []
    lists = annex.lists
    for column in annex.columns:
        # A missing cell is empty, whether its column holds text or items.
        lines = () if row.repealed or column not in values else _lines(values[column])
        covered_by = covered.get((index, column)) if in_merge else None
        cells.append(Cell(column, lines, row_spans.get(column, 1), covered_by, column in lists))
    notes = tuple(labels.note(n) for n in row.notes) if row.notes else ()
    eid = annex.unit_eid(row)
    return UnitView("row", eid, row.num, labels.row(row.num), notes, tuple(cells), row.repealed)


_NO_SPANS: dict[str, int] = {}


def _heading_view(annex: Annex, unit: ChapterHeading | ParagraphHeading, labels: Labels) -> UnitView:
    if isinstance(unit, ChapterHeading):
        label = labels.chapter(unit.num, unit.heading)
    else:
        label = labels.paragraph(unit.num, unit.heading)
    notes = tuple(labels.note(n) for n in unit.notes)
    return UnitView(unit.type, annex.unit_eid(unit), unit.num, label, notes)


def unit_views(annex: Annex, labels: Labels) -> list[UnitView]:
    """Every unit of the annex as printed, in document order, merges resolved."""
    spans = annex.spans()
    covered = covered_cells(annex, spans)
    views = []
    for index, unit in enumerate(annex.units):
        if isinstance(unit, Row):
            views.append(_row_view(annex, index, unit, spans, covered, labels))
        else:
            views.append(_heading_view(annex, unit, labels))
    return views


def _merge_continues(after: UnitView | None) -> bool:
    """True when the unit `after` continues a merge from the unit above it."""
    return after is not None and any(cell.covered_by for cell in after.cells)


def table_lines(views: list[UnitView]) -> list[TableLine]:
    """The rows of the printed table: units, each followed by its notes where a merge allows."""
    lines: list[TableLine] = []
    pending: list[NoteRow] = []
    for position, view in enumerate(views):
        lines.append(view)
        following = views[position + 1] if position + 1 < len(views) else None
        blocked = _merge_continues(following)
        if view.notes:
            pending.append(NoteRow(view.eid, view.label, view.notes, deferred=blocked))
        if not blocked:
            lines.extend(pending)
            pending = []
    return lines


# --- the act's front matter ----------------------------------------------------------


@dataclass(frozen=True)
class AppliedView:
    """An applied amending order as listed at the top of a version."""

    number: str
    date: str
    in_force: str | None
    text: str  # "12.05.2026 № 192 <title> (қолданысқа енгізілген күні: 27.05.2026)"
    in_force_assumed: bool = False


def applied_views(act: Act, labels: Labels) -> list[AppliedView]:
    """The applied orders in the order they were applied, with their printed line."""
    views = []
    for order in act.applied:
        text = labels.word("applied_order", date=print_date(order.date), number=order.number)
        if order.title:
            text = f"{text} {order.title}"
        if order.in_force:
            key = "in_force_assumed" if order.in_force_assumed else "in_force"
            text = f"{text} ({labels.word(key, date=print_date(order.in_force))})"
        else:
            text = f"{text} ({labels.word('in_force_unknown')})"
        views.append(AppliedView(order.number, order.date, order.in_force, text, order.in_force_assumed))
    return views


def version_date(act: Act) -> str | None:
    """The date this version is in force from: the act's date for the original text, the
    latest entry into force of its orders, or None when one of them is not known."""
    if not act.applied:
        return act.date
    dates = [order.in_force for order in act.applied]
    return None if None in dates else max(d for d in dates if d is not None)


def version_line(act: Act, labels: Labels) -> str:
    """ "05.06.2026 бастап қолданыстағы редакция" / "Бастапқы редакция (18.12.2025)"."""
    date = version_date(act)
    if not act.applied:
        return labels.word("version_original", date=print_date(act.date))
    if date is None:
        return labels.word("version_unknown")
    if version_date_assumed(act):
        return labels.word("version_in_force_assumed", date=print_date(date))
    return labels.word("version_in_force", date=print_date(date))


def version_date_assumed(act: Act) -> bool:
    """Whether the version's in-force date rests on an assumed publication date: any of its
    orders' dates may be later in fact, so the version's date is only as sure as all of them."""
    return any(order.in_force_assumed for order in act.applied)


def act_line(act: Act, labels: Labels) -> str:
    """The identity line under the issuer: "18.12.2025 № 550"."""
    return labels.word("act_number", date=print_date(act.date), number=act.number)


def point_paragraphs(point: Point) -> list[str]:
    """A point's paragraphs with its number in front of the first one.

    The number is added only when the text does not already start with it, since some
    sources keep "1. ..." inside the text.
    """
    paragraphs = list(point.text) or [""]
    prefix = f"{point.num}."
    if not paragraphs[0].lstrip().startswith(prefix):
        paragraphs[0] = f"{prefix} {paragraphs[0]}".rstrip()
    return paragraphs
