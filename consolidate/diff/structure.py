"""Compare two versions of an act by structure first, then word by word.

A flat text diff of two tables misaligns rows: insert one row at the top and a character
diff happily pairs every row with its neighbour. Here units are matched by their address
instead, which is what the amending orders themselves use:

- annexes by number;
- chapters by chapter number, paragraphs by (chapter, paragraph number), rows by row
  number (row numbers are unique within an annex and run on across chapters).

Every unit then gets one kind (see `consolidate.diff.model.KINDS`), and only units whose
text differs are compared word by word. Everything is dict lookups and single passes, so
the cost is linear in the number of units plus the size of the changed texts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence, Set
from functools import lru_cache
from typing import TypeVar

from consolidate.diff.model import AnnexDiff, FrontChange, Piece, TextDiff, UnitChange, VersionDiff
from consolidate.diff.words import cell_text, diff_items, diff_words
from consolidate.gcpause import collector_paused
from consolidate.model.act import Act, Annex
from consolidate.model.units import COLUMNS, CellValue, ParagraphHeading, Row, Unit, empty_value

Key = tuple[Hashable, ...]
T = TypeVar("T")


def diff_versions(old: Act, new: Act, author: str = "", date: str = "") -> VersionDiff:
    """What changed from `old` to `new`, annex by annex and unit by unit.

    `author` and `date` are carried for the tracked-changes output (the amending order's
    issuer and date); they do not affect the comparison. `meta["orders"]` names the
    orders applied in `new` and not in `old`, in the order they were applied.
    """
    with collector_paused():
        return _diff_versions(old, new, author, date)


def _diff_versions(old: Act, new: Act, author: str, date: str) -> VersionDiff:
    old_by_num = {annex.num: annex for annex in old.annexes}
    new_by_num = {annex.num: annex for annex in new.annexes}
    pairs = _merge_order(
        [(a.num, a) for a in old.annexes], [(a.num, a) for a in new.annexes], old_by_num.keys() & new_by_num.keys()
    )
    annexes = tuple(_diff_annex(o, n) for o, n in pairs)
    known = {order.number for order in old.applied}
    fresh = [order for order in new.applied if order.number not in known]
    meta = {"orders": ", ".join(o.number for o in fresh), "order_dates": ", ".join(o.date for o in fresh)}
    front = tuple(change for change in _front_units(old, new) if change is not None)
    return VersionDiff(old=old, new=new, annexes=annexes, author=author, date=date, meta=meta, front=front)


def _front_units(old: Act, new: Act) -> Iterator[FrontChange | None]:
    """The act's own units outside the tables, in document order: the title, the preamble,
    the points, the signature block, then each annex's title and column headers. The
    preamble and the signature are always listed (the summary says "no changes" of them);
    the others only when they changed, so that a diff of table changes reads as before."""
    yield _changed(_front("title", [old.title], [new.title], (("title", ""),)))
    yield _front("preamble", old.preamble, new.preamble, (("preamble", ""),))
    old_points = {p.num: p for p in old.points}
    new_points = {p.num: p for p in new.points}
    for num in _nums_in_order([p.num for p in old.points], [p.num for p in new.points]):
        was, now = old_points.get(num), new_points.get(num)
        yield _changed(_front(f"point_{num}", was.text if was else [], now.text if now else [], (("point", num),)))
    yield _front("signature", old.signature, new.signature, (("signature", ""),))
    old_annexes = {a.num: a for a in old.annexes}
    for annex in new.annexes:
        before = old_annexes.get(annex.num)
        if before is None:  # a new annex is its own change, with its table
            continue
        where = (("att", annex.num),)
        yield _changed(_front(f"{annex.eid}__title", [before.title], [annex.title], (*where, ("title", ""))))
        yield _changed(
            _front(f"{annex.eid}__header", _header(before), _header(annex), (*where, ("header", "")))
        )


def _header(annex: Annex) -> list[str]:
    """The printed column headers of an annex's table, in column order."""
    return list(annex.header.values())


def _nums_in_order(old: list[str], new: list[str]) -> list[str]:
    """The numbers of both versions: the new order, an old-only number after its predecessor."""
    pairs = _merge_order([(n, n) for n in old], [(n, n) for n in new], set(old) & set(new))
    return [now if now is not None else was for was, now in pairs if (now or was) is not None]


def _changed(change: FrontChange | None) -> FrontChange | None:
    return change if change is not None and change.kind != "unchanged" else None


def _front(eid: str, old: list[str], new: list[str], path: tuple[tuple[str, str], ...]) -> FrontChange | None:
    """One of the act's own units compared as a whole (None: neither version has it)."""
    if not old and not new:
        return None
    kind = "inserted" if not old else "deleted" if not new else "unchanged" if old == new else "restated"
    pieces = diff_words("\n".join(old), "\n".join(new)) if kind != "unchanged" else ()
    return FrontChange(eid, kind, tuple(old), tuple(new), pieces, path)


def _merge_order(
    old: Sequence[tuple[Hashable, T]], new: Sequence[tuple[Hashable, T]], matched: Set[Hashable]
) -> list[tuple[T | None, T | None]]:
    """Pairs (old, new) in document order: the new order, each old-only item right after
    the last matched item that preceded it in the old order (first when none did)."""
    old_map = {key: item for key, item in old}
    after: dict[Hashable, list[T]] = {}
    anchor: Hashable = None
    for key, item in old:
        if key in matched:
            anchor = key
        else:
            after.setdefault(anchor, []).append(item)
    result: list[tuple[T | None, T | None]] = [(item, None) for item in after.get(None, ())]
    for key, item in new:
        result.append((old_map[key], item) if key in matched else (None, item))
        if key in matched:
            result.extend((dropped, None) for dropped in after.get(key, ()))
    return result


def unit_key(unit: Unit) -> Key:
    """The address a unit is matched by: a paragraph's number is only unique in its chapter."""
    if isinstance(unit, ParagraphHeading):
        return ("paragraph", unit.chapter or "", unit.num)
    return (unit.type, unit.num)


def _keys(units: Sequence[Unit]) -> list[Key]:
    """Unique keys: a malformed version with a number twice still diffs, occurrence by occurrence."""
    seen: dict[Key, int] = {}
    keys = []
    for unit in units:
        key = unit_key(unit)
        count = seen.get(key, 0)
        seen[key] = count + 1
        keys.append((*key, count))
    return keys


_COLUMN_SET = frozenset(COLUMNS)


def _columns(*rows: Row) -> tuple[str, ...]:
    """The cell columns of the rows: the table's, then any other a row happens to have."""
    if all(row.cells.keys() <= _COLUMN_SET for row in rows):
        return COLUMNS
    extra = [c for row in rows for c in row.cells if c not in _COLUMN_SET]
    return (*COLUMNS, *dict.fromkeys(extra))


def _values(row: Row, columns: tuple[str, ...]) -> list[CellValue]:
    """The effective values of `columns` (a missing cell is an empty one)."""
    cells = row.cells
    return [cells[c] if c in cells else empty_value(c) for c in columns]


def _same_content(old: Unit, new: Unit) -> bool:
    """Do two units at the same address say the same? Effective values only: merges, notes
    and history are not content, so a row whose merged cell an insertion split is equal."""
    if isinstance(old, Row) and isinstance(new, Row):
        if old.repealed != new.repealed:
            return False
        if old.cells == new.cells:  # the usual case, compared in C
            return True
        columns = _columns(old, new)
        return _values(old, columns) == _values(new, columns)
    if isinstance(old, Row) or isinstance(new, Row):
        return False
    return old.heading == new.heading


def _content(unit: Unit) -> Hashable:
    """What a unit says, hashable, to pair an unmatched old unit with an unmatched new one."""
    if isinstance(unit, Row):
        values = tuple(tuple(v) if isinstance(v, list) else v for v in _values(unit, COLUMNS))
        return ("row", unit.repealed, values)
    return (unit.type, unit.heading)


def _is_empty(unit: Unit) -> bool:
    if isinstance(unit, Row):
        return unit.repealed or not any(_values(unit, _columns(unit)))
    return not unit.heading


def _fields(old: Unit | None, new: Unit | None) -> list[tuple[str, CellValue | None, CellValue | None]]:
    """(field, old value, new value) of every field: a row's cells in table order, or a heading.
    None is the field of a unit that the version does not have (inserted or deleted)."""
    if isinstance(old, Row) or isinstance(new, Row):
        rows = [u for u in (old, new) if isinstance(u, Row)]
        columns = _columns(*rows)
        nothing: list[CellValue | None] = [None] * len(columns)
        olds: list[CellValue | None] = [*_values(old, columns)] if isinstance(old, Row) else nothing
        news: list[CellValue | None] = [*_values(new, columns)] if isinstance(new, Row) else nothing
        return list(zip(columns, olds, news, strict=True))
    return [("heading", None if old is None else old.heading, None if new is None else new.heading)]


def _texts(old: Unit | None, new: Unit | None, compare: bool) -> tuple[TextDiff, ...]:
    """Every field of the unit, so that a renderer can print the whole row.

    Only a changed unit (`compare`) is diffed word by word; the fields of an inserted,
    deleted, moved or unchanged unit are one insert, delete or equal piece each, which
    costs nothing and keeps the diff linear.
    """
    if not compare and old is not None and new is not None:  # the usual unit: unchanged, all equal
        return tuple(TextDiff(name, o, n, _equal(cell_text(n))) for name, o, n in _fields(old, new))  # type: ignore[arg-type]
    result = []
    for name, old_value, new_value in _fields(old, new):
        blank: CellValue = "" if name == "heading" else empty_value(name)
        old_cell = blank if old_value is None else old_value
        new_cell = blank if new_value is None else new_value
        if compare and isinstance(old_cell, list) and isinstance(new_cell, list):
            pieces = diff_items(old_cell, new_cell)
        elif compare:
            pieces = diff_words(cell_text(old_cell), cell_text(new_cell))
        elif old_value is None:
            text = cell_text(new_cell)
            pieces = (Piece("insert", text),) if text else ()
        elif new_value is None:
            text = cell_text(old_cell)
            pieces = (Piece("delete", text),) if text else ()
        else:
            text = cell_text(new_cell)
            pieces = (Piece("equal", text),) if text else ()
        result.append(TextDiff(field=name, old=old_cell, new=new_cell, pieces=pieces))
    return tuple(result)


@lru_cache(maxsize=1 << 16)
def _equal(text: str) -> tuple[Piece, ...]:
    """The pieces of a text that did not change; shared, as pieces are immutable (a big table
    repeats the same cells thousands of times)."""
    return (Piece("equal", text),) if text else ()


def _orders(old: Unit, new: Unit) -> tuple[str, ...]:
    """Numbers of the orders in the new unit's history that the old unit's does not have."""
    known = {change.order_number for change in old.changes}
    return tuple(dict.fromkeys(c.order_number for c in new.changes if c.order_number not in known))


def _restated_again(old: Unit, new: Unit) -> bool:
    """Did a newer order restate the unit (possibly in the very same words)?"""
    return any(c.action == "restated" and c not in old.changes for c in new.changes)


def _kind(old: Unit, new: Unit) -> tuple[str, bool]:
    """The kind of a unit present at the same address in both versions, and `same_words`."""
    if isinstance(new, Row) and isinstance(old, Row) and new.repealed and not old.repealed:
        return "repealed", False
    if not isinstance(new, Row) and not isinstance(old, Row) and old.heading and not new.heading:
        return "repealed", False
    if not _same_content(old, new):
        return "restated", False
    if _restated_again(old, new):
        return "restated", True
    return "unchanged", False


def _diff_annex(old: Annex | None, new: Annex | None) -> AnnexDiff:
    """The changes of one annex, every unit in document order."""
    annex = new if new is not None else old
    assert annex is not None
    if old is None or new is None:
        kind = "inserted" if old is None else "deleted"
        changes = tuple(_single(kind, annex, unit) for unit in annex.units)
        return AnnexDiff(num=annex.num, title=annex.title, changes=changes)

    old_keys, new_keys = _keys(old.units), _keys(new.units)
    old_index = {key: i for i, key in enumerate(old_keys)}
    new_index = {key: i for i, key in enumerate(new_keys)}
    matched = old_index.keys() & new_index.keys()

    # Moved: an old-only and a new-only unit saying exactly the same (non-empty) thing.
    moved_from: dict[int, int] = {}  # new index -> old index
    by_content: dict[Hashable, list[int]] = {}
    for i, key in enumerate(old_keys):
        unit = old.units[i]
        if key not in matched and not _is_empty(unit):
            by_content.setdefault(_content(unit), []).append(i)
    if by_content:
        for j, key in enumerate(new_keys):
            if key in matched:
                continue
            candidates = by_content.get(_content(new.units[j]))
            if candidates:
                moved_from[j] = candidates.pop(0)
    moved_old = set(moved_from.values())

    order = _merge_order(
        [(key, i) for i, key in enumerate(old_keys) if i not in moved_old],
        [(key, j) for j, key in enumerate(new_keys)],
        matched,
    )
    changes = []
    for i, j in order:
        if j is None:
            assert i is not None
            changes.append(_single("deleted", old, old.units[i]))
        elif i is not None:
            changes.append(_pair(old.units[i], new, new.units[j]))
        elif j in moved_from:
            changes.append(_moved(old.units[moved_from[j]], new, new.units[j]))
        else:
            changes.append(_single("inserted", new, new.units[j]))
    return AnnexDiff(num=new.num, title=new.title, changes=tuple(changes))


def _single(kind: str, annex: Annex, unit: Unit) -> UnitChange:
    """A unit of one version only: inserted (it is new) or deleted (it is old)."""
    old, new = (None, unit) if kind == "inserted" else (unit, None)
    orders = tuple(dict.fromkeys(c.order_number for c in unit.changes)) if kind == "inserted" else ()
    return UnitChange(
        kind=kind, annex=annex.num, type=unit.type, num=unit.num, eid=annex.unit_eid(unit),
        old=old, new=new, texts=_texts(old, new, compare=False), orders=orders,
    )  # fmt: skip


def _pair(old: Unit, annex: Annex, new: Unit) -> UnitChange:
    """A unit at the same address in both versions."""
    kind, same_words = _kind(old, new)
    return UnitChange(
        kind=kind, annex=annex.num, type=new.type, num=new.num, eid=annex.unit_eid(new),
        old=old, new=new, texts=_texts(old, new, compare=kind != "unchanged" and not same_words),
        same_words=same_words, orders=_orders(old, new),
    )  # fmt: skip


def _moved(old: Unit, annex: Annex, new: Unit) -> UnitChange:
    """The same content under another address."""
    return UnitChange(
        kind="moved", annex=annex.num, type=new.type, num=new.num, eid=annex.unit_eid(new),
        old=old, new=new, texts=_texts(old, new, compare=False), old_num=old.num, orders=_orders(old, new),
    )  # fmt: skip
