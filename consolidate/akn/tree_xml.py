"""A provision tree (`model.tree.Document`) as Akoma Ntoso 3.0 XML, and back.

The mapping is one table (`ELEMENTS`): each unit kind has its AKN element (a section is
`<section>`, a chapter `<chapter>`, a paragraph `<subchapter>`, an article `<article>`, a
point `<point>`, a subpoint `<point class="subpoint">`, a part and a table are named
`<hcontainer>`s). The printed label goes to `<num>`, a container's heading to `<heading>`,
the bare number to the eId (`att_1__chp_2__point_5`). Notes the source printed are AKN
`<note>`s placed on their unit (`placementBase`), with their position among the unit's
children in our own namespace, so a unit's history is never mixed with its text.

An act without a known date or number (a text imported without metadata) is written
with the FRBR date `0001-01-01` named "unknown" and the number "unknown": explicit, never
guessed. Writing is deterministic; all text is NFC.
"""

from __future__ import annotations

from lxml import etree

from consolidate.akn.act_xml import (
    AKN_NS,
    NSMAP,
    SOURCE,
    akn_name,
    cz_name,
    local_name,
    sub,
    write_frbr,
    write_organizations,
)
from consolidate.akn.safe_xml import parse_xml
from consolidate.akn.uri import lang3, work_uri
from consolidate.errors import InputError
from consolidate.model.tree import (
    NUMBERED_BY_POSITION,
    Annex,
    Applied,
    Cell,
    Change,
    Column,
    Document,
    Identity,
    Kind,
    Node,
    Note,
    RowCell,
    assign_eids,
    walk,
)

ELEMENTS: dict[Kind, tuple[str, dict[str, str]]] = {
    Kind.SECTION: ("section", {}),
    Kind.CHAPTER: ("chapter", {}),
    Kind.PARAGRAPH: ("subchapter", {}),
    Kind.ARTICLE: ("article", {}),
    Kind.POINT: ("point", {}),
    Kind.SUBPOINT: ("point", {"class": "subpoint"}),
    Kind.PART: ("hcontainer", {"name": "part"}),
    Kind.TABLE: ("hcontainer", {"name": "table"}),
    Kind.BLOCK: ("hcontainer", {"name": "block"}),
    Kind.ROW: ("hcontainer", {"name": "row"}),
}
UNKNOWN_DATE = "0001-01-01"


def _kind_of(element: etree._Element) -> Kind | None:
    tag = local_name(element)
    for kind, (name, attrs) in ELEMENTS.items():
        if (
            name == tag
            and all(element.get(k) == v for k, v in attrs.items())
            and (tag != "point" or (element.get("class") == "subpoint") == (kind is Kind.SUBPOINT))
        ):
            return kind
    return None


# --- writing ---------------------------------------------------------------------------


def _paragraphs(parent: etree._Element, text: str, attrs: dict[str, str] | None = None) -> None:
    for line in text.split("\n"):
        sub(parent, "p", attrs, line)


def _identification(meta: etree._Element, identity: Identity, title: str, component: str | None) -> None:
    """FRBR identification; an act whose date is not known says so ("unknown", 0001-01-01)."""
    date = identity.date or UNKNOWN_DATE
    uri = work_uri(date, identity.number or "unknown", identity.doctype)
    uri.language = lang3(identity.lang)
    uri.expression_date = "@" + date
    uri.work_component = component
    name = "Generation" if identity.date else "unknown"
    write_frbr(meta, uri, date, date, identity.number or "unknown", identity.lang,
               title if component is None else "", name)  # fmt: skip


def _table(parent: etree._Element, node: Node) -> None:
    table = sub(parent, "table", {"eId": f"{node.eid}__tbl"})
    for row in node.rows:
        tr = sub(table, "tr")
        for cell in row:
            attrs = {}
            if cell.rowspan != 1:
                attrs["rowspan"] = str(cell.rowspan)
            if cell.colspan != 1:
                attrs["colspan"] = str(cell.colspan)
            _paragraphs(sub(tr, "td", attrs), cell.text)


def _row_cells(parent: etree._Element, node: Node, lists: frozenset[str]) -> None:
    """A row unit's cells: one `<td>` each, naming its column; a cell of a list column
    (`lists`, from the annex's columns) holds one `<p>` per item."""
    tr = sub(sub(parent, "table", {"eId": f"{node.eid}__tbl"}), "tr")
    for cell in node.cells:
        attrs = {cz_name("column"): cell.column}
        if cell.continues:
            attrs[cz_name("continues")] = "true"
        td = sub(tr, "td", attrs)
        if cell.column in lists:
            for item in cell.items:
                sub(td, "p", text=item)
        else:
            _paragraphs(td, cell.text)


def _unit(parent: etree._Element, node: Node, lists: frozenset[str] = frozenset()) -> None:
    name, attrs = ELEMENTS[node.kind]
    element = sub(parent, name, {**attrs, "eId": node.eid})
    if node.repealed:
        element.set(cz_name("repealed"), "true")
    if node.mark:
        element.set(cz_name("mark"), node.mark)
    if node.kind is Kind.PART:
        _paragraphs(sub(element, "content"), node.text)
        return
    if node.kind is Kind.TABLE:
        _table(sub(element, "content"), node)
        return
    if node.kind is Kind.ROW:
        if node.label:
            sub(element, "num", text=node.label)
        _row_cells(sub(element, "content"), node, lists)
        return
    if node.label:
        sub(element, "num", text=node.label)
    if node.kind not in (Kind.POINT, Kind.SUBPOINT) and node.text:
        sub(element, "heading", text=node.text)
    if not node.children:
        sub(sub(element, "content"), "p")
    for child in node.children:
        _unit(element, child, lists)


def _body(parent: etree._Element, tag: str, nodes: list[Node], lists: frozenset[str] = frozenset()) -> None:
    body = sub(parent, tag)
    if not nodes:
        sub(sub(sub(body, "hcontainer", {"name": "empty", "eId": "hcontainer_empty"}), "content"), "p")
    for node in nodes:
        _unit(body, node, lists)


def _notes(meta: etree._Element, document: Document) -> None:
    placed: list[tuple[str, Note]] = [("preface", n) for n in document.title_notes]
    placed += [("preamble", n) for n in document.preamble_notes]
    for node in _all_nodes(document):
        placed += [(node.eid, n) for n in node.notes]
    for annex in document.annexes:
        placed += [(annex.eid, n) for n in annex.notes]
    if not placed:
        return
    container = sub(meta, "notes", {"source": SOURCE})
    for index, (base, note) in enumerate(placed, 1):
        attrs = {
            "eId": f"note_{index}",
            "placement": "bottom",
            "placementBase": f"#{base}",
            cz_name("pos"): str(note.pos),
        }
        _paragraphs(sub(container, "note", attrs), note.text)


def _all_nodes(document: Document) -> list[Node]:
    return list(document.units())


def _proprietary(meta: etree._Element, document: Document) -> None:
    identity = document.identity
    proprietary = sub(meta, "proprietary", {"source": SOURCE})
    attrs = {"doctype": identity.doctype, "lang": identity.lang}
    attrs.update(
        (k, v)
        for k, v in (
            ("issuer", identity.issuer),
            ("number", identity.number),
            ("date", identity.date),
            ("registerNumber", identity.register_number),
        )
        if v
    )
    if document.reconstructed:
        attrs["reconstructed"] = "true"
    sub(proprietary, cz_name("identity"), attrs)
    for order in document.applied:
        applied = {"number": order.number, "date": order.date}
        applied.update((key, getattr(order, name)) for key, name in _APPLIED_TEXT if getattr(order, name))
        applied.update((key, "true") for key, name in _APPLIED_FLAGS if getattr(order, name))
        sub(proprietary, cz_name("applied"), applied)
    for node in _all_nodes(document):
        if node.changes:
            history = sub(proprietary, cz_name("history"), {"unit": node.eid})
            for change in node.changes:
                sub(history, cz_name("change"),
                    {"action": change.action, "number": change.order_number, "date": change.order_date})  # fmt: skip


_APPLIED_TEXT = (
    ("title", "title"), ("issuer", "issuer"), ("inForce", "in_force"), ("eif", "eif"), ("actWord", "act_word"),
    ("lang", "lang"), ("firstPublication", "first_publication"),
)  # fmt: skip
_APPLIED_FLAGS = (("inForceAssumed", "in_force_assumed"), ("firstPublicationAssumed", "first_publication_assumed"))
"""The attributes of an applied order (`cz:applied`) and the fields of `Applied` they hold."""


def _preface(doc: etree._Element, document: Document) -> None:
    preface = sub(doc, "preface", {"eId": "preface"})
    for line in document.front:
        sub(preface, "p", {"class": "front"}, line)
    _paragraphs(sub(preface, "longTitle"), document.title)


def tree_to_xml(document: Document) -> bytes:
    """The AKN XML of a provision tree (eIds assigned first, so they are always current)."""
    assign_eids(document)
    root = etree.Element(akn_name("akomaNtoso"), nsmap=NSMAP)
    contains = "singleVersion" if document.applied else "originalVersion"
    doc = sub(root, "act", {"name": document.identity.doctype, "contains": contains})
    meta = sub(doc, "meta")
    _identification(meta, document.identity, document.title, None)
    write_organizations(sub(meta, "references", {"source": SOURCE}), document.identity.issuer or "unknown")
    _notes(meta, document)
    _proprietary(meta, document)
    _preface(doc, document)
    if document.preamble:
        preamble = sub(doc, "preamble", {"eId": "preamble"})
        for paragraph in document.preamble:
            _paragraphs(preamble, paragraph, {"class": "paragraph"})
    _body(doc, "body", document.body)
    if document.signature:
        conclusions = sub(doc, "conclusions")
        for line in document.signature:
            sub(conclusions, "p", text=line)
    if document.annexes:
        attachments = sub(doc, "attachments")
        for annex in document.annexes:
            attachment = sub(attachments, "attachment", {"eId": annex.eid})
            if annex.nested:
                attachment.set(cz_name("nested"), "true")
            annex_doc = sub(attachment, "doc", {"name": "annex"})
            annex_meta = sub(annex_doc, "meta")
            _identification(annex_meta, document.identity, "", annex.eid)
            if annex.columns:
                columns = sub(annex_meta, "proprietary", {"source": SOURCE})
                for column in annex.columns:
                    attrs = {"key": column.key, "header": column.header}
                    attrs.update((flag, "true") for flag in ("number", "items") if getattr(column, flag))
                    sub(columns, cz_name("column"), attrs)
            preface = sub(annex_doc, "preface")
            stamp = sub(preface, "container", {"name": "stamp"})
            for line in annex.stamp or [""]:
                sub(stamp, "p", text=line)
            if annex.title:
                _paragraphs(sub(preface, "longTitle"), annex.title)
            if annex.num:
                sub(preface, "p", {"class": "number"}, annex.num)
            _body(annex_doc, "mainBody", annex.body, frozenset(c.key for c in annex.columns if c.items))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading ---------------------------------------------------------------------------


MAX_SPAN = 1_000
"""Rows or columns one cell may span, and the position of a note among a unit's children:
more is a damaged or hostile file, not a table of an act."""


def _count(element: etree._Element, name: str, default: int, where: str) -> int:
    """A small whole number of an attribute (a span, a note's position), checked."""
    value = element.get(name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) > MAX_SPAN:
        attribute = etree.QName(name).localname
        message = f"line {element.sourceline}: {attribute}={value[:20]!r} is not a whole number up to {MAX_SPAN}"
        raise InputError(message, where=where)
    return int(value)


def _lines(element: etree._Element) -> str:
    return "\n".join("".join(p.itertext()) for p in element if local_name(p) == "p")


def _num_from_eid(eid: str, kind: Kind) -> str:
    if kind in NUMBERED_BY_POSITION:
        return ""
    last = eid.rsplit("__", 1)[-1]
    number = last.split("_", 1)[1] if "_" in last else ""
    return number.split("_dup", 1)[0]


def _read_unit(element: etree._Element, where: str) -> Node | None:
    kind = _kind_of(element)
    if kind is None:
        if local_name(element) == "hcontainer" and element.get("name") == "empty":
            return None
        raise InputError(f"line {element.sourceline}: unknown unit <{local_name(element)}>", where=where)
    eid = element.get("eId", "")
    node = Node(
        kind,
        num=_num_from_eid(eid, kind),
        eid=eid,
        repealed=element.get(cz_name("repealed")) == "true",
        mark=element.get(cz_name("mark"), ""),
    )
    for child in element:
        name = local_name(child)
        if name == "num":
            node.label = child.text or ""
        elif name == "heading":
            node.text = child.text or ""
        elif name == "content":
            if kind is Kind.ROW:
                node.cells = _read_cells(child, where)
            elif kind is Kind.PART:
                node.text = _lines(child)
            elif kind is Kind.TABLE:
                table = next((t for t in child if local_name(t) == "table"), None)
                if table is None:
                    raise InputError(f"line {child.sourceline}: a table unit without <table>", where=where)
                node.rows = [
                    [Cell(_lines(td), _count(td, "rowspan", 1, where), _count(td, "colspan", 1, where)) for td in tr]
                    for tr in table
                ]
        else:
            unit = _read_unit(child, where)
            if unit is not None:
                node.children.append(unit)
    return node


def _read_cells(content: etree._Element, where: str) -> list[RowCell]:
    """A row unit's cells as `_row_cells` writes them; every `<p>` of a cell is kept (a list
    cell's items are told from text lines by the annex's columns, in `_settle_lists`)."""
    cells = []
    for tr in content.iter(akn_name("tr")):
        for td in tr:
            column = td.get(cz_name("column"))
            if not column:
                raise InputError(f"line {td.sourceline}: a row's cell without cz:column", where=where)
            lines = ["".join(p.itertext()) for p in td if local_name(p) == "p"]
            cells.append(RowCell(column, "\n".join(lines), lines, td.get(cz_name("continues")) == "true"))
    return cells


def _settle_lists(annex: Annex) -> None:
    """A list column's cells keep their items, any other cell its text."""
    lists = {c.key for c in annex.columns if c.items}
    for node in walk(annex.body):
        for cell in node.cells:
            if cell.column in lists:
                cell.text = ""
            else:
                cell.items = []


def _read_body(element: etree._Element | None, where: str) -> list[Node]:
    if element is None:
        return []
    return [u for u in (_read_unit(child, where) for child in element) if u is not None]


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    return element.find(akn_name(tag))


def tree_from_xml(data: bytes, where: str) -> Document:
    """Read a provision tree written by `tree_to_xml` (a base imported by `consolidate import`)."""
    root = parse_xml(data, where)
    act = _child(root, "act")
    if act is None or root.tag != akn_name("akomaNtoso"):
        raise InputError("not an Akoma Ntoso act", where=where)
    meta = _child(act, "meta")
    identity_el = act.find(f"{akn_name('meta')}/{akn_name('proprietary')}/{cz_name('identity')}")
    if meta is None or identity_el is None:
        raise InputError("no <meta> with the act's identity (not written by consolidate import)", where=where)
    identity = Identity(
        doctype=identity_el.get("doctype", "act"),
        issuer=identity_el.get("issuer", ""),
        number=identity_el.get("number", ""),
        date=identity_el.get("date", ""),
        lang=identity_el.get("lang", "kk"),
        register_number=identity_el.get("registerNumber", ""),
    )
    document = Document(identity=identity, reconstructed=identity_el.get("reconstructed") == "true")
    for applied in act.iterfind(f"{akn_name('meta')}/{akn_name('proprietary')}/{cz_name('applied')}"):
        values: dict[str, str | bool] = {name: applied.get(key, "") for key, name in _APPLIED_TEXT}
        values.update((name, applied.get(key) == "true") for key, name in _APPLIED_FLAGS)
        document.applied.append(Applied(number=applied.get("number", ""), date=applied.get("date", ""), **values))  # type: ignore[arg-type]
    preface = _child(act, "preface")
    if preface is not None:
        document.front = ["".join(p.itertext()) for p in preface if local_name(p) == "p" and p.get("class") == "front"]
        title = _child(preface, "longTitle")
        document.title = _lines(title) if title is not None else ""
    preamble = _child(act, "preamble")
    if preamble is not None:
        document.preamble = ["".join(p.itertext()) for p in preamble if local_name(p) == "p"]
    document.body = _read_body(_child(act, "body"), where)
    conclusions = _child(act, "conclusions")
    if conclusions is not None:
        document.signature = ["".join(p.itertext()) for p in conclusions if local_name(p) == "p"]
    attachments = _child(act, "attachments")
    for attachment in attachments if attachments is not None else []:
        annex_doc = attachment[0]
        annex = Annex(num="", eid=attachment.get("eId", ""), nested=attachment.get(cz_name("nested")) == "true")
        annex_preface = _child(annex_doc, "preface")
        if annex_preface is not None:
            stamp = annex_preface.find(akn_name("container"))
            annex.stamp = ["".join(p.itertext()) for p in stamp] if stamp is not None else []
            title = _child(annex_preface, "longTitle")
            annex.title = _lines(title) if title is not None else ""
            number = annex_preface.find(f"{akn_name('p')}[@class='number']")
            annex.num = number.text or "" if number is not None else ""
        annex_meta = _child(annex_doc, "meta")
        for column in annex_meta.iter(cz_name("column")) if annex_meta is not None else []:
            annex.columns.append(
                Column(column.get("key", ""), column.get("header", ""), column.get("number") == "true",
                       column.get("items") == "true")
            )  # fmt: skip
        annex.body = _read_body(_child(annex_doc, "mainBody"), where)
        _settle_lists(annex)
        document.annexes.append(annex)
    _attach_notes(document, meta, where)
    _attach_history(document, meta, where)
    return document


def _attach_history(document: Document, meta: etree._Element, where: str) -> None:
    units = {node.eid: node for node in document.units()}
    for history in meta.iterfind(f"{akn_name('proprietary')}/{cz_name('history')}"):
        node = units.get(history.get("unit", ""))
        if node is None:
            raise InputError(f"line {history.sourceline}: history of {history.get('unit')!r}, not a unit", where=where)
        node.changes = [Change(c.get("action", ""), c.get("number", ""), c.get("date", "")) for c in history]


def _attach_notes(document: Document, meta: etree._Element, where: str) -> None:
    notes = _child(meta, "notes")
    if notes is None:
        return
    owners: dict[str, list[Note]] = {"preface": document.title_notes, "preamble": document.preamble_notes}
    owners.update((node.eid, node.notes) for node in document.units())
    owners.update((annex.eid, annex.notes) for annex in document.annexes)
    for note in notes:
        base = (note.get("placementBase") or "").lstrip("#")
        if base not in owners:
            raise InputError(f"line {note.sourceline}: a note placed on {base!r}, which is not a unit", where=where)
        owners[base].append(Note(_lines(note), _count(note, cz_name("pos"), 0, where)))


__all__ = ["AKN_NS", "tree_from_xml", "tree_to_xml"]
