"""The JSON shapes of a version and of a parsed order (documented in docs/json.md).

A version's JSON holds everything its Akoma Ntoso XML holds, so XML -> JSON -> XML
round-trips exactly. Rows list the effective value of merged cells; the first row of a
merge carries `spans`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from consolidate.errors import InputError
from consolidate.limits import MAX_OPERATIONS, MAX_UNITS, limit_error
from consolidate.model.act import Act, Annex, AppliedOrder, Point
from consolidate.model.amendment import (
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
from consolidate.model.json_check import READING, VERSION, check
from consolidate.model.tree_json import node_from_dict, node_to_dict
from consolidate.model.units import (
    COLUMNS,
    LIST_COLUMNS,
    Change,
    ChapterHeading,
    ParagraphHeading,
    Row,
    Unit,
)

# --- units -------------------------------------------------------------------------


def _change_to_dict(change: Change) -> dict[str, str]:
    return {"action": change.action, "order": change.order_number, "date": change.order_date}


def _change_from_dict(data: dict[str, str]) -> Change:
    return Change(action=data["action"], order_number=data["order"], order_date=data["date"])


def units_to_list(units: list[Unit] | tuple[Unit, ...], eid_of=None) -> list[dict[str, Any]]:
    """Units in document order, with `spans` on the first row of each merge."""
    spans = Annex(num="0", title="", header={}, units=list(units)).spans()
    out: list[dict[str, Any]] = []
    for index, unit in enumerate(units):
        item: dict[str, Any] = {"type": unit.type, "num": unit.num}
        if eid_of is not None:
            item["eid"] = eid_of(unit)
        if isinstance(unit, ChapterHeading):
            item["heading"] = unit.heading
        elif isinstance(unit, ParagraphHeading):
            item["heading"] = unit.heading
            item["chapter"] = unit.chapter
        else:
            item["chapter"] = unit.chapter
            item["paragraph"] = unit.paragraph
            item["cells"] = {c: unit.cell(c) for c in COLUMNS if c in unit.cells}
            if index in spans:
                item["spans"] = dict(sorted(spans[index].items()))
            if unit.repealed:
                item["repealed"] = True
        item["notes"] = list(unit.notes)
        if unit.changes:
            item["changes"] = [_change_to_dict(c) for c in unit.changes]
        out.append(item)
    return out


def units_from_list(items: list[dict[str, Any]], where: str = "JSON") -> list[Unit]:
    """Inverse of `units_to_list`: rebuilds merge flags from `spans`."""
    units: list[Unit] = []
    pending: dict[str, int] = {}  # column -> rows still covered by a merge above
    for position, item in enumerate(items):
        try:
            kind = item["type"]
            notes = list(item.get("notes", []))
            changes = [_change_from_dict(c) for c in item.get("changes", [])]
            if kind == "chapter":
                units.append(ChapterHeading(str(item["num"]), item["heading"], notes, changes))
                pending = {}
            elif kind == "paragraph":
                units.append(ParagraphHeading(str(item["num"]), item.get("chapter"), item["heading"], notes, changes))
                pending = {}
            elif kind == "row":
                cells = {}
                for column, value in item.get("cells", {}).items():
                    if column not in COLUMNS:
                        raise InputError(f"unknown column {column!r}", where=f"{where}, unit {position + 1}")
                    if isinstance(value, list) != (column in LIST_COLUMNS):
                        expected = "a list of strings" if column in LIST_COLUMNS else "a string"
                        raise InputError(f"cells.{column} must be {expected}", where=f"{where}, unit {position + 1}")
                    cells[column] = list(value) if column in LIST_COLUMNS else value
                continues = frozenset(c for c, left in pending.items() if left > 0)
                pending = {c: left - 1 for c, left in pending.items() if left > 1}
                for column, span in item.get("spans", {}).items():
                    if int(span) > 1:
                        pending[column] = int(span) - 1
                units.append(
                    Row(
                        num=str(item["num"]),
                        chapter=item.get("chapter"),
                        paragraph=item.get("paragraph"),
                        cells=cells,
                        continues=continues,
                        notes=notes,
                        changes=changes,
                        repealed=bool(item.get("repealed", False)),
                    )
                )
            else:
                raise InputError(f"unknown unit type {kind!r}", where=f"{where}, unit {position + 1}")
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"malformed unit ({exc})", where=f"{where}, unit {position + 1}") from exc
    return units


# --- versions ----------------------------------------------------------------------


def applied_to_dict(order: AppliedOrder) -> dict[str, Any]:
    return {
        "number": order.number,
        "date": order.date,
        "title": order.title,
        "in_force": order.in_force,
        "first_publication": order.first_publication,
        "first_publication_assumed": order.first_publication_assumed,
        "in_force_assumed": order.in_force_assumed,
        "issuer": order.issuer,
        "eif": order.eif,
        "act_word": order.act_word,
        "lang": order.lang,
    }


def applied_from_dict(data: dict[str, Any]) -> AppliedOrder:
    return AppliedOrder(
        number=str(data["number"]),
        date=data["date"],
        title=data.get("title", ""),
        in_force=data.get("in_force"),
        issuer=data.get("issuer", ""),
        eif=data.get("eif", ""),
        act_word=data.get("act_word", ""),
        lang=data.get("lang", ""),
        first_publication=data.get("first_publication"),
        first_publication_assumed=bool(data.get("first_publication_assumed", False)),
        in_force_assumed=bool(data.get("in_force_assumed", False)),
    )


def act_to_dict(act: Act) -> dict[str, Any]:
    """The JSON of a consolidated version."""
    return {
        "act": {
            "number": act.number,
            "date": act.date,
            "lang": act.lang,
            "doctype": act.doctype,
            "title": act.title,
            "issuer": act.issuer,
            "reconstructed": act.reconstructed,
            "applied": [applied_to_dict(a) for a in act.applied],
            "notes": list(act.notes),
            "preamble": list(act.preamble),
            "preamble_notes": list(act.preamble_notes),
            "points": [{"num": p.num, "text": list(p.text)} for p in act.points],
            "signature": list(act.signature),
        },
        "annexes": [
            {
                "num": annex.num,
                "stamp": list(annex.stamp),
                "title": annex.title,
                "eid": annex.eid,
                "header": dict(annex.header),
                "notes": list(annex.notes),
                "units": units_to_list(annex.units, annex.unit_eid),
            }
            for annex in act.annexes
        ],
    }


def act_from_dict(data: dict[str, Any], where: str = "JSON") -> Act:
    """Inverse of `act_to_dict`, after checking `data` against its shape (json_check)."""
    check(data, VERSION, where)
    if sum(len(annex["units"]) for annex in data["annexes"]) > MAX_UNITS:
        raise limit_error("MAX_UNITS", "the version holds too many units", "units", where)
    try:
        meta = data["act"]
        act = Act(
            number=str(meta["number"]),
            date=meta["date"],
            lang=meta["lang"],
            doctype=meta.get("doctype", "order"),
            title=meta.get("title", ""),
            issuer=meta.get("issuer", ""),
            reconstructed=bool(meta.get("reconstructed", False)),
            applied=[applied_from_dict(a) for a in meta.get("applied", [])],
            notes=list(meta.get("notes", [])),
            points=[Point(str(p["num"]), list(p["text"])) for p in meta.get("points", [])],
            preamble=list(meta.get("preamble", [])),
            preamble_notes=list(meta.get("preamble_notes", [])),
            signature=list(meta.get("signature", [])),
        )
        for annex in data["annexes"]:
            act.annexes.append(
                Annex(
                    num=str(annex["num"]),
                    title=annex["title"],
                    header=dict(annex.get("header", {})),
                    notes=list(annex.get("notes", [])),
                    units=units_from_list(annex["units"], where=f"{where}, annex {annex['num']}"),
                    stamp=list(annex.get("stamp", [])),
                )
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"not the JSON of a version ({exc})", where=where) from exc
    check_unique(act, where)
    return act


def check_unique(act: Act, where: str) -> None:
    """Annex numbers, and the addresses (eIds) of the units of each annex, are unique:
    two rows with one number would be two units with one address."""
    seen_annexes: set[str] = set()
    for index, annex in enumerate(act.annexes):
        if annex.num in seen_annexes:
            raise InputError(f"annexes[{index}]: a second annex numbered {annex.num}", where=where)
        seen_annexes.add(annex.num)
        seen: set[str] = set()
        for position, unit in enumerate(annex.units):
            eid = annex.unit_eid(unit)
            if eid in seen:
                raise InputError(
                    f"annexes[{index}].units[{position}]: a second {unit.type} numbered {unit.num} (eId {eid})",
                    where=where,
                )
            seen.add(eid)


# --- parsed orders -----------------------------------------------------------------


def _rule_to_dict(rule: EntryIntoForce) -> dict[str, Any]:
    return {"kind": rule.kind, "days": rule.days, "after": rule.after, "date": rule.date, "text": rule.text}


def _rule_from_dict(data: dict[str, Any]) -> EntryIntoForce:
    return EntryIntoForce(
        kind=data["kind"],
        days=int(data.get("days") or 0),
        after=data.get("after") or "first_publication",
        date=data.get("date"),
        text=data.get("text", ""),
    )


def _act_ref_to_dict(ref: ActRef) -> dict[str, str]:
    return {"kind": ref.kind, "number": ref.number, "date": ref.date, "title": ref.title}


def _act_ref_from_dict(data: dict[str, Any]) -> ActRef:
    return ActRef(str(data["number"]), data["date"], data.get("title", ""), data.get("kind", ""))


def amendment_to_dict(amendment: Amendment) -> dict[str, Any]:
    """The JSON of a parsed order."""
    order = amendment.order
    eif = order.entry_into_force
    return {
        "order": {
            "number": order.number,
            "date": order.date or None,  # a law's text may not print its own date
            "lang": order.lang,
            "title": order.title,
            "issuer": order.issuer,
            "amends": {"number": order.amends.number, "date": order.amends.date, "title": order.amends.title},
            "entry_into_force": {
                **_rule_to_dict(eif),
                "exceptions": [
                    {"points": list(e.points), "subpoints": list(e.subpoints), **_rule_to_dict(e.rule)}
                    for e in eif.exceptions
                ],
            },
            "first_publication": order.first_publication,
            **({"first_publication_assumed": True} if order.first_publication_assumed else {}),
            "act_word": order.act_word,
        },
        "operations": [
            {
                "seq": op.seq,
                "op": op.op,
                "unit": op.unit,
                "annex": op.annex,
                "target": op.target.to_dict(),
                "old_words": op.old_words,
                "new_words": op.new_words,
                "scope": op.scope,
                "act": {"number": op.act.number, "date": op.act.date} if op.act else None,
                **({"amends": _act_ref_to_dict(op.amends)} if op.amends else {}),
                **({"position": op.position} if op.position else {}),
                "content": units_to_list(op.content),
                **({"provisions": [node_to_dict(n) for n in op.provisions]} if op.provisions else {}),
                "source": {
                    "file": op.source.file,
                    "line": op.source.line,
                    "text": op.source.text,
                    "point": op.source.point,
                    "subpoint": op.source.subpoint,
                },
            }
            for op in amendment.operations
        ],
        "cleanups": [{"raw": c.raw, "clean": c.clean, "kind": c.kind, "line": c.line} for c in amendment.cleanups],
    }


def amendment_from_dict(data: dict[str, Any], where: str = "JSON") -> Amendment:
    """Inverse of `amendment_to_dict`, after checking `data` against its shape (json_check)."""
    check(data, READING, where)
    if len(data["operations"]) > MAX_OPERATIONS:
        raise limit_error("MAX_OPERATIONS", "the order holds too many operations", "operations", where)
    try:
        o = data["order"]
        e = o["entry_into_force"]
        order = OrderMeta(
            number=str(o["number"]),
            date=o["date"] or "",
            lang=o["lang"],
            title=o.get("title", ""),
            issuer=o.get("issuer", ""),
            amends=ActRef(str(o["amends"]["number"]), o["amends"]["date"], o["amends"].get("title", "")),
            entry_into_force=dataclasses.replace(
                _rule_from_dict(e),
                exceptions=tuple(
                    EntryException(tuple(x.get("points", [])), tuple(x.get("subpoints", [])), _rule_from_dict(x))
                    for x in e.get("exceptions", [])
                ),
            ),
            first_publication=o.get("first_publication"),
            act_word=o.get("act_word", "бұйрығы"),
            first_publication_assumed=bool(o.get("first_publication_assumed", False)),
        )
        operations = tuple(
            Operation(
                seq=int(op["seq"]),
                op=op["op"],
                unit=op["unit"],
                annex=op["annex"],
                target=Target.from_dict(op["target"]),
                old_words=op.get("old_words"),
                new_words=op.get("new_words"),
                scope=op.get("scope"),
                act=ActRef(str(op["act"]["number"]), op["act"]["date"]) if op.get("act") else None,
                amends=_act_ref_from_dict(op["amends"]) if op.get("amends") else None,
                position=op.get("position"),
                content=tuple(units_from_list(op.get("content", []), where=f"{where}, operation {op['seq']}")),
                provisions=tuple(
                    node_from_dict(n, f"operations[{op['seq']}].provisions[{i}]", where)
                    for i, n in enumerate(op.get("provisions", []))
                ),
                source=Source(
                    op["source"].get("file", where),
                    int(op["source"]["line"]),
                    op["source"].get("text", ""),
                    op["source"].get("point"),
                    op["source"].get("subpoint"),
                ),
            )
            for op in data["operations"]
        )
        cleanups = tuple(Cleanup(c["raw"], c["clean"], c["kind"], int(c["line"])) for c in data.get("cleanups", []))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"not the JSON of a parsed order ({exc})", where=where) from exc
    return Amendment(order=order, operations=operations, cleanups=cleanups)
