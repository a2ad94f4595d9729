"""Position-aware edits of one annex's units, with the lookups apply needs.

An annex is a flat list of units in document order. Lookups by number are dictionaries;
positions are computed on demand and cached until the next splice, so applying an order
costs one pass over the annex per operation at most, never a pass per unit.
"""

from __future__ import annotations

import itertools

from consolidate.errors import ApplyError
from consolidate.model.act import Annex
from consolidate.model.numbering import num_key
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row, Unit


class AnnexEditor:
    """Finds units and spans of an annex and replaces them."""

    def __init__(self, annex: Annex) -> None:
        self.annex = annex
        self.units = annex.units
        self._positions: dict[int, int] | None = None
        self.rows: dict[str, Row] = {}
        self.chapters: dict[str, ChapterHeading] = {}
        for unit in self.units:
            self._register(unit)

    def _register(self, unit: Unit) -> None:
        if isinstance(unit, Row):
            self.rows[unit.num] = unit
        elif isinstance(unit, ChapterHeading):
            self.chapters[unit.num] = unit

    def position(self, unit: Unit) -> int:
        if self._positions is None:
            self._positions = dict(zip(map(id, self.units), range(len(self.units)), strict=True))
        return self._positions[id(unit)]

    # --- lookups -----------------------------------------------------------------

    def chapter(self, num: str, where: str) -> ChapterHeading:
        try:
            return self.chapters[num]
        except KeyError:
            raise ApplyError(
                f"annex {self.annex.num} has no chapter {num} (it has {', '.join(self.chapters) or 'none'})",
                where=where,
            ) from None

    def chapter_span(self, num: str, where: str) -> tuple[int, int]:
        """[start, end) of a chapter: its heading and every unit up to the next chapter."""
        start = self.position(self.chapter(num, where))
        end = start + 1
        while end < len(self.units) and not isinstance(self.units[end], ChapterHeading):
            end += 1
        return start, end

    def paragraph_span(self, chapter: str, num: str, where: str) -> tuple[int, int]:
        """[start, end) of a paragraph of a chapter: its heading and its rows."""
        first, last = self.chapter_span(chapter, where)
        for index in range(first + 1, last):
            unit = self.units[index]
            if isinstance(unit, ParagraphHeading) and unit.num == num:
                end = index + 1
                while end < last and not isinstance(self.units[end], ParagraphHeading):
                    end += 1
                return index, end
        raise ApplyError(f"chapter {chapter} of annex {self.annex.num} has no paragraph {num}", where=where)

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

    def rows_between(self, start: int, end: int) -> list[Row]:
        return [u for u in self.units[start:end] if isinstance(u, Row)]

    # --- edits -------------------------------------------------------------------

    def splice(self, start: int, end: int, new: list[Unit], where: str) -> None:
        """Replace units[start:end] with `new`, refusing numbers taken elsewhere."""
        removed = self.units[start:end]
        removed_ids = {id(u) for u in removed}
        for unit in new:
            taken = (
                self.rows.get(unit.num)
                if isinstance(unit, Row)
                else (self.chapters.get(unit.num) if isinstance(unit, ChapterHeading) else None)
            )
            if taken is not None and id(taken) not in removed_ids:
                raise ApplyError(f"{unit.type} {unit.num} already exists in annex {self.annex.num}", where=where)
        for unit in removed:
            if isinstance(unit, Row) and self.rows.get(unit.num) is unit:
                del self.rows[unit.num]
            elif isinstance(unit, ChapterHeading) and self.chapters.get(unit.num) is unit:
                del self.chapters[unit.num]
        self.units[start:end] = new
        for unit in new:
            self._register(unit)
        if self._positions is not None and len(new) == end - start:
            # Same length: only the replaced slots moved; no full rebuild of the map.
            for unit in removed:
                self._positions.pop(id(unit), None)
            for offset, unit in enumerate(new):
                self._positions[id(unit)] = start + offset
        else:
            self._positions = None
        self.check_order(start, start + len(new), where)

    def check_order(self, start: int, end: int, where: str) -> None:
        """Rows and chapters of units[start:end] keep numbering order with their neighbours."""
        units = self.units
        before_row = next((units[i] for i in range(start - 1, -1, -1) if isinstance(units[i], Row)), None)
        after_row = next((units[i] for i in range(end, len(units)) if isinstance(units[i], Row)), None)
        rows = [u for u in self.units[start:end] if isinstance(u, Row)]
        sequence = [r for r in (before_row, *rows, after_row) if r is not None]
        for a, b in itertools.pairwise(sequence):
            if num_key(a.num) >= num_key(b.num):
                raise ApplyError(
                    f"row {b.num} would follow row {a.num} in annex {self.annex.num}: numbering order broken",
                    where=where,
                )
        chapters = (
            [u for u in self.units if isinstance(u, ChapterHeading)]
            if any(isinstance(u, ChapterHeading) for u in self.units[start:end])
            else []
        )
        for a, b in itertools.pairwise(chapters):
            if num_key(a.num) >= num_key(b.num):
                raise ApplyError(f"chapter {b.num} would follow chapter {a.num} in annex {self.annex.num}", where=where)
