"""Units of an annex table: chapter heading rows, paragraph heading rows, numbered rows.

An annex of qualification requirements is one table. Its units come in document order:
a chapter heading row (тарау) spanning the whole table, optionally paragraph heading rows
(параграф) inside a chapter, and numbered rows (реттік нөмірі) with cells.

Merged cells are kept as the *effective* value on every row plus, per row, the set of
columns whose cell continues the merge from the row above (`continues`). Spans are derived
from that set, so inserting, restating or repealing a row never leaves a span pointing at
the wrong rows: see `Annex.normalize_merges`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consolidate.model.columns import default_columns
from consolidate.model.tree import Change

_DEFAULT = default_columns()

TABLE_COLUMNS: tuple[str, ...] = tuple(c.key for c in _DEFAULT)
"""The printed columns of a table that does not say its own (data/columns.toml): the row
number, then the cells."""

COLUMNS: tuple[str, ...] = tuple(c.key for c in _DEFAULT if not c.number)
"""Cell columns of such a row, in table order (the number column is `Row.num`)."""

LIST_COLUMNS: frozenset[str] = frozenset(c.key for c in _DEFAULT if c.items)
"""Its columns whose value is a list of items (one specialty per item)."""

CellValue = str | list[str]


def empty_value(column: str) -> CellValue:
    """The value of an empty cell in `column`."""
    return [] if column in LIST_COLUMNS else ""


@dataclass
class ChapterHeading:
    """A chapter heading row: "8-тарау. <heading>"."""

    num: str
    heading: str
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    type = "chapter"


@dataclass
class ParagraphHeading:
    """A paragraph heading row inside a chapter: "3-параграф. <heading>"."""

    num: str
    chapter: str | None
    heading: str
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    type = "paragraph"


@dataclass
class Row:
    """A numbered row with its cells.

    `cells` holds the effective value of every column (a merged cell's value is repeated on
    every row it covers); `continues` names the columns covered by the merge from the row
    above. A repealed row keeps its number and its notes; its cells are empty.
    """

    num: str
    chapter: str | None
    paragraph: str | None
    cells: dict[str, CellValue]
    continues: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    repealed: bool = False

    type = "row"

    def cell(self, column: str) -> CellValue:
        """The effective value of `column` (empty when the row does not have it)."""
        return self.cells.get(column, empty_value(column))


Unit = ChapterHeading | ParagraphHeading | Row


def unit_label(unit: Unit) -> str:
    """A short human label of a unit, for messages: "chapter 8", "row 26-1"."""
    return f"{unit.type} {unit.num}"


def copy_unit(unit: Unit) -> Unit:
    """A copy of a unit that shares nothing mutable with it (cells, list cells, notes,
    history lists), made field by field: `copy.deepcopy` costs several times more on an
    act of tens of thousands of rows. `Change` records are never modified, so they are
    shared."""
    if isinstance(unit, Row):
        return Row(
            num=unit.num,
            chapter=unit.chapter,
            paragraph=unit.paragraph,
            cells={k: list(v) if isinstance(v, list) else v for k, v in unit.cells.items()},
            continues=unit.continues,
            notes=list(unit.notes),
            changes=list(unit.changes),
            repealed=unit.repealed,
        )
    if isinstance(unit, ChapterHeading):
        return ChapterHeading(unit.num, unit.heading, list(unit.notes), list(unit.changes))
    return ParagraphHeading(unit.num, unit.chapter, unit.heading, list(unit.notes), list(unit.changes))
