"""Every publishing format of a version held as a provision tree, from the one tree."""

from __future__ import annotations

import json
from collections.abc import Callable

from consolidate.model.tree import Document


def _html(document: Document) -> bytes:
    from consolidate.export.tree_html import export_tree_html

    return export_tree_html(document)


def _docx(document: Document) -> bytes:
    from consolidate.export.tree_docx import export_tree_docx

    return export_tree_docx(document)


def _xml(document: Document) -> bytes:
    from consolidate.akn.tree_xml import tree_to_xml

    return tree_to_xml(document)


def _txt(document: Document) -> bytes:
    from consolidate.export.tree_txt import export_tree_txt

    return export_tree_txt(document)


def _json(document: Document) -> bytes:
    from consolidate.model.tree_json import document_to_dict

    return (json.dumps(document_to_dict(document), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _pdf(document: Document) -> bytes:
    from consolidate.export.pdf import print_pdf
    from consolidate.export.tree_docx import document_time

    stamp = document_time(document).strftime("%Y%m%d%H%M%S")
    return print_pdf(lambda: _html(document), lambda: _docx(document), stamp)


TREE_RENDERERS: dict[str, Callable[[Document], bytes]] = {
    "html": _html,
    "docx": _docx,
    "xml": _xml,
    "txt": _txt,
    "json": _json,
    "pdf": _pdf,
}


def render_tree(document: Document, formats: list[str], stem: str) -> dict[str, bytes]:
    """`stem.format` -> bytes for each format, all rendered before anything is written."""
    return {f"{stem}.{name}": TREE_RENDERERS[name](document) for name in formats}
