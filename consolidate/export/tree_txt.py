"""A provision tree as plain text, a line per paragraph, as the reference bank prints it.

Labels are printed as the source printed them ("5.", "3)", "1-тарау."), the first part of
a point on its label's line, notes where the source had them. This is what makes an import
checkable: importing an official text and exporting it here gives back its text.
"""

from __future__ import annotations

from consolidate.model.tree import CONTAINERS, Document, Kind, Node, Note


def _notes_at(notes: list[Note], pos: int) -> list[str]:
    return [line for note in notes if note.pos == pos for line in note.text.split("\n")]


def _table_lines(node: Node) -> list[str]:
    return ["\t".join(" ".join(cell.text.split()) for cell in row) for row in node.rows]


def _children(out: list[str], node_notes: list[Note], children: list[Node], start: int) -> None:
    for index in range(start, len(children)):
        out.extend(_notes_at(node_notes, index))
        _unit(out, children[index])
    out.extend(_notes_at(node_notes, len(children)))


def _unit(out: list[str], node: Node) -> None:
    if node.kind is Kind.PART:
        out.append(node.text)
        return
    if node.kind is Kind.TABLE:
        out.extend(_table_lines(node))
        return
    start = 0
    if node.kind in CONTAINERS:
        out.append(" ".join(p for p in (node.label, node.text) if p))
    elif node.children and node.children[0].kind is Kind.PART:
        out.append(f"{node.label} {node.children[0].text}")
        start = 1
    else:
        out.append(node.label)
    out.extend(line for note in node.notes if note.pos < start for line in note.text.split("\n"))
    _children(out, node.notes, node.children, start)


def document_lines(document: Document) -> list[str]:
    """The text of the act, a line per paragraph, table rows tab-separated."""
    out: list[str] = list(document.front)
    out.append(document.title)
    out.extend(_notes_at(document.title_notes, 0))
    for index, paragraph in enumerate(document.preamble):
        out.extend(_notes_at(document.preamble_notes, index))
        out.append(paragraph)
    out.extend(_notes_at(document.preamble_notes, len(document.preamble)))
    _children(out, [], document.body, 0)
    out.extend(document.signature)
    for annex in document.annexes:
        out.extend(annex.stamp)
        if annex.title:
            out.append(annex.title)
        _children(out, annex.notes, annex.body, 0)
    return out


def export_tree_txt(document: Document) -> bytes:
    return ("\n".join(line for line in document_lines(document) if line.strip()) + "\n").encode("utf-8")
