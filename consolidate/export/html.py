"""One version as one self-contained HTML page, laid out like the official publication.

The page carries its own stylesheet (screen and print: landscape A4, repeated table
headers, rows kept whole), so it can be archived, mailed or printed without anything else.
The template is rendered with autoescaping on: every string of the act is text, never
markup, whatever the source document contained.
"""

from __future__ import annotations

from typing import Any

from consolidate.export.layout import (
    act_line,
    applied_views,
    point_paragraphs,
    table_lines,
    unit_views,
    version_date,
    version_date_assumed,
    version_line,
)
from consolidate.labels import Labels, labels_for
from consolidate.model.act import Act, Annex
from consolidate.resources import environment

TEMPLATE = "act.html.j2"


def _annex_context(annex: Annex, labels: Labels) -> dict[str, Any]:
    return {
        "eid": annex.eid,
        "label": labels.word("annex", num=annex.num),
        "stamp": list(annex.stamp),
        "title": annex.title,
        "notes": [labels.note(n) for n in annex.notes],
        "header": labels.header(annex.header),
        "lines": table_lines(unit_views(annex, labels)),
    }


def page_context(act: Act) -> dict[str, Any]:
    """Everything the template prints, already in printed form (labels, dates, merges)."""
    labels = labels_for(act.lang)
    return {
        "lang": act.lang,
        "notice": labels.word("reconstructed") if act.reconstructed else None,
        "title": act.title,
        "issuer": act.issuer,
        "act_line": act_line(act, labels),
        "version_line": version_line(act, labels),
        "version_date": version_date(act),
        "version_assumed": version_date_assumed(act),
        "notes": [labels.note(n) for n in act.notes],
        "applied_heading": labels.word("applied_heading"),
        "applied": applied_views(act, labels),
        "preamble": list(act.preamble),
        "preamble_notes": [labels.note(n) for n in act.preamble_notes],
        "points": [{"num": p.num, "paragraphs": point_paragraphs(p)} for p in act.points],
        "signature": list(act.signature),
        "annexes": [_annex_context(annex, labels) for annex in act.annexes],
    }


def export_html(act: Act) -> bytes:
    """The version as a UTF-8 HTML page; the same act always gives the same bytes."""
    page = environment().get_template(TEMPLATE).render(page_context(act))
    return page.encode("utf-8")
