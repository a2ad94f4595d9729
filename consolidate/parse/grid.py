"""Reads the quoted content of an instruction given as a real table (Word or HTML).

A real table says what a PDF only shows: which cells a row has and which cells are
merged. So, unlike `parse.table`, nothing here is inferred from layout or from empty
cells: an empty cell is an empty cell, and a merge is a cell with a rowspan. The rules:

* the table is laid out on a grid the way a browser does (a cell takes the next column
  not covered by a rowspan from above, and as many columns as its colspan);
* a row whose first cell is a heading ("7-1-тарау. …", "3-параграф. …", the patterns of
  `tables.toml`) is a heading row; its other cells must be empty;
* a row whose first cell is a row number ("26-1.", "48") is a row; its cells are the
  columns title, category, education, specialties, experience, by grid position; a cell
  spanning several columns gives its text to the first of them;
* a cell with rowspan N is the row's own cell and covers the same column of the N-1 rows
  below it: those rows get its value and mark the column as continuing the merge;
* a number cell with a rowspan makes the physical rows it covers one row (Word files
  sometimes split a tall row in two);
* rows before the first numbered or heading row are column headers and are skipped
  (unless their first cell starts with a digit: a mistyped row number is not a header),
  and so is a row that only numbers the columns (1, 2, 3, …); a text row without a row
  number anywhere else is an error, because dropping it would lose text silently.

Cells are cleaned as text from a PDF is (`clean_cell`, the parenthesis repair), because
Word files are often made from PDFs and carry the same damage. A specialties cell with
several paragraphs has one item per paragraph, as the author typed it (a paragraph that
does not start with a capital continues the item above: a hand-wrapped name, the rule
`split_items` applies to words); a cell with one paragraph is split at capitals like
text from a PDF.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from consolidate.errors import ParseError
from consolidate.model.units import COLUMNS, LIST_COLUMNS, CellValue, ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.parse.cleanup import CleanupLog, Lexicon, clean_cell, fold_spaces
from consolidate.parse.document import Grid, GridCell
from consolidate.parse.grammar import table_conventions
from consolidate.parse.table import match_heading, repair_parentheses, split_items

WIDTH = len(COLUMNS) + 1
"""Printed columns: the row number, then the cells."""


@dataclass(eq=False)
class _Placed:
    """A cell placed on the grid: where it starts, its text, and the row that owns it."""

    cell: GridCell
    row: int
    col: int
    text: str
    owner: Row | None = None


@dataclass
class _Logical:
    """A numbered row: its number and the physical rows it is made of."""

    num: str
    rows: list[int] = field(default_factory=list)


def _place(grid: Grid, where: str) -> list[list[_Placed | None]]:
    """The grid, slot by slot (first `WIDTH` columns), each slot naming the cell covering it."""
    height = len(grid.rows)
    slots: list[list[_Placed | None]] = [[None] * WIDTH for _ in range(height)]
    occupied: set[tuple[int, int]] = set()
    for r, row in enumerate(grid.rows):
        col = 0
        for cell in row:
            while (r, col) in occupied:
                col += 1
            rowspan, colspan = max(1, cell.rowspan), max(1, cell.colspan)
            text = unicodedata.normalize("NFC", cell.text)
            if col >= WIDTH and text.strip():
                raise ParseError(
                    f"table row {r + 1} has more than {WIDTH} columns: {fold_spaces(text)[:40]!r}",
                    where=f"{where}:{grid.line}",
                )
            if r + rowspan > height:
                raise ParseError(
                    f"a merged cell of table row {r + 1} spans {rowspan} rows, "
                    f"{r + rowspan - height} past the end of the table",
                    where=f"{where}:{grid.line}",
                )
            placed = _Placed(cell, r, col, text)
            for dr in range(rowspan):
                # Columns past the sixth hold nothing the rows use (text there is an error
                # above), so they are not tracked: a huge colspan costs nothing.
                for dc in range(min(colspan, max(0, WIDTH - col))):
                    if (r + dr, col + dc) in occupied:
                        raise ParseError(
                            f"a cell of table row {r + 1} overlaps a merged cell in row {r + dr + 1}",
                            where=f"{where}:{grid.line}",
                        )
                    occupied.add((r + dr, col + dc))
                    slots[r + dr][col + dc] = placed
            col += colspan
    return slots


def _heading(text: str, line: int, log: CleanupLog) -> tuple[str, str, str] | None:
    """(unit, num, heading) when `text` is a chapter or paragraph heading, read exactly as
    `parse.table` reads one (same patterns, a label printed otherwise is logged)."""
    heading = match_heading(text, line, log)
    return None if heading is None else (heading.unit, heading.num, heading.heading)


def _own(slot: _Placed | None, r: int) -> _Placed | None:
    """The cell starting in row `r` at this slot (None when empty or covered from above)."""
    return slot if slot is not None and slot.row == r else None


def _is_column_numbers(texts: list[str]) -> bool:
    """True for a row that only numbers the columns: "1", "2", "3", …"""
    return len(texts) >= 3 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _specialties(text: str, line: int, log: CleanupLog, lexicon: Lexicon) -> list[str]:
    paragraphs = [p for p in (clean_cell(part, line, log, lexicon) for part in text.split("\n")) if p]
    if len(paragraphs) == 1:
        return split_items(paragraphs[0])
    items: list[str] = []
    for paragraph in paragraphs:
        if items and not paragraph[0].isupper():
            items[-1] = f"{items[-1]} {paragraph}"
        else:
            items.append(paragraph)
    return items


def _row_cells(
    logical: _Logical, slots: list[list[_Placed | None]], where: str, line: int, log: CleanupLog, lexicon: Lexicon
) -> tuple[dict[str, CellValue], set[str], list[_Placed]]:
    """The cells of one numbered row: own texts cleaned, covered ones taken from the head."""
    first = logical.rows[0]
    own_text: dict[str, str] = {}
    covered: dict[str, CellValue] = {}
    owned: list[_Placed] = []
    for index, column in enumerate(COLUMNS, start=1):
        slot = slots[first][index]
        if slot is not None and slot.row < first:
            head = slot.owner
            if head is None:
                raise ParseError(
                    f"row {logical.num}: the merged cell above it in column {column} starts outside a numbered row",
                    where=f"{where}:{line}",
                )
            value = head.cells[column]
            covered[column] = list(value) if isinstance(value, list) else value
            continue
        texts: list[str] = []
        for r in logical.rows:
            placed = _own(slots[r][index], r)
            if placed is None:
                continue
            owned.append(placed)
            if placed.col == index and placed.text.strip():
                texts.append(placed.text)
        own_text[column] = "\n".join(texts)
    cells: dict[str, CellValue] = {}
    plain = {
        column: clean_cell(text, line, log, lexicon) for column, text in own_text.items() if column not in LIST_COLUMNS
    }
    repair_parentheses(plain, line, log)
    for column in COLUMNS:
        if column in covered:
            cells[column] = covered[column]
        elif column in LIST_COLUMNS:
            cells[column] = _specialties(own_text[column], line, log, lexicon)
        else:
            cells[column] = plain[column]
    return cells, set(covered), owned


def parse_grid(grid: Grid, where: str, log: CleanupLog, lexicon: Lexicon, chapter: str | None = None) -> list[Unit]:
    """The units quoted as a real table. `chapter` is the chapter its rows sit in until a
    chapter heading row says otherwise (rows restated or inserted into a chapter).

    Errors (a row wider than the table's six columns, a merge that overruns the table or
    runs into a heading row, a text row without a number) are `ParseError`s naming
    `where:line`, `line` being the table's.
    """
    line = grid.line
    slots = _place(grid, where)
    rules = table_conventions()
    items: list[tuple[str, str, str] | _Logical] = []
    current: _Logical | None = None
    started = False  # a heading or numbered row has been seen: no more column headers
    for r in range(len(slots)):
        row = slots[r]
        first = row[0]
        if first is not None and first.row < r:
            if current is None or first.row not in current.rows:
                raise ParseError(
                    f"table row {r + 1}: only a row number may be merged down into the next row",
                    where=f"{where}:{line}",
                )
            current.rows.append(r)
            continue
        own = [slot for index, slot in enumerate(row) if slot is not None and slot.row == r and slot.col == index]
        texts = [fold_spaces(slot.text) for slot in own if slot.text.strip()]
        first_text = fold_spaces(first.text) if first is not None else ""
        heading = _heading(first_text, line, log) if first_text else None
        if heading is not None:
            if any(slot is not None and slot.row < r for slot in row):
                message = f"a merged cell runs into the heading row {first_text[:40]!r}"
                raise ParseError(message, where=f"{where}:{line}")
            if len(texts) > 1:
                raise ParseError(f"a heading row with other cells: {first_text[:40]!r}", where=f"{where}:{line}")
            items.append(heading)
            current, started = None, True
            continue
        start = rules.row_start.match(first_text)
        if start and not _is_column_numbers(texts):
            current = _Logical(start.group("num"), [r])
            items.append(current)
            started = True
            continue
        if not texts or _is_column_numbers(texts):
            continue  # an empty row, a row of column numbers
        if not started and not first_text[:1].isdigit():
            continue  # column headers ("Р/с №", "Лауазымның атауы", …)
        raise ParseError(f"a table row without a row number: {' | '.join(texts)[:60]!r}", where=f"{where}:{line}")

    units: list[Unit] = []
    paragraph: str | None = None
    for item in items:
        if isinstance(item, tuple):
            unit, num, heading_text = item
            if unit == "chapter":
                chapter, paragraph = num, None
                units.append(ChapterHeading(num, heading_text))
            else:
                paragraph = num
                units.append(ParagraphHeading(num, chapter, heading_text))
            continue
        cells, continues, owned = _row_cells(item, slots, where, line, log, lexicon)
        unit_row = Row(item.num, chapter, paragraph, cells, frozenset(continues))
        for placed in owned:
            placed.owner = unit_row
        units.append(unit_row)
    return units
