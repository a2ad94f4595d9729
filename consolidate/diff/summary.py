"""A plain-text and a JSON summary of a `VersionDiff`: what the orders did, in words.

The summary is what a lawyer checks first ("did Order 192 insert three chapters and
restate eighteen rows, nothing else?"), so it names the units as well as counting them,
and says when a unit was restated in exactly the words it already had: the order did
restate it, even though no word differs, and the summary must not hide that.
"""

from __future__ import annotations

from typing import Any

from consolidate.diff.model import KINDS, AnnexDiff, UnitChange, VersionDiff

TYPES: tuple[str, ...] = ("chapter", "paragraph", "row")
"""Unit types in the order the summary lists them; an unknown type comes after these."""

PLURALS: dict[str, str] = {"chapter": "chapters", "paragraph": "paragraphs", "row": "rows"}


def _noun(unit_type: str, count: int) -> str:
    return unit_type if count == 1 else PLURALS.get(unit_type, unit_type + "s")


def _label(change: UnitChange) -> str:
    """How a unit is named in a list: "7-1", "3 (chapter 17)", "12 (was 11)"."""
    label = change.num
    unit = change.new if change.new is not None else change.old
    chapter = getattr(unit, "chapter", None)
    if change.type == "paragraph" and chapter:
        label += f" (chapter {chapter})"
    if change.old_num is not None and change.old_num != change.num:
        label += f" (was {change.old_num})"
    return label


def _groups(changes: tuple[UnitChange, ...] | list[UnitChange]) -> dict[str, dict[str, list[UnitChange]]]:
    """Changed units by kind, then type, in the fixed order of KINDS and TYPES."""
    groups: dict[str, dict[str, list[UnitChange]]] = {}
    for change in changes:
        if change.kind != "unchanged":
            groups.setdefault(change.kind, {}).setdefault(change.type, []).append(change)
    rank = {t: i for i, t in enumerate(TYPES)}
    return {
        kind: {t: groups[kind][t] for t in sorted(groups[kind], key=lambda t: (rank.get(t, len(TYPES)), t))}
        for kind in KINDS
        if kind in groups
    }


def _line(kind: str, unit_type: str, units: list[UnitChange], with_numbers: bool) -> str:
    text = f"{len(units)} {_noun(unit_type, len(units))} {kind}"
    if with_numbers:
        text += ": " + ", ".join(_label(u) for u in units)
    same = sum(1 for u in units if u.same_words)
    if same:
        text += f" ({same} in the same words)"
    return text


def _annex_heading(annex: AnnexDiff) -> str:
    return f"Annex {annex.num}: {annex.title}" if annex.title else f"Annex {annex.num}"


def summary_lines(diff: VersionDiff) -> list[str]:
    """The summary, one line per annex heading and per (kind, unit type), then the total.

    Per annex the units are named ("3 rows inserted: 26-1, 26-2, 26-3"); the total only
    counts them, since a number alone does not say in which annex a row is.
    """
    lines: list[str] = []
    if diff.meta.get("orders"):
        lines.append(f"Orders applied: {diff.meta['orders']}")
    for front in diff.front:  # the preamble and the signature block: units of the act's own text
        lines.append(f"{front.eid.capitalize()}: {'no changes' if front.kind == 'unchanged' else front.kind}")
    for annex in diff.annexes:
        lines.append(_annex_heading(annex))
        groups = _groups(annex.changes)
        if not groups:
            lines.append("  no changes")
        for kind, by_type in groups.items():
            for unit_type, units in by_type.items():
                lines.append("  " + _line(kind, unit_type, units, with_numbers=True))
    totals = _groups(diff.changes())
    parts = [f"{front.eid} {front.kind}" for front in diff.front_changes()]
    parts += [
        _line(kind, unit_type, units, with_numbers=False)
        for kind, by_type in totals.items()
        for unit_type, units in by_type.items()
    ]
    lines.append("Total: " + (", ".join(parts) if parts else "no changes"))
    return lines


def _counts(groups: dict[str, dict[str, list[UnitChange]]]) -> dict[str, dict[str, int]]:
    return {kind: {t: len(units) for t, units in by_type.items()} for kind, by_type in groups.items()}


def summary_dict(diff: VersionDiff) -> dict[str, Any]:
    """The same summary as JSON-able data.

    {"orders": [...], "front": {"preamble": kind, "signature": kind},
    "annexes": [{"num", "title", "counts": {kind: {type: n}},
    "units": {kind: {type: [num, ...]}}, "same_words": {type: [num, ...]},
    "moved_from": {type: {num: old num}}}], "total": {kind: {type: n}}}.
    Paragraph numbers are given as "chapter/num", since they restart in every chapter.
    """
    annexes = []
    for annex in diff.annexes:
        groups = _groups(annex.changes)
        same: dict[str, list[str]] = {}
        moved_from: dict[str, dict[str, str]] = {}
        for change in annex.changes:
            if change.same_words:
                same.setdefault(change.type, []).append(_num(change))
            if change.old_num is not None:
                moved_from.setdefault(change.type, {})[_num(change)] = change.old_num
        annexes.append(
            {
                "num": annex.num,
                "title": annex.title,
                "counts": _counts(groups),
                "units": {k: {t: [_num(u) for u in units] for t, units in by.items()} for k, by in groups.items()},
                "same_words": same,
                "moved_from": moved_from,
            }
        )
    orders = [o for o in diff.meta.get("orders", "").split(", ") if o]
    front = {change.eid: change.kind for change in diff.front}
    return {"orders": orders, "front": front, "annexes": annexes, "total": _counts(_groups(diff.changes()))}


def _num(change: UnitChange) -> str:
    unit = change.new if change.new is not None else change.old
    chapter = getattr(unit, "chapter", None)
    if change.type == "paragraph" and chapter:
        return f"{chapter}/{change.num}"
    return change.num
