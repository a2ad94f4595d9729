"""What changed between two versions of an act held as a provision tree.

Units are matched by address (eId): the title, the preamble, the signature block, each
annex's stamp and title, and every numbered unit with its own text (a container's label
and heading; a point's label, its paragraphs and tables, without its numbered sub-units,
which are units of their own). Only inside a matched unit are words compared (`diff.words`), so a point inserted at
the top never misaligns the points below it. Notes are history, not text: not compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from consolidate.diff.model import Piece
from consolidate.diff.words import diff_words
from consolidate.export.tree_view import table_lines
from consolidate.model.tree import CONTAINERS, Document, Kind, Node

KINDS = ("inserted", "deleted", "repealed", "changed")


@dataclass(frozen=True)
class Unit:
    """A unit as compared: its address, its path of (kind, number) and its own text."""

    eid: str
    path: tuple[tuple[str, str], ...]
    text: str
    repealed: bool = False


@dataclass(frozen=True)
class TreeChange:
    kind: str  # one of KINDS
    eid: str
    path: tuple[tuple[str, str], ...]
    old: str
    new: str
    pieces: tuple[Piece, ...]


def _own_text(node: Node) -> str:
    if node.kind in CONTAINERS:
        return " ".join(p for p in (node.label, node.text) if p)
    lines = [node.label] if node.label else []
    for child in node.children:
        if child.kind is Kind.PART:
            lines.append(child.text)
        elif child.kind is Kind.TABLE:
            lines.extend(table_lines(child.rows))
    if lines and node.label and len(lines) > 1:
        lines[0:2] = [f"{lines[0]} {lines[1]}"]
    return "\n".join(lines)


def _units(nodes: list[Node], path: tuple[tuple[str, str], ...], out: list[Unit]) -> None:
    for node in nodes:
        if node.kind in (Kind.PART, Kind.TABLE):
            if not path:  # a paragraph or table standing alone in the body: a unit of its own
                text = (
                    node.text
                    if node.kind is Kind.PART
                    else "\n".join("\t".join(c.text for c in row) for row in node.rows)
                )
                out.append(Unit(node.eid, (("part", node.eid.rsplit("_", 1)[-1]),), text))
            continue
        here = (*path, (node.kind.value, node.num or node.eid.rsplit("_", 1)[-1]))
        out.append(Unit(node.eid, here, _own_text(node), node.repealed))
        _units(node.children, here, out)


def comparison_units(document: Document) -> list[Unit]:
    units = [Unit("title", (("title", ""),), document.title)]
    if document.preamble:
        units.append(Unit("preamble", (("preamble", ""),), "\n".join(document.preamble)))
    _units(document.body, (), units)
    if document.signature:
        units.append(Unit("signature", (("signature", ""),), "\n".join(document.signature)))
    for annex in document.annexes:
        top = (("att", annex.num or annex.eid),)
        units.append(Unit(annex.eid, top, "\n".join([*annex.stamp, annex.title])))
        _units(annex.body, top, units)
    return units


def diff_trees(old: Document, new: Document) -> list[TreeChange]:
    """Every changed unit, in the new version's order (a unit only in the old version
    where it stood)."""
    old_units = comparison_units(old)
    new_units = comparison_units(new)
    old_by = {u.eid: u for u in old_units}
    new_eids = {u.eid for u in new_units}
    changes: list[TreeChange] = []
    old_index = 0
    for unit in new_units:
        # Units gone from the new version come out where they stood, before the next kept one.
        while old_index < len(old_units) and old_units[old_index].eid not in new_eids:
            gone = old_units[old_index]
            changes.append(TreeChange("deleted", gone.eid, gone.path, gone.text, "", diff_words(gone.text, "")))
            old_index += 1
        before = old_by.get(unit.eid)
        if before is not None:
            while old_index < len(old_units) and old_units[old_index].eid != unit.eid:
                old_index += 1
            old_index += 1
        if before is None:
            changes.append(TreeChange("inserted", unit.eid, unit.path, "", unit.text, diff_words("", unit.text)))
        elif unit.repealed and not before.repealed:
            changes.append(
                TreeChange("repealed", unit.eid, unit.path, before.text, unit.text, diff_words(before.text, unit.text))
            )
        elif before.text != unit.text:
            changes.append(
                TreeChange("changed", unit.eid, unit.path, before.text, unit.text, diff_words(before.text, unit.text))
            )
    for gone in old_units[old_index:]:
        if gone.eid not in new_eids:
            changes.append(TreeChange("deleted", gone.eid, gone.path, gone.text, "", diff_words(gone.text, "")))
    return changes
