"""The reference bank's own web page (adilet.zan.kz) as source blocks.

A page of the bank is mostly not the act: menus, banners, scripts, tabs. The act is the
`<article>` inside `div.container_gamma.text`; its name is the page's `<h1>` and the line
under it (the "requisite": "Приказ Министра … от 9 июня 2023 года № 435. Зарегистрирован
в Министерстве юстиции … № 32783.") says what act it is; the page's language is the class
`lang_rus` / `lang_kaz` of `div#container` and its selected tab («РУС» / «ҚАЗ»).

Inside the article the bank marks what is not the act's text: notes are red
(`<font color="#FF0000">`, the editorial "Примечание ИЗПИ!") or of class `note` (the
"Сноска." / "Ескерту." history), and they become notes, never text. An approval stamp
("Утвержден приказом …", "Приложение 1 к …") is the right-hand cell of a one-row table;
the signature is a one-row table in italics, or a small plain table just before the first
stamp. Paragraphs are `<p id="zNN">` opened by a run of no-break spaces (folded away as a
browser folds them), headings are `<h3>`, and real tables keep their merges. Everything
else on the page is ignored.

A page may reach us cut short (a copy limited in size): the article then ends inside an
element it opened, or, when the copy was closed tidily, the act links to places of itself
(`#zNNN` anchors of this very page) that the page does not hold. Both are read from the
page's own markup and reported, so that an incomplete act is never taken for a whole one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lxml import etree

from consolidate.errors import InputError
from consolidate.importer.blocks import Block, Mark, para_blocks, plain_text
from consolidate.importer.labels import labels
from consolidate.parse.document import Grid, Para
from consolidate.parse.html_input import SKIPPED_TAGS, element_blocks, parse_html

_TEXT_DIV = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' container_gamma ')"
    " and contains(concat(' ', normalize-space(@class), ' '), ' text ')]"
)
_LANG_CLASSES = {"lang_rus": "ru", "lang_kaz": "kk"}
_LANG_TABS = {"РУС": "ru", "ҚАЗ": "kk"}
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "center", "pre"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_EMPHASIS = frozenset({"i", "em", "b", "strong"})
_RED = re.compile(r"^#?(?:ff0000|red)$", re.IGNORECASE)
_ARTICLE_OPEN = re.compile(rb"<article\b", re.IGNORECASE)
_ARTICLE_CLOSE = re.compile(rb"</article\s*>", re.IGNORECASE)
_TABLE_OPEN = re.compile(rb"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(rb"</table\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class AdiletPage:
    """What a page of the bank gives: the act's blocks (title first), what the page says the
    act is, the text a reader of the page sees, and where the page is cut short, if it is."""

    blocks: list[Block]
    title: str
    requisite: str
    status: str
    lang: str
    lang_evidence: str
    visible_text: str
    truncated: tuple[int, str] | None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _inline_text(items: list[Any]) -> str:
    """The text of loose inline content (text and inline elements between blocks), a line
    per `<br>`, whitespace folded as a browser folds it. The loop that collects `items`
    adds each element's tail itself."""
    pieces: list[str] = []

    def inner(element: Any) -> None:
        tag = _tag(element)
        if tag == "br":
            pieces.append("\n")
            return
        if not tag or tag in SKIPPED_TAGS:
            return
        pieces.append(element.text or "")
        for child in element:
            inner(child)
            pieces.append(child.tail or "")

    for item in items:
        if isinstance(item, str):
            pieces.append(item)
        else:
            inner(item)
    lines = (_fold(line) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _is_red(element: Any) -> bool:
    return _tag(element) == "font" and bool(_RED.match((element.get("color") or "").strip()))


def _marked_note(element: Any) -> bool:
    """An element the bank prints as a note: class `note`, or red type."""
    return "note" in _classes(element) or _is_red(element)


def _all_in(element: Any, inside: Any) -> bool:
    """True when every piece of visible text of `element` lies in descendants for which
    `inside` is true (a paragraph whose whole text is red is a red note)."""

    def outside(node: Any) -> str:
        if inside(node):
            return node.tail or ""
        text = node.text or ""
        for child in node:
            text += outside(child)
        return text + (node.tail or "")

    text = element.text or ""
    for child in element:
        text += outside(child)
    return not text.strip() and any(inside(d) for d in element.iterdescendants())


def _table_blocks(table: Any, line: int) -> list[Block]:
    """A table of the article: an approval stamp (one row, one cell with text, the stamp's
    words), a signature (one row in italics), or a real table."""
    grids = [b for b in element_blocks(table) if isinstance(b, Grid)]
    if not grids:
        return []
    rows = grids[0].rows
    if len(rows) == 1:
        texts = [cell.text for cell in rows[0]]
        filled = [t for t in texts if t.strip()]
        if len(filled) == 1 and len(texts) > 1 and labels().stamp.search(filled[0]):
            return [Block(line, Mark.QUOTE, filled[0])]
        cells = [c for c in table.xpath("./tr/td | ./tbody/tr/td") if _fold(c.text_content())]
        if filled and all(_all_in(cell, lambda n: _tag(n) in _EMPHASIS) for cell in cells):
            return [Block(line, Mark.BOLD, text) for t in filled for text in t.split("\n") if text.strip()]
    return [Block(line, Mark.TEXT, "", Grid(line, rows))]


def _paragraph_blocks(element: Any, line: int) -> list[Block]:
    tag = _tag(element)
    if tag in _HEADINGS:
        # A heading's line breaks (<br>) are layout: one line, the break a space.
        text = _fold(" ".join(b.text for b in element_blocks(element) if isinstance(b, Para)))
        return [Block(line, Mark.HEADING, text)] if text else []
    if tag == "table":
        return _table_blocks(element, line)
    note = _marked_note(element) or _all_in(element, _marked_note)
    out: list[Block] = []
    for item in element_blocks(element):
        if isinstance(item, Grid):
            out.append(Block(item.line, Mark.TEXT, "", item))
        elif isinstance(item, Para) and item.text.strip():
            text = "\n".join(_fold(t) for t in item.text.split("\n") if t.strip())
            right = (element.get("align") or "").lower() == "right"
            if right and labels().stamp.search(text):
                out.append(Block(item.line, Mark.QUOTE, text))
            else:
                out.append(Block(item.line, Mark.NOTE if note else Mark.TEXT, text))
    return out


_SIGNATURE_MAX_ROWS, _SIGNATURE_MAX_CELL = 3, 120


def _signature_table(blocks: list[Block]) -> list[Block]:
    """The signature printed as a small plain table (no italics): the last table before the
    first approval stamp (or before the end), with nothing but unlabelled paragraphs ("СОГЛАСОВАН")
    between, becomes its lines. A table of the act is never that small and that placed."""
    end = next((i for i, b in enumerate(blocks) if b.mark is Mark.QUOTE), len(blocks))
    lab = labels()
    for index in range(end - 1, -1, -1):
        block = blocks[index]
        if block.grid is None:
            if block.mark is not Mark.TEXT or lab.point.match(block.text) or lab.subpoint.match(block.text):
                return blocks
            continue
        rows = block.grid.rows
        cells = [cell.text for row in rows for cell in row]
        small = len(rows) <= _SIGNATURE_MAX_ROWS and all(len(row) <= 3 for row in rows)
        if not small or any(len(text) > _SIGNATURE_MAX_CELL for text in cells) or index == 0:
            return blocks
        lines = [line for text in cells for line in text.split("\n") if line.strip()]
        return [*blocks[:index], *(Block(block.line, Mark.BOLD, line) for line in lines), *blocks[index + 1 :]]
    return blocks


def article_blocks(article: Any) -> list[Block]:
    """The act's blocks in the order of the page."""
    blocks: list[Block] = []
    pending: list[Any] = []
    pending_line = article.sourceline or 1

    def flush() -> None:
        nonlocal pending
        text = _inline_text(pending)
        if text:
            note = any(not isinstance(i, str) and (_marked_note(i) or _all_in(i, _marked_note)) for i in pending)
            blocks.append(Block(pending_line, Mark.NOTE if note else Mark.TEXT, text))
        pending = []

    if article.text:
        pending.append(article.text)
    for child in article:
        tag = _tag(child)
        line = child.sourceline or pending_line
        if not tag or tag in SKIPPED_TAGS:
            pass
        elif tag == "br":
            flush()
        elif tag in _BLOCK:
            flush()
            blocks.extend(_paragraph_blocks(child, line))
        else:
            if not pending or all(isinstance(i, str) and not i.strip() for i in pending):
                pending_line = line
            pending.append(child)
        if child.tail:
            pending.append(child.tail)
    flush()
    return _signature_table(blocks)


def _own_path(root: Any) -> str:
    """The page's own address ("/rus/docs/V2300032783"): the selected tab of its text."""
    for href in root.xpath("//div[@id='tabs_container']//li[contains(@class, 'selected')]/a/@href"):
        path = str(href).split("#")[0].rstrip("/")
        if "/docs/" in path:
            return path
    return ""


def _dangling(root: Any, article: Any) -> list[tuple[str, str]]:
    """Links of the act to places of itself ("согласно приложению 3", a contents table) that
    the page does not hold: (the link's text, its anchor), in the order of the page."""
    own = _own_path(root)
    if not own:
        return []
    held = {str(v) for v in article.xpath(".//@id | .//a/@name")}
    missing: list[tuple[str, str]] = []
    for link in article.iter("a"):
        path, _, anchor = (link.get("href") or "").partition("#")
        if anchor and path.rstrip("/") == own and anchor not in held:
            missing.append((_fold(link.text_content()), anchor))
    return missing


def _truncation(data: bytes, root: Any, article: Any, blocks: list[Block]) -> tuple[int, str] | None:
    """Where the page is cut short, read from its markup: the article never closed, closed
    while a table it opened was still open (its last row then holds fewer cells than the
    table has columns), or the act links to places of itself the page does not hold (a copy
    cut and then closed tidily shows nothing else)."""
    start = _ARTICLE_OPEN.search(data)
    if start is None:
        return None
    end = _ARTICLE_CLOSE.search(data, start.end())
    inner = data[start.end() : end.start() if end else len(data)]
    open_tables = len(_TABLE_OPEN.findall(inner)) - len(_TABLE_CLOSE.findall(inner))
    dangling = _dangling(root, article)
    if end is not None and open_tables <= 0 and not dangling:
        return None
    line = blocks[-1].line if blocks else article.sourceline or 1
    reasons: list[str] = []
    if end is None:
        reasons.append("the page ends before its article does")
    grids = [b.grid for b in blocks if b.grid is not None]
    if open_tables > 0:
        detail = "the article ends inside a table"
        if grids:
            rows = grids[-1].rows
            width = max(sum(c.colspan for c in row) for row in rows)
            last = rows[-1]
            got = sum(c.colspan for c in last)
            first = _fold(last[0].text) if last else ""
            rows_read = article.xpath(".//tr")
            line = (rows_read[-1].sourceline if rows_read else None) or grids[-1].line
            if got < width:
                detail += f" (its last row «{first}» has {got} of {width} cells)"
        reasons.append(detail)
    if dangling:
        text, anchor = dangling[0]
        reasons.append(
            f"the act links to {len(dangling)} places of itself the page does not hold (the first: «{text}», #{anchor})"
        )
    return line, f"the page is cut short: {'; '.join(reasons)}; the act is not complete"


def _language(root: Any) -> tuple[str, str]:
    """The page's language and what said so: the class of `div#container`, the selected tab."""
    found: list[tuple[str, str]] = []
    for container in root.xpath("//div[@id='container']"):
        for name in sorted(_classes(container)):
            if name in _LANG_CLASSES:
                found.append((_LANG_CLASSES[name], name))
    for tab in root.xpath("//li[contains(concat(' ', normalize-space(@class), ' '), ' selected ')]/a"):
        text = _fold(tab.text_content())
        if text in _LANG_TABS:
            found.append((_LANG_TABS[text], f"tab «{text}»"))
    langs = {lang for lang, _ in found}
    if len(langs) != 1:
        return "", ", ".join(why for _, why in found)
    return langs.pop(), ", ".join(why for _, why in found)


def read_adilet(data: bytes, where: str) -> AdiletPage | None:
    """The act on a page of the bank, or None when the page is not one (no text container
    with an article): such a page is read by the general HTML reader instead."""
    root = parse_html(data, where)
    articles = root.xpath(_TEXT_DIV + "//article")
    if not articles:
        return None
    if len(articles) > 1:
        raise InputError(f"{len(articles)} articles in the page's text container, expected one", where=where)
    article: etree._Element = articles[0]
    heading = root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' slogan ')]/h1") or root.xpath(
        "//h1"
    )
    title = _fold(" ".join(b.text for b in element_blocks(heading[0]) if isinstance(b, Para))) if heading else ""
    requisite = ""
    status = ""
    if heading:
        head = heading[0].getparent()
        requisite = next((_fold(p.text_content()) for p in head.iter("p") if _fold(p.text_content())), "")
        status = next(
            (_fold(s.text_content()) for s in head.iter("span") if "status" in _classes(s)),
            "",
        )
    blocks = article_blocks(article)
    if not title:
        raise InputError("the page has no <h1> title above its article", where=where)
    line = heading[0].sourceline or 1
    visible = f"{title}\n" + plain_text(para_blocks(element_blocks(article)))
    lang, evidence = _language(root)
    return AdiletPage(
        blocks=[Block(line, Mark.TITLE, title), *blocks],
        title=title,
        requisite=requisite,
        status=status,
        lang=lang,
        lang_evidence=evidence,
        visible_text=visible,
        truncated=_truncation(data, root, article, blocks),
    )
