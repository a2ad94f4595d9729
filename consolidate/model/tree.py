"""One provision tree for any act: the act's own body and each annex have the same shape.

After Akoma Ntoso's hierarchy (and cobalt's idea that the tree is the one truth): an act
has a title, a preamble, a body of units, a signature block and annexes; an annex has its
approval stamp, its title and a body of the same kind of units. A unit is a container
(section, chapter, paragraph, article), a provision (point "5.", subpoint "3)"), a part (an
unnumbered paragraph of text: the first paragraph of a point is its part 1), a table, or a
heading-only block the importer could not name. Every unit has one address, an AKN eId
built from the kinds and numbers of its ancestors (`att_2__chp_8__point_33__subpoint_1`),
so operations, history, notes, messages and the diff speak of units the same way.

Notes printed under a unit by the reference bank (Ескерту / Сноска) are kept in `notes`,
in their order: they are the unit's history, never its text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """The closed vocabulary of unit kinds; the value is the eId prefix of the kind."""

    SECTION = "sec"
    CHAPTER = "chp"
    PARAGRAPH = "subchp"  # параграф / параграф: a numbered subdivision of a chapter
    ARTICLE = "art"
    POINT = "point"
    SUBPOINT = "subpoint"
    PART = "part"  # an unnumbered paragraph of text, counted from one inside its parent
    TABLE = "table"
    ROW = "row"  # a row of an annex that is one table (Order 550): a unit with its cells
    BLOCK = "hcontainer"  # a heading the source prints without a unit word (e.g. "1. Терминдер")


CONTAINERS = frozenset({Kind.SECTION, Kind.CHAPTER, Kind.PARAGRAPH, Kind.ARTICLE, Kind.BLOCK})
"""Kinds whose label line is a heading ("1-тарау. Жалпы ережелер") rather than text."""

NUMBERED_BY_POSITION = frozenset({Kind.PART, Kind.TABLE, Kind.BLOCK})
"""Kinds without a printed number: their address number is their position among siblings of the kind."""


@dataclass
class Cell:
    """A table cell as the source prints it: its text (lines joined by "\\n") and its spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Column:
    """A column of an annex that is one table of row units: its key (what a row's cell
    names), its printed header, whether it prints the row's own number rather than a cell,
    and whether its cells are lists of items (one specialty per item). The columns are
    data of the table: no code names them."""

    key: str
    header: str = ""
    number: bool = False
    items: bool = False


@dataclass
class RowCell:
    """A cell of a row unit: its effective value (`text`, or `items` in a list column) and
    whether it continues the merged cell of the row above (a merge is kept as the same
    effective value on every row it covers plus this flag, so that inserting, restating or
    repealing a row never leaves a span pointing at the wrong rows)."""

    column: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    continues: bool = False


@dataclass
class Change:
    """One change an amending order made to a unit (the unit's history)."""

    action: str  # "inserted" | "restated" | "repealed" | "amended"
    order_number: str
    order_date: str  # ISO date of signing


@dataclass
class Note:
    """A note the source prints (Ескерту / Сноска, or an editorial remark), and where: after
    `pos` children of the unit it concerns (0: right under its label or heading)."""

    text: str
    pos: int = 0


@dataclass
class Node:
    """A unit of the tree.

    `label` is the number label exactly as printed before the text ("5.", "3)", "1-тарау.",
    "Статья 1."), so that exporting gives back the source; `num` is the bare number ("5",
    "3", "1") used in addresses. `text` is the unit's own text: for a part, its paragraph;
    for a container, its heading; for a point or subpoint, empty (its first paragraph is
    part 1). `rows` holds a table's cells; a row unit (`Kind.ROW`) holds its own in `cells`,
    keyed by the columns of its annex. `changes` is the unit's history as the orders applied
    to it recorded it.
    """

    kind: Kind
    num: str = ""
    label: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    eid: str = ""
    repealed: bool = False  # a repealed unit keeps its number and its notes, as the reference bank shows it
    mark: str = ""  # the older texts' footnote mark after a heading ("<*>": changed or repealed), printed back
    cells: list[RowCell] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


@dataclass
class Annex:
    """An annex: its stamp lines ("… бұйрығымен бекітілген"), title and body."""

    num: str
    stamp: list[str] = field(default_factory=list)
    title: str = ""
    notes: list[Note] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    eid: str = ""
    nested: bool = False  # an annex of the rules an annex approves ("Қағидаларға қосымша"), not of the act
    columns: list[Column] = field(default_factory=list)  # an annex that is one table of row units


@dataclass
class Identity:
    """What the act is: type (order, rules, law, …), issuer, number, date, language and,
    where it has one, its number in the State Register of normative legal acts."""

    doctype: str = "act"
    issuer: str = ""
    number: str = ""
    date: str = ""
    lang: str = "kk"
    register_number: str = ""


@dataclass
class Applied:
    """An amending order applied to this version: what the version's header lists."""

    number: str
    date: str
    title: str = ""
    issuer: str = ""
    in_force: str = ""  # ISO date; empty when not known (first publication unknown)
    in_force_assumed: bool = False  # counted from a publication date that is only assumed
    # What a later note needs to name the order again (see `model.act.AppliedOrder`).
    eif: str = ""
    act_word: str = ""
    lang: str = ""
    first_publication: str = ""
    first_publication_assumed: bool = False


@dataclass
class Document:
    """An act as one provision tree.

    `front` keeps what the source prints before the title (a table of contents, editorial
    remarks) and `title_notes` the notes printed under the title, so that an import can be
    exported back to the source's text.
    """

    identity: Identity
    title: str = ""
    front: list[str] = field(default_factory=list)
    title_notes: list[Note] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    preamble_notes: list[Note] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    applied: list[Applied] = field(default_factory=list)
    reconstructed: bool = False  # a base text rebuilt by hand, not the official one (Order 550)

    def units(self) -> Iterator[Node]:
        """Every unit in document order: the body, then each annex's body."""
        yield from walk(self.body)
        for annex in self.annexes:
            yield from walk(annex.body)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """The nodes and their descendants in document order (iterative: acts can be deep)."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _eid_part(node: Node, counters: dict[Kind, int]) -> str:
    counters[node.kind] = counters.get(node.kind, 0) + 1
    if node.kind in NUMBERED_BY_POSITION or not node.num:
        return f"{node.kind.value}_{counters[node.kind]}"
    return f"{node.kind.value}_{node.num}"


def assign_eids(document: Document) -> None:
    """Give every unit its address: the path of kinds and numbers from the act or annex.

    A second unit with the same printed number under one parent (a source that repeats a
    number) gets a position suffix so that addresses stay unique; the importer reports it.
    An annex whose stamp prints no number is numbered by its place among the act's annexes
    (`att_2`; `att_2_u` when another annex prints that number); an annex of the rules that
    an annex approves is addressed inside it (`att_1__att_1`).
    """

    def label(nodes: list[Node], prefix: str) -> None:
        counters: dict[Kind, int] = {}
        seen: dict[str, int] = {}
        for node in nodes:
            part = _eid_part(node, counters)
            seen[part] = seen.get(part, 0) + 1
            if seen[part] > 1:  # the second "2." printed in one place: point_2_dup2
                part = f"{part}_dup{seen[part]}"
            node.eid = f"{prefix}__{part}" if prefix else part
            label(node.children, node.eid)

    label(document.body, "")
    top = [a for a in document.annexes if not a.nested]
    printed = {a.num for a in top if a.num}
    position = 0
    parent = ""
    inner: list[Annex] = []
    for annex in document.annexes:
        if annex.nested and parent:
            inner.append(annex)
            annex.eid = f"{parent}__att_{annex.num or len(inner)}"
        else:
            position += 1
            inner = []
            if annex.num:
                annex.eid = f"att_{annex.num}"
            elif str(position) not in printed:
                annex.eid = f"att_{position}"  # numbered by its place, as a reader counts it
            else:
                annex.eid = f"att_{position}_u"
            parent = annex.eid
        label(annex.body, annex.eid)


def find(document: Document, eid: str) -> Node | None:
    """The unit with this address, or None."""
    for node in document.units():
        if node.eid == eid:
            return node
    return None


def copy_nodes(nodes: list[Node]) -> list[Node]:
    """A copy of `nodes` and everything under them, field by field (`copy.deepcopy` costs
    about ten times more, and a version is copied once per order)."""

    def one(node: Node) -> Node:
        return Node(
            kind=node.kind,
            num=node.num,
            label=node.label,
            text=node.text,
            children=copy_nodes(node.children) if node.children else [],
            notes=[Note(n.text, n.pos) for n in node.notes],
            rows=[[Cell(c.text, c.rowspan, c.colspan) for c in row] for row in node.rows],
            eid=node.eid,
            repealed=node.repealed,
            mark=node.mark,
            cells=[RowCell(c.column, c.text, list(c.items), c.continues) for c in node.cells],
            changes=list(node.changes),  # `Change` records are never modified: shared
        )

    return [one(node) for node in nodes]


def copy_document(document: Document) -> Document:
    """A copy of a whole version that shares nothing mutable with it."""
    return Document(
        identity=Identity(**{f: getattr(document.identity, f) for f in document.identity.__dataclass_fields__}),
        title=document.title,
        front=list(document.front),
        title_notes=[Note(n.text, n.pos) for n in document.title_notes],
        preamble=list(document.preamble),
        preamble_notes=[Note(n.text, n.pos) for n in document.preamble_notes],
        body=copy_nodes(document.body),
        signature=list(document.signature),
        annexes=[
            Annex(
                num=a.num,
                stamp=list(a.stamp),
                title=a.title,
                notes=[Note(n.text, n.pos) for n in a.notes],
                body=copy_nodes(a.body),
                eid=a.eid,
                nested=a.nested,
                columns=[Column(c.key, c.header, c.number, c.items) for c in a.columns],
            )
            for a in document.annexes
        ],
        applied=[dataclasses.replace(o) for o in document.applied],
        reconstructed=document.reconstructed,
    )
