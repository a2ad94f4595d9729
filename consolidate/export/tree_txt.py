"""A provision tree as plain text, a line per paragraph, as the reference bank prints it.

This is what makes an import checkable: importing an official text and exporting it here
gives back its text (labels as printed, notes where the source had them).
"""

from __future__ import annotations

from consolidate.export.tree_view import document_lines, text_of
from consolidate.model.tree import Document


def export_tree_txt(document: Document) -> bytes:
    lines = [text for line in document_lines(document) for text in text_of(line)]
    return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")
