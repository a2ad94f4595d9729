"""Accept-all and reject-all of Word revisions on `word/document.xml`, for the tests.

A test needs no Word to check a redline: it accepts (or rejects) every revision the way
the format defines them and compares what is left with the consolidated DOCX of the new
(or old) version. Only the revisions `consolidate.export.redline_docx` writes are handled:

- `w:ins`/`w:del` around runs (deleted text is `w:delText`);
- rows marked in `w:trPr` (`w:ins`: the row exists only if accepted, `w:del`: only if
  rejected); a table left without rows disappears, as in Word;
- paragraph marks marked in `w:pPr/w:rPr`: a paragraph whose mark goes joins the next
  paragraph of its container, keeping that paragraph's properties (the style lives in the
  mark). With no paragraph after it (a table or the end follows) an emptied paragraph goes,
  as the paragraph Word keeps at the end of a body or cell takes its place;
- `w:pPrChange` and `w:tcPrChange`: rejecting restores the previous properties, accepting
  drops the record.

`body_items` then reads what a reader sees: paragraphs with their style and text, and
tables as rows of cells with their span, merge state and paragraphs.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    """`w:tag` as lxml spells it."""
    return f"{{{W}}}{tag}"


def document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml")


def _root(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))


def _row_marker(tr: etree._Element, tag: str) -> bool:
    props = tr.find(q("trPr"))
    return props is not None and props.find(q(tag)) is not None


def _mark_marker(p: etree._Element, tag: str) -> bool:
    props = p.find(q("pPr"))
    rpr = props.find(q("rPr")) if props is not None else None
    return rpr is not None and rpr.find(q(tag)) is not None


def _drop_markers(root: etree._Element, tag: str) -> None:
    """Remove row and paragraph-mark markers `tag` (and rPr/trPr left empty)."""
    for parent_tag in ("trPr", "rPr"):
        for marker in root.xpath(f"//w:{parent_tag}/w:{tag}", namespaces={"w": W}):
            parent = marker.getparent()
            parent.remove(marker)
            if len(parent) == 0 and parent_tag == "rPr" and parent.getparent().tag == q("pPr"):
                parent.getparent().remove(parent)


def _join_paragraphs(root: etree._Element, tag: str) -> None:
    """Every paragraph whose mark is marked `tag` joins the next paragraph."""
    for p in [p for p in root.iter(q("p")) if _mark_marker(p, tag)]:
        runs = [child for child in p if child.tag != q("pPr")]
        following = p.getnext()
        if following is not None and following.tag == q("p"):
            props = following.find(q("pPr"))
            at = 0 if props is None else 1
            for offset, run in enumerate(runs):
                following.insert(at + offset, run)
            p.getparent().remove(p)
        elif not "".join(p.itertext()):
            p.getparent().remove(p)
        else:
            marker = p.find(q("pPr")).find(q("rPr")).find(q(tag))
            marker.getparent().remove(marker)


def _restore(root: etree._Element, change: str, holder: str, keep: tuple[str, ...]) -> None:
    """Rejecting `w:pPrChange`/`w:tcPrChange`: the previous properties come back."""
    for record in list(root.iter(q(change))):
        props = record.getparent()
        previous = record.find(q(holder))
        kept = [child for child in props if child.tag in {q(k) for k in keep}]
        for child in list(props):
            props.remove(child)
        props.extend(list(previous) if previous is not None else [])
        props.extend(kept)


def _resolve(xml: bytes, keep: str) -> bytes:
    """Accept (`keep` = "ins") or reject (`keep` = "del") every revision."""
    drop = "del" if keep == "ins" else "ins"
    root = _root(xml)
    for tr in [tr for tr in root.iter(q("tr")) if _row_marker(tr, drop)]:
        tr.getparent().remove(tr)
    for tbl in [tbl for tbl in root.iter(q("tbl")) if tbl.find(q("tr")) is None]:
        tbl.getparent().remove(tbl)
    for wrapper in [w for w in root.iter(q(drop)) if w.getparent().tag == q("p")]:
        wrapper.getparent().remove(wrapper)
    for wrapper in [w for w in root.iter(q(keep)) if w.getparent().tag == q("p")]:
        for child in list(wrapper):
            wrapper.addprevious(child)
        wrapper.getparent().remove(wrapper)
    for text in root.iter(q("delText")):
        text.tag = q("t")
    _join_paragraphs(root, drop)
    _drop_markers(root, keep)
    if keep == "ins":
        for change in ("pPrChange", "tcPrChange"):
            for record in list(root.iter(q(change))):
                record.getparent().remove(record)
    else:
        _restore(root, "pPrChange", "pPr", ("rPr", "sectPr"))
        _restore(root, "tcPrChange", "tcPr", ())
    return etree.tostring(root, encoding="UTF-8")


def accept_all(xml: bytes) -> bytes:
    """document.xml with every revision accepted."""
    return _resolve(xml, "ins")


def reject_all(xml: bytes) -> bytes:
    """document.xml with every revision rejected."""
    return _resolve(xml, "del")


REVISION_TAGS = ("ins", "del", "delText", "pPrChange", "tcPrChange", "rPrChange", "trPrChange", "cellIns", "cellDel")


def revisions_left(xml: bytes) -> list[str]:
    """Tags of revision elements still in the XML (none after accept or reject)."""
    root = _root(xml)
    return [etree.QName(el).localname for tag in REVISION_TAGS for el in root.iter(q(tag))]


def paragraph_text(p: etree._Element) -> str:
    """The text a reader sees: tabs and line breaks as "\\t" and "\\n"."""
    parts = []
    for el in p.iter(q("t"), q("delText"), q("tab"), q("br")):
        local = etree.QName(el).localname
        parts.append({"tab": "\t", "br": "\n"}.get(local, el.text or ""))
    return "".join(parts)


def _style(p: etree._Element) -> str | None:
    props = p.find(q("pPr"))
    style = props.find(q("pStyle")) if props is not None else None
    return None if style is None else style.get(q("val"))


def _section(p: etree._Element) -> tuple[str, ...] | None:
    """A section break held by a paragraph: orientation and page size."""
    props = p.find(q("pPr"))
    sect = props.find(q("sectPr")) if props is not None else None
    if sect is None:
        return None
    size = sect.find(q("pgSz"))
    return (size.get(q("orient")) or "portrait", size.get(q("w")), size.get(q("h")))


def _cell(tc: etree._Element) -> tuple[Any, ...]:
    props = tc.find(q("tcPr"))
    span = props.find(q("gridSpan")) if props is not None else None
    merge = props.find(q("vMerge")) if props is not None else None
    state = None if merge is None else (merge.get(q("val")) or "continue")
    paragraphs = tuple((_style(p), paragraph_text(p)) for p in tc.iter(q("p")))
    return (1 if span is None else int(span.get(q("val"))), state, paragraphs)


def body_items(xml: bytes) -> list[tuple[Any, ...]]:
    """The body as a reader sees it: ("p", style, text, section) and ("table", rows), a row
    being a tuple of cells (grid span, vertical merge state, paragraphs (style, text))."""
    body = _root(xml).find(q("body"))
    items: list[tuple[Any, ...]] = []
    for child in body:
        if child.tag == q("p"):
            items.append(("p", _style(child), paragraph_text(child), _section(child)))
        elif child.tag == q("tbl"):
            rows = tuple(tuple(_cell(tc) for tc in tr.findall(q("tc"))) for tr in child.findall(q("tr")))
            items.append(("table", rows))
    return items


def texts(xml: bytes) -> list[str]:
    """Just the text of every paragraph and table cell, in order (for messages)."""
    out = []
    for item in body_items(xml):
        if item[0] == "p":
            out.append(item[2])
        else:
            out.extend("\n".join(text for _, text in cell[2]) for row in item[1] for cell in row)
    return out
