"""Edits of one annex's units, chapter by chapter, with the lookups apply needs.

An annex is a flat list of units in document order. While an order is applied, the
editor holds it as one block per chapter (the units before the first chapter heading
form a block of their own): every instruction acts inside a chapter, so finding and
replacing units costs the size of that chapter, never of the whole annex, and an order of
many operations on a large act stays linear. `finish` writes the blocks back as the
annex's flat list.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from consolidate.errors import ApplyError
from consolidate.model.act import Annex
from consolidate.model.numbering import num_key
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row, Unit

Block = list[Unit]


@dataclass
class Span:
    """Units `block[start:end]` of one chapter block."""

    block: Block
    start: int
    end: int

    def units(self) -> list[Unit]:
        return self.block[self.start : self.end]


def _index(block: Block, unit: Unit) -> int:
    """Where `unit` (this very object) stands in its block."""
    return next(i for i, candidate in enumerate(block) if candidate is unit)


class AnnexEditor:
    """Finds units and spans of an annex and replaces them."""

    def __init__(self, annex: Annex) -> None:
        self.annex = annex
        self.blocks: list[Block] = [[]]
        for unit in annex.units:
            if isinstance(unit, ChapterHeading):
                self.blocks.append([])
            self.blocks[-1].append(unit)
        self.rows: dict[str, Row] = {}
        self.chapters: dict[str, ChapterHeading] = {}
        self._block_of: dict[int, Block] = {}  # id(unit) -> its block
        for block in self.blocks:
            for unit in block:
                self._register(unit, block)

    def _register(self, unit: Unit, block: Block) -> None:
        self._block_of[id(unit)] = block
        if isinstance(unit, Row):
            self.rows[unit.num] = unit
        elif isinstance(unit, ChapterHeading):
            self.chapters[unit.num] = unit

    def finish(self) -> None:
        """Write the blocks back as the annex's list of units."""
        self.annex.units[:] = [unit for block in self.blocks for unit in block]

    def all_units(self) -> list[Unit]:
        return [unit for block in self.blocks for unit in block]

    # --- lookups -----------------------------------------------------------------

    def chapter(self, num: str, where: str) -> ChapterHeading:
        try:
            return self.chapters[num]
        except KeyError:
            raise ApplyError(
                f"annex {self.annex.num} has no chapter {num} (it has {', '.join(self.chapters) or 'none'})",
                where=where,
            ) from None

    def chapter_span(self, num: str, where: str) -> Span:
        """A chapter: its heading and every unit up to the next chapter."""
        block = self._block_of[id(self.chapter(num, where))]
        return Span(block, 0, len(block))

    def paragraph_span(self, chapter: str, num: str, where: str) -> Span:
        """A paragraph of a chapter: its heading and its rows."""
        block = self.chapter_span(chapter, where).block
        for index, unit in enumerate(block):
            if isinstance(unit, ParagraphHeading) and unit.num == num:
                end = index + 1
                while end < len(block) and not isinstance(block[end], ParagraphHeading):
                    end += 1
                return Span(block, index, end)
        raise ApplyError(f"chapter {chapter} of annex {self.annex.num} has no paragraph {num}", where=where)

    def span_of(self, unit: Unit) -> Span:
        """The one-unit span of `unit`."""
        block = self._block_of[id(unit)]
        index = _index(block, unit)
        return Span(block, index, index + 1)

    def row(self, num: str, chapter: str | None, where: str) -> Row:
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
        if chapter is not None and row.chapter != chapter:
            raise ApplyError(
                f"row {num} of annex {self.annex.num} is in chapter {row.chapter}, not in chapter {chapter}",
                where=where,
            )
        return row

    def row_before(self, num: str, chapter: str | None, where: str) -> Row | None:
        """The row with the greatest number below `num`, in `chapter` (or the whole annex)."""
        units = self.chapter_span(chapter, where).units() if chapter is not None else self.all_units()
        key = num_key(num)
        rows = [u for u in units if isinstance(u, Row) and num_key(u.num) < key]
        return max(rows, key=lambda r: num_key(r.num)) if rows else None

    # --- edits -------------------------------------------------------------------

    def splice(self, span: Span, new: list[Unit], where: str) -> None:
        """Replace the units of `span` with `new`, refusing numbers taken elsewhere."""
        removed = span.units()
        removed_ids = {id(u) for u in removed}
        for unit in new:
            taken = self.rows.get(unit.num) if isinstance(unit, Row) else (
                self.chapters.get(unit.num) if isinstance(unit, ChapterHeading) else None
            )  # fmt: skip
            if taken is not None and id(taken) not in removed_ids:
                raise ApplyError(f"{unit.type} {unit.num} already exists in annex {self.annex.num}", where=where)
        for unit in removed:
            self._block_of.pop(id(unit), None)
            if isinstance(unit, Row) and self.rows.get(unit.num) is unit:
                del self.rows[unit.num]
            elif isinstance(unit, ChapterHeading) and self.chapters.get(unit.num) is unit:
                del self.chapters[unit.num]
        span.block[span.start : span.end] = new
        for unit in new:
            self._register(unit, span.block)
        self._check_order(span.block, span.start, span.start + len(new), where)

    def insert_chapter(self, units: list[Unit], where: str) -> None:
        """A new chapter (its heading first), placed before the first chapter numbered above it."""
        heading = units[0]
        assert isinstance(heading, ChapterHeading)
        if heading.num in self.chapters:
            raise ApplyError(f"chapter {heading.num} already exists in annex {self.annex.num}", where=where)
        key = num_key(heading.num)
        following = [c for c in self.chapters.values() if num_key(c.num) > key]
        if following:
            after = self._block_of[id(min(following, key=lambda c: num_key(c.num)))]
            position = next(i for i, block in enumerate(self.blocks) if block is after)
        else:
            position = len(self.blocks)
        block: Block = []
        self.blocks.insert(position, block)
        self.splice(Span(block, 0, 0), units, where)

    def _check_order(self, block: Block, start: int, end: int, where: str) -> None:
        """Rows and chapters of block[start:end] keep numbering order with their neighbours."""
        position = next(i for i, b in enumerate(self.blocks) if b is block)
        sequence = [*self._rows_back(position, block, start), *(u for u in block[start:end] if isinstance(u, Row))]
        following = self._row_forward(position, block, end)
        if following is not None:
            sequence.append(following)
        for a, b in itertools.pairwise(sequence):
            if num_key(a.num) >= num_key(b.num):
                raise ApplyError(
                    f"row {b.num} would follow row {a.num} in annex {self.annex.num}: numbering order broken",
                    where=where,
                )
        heading = block[0] if block and isinstance(block[0], ChapterHeading) else None
        if heading is None or start != 0:
            return
        previous = self.blocks[position - 1][:1] if position > 0 else []
        following = self.blocks[position + 1][:1] if position + 1 < len(self.blocks) else []
        for other, should_be_lower in ((previous, True), (following, False)):
            if other and isinstance(other[0], ChapterHeading):
                lower = num_key(other[0].num) < num_key(heading.num)
                if lower != should_be_lower:
                    raise ApplyError(
                        f"chapter {heading.num} would stand next to chapter {other[0].num} out of numbering order "
                        f"in annex {self.annex.num}",
                        where=where,
                    )

    def _rows_back(self, position: int, block: Block, start: int) -> list[Row]:
        """The nearest row before block[start], searching earlier blocks if needed."""
        for index in range(start - 1, -1, -1):
            if isinstance(block[index], Row):
                return [block[index]]  # type: ignore[list-item]
        for earlier in reversed(self.blocks[:position]):
            for unit in reversed(earlier):
                if isinstance(unit, Row):
                    return [unit]
        return []

    def _row_forward(self, position: int, block: Block, end: int) -> Row | None:
        for unit in block[end:]:
            if isinstance(unit, Row):
                return unit
        for later in self.blocks[position + 1 :]:
            for unit in later:
                if isinstance(unit, Row):
                    return unit
        return None
