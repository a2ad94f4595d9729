"""Orders applied in time to an act held as a provision tree (a base made by `import`).

The same rules as for Order 550's table base (`apply.chain`): orders apply in the order
they came into force, then of signing; a version "as of" a date holds the orders in force
by then. On top, each order must amend this act (its number and date, where the base
knows them) and be written in the base's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from consolidate.apply.chain import plan
from consolidate.apply.fuzzy import FuzzyDecision
from consolidate.apply.notes import require_identity
from consolidate.apply.tree_apply import NotesMade, TreeChange, apply_to_tree
from consolidate.apply.tree_table import counted_from_assumed_date
from consolidate.errors import ApplyError, InputError
from consolidate.fileio import read_bytes
from consolidate.model.amendment import Amendment
from consolidate.model.tree import Applied, Document

STEMS = {"kk": "kaz", "ru": "rus"}
_MARK = b"https://consolidate.kz/ns/1.0"


def tree_file(path: Path, lang: str | None = None) -> Path | None:
    """The base file of a tree base (a folder written by `import`, or its XML), else None."""
    if path.is_dir():
        # The language asked for; a folder holding one language only is that language's base.
        candidates = [path / f"{stem}.xml" for stem in STEMS.values() if (path / f"{stem}.xml").is_file()]
        wanted = [c for c in candidates if lang in STEMS and c.stem == STEMS[lang]]
        if wanted:
            path = wanted[0]
        elif len(candidates) == 1:
            path = candidates[0]
        else:
            return None
    if path.suffix != ".xml" or not path.is_file():
        return None
    data = path.read_bytes()
    return path if is_tree_xml(data) and not holds_tables(data) else None


def is_tree_xml(data: bytes) -> bool:
    """AKN written from a provision tree (`akn.tree_xml`): our namespace and the act's identity."""
    head = data[:65536]
    return _MARK in head and b"<cz:identity" in head


def holds_tables(data: bytes) -> bool:
    """A tree whose annexes are tables of row units (Order 550 kept as a tree): the columns
    of its tables are in its annexes' meta. Such a base is read as the table model's view
    (`sources.load_version`) and its orders applied through the same chain as Order 550's."""
    return b"<cz:column " in data


def load_tree(path: Path) -> Document:
    from consolidate.akn.tree_xml import tree_from_xml

    return tree_from_xml(read_bytes(path), str(path))


@dataclass(frozen=True)
class TreeVersion:
    """A version and the changes that made it from the one before (none for the base),
    with the decisions taken making it that its amending text does not literally make
    (`apply.fuzzy`: warnings, or errors with --strict)."""

    document: Document
    changes: tuple[TreeChange, ...] = ()
    order: str = ""
    operations: int = 0
    decisions: tuple[FuzzyDecision, ...] = ()


def _check(base: Document, amendment: Amendment, warnings: list[str]) -> None:
    order = amendment.order
    where = f"order {order.number}"
    require_identity(amendment)  # its notes must name it: never a note with an empty field
    if order.lang != base.identity.lang:
        raise ApplyError(
            f"the order is in {order.lang}, the base in {base.identity.lang}: apply each language's text to its base",
            where=where,
        )
    identity = base.identity
    if any(op.amends for op in amendment.operations):
        return  # a law names the act of each operation: `act_match.for_base` kept this base's
    if identity.number and identity.date:
        if (order.amends.number, order.amends.date) != (identity.number, identity.date):
            raise ApplyError(
                f"the order amends act № {order.amends.number} of {order.amends.date}, "
                f"the base is № {identity.number} of {identity.date}",
                where=where,
            )
    else:
        warnings.append(
            f"{where}: the base does not know its number and date; that the order amends it "
            f"(№ {order.amends.number} of {order.amends.date}) is not checked"
        )


def tree_versions(
    base: Document, amendments: list[Amendment], as_of: dt.date | None = None
) -> tuple[list[TreeVersion], list[str]]:
    """Every version, from the base, and the warnings met; orders left out are warned of.
    Of a text amending several acts, only the operations amending this base are applied."""
    from consolidate.apply.act_match import for_base

    matched: list[str] = []
    amendments = [for_base(base, amendment, matched) for amendment in amendments]
    chain = plan(amendments, as_of)
    warnings = matched + [f"order {step.number} left out: {reason}" for step, reason in chain.left_out]
    versions = [TreeVersion(base)]
    notes_made: NotesMade = {}
    for step in chain.applied:
        _check(base, step.amendment, warnings)
        decisions: list[FuzzyDecision] = []
        document, changes = apply_to_tree(versions[-1].document, step.amendment, fuzzy=decisions, notes_made=notes_made)
        order = step.amendment.order
        in_force = step.in_force.isoformat() if step.in_force else ""
        document.applied.append(
            Applied(
                number=order.number,
                date=order.date,
                title=order.title,
                issuer=order.issuer,
                in_force=in_force,
                in_force_assumed=counted_from_assumed_date(step.amendment, in_force or None),
            )
        )
        versions.append(
            TreeVersion(document, tuple(changes), order.number, len(step.amendment.operations), tuple(decisions))
        )
    return versions, warnings


def decisions_of(versions: list[TreeVersion]) -> list[FuzzyDecision]:
    """Every decision taken making the versions, in the order taken."""
    return [decision for version in versions for decision in version.decisions]


def require_tree(path: Path, lang: str | None) -> Path:
    found = tree_file(path, lang)
    if found is None:
        raise InputError("not a base written by 'consolidate import' (no kaz.xml / rus.xml with its identity)",
                         where=str(path))
    return found
