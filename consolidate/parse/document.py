"""An amending order as a sequence of blocks, whatever file it came in.

Orders arrive as text copied from a PDF, as Word files and as pages of the reference
bank's website. Each reader turns its input into the same sequence of blocks: paragraphs
of text (`Para`) and real tables (`Grid`). Text from a PDF has no real tables: its quoted
tables stay paragraphs (one per line) and are rebuilt by `parse.table`; a Word or HTML
table becomes a `Grid` and is read by `parse.grid`. The rest of the parser sees blocks
only, so the same order gives the same operations in any of the three shapes.

`line` is where a block is in its file, for messages: the line of a text file, the
number of the paragraph or table in a Word or HTML file (counted from 1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    """A paragraph (a line of a text file)."""

    line: int
    text: str


@dataclass(frozen=True)
class GridCell:
    """A cell of a real table: its text (paragraphs joined by "\\n") and its spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Grid:
    """A real table: rows of cells as the file writes them (a cell covered by a merge
    from above is not repeated in the rows below it)."""

    line: int
    rows: tuple[tuple[GridCell, ...], ...]


Block = Para | Grid


def text_blocks(text: str) -> list[Block]:
    """The blocks of a text file: one paragraph per line."""
    return [Para(number, line.rstrip("\r")) for number, line in enumerate(text.split("\n"), start=1)]
