"""Applies an amending order to a version: all operations or none.

The order is applied to a deep copy of the version, operation by operation, each first
resolving its target (annex by the name the order gives it, chapter, paragraph, rows) and
stopping with an `ApplyError` naming the operation's sentence and line and the address
when something does not resolve. The caller's version is never touched, so a failure
leaves nothing half-applied, and only a fully applied version is ever exported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from consolidate.apply.annex_match import match_annex
from consolidate.apply.editor import AnnexEditor, Span
from consolidate.apply.fuzzy import FuzzyDecision, FuzzyKind
from consolidate.apply.notes import NoteOrder, render_note
from consolidate.errors import ApplyError
from consolidate.model.act import Act, Annex, AppliedOrder
from consolidate.model.amendment import Amendment, Operation, OrderMeta
from consolidate.model.units import (
    COLUMNS,
    Change,
    ChapterHeading,
    ParagraphHeading,
    Row,
    Unit,
    copy_unit,
    empty_value,
)

WORD_OPS = ("replace_words", "insert_words")


def apply_amendments(act: Act, amendments: Iterable[Amendment]) -> Act:
    """Apply several orders in the order given; returns a new version."""
    for amendment in amendments:
        act = apply_amendment(act, amendment)
    return act


def apply_amendment(
    act: Act, amendment: Amendment, in_force: str | None = None, fuzzy: list[FuzzyDecision] | None = None
) -> Act:
    """Apply one order to `act` and return the new version; `act` is left unchanged.

    `in_force` is the date the order came into force, when known; the version records it.
    Each decision taken on a likeness (an annex named in other words) is added to `fuzzy`
    when given, for the caller to report (`apply.fuzzy`)."""
    order = amendment.order
    where = f"order {order.number}"
    if order.lang != act.lang:
        names = {"kk": "Kazakh", "ru": "Russian"}
        raise ApplyError(
            f"the order is the {names.get(order.lang, order.lang)} text and the base the "
            f"{names.get(act.lang, act.lang)} one: apply each language's order to that language's base",
            where=where,
        )
    if (order.amends.number, order.amends.date) != (act.number, act.date):
        raise ApplyError(
            f"the order amends act № {order.amends.number} of {order.amends.date}, "
            f"not act № {act.number} of {act.date}",
            where=where,
        )
    new = act.copy()
    editors: dict[str, AnnexEditor] = {}
    history = {(a.number, a.date): a for a in new.applied}

    def editor_of(annex: Annex) -> AnnexEditor:
        if annex.num not in editors:
            editors[annex.num] = AnnexEditor(annex)
        return editors[annex.num]

    for op in amendment.operations:
        where = f"order {order.number}, {op.source.file}:{op.source.line} (operation {op.seq})"
        if op.op == "lose_force":
            _lose_force(new, op, order, where)
            continue
        if op.op in WORD_OPS and op.annex is None and op.target.annex is None and op.unit == "text":
            _words_in_act(new, op, order, where, editor_of, history)
            continue
        annex = _resolve_annex(new, op, order, where, fuzzy)
        _HANDLERS[(op.op, op.unit)](editor_of(annex), op, _Recorder(order, annex, where, history))
    for editor in editors.values():
        editor.finish()
        editor.annex.normalize_merges()
    new.applied.append(
        AppliedOrder(
            number=order.number,
            date=order.date,
            title=order.title,
            in_force=in_force,
            issuer=order.issuer,
            eif=order.entry_into_force.text,
            act_word=order.act_word,
            lang=order.lang,
            first_publication=order.first_publication,
            first_publication_assumed=order.first_publication_assumed,
            in_force_assumed=counted_from_assumed_date(amendment, in_force),
        )
    )
    return new


def counted_from_assumed_date(amendment: Amendment, in_force: str | None) -> bool:
    """Whether the in-force date was counted from a publication date that is only assumed."""
    order = amendment.order
    if not order.first_publication_assumed or in_force is None:
        return False
    rules = [op.rule(order) for op in amendment.operations] or [order.entry_into_force]
    return any(rule.after == "first_publication" and rule.kind != "date" for rule in rules)


def _resolve_annex(
    act: Act, op: Operation, order: OrderMeta, where: str, fuzzy: list[FuzzyDecision] | None
) -> Annex:
    """The annex an operation acts in: named by number, by its title, or the only one.
    A title matched by similarity only is recorded in `fuzzy`."""
    if op.target.annex is not None:
        try:
            return act.annex(op.target.annex)
        except KeyError:
            numbers = ", ".join(a.num for a in act.annexes)
            raise ApplyError(f"the base has no annex {op.target.annex} (it has {numbers})", where=where) from None
    if op.annex is not None:
        match = match_annex(act.annexes, op.annex, where=where, lang=order.lang)
        if match.similarity is not None and fuzzy is not None:
            decision = FuzzyDecision(
                FuzzyKind.ANNEX_BY_SIMILARITY, f"order {order.number}", where, op.annex,
                f"annex {match.annex.num} «{match.annex.title}»", match.similarity,
            )  # fmt: skip
            if decision not in fuzzy:
                fuzzy.append(decision)
        return match.annex
    if len(act.annexes) == 1:
        return act.annexes[0]
    raise ApplyError(f"the operation names no annex and the base has {len(act.annexes)}", where=where)


def _lose_force(act: Act, op: Operation, order: OrderMeta, where: str) -> None:
    """An act declared lost force: the base itself gets the note; another act is not ours."""
    if op.act is None or (op.act.number, op.act.date) != (act.number, act.date):
        return
    note = render_note([NoteOrder.of(order)], "lost_force", "act", act.number, "")
    if note not in act.notes:
        act.notes.append(note)


class _Recorder:
    """Writes a unit's history entry and its amendment note; `where` names the operation.

    `history` holds the orders applied before, so that a unit changed the same way by
    several orders of one issuer gets one note naming them all, as the reference bank
    writes it.
    """

    def __init__(self, order: OrderMeta, annex: Annex, where: str, history: dict[tuple[str, str], AppliedOrder]):
        self.order = order
        self.annex = annex
        self.where = where
        self.history = history

    def change(self, unit: Unit, action: str) -> None:
        entry = Change(action=action, order_number=self.order.number, order_date=self.order.date)
        if entry not in unit.changes:
            unit.changes.append(entry)

    def note(self, unit: Unit, action: str, kind: str | None = None) -> None:
        kind = kind or unit.type
        current = (self.order.number, self.order.date)
        earlier: list[NoteOrder] = []
        for change in unit.changes:
            key = (change.order_number, change.order_date)
            applied = self.history.get(key)
            if (
                change.action == action
                and key != current
                and applied is not None
                and applied.issuer == self.order.issuer
            ):
                note_order = NoteOrder.of(applied)
                if note_order not in earlier:
                    earlier.append(note_order)
        self.change(unit, action)
        mine = NoteOrder.of(self.order)
        if earlier:
            previous = render_note(earlier, action, kind, unit.num, self.annex.num)
            if previous in unit.notes:
                unit.notes[unit.notes.index(previous)] = render_note([*earlier, mine], action, kind, unit.num,
                                                                     self.annex.num)  # fmt: skip
                return
        text = render_note([mine], action, kind, unit.num, self.annex.num)
        if text not in unit.notes:
            unit.notes.append(text)


def _carry_history(old: Unit, new: Unit) -> None:
    """A restated unit keeps the notes and history of the unit it replaces."""
    new.notes[:0] = [n for n in old.notes if n not in new.notes]
    new.changes[:0] = [c for c in old.changes if c not in new.changes]


def _fresh(units: tuple[Unit, ...]) -> list[Unit]:
    """Copies of an operation's quoted units, so that applying never alters the order."""
    return [copy_unit(unit) for unit in units]


# --- chapters ----------------------------------------------------------------------


def _insert_chapter(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    units = _fresh(op.content)
    for unit in units:
        rec.change(unit, "inserted")
    rec.note(units[0], "inserted")
    editor.insert_chapter(units, rec.where)


def _restate_chapter(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    span = editor.chapter_span(op.target.chapter or "", where)
    units = _fresh(op.content)
    _carry_history(span.block[0], units[0])
    for unit in units:
        rec.change(unit, "restated")
    rec.note(units[0], "restated")
    editor.splice(span, units, where)


def _restate_heading(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    heading = editor.chapter(op.target.chapter or "", rec.where)
    new = op.content[0]
    if not isinstance(new, ChapterHeading):
        raise ApplyError("a restated heading must quote the new heading", where=rec.where)
    heading.heading = new.heading
    rec.note(heading, "restated", kind="heading")


# --- paragraphs --------------------------------------------------------------------


def _restate_paragraphs(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    chapter = op.target.chapter or ""
    groups: list[list[Unit]] = []
    for unit in _fresh(op.content):
        if isinstance(unit, ParagraphHeading) or not groups:
            groups.append([])
        groups[-1].append(unit)
    for group in groups:
        heading = group[0]
        span = editor.paragraph_span(chapter, heading.num, where)
        _carry_history(span.block[span.start], heading)
        for unit in group:
            if isinstance(unit, Row):
                unit.chapter, unit.paragraph = chapter, heading.num
            rec.change(unit, "restated")
        rec.note(heading, "restated")
        editor.splice(span, group, where)


# --- rows --------------------------------------------------------------------------


def _insert_rows(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    rows = [u for u in _fresh(op.content) if isinstance(u, Row)]
    first = rows[0]
    for row in rows:
        if row.num in editor.rows:
            raise ApplyError(f"row {row.num} already exists in annex {editor.annex.num}", where=where)
    before = editor.row_before(first.num, op.target.chapter, where)
    if before is not None:
        after = editor.span_of(before)
        span = Span(after.block, after.end, after.end)
        chapter, paragraph = before.chapter, before.paragraph
    elif op.target.chapter is not None:  # first in its chapter: right after the heading
        span = Span(editor.chapter_span(op.target.chapter, where).block, 1, 1)
        chapter, paragraph = op.target.chapter, None
    else:
        span = Span(editor.blocks[0], 0, 0)
        chapter, paragraph = None, None
    for row in rows:
        row.chapter, row.paragraph = chapter, paragraph
        rec.note(row, "inserted")
    editor.splice(span, list(rows), where)


def _restate_rows(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    for index, new in enumerate(_fresh(op.content)):
        if not isinstance(new, Row):
            raise ApplyError("restated rows must quote rows only", where=where)
        old = editor.row(new.num, op.target.chapter, where)
        new.chapter, new.paragraph = old.chapter, old.paragraph
        if index == 0:
            new.continues = frozenset()  # a merge from above ends before a restated row
        _carry_history(old, new)
        rec.note(new, "restated")
        editor.splice(editor.span_of(old), [new], where)


def _repeal_rows(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    rows = [editor.row(num, op.target.chapter, where) for num in op.target.rows]
    for row in rows:
        row.repealed = True
        row.cells = {c: empty_value(c) for c in COLUMNS}
        row.continues = frozenset()
        rec.note(row, "repealed")


# --- words -------------------------------------------------------------------------


def _word_edit(op: Operation):
    """The edit of a word operation on one string: (new string, number of places)."""
    old, new = op.old_words or "", op.new_words or ""
    if op.op == "insert_words":
        joiner = "" if new[:1] in ",.;:)" else " "
        replacement = f"{old}{joiner}{new}"
    else:
        replacement = new

    # Whole words only: «телекоммуникация» must not change «телекоммуникациялар».
    pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")

    def edit(text: str) -> tuple[str, int]:
        return pattern.subn(lambda _: replacement, text)

    return edit


def _edit_unit(unit: Unit, edit) -> int:
    """Apply a word edit to a unit's text (effective cell values, or a heading)."""
    if isinstance(unit, (ChapterHeading, ParagraphHeading)):
        unit.heading, count = edit(unit.heading)
        return count
    count = 0
    for column, value in list(unit.cells.items()):
        if isinstance(value, list):
            edited = [edit(item) for item in value]
            unit.cells[column] = [text for text, _ in edited]
            count += sum(n for _, n in edited)
        else:
            unit.cells[column], n = edit(value)
            count += n
    return count


def _edit_units(units: list[Unit], op: Operation, rec: _Recorder, notes: bool = True) -> int:
    """Edit words in `units`; each changed unit gets its history entry, and its own note
    unless the change is made throughout the text (one note for all, see `_note_throughout`)."""
    edit = _word_edit(op)
    total = 0
    for unit in units:
        count = _edit_unit(unit, edit)
        if count:
            total += count
            if notes:
                rec.note(unit, "amended")
            else:
                rec.change(unit, "amended")
    return total


def _note_throughout(op: Operation, order: OrderMeta, notes: list[str], annex_num: str = "") -> None:
    action = "inserted_throughout" if op.op == "insert_words" else "replaced_throughout"
    note = render_note([NoteOrder.of(order)], action, "act", "", annex_num, op.old_words or "", op.new_words or "")
    if note not in notes:
        notes.append(note)


def _word_scope(editor: AnnexEditor, op: Operation, where: str) -> tuple[list[Unit], str]:
    """The units a word operation reads, and how to name them in a message."""
    target = op.target
    if target.rows:
        return [editor.row(num, target.chapter, where) for num in target.rows], f"row(s) {', '.join(target.rows)}"
    if op.unit == "heading":
        return [editor.chapter(target.chapter or "", where)], f"the heading of chapter {target.chapter}"
    if target.paragraphs and target.chapter is not None:
        units: list[Unit] = []
        for num in target.paragraphs:
            units.extend(editor.paragraph_span(target.chapter, num, where).units())
        return units, f"paragraph(s) {', '.join(target.paragraphs)} of chapter {target.chapter}"
    if target.chapter is not None:
        return editor.chapter_span(target.chapter, where).units(), f"chapter {target.chapter}"
    return editor.all_units(), "the whole annex"


def _words(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    units, label = _word_scope(editor, op, rec.where)
    throughout = op.unit == "text"
    if _edit_units(units, op, rec, notes=not throughout) == 0:
        raise ApplyError(f"the words «{op.old_words}» occur nowhere in {label} of annex {editor.annex.num}",
                         where=rec.where)  # fmt: skip
    if throughout:
        _note_throughout(op, rec.order, editor.annex.notes, editor.annex.num)


def _words_in_act(act: Act, op: Operation, order: OrderMeta, where: str, editor_of, history) -> None:
    """A word operation on the whole text: every annex and the act's own points."""
    total = 0
    for annex in act.annexes:
        total += _edit_units(editor_of(annex).all_units(), op, _Recorder(order, annex, where, history), notes=False)
    edit = _word_edit(op)
    for point in act.points:
        edited = [edit(text) for text in point.text]
        point.text = [text for text, _ in edited]
        total += sum(n for _, n in edited)
    if total == 0:
        raise ApplyError(f"the words «{op.old_words}» occur nowhere in the act", where=where)
    _note_throughout(op, order, act.notes)


def _repeal_heading(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    heading = editor.chapter(op.target.chapter or "", rec.where)
    if not heading.heading:
        raise ApplyError(f"the heading of chapter {heading.num} is already repealed", where=rec.where)
    heading.heading = ""
    rec.note(heading, "repealed", kind="heading")


def _unsupported(editor: AnnexEditor, op: Operation, rec: _Recorder) -> None:
    raise ApplyError(f"{op.op.replace('_', ' ')} of a {op.unit} is not supported yet", where=rec.where)


class _Handlers(dict):
    """Operation handlers by (op, unit); anything else is reported as unsupported."""

    def __missing__(self, key: tuple[str, str]) -> Callable[[AnnexEditor, Operation, _Recorder], None]:
        return _unsupported


_HANDLERS = _Handlers(
    {
        ("insert", "chapter"): _insert_chapter,
        ("restate", "chapter"): _restate_chapter,
        ("restate", "heading"): _restate_heading,
        ("restate", "paragraph"): _restate_paragraphs,
        ("insert", "row"): _insert_rows,
        ("restate", "row"): _restate_rows,
        ("repeal", "row"): _repeal_rows,
        ("repeal", "heading"): _repeal_heading,
        **{(op, unit): _words for op in WORD_OPS for unit in ("row", "chapter", "paragraph", "heading", "text")},
    }
)
