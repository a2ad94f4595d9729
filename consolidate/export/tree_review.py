"""Review outputs of two versions of an act held as a provision tree: the redline page
(inline and side by side), the comparative table (HTML and DOCX, units named as a drafter
names them) and a Word document with real tracked changes (w:ins / w:del, signed by the
amending order) that accepts to the new version's text and rejects to the old one's.

All four come from one comparison (`diff.tree_diff`), so they always agree.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from consolidate.diff.model import Piece
from consolidate.diff.tree_diff import TreeChange, diff_trees
from consolidate.export.comparative import BOLD, PLAIN, STRUCK, TEMPLATE, ComparativeRow, Segment, comparative_docx
from consolidate.export.docx import EPOCH, normalize_zip, portrait, set_defaults
from consolidate.export.html import environment
from consolidate.export.tree_docx import core_title
from consolidate.export.tree_html import act_line
from consolidate.labels import Labels, labels_for
from consolidate.model.tree import Document

KIND_LABELS = {"inserted": "kind_inserted", "deleted": "kind_deleted", "repealed": "kind_repealed",
               "changed": "kind_restated"}  # fmt: skip
INVALID_XML = str.maketrans({c: None for c in range(32) if c not in (9, 10, 13)})


def _name(change: TreeChange, labels: Labels) -> str:
    path = list(change.path)
    # Points are numbered through their annex: a drafter names no chapter above a point.
    if any(kind in ("point", "subpoint") for kind, _ in path):
        path = [(k, n) for k, n in path if k not in ("sec", "chp", "subchp", "hcontainer")]
    return labels.unit_name(path) or change.eid


def _orders(new: Document) -> str:
    return ", ".join(f"№ {o.number}" for o in new.applied[-1:])


def _side(pieces: tuple[Piece, ...], keep: str) -> tuple[Piece, ...]:
    return tuple(p for p in pieces if p.op in ("equal", keep))


def redline_context(old: Document, new: Document, changes: list[TreeChange]) -> dict[str, Any]:
    labels = labels_for(new.identity.lang)
    views = [
        {
            "eid": c.eid,
            "kind": c.kind,
            "kind_label": labels.word(KIND_LABELS[c.kind]),
            "name": _name(c, labels),
            "pieces": c.pieces,
            "old_pieces": _side(c.pieces, "delete"),
            "new_pieces": _side(c.pieces, "insert"),
        }
        for c in changes
    ]
    counts = {
        "inserted": sum(1 for c in changes for p in c.pieces if p.op == "insert"),
        "deleted": sum(1 for c in changes for p in c.pieces if p.op == "delete"),
    }
    orders = _orders(new)
    return {
        "lang": new.identity.lang,
        "title": labels.word("redline_title"),
        "act_title": new.title,
        "act_line": act_line(new),
        "orders": labels.word("redline_orders", orders=orders) if orders else "",
        "inline_heading": labels.word("inline_heading"),
        "side_heading": labels.word("side_heading"),
        "old_heading": labels.word("old_wording"),
        "new_heading": labels.word("new_wording"),
        "no_changes": labels.word("no_changes"),
        "changes": views,
        "counts": counts,
    }


def _lines(pieces: tuple[Piece, ...], keep: str, mark: str) -> tuple[tuple[Segment, ...], ...]:
    lines: list[list[Segment]] = [[]]
    for piece in pieces:
        if piece.op not in ("equal", keep):
            continue
        for index, part in enumerate(piece.text.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Segment(part, PLAIN if piece.op == "equal" else mark))
    return tuple(tuple(line) for line in lines if line)


def comparative_rows(changes: list[TreeChange], labels: Labels) -> list[ComparativeRow]:
    rows = []
    for number, change in enumerate(changes, 1):
        current = _lines(change.pieces, "delete", STRUCK) or ((Segment(labels.word("cmp_absent"), PLAIN),),)
        proposed = _lines(change.pieces, "insert", BOLD)
        if change.kind == "deleted":
            proposed = ((Segment(labels.word("cmp_delete"), BOLD),),)
        elif change.kind == "repealed":  # "7. Алып тасталсын.": the number stays, its text goes
            label = change.new.split("\n")[0].strip()
            proposed = ((Segment(f"{label} " if label else "", PLAIN), Segment(labels.word("cmp_delete"), BOLD)),)
        rows.append(
            ComparativeRow(
                number=number,
                eid=change.eid,
                kind=change.kind,
                kind_label=labels.word(KIND_LABELS[change.kind]),
                place=_name(change, labels),
                current=current,
                proposed=proposed,
            )
        )
    return rows


def _front(new: Document, labels: Labels) -> dict[str, Any]:
    orders = _orders(new)
    return {
        "notice": None,
        "title": labels.word("cmp_title"),
        "act_line": act_line(new),
        "act_title": new.title,
        "orders": labels.word("redline_orders", orders=orders) if orders else "",
        "header": [labels.word(k) for k in ("cmp_num", "cmp_unit", "cmp_current", "cmp_proposed", "cmp_reason")],
        "no_changes": labels.word("no_changes"),
    }


def _stamp(new: Document) -> datetime:
    if not new.applied or not new.applied[-1].date:
        return EPOCH
    day = new.applied[-1].date
    return datetime(int(day[:4]), int(day[5:7]), int(day[8:10]), tzinfo=UTC)


def _run(text: str, op: str, revision: int, author: str, when: str) -> str:
    text = escape(text.translate(INVALID_XML))
    if op == "insert":
        return (f'<w:ins w:id="{revision}" w:author="{escape(author)}" w:date="{when}">'
                f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')  # fmt: skip
    if op == "delete":
        return (f'<w:del w:id="{revision}" w:author="{escape(author)}" w:date="{when}">'
                f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')  # fmt: skip
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tracked_docx(old: Document, new: Document, changes: list[TreeChange]) -> bytes:
    """Every changed unit as tracked changes by the amending order; unchanged text is not
    repeated (the consolidated DOCX has it). Accept all: the new wording; reject all: the old."""
    labels = labels_for(new.identity.lang)
    document = new_docx()
    set_defaults(document, labels)
    portrait(document)
    order = new.applied[-1] if new.applied else None
    author = labels.word("revision_author", date=order.date, number=order.number) if order else "consolidate"
    when = _stamp(new).strftime("%Y-%m-%dT%H:%M:%SZ")
    document.add_paragraph(labels.word("redline_title")).style = document.styles["Title"]
    document.add_paragraph(new.title)
    body = document.element.body
    revision = 0
    for change in changes:
        document.add_paragraph(_name(change, labels)).runs[0].bold = True
        paragraphs: list[list[str]] = [[]]
        for piece in change.pieces:
            for index, part in enumerate(piece.text.split("\n")):
                if index:
                    paragraphs.append([])
                if part:
                    revision += 1
                    paragraphs[-1].append(_run(part, piece.op, revision, author, when))
        for runs in paragraphs:
            element = parse_xml(f"<w:p {nsdecls('w')}>{''.join(runs)}</w:p>")
            body.insert(len(body) - 1, element)  # before the section properties
    props = document.core_properties
    props.created = props.modified = props.last_printed = _stamp(new)
    props.author = props.last_modified_by = "consolidate"
    props.title = core_title(new.title)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def render_tree_review(old: Document, new: Document) -> dict[str, bytes]:
    """The four review files of `new` against `old`."""
    changes = diff_trees(old, new)
    labels = labels_for(new.identity.lang)
    env = environment()
    rows = comparative_rows(changes, labels)
    front = _front(new, labels)
    return {
        "redline.html": env.get_template("tree_redline.html.j2").render(redline_context(old, new, changes)).encode(),
        "redline.docx": tracked_docx(old, new, changes),
        "comparative.html": env.get_template(TEMPLATE)
        .render({"lang": new.identity.lang, "rows": rows, **front})
        .encode(),
        "comparative.docx": comparative_docx(
            rows, front, labels, _stamp(new), core_title(f"{front['title']}: {new.title}")
        ),
    }
