"""The history of one unit of an act held as a provision tree, named by its eId.

One function for the command line (`consolidate history --unit EID`) and the web page
(`/acts/<key>/<lang>/history?unit=EID`), so both say the same: the base's wording, then
each version where the unit changed (or its printed text did), with the order and what it
did (inserted, restated, repealed, amended).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from consolidate.apply.tree_chain import TreeVersion
from consolidate.export.tree_view import Line, Style, document_lines, text_of


@dataclass(frozen=True)
class UnitWording:
    """The unit in one version: its printed blocks (notes included), and what the
    version's order did to it."""

    index: int  # the version: 0 for the base
    order: str  # the order's number ("" for the base)
    actions: tuple[str, ...]
    lines: tuple[Line, ...]  # empty: the unit is not in this version

    def texts(self) -> list[str]:
        """Every printed line of the unit, as `consolidate history` prints it."""
        return [text for line in self.lines for text in text_of(line)]

    def notes(self) -> list[str]:
        return [line.text for line in self.lines if line.style is Style.NOTE]

    @property
    def repealed(self) -> bool:
        return any(line.style is Style.REPEALED for line in self.lines)


def unit_history(versions: Sequence[TreeVersion], eid: str) -> list[UnitWording]:
    """The unit's wording in the base and in each later version that changed it; empty
    when no version has the unit."""
    result: list[UnitWording] = []
    previous: tuple[Line, ...] | None = None
    seen = False
    for index, version in enumerate(versions):
        lines = tuple(line for line in document_lines(version.document) if line.eid == eid)
        seen = seen or bool(lines)
        actions = tuple(sorted({c.action for c in version.changes if c.eid == eid}))
        if index and not actions and lines == previous:
            continue
        result.append(UnitWording(index, version.order, actions, lines))
        previous = lines
    return result if seen else []
