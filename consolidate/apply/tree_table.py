"""The tree engine's operations on an annex that is one table of row units (Order 550).

Such an annex (`Annex.columns` not empty) holds chapters (`Kind.CHAPTER`, their heading as
text), paragraphs inside them and rows (`Kind.ROW`). An order inserts a chapter with its
rows, restates a chapter, a chapter's heading or paragraphs, inserts, restates or repeals
rows, changes words in rows, headings, chapters, an annex or the whole text, and declares
an act lost force; every changed unit records its history entry and gets its note, as the
reference bank writes them. The edits run on a copy of the version (all or nothing): the
first target that does not resolve raises an `ApplyError` naming the operation's line, and
the caller's version is never touched.

Numbers are never renumbered: an inserted row goes after the row numbered just below it,
a chapter before the first chapter numbered above it, and a number taken elsewhere or an
order of numbers broken is an error. Merged cells are kept as effective values plus the
`continues` flag of each cell, made consistent again once an order is applied
(`normalize_merges`). The columns of a table (which hold lists, which prints the number)
are read from the annex, never named here.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from consolidate.apply.annex_match import match_annex
from consolidate.apply.fuzzy import FuzzyDecision, FuzzyKind
from consolidate.apply.notes import NoteOrder, render_note
from consolidate.errors import ApplyError
from consolidate.gcpause import collector_paused
from consolidate.model.act import Act
from consolidate.model.amendment import Amendment, Operation, OrderMeta
from consolidate.model.numbering import num_key
from consolidate.model.table_tree import act_to_document, document_to_act, unit_to_node
from consolidate.model.tree import (
    Annex,
    Applied,
    Change,
    Document,
    Kind,
    Node,
    Note,
    RowCell,
    copy_document,
    walk,
)
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row, Unit

WORD_OPS = ("replace_words", "insert_words")
HEADINGS = (Kind.CHAPTER, Kind.PARAGRAPH)
UNIT_TYPES = {Kind.CHAPTER: "chapter", Kind.PARAGRAPH: "paragraph", Kind.ROW: "row"}
"""How notes and messages name each kind of a table's units."""


def is_table_document(document: Document) -> bool:
    """A version whose annexes are tables of row units (Order 550), applied by this module."""
    return bool(document.annexes) and all(annex.columns for annex in document.annexes)


def apply_table_order(
    document: Document,
    amendment: Amendment,
    in_force: str | None = None,
    fuzzy: list[FuzzyDecision] | None = None,
    *,
    own: bool = False,
) -> Document:
    """Apply one order to `document` and return the new version; `document` is left unchanged
    unless `own` says the caller hands it over (a tree made for this call: no copy needed).

    `in_force` is the date the order came into force, when known; the version records it.
    Each decision taken on a likeness (an annex named in other words) is added to `fuzzy`
    when given, for the caller to report (`apply.fuzzy`)."""
    order = amendment.order
    identity = document.identity
    where = f"order {order.number}"
    if order.lang != identity.lang:
        names = {"kk": "Kazakh", "ru": "Russian"}
        raise ApplyError(
            f"the order is the {names.get(order.lang, order.lang)} text and the base the "
            f"{names.get(identity.lang, identity.lang)} one: apply each language's order to that language's base",
            where=where,
        )
    if (order.amends.number, order.amends.date) != (identity.number, identity.date):
        raise ApplyError(
            f"the order amends act № {order.amends.number} of {order.amends.date}, "
            f"not act № {identity.number} of {identity.date}",
            where=where,
        )
    new = document if own else copy_document(document)
    tables: dict[int, _Table] = {}
    history = {(a.number, a.date): a for a in new.applied}

    def table_of(annex: Annex) -> _Table:
        if id(annex) not in tables:
            tables[id(annex)] = _Table(annex)
        return tables[id(annex)]

    for op in amendment.operations:
        where = f"order {order.number}, {op.source.file}:{op.source.line} (operation {op.seq})"
        if op.op == "lose_force":
            _lose_force(new, op, order)
            continue
        if op.op in WORD_OPS and op.annex is None and op.target.annex is None and op.unit == "text":
            _words_in_act(new, op, order, where, table_of, history)
            continue
        if op.unit == "preamble" and op.annex is None and op.target.annex is None:
            _preamble(new, op, order, where)
            continue
        annex = _resolve_annex(new, op, order, where, fuzzy)
        _HANDLERS.get((op.op, op.unit), _unsupported)(table_of(annex), op, _Recorder(order, annex, where, history))
    for table in tables.values():
        normalize_merges(table.annex)
    new.applied.append(
        Applied(
            number=order.number,
            date=order.date,
            title=order.title,
            issuer=order.issuer,
            in_force=in_force or "",
            in_force_assumed=counted_from_assumed_date(amendment, in_force),
            eif=order.entry_into_force.text,
            act_word=order.act_word,
            lang=order.lang,
            first_publication=order.first_publication or "",
            first_publication_assumed=order.first_publication_assumed,
        )
    )
    return new


def apply_amendment(
    act: Act, amendment: Amendment, in_force: str | None = None, fuzzy: list[FuzzyDecision] | None = None
) -> Act:
    """`apply_table_order` for a caller holding the table model's view (`model.table_tree`)."""
    with collector_paused():  # a version is tens of thousands of new objects: no collection midway
        return document_to_act(apply_table_order(act_to_document(act), amendment, in_force, fuzzy, own=True))


def apply_amendments(act: Act, amendments: Iterable[Amendment]) -> Act:
    """Apply several orders in the order given; returns a new version."""
    with collector_paused():
        document = act_to_document(act)
        for amendment in amendments:
            document = apply_table_order(document, amendment, own=True)
        return document_to_act(document)


def counted_from_assumed_date(amendment: Amendment, in_force: str | None) -> bool:
    """Whether the in-force date was counted from a publication date that is only assumed."""
    order = amendment.order
    if not order.first_publication_assumed or in_force is None:
        return False
    rules = [op.rule(order) for op in amendment.operations] or [order.entry_into_force]
    return any(rule.after == "first_publication" and rule.kind != "date" for rule in rules)


def normalize_merges(annex: Annex) -> None:
    """Make the merge flags consistent with the rows' order.

    A merge cannot cross a heading, cannot start on the first row, and a row continues a
    merge only when the row above holds the same effective value in that column and
    neither is repealed. Anything else becomes a cell of its own. One pass over the annex.
    """
    previous: Node | None = None
    for node in walk(annex.body):
        if node.kind is not Kind.ROW:
            previous = None
            continue
        for cell in node.cells:
            if cell.continues and not (
                previous is not None
                and not previous.repealed
                and not node.repealed
                and _value(previous, cell.column) == _value(node, cell.column)
            ):
                cell.continues = False
        previous = node


def _value(row: Node, column: str) -> tuple[str, tuple[str, ...]] | None:
    """The effective value of a row's cell (None when the row has no such cell)."""
    for cell in row.cells:
        if cell.column == column:
            return cell.text, tuple(cell.items)
    return None


def _resolve_annex(
    document: Document, op: Operation, order: OrderMeta, where: str, fuzzy: list[FuzzyDecision] | None
) -> Annex:
    """The annex an operation acts in: named by number, by its title, or the only one.
    A title matched by similarity only is recorded in `fuzzy`."""
    if op.target.annex is not None:
        found = next((a for a in document.annexes if a.num == op.target.annex), None)
        if found is None:
            numbers = ", ".join(a.num for a in document.annexes)
            raise ApplyError(f"the base has no annex {op.target.annex} (it has {numbers})", where=where)
        return found
    if op.annex is not None:
        match = match_annex(document.annexes, op.annex, where=where, lang=order.lang)
        if match.similarity is not None and fuzzy is not None:
            decision = FuzzyDecision(
                FuzzyKind.ANNEX_BY_SIMILARITY, f"order {order.number}", where, op.annex,
                f"annex {match.annex.num} «{match.annex.title}»", match.similarity,
            )  # fmt: skip
            if decision not in fuzzy:
                fuzzy.append(decision)
        return match.annex
    if len(document.annexes) == 1:
        return document.annexes[0]
    raise ApplyError(f"the operation names no annex and the base has {len(document.annexes)}", where=where)


def _lose_force(document: Document, op: Operation, order: OrderMeta) -> None:
    """An act declared lost force: the base itself gets the note; another act is not ours."""
    identity = document.identity
    if op.act is None or (op.act.number, op.act.date) != (identity.number, identity.date):
        return
    note = render_note([NoteOrder.of(order)], "lost_force", "act", identity.number, "")
    if all(n.text != note for n in document.title_notes):
        document.title_notes.append(Note(note))


# --- the table being edited -----------------------------------------------------------


@dataclass
class _Span:
    """Nodes `nodes[start:end]` of one list of siblings (a chapter's children, an annex's body)."""

    nodes: list[Node]
    start: int
    end: int

    def units(self) -> list[Node]:
        """The span's units and everything under them, in document order."""
        return list(walk(self.nodes[self.start : self.end]))


class _Table:
    """An annex's rows and chapters by number, each unit's parent, and the edits.

    Built once per order and kept up to date by every splice, so that an operation costs
    the size of what it touches, not of the annex: besides the numbers and parents, the
    chapter numbers in numbering order (`_chapter_keys`, where a new chapter goes) and
    each unit's position in the annex's body (`_body_at`; a chapter's own children are a
    few dozen, searched directly). An order of operations proportional to the annex's size
    would otherwise cost the square of it.
    """

    def __init__(self, annex: Annex) -> None:
        self.annex = annex
        self.lists = frozenset(c.key for c in annex.columns if c.items)
        self.cell_columns = [c.key for c in annex.columns if not c.number]
        self.rows: dict[str, Node] = {}
        self.chapters: dict[str, Node] = {}
        self.parent: dict[int, Node | None] = {}
        self._chapter_keys: list[tuple[tuple[int, ...], str]] = []  # (num_key, num), sorted
        self._body_at: dict[int, int] | None = None  # id(node) -> index in annex.body; None: to rebuild
        self._row_keys: list[tuple[tuple[int, ...], str]] | None = None  # (num_key, num) of `rows`, sorted; lazy
        self._index(annex.body, None)

    def _index(self, nodes: list[Node], parent: Node | None) -> None:
        for node in nodes:
            self.parent[id(node)] = parent
            if node.kind is Kind.ROW:
                if self._row_keys is not None and node.num not in self.rows:
                    bisect.insort(self._row_keys, (num_key(node.num), node.num))
                self.rows[node.num] = node
            elif node.kind is Kind.CHAPTER:
                if node.num not in self.chapters:
                    bisect.insort(self._chapter_keys, (num_key(node.num), node.num))
                self.chapters[node.num] = node
            self._index(node.children, node)

    def _forget(self, nodes: list[Node]) -> None:
        for node in walk(nodes):
            self.parent.pop(id(node), None)
            if node.kind is Kind.ROW and self.rows.get(node.num) is node:
                del self.rows[node.num]
                if self._row_keys is not None:
                    _discard(self._row_keys, (num_key(node.num), node.num))
            elif node.kind is Kind.CHAPTER and self.chapters.get(node.num) is node:
                del self.chapters[node.num]
                _discard(self._chapter_keys, (num_key(node.num), node.num))

    def siblings(self, node: Node) -> list[Node]:
        parent = self.parent[id(node)]
        return parent.children if parent is not None else self.annex.body

    def position(self, nodes: list[Node], node: Node) -> int:
        """Where `node` (this very object) stands among `nodes`, its siblings."""
        if nodes is not self.annex.body:
            return _index(nodes, node)
        if self._body_at is None:
            self._body_at = {id(n): i for i, n in enumerate(nodes)}
        return self._body_at[id(node)]

    def _body_spliced(self, start: int, end: int, removed: list[Node], new: list[Node]) -> None:
        """Keep `_body_at` right after `body[start:end]` became `new`: a unit replaced by as
        many (a chapter restated) or units added at the end (a chapter after the last) are
        updated in place; anything else shifts the positions after it, rebuilt when next
        asked for."""
        at = self._body_at
        if at is None:
            return
        body = self.annex.body
        if len(new) == end - start or start + len(new) == len(body):
            for node in removed:
                at.pop(id(node), None)
            for offset, node in enumerate(new):
                at[id(node)] = start + offset
        else:
            self._body_at = None

    def chapter_num(self, node: Node) -> str | None:
        """The number of the chapter holding `node` (None before the first chapter)."""
        parent = self.parent.get(id(node))
        while parent is not None and parent.kind is not Kind.CHAPTER:
            parent = self.parent.get(id(parent))
        return parent.num if parent is not None else None

    def all_units(self) -> list[Node]:
        return list(walk(self.annex.body))

    # --- lookups -----------------------------------------------------------------

    def chapter(self, num: str, where: str) -> Node:
        try:
            return self.chapters[num]
        except KeyError:
            raise ApplyError(
                f"annex {self.annex.num} has no chapter {num} (it has {', '.join(self.chapters) or 'none'})",
                where=where,
            ) from None

    def chapter_span(self, num: str, where: str) -> _Span:
        """A chapter: its heading and everything it holds."""
        chapter = self.chapter(num, where)
        index = self.position(self.annex.body, chapter)
        return _Span(self.annex.body, index, index + 1)

    def paragraph_span(self, chapter: str, num: str, where: str) -> _Span:
        """A paragraph of a chapter: its heading and its rows."""
        children = self.chapter(chapter, where).children
        for index, node in enumerate(children):
            if node.kind is Kind.PARAGRAPH and node.num == num:
                return _Span(children, index, index + 1)
        raise ApplyError(f"chapter {chapter} of annex {self.annex.num} has no paragraph {num}", where=where)

    def span_of(self, node: Node) -> _Span:
        siblings = self.siblings(node)
        index = self.position(siblings, node)
        return _Span(siblings, index, index + 1)

    def row(self, num: str, chapter: str | None, where: str) -> Node:
        """The live row `num` (of `chapter` when given); a repealed row is an error."""
        row = self.rows.get(num)
        if row is None:
            raise ApplyError(f"annex {self.annex.num} has no row {num}", where=where)
        if row.repealed:
            by = [c.order_number for c in row.changes if c.action == "repealed"]
            raise ApplyError(
                f"row {num} of annex {self.annex.num} was repealed"
                + (f" by order {by[-1]}" if by else "")
                + "; an order cannot change it",
                where=where,
            )
        if chapter is not None and self.chapter_num(row) != chapter:
            raise ApplyError(
                f"row {num} of annex {self.annex.num} is in chapter {self.chapter_num(row)}, not in chapter {chapter}",
                where=where,
            )
        return row

    def row_before(self, num: str, chapter: str | None, where: str) -> Node | None:
        """The row with the greatest number below `num`, in `chapter` (or the whole annex:
        looked up in the rows' numbers kept sorted, built the first time it is needed)."""
        key = num_key(num)
        if chapter is None:
            if self._row_keys is None:
                self._row_keys = sorted((num_key(n), n) for n in self.rows)
            below = bisect.bisect_left(self._row_keys, (key,))
            return self.rows[self._row_keys[below - 1][1]] if below else None
        units = self.chapter_span(chapter, where).units()
        rows = [u for u in units if u.kind is Kind.ROW and num_key(u.num) < key]
        return max(rows, key=lambda r: num_key(r.num)) if rows else None

    # --- edits -------------------------------------------------------------------

    def splice(self, span: _Span, new: list[Node], parent: Node | None, where: str) -> None:
        """Replace the nodes of `span` with `new`, refusing numbers taken elsewhere."""
        removed = span.nodes[span.start : span.end]
        removed_ids = {id(u) for u in walk(removed)}
        for node in walk(new):
            taken = self.rows.get(node.num) if node.kind is Kind.ROW else self.chapters.get(node.num) if (
                node.kind is Kind.CHAPTER) else None  # fmt: skip
            if taken is not None and id(taken) not in removed_ids:
                raise ApplyError(
                    f"{UNIT_TYPES[node.kind]} {node.num} already exists in annex {self.annex.num}", where=where
                )
        self._forget(removed)
        span.nodes[span.start : span.end] = new
        if span.nodes is self.annex.body:
            self._body_spliced(span.start, span.end, removed, new)
        self._index(new, parent)
        self._check_order(new, where)

    def insert_chapter(self, chapter: Node, where: str) -> None:
        """A new chapter, placed before the first chapter numbered above it."""
        if chapter.num in self.chapters:
            raise ApplyError(f"chapter {chapter.num} already exists in annex {self.annex.num}", where=where)
        keys = self._chapter_keys
        after = bisect.bisect_right(keys, (num_key(chapter.num), "\U0010ffff"))  # past equal keys
        body = self.annex.body
        position = self.position(body, self.chapters[keys[after][1]]) if after < len(keys) else len(body)
        self.splice(_Span(body, position, position), [chapter], None, where)

    def _check_order(self, new: list[Node], where: str) -> None:
        """The rows of `new` (siblings next to each other) keep numbering order with the
        rows around them, and a chapter among them with the chapters next to it. Only the
        neighbours are looked at: the nearest row before and after, found by walking out
        from `new` through its ancestors."""
        if not new:
            return
        sequence = [u for u in (self._row_beside(new[0], -1),) if u is not None]
        sequence += [u for u in walk(new) if u.kind is Kind.ROW]
        sequence += [u for u in (self._row_beside(new[-1], 1),) if u is not None]
        for a, b in itertools.pairwise(sequence):
            if num_key(a.num) >= num_key(b.num):
                raise ApplyError(
                    f"row {b.num} would follow row {a.num} in annex {self.annex.num}: numbering order broken",
                    where=where,
                )
        for chapter in (n for n in new if n.kind is Kind.CHAPTER):
            body = self.annex.body
            index = self.position(body, chapter)
            neighbours = ((body[index - 1 : index], True), (body[index + 1 : index + 2], False))
            for other, should_be_lower in neighbours:
                if other and other[0].kind is Kind.CHAPTER:
                    lower = num_key(other[0].num) < num_key(chapter.num)
                    if lower != should_be_lower:
                        raise ApplyError(
                            f"chapter {chapter.num} would stand next to chapter {other[0].num} out of numbering "
                            f"order in annex {self.annex.num}",
                            where=where,
                        )

    def _row_beside(self, node: Node, step: int) -> Node | None:
        """The nearest row before (`step` -1) or after (+1) `node` in document order, its
        own descendants left out."""
        current = node
        while True:
            siblings = self.siblings(current)
            index = self.position(siblings, current) + step
            while 0 <= index < len(siblings):
                found = _edge_row(siblings[index], step)
                if found is not None:
                    return found
                index += step
            parent = self.parent[id(current)]
            if parent is None:
                return None
            current = parent


def _edge_row(node: Node, step: int) -> Node | None:
    """The last (`step` -1) or first (+1) row of `node` and its descendants in document order."""
    if node.kind is Kind.ROW:
        return node
    children = node.children if step > 0 else reversed(node.children)
    for child in children:
        found = _edge_row(child, step)
        if found is not None:
            return found
    return None


def _discard(keys: list[tuple[tuple[int, ...], str]], entry: tuple[tuple[int, ...], str]) -> None:
    """Remove `entry` from the sorted `keys` when it is there."""
    at = bisect.bisect_left(keys, entry)
    if at < len(keys) and keys[at] == entry:
        del keys[at]


def _index(nodes: list[Node], node: Node) -> int:
    """Where `node` (this very object) stands among `nodes`."""
    return next(i for i, candidate in enumerate(nodes) if candidate is node)


class _Recorder:
    """Writes a unit's history entry and its amendment note; `where` names the operation.

    `history` holds the orders applied before, so that a unit changed the same way by
    several orders of one issuer gets one note naming them all, as the reference bank
    writes it.
    """

    def __init__(self, order: OrderMeta, annex: Annex, where: str, history: dict[tuple[str, str], Applied]):
        self.order = order
        self.annex = annex
        self.where = where
        self.history = history

    def change(self, node: Node, action: str) -> None:
        entry = Change(action=action, order_number=self.order.number, order_date=self.order.date)
        if entry not in node.changes:
            node.changes.append(entry)

    def note(self, node: Node, action: str, kind: str | None = None) -> None:
        kind = kind or UNIT_TYPES[node.kind]
        current = (self.order.number, self.order.date)
        earlier: list[NoteOrder] = []
        for change in node.changes:
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
        self.change(node, action)
        mine = NoteOrder.of(self.order)
        texts = [n.text for n in node.notes]
        if earlier:
            previous = render_note(earlier, action, kind, node.num, self.annex.num)
            if previous in texts:
                both = render_note([*earlier, mine], action, kind, node.num, self.annex.num)
                node.notes[texts.index(previous)] = Note(both)
                return
        text = render_note([mine], action, kind, node.num, self.annex.num)
        if text not in texts:
            node.notes.append(Note(text))


def _carry_history(old: Node, new: Node) -> None:
    """A restated unit keeps the notes and history of the unit it replaces."""
    new.notes[:0] = [n for n in old.notes if n not in new.notes]
    new.changes[:0] = [c for c in old.changes if c not in new.changes]


def _fresh(units: Iterable[Unit]) -> list[Node]:
    """The quoted units of an operation as nodes, nested as a table holds them (rows under
    their paragraph, paragraphs and rows under their chapter); the order is never altered."""
    result: list[Node] = []
    chapter: Node | None = None
    paragraph: Node | None = None
    for unit in units:
        node = unit_to_node(unit)
        if isinstance(unit, ChapterHeading):
            result.append(node)
            chapter, paragraph = node, None
        elif isinstance(unit, ParagraphHeading):
            (chapter.children if chapter is not None else result).append(node)
            paragraph = node
        else:
            holder = paragraph if paragraph is not None else chapter
            (holder.children if holder is not None else result).append(node)
    return result


# --- chapters ----------------------------------------------------------------------


def _insert_chapter(table: _Table, op: Operation, rec: _Recorder) -> None:
    nodes = _fresh(op.content)
    for node in walk(nodes):
        rec.change(node, "inserted")
    rec.note(nodes[0], "inserted")
    if len(nodes) != 1 or nodes[0].kind is not Kind.CHAPTER:
        raise ApplyError("an inserted chapter must quote its heading first", where=rec.where)
    table.insert_chapter(nodes[0], rec.where)


def _restate_chapter(table: _Table, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    span = table.chapter_span(op.target.chapter or "", where)
    nodes = _fresh(op.content)
    _carry_history(span.nodes[span.start], nodes[0])
    for node in walk(nodes):
        rec.change(node, "restated")
    rec.note(nodes[0], "restated")
    table.splice(span, nodes, None, where)


def _restate_heading(table: _Table, op: Operation, rec: _Recorder) -> None:
    heading = table.chapter(op.target.chapter or "", rec.where)
    new = op.content[0]
    if not isinstance(new, ChapterHeading):
        raise ApplyError("a restated heading must quote the new heading", where=rec.where)
    heading.text = new.heading
    rec.note(heading, "restated", kind="heading")


def _repeal_heading(table: _Table, op: Operation, rec: _Recorder) -> None:
    heading = table.chapter(op.target.chapter or "", rec.where)
    if not heading.text:
        raise ApplyError(f"the heading of chapter {heading.num} is already repealed", where=rec.where)
    heading.text = ""
    rec.note(heading, "repealed", kind="heading")


# --- paragraphs --------------------------------------------------------------------


def _restate_paragraphs(table: _Table, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    chapter = op.target.chapter or ""
    for heading in _fresh(op.content):
        span = table.paragraph_span(chapter, heading.num, where)
        _carry_history(span.nodes[span.start], heading)
        for node in walk([heading]):
            rec.change(node, "restated")
        rec.note(heading, "restated")
        table.splice(span, [heading], table.chapter(chapter, where), where)


# --- rows --------------------------------------------------------------------------


def _quoted_rows(op: Operation) -> list[Node]:
    return [unit_to_node(u) for u in op.content if isinstance(u, Row)]


def _insert_rows(table: _Table, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    rows = _quoted_rows(op)
    for row in rows:
        if row.num in table.rows:
            raise ApplyError(f"row {row.num} already exists in annex {table.annex.num}", where=where)
    before = table.row_before(rows[0].num, op.target.chapter, where)
    parent: Node | None
    if before is not None:
        after = table.span_of(before)
        span = _Span(after.nodes, after.end, after.end)
        parent = table.parent[id(before)]
    elif op.target.chapter is not None:  # first in its chapter: right after the heading
        parent = table.chapter(op.target.chapter, where)
        span = _Span(parent.children, 0, 0)
    else:
        parent = None
        span = _Span(table.annex.body, 0, 0)
    for row in rows:
        rec.note(row, "inserted")
    table.splice(span, rows, parent, where)


def _restate_rows(table: _Table, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    for index, unit in enumerate(op.content):
        if not isinstance(unit, Row):
            raise ApplyError("restated rows must quote rows only", where=where)
        new = unit_to_node(unit)
        old = table.row(new.num, op.target.chapter, where)
        if index == 0:  # a merge from above ends before a restated row
            for cell in new.cells:
                cell.continues = False
        _carry_history(old, new)
        rec.note(new, "restated")
        table.splice(table.span_of(old), [new], table.parent[id(old)], where)


def _repeal_rows(table: _Table, op: Operation, rec: _Recorder) -> None:
    where = rec.where
    rows = [table.row(num, op.target.chapter, where) for num in op.target.rows]
    for row in rows:
        row.repealed = True
        row.cells = [RowCell(column) for column in table.cell_columns]
        rec.note(row, "repealed")


# --- words -------------------------------------------------------------------------

Edit = Callable[[str], tuple[str, int]]


def _word_edit(op: Operation) -> Edit:
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


def _edit_unit(node: Node, edit: Edit, lists: frozenset[str]) -> int:
    """Apply a word edit to a unit's text (a heading, or a row's effective cell values)."""
    if node.kind in HEADINGS:
        node.text, count = edit(node.text)
        return count
    count = 0
    for cell in node.cells:
        if cell.column in lists:
            edited = [edit(item) for item in cell.items]
            cell.items = [text for text, _ in edited]
            count += sum(n for _, n in edited)
        else:
            cell.text, n = edit(cell.text)
            count += n
    return count


def _edit_units(table: _Table, units: list[Node], op: Operation, rec: _Recorder, notes: bool = True) -> int:
    """Edit words in `units`; each changed unit gets its history entry, and its own note
    unless the change is made throughout the text (one note for all, see `_note_throughout`)."""
    edit = _word_edit(op)
    total = 0
    for node in units:
        count = _edit_unit(node, edit, table.lists)
        if count:
            total += count
            if notes:
                rec.note(node, "amended")
            else:
                rec.change(node, "amended")
    return total


def _note_throughout(op: Operation, order: OrderMeta, notes: list[Note], annex_num: str = "") -> None:
    action = "inserted_throughout" if op.op == "insert_words" else "replaced_throughout"
    note = render_note([NoteOrder.of(order)], action, "act", "", annex_num, op.old_words or "", op.new_words or "")
    if all(n.text != note for n in notes):
        notes.append(Note(note))


def _word_scope(table: _Table, op: Operation, where: str) -> tuple[list[Node], str]:
    """The units a word operation reads, and how to name them in a message."""
    target = op.target
    if target.rows:
        return [table.row(num, target.chapter, where) for num in target.rows], f"row(s) {', '.join(target.rows)}"
    if op.unit == "heading":
        return [table.chapter(target.chapter or "", where)], f"the heading of chapter {target.chapter}"
    if target.paragraphs and target.chapter is not None:
        units: list[Node] = []
        for num in target.paragraphs:
            units.extend(table.paragraph_span(target.chapter, num, where).units())
        return units, f"paragraph(s) {', '.join(target.paragraphs)} of chapter {target.chapter}"
    if target.chapter is not None:
        return table.chapter_span(target.chapter, where).units(), f"chapter {target.chapter}"
    return table.all_units(), "the whole annex"


def _words(table: _Table, op: Operation, rec: _Recorder) -> None:
    units, label = _word_scope(table, op, rec.where)
    throughout = op.unit == "text"
    if _edit_units(table, units, op, rec, notes=not throughout) == 0:
        raise ApplyError(f"the words «{op.old_words}» occur nowhere in {label} of annex {table.annex.num}",
                         where=rec.where)  # fmt: skip
    if throughout:
        _note_throughout(op, rec.order, table.annex.notes, table.annex.num)


def _words_in_act(
    document: Document,
    op: Operation,
    order: OrderMeta,
    where: str,
    table_of: Callable[[Annex], _Table],
    history: dict[tuple[str, str], Applied],
) -> None:
    """A word operation on the whole text: every annex and the act's own points."""
    total = 0
    for annex in document.annexes:
        table = table_of(annex)
        total += _edit_units(table, table.all_units(), op, _Recorder(order, annex, where, history), notes=False)
    edit = _word_edit(op)
    for index, paragraph in enumerate(document.preamble):  # the preamble is text of the act too
        document.preamble[index], count = edit(paragraph)
        total += count
    for point in document.body:
        for part in point.children:
            if part.kind is Kind.PART:
                part.text, count = edit(part.text)
                total += count
    if total == 0:
        raise ApplyError(f"the words «{op.old_words}» occur nowhere in the act", where=where)
    _note_throughout(op, order, document.title_notes)


def _preamble(document: Document, op: Operation, order: OrderMeta, where: str) -> None:
    """The act's preamble restated or repealed; its note stands under it, as the bank prints it."""
    if op.op == "restate":
        paragraphs = [n.text for n in op.provisions if n.kind is Kind.PART]
        if not paragraphs or len(paragraphs) != len(op.provisions):
            raise ApplyError("the new preamble should be text, without numbered units", where=where)
        document.preamble = paragraphs
    elif op.op == "repeal":
        document.preamble = []
    else:
        raise ApplyError(f"{op.op} of the preamble is not possible", where=where)
    action = "restated" if op.op == "restate" else "repealed"
    document.preamble_notes.append(
        Note(render_note([NoteOrder.of(order)], action, "preamble", "", ""), len(document.preamble))
    )


def _unsupported(table: _Table, op: Operation, rec: _Recorder) -> None:
    raise ApplyError(f"{op.op.replace('_', ' ')} of a {op.unit} is not supported yet", where=rec.where)


_HANDLERS: dict[tuple[str, str], Callable[[_Table, Operation, _Recorder], None]] = {
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
"""Operation handlers by (op, unit); anything else is reported as unsupported."""
