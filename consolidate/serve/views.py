"""What the pages print, worked out from the model: plain values for the templates.

Nothing here renders HTML: the templates do, with autoescaping, so every text from an act
or an upload reaches the page as text. Tables of quoted content are laid out by the
export layer (`consolidate.export.layout`), so a quoted row looks as it will in the act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from consolidate.apply.chain import Chain
from consolidate.apply.front_history import FRONT_UNITS, front_lines, front_wordings
from consolidate.apply.tree_chain import TreeVersion
from consolidate.apply.tree_history import UnitWording
from consolidate.errors import ConsolidateError
from consolidate.export.layout import TableLine, table_lines, unit_views, version_date
from consolidate.export.tree_view import Style, document_lines, text_of
from consolidate.labels import labels_for, print_date
from consolidate.model.act import Act, Annex
from consolidate.model.amendment import Amendment, Cleanup, Operation
from consolidate.model.tree import Document, Identity, Node
from consolidate.model.units import COLUMNS, ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.parse.document import Block, Grid

# --- the reading of an order ------------------------------------------------------------

_TARGET_WORDS = (
    ("section", "section"),
    ("chapter", "chapter"),
    ("paragraphs", "paragraph"),
    ("articles", "article"),
    ("points", "point"),
    ("subpoints", "subpoint"),
    ("indents", "indent"),
    ("rows", "row"),
)


def address(op: Operation) -> str:
    """Where an operation acts, in words: "annex 2 · chapter 6 · rows 33, 34"."""
    parts = []
    annex = op.target.annex or op.annex
    if annex:
        parts.append(f"annex {annex}")
    for key, word in _TARGET_WORDS:
        value = getattr(op.target, key)
        if not value:
            continue
        nums = [value] if isinstance(value, str) else list(value)
        parts.append(f"{word}{'s' if len(nums) > 1 else ''} {', '.join(nums)}")
    if op.scope == "whole_text":
        parts.append("the whole text")
    if op.act is not None:
        parts.append(f"act № {op.act.number} of {print_date(op.act.date)}")
    return " · ".join(parts) or "the act"


@dataclass(frozen=True)
class OperationView:
    seq: int
    op: str
    unit: str
    address: str
    line: int
    sentence: str
    old_words: str | None
    new_words: str | None
    header: list[str]
    lines: list[TableLine]  # the quoted content laid out as table lines (empty: no table)
    text: list[str] = field(default_factory=list)  # quoted text provisions, as the act prints them


def content_lines(units: tuple[Unit, ...], lang: str) -> tuple[list[str], list[TableLine]]:
    """Quoted units as the export lays out an annex: the header and the table lines."""
    if not units:
        return [], []
    labels = labels_for(lang)
    annex = Annex(num="0", title="", header={}, units=list(units))
    return labels.header({}), table_lines(unit_views(annex, labels))


def provision_text(provisions: tuple[Node, ...]) -> list[str]:
    """Quoted text provisions (points, subpoints, parts, …) as lines of text, laid out by
    the same printed blocks as the export of an imported act."""
    if not provisions:
        return []
    document = Document(identity=Identity(), body=list(provisions))
    return [text for line in document_lines(document) if line.style is not Style.TITLE for text in text_of(line)]


def heading_text(units: tuple[Unit, ...], lang: str) -> list[str]:
    """Quoted headings alone (a restated chapter heading): printed as text, as the act
    prints them, not as a table without rows."""
    if not units or not all(isinstance(u, ChapterHeading | ParagraphHeading) for u in units):
        return []
    labels = labels_for(lang)
    return [
        labels.chapter(u.num, u.heading) if isinstance(u, ChapterHeading) else labels.paragraph(u.num, u.heading)
        for u in units
        if isinstance(u, ChapterHeading | ParagraphHeading)
    ]


def operation_views(amendment: Amendment) -> list[OperationView]:
    lang = amendment.order.lang
    views = []
    for op in amendment.operations:
        headings = heading_text(op.content, lang)
        header, lines = ([], []) if headings else content_lines(op.content, lang)
        views.append(
            OperationView(
                seq=op.seq, op=op.op, unit=op.unit, address=address(op), line=op.source.line,
                sentence=op.source.text, old_words=op.old_words, new_words=op.new_words,
                header=header, lines=lines, text=headings or provision_text(op.provisions),
            )
        )  # fmt: skip
    return views


_WHERE = re.compile(r"^(?P<file>[^:\n]*?):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """A sentence or a file the tool could not read: the line (when known) and the
    message with its hint, as the command line prints it."""

    line: int | None
    message: str
    text: str  # the whole one-line message of the command line


def problems_of(exc: ConsolidateError) -> list[Problem]:
    """One problem per detail of the error (its summary line, "3 sentences the grammar
    cannot read", is the page's heading), or the message when it has no details."""
    result = []
    for raw in exc.details or exc.lines():
        text = " ".join(raw.split())
        match = _WHERE.match(text)
        if match:
            result.append(Problem(int(match.group("line")), match.group("message"), text))
        else:
            result.append(Problem(None, text, text))
    return result


@dataclass
class SourceLine:
    """A line (or block) of the order's source, split where a cleanup's raw text is."""

    line: int
    pieces: list[tuple[str, Cleanup | None]]
    cleanups: list[Cleanup] = field(default_factory=list)  # those whose raw text spans lines


def _block_text(block: Block) -> str:
    if isinstance(block, Grid):
        return "\n".join(" | ".join(cell.text for cell in row) for row in block.rows)
    return block.text


def source_lines(blocks: list[Block], cleanups: tuple[Cleanup, ...]) -> list[SourceLine]:
    """Every line of the source, each cleanup marked on the text it repaired: where the
    raw text is found on its line it is marked there, otherwise it is listed under it."""
    by_line: dict[int, list[Cleanup]] = {}
    for cleanup in cleanups:
        by_line.setdefault(cleanup.line, []).append(cleanup)
    result = []
    for block in blocks:
        text = _block_text(block)
        pieces: list[tuple[str, Cleanup | None]] = [(text, None)]
        unplaced = []
        for cleanup in by_line.get(block.line, []):
            for index, (piece, mark) in enumerate(pieces):
                at = piece.find(cleanup.raw) if mark is None and cleanup.raw else -1
                if at >= 0:
                    end = at + len(cleanup.raw)
                    split = [(piece[:at], None), (cleanup.raw, cleanup), (piece[end:], None)]
                    pieces[index : index + 1] = [p for p in split if p[0]]
                    break
            else:
                unplaced.append(cleanup)
        result.append(SourceLine(block.line, pieces, unplaced))
    return result


def cleanup_kinds(cleanups: tuple[Cleanup, ...]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for cleanup in cleanups:
        counts[cleanup.kind] = counts.get(cleanup.kind, 0) + 1
    return sorted(counts.items())


# --- versions and history ---------------------------------------------------------------


@dataclass(frozen=True)
class VersionView:
    index: int  # 0 for the base
    label: str
    order: str | None  # the order's number
    signed: str | None
    published: str | None
    in_force: str | None


def version_views(number: str, date: str, chain: Chain) -> list[VersionView]:
    """The base (act № `number` of `date`, either unknown to an imported act without its
    metadata) and one line per step of the chain, with the order's dates."""
    base = f"original text № {number or '(unknown)'} of {print_date(date) if date else '(unknown date)'}"
    views = [VersionView(0, base, None, None, None, print_date(date) if date else None)]
    for index, step in enumerate(chain.applied, start=1):
        order = step.amendment.order
        views.append(
            VersionView(
                index=index,
                label=f"after order № {order.number} of {print_date(order.date)}",
                order=order.number,
                signed=print_date(order.date),
                published=print_date(order.first_publication) if order.first_publication else None,
                in_force=print_date(step.in_force.isoformat()) if step.in_force else None,
            )
        )
    return views


def in_force_line(act: Act) -> str:
    date = version_date(act)
    return f"in force from {print_date(date)}" if date else "in force from: unknown (a publication date is missing)"


_EID = re.compile(r"^att_(?P<annex>[\w-]+)__(?:row|chp)_[\w-]+(?:__subchp_[\w-]+)?$")


def find_unit(act: Act, eid: str) -> tuple[Annex, Unit] | None:
    """The unit of `act` with the address `eid` (as the exports write it), if any."""
    match = _EID.match(eid)
    if match is None:
        return None
    try:
        annex = act.annex(match.group("annex"))
    except KeyError:
        return None
    unit = next((u for u in annex.units if annex.unit_eid(u) == eid), None)
    return (annex, unit) if unit is not None else None


def unit_words(unit: Unit, lang: str) -> dict[str, Any]:
    """A unit's label and cells, as printed."""
    labels = labels_for(lang)
    if isinstance(unit, ChapterHeading):
        return {"label": labels.chapter(unit.num, unit.heading), "cells": [], "lines": [], "repealed": False}
    if isinstance(unit, ParagraphHeading):
        return {"label": labels.paragraph(unit.num, unit.heading), "cells": [], "lines": [], "repealed": False}
    assert isinstance(unit, Row)
    header = labels.header({})[1:]  # the five cell columns, after the number
    cells = []
    for name, column in zip(header, COLUMNS, strict=True):
        value = unit.cell(column)
        cells.append((name, list(value) if isinstance(value, list) else [value] if value else []))
    return {"label": labels.row(unit.num), "cells": cells, "lines": [], "repealed": unit.repealed}


@dataclass
class HistoryView:
    """What the history page prints, for either kind of act. A wording's `words` is None
    where the unit is not in that version, else its label, its cells (a row of a
    qualification table), its further lines of text (a unit of an imported act) and
    whether it is repealed."""

    eid: str
    heading: str
    changes: list[dict[str, str]]
    notes: list[str]
    wordings: list[dict[str, Any]]  # one per version where the unit's wording changed


def history(versions: list[Act], views: list[VersionView], eid: str) -> HistoryView | None:
    """What happened to a unit: as `consolidate history` prints it (its changes with the
    orders' dates, its notes), plus its wording in each version where it changed."""
    last = versions[-1]
    if eid in FRONT_UNITS:
        return _front_history(versions, views, eid)
    found = find_unit(last, eid)
    if found is None:
        return None
    annex, unit = found
    applied = {(a.number, a.date): a for a in last.applied}
    changes = []
    for change in unit.changes:
        order = applied.get((change.order_number, change.order_date))
        in_force = order.in_force if order is not None else None
        changes.append(
            {
                "action": change.action,
                "order": change.order_number,
                "date": print_date(change.order_date),
                "in_force": print_date(in_force) if in_force else "unknown",
            }
        )
    labels = labels_for(last.lang)
    wordings: list[dict[str, Any]] = []
    previous: object = ()  # not a wording: the first version is always shown
    for version, view in zip(versions, views, strict=True):
        there = find_unit(version, eid)
        words = unit_words(there[1], version.lang) if there else None
        if words != previous:
            wordings.append({"version": view, "words": words})
            previous = words
    return HistoryView(
        eid=eid,
        heading=f"Annex {annex.num}, {unit.type} {unit.num}",
        changes=changes,
        notes=[labels.note(n) for n in unit.notes],
        wordings=wordings,
    )


def _front_history(versions: list[Act], views: list[VersionView], eid: str) -> HistoryView | None:
    """The preamble or the signature block of a table act (Order 550): its wording in each
    version where it changed, each change with its order, as `consolidate history --unit
    preamble|signature` prints them (`apply.front_history`)."""
    if not any(front_lines(version, eid) for version in versions):
        return None
    changes: list[dict[str, str]] = []
    wordings: list[dict[str, Any]] = []
    for index, lines, action in front_wordings(versions, eid):
        if index:
            order = versions[index].applied[-1]
            changes.append({"action": action, "order": order.number, "date": print_date(order.date),
                            "in_force": print_date(order.in_force) if order.in_force else "unknown"})  # fmt: skip
        words = {"label": lines[0], "cells": [], "lines": list(lines[1:]), "repealed": False} if lines else None
        wordings.append({"version": views[index], "words": words})
    labels = labels_for(versions[-1].lang)
    notes = [labels.note(n) for n in versions[-1].preamble_notes] if eid == "preamble" else []
    return HistoryView(eid=eid, heading=eid.capitalize(), changes=changes, notes=notes, wordings=wordings)


def tree_history(wordings: list[UnitWording], versions: list[TreeVersion], views: list[VersionView],
                 eid: str) -> HistoryView | None:  # fmt: skip
    """The history page of a unit of an imported act, from `apply.tree_history` (the same
    as `consolidate history --unit EID` prints): each order's action with its dates, the
    unit's notes in the last version shown, its wording in each version where it changed."""
    if not wordings:
        return None
    changes = []
    for wording in wordings:
        if not wording.order:
            continue
        order = versions[wording.index].document.applied[-1]
        for action in wording.actions:
            changes.append({"action": action, "order": order.number, "date": print_date(order.date),
                            "in_force": print_date(order.in_force) if order.in_force else "unknown"})  # fmt: skip
    shown = []
    for wording in wordings:
        texts = [t for line in wording.lines if line.style is not Style.NOTE for t in text_of(line)]
        words = {"label": texts[0], "cells": [], "lines": texts[1:], "repealed": wording.repealed} if texts else None
        shown.append({"version": views[wording.index], "words": words})
    return HistoryView(eid=eid, heading=_tree_heading(wordings, eid), changes=changes,
                       notes=wordings[-1].notes(), wordings=shown)  # fmt: skip


def _tree_heading(wordings: list[UnitWording], eid: str) -> str:
    """The unit's label as last printed ("7.", "1-тарау. Жалпы ережелер"), else its eId."""
    for wording in reversed(wordings):
        for line in wording.lines:
            if line.style is not Style.NOTE and line.text:
                first = line.text.split("\n", 1)[0]
                return first if len(first) <= 80 else first[:80].rsplit(" ", 1)[0] + " …"
    return eid


# --- a published version with links to the history of its units ----------------------

_UNIT_ROW = re.compile(
    r'(?P<open><tr id="(?P<eid>att_[^"]+)"[^>]*><(?P<tag>td|th)[^>]*>)(?P<label>[^<]*)(?P<close></(?P=tag)>)'
)


def link_rows(page: bytes, history_href: str) -> bytes:
    """The exported HTML page of a version of a qualification table, with the label of
    every unit made a link to its history (`history_href` + the unit's eId).

    The export is left as it is otherwise: only the label cells of unit rows are touched,
    and they hold escaped text alone (see templates/act.html.j2).
    """

    def link(match: re.Match[str]) -> str:
        anchor = f'<a class="unit-link" href="{history_href}{match.group("eid")}">{match.group("label")}</a>'
        return f"{match.group('open')}{anchor}{match.group('close')}"

    return _UNIT_ROW.sub(link, page.decode("utf-8")).encode("utf-8")


_TREE_UNIT = re.compile(
    r'(?P<open><(?P<tag>p|h2) class="[^"<>]*" id="(?P<eid>(?!title")[^"<>]+)">)'
    r"(?P<text>(?:[^<]|<br>)*)(?P<close></(?P=tag)>)"
)


def link_units(page: bytes, history_href: str) -> bytes:
    """The exported HTML page of a version of an imported act, with the text of every
    unit that carries its eId as `id` (headings, points, subpoints, repealed units,
    annex titles; see templates/tree.html.j2) made a link to its history. The text is
    escaped text and `<br>` alone, kept as it is inside the link."""

    def link(match: re.Match[str]) -> str:
        anchor = f'<a class="unit-link" href="{history_href}{match.group("eid")}">{match.group("text")}</a>'
        return f"{match.group('open')}{anchor}{match.group('close')}"

    return _TREE_UNIT.sub(link, page.decode("utf-8")).encode("utf-8")


def with_nav(page: bytes, head: str, nav: str) -> bytes:
    """An exported page with the application's style (`head`) and navigation (`nav`),
    both from autoescaped templates."""
    text = page.decode("utf-8")
    text = text.replace("</head>", f"{head}</head>", 1).replace("<body>", f"<body>\n{nav}", 1)
    return text.encode("utf-8")
