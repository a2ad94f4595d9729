"""Which operations of an amending text amend the base: a law may amend several acts.

Each operation of a law names the act it amends (`Operation.amends`). Only those naming
the base's act are applied: matched by number and date where the law cites a number, by
date and title where it cites none (old laws cite a law by its date and title only). A
base that does not know its date (an imported text with no metadata) is matched by title,
and said so. An operation meant for another act is never applied.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from consolidate.errors import ApplyError
from consolidate.model.amendment import ActRef, Amendment
from consolidate.model.tree import Document


def _title_key(title: str) -> str:
    """A title compared without case, quotes or spaces ("О Республиканскойгвардии" is how a
    bank copy glues "О Республиканской гвардии")."""
    return re.sub(r"[\W_]+", "", title.casefold().replace("ё", "е"))


@dataclass(frozen=True)
class BaseIdentity:
    """What the base says it is: number and date of signing (ISO) where known, and title."""

    number: str
    date: str
    title: str


def amends_base(ref: ActRef, base: BaseIdentity) -> bool | None:
    """Whether `ref` names the base's act; None when only the title could be compared."""
    if base.date:
        if ref.date != base.date:
            return False
        if ref.number and base.number:
            return ref.number == base.number
        return bool(ref.title) and _title_key(ref.title) == _title_key(base.title)
    if ref.title and base.title and _title_key(ref.title) == _title_key(base.title):
        return None
    return False


def for_base(base: Document, amendment: Amendment, warnings: list[str]) -> Amendment:
    """`select` for a tree base (an act imported by `import`)."""
    identity = BaseIdentity(base.identity.number, base.identity.date, base.title)
    return select(identity, amendment, warnings)


def select(base: BaseIdentity, amendment: Amendment, warnings: list[str]) -> Amendment:
    """The amendment with only the operations that amend the base; the acts left out are
    reported in one line. Raises `ApplyError` when no operation amends the base."""
    if not any(op.amends for op in amendment.operations):
        return amendment  # an order: `OrderMeta.amends` is checked against the base as before
    kept = []
    skipped: dict[ActRef, int] = {}
    by_title: set[ActRef] = set()
    for op in amendment.operations:
        ref = op.amends or amendment.order.amends
        verdict = amends_base(ref, base)
        if verdict is False:
            skipped[ref] = skipped.get(ref, 0) + 1
            continue
        if verdict is None:
            by_title.add(ref)
        kept.append(op)
    where = amendment.order.title[:60] or "the amending text"
    if not kept:
        acts = "; ".join(
            ref.label() for ref in dict.fromkeys(op.amends or amendment.order.amends for op in amendment.operations)
        )
        raise ApplyError(f"no operation amends this base; the text amends: {acts}", where=where)
    for ref in sorted(by_title, key=ActRef.label):
        warnings.append(f"{where}: the base does not know its date; {ref.label()} matched to it by title only")
    if skipped:
        count = sum(skipped.values())
        acts = "; ".join(f"{ref.label()} ({n})" for ref, n in skipped.items())
        warnings.append(
            f"{where}: skipped {count} operation{'s' if count != 1 else ''} for {len(skipped)} other "
            f"act{'s' if len(skipped) != 1 else ''}: {acts}"
        )
    order = dataclasses.replace(amendment.order, amends=kept[0].amends or amendment.order.amends)
    return dataclasses.replace(amendment, order=order, operations=tuple(kept))  # seq kept: it names the reading
