"""Rebuilds quoted table content (headings, rows, cells, merges) from extracted text.

Text copied from a PDF keeps a table's cells as tab-separated fields, but not its rows:
a tall row is printed in slices around its vertically centred number (the top of its
cells on lines before the number, the rest on lines after), one cell may fill several
lines, and some rows come out one cell per line, blocks separated by blank lines. The
rules here, in order:

* a heading line ("7-1-тарау. …", "3 - параграф. …") is a heading row;
* a line starting with a number ("26-1.", "48") starts a row; its fields are columns;
* a line starting with a tab is a slice of a row: it belongs to the row started above,
  or, before the first row after a heading, to the next row;
* a bare number line followed by text without tabs is a row printed one cell per line;
  its blank-line separated blocks are its cells, left to right.

Then each cell is cleaned (see cleanup.py), parentheses that slid into the next column are
put back, specialties are split into items, and empty cells are read as covered by the
merged cell above them (vertical merges), except where a row needs no value there.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from consolidate.errors import ParseError
from consolidate.model.units import (
    COLUMNS,
    LIST_COLUMNS,
    CellValue,
    ChapterHeading,
    ParagraphHeading,
    Row,
    Unit,
)
from consolidate.parse.cleanup import (
    CleanupLog,
    Lexicon,
    clean_cell,
    fold_spaces,
    join_pieces,
    unbalanced_close,
    unbalanced_open,
)
from consolidate.parse.grammar import table_conventions

Line = tuple[int, str]  # (1-based line number, text)


@dataclass
class _RawRow:
    """A row while its slices are being collected: column -> [(text, line)]."""

    num: str
    line: int
    chapter: str | None
    paragraph: str | None
    pieces: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, column: str, text: str, line: int) -> None:
        if text.strip():
            self.pieces.setdefault(column, []).append((text, line))


@dataclass
class _Heading:
    unit: str
    num: str
    heading: str
    line: int
    chapter: str | None = None


def match_heading(text: str, line: int, log: CleanupLog) -> _Heading | None:
    rules = table_conventions()
    first = text.split("\t", 1)[0].strip()
    rest = text.split("\t", 1)[1] if "\t" in text else ""
    if rest.strip():
        return None
    for unit, pattern, label_format in rules.headings:
        match = pattern.match(first)
        if match:
            num = "".join(match.group("num").split())
            label = label_format.format(num=num)
            printed = first[: match.start("heading")].strip().rstrip(".").strip()
            if printed != label:
                log.add(printed, label, "other", line)
            return _Heading(unit, num, fold_spaces(match.group("heading")), line)
    return None


def _fields(text: str, line: int, where: str) -> list[str]:
    fields = text.split("\t")
    extra = [f for f in fields[len(COLUMNS) + 1 :] if f.strip()]
    if extra:
        raise ParseError(
            f"a table line has more than {len(COLUMNS) + 1} cells: {extra[0][:40]!r}", where=f"{where}:{line}"
        )
    return fields[: len(COLUMNS) + 1]


def _collect(lines: list[Line], where: str, chapter: str | None, log: CleanupLog) -> list[_Heading | _RawRow]:
    """Group the lines of a quoted block into headings and rows (cells still raw)."""
    rules = table_conventions()
    items: list[_Heading | _RawRow] = []
    current: _RawRow | None = None
    pending: list[tuple[list[str], int]] = []  # slices seen before the first row of a section
    paragraph: str | None = None
    vertical_column: int | None = None  # index in COLUMNS while reading a one-cell-per-line row
    vertical_started = False

    def attach(row: _RawRow, fields: list[str], line: int) -> None:
        for index, column in enumerate(COLUMNS, start=1):
            if index < len(fields):
                row.add(column, fields[index], line)

    for number, text in lines:
        if not text.strip():
            if vertical_column is not None and vertical_started:
                vertical_column += 1
                vertical_started = False
            continue
        if rules.separator.match(text):
            continue
        heading = match_heading(text, number, log)
        if heading is not None:
            if pending:
                raise ParseError("table cells before a heading belong to no row", where=f"{where}:{pending[0][1]}")
            current, vertical_column = None, None
            if heading.unit == "chapter":
                chapter, paragraph = heading.num, None
            else:
                paragraph = heading.num
            heading.chapter = chapter
            items.append(heading)
            continue
        start = rules.row_start.match(text)
        if start:
            num = start.group("num")
            if not start.group("dot"):
                log.add(num, f"{num}.", "other", number)
            current = _RawRow(num, number, chapter, paragraph)
            items.append(current)
            for fields, line in pending:
                attach(current, fields, line)
            pending = []
            fields = _fields(text, number, where)
            attach(current, fields, number)
            bare = "\t" not in text
            vertical_column, vertical_started = (0, False) if bare else (None, False)
            continue
        if text.startswith("\t"):
            vertical_column = None
            fields = _fields(text, number, where)
            if current is None:
                pending.append((fields, number))
            else:
                attach(current, fields, number)
            continue
        if current is not None and vertical_column is not None:
            if vertical_column >= len(COLUMNS):
                raise ParseError(
                    f"row {current.num} printed one cell per line has more than {len(COLUMNS)} cells",
                    where=f"{where}:{number}",
                )
            current.add(COLUMNS[vertical_column], text, number)
            vertical_started = True
            continue
        raise ParseError(f"text outside any table cell: {text.strip()[:60]!r}", where=f"{where}:{number}")
    if pending:
        raise ParseError("table cells that belong to no row", where=f"{where}:{pending[0][1]}")
    return items


def repair_parentheses(cells: dict[str, str], line: int, log: CleanupLog) -> None:
    """Put back a "(" that slid from one cell into the next one.

    "С-SV-2 қызметкер)" + "(Жоғарыдан төмен емес" -> "С-SV-2 (қызметкер)" + "Жоғарыдан
    төмен емес". A "(" that opens a cell and is closed nowhere in it is stray and removed.
    """
    rules = table_conventions()
    for left, right in itertools.pairwise(COLUMNS):
        if left in LIST_COLUMNS or right in LIST_COLUMNS:
            continue
        a, b = cells.get(left, ""), cells.get(right, "")
        opening = unbalanced_open(b)
        if unbalanced_close(a) and opening is not None:
            word = rules.closing_word.search(a)
            if word:
                new_a = a[: word.start("word")] + "(" + a[word.start("word") :]
                new_b = fold_spaces(b[:opening] + b[opening + 1 :])
                log.add(f"{a}\t{b}", f"{new_a}\t{new_b}", "moved-parenthesis", line)
                cells[left], cells[right] = new_a, new_b
                continue
        if b.startswith("(") and opening == 0:
            new_b = fold_spaces(b[1:])
            log.add(f"{a}\t{b}", f"{a}\t{new_b}", "moved-parenthesis", line)
            cells[right] = new_b


def split_items(text: str) -> list[str]:
    """Split a specialties cell into items: each item starts with a capital letter."""
    items: list[str] = []
    for token in text.split():
        if not items or token[0].isupper():
            items.append(token)
        else:
            items[-1] += " " + token
    return items


def _own_empty(column: str, cells: dict[str, CellValue]) -> bool:
    """True when an empty cell in `column` is the row's own, not covered by a merge."""
    for own_column, when_column, pattern in table_conventions().own_empty_cells:
        value = cells.get(when_column)
        if own_column == column and isinstance(value, str) and pattern.search(value):
            return True
    return False


def parse_table(
    lines: list[Line], where: str, log: CleanupLog, lexicon: Lexicon, chapter: str | None = None
) -> list[Unit]:
    """Rebuild the units of a quoted block. `chapter` is the chapter rows sit in when the
    block itself has no chapter heading (rows restated or inserted into a chapter)."""
    units: list[Unit] = []
    heads: dict[str, Row] = {}  # column -> first row of the merge that can still grow
    for item in _collect(lines, where, chapter, log):
        if isinstance(item, _Heading):
            heads = {}
            if item.unit == "chapter":
                units.append(ChapterHeading(item.num, item.heading))
            else:
                units.append(ParagraphHeading(item.num, item.chapter, item.heading))
            continue
        text_cells: dict[str, str] = {}
        for column in COLUMNS:
            pieces = item.pieces.get(column, [])
            line = pieces[0][1] if pieces else item.line
            text_cells[column] = clean_cell(join_pieces(pieces, log), line, log, lexicon)
        repair_parentheses(text_cells, item.line, log)
        cells: dict[str, CellValue] = {c: (split_items(v) if c in LIST_COLUMNS else v) for c, v in text_cells.items()}
        continues: set[str] = set()
        for column in COLUMNS:
            if cells[column]:
                continue
            head = heads.get(column)
            if head is not None and not _own_empty(column, cells):
                cells[column] = head.cells[column]
                continues.add(column)
        row = Row(item.num, item.chapter, item.paragraph, cells, frozenset(continues))
        for column in COLUMNS:
            if column in continues:
                continue
            if cells[column]:
                heads[column] = row
            else:
                heads.pop(column, None)
        units.append(row)
    return units
