"""An official text uploaded to the import page: read by `consolidate import`'s reader in
a temporary folder of its own request, never written into the data folder.

The page shows what `import` would write and say: the act's structure (every unit with
its eId and heading, counted by kind), the doubts met (warnings with their lines), the
round-trip figure (the text export against the source's text), and the two files to
download: the Akoma Ntoso XML (`kaz.xml` / `rus.xml`) and the text export.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from consolidate.errors import ConsolidateError, InputError
from consolidate.importer.official import Imported, import_official
from consolidate.model.tree import CONTAINERS, Document, Kind, Node
from consolidate.serve.uploads import LANGS, Upload, renamed

KIND_WORDS = {Kind.SECTION: "section", Kind.CHAPTER: "chapter", Kind.PARAGRAPH: "paragraph",
              Kind.ARTICLE: "article", Kind.POINT: "point", Kind.SUBPOINT: "subpoint", Kind.PART: "part",
              Kind.TABLE: "table", Kind.BLOCK: "heading block"}  # fmt: skip
TEXT_SHOWN = 100  # characters of a provision's first paragraph shown beside its eId


@dataclass(frozen=True)
class UnitRow:
    """One unit of the structure as the page lists it (parts are counted, not listed:
    they are the paragraphs of the units listed)."""

    eid: str
    kind: str
    depth: int
    heading: str | None  # a container's heading, an annex's title
    text: str  # a provision's label and the start of its first paragraph


@dataclass
class ImportView:
    """What the import page shows of one upload."""

    upload: Upload
    document: Document
    units: list[UnitRow]
    counts: list[tuple[str, int]]  # by kind, in the order of `KIND_WORDS`, then annexes
    total: int  # every unit, parts and tables included (the figure `import` prints)
    warnings: list[tuple[int, str]]
    ratio: float
    files: dict[str, bytes]

    @property
    def percent(self) -> str:
        """The round-trip figure as the page prints it: "100.00 %"."""
        return f"{self.ratio * 100:.2f} %"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_SHOWN else text[:TEXT_SHOWN].rsplit(" ", 1)[0] + " …"


def _rows(nodes: list[Node], depth: int) -> list[UnitRow]:
    rows = []
    for node in nodes:
        if node.kind is Kind.PART:
            continue
        heading = (node.text or None) if node.kind in CONTAINERS else None
        first = node.children[0].text if node.children and node.children[0].kind is Kind.PART else ""
        text = "" if node.kind in CONTAINERS or node.kind is Kind.TABLE else _shorten(f"{node.label} {first}")
        rows.append(UnitRow(node.eid, KIND_WORDS[node.kind], depth, heading, text))
        rows.extend(_rows(node.children, depth + 1))
    return rows


def structure(document: Document) -> list[UnitRow]:
    """The preamble, the body's units, then each annex and its units, in document order."""
    rows = [UnitRow("preamble", "preamble", 0, None, _shorten(document.preamble[0]))] if document.preamble else []
    rows.extend(_rows(document.body, 0))
    for annex in document.annexes:
        rows.append(UnitRow(annex.eid, "annex", 0, annex.title or None, ""))
        rows.extend(_rows(annex.body, 1))
    return rows


def _counts(document: Document) -> list[tuple[str, int]]:
    found: dict[Kind, int] = {}
    for node in document.units():
        found[node.kind] = found.get(node.kind, 0) + 1
    counts = [(word, found[kind]) for kind, word in KIND_WORDS.items() if kind in found]
    return [*counts, ("annex", len(document.annexes))] if document.annexes else counts


def _imported(upload: Upload, lang: str) -> Imported:
    """`import_official` on the upload, in a temp folder of its own (removed at once)."""
    with tempfile.TemporaryDirectory(prefix="consolidate-serve-") as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.data)
        try:
            return import_official(path, lang)
        except ConsolidateError as exc:
            raise renamed(exc, folder, upload.name) from None


def import_upload(upload: Upload, lang: str = "auto") -> ImportView:
    """Import an uploaded official text as `consolidate import` does, without writing it."""
    from consolidate.akn.tree_xml import tree_to_xml
    from consolidate.export.tree_txt import export_tree_txt
    from consolidate.importer.similarity import similarity

    if lang not in LANGS:
        raise InputError(f"language {lang[:10]!r}: choose auto, kk or ru")
    imported = _imported(upload, lang)
    document = imported.document
    stem = "kaz" if document.identity.lang == "kk" else "rus"
    text = export_tree_txt(document)
    return ImportView(
        upload=upload,
        document=document,
        units=structure(document),
        counts=_counts(document),
        total=sum(1 for _ in document.units()),
        warnings=[(w.line, w.message) for w in imported.warnings],
        ratio=similarity(imported.source_text, text.decode("utf-8")),
        files={f"{stem}.xml": tree_to_xml(document), f"{stem}.txt": text},
    )
