"""An amending order (`Amendment`) as Akoma Ntoso 3.0 XML, and back.

`consolidate parse --format xml` must give other AKN systems the order in the form AKN
has for amending acts: the operative points hold one `<mod>` per operation (the
instruction sentence, with the quoted wording as a `<quotedStructure>`), and
`<analysis><activeModifications>` describes each one as a `<textualMod>` (insertion,
substitution, repeal) pointing from the `<mod>` to its destination (a unit of the
amended act, or the work of an act that loses force). The file is also a complete,
lossless form of the parser's reading (the same fields as its JSON), so what AKN cannot
say goes in our namespace `cz:` as in a version (see `act_xml`): the exact operation,
target, scope and lost act on the `<textualMod>`, the source line on `<source>`, the
replaced or inserted words inside `<old>`/`<new>`, the order's identity extras, entry
into force (with the parts of the order that come into force by another rule) and the
reported cleanups in `<proprietary>`. The point and subpoint of the order that hold each
instruction are said in AKN's own terms: the `<mod>` sits in that `<point>` of the body
and in its `<hcontainer name="subpoint">` (AKN 3.0 has no `<subpoint>` element).

Quoted units are written with the annex-table writer of a version, so a quoted row, its
merges and its heading rows look exactly as they will in the consolidated act.

Writing is deterministic (no clock, fixed order, UTF-8, pretty printed) and all text is
NFC; the full mapping is in docs/akn.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from consolidate.akn.act_xml import (
    NSMAP,
    SOURCE,
    akn_name,
    attr,
    children,
    cz_name,
    element_children,
    fail,
    local_name,
    nfc,
    only_child,
    opt_attr,
    optional_child,
    read_act_element,
    read_identification,
    read_issuer,
    read_notes,
    read_table,
    sub,
    text_of,
    write_identification,
    write_notes,
    write_organizations,
    write_preface,
    write_table,
)
from consolidate.akn.uri import check_date, lang3, work_uri
from consolidate.errors import ConsolidateError
from consolidate.limits import MAX_DAYS
from consolidate.model.act import Act, Annex
from consolidate.model.amendment import (
    LIST_KEYS,
    ActRef,
    Amendment,
    Cleanup,
    EntryException,
    EntryIntoForce,
    Operation,
    OrderMeta,
    Source,
    Target,
)
from consolidate.model.numbering import is_num
from consolidate.model.units import Change, Unit

ORDER_NAME = "amendingOrder"
"""`act/@name` of an amending order; a version's act is named by its doctype ("order")."""

MOD_TYPES: dict[str, str] = {
    "insert": "insertion",
    "restate": "substitution",
    "repeal": "repeal",
    "replace_words": "substitution",
    "insert_words": "insertion",
    "lose_force": "repeal",
}
"""AKN `textualMod/@type` of each operation; the exact operation is kept in `cz:op`."""

SINGLE_ATTRS: tuple[tuple[str, str], ...] = (("annex", "annexNum"), ("section", "section"), ("chapter", "chapter"))
"""(`Target` field, `cz:` attribute on the `<textualMod>`) of the single containers; the
target's annex is `cz:annexNum`, since `cz:annex` is the operation's annex as named by title."""

LIST_ATTRS: tuple[tuple[str, str], ...] = tuple((key, key) for key in LIST_KEYS)
"""(`Target` field, `cz:` attribute) of the lists of units: space-separated numbers."""

LEVELS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("section", "sec", frozenset()),
    ("chapter", "chp", frozenset()),
    ("paragraphs", "subchp", frozenset({"chp"})),
    ("articles", "art", frozenset()),
    ("points", "point", frozenset({"art"})),
    ("subpoints", "subpoint", frozenset({"art", "point"})),
    ("indents", "indent", frozenset({"art", "point", "subpoint"})),
    ("rows", "row", frozenset()),
)
"""The units of a target from the widest to the narrowest: (`Target` field, the eId
prefix of the unit in AKN's abbreviations, the prefixes it is addressed within).

A unit numbered throughout its document (section, chapter, article, point outside an
article, annex row) starts a fresh eId; a paragraph (параграф) is addressed within its
chapter, a subpoint within its point, an indent within its subpoint or point. The annex,
when the order names it by number, prefixes everything (`att_<n>`), as in a version."""

AMENDED = "amended"
"""eId of the `<activeRef>` to the amended act."""

UNNUMBERED = "unnumbered"
"""`name` of the `<hcontainer eId="hcontainer_1">` of the body that holds the instructions
read outside any numbered point of the order (`Source.point` None)."""

SUBPOINT = "subpoint"
"""`name` of the `<hcontainer>` of a subpoint of the order ("2)"); by AKN's naming
convention a hcontainer's eId step is its name, so subpoint 2 of point 1 is
`point_1__subpoint_2`, the way `destinations` addresses a subpoint."""

EXCEPTION_LISTS: tuple[str, ...] = ("points", "subpoints")
"""The `EntryException` fields written as space-separated numbers on `<cz:entryException>`."""


# --- addresses -------------------------------------------------------------------------


def _mod_eid(index: int) -> str:
    return f"mod_{index}"


def _quoted_eid(mod_eid: str) -> str:
    return f"{mod_eid}__qstr_1"


def _words_eid(mod_eid: str, k: int) -> str:
    return f"{mod_eid}__qtext_{k}"


@dataclass
class _QuotedTable(Annex):
    """The quoted units of one operation, shaped as an annex so that `write_table` and
    `read_table` serve them; their eIds live under the `<quotedStructure>` (`prefix`),
    which keeps them unique in the order and distinct from the base act's eIds."""

    prefix: str = ""

    @property
    def eid(self) -> str:
        return self.prefix


def destinations(amends: ActRef, target: Target, act: ActRef | None = None) -> list[str]:
    """The `<destination>` hrefs of an operation: one per unit it names.

    For an act that loses force (`act`), the work URI of that act. Otherwise the narrowest
    kind of unit named gives one href per number, addressed within the wider units named
    as `LEVELS` says (`#row_33`, `#chp_17__subchp_3`, `#chp_8`, `#point_3__subpoint_2`,
    `#art_8__point_3`); a wider unit named with several numbers is left out, since the
    order does not say which of them holds the unit. An order mostly names an annex by
    its title, so the base's real eId (`att_2__row_33`) is known only when it names the
    annex by number; otherwise the href names the unit the way the base's eIds end. With
    no unit named (words replaced throughout the text) it is the annex (`#att_2`) or the
    amended act's work URI. The exact target is in the `cz:` attributes of the
    `<textualMod>`.
    """
    if act is not None:
        return [work_uri(act.date, act.number).work_uri()]
    annex = [f"att_{target.annex}"] if target.annex is not None else []
    path: list[tuple[str, str]] = []  # (prefix, number) of the wider units it is addressed within
    last: tuple[str, tuple[str, ...]] | None = None  # the narrowest unit named so far
    for field, prefix, within in LEVELS:
        value = getattr(target, field)
        nums = value if isinstance(value, tuple) else (value,) if value is not None else ()
        if not nums:
            continue
        if last is not None and len(last[1]) == 1:
            path.append((last[0], last[1][0]))
        path = [step for step in path if step[0] in within]
        last = (prefix, nums)
    if last is None:
        return [f"#{annex[0]}"] if annex else [work_uri(amends.date, amends.number).work_uri()]
    steps = [*annex, *(f"{prefix}_{num}" for prefix, num in path)]
    return ["#" + "__".join([*steps, f"{last[0]}_{num}"]) for num in last[1]]


def _marks(op: Operation) -> tuple[str, int, int] | None:
    """(NFC sentence, start of the old words, start of the new words) when both sets of
    words occur in the sentence in that order, so the `<mod>` can mark them as
    `<quotedText>` for `<old>`/`<new>` to point at; None otherwise."""
    if not op.old_words or not op.new_words:
        return None
    sentence, old, new = nfc(op.source.text), nfc(op.old_words), nfc(op.new_words)
    start = sentence.find(old)
    if start < 0:
        return None
    after = sentence.find(new, start + len(old))
    return None if after < 0 else (sentence, start, after)


# --- writing ---------------------------------------------------------------------------


def _document(order: OrderMeta) -> Act:
    """The order as an `Act` without annexes, for the shared writers (identification,
    preface, tables) that take one: same number, date, language, title and issuer."""
    return Act(
        number=order.number,
        date=order.date,
        lang=order.lang,
        title=order.title,
        issuer=order.issuer,
        doctype="order",
    )


def _textual_attrs(op: Operation) -> dict[str, str]:
    """The attributes of an operation's `<textualMod>`: AKN's type, then the exact
    operation in `cz:`; what is None or empty is left out."""
    attrs = {"type": MOD_TYPES[op.op], cz_name("seq"): str(op.seq), cz_name("op"): op.op, cz_name("unit"): op.unit}
    if op.annex is not None:
        attrs[cz_name("annex")] = op.annex
    for field, name in SINGLE_ATTRS:
        if getattr(op.target, field) is not None:
            attrs[cz_name(name)] = getattr(op.target, field)
    for field, name in LIST_ATTRS:
        if getattr(op.target, field):
            attrs[cz_name(name)] = " ".join(getattr(op.target, field))
    if op.scope is not None:
        attrs[cz_name("scope")] = op.scope
    if op.act is not None:
        attrs[cz_name("actNumber")] = op.act.number
        attrs[cz_name("actDate")] = op.act.date
        if op.act.title:
            attrs[cz_name("actTitle")] = op.act.title
    return attrs


def _analysis(meta: etree._Element, amendment: Amendment) -> None:
    analysis = sub(meta, "analysis", {"source": SOURCE})
    if not amendment.operations:
        return
    active = sub(analysis, "activeModifications")
    for index, op in enumerate(amendment.operations, 1):
        mod = sub(active, "textualMod", _textual_attrs(op))
        source = {"href": f"#{_mod_eid(index)}", cz_name("file"): op.source.file, cz_name("line"): str(op.source.line)}
        sub(mod, "source", source)
        for href in destinations(amendment.order.amends, op.target, op.act):
            sub(mod, "destination", {"href": href})
        marked = _marks(op) is not None
        for k, (tag, words) in enumerate((("old", op.old_words), ("new", op.new_words)), 1):
            if words is not None:
                element = sub(mod, tag, {"href": f"#{_words_eid(_mod_eid(index), k)}"} if marked else {})
                sub(element, cz_name("words"), text=words)


def _references(meta: etree._Element, order: OrderMeta) -> None:
    references = sub(meta, "references", {"source": SOURCE})
    amends = order.amends
    href = work_uri(amends.date, amends.number).work_uri()
    show = amends.title or f"№ {amends.number}, {amends.date}"
    sub(references, "activeRef", {"eId": AMENDED, "href": href, "showAs": show})
    write_organizations(references, order.issuer)


def _quoted_tables(amendment: Amendment) -> list[tuple[int, _QuotedTable]]:
    """(position of the operation, its quoted units as a table), for operations with content."""
    return [
        (
            index,
            _QuotedTable(
                num=f"(operation {op.seq})",
                title="",
                header={},
                units=list(op.content),
                prefix=_quoted_eid(_mod_eid(index)),
            ),
        )
        for index, op in enumerate(amendment.operations, 1)
        if op.content
    ]


def _unit_notes(tables: list[tuple[int, _QuotedTable]]) -> list[tuple[str, str | None, str]]:
    notes: list[tuple[str, str | None, str]] = []
    for _, table in tables:
        for unit in table.units:
            eid = table.unit_eid(unit)
            notes += [(f"{eid}__note_{k}", eid, text) for k, text in enumerate(unit.notes, 1)]
    return notes


def _numbers(values: tuple[str, ...], what: str) -> str:
    """Unit numbers as one space-separated attribute value; a value that is not a unit
    number (so could hold a space) cannot be written exactly."""
    for value in values:
        if not isinstance(value, str) or not is_num(value):
            raise ConsolidateError(f"{what}: cannot write {value!r} as XML, not a unit number")
    return " ".join(values)


def _rule_attrs(rule: EntryIntoForce) -> dict[str, str]:
    """`kind`, `days`, `after` and (when set) `date` of an entry-into-force rule."""
    attrs = {"kind": rule.kind, "days": str(rule.days), "after": rule.after}
    if rule.date is not None:
        attrs["date"] = rule.date
    return attrs


def _proprietary(meta: etree._Element, amendment: Amendment, tables: list[tuple[int, _QuotedTable]]) -> None:
    order = amendment.order
    proprietary = sub(meta, "proprietary", {"source": SOURCE})
    attrs = {"actWord": order.act_word}
    if order.first_publication is not None:
        attrs["firstPublication"] = order.first_publication
    element = sub(proprietary, cz_name("order"), attrs)
    amends = order.amends
    sub(
        element,
        cz_name("amends"),
        {"ref": f"#{AMENDED}", "number": amends.number, "date": amends.date, "title": amends.title},
    )
    eif = order.entry_into_force
    sub(element, cz_name("entryIntoForce"), _rule_attrs(eif), eif.text)
    for exception in eif.exceptions:
        if exception.rule.exceptions:
            raise ConsolidateError(
                f"order {order.number}: cannot write an exception to entry into force with exceptions of its own"
            )
        attrs = {
            name: _numbers(getattr(exception, name), f"order {order.number}: an exception to entry into force")
            for name in EXCEPTION_LISTS
            if getattr(exception, name)
        }
        sub(element, cz_name("entryException"), {**attrs, **_rule_attrs(exception.rule)}, exception.rule.text)
    changes = [(table.unit_eid(unit), change) for _, table in tables for unit in table.units for change in unit.changes]
    if changes:
        container = sub(proprietary, cz_name("changes"))
        for eid, change in changes:
            sub(
                container,
                cz_name("change"),
                {"ref": f"#{eid}", "action": change.action, "order": change.order_number, "date": change.order_date},
            )
    if amendment.cleanups:
        container = sub(proprietary, cz_name("cleanups"))
        for cleanup in amendment.cleanups:
            item = sub(container, cz_name("cleanup"), {"kind": cleanup.kind, "line": str(cleanup.line)})
            sub(item, cz_name("raw"), text=cleanup.raw)
            sub(item, cz_name("clean"), text=cleanup.clean)


def _set(element: etree._Element, text: str, *, tail: bool = False) -> None:
    """Set text or tail (already NFC) with the same error as `sub` for characters XML cannot carry.

    An empty string is set too: lxml then keeps an empty text node, which stops the pretty
    printer from indenting inside the `<mod>` and so adding whitespace to the sentence.
    """
    try:
        if tail:
            element.tail = text
        else:
            element.text = text
    except (TypeError, ValueError) as exc:  # not a string, or characters XML cannot carry
        raise ConsolidateError(f"cannot write <{local_name(element)}> as XML: {exc}") from exc


def _instruction(mod: etree._Element, op: Operation, mod_eid: str) -> None:
    """The instruction sentence as the `<mod>`'s text, the replaced words marked."""
    marks = _marks(op)
    if marks is None:
        _set(mod, nfc(op.source.text))
        return
    sentence, start, after = marks
    old, new = nfc(op.old_words or ""), nfc(op.new_words or "")
    _set(mod, sentence[:start])
    first = sub(mod, "quotedText", {"eId": _words_eid(mod_eid, 1)}, old)
    _set(first, sentence[start + len(old) : after], tail=True)
    second = sub(mod, "quotedText", {"eId": _words_eid(mod_eid, 2)}, new)
    _set(second, sentence[after + len(new) :], tail=True)


def _places(amendment: Amendment) -> dict[str | None, dict[str | None, list[int]]]:
    """The positions (from 1) of the operations by the point and subpoint of the order that
    hold them, points and subpoints in the order they first occur."""
    places: dict[str | None, dict[str | None, list[int]]] = {}
    for index, op in enumerate(amendment.operations, 1):
        for value, label in ((op.source.point, "point"), (op.source.subpoint, "subpoint")):
            if value is not None:
                _numbers((value,), f"operation {op.seq}: the {label} of the order")
        places.setdefault(op.source.point, {}).setdefault(op.source.subpoint, []).append(index)
    return places


def _mods(
    block: etree._Element, amendment: Amendment, indexes: list[int], document: Act, tables: dict[int, _QuotedTable]
) -> None:
    """One `<p><mod>` per operation in `block` (a `<content>` or an `<intro>`)."""
    for index in indexes:
        op = amendment.operations[index - 1]
        mod = sub(sub(block, "p"), "mod", {"eId": _mod_eid(index)})
        _instruction(mod, op, _mod_eid(index))
        if index in tables:
            quoted = sub(mod, "quotedStructure", {"eId": tables[index].prefix})
            write_table(quoted, document, tables[index])


def _body(doc: etree._Element, amendment: Amendment, document: Act, tables: dict[int, _QuotedTable]) -> None:
    """The points of the order that hold instructions, each with one `<p><mod>` per
    operation: in its `<content>`, or in the `<content>` of its subpoints
    (`<hcontainer name="subpoint">`, the instructions of the point outside any subpoint
    then in its `<intro>`). Instructions read outside a numbered point go in
    `<hcontainer name="unnumbered">`. Points and subpoints come in the order they first
    hold an operation. AKN's body may not be empty, so an order without operations has
    point 1 with one empty `<p/>`."""
    body = sub(doc, "body")
    if not amendment.operations:
        point = sub(body, "point", {"eId": "point_1"})
        sub(point, "num", text="1.")
        sub(sub(point, "content"), "p")
        return
    for point, subpoints in _places(amendment).items():
        if point is None:
            eid = "hcontainer_1"
            container = sub(body, "hcontainer", {"eId": eid, "name": UNNUMBERED})
        else:
            eid = f"point_{point}"
            container = sub(body, "point", {"eId": eid})
            sub(container, "num", text=f"{point}.")
        if list(subpoints) == [None]:
            _mods(sub(container, "content"), amendment, subpoints[None], document, tables)
            continue
        if None in subpoints:
            _mods(sub(container, "intro"), amendment, subpoints[None], document, tables)
        for subpoint, indexes in subpoints.items():
            if subpoint is not None:
                element = sub(container, "hcontainer", {"eId": f"{eid}__{SUBPOINT}_{subpoint}", "name": SUBPOINT})
                sub(element, "num", text=f"{subpoint})")
                _mods(sub(element, "content"), amendment, indexes, document, tables)


def amendment_to_xml(amendment: Amendment) -> bytes:
    """The Akoma Ntoso XML of a parsed order: UTF-8, with an XML declaration, pretty printed.

    Raises `ConsolidateError` for an order the XML cannot hold exactly: a language other
    than kk/ru, a date of the order or of the amended act that is not ISO, a quoted row
    that continues a merge with another value, a character XML cannot carry, a point or
    subpoint of the order (of an operation or an exception to entry into force) that is
    not a unit number, an exception to entry into force with exceptions of its own.
    """
    order = amendment.order
    lang3(order.lang)  # raises with the list of supported languages
    if not order.date:
        raise ConsolidateError(
            "the text does not print its own date of signing (a law as the reference bank copies it): "
            "its Akoma Ntoso identity cannot be made; use the JSON reading"
        )
    if any(op.amends is not None for op in amendment.operations):
        raise ConsolidateError("a reading naming the act of each operation (a law) has no Akoma Ntoso form yet")
    if any(op.position is not None or op.target.text_only for op in amendment.operations):
        # Written without them, words inserted before their anchor would read back as after it.
        raise ConsolidateError(
            "words inserted before their anchor, or changed in a unit's text below its heading, have no "
            "Akoma Ntoso form yet; use the JSON reading"
        )
    check_date(order.date, f"order {order.number}")
    document = _document(order)
    tables = _quoted_tables(amendment)
    root = etree.Element(akn_name("akomaNtoso"), nsmap=NSMAP)
    doc = sub(root, "act", {"name": ORDER_NAME})
    meta = sub(doc, "meta")
    write_identification(meta, document)
    _analysis(meta, amendment)
    _references(meta, order)
    write_notes(meta, _unit_notes(tables))
    _proprietary(meta, amendment, tables)
    write_preface(doc, document)
    _body(doc, amendment, document, dict(tables))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading ---------------------------------------------------------------------------


def _only(element: etree._Element, tags: tuple[str, ...], where: str) -> None:
    """Refuse any element child of `element` other than `tags` (Clark names)."""
    for child in element_children(element):
        if child.tag not in tags:
            fail(where, child, f"unexpected <{local_name(child)}> in <{local_name(element)}>")


def _cz_optional(element: etree._Element, name: str, where: str) -> etree._Element | None:
    found = list(element.iterchildren(cz_name(name)))
    if len(found) > 1:
        fail(where, found[1], f"more than one <cz:{name}>")
    return found[0] if found else None


def _cz_child(element: etree._Element, name: str, where: str) -> etree._Element:
    found = _cz_optional(element, name, where)
    if found is None:
        fail(where, element, f"expected one <cz:{name}> in <{local_name(element)}>, found none")
    return found


def _cz_attr(element: etree._Element, name: str, where: str) -> str:
    """A required `cz:` attribute; the message names it as written (cz:seq), not in Clark notation."""
    value = opt_attr(element, cz_name(name))
    if value is None:
        fail(where, element, f"<{local_name(element)}> has no cz:{name} attribute")
    return value


def _number(element: etree._Element, label: str, value: str, where: str) -> int:
    """An integer attribute, ASCII digits only (what the writer writes)."""
    if not re.fullmatch(r"-?[0-9]{1,18}", value):
        fail(where, element, f"{label} of <{local_name(element)}> is not a number: {value[:40]!r}")
    return int(value)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _read_rule(element: etree._Element, where: str, exceptions: tuple[EntryException, ...] = ()) -> EntryIntoForce:
    """An entry-into-force rule: its attributes and, as text, its sentence."""
    _only(element, (), where)
    days = _number(element, "days", attr(element, "days", where), where)
    if not 0 <= days <= MAX_DAYS:
        fail(where, element, f"a period of {days} days is outside 0 to {MAX_DAYS:,} (limit MAX_DAYS, docs/limits.md)")
    return EntryIntoForce(
        kind=attr(element, "kind", where),
        days=days,
        after=attr(element, "after", where),
        date=opt_attr(element, "date"),
        text=text_of(element),
        exceptions=exceptions,
    )


def _read_exception(element: etree._Element, where: str) -> EntryException:
    """A `<cz:entryException>`: the points and subpoints of the order, and their rule."""
    lists: dict[str, tuple[str, ...]] = {}
    for name in EXCEPTION_LISTS:
        lists[name] = tuple((opt_attr(element, name) or "").split())
        bad = [value for value in lists[name] if not is_num(value)]
        if bad:
            fail(where, element, f"bad unit number {bad[0]!r} in {name} of an exception to entry into force")
    return EntryException(lists["points"], lists["subpoints"], _read_rule(element, where))


def _read_order(meta: etree._Element, where: str) -> tuple[OrderMeta, etree._Element]:
    """The order's metadata, and its `<proprietary>` for the rest of the reading."""
    number, date, lang, title = read_identification(meta, where)
    proprietary = only_child(meta, "proprietary", where)
    _only(proprietary, tuple(cz_name(n) for n in ("order", "changes", "cleanups")), where)
    element = _cz_child(proprietary, "order", where)
    _only(element, tuple(cz_name(n) for n in ("amends", "entryIntoForce", "entryException")), where)
    amends = _cz_child(element, "amends", where)
    eif = _cz_child(element, "entryIntoForce", where)
    exceptions = tuple(_read_exception(e, where) for e in element.iterchildren(cz_name("entryException")))
    ref = ActRef(attr(amends, "number", where), attr(amends, "date", where), attr(amends, "title", where))
    try:
        check_date(ref.date, "cz:amends/@date")
        expected = work_uri(ref.date, ref.number).work_uri()
    except ConsolidateError as exc:
        fail(where, amends, exc.message)
    active = [
        ref_element
        for references in children(meta, "references")
        for ref_element in children(references, "activeRef")
        if ref_element.get("eId") == AMENDED
    ]
    if attr(amends, "ref", where) != f"#{AMENDED}" or len(active) != 1:
        fail(where, amends, f'cz:amends must refer to the one <activeRef eId="{AMENDED}">')
    if attr(active[0], "href", where) != expected:
        fail(where, active[0], f"href does not name the amended act of cz:amends (expected {expected})")
    order = OrderMeta(
        number=number,
        date=date,
        lang=lang,
        title=title,
        issuer=read_issuer(meta, where),
        amends=ref,
        entry_into_force=_read_rule(eif, where, exceptions),
        first_publication=opt_attr(element, "firstPublication"),
        act_word=attr(element, "actWord", where),
    )
    return order, proprietary


@dataclass
class _Place:
    """A `<mod>` of the body, and the point and subpoint of the order that hold it."""

    mod: etree._Element
    point: str | None
    subpoint: str | None


def _read_num(element: etree._Element, prefix: str, suffix: str, where: str) -> str:
    """The number of a point ("1.") or subpoint ("2)") of the order, which its eId repeats."""
    label = text_of(only_child(element, "num", where))
    num = label[: -len(suffix)] if label.endswith(suffix) else ""
    what = "subpoint" if suffix == ")" else "point"
    if not is_num(num):
        fail(where, element, f"{what} number {label!r} is not a unit number followed by {suffix!r}")
    if attr(element, "eId", where) != f"{prefix}{num}":
        fail(where, element, f"the eId of {what} {label!r} must be {prefix}{num}")
    return num


def _read_block(
    block: etree._Element, point: str | None, subpoint: str | None, mods: dict[str, _Place], where: str
) -> None:
    """The `<mod>`s of a `<content>` or `<intro>`, each the only thing in its `<p>`."""
    _only(block, (akn_name("p"),), where)
    paragraphs = element_children(block)
    if not paragraphs:
        fail(where, block, f"<{local_name(block)}> holds no instruction")
    for p in paragraphs:
        inner = element_children(p)
        if len(inner) != 1 or inner[0].tag != akn_name("mod") or not _blank(p.text) or not _blank(inner[0].tail):
            fail(where, p, "each <p> of a point of the order must hold exactly one <mod>")
        eid = attr(inner[0], "eId", where)
        if eid in mods:
            fail(where, inner[0], "duplicate eId")
        mods[eid] = _Place(inner[0], point, subpoint)


def _placeholder(body: etree._Element) -> bool:
    """The body of an order without operations: point 1 with one empty `<p/>`."""
    points = element_children(body)
    if len(points) != 1 or points[0].tag != akn_name("point") or points[0].get("eId") != "point_1":
        return False
    inner = element_children(points[0])
    if [child.tag for child in inner] != [akn_name("num"), akn_name("content")] or text_of(inner[0]) != "1.":
        return False
    paragraphs = element_children(inner[1])
    return (
        len(paragraphs) == 1
        and paragraphs[0].tag == akn_name("p")
        and not element_children(paragraphs[0])
        and _blank(paragraphs[0].text)
    )


def _read_container(container: etree._Element, point: str | None, mods: dict[str, _Place], where: str) -> None:
    """The `<mod>`s of a point of the order (or of the unnumbered container): its
    `<content>`, or its `<intro>` and subpoints."""
    content = optional_child(container, "content", where)
    intro = optional_child(container, "intro", where)
    subpoints = children(container, "hcontainer")
    if content is not None and (intro is not None or subpoints):
        fail(where, container, "a point of the order holds either <content> or subpoints")
    if content is None and not subpoints:
        fail(where, container, "a point of the order must hold instructions")
    for block in (content, intro):
        if block is not None:
            _read_block(block, point, None, mods, where)
    numbers: set[str] = set()
    for element in subpoints:
        if element.get("name") != SUBPOINT:
            fail(where, element, f'a <hcontainer> in a point of the order must be named "{SUBPOINT}"')
        _only(element, (akn_name("num"), akn_name("content")), where)
        subpoint = _read_num(element, f"{attr(container, 'eId', where)}__{SUBPOINT}_", ")", where)
        if subpoint in numbers:
            fail(where, element, "duplicate eId")
        numbers.add(subpoint)
        _read_block(only_child(element, "content", where), point, subpoint, mods, where)


def _read_mods(doc: etree._Element, where: str) -> dict[str, _Place]:
    """The `<mod>`s of the body by eId, with the point and subpoint that hold each (see `_body`)."""
    body = only_child(doc, "body", where)
    _only(body, (akn_name("point"), akn_name("hcontainer")), where)
    mods: dict[str, _Place] = {}
    if _placeholder(body):
        return mods
    points: set[str | None] = set()
    blocks = tuple(akn_name(tag) for tag in ("intro", "hcontainer", "content"))
    for container in element_children(body):
        if container.tag == akn_name("hcontainer"):
            if container.get("name") != UNNUMBERED or container.get("eId") != "hcontainer_1":
                fail(where, container, f'the only <hcontainer> of the body is eId "hcontainer_1", name "{UNNUMBERED}"')
            _only(container, blocks, where)
            point = None
        else:
            _only(container, (akn_name("num"), *blocks), where)
            point = _read_num(container, "point_", ".", where)
        if point in points:
            fail(where, container, "duplicate eId")
        points.add(point)
        _read_container(container, point, mods, where)
    return mods


def _read_sentence(mod: etree._Element, where: str) -> tuple[str, etree._Element | None]:
    """The instruction sentence (text with the `<quotedText>`s, without the quoted
    structure) and the `<quotedStructure>`, if any."""
    parts = [mod.text or ""]
    quoted = None
    for child in mod:
        if child.tag == akn_name("quotedText"):
            parts.append(text_of(child))
        elif child.tag == akn_name("quotedStructure") and quoted is None:
            quoted = child
        elif isinstance(child.tag, str):
            fail(where, child, f"unexpected <{local_name(child)}> in <mod>")
        parts.append(child.tail or "")
    return nfc("".join(parts)), quoted


def _read_content(quoted: etree._Element | None, where: str) -> _QuotedTable | None:
    if quoted is None:
        return None
    tables = element_children(quoted)
    if len(tables) != 1 or tables[0].tag != akn_name("table"):
        fail(where, quoted, "a <quotedStructure> must hold exactly one <table>")
    table = _QuotedTable(num="", title="", header={}, prefix=attr(quoted, "eId", where))
    read_table(tables[0], table, where)
    if table.header:
        fail(where, tables[0], "a quoted table has no column labels (they are the base annex's)")
    return table


def _read_words(mod: etree._Element, tag: str, where: str) -> str | None:
    element = optional_child(mod, tag, where)
    if element is None:
        return None
    _only(element, (cz_name("words"),), where)
    return text_of(_cz_child(element, "words", where))


@dataclass
class _Reading:
    """One operation as read, before its units get their notes and changes."""

    seq: int
    op: str
    unit: str
    annex: str | None
    target: Target
    scope: str | None
    act: ActRef | None
    source: Source
    table: _QuotedTable | None
    old_words: str | None
    new_words: str | None
    element: etree._Element


def _read_target(textual: etree._Element, where: str) -> Target:
    """The target in the `cz:` attributes of a `<textualMod>` (absent: None or empty)."""
    singles = {field: opt_attr(textual, cz_name(name)) for field, name in SINGLE_ATTRS}
    lists = {field: tuple((opt_attr(textual, cz_name(name)) or "").split()) for field, name in LIST_ATTRS}
    try:
        return Target(**singles, **lists)
    except ConsolidateError as exc:
        fail(where, textual, exc.message)


def _read_act(textual: etree._Element, where: str) -> ActRef | None:
    """The act that loses force: `cz:actNumber` and `cz:actDate` together, `cz:actTitle` optional."""
    number, date = opt_attr(textual, cz_name("actNumber")), opt_attr(textual, cz_name("actDate"))
    title = opt_attr(textual, cz_name("actTitle"))
    if number is None and date is None and title is None:
        return None
    if number is None or date is None:
        fail(where, textual, "an act losing force needs both cz:actNumber and cz:actDate")
    return ActRef(number, date, title or "")


def _read_operation(textual: etree._Element, mods: dict[str, _Place], amends: ActRef, where: str) -> _Reading:
    kind = attr(textual, "type", where)
    op = _cz_attr(textual, "op", where)
    if MOD_TYPES.get(op) != kind:
        fail(where, textual, f"textualMod of type {kind!r} cannot be the operation {op!r}")
    _only(textual, tuple(akn_name(tag) for tag in ("source", "destination", "old", "new")), where)
    source = only_child(textual, "source", where)
    href = attr(source, "href", where)
    place = mods.pop(href[1:], None) if href.startswith("#") else None
    if place is None:
        fail(where, source, f"source {href!r} is not a <mod> of the body (or is the source of another textualMod)")
    target = _read_target(textual, where)
    act = _read_act(textual, where)
    try:
        expected = destinations(amends, target, act)
    except ConsolidateError as exc:
        fail(where, textual, exc.message)
    found = [attr(d, "href", where) for d in children(textual, "destination")]
    if found != expected:
        fail(where, textual, f"destinations {found} do not match the cz: target (expected {expected})")
    sentence, quoted = _read_sentence(place.mod, where)
    line = _number(source, "cz:line", _cz_attr(source, "line", where), where)
    return _Reading(
        seq=_number(textual, "cz:seq", _cz_attr(textual, "seq", where), where),
        op=op,
        unit=_cz_attr(textual, "unit", where),
        annex=opt_attr(textual, cz_name("annex")),
        target=target,
        scope=opt_attr(textual, cz_name("scope")),
        act=act,
        source=Source(_cz_attr(source, "file", where), line, sentence, place.point, place.subpoint),
        table=_read_content(quoted, where),
        old_words=_read_words(textual, "old", where),
        new_words=_read_words(textual, "new", where),
        element=textual,
    )


def _attach(meta: etree._Element, proprietary: etree._Element, readings: list[_Reading], where: str) -> None:
    """Give the quoted units their notes and changes, which live in `<meta>`."""
    units: dict[str, Unit] = {}
    for reading in readings:
        if reading.table is not None:
            units.update((reading.table.unit_eid(unit), unit) for unit in reading.table.units)
    for note, base, text in read_notes(meta, where):
        if base not in units:
            fail(where, note, f"note placed at {base!r}, which is not a quoted unit")
        units[base].notes.append(text)
    container = _cz_optional(proprietary, "changes", where)
    if container is not None:
        _only(container, (cz_name("change"),), where)
        for change in element_children(container):
            ref = attr(change, "ref", where)
            if ref[1:] not in units:
                fail(where, change, f"change refers to {ref}, which is not a quoted unit")
            units[ref[1:]].changes.append(
                Change(attr(change, "action", where), attr(change, "order", where), attr(change, "date", where))
            )


def _read_cleanups(proprietary: etree._Element, where: str) -> tuple[Cleanup, ...]:
    container = _cz_optional(proprietary, "cleanups", where)
    if container is None:
        return ()
    _only(container, (cz_name("cleanup"),), where)
    cleanups = []
    for item in element_children(container):
        _only(item, (cz_name("raw"), cz_name("clean")), where)
        raw, clean = _cz_child(item, "raw", where), _cz_child(item, "clean", where)
        line = _number(item, "line", attr(item, "line", where), where)
        cleanups.append(Cleanup(text_of(raw), text_of(clean), attr(item, "kind", where), line))
    return tuple(cleanups)


def amendment_from_xml(data: bytes, where: str) -> Amendment:
    """Read an order written by `amendment_to_xml` (parsed safely; see `safe_xml`).

    Anything this shape does not foresee is an `InputError` naming `where` and the line:
    another root, a document other than one `<act name="amendingOrder">`, a `<textualMod>`
    whose type, source, destinations or `cz:` target disagree, a `<mod>` no textualMod
    describes, a quoted table with an unknown row or column, a point or subpoint of the
    order whose number and eId disagree, a malformed exception to entry into force, an
    operation the model refuses.
    """
    doc = read_act_element(data, where)
    if doc.get("name") != ORDER_NAME:
        fail(where, doc, f"not an amending order (act name {doc.get('name')!r}, expected {ORDER_NAME!r})")
    _only(doc, tuple(akn_name(tag) for tag in ("meta", "preface", "body")), where)
    meta = only_child(doc, "meta", where)
    allowed = ("identification", "analysis", "references", "notes", "proprietary")
    _only(meta, tuple(akn_name(tag) for tag in allowed), where)
    order, proprietary = _read_order(meta, where)
    mods = _read_mods(doc, where)
    analysis = only_child(meta, "analysis", where)
    _only(analysis, (akn_name("activeModifications"),), where)
    active = optional_child(analysis, "activeModifications", where)
    textuals: list[etree._Element] = []
    if active is not None:
        _only(active, (akn_name("textualMod"),), where)
        textuals = element_children(active)
    readings = [_read_operation(textual, mods, order.amends, where) for textual in textuals]
    if mods:
        first = next(iter(mods.values()))
        fail(where, first.mod, "no <textualMod> describes this <mod>")
    _attach(meta, proprietary, readings, where)
    operations = []
    for reading in readings:
        try:
            operations.append(
                Operation(
                    seq=reading.seq,
                    op=reading.op,
                    unit=reading.unit,
                    annex=reading.annex,
                    target=reading.target,
                    source=reading.source,
                    content=tuple(reading.table.units) if reading.table is not None else (),
                    old_words=reading.old_words,
                    new_words=reading.new_words,
                    scope=reading.scope,
                    act=reading.act,
                )
            )
        except ConsolidateError as exc:
            fail(where, reading.element, exc.message)
    return Amendment(order=order, operations=tuple(operations), cleanups=_read_cleanups(proprietary, where))


__all__ = ["ORDER_NAME", "amendment_from_xml", "amendment_to_xml", "destinations"]
