"""The act (a version of a base order) and its annexes.

Modelled on Akoma Ntoso: an `Act` has its identity (FRBR work: country kz, type order,
date, number), its own points, and `attachments` (the annexes it approves). Every unit has
a stable address, an AKN-style eId built from numbers, so that targets, diffs and notes
survive renumbering elsewhere in the act.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from consolidate.model.units import COLUMNS, LIST_COLUMNS, ChapterHeading, ParagraphHeading, Row, Unit, copy_unit

# The notice in English, for the command line and the logs; documents print it in their own
# language ("reconstructed" in consolidate/data/labels.toml).
RECONSTRUCTED_NOTICE = "Base text reconstructed; import the official text to replace it"


@dataclass
class Point:
    """A point of the act's own body ("1. ..."), with its paragraphs of text."""

    num: str
    text: list[str]


@dataclass
class AppliedOrder:
    """An amending order already applied to this version.

    It keeps what a later note needs to name it again when the same unit changes once
    more ("…12.05.2026 № 192 (…); 01.09.2026 № 410 (…) бұйрықтарымен"): its issuer, its
    entry-into-force clause and the word for its kind of act.
    """

    number: str
    date: str
    title: str = ""
    in_force: str | None = None  # ISO date the order entered into force, when known
    issuer: str = ""  # as its heading names it, genitive ("… министрінің")
    eif: str = ""  # its entry-into-force sentence
    act_word: str = ""  # "бұйрығы", "Приказ", …
    lang: str = ""
    first_publication: str | None = None
    # The publication date is assumed (publication.toml `assumed = true`), and so is
    # `in_force` when it was counted from that date: outputs print both as assumed.
    first_publication_assumed: bool = False
    in_force_assumed: bool = False


@dataclass
class Annex:
    """An annex (қосымша): one table of units in document order.

    `columns` (the cell columns, in printed order) and `lists` (those whose cells are lists
    of items) are data of the table: the view of a tree takes them from the tree's annex
    (`model.table_tree`); a table that does not say them has those of data/columns.toml.
    """

    num: str
    title: str
    header: dict[str, str]  # column key (the number column's and each cell column's) -> printed header
    units: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: tuple[str, ...] = COLUMNS
    lists: frozenset[str] = LIST_COLUMNS
    # The approval stamp printed above the title, a line each ("… № 550 бұйрығына", "1-қосымша");
    # empty: the annex's label ("1-қосымша") is printed in its place.
    stamp: list[str] = field(default_factory=list)

    @property
    def eid(self) -> str:
        return f"att_{self.num}"

    def unit_eid(self, unit: Unit) -> str:
        """The stable address of a unit of this annex."""
        if isinstance(unit, ChapterHeading):
            return f"{self.eid}__chp_{unit.num}"
        if isinstance(unit, ParagraphHeading):
            return f"{self.eid}__chp_{unit.chapter}__subchp_{unit.num}"
        return f"{self.eid}__row_{unit.num}"

    def rows(self) -> list[Row]:
        return [u for u in self.units if isinstance(u, Row)]

    def normalize_merges(self) -> None:
        """Make the merge flags consistent with the units' order.

        A merge cannot cross a heading row, cannot start on the first row, and a row
        continues a merge only when the row above holds the same effective value in that
        column and is not repealed. Anything else becomes a cell of its own. Runs in one
        pass over the annex.
        """
        previous: Row | None = None
        for unit in self.units:
            if not isinstance(unit, Row):
                previous = None
                continue
            if unit.continues:
                keep = frozenset(
                    c
                    for c in unit.continues
                    if previous is not None
                    and not previous.repealed
                    and not unit.repealed
                    and previous.cell(c) == unit.cell(c)
                )
                if keep != unit.continues:
                    unit.continues = keep
            previous = unit

    def spans(self) -> dict[int, dict[str, int]]:
        """Row spans of merged cells, keyed by the index (in `units`) of the first row."""
        result: dict[int, dict[str, int]] = {}
        heads: dict[str, int] = {}
        for index, unit in enumerate(self.units):
            if not isinstance(unit, Row):
                heads = {}
                continue
            for column in self.columns:
                if column in unit.continues and column in heads:
                    head = heads[column]
                    result.setdefault(head, {})[column] = result.get(head, {}).get(column, 1) + 1
                else:
                    heads[column] = index
        return result


@dataclass
class Act:
    """A version of an act: identity, preamble, body points, signature block, annexes and the
    orders applied to it.

    `preamble` holds the paragraphs before the points ("… БҰЙЫРАМЫН:") and `preamble_notes`
    the notes printed under it; `signature` the lines of the signature block after the
    points (the office, the name, the "КЕЛІСІЛДІ" blocks), as the reference bank prints them.
    """

    number: str
    date: str
    lang: str
    title: str
    issuer: str
    doctype: str = "order"
    points: list[Point] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    applied: list[AppliedOrder] = field(default_factory=list)
    reconstructed: bool = False
    notes: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    preamble_notes: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)

    def copy(self) -> Act:
        """A copy to change without touching this version (see `copy_unit`)."""
        return Act(
            number=self.number,
            date=self.date,
            lang=self.lang,
            title=self.title,
            issuer=self.issuer,
            doctype=self.doctype,
            points=[Point(p.num, list(p.text)) for p in self.points],
            annexes=[
                Annex(
                    a.num,
                    a.title,
                    dict(a.header),
                    [copy_unit(u) for u in a.units],
                    list(a.notes),
                    a.columns,
                    a.lists,
                    list(a.stamp),
                )
                for a in self.annexes
            ],
            applied=[dataclasses.replace(order) for order in self.applied],
            reconstructed=self.reconstructed,
            notes=list(self.notes),
            preamble=list(self.preamble),
            preamble_notes=list(self.preamble_notes),
            signature=list(self.signature),
        )

    def annex(self, num: str) -> Annex:
        for annex in self.annexes:
            if annex.num == num:
                return annex
        raise KeyError(num)
