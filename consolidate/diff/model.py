"""What changed between two versions of an act, unit by unit and word by word.

A `VersionDiff` is computed once (consolidate/diff/structure.py) and rendered by every
review output: the change summary, the redline HTML, the tracked-changes DOCX and the
comparative table. Units are matched by address first (annex, type, number), so a row
inserted at the top of a table never misaligns the rows below it; only inside a changed
unit are words compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consolidate.model.act import Act
from consolidate.model.units import CellValue, Unit

KINDS = ("inserted", "deleted", "repealed", "restated", "moved", "unchanged")
"""inserted: only in the new version; deleted: only in the old one (dropped when its
chapter was restated); repealed: kept with its number but emptied; restated: same
address, other content (or restated by the order in the same words, see `same_words`);
moved: same content under another number; unchanged: same address, same content."""


@dataclass(frozen=True)
class Piece:
    """A run of a word-level diff: "equal", "insert" or "delete" text."""

    op: str
    text: str


@dataclass(frozen=True)
class TextDiff:
    """The word-level diff of one text: a cell (a list cell joined with "\\n") or a heading."""

    field: str  # a cell column, or "heading"
    old: CellValue
    new: CellValue
    pieces: tuple[Piece, ...]

    @property
    def changed(self) -> bool:
        return any(p.op != "equal" for p in self.pieces)


@dataclass(frozen=True)
class UnitChange:
    """One unit of either version and what happened to it."""

    kind: str
    annex: str  # annex number
    type: str  # "chapter" | "paragraph" | "row"
    num: str  # its number in the new version (in the old one when deleted or repealed)
    eid: str  # its address in the new version (old one when deleted)
    old: Unit | None
    new: Unit | None
    texts: tuple[TextDiff, ...] = ()  # every cell (rows) or the heading, compared word by word
    old_num: str | None = None  # for moved units: the number it had
    same_words: bool = False  # restated by the order in exactly the old words
    orders: tuple[str, ...] = ()  # numbers of the orders that changed it (from its history)


@dataclass(frozen=True)
class FrontChange:
    """A unit of the act's own text outside the annexes' tables: the preamble and the
    signature block (always listed, "unchanged" too), and, when an order changed them, the
    act's title, its own points, an annex's title and a table's column headers. `path` names
    it for a drafter (`Labels.unit_name`): (("point", "2"),), (("att", "1"), ("header", "")).
    Its lines in both versions and what happened to it ("inserted", "deleted", "restated" or
    "unchanged")."""

    eid: str
    kind: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    pieces: tuple[Piece, ...] = ()
    path: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AnnexDiff:
    num: str
    title: str
    changes: tuple[UnitChange, ...]  # every unit, in document order (deleted ones where they stood)


@dataclass(frozen=True)
class VersionDiff:
    old: Act
    new: Act
    annexes: tuple[AnnexDiff, ...]
    author: str = ""  # who made the change (the amending order's issuer), for tracked changes
    date: str = ""  # ISO date of the change (the amending order's date)
    meta: dict[str, str] = field(default_factory=dict)
    front: tuple[FrontChange, ...] = ()  # the act's own units outside the tables (see FrontChange)

    def front_changes(self) -> list[FrontChange]:
        """The act's own units outside the tables that changed."""
        return [c for c in self.front if c.kind != "unchanged"]

    def changes(self) -> list[UnitChange]:
        """Every unit that is not unchanged, in document order."""
        return [c for annex in self.annexes for c in annex.changes if c.kind != "unchanged"]

    def counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """Counts by annex, then kind, then unit type: {"2": {"inserted": {"row": 11, …}}}."""
        result: dict[str, dict[str, dict[str, int]]] = {}
        for annex in self.annexes:
            kinds: dict[str, dict[str, int]] = {}
            for change in annex.changes:
                if change.kind == "unchanged":
                    continue
                by_type = kinds.setdefault(change.kind, {})
                by_type[change.type] = by_type.get(change.type, 0) + 1
            result[annex.num] = kinds
        return result
