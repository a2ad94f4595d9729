"""An act of the data folder in time, behind one small interface for both kinds of act.

Order 550 is held as qualification tables (`model/act.py`, applied by `apply.chain`);
every act made by `consolidate import` is a provision tree (`model/tree.py`, applied by
`apply.tree_chain`) with its own exports and review files. The pages ask a `Timeline`
the same few things whatever the kind (its versions with their dates, a version as a
file, the review files of two versions, the history of a unit, the exported page with
its units linked), and `timeline()` is the one place that tells the kinds apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from consolidate.apply.chain import Chain, apply_chain_noting, plan
from consolidate.apply.fuzzy import warning_lines
from consolidate.apply.tree_chain import STEMS, TreeVersion, decisions_of, load_tree, require_tree, tree_versions
from consolidate.model.act import Act
from consolidate.model.amendment import Amendment
from consolidate.model.tree import Document
from consolidate.serve.data import ActKind, ActSource, amending_orders
from consolidate.serve.views import (
    HistoryView,
    VersionView,
    history,
    in_force_line,
    link_rows,
    link_units,
    version_views,
)
from consolidate.serve.views import tree_history as tree_history_view
from consolidate.sources import load_version, published_on

FORMATS = ("html", "docx", "xml", "txt", "json")
"""The formats a page offers for a version of either kind (the command line's default set)."""


class Timeline(Protocol):
    """An act with the orders of the data folder that amend it, applied in time: version 0
    is the base, version i the act after the i-th order of the chain."""

    source: ActSource
    orders: list[Amendment]
    chain: Chain
    problems: list[str]  # order folders that could not be read, doubts about the chain
    warnings: list[str]  # decisions taken on a likeness (`apply.fuzzy`), naming both sides

    @property
    def number(self) -> str: ...

    @property
    def title(self) -> str: ...

    def __len__(self) -> int: ...

    def views(self) -> list[VersionView]:
        """Each version with its order's dates."""
        ...

    def in_force(self, index: int) -> str:
        """The line "in force from 05.06.2026" of a version."""
        ...

    def render(self, index: int, fmt: str) -> bytes:
        """A version in one of `FORMATS`."""
        ...

    def review(self, old: int, new: int) -> dict[str, bytes]:
        """The four review files of version `new` against version `old`."""
        ...

    def summary(self, old: int, new: int) -> list[str]:
        """The change from version `old` to `new` in a few lines, as `consolidate diff`."""
        ...

    def link_units(self, page: bytes, history_href: str) -> bytes:
        """The HTML export of a version (`page`), each unit made a link to its history."""
        ...

    def history(self, index: int, eid: str) -> HistoryView | None:
        """What happened to a unit up to version `index`; None when it never was there."""
        ...


def stem(source: ActSource) -> str:
    """The stem of a version's file names: "kaz" or "rus"."""
    return STEMS[source.lang]


def file_names(source: ActSource) -> list[str]:
    return [f"{stem(source)}.{fmt}" for fmt in FORMATS]


@dataclass
class TableTimeline:
    """Order 550's kind: an `Act` of qualification tables and its versions."""

    source: ActSource
    base: Act
    orders: list[Amendment]
    chain: Chain
    versions: list[Act]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def number(self) -> str:
        return self.base.number

    @property
    def title(self) -> str:
        return self.versions[-1].title

    def __len__(self) -> int:
        return len(self.versions)

    def views(self) -> list[VersionView]:
        return version_views(self.base.number, self.base.date, self.chain)

    def in_force(self, index: int) -> str:
        return in_force_line(self.versions[index])

    def render(self, index: int, fmt: str) -> bytes:
        from consolidate.export import render

        return render(self.versions[index], fmt)

    def review(self, old: int, new: int) -> dict[str, bytes]:
        from consolidate.export.review import render_review, review_diff

        return render_review(review_diff(self.versions[old], self.versions[new]))

    def summary(self, old: int, new: int) -> list[str]:
        from consolidate.diff.summary import summary_lines
        from consolidate.export.review import review_diff

        return summary_lines(review_diff(self.versions[old], self.versions[new]))

    def link_units(self, page: bytes, history_href: str) -> bytes:
        return link_rows(page, history_href)

    def history(self, index: int, eid: str) -> HistoryView | None:
        return history(self.versions[: index + 1], self.views()[: index + 1], eid)


@dataclass
class TreeTimeline:
    """An imported act: a provision tree (`Document`) and its versions."""

    source: ActSource
    base: Document
    orders: list[Amendment]
    chain: Chain
    versions: list[TreeVersion]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the tree engine's decisions (`apply.fuzzy`)

    @property
    def number(self) -> str:
        return self.base.identity.number or "(unknown)"

    @property
    def title(self) -> str:
        return self.versions[-1].document.title

    def __len__(self) -> int:
        return len(self.versions)

    def views(self) -> list[VersionView]:
        return version_views(self.base.identity.number, self.base.identity.date, self.chain)

    def in_force(self, index: int) -> str:
        from consolidate.labels import print_date

        document = self.versions[index].document
        if not document.applied:
            date = document.identity.date
            return f"original text of {print_date(date)}" if date else "original text (its date is not known)"
        if any(not order.in_force for order in document.applied):
            return "in force from: unknown (a publication date is missing)"
        return f"in force from {print_date(max(order.in_force for order in document.applied))}"

    def render(self, index: int, fmt: str) -> bytes:
        from consolidate.export.tree_outputs import TREE_RENDERERS

        return TREE_RENDERERS[fmt](self.versions[index].document)

    def review(self, old: int, new: int) -> dict[str, bytes]:
        from consolidate.export.tree_review import render_tree_review

        return render_tree_review(self.versions[old].document, self.versions[new].document)

    def summary(self, old: int, new: int) -> list[str]:
        from consolidate.diff.tree_diff import diff_trees

        changes = diff_trees(self.versions[old].document, self.versions[new].document)
        counts: dict[str, int] = {}
        for change in changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        return [f"{len(changes)} units changed{f' ({kinds})' if kinds else ''}"] + [
            f"{change.kind}\t{change.eid}" for change in changes
        ]

    def link_units(self, page: bytes, history_href: str) -> bytes:
        return link_units(page, history_href)

    def history(self, index: int, eid: str) -> HistoryView | None:
        from consolidate.apply.tree_history import unit_history

        shown = self.versions[: index + 1]
        return tree_history_view(unit_history(shown, eid), shown, self.views()[: index + 1], eid)


def identity(source: ActSource) -> tuple[str, str]:
    """The act's number and date (empty when an imported act does not know them)."""
    if source.kind is ActKind.TREE:
        document = load_tree(require_tree(source.folder, source.lang))
        return document.identity.number, document.identity.date
    act = load_version(source.folder, source.lang)
    return act.number, act.date


def _with_upload(orders: list[Amendment], extra: Amendment | None) -> list[Amendment]:
    """`extra` (an uploaded order) takes the place of a data-folder order with the same
    number and date (a new text of the same order, which keeps that order's first
    publication unless the upload gives its own), or joins the chain."""
    if extra is None:
        return orders
    same = (extra.order.number, extra.order.date)
    replaced = [o for o in orders if (o.order.number, o.order.date) == same]
    earlier = next((o.order for o in replaced if o.order.first_publication), None)
    if extra.order.first_publication is None and earlier is not None and earlier.first_publication:
        extra = published_on(extra, earlier.first_publication, earlier.first_publication_assumed)
    return [o for o in orders if (o.order.number, o.order.date) != same] + [extra]


def timeline(data, source: ActSource, as_of: dt.date | None = None, extra: Amendment | None = None) -> Timeline:
    """The act's versions: the base, then one after each order in force (`as_of`, or all),
    `extra` (an uploaded order) among them."""
    if source.kind is ActKind.TREE:
        base_tree = load_tree(require_tree(source.folder, source.lang))
        ident = base_tree.identity
        orders, problems = amending_orders(data, source.lang, ident.number, ident.date)
        orders = _with_upload(orders, extra)
        chain = plan(orders, as_of)
        versions, warnings = tree_versions(base_tree, orders, as_of)
        # The first warnings are the orders left out, which the pages list from the chain.
        return TreeTimeline(source, base_tree, orders, chain, versions, problems + warnings[len(chain.left_out) :],
                            warning_lines(decisions_of(versions)))  # fmt: skip
    base = load_version(source.folder, source.lang)
    orders, problems = amending_orders(data, source.lang, base.number, base.date)
    orders = _with_upload(orders, extra)
    chain = plan(orders, as_of)
    acts, fuzzy = apply_chain_noting(base, chain)
    return TableTimeline(source, base, orders, chain, acts, problems, warning_lines(fuzzy))
