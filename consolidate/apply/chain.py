"""Chains of amending orders and versions in time.

Orders apply in the order they came into force (then of signing); a version "as of" a
date holds the orders in force by then. An order whose first publication is not known
has no date of entry into force: it is applied last when every order is asked for, and
left out (and listed) of a version as of a date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from consolidate.apply.fuzzy import FuzzyDecision
from consolidate.apply.tree_apply import apply_to_tree
from consolidate.errors import ApplyError, ConsolidateError
from consolidate.gcpause import collector_paused
from consolidate.model.act import Act
from consolidate.model.amendment import Amendment
from consolidate.model.table_tree import act_to_document, document_to_act
from consolidate.timeline.entry_into_force import in_force_date


@dataclass(frozen=True)
class Step:
    """One order in a chain, with the date it comes into force (None when unknown)."""

    amendment: Amendment
    in_force: dt.date | None

    @property
    def number(self) -> str:
        return self.amendment.order.number

    def sort_key(self) -> tuple[int, str, str, str]:
        order = self.amendment.order
        day = self.in_force.isoformat() if self.in_force is not None else ""
        return (0 if day else 1, day, order.date, order.number)


@dataclass
class Chain:
    """The orders applied to a base, in order, and those left out."""

    applied: list[Step] = field(default_factory=list)
    left_out: list[tuple[Step, str]] = field(default_factory=list)  # (step, reason)


def _parts(amendment: Amendment) -> list[Step]:
    """One step per date of entry into force: an order whose parts come into force on
    different days (its entry-into-force point says so) is applied in as many steps."""
    order = amendment.order
    published = dt.date.fromisoformat(order.first_publication) if order.first_publication else None
    signed = dt.date.fromisoformat(order.date) if order.date else None  # a law's text may not print it
    groups: dict[dt.date | None, list] = {}
    for op in amendment.operations:
        try:
            in_force = in_force_date(op.rule(order), published, signed)
        except ConsolidateError as error:  # a period or date out of range: name the order
            raise ConsolidateError(error.message, where=error.where or f"order № {order.number}") from None
        groups.setdefault(in_force, []).append(op)
    if len(groups) == 1:
        ((date, _),) = groups.items()
        return [Step(amendment, date)]
    return [Step(dataclasses.replace(amendment, operations=tuple(ops)), date) for date, ops in groups.items()]


def plan(amendments: list[Amendment], as_of: dt.date | None = None) -> Chain:
    """Order the amendments by entry into force (then signing); keep those in force `as_of`."""
    steps = [step for amendment in amendments for step in _parts(amendment)]
    chain = Chain()
    for step in sorted(steps, key=Step.sort_key):
        if as_of is None:
            chain.applied.append(step)
        elif step.in_force is None:
            chain.left_out.append((step, "no date of entry into force (first publication unknown)"))
        elif step.in_force > as_of:
            chain.left_out.append((step, f"comes into force on {step.in_force.isoformat()}"))
        else:
            chain.applied.append(step)
    return chain


def apply_chain(base: Act, chain: Chain) -> list[Act]:
    """Every version: the base, then one after each order of the chain (see `apply_chain_noting`)."""
    return apply_chain_noting(base, chain)[0]


def apply_chain_noting(base: Act, chain: Chain) -> tuple[list[Act], list[FuzzyDecision]]:
    """Every version, and the decisions taken on a likeness while applying (`apply.fuzzy`).

    Two orders in force on the same day that restate the same unit are a conflict: which
    wording is law cannot be told from the texts, so it is an error, not a silent choice.
    The orders are applied to the provision tree of the base by the tree engine
    (`apply.tree_apply`); each version returned is the table model's view of its tree.
    """
    versions = [base]
    fuzzy: list[FuzzyDecision] = []
    restated_on: dict[tuple[str, str, str], tuple[dt.date, str]] = {}
    with collector_paused():  # each version is tens of thousands of new objects
        document = act_to_document(base)
        for step in chain.applied:
            in_force = step.in_force.isoformat() if step.in_force else None
            for op in step.amendment.operations:
                if op.words_at_the_end:  # a table's cells have no place for them
                    raise ApplyError("words added at the end of a unit (no anchor words) are not applied yet",
                                     where=op.where)  # fmt: skip
            document, _ = apply_to_tree(document, step.amendment, in_force, fuzzy, table=True)
            act = document_to_act(document)
            _check_same_day_restatements(act, step, restated_on)
            versions.append(act)
    return versions, fuzzy


def _check_same_day_restatements(act: Act, step: Step, seen: dict[tuple[str, str, str], tuple[dt.date, str]]) -> None:
    if step.in_force is None:
        return
    order = step.amendment.order
    for annex in act.annexes:
        for unit in annex.units:
            if not any(c.action == "restated" and c.order_number == order.number for c in unit.changes):
                continue
            key = (annex.num, unit.type, unit.num)
            earlier = seen.get(key)
            if earlier is not None and earlier[0] == step.in_force and earlier[1] != order.number:
                raise ApplyError(
                    f"orders {earlier[1]} and {order.number} both restate {unit.type} {unit.num} of annex "
                    f"{annex.num} and both come into force on {step.in_force.isoformat()}",
                    where=f"order {order.number}",
                )
            seen[key] = (step.in_force, order.number)
