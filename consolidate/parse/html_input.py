"""Reading an amending order from an HTML page into blocks.

The reference bank publishes every order as a web page. Its text sits in many nested
`div`s and `span`s, one block element per paragraph, and its quoted tables are real
`<table>`s with `rowspan`/`colspan`. This reader turns the page into the blocks of
`parse.document`: each block-level element that holds text directly (a `p`, a `div`
without block children, a heading, a list item, the loose text of a `blockquote`) becomes
a `Para`, whitespace folded as a browser folds it and `<br>` kept as "\\n"; each table a
`Grid` with its spans as written (HTML already leaves covered cells out). `line` is the
source line of the element, for messages.

A page is input from outside the tool: it is parsed with no network access, and a page
whose DOCTYPE has an internal subset or that declares entities is refused, because HTML
has no use for them and they exist only to expand text behind the reader's back.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from consolidate.errors import InputError
from consolidate.parse.document import Block, Grid, GridCell, Para


def _parser() -> lxml.html.HTMLParser:
    """A fresh parser per page, so its error log is this page's alone (see `read_html`).
    Pages are decoded to text first (see `_decode`) and handed over as UTF-8."""
    return lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
    )


_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"\s+")  # HTML folds its whitespace; a no-break space folds here too

# Elements that start and end a block of text (the rest are inline: their text runs on).
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog"),
        *("dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3"),
        *("h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p"),
        *("pre", "section", "summary", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
# Elements whose content is not text of the page.
SKIPPED_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas"}
    | {"audio", "video", "select"}
)
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534  # the limits browsers apply


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _decode(data: bytes, where: str) -> str:
    """The page as text: UTF-8 (with or without a BOM), UTF-16 with a BOM, or the
    charset the page declares. lxml alone would take an undeclared page for Latin-1."""
    if not isinstance(data, bytes):
        raise InputError("an HTML page must be given as bytes", where=where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"damaged UTF-16 text (byte {exc.start})", where=where) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared = _CHARSET.search(data[:4096])
        if declared is None:
            raise InputError(f"not UTF-8 (byte {error.start}) and no charset declared", where=where) from error
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(codecs.lookup(name).name)
        except LookupError as exc:
            raise InputError(f"unknown charset {name!r}", where=where) from exc
        except UnicodeError as exc:
            raise InputError(f"not {name} text (byte {getattr(exc, 'start', '?')})", where=where) from exc


def _tag(element: etree._Element) -> str | None:
    """The lower-case tag of an element, None for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else None


def _span(value: str | None, default: int, limit: int) -> int:
    """An HTML span attribute as browsers read it: its leading digits, else `default`."""
    match = re.match(r"\s*(\d+)", value or "")
    if match is None:
        return default
    digits = match.group(1)
    return limit if len(digits) > len(str(limit)) else min(int(digits), limit)


@dataclass
class _Text:
    """The text of the block being read: pieces, and the line where its text starts."""

    line: int | None = None
    pieces: list[str] = field(default_factory=list)

    def add(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        self.pieces.append(_SPACES.sub(" ", text))
        if self.line is None and text.strip():
            self.line = line

    def take(self) -> tuple[int | None, str]:
        """The text read so far, one line per `<br>`, and a fresh start."""
        lines = (_SPACES.sub(" ", part).strip() for part in "".join(self.pieces).split("\n"))
        text = unicodedata.normalize("NFC", "\n".join(part for part in lines if part))
        line, self.line, self.pieces = self.line, None, []
        return line, text


class _Reader:
    """Walks the tree in document order, cutting text into blocks at block elements."""

    def __init__(self, fallback_line: int = 1) -> None:
        self.blocks: list[Block] = []
        self.text = _Text()
        self.fallback_line = fallback_line

    def flush(self) -> None:
        line, text = self.text.take()
        if text:
            self.blocks.append(Para(line or self.fallback_line, text))

    def walk(self, element: etree._Element) -> None:
        self.text.add(element.text, element.sourceline)
        for child in element:
            tag = _tag(child)
            if tag is None or tag in SKIPPED_TAGS:
                pass
            elif tag == "br":
                self.text.pieces.append("\n")
            elif tag == "table":
                self.flush()
                self.blocks.extend(self.table(child))
            elif tag in BLOCK_TAGS:
                self.flush()
                self.text.line = child.sourceline  # a block's text is located at the block
                self.walk(child)
                self.flush()
            else:
                self.walk(child)
            self.text.add(child.tail, child.sourceline)

    def table(self, table: etree._Element) -> list[Block]:
        """A `<table>` as a `Grid` (its caption, if any, as a paragraph before it)."""
        blocks: list[Block] = []
        rows: list[list[etree._Element]] = []  # the cells of each row

        def collect(group: etree._Element) -> None:
            loose = False  # a cell written without its <tr> (libxml2 does not add one)
            for child in group:
                tag = _tag(child)
                if tag == "tr":
                    rows.append([cell for cell in child if _tag(cell) in ("td", "th")])
                elif tag in ("td", "th"):
                    if not loose:
                        rows.append([])
                    rows[-1].append(child)
                elif tag in ("thead", "tbody", "tfoot"):
                    collect(child)
                elif tag == "caption":
                    blocks.extend(_block_text(child))
                loose = tag in ("td", "th")

        collect(table)
        grid_rows: list[tuple[GridCell, ...]] = []
        for index, row in enumerate(rows):
            cells: list[GridCell] = []
            for cell in row:
                rowspan = _span(cell.get("rowspan"), 1, MAX_ROWSPAN)
                if rowspan == 0:  # "to the end of the table"
                    rowspan = len(rows) - index
                colspan = max(1, _span(cell.get("colspan"), 1, MAX_COLSPAN))
                cells.append(GridCell(cell_text(cell), rowspan, colspan))
            grid_rows.append(tuple(cells))
        blocks.append(Grid(table.sourceline or self.fallback_line, tuple(grid_rows)))
        return blocks


def _block_text(element: etree._Element) -> list[Block]:
    reader = _Reader(element.sourceline or 1)
    reader.walk(element)
    reader.flush()
    return reader.blocks


def element_blocks(element: etree._Element) -> list[Block]:
    """The blocks of one element of a parsed page (what `read_html` gives for a whole
    page), for readers that know where on a page the text is (`importer/adilet.py`).
    A `<table>` gives its `Grid` (after its caption, if any)."""
    if _tag(element) == "table":
        return _Reader(element.sourceline or 1).table(element)
    return _block_text(element)


def cell_text(cell: etree._Element) -> str:
    """A cell's text: its paragraphs and line breaks each on a line of their own (a table
    nested in the cell gives its cells' lines), whitespace folded."""
    lines: list[str] = []
    for block in _block_text(cell):
        if isinstance(block, Para):
            lines.append(block.text)
        else:
            lines.extend(c.text for row in block.rows for c in row if c.text)
    return "\n".join(lines)


def read_html(data: bytes, where: str) -> list[Block]:
    """The blocks of an HTML page in document order: a `Para` per block of text, a `Grid`
    per table. A page that cannot be read, or that declares entities, is an `InputError`
    naming `where`."""
    root = parse_html(data, where)
    reader = _Reader()
    reader.walk(root)
    reader.flush()
    return reader.blocks


def parse_html(data: bytes, where: str) -> etree._Element:
    """The element tree of an untrusted page: decoded as `_decode` says, entities and
    internal subsets refused, no network, and a page libxml2 gave up on refused."""
    text = _decode(data, where)
    if "\x00" in text:
        raise InputError("binary file, expected an HTML page", where=where)
    if _INTERNAL_SUBSET.search(text) or _ENTITY.search(text):
        raise InputError("DOCTYPE internal subsets and ENTITY declarations are not allowed in HTML", where=where)
    if not text.strip():
        raise InputError("file is empty", where=where)
    parser = _parser()
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"not a readable HTML page: {_one_line(exc)}", where=where) from exc
    # libxml2 recovers from everything, even from giving up: past a resource limit (such
    # as 256 nested elements) it silently drops the rest of the page. That is refused.
    for error in parser.error_log:
        if error.level_name == "FATAL":
            message = f"the page cannot be read past line {error.line}: {_one_line(error.message)}"
            raise InputError(message, where=where)
    return root
