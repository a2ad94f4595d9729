"""Official texts as a sequence of source blocks, whatever file they came in.

The reference bank's texts reach us as its markdown copies (headings `#`, stamps and notes
as `>` quotes, tables as HTML), as its HTML pages and DOCX downloads, and as text copied
from its PDF. Each becomes the same blocks: text paragraphs (with a hint of how the source
marked them: heading, quote, bold), and tables. The structure is then read from the text
of the blocks (`importer.build`), so every format gives the same tree.

`plain_text` gives the text a reader sees in the source, the reference for measuring
how faithfully an import exports back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from consolidate.errors import InputError
from consolidate.parse.document import Grid, Para
from consolidate.parse.html_input import read_html


class Mark(StrEnum):
    """How the source marked a paragraph."""

    TEXT = "text"
    TITLE = "title"  # markdown "# "
    HEADING = "heading"  # markdown "##", "###", …
    QUOTE = "quote"  # markdown ">": stamps and notes
    BOLD = "bold"  # a paragraph wholly in bold: signatures
    NOTE = "note"  # marked as a note by the source's markup (a page's red or `note` text)


@dataclass(frozen=True)
class Block:
    """A paragraph (`grid` None) or a table, with the line where it starts in its file."""

    line: int
    mark: Mark
    text: str
    grid: Grid | None = None


_TABLE_START = re.compile(r"^\s*<table\b", re.IGNORECASE)
_TABLE_END = re.compile(r"</table>\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ANCHOR = re.compile(r'^\s*(?:<a\s+(?:id|name)="[^"<>]{0,80}"\s*>\s*</a>\s*)+$', re.IGNORECASE)
_BOLD = re.compile(r"^\*\*(.+?)\*\*$")
_EMPHASIS = re.compile(r"(?<!\*)\*(?!\s)([^*]+?)(?<!\s)\*(?!\*)")


def _fold(text: str) -> str:
    return " ".join(text.split())


def _unmark(text: str) -> str:
    """A markdown line without its emphasis stars and hard-break spaces."""
    text = text.replace("**", "")
    return _EMPHASIS.sub(r"\1", text).strip()


def _front_matter(lines: list[str]) -> int:
    """Lines taken by a YAML front matter block ("---" … "---") at the top, or 0."""
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 50)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def _table(lines: list[str], start: int, where: str) -> tuple[Grid, int]:
    """The HTML table starting at `start`, read by the safe HTML reader; returns the grid
    and the index of the line after it."""
    end = start
    while end < len(lines) and not _TABLE_END.search(lines[end]):
        end += 1
    if end == len(lines):
        raise InputError(f"line {start + 1}: a table that never ends (no </table>)", where=where)
    html = "\n".join(lines[start : end + 1])
    grids = [
        b
        for b in read_html(f"<html><body>{html}</body></html>".encode(), f"{where}:{start + 1}")
        if isinstance(b, Grid)
    ]
    if len(grids) != 1:
        raise InputError(f"line {start + 1}: cannot read this table", where=where)
    grid = grids[0]
    return Grid(start + 1, grid.rows), end + 1


def markdown_blocks(text: str, where: str) -> list[Block]:
    """The blocks of the reference bank's markdown copy of an act."""
    text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    index = _front_matter(lines)
    blocks: list[Block] = []
    while index < len(lines):
        line = lines[index].rstrip()
        if not line.strip() or _ANCHOR.match(line):  # an anchor of the source's page: not text
            index += 1
            continue
        start = index
        if _TABLE_START.match(line):
            grid, index = _table(lines, index, where)
            blocks.append(Block(start + 1, Mark.TEXT, "", grid))
            continue
        if line.lstrip().startswith(">"):
            quoted = []
            while index < len(lines) and lines[index].lstrip().startswith(">"):
                quoted.append(_unmark(lines[index].lstrip()[1:]))
                index += 1
            # One quote may hold several notes or a stamp of several lines: keep the lines.
            blocks.append(Block(start + 1, Mark.QUOTE, "\n".join(q for q in quoted if q)))
            continue
        paragraph = [line]
        index += 1
        while (
            index < len(lines) and lines[index].strip() and not lines[index].lstrip().startswith((">", "#", "<table"))
        ):
            paragraph.append(lines[index].rstrip())
            index += 1
        joined = _fold(" ".join(paragraph))
        heading = _HEADING.match(joined)
        if heading:
            mark = Mark.TITLE if len(heading.group(1)) == 1 else Mark.HEADING
            blocks.append(Block(start + 1, mark, _unmark(heading.group(2))))
        elif _BOLD.match(joined):
            blocks.append(Block(start + 1, Mark.BOLD, _unmark(joined)))
        else:
            blocks.append(Block(start + 1, Mark.TEXT, _unmark(joined)))
    return blocks


def para_blocks(paras: list[Para | Grid]) -> list[Block]:
    """Blocks of an HTML page, a DOCX file or PDF text (no markup hints: all is text)."""
    blocks: list[Block] = []
    for item in paras:
        if isinstance(item, Grid):
            blocks.append(Block(item.line, Mark.TEXT, "", item))
        elif item.text.strip():
            blocks.append(Block(item.line, Mark.TEXT, _fold(unicodedata.normalize("NFC", item.text))))
    return blocks


def grid_lines(grid: Grid) -> list[str]:
    """A table as text: a line per row, its cells separated by a tab, a cell's lines by a space."""
    return ["\t".join(_fold(cell.text) for cell in row) for row in grid.rows]


def plain_text(blocks: list[Block]) -> str:
    """What a reader of the source sees, a line per paragraph (the reference of round trips)."""
    out: list[str] = []
    for block in blocks:
        if block.grid is not None:
            out.extend(line for line in grid_lines(block.grid) if line.strip())
        else:
            out.extend(_fold(line) for line in block.text.split("\n") if line.strip())
    return "\n".join(out) + "\n"
