"""Order 550's table model (`model.act.Act`) as a provision tree, and back.

An annex of Order 550 is one table whose chapter and paragraph headings are full-width
rows. On the tree it is a chapter (`Kind.CHAPTER`, its heading as its text) holding its
paragraphs (`Kind.PARAGRAPH`) and rows (`Kind.ROW`), a paragraph holding its rows; rows
before the first chapter stand in the annex's body. The annex carries the table's columns
(key, printed header, the number column, the list columns) as data. A row's cells are its
effective values with the `continues` flag of a merge; notes and history stay on each unit.
The act's own points are points of the body, each paragraph of text a part; its preamble,
signature block and the annexes' stamps are the tree's.

`document_to_act` is the `Act` view the exporters of Order 550's outputs read: the tree is
the version, the view is derived from it, and `act_to_document(document_to_act(d))` gives
`d` back (tests/test_table_tree.py checks both directions on the base).
"""

from __future__ import annotations

from consolidate.errors import InputError
from consolidate.model.act import Act, AppliedOrder, Point
from consolidate.model.act import Annex as ActAnnex
from consolidate.model.tree import (
    Annex,
    Applied,
    Column,
    Document,
    Identity,
    Kind,
    Node,
    Note,
    RowCell,
    assign_eids,
    walk,
)
from consolidate.model.units import CellValue, ChapterHeading, ParagraphHeading, Row, Unit


def act_to_document(act: Act) -> Document:
    """The provision tree of a version of the table model (nothing shared with `act`)."""
    return Document(
        identity=Identity(doctype=act.doctype, issuer=act.issuer, number=act.number, date=act.date, lang=act.lang),
        title=act.title,
        title_notes=[Note(text) for text in act.notes],
        preamble=list(act.preamble),
        preamble_notes=[Note(text, len(act.preamble)) for text in act.preamble_notes],
        body=[
            Node(Kind.POINT, num=p.num, label=f"{p.num}.", children=[Node(Kind.PART, text=t) for t in p.text])
            for p in act.points
        ],
        signature=list(act.signature),
        annexes=[_annex_to_tree(annex) for annex in act.annexes],
        applied=[
            Applied(
                number=o.number,
                date=o.date,
                title=o.title,
                issuer=o.issuer,
                in_force=o.in_force or "",
                in_force_assumed=o.in_force_assumed,
                eif=o.eif,
                act_word=o.act_word,
                lang=o.lang,
                first_publication=o.first_publication or "",
                first_publication_assumed=o.first_publication_assumed,
            )
            for o in act.applied
        ],
        reconstructed=act.reconstructed,
    )


def _annex_to_tree(annex: ActAnnex) -> Annex:
    # The header names the number column and the cell columns; a cell column without a
    # printed header of its own has an empty one (the labels' default is printed).
    numbers = [Column(key, header, number=True) for key, header in annex.header.items() if key not in annex.columns]
    cells = [Column(key, annex.header.get(key, ""), items=key in annex.lists) for key in annex.columns]
    columns = [*numbers, *cells]
    result = Annex(
        num=annex.num, stamp=list(annex.stamp), title=annex.title, notes=[Note(n) for n in annex.notes], columns=columns
    )
    chapter: Node | None = None
    paragraph: Node | None = None
    for unit in annex.units:
        node = unit_to_node(unit)
        if isinstance(unit, ChapterHeading):
            result.body.append(node)
            chapter, paragraph = node, None
        elif isinstance(unit, ParagraphHeading):
            (chapter.children if chapter is not None else result.body).append(node)
            paragraph = node
        else:
            holder = paragraph if paragraph is not None else chapter
            (holder.children if holder is not None else result.body).append(node)
    return result


def unit_to_node(unit: Unit) -> Node:
    """One unit of the table model as a tree node (without its rows: a heading is a container)."""
    notes = [Note(text) for text in unit.notes]
    if isinstance(unit, ChapterHeading):
        return Node(Kind.CHAPTER, num=unit.num, text=unit.heading, notes=notes, changes=list(unit.changes))
    if isinstance(unit, ParagraphHeading):
        return Node(Kind.PARAGRAPH, num=unit.num, text=unit.heading, notes=notes, changes=list(unit.changes))
    continues = unit.continues
    cells = [
        RowCell(key, "", list(value), key in continues)
        if isinstance(value, list)
        else RowCell(key, value, [], key in continues)
        for key, value in unit.cells.items()
    ]
    missing = unit.continues - set(unit.cells)
    if missing:
        raise InputError(f"row {unit.num} continues a merge in a column it has no cell in: {sorted(missing)}")
    return Node(Kind.ROW, num=unit.num, notes=notes, changes=list(unit.changes), repealed=unit.repealed, cells=cells)


def document_to_act(document: Document) -> Act:
    """The table model's view of a tree version (what the exporters of Order 550 read)."""
    identity = document.identity
    return Act(
        number=identity.number,
        date=identity.date,
        lang=identity.lang,
        title=document.title,
        issuer=identity.issuer,
        doctype=identity.doctype,
        points=[
            Point(node.num, [c.text for c in node.children if c.kind is Kind.PART])
            for node in document.body
            if node.kind is Kind.POINT
        ],
        annexes=[annex_to_act(annex) for annex in document.annexes],
        applied=[
            AppliedOrder(
                number=o.number,
                date=o.date,
                title=o.title,
                in_force=o.in_force or None,
                issuer=o.issuer,
                eif=o.eif,
                act_word=o.act_word,
                lang=o.lang,
                first_publication=o.first_publication or None,
                first_publication_assumed=o.first_publication_assumed,
                in_force_assumed=o.in_force_assumed,
            )
            for o in document.applied
        ],
        reconstructed=document.reconstructed,
        notes=[n.text for n in document.title_notes],
        preamble=list(document.preamble),
        preamble_notes=[n.text for n in document.preamble_notes],  # printed under the preamble
        signature=list(document.signature),
    )


def annex_to_act(annex: Annex) -> ActAnnex:
    """One annex of the tree as the table model's annex: its units flattened in document order."""
    lists = {c.key for c in annex.columns if c.items}
    units: list[Unit] = []

    def add(nodes: list[Node], chapter: str | None, paragraph: str | None) -> None:
        for node in nodes:
            if node.kind is Kind.CHAPTER:
                units.append(ChapterHeading(node.num, node.text, _notes(node), list(node.changes)))
                add(node.children, node.num, None)
            elif node.kind is Kind.PARAGRAPH:
                units.append(ParagraphHeading(node.num, chapter, node.text, _notes(node), list(node.changes)))
                add(node.children, chapter, node.num)
            elif node.kind is Kind.ROW:
                units.append(node_to_row(node, lists, chapter, paragraph))

    add(annex.body, None, None)
    return ActAnnex(
        num=annex.num,
        title=annex.title,
        header={c.key: c.header for c in annex.columns if c.header or c.number},
        units=units,
        notes=[n.text for n in annex.notes],
        columns=tuple(c.key for c in annex.columns if not c.number),
        lists=frozenset(lists),
        stamp=list(annex.stamp),
    )


def node_to_row(node: Node, lists: set[str], chapter: str | None, paragraph: str | None) -> Row:
    cells: dict[str, CellValue] = {c.column: list(c.items) if c.column in lists else c.text for c in node.cells}
    return Row(
        num=node.num,
        chapter=chapter,
        paragraph=paragraph,
        cells=cells,
        continues=frozenset(c.column for c in node.cells if c.continues),
        notes=_notes(node),
        changes=list(node.changes),
        repealed=node.repealed,
    )


def _notes(node: Node) -> list[str]:
    return [n.text for n in node.notes]


def unit_at(act: Act, eid: str) -> tuple[ActAnnex, Unit] | None:
    """The unit of a table act at a tree address (`att_2__chp_8__row_33`), with its annex;
    None when no unit has it. The view lists an annex's units in the tree's document order,
    so the unit is the one at the node's place."""
    document = act_to_document(act)
    assign_eids(document)
    for tree_annex, annex in zip(document.annexes, act.annexes, strict=True):
        if eid == tree_annex.eid or eid.startswith(f"{tree_annex.eid}__"):
            for index, node in enumerate(walk(tree_annex.body)):
                if node.eid == eid:
                    return annex, annex.units[index]
    return None
