"""A version held as a provision tree, as one self-contained HTML page.

The page prints the blocks of `export.tree_view` (the same blocks as the text and DOCX
exports) with its own stylesheet; every unit carries its eId as the element's id, so a
reader can link to "att_1__chp_2__point_5". Autoescaping is on: the act's text is text.
"""

from __future__ import annotations

from typing import Any

from consolidate.export.html import environment
from consolidate.export.tree_view import document_lines
from consolidate.labels import labels_for, print_date
from consolidate.model.tree import Document

TEMPLATE = "tree.html.j2"


def act_line(document: Document) -> str:
    """ "№ 354, 14.09.2020" as far as the act's identity is known."""
    identity = document.identity
    parts = [f"№ {identity.number}" if identity.number else "", print_date(identity.date) if identity.date else ""]
    return ", ".join(p for p in parts if p)


def applied_views(document: Document) -> list[dict[str, str]]:
    """Each applied order: "12.05.2026 № 192 (қолданысқа енгізілген күні: 05.06.2026)"."""
    labels = labels_for(document.identity.lang)
    out = []
    for order in document.applied:
        text = labels.word("applied_order", date=print_date(order.date), number=order.number)
        if order.in_force:
            key = "in_force_assumed" if order.in_force_assumed else "in_force"
            text += f" ({labels.word(key, date=print_date(order.in_force))})"
        else:
            text += f" ({labels.word('in_force_unknown')})"
        out.append({"number": order.number, "date": order.date, "text": text})
    return out


def version_line(document: Document) -> str:
    """Which version this is: the original, in force from a date, or of an unknown date."""
    labels = labels_for(document.identity.lang)
    if not document.applied:
        date = document.identity.date
        return labels.word("version_original", date=print_date(date)) if date else ""
    if any(not order.in_force for order in document.applied):
        return labels.word("version_unknown")
    key = "version_in_force_assumed" if any(o.in_force_assumed for o in document.applied) else "version_in_force"
    return labels.word(key, date=print_date(max(o.in_force for o in document.applied)))


def page_context(document: Document) -> dict[str, Any]:
    labels = labels_for(document.identity.lang)
    return {
        "lang": document.identity.lang,
        "title": document.title,
        "act_line": act_line(document),
        "version_line": version_line(document),
        "applied_heading": labels.word("applied_heading"),
        "applied": applied_views(document),
        "lines": document_lines(document),
    }


def export_tree_html(document: Document) -> bytes:
    return environment().get_template(TEMPLATE).render(page_context(document)).encode("utf-8")
